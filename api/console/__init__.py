"""The coordinators' console: the built single-page application served at /console/, and local GraphiQL."""
