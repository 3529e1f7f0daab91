"""Medora: an open, offline-capable clinical evidence engine that answers with cited articles."""

__version__ = "0.1.0"
