"""Extraction: policy documents to graph records, with evidence. Never imports the driver."""
