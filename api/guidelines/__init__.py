"""The guidelines domain: GraphQL types, queries, mutations and rules."""
