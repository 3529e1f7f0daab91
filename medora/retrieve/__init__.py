"""Retrieval: question in, ranked Evidence out (BM25 + dense, fused, weighted by evidence level and recency)."""
