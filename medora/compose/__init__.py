"""Composition: retrieved evidence in, a structured, verified, cited Article out."""
