"""Evaluation: datasets, pure metrics, and runners that write results JSON."""
