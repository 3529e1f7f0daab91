"""Learned re-scoring of the fused candidates: a logistic model over ranking signals the indexes already hold.

Why not a cross-encoder: on 2 cores a MiniLM cross-encoder over 30 candidates costs about half a second per
question, while these signals (BM25 scores and postings, stored vectors, evidence level) cost about a millisecond.
The weights ship in ``data/ranker.json`` and are refitted by ``bench/train_ranker.py``, which also reports
cross-validated figures. Evidence level is deliberately not a feature: the training pool holds almost no guidelines,
so a learned weight would extrapolate wildly; the multiplicative evidence prior applies after the ranker instead.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path

import numpy as np

FEATURES = (
    "bm25_scaled",  # BM25 min-max scaled within the lexical list (0 when the passage is not in it)
    "cosine_scaled",  # cosine min-max scaled within the dense list (below 0 for lexical-only candidates)
    "cosine",  # raw cosine between question and passage
    "idf_coverage",  # share of the question's IDF mass the passage contains
    "bm25_reciprocal_rank",  # 1 / (1 + rank) in the lexical list; 1 / (1 + list length) when absent
    "dense_reciprocal_rank",  # the same for the dense list
    "in_bm25_list",  # 1 when BM25 found the passage at all
    "consumer_health",  # 1 for plain-language consumer pages (MedQuAD-style), which rarely answer research questions
    "rarest_term_matched",  # IDF of the rarest question word the passage contains / IDF of the rarest overall
    # Consumer pages answer lay questions almost word for word and research questions rarely: these let the
    # ranker trust lexical and semantic match differently for them instead of demoting them wholesale.
    "consumer_x_bm25_scaled",
    "consumer_x_cosine_scaled",
    "consumer_x_idf_coverage",
    "consumer_x_rarest_term_matched",
)


@dataclass(frozen=True)
class CandidateSignals:
    """What is known about each candidate passage of one question, in the order of ``ids``."""

    ids: np.ndarray
    bm25: np.ndarray  # nan when absent from the lexical list
    cosine: np.ndarray
    lexical_rank: np.ndarray  # 0-based; -1 when absent
    dense_rank: np.ndarray  # 0-based; -1 when absent
    term_idf: np.ndarray  # one per question word
    term_present: np.ndarray  # words × candidates, bool
    consumer_health: np.ndarray  # bool
    list_length: int


def feature_matrix(signals: CandidateSignals) -> np.ndarray:
    """Candidates × FEATURES, the columns in the order FEATURES names them."""
    in_lexical = ~np.isnan(signals.bm25)
    bm25 = np.where(in_lexical, signals.bm25, 0.0)
    if in_lexical.any():
        low, high = bm25[in_lexical].min(), bm25[in_lexical].max()
        bm25_scaled = np.where(in_lexical, (bm25 - low) / ((high - low) or 1.0), 0.0)
    else:
        bm25_scaled = np.zeros(len(signals.ids))
    in_dense = signals.dense_rank >= 0
    if in_dense.any():
        low, high = signals.cosine[in_dense].min(), signals.cosine[in_dense].max()
        cosine_scaled = (signals.cosine - low) / ((high - low) or 1.0)
    else:
        cosine_scaled = np.zeros(len(signals.ids))
    total = signals.term_idf.sum() or 1.0
    rarest = signals.term_idf.max() if len(signals.term_idf) else 1.0
    matched = signals.term_present * signals.term_idf[:, None]
    coverage = matched.sum(axis=0) / total if len(signals.term_idf) else np.zeros(len(signals.ids))
    rarest_matched = matched.max(axis=0) / (rarest or 1.0) if len(signals.term_idf) else np.zeros(len(signals.ids))

    def reciprocal(rank: np.ndarray) -> np.ndarray:
        return 1.0 / (1.0 + np.where(rank >= 0, rank, signals.list_length))

    consumer = signals.consumer_health.astype(float)
    return np.column_stack(
        [
            bm25_scaled,
            cosine_scaled,
            signals.cosine,
            coverage,
            reciprocal(signals.lexical_rank),
            reciprocal(signals.dense_rank),
            in_lexical.astype(float),
            consumer,
            rarest_matched,
            consumer * bm25_scaled,
            consumer * cosine_scaled,
            consumer * coverage,
            consumer * rarest_matched,
        ]
    )


class LinearRanker:
    """Probability that a candidate is relevant: sigmoid(weights · standardised features + bias)."""

    def __init__(self, *, weights: list[float], bias: float, mean: list[float], scale: list[float], **about: object):
        self.weights, self.bias = np.asarray(weights, dtype=float), float(bias)
        self.mean, self.scale = np.asarray(mean, dtype=float), np.asarray(scale, dtype=float)
        if not len(self.weights) == len(self.mean) == len(self.scale) == len(FEATURES):
            raise ValueError(f"a ranker needs one weight, mean and scale for each of the {len(FEATURES)} features")
        self.about = about

    @cached_property
    def fingerprint(self) -> str:
        """'ranker@' and the first 12 hex digits of the SHA-256 of its weights: what an article's provenance names
        (worked out once: the weights are set when the ranker is made, and every answer's provenance reads it)."""
        weights = json.dumps(self.to_dict(), sort_keys=True).encode()
        return f"ranker@{hashlib.sha256(weights).hexdigest()[:12]}"

    def probabilities(self, features: np.ndarray) -> np.ndarray:
        logits = ((features - self.mean) / self.scale) @ self.weights + self.bias
        return 1.0 / (1.0 + np.exp(-logits))

    def to_dict(self) -> dict:
        return {
            "features": list(FEATURES),
            "weights": self.weights.round(6).tolist(),
            "bias": round(self.bias, 6),
            "mean": self.mean.round(6).tolist(),
            "scale": self.scale.round(6).tolist(),
        } | self.about

    @classmethod
    def load(cls, path: Path | None = None) -> LinearRanker:
        """The packaged model unless ``path`` is given; refuses a file fitted for other features."""
        if path is None:
            text = resources.files("medora.retrieve").joinpath("data/ranker.json").read_text(encoding="utf-8")
        else:
            text = Path(path).read_text(encoding="utf-8")
        model = json.loads(text)
        if tuple(model.pop("features", ())) != FEATURES:
            raise ValueError("ranker file was fitted for other features; refit it with bench/train_ranker.py")
        return cls(**model)
