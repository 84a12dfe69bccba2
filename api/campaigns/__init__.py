"""The campaigns domain: GraphQL types, queries, mutations and rules."""
