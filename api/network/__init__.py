"""The network domain: GraphQL types, queries, mutations and rules."""
