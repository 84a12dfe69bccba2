"""The reference domain: GraphQL types, queries, mutations and rules."""
