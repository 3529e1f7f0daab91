"""Fusing ranked lists. Pure functions over plain data."""

from __future__ import annotations

from collections.abc import Sequence


def reciprocal_rank_fusion(
    rankings: Sequence[Sequence[int]], *, weights: Sequence[float] | None = None, k: int = 60
) -> dict[int, float]:
    """RRF score per id: sum of weight / (k + rank), ranks from 1 (Cormack, Clarke & Buettcher, SIGIR 2009)."""
    weights = weights or [1.0] * len(rankings)
    scores: dict[int, float] = {}
    for ranking, weight in zip(rankings, weights, strict=True):
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return scores
