"""The screening domain: GraphQL types, queries, mutations and rules."""
