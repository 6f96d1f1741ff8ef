"""The read-only HTTP API over the curated queries."""
