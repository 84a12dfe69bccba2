"""Sign-in: password hashing, signing keys, tokens, sessions, throttling and the /auth endpoints."""
