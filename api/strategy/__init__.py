"""The strategy domain: GraphQL types, queries, mutations and rules."""
