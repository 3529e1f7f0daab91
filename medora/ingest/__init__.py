"""Ingestion: files in, Source and Passage rows (and their vectors) out, one transaction per batch."""
