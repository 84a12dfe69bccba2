"""The transmissions domain: GraphQL types, queries, mutations and rules."""
