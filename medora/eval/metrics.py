"""Retrieval and classification metrics. Pure functions over ids and labels."""

from __future__ import annotations

import math
from collections.abc import Sequence


def recall_at_k(ranked: Sequence[str], gold: set[str], k: int) -> float:
    """Hits in the top k divided by min(|gold|, k), so a perfect top-k scores 1 even with many gold items."""
    if not gold:
        return 0.0
    return len(set(ranked[:k]) & gold) / min(len(gold), k)


def cited_recall_at_k(cited: set[str], gold: set[str], k: int = 10) -> float:
    """Gold items among an article's cited sources, capped at k, divided by min(|gold|, k): an article citing every
    gold document (or k of them when there are more) scores 1, whatever order it cites them in."""
    if not gold:
        return 0.0
    return min(len(cited & gold), k) / min(len(gold), k)


def ndcg_at_k(ranked: Sequence[str], gold: set[str], k: int) -> float:
    """Binary-relevance nDCG@k (Järvelin & Kekäläinen, 2002)."""
    if not gold:
        return 0.0
    dcg = sum(1.0 / math.log2(rank + 2) for rank, item in enumerate(ranked[:k]) if item in gold)
    ideal = sum(1.0 / math.log2(rank + 2) for rank in range(min(len(gold), k)))
    return dcg / ideal


def reciprocal_rank(ranked: Sequence[str], gold: set[str], k: int) -> float:
    for rank, item in enumerate(ranked[:k], start=1):
        if item in gold:
            return 1.0 / rank
    return 0.0


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0–100) by linear interpolation."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def accuracy(predicted: Sequence[str], actual: Sequence[str]) -> float:
    return sum(p == a for p, a in zip(predicted, actual, strict=True)) / len(actual) if actual else 0.0


def macro_f1(predicted: Sequence[str], actual: Sequence[str], labels: Sequence[str]) -> float:
    scores = []
    for label in labels:
        tp = sum(p == label and a == label for p, a in zip(predicted, actual, strict=True))
        fp = sum(p == label and a != label for p, a in zip(predicted, actual, strict=True))
        fn = sum(p != label and a == label for p, a in zip(predicted, actual, strict=True))
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        scores.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    return sum(scores) / len(scores) if scores else 0.0
