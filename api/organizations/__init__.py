"""The organizations domain: GraphQL types, queries, mutations and rules."""
