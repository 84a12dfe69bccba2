"""The services domain: GraphQL types, queries, mutations and rules."""
