"""The programmes domain: GraphQL types, queries, mutations and rules."""
