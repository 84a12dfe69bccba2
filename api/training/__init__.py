"""The training domain: GraphQL types, queries, mutations and rules."""
