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


def convex_combination(
    lexical: Sequence[tuple[int, float]], dense: Sequence[tuple[int, float]], *, lexical_share: float = 0.5
) -> dict[int, float]:
    """lexical_share × BM25 (min-max scaled within the candidates) + the rest × cosine similarity (min-max scaled).

    An item missing from one list gets that list's floor (0 after scaling). Score-based fusion keeps how much
    better the first hit is than the tenth, which rank fusion throws away (Bruch, Gai & Ingber, TOIS 2023)."""

    def scaled(items: Sequence[tuple[int, float]]) -> dict[int, float]:
        if not items:
            return {}
        values = [score for _, score in items]
        low, high = min(values), max(values)
        span = (high - low) or 1.0
        return {item: (score - low) / span for item, score in items}

    lexical_scaled, dense_scaled = scaled(lexical), scaled(dense)
    return {
        item: lexical_share * lexical_scaled.get(item, 0.0) + (1 - lexical_share) * dense_scaled.get(item, 0.0)
        for item in set(lexical_scaled) | set(dense_scaled)
    }
