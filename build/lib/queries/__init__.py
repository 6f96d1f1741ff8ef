"""The curated Cypher catalogue: one file per query, read by one registry."""
