"""The reports domain: GraphQL types, queries, mutations and rules."""
