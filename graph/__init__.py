"""The graph layer: Neo4j access, repositories (the only home of Cypher) and migrations."""
