"""Signals of the citation model read from the MiniLM vectors retrieval already has: the question's vector (embedded
at ask time) and each retrieved passage's stored vector. No model runs here, only dot products.

Cosine similarity alone ranks sources by topic; which of them BioASQ's experts listed also depends on which
directions of the embedding matter for relevance. A logistic model over the question–source pair (the
elementwise product q⊙s and |q − s|, s the unit mean of a source's retrieved passage vectors) learns that weighting:
its score is one signal. Two more relate a source to the other candidates: its cosine to the best answering source (a study
saying the same thing as the best one is usually also relevant) and its mean cosine to the rest. Fitted on the tuned
part of BioASQ dev only (bench/train_citations.py), shipped as data/vector_relevance.npz."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np

from medora.types import Evidence

WEIGHTS_FILE = "vector_relevance.npz"


@dataclass
class QuestionVectors:
    """The question's unit vector and the stored unit vectors of retrieved passages, by passage id."""

    question: np.ndarray
    passages: dict[int, np.ndarray]

    @classmethod
    def of(cls, found: tuple[np.ndarray, np.ndarray] | None, passages: list[Evidence]) -> QuestionVectors | None:
        """From ``Retriever.vectors`` (question vector, passage rows in the order of ``passages``); None without."""
        if found is None:
            return None
        question, rows = found
        return cls(question, {item.passage_id: row for item, row in zip(passages, rows, strict=True)})

    def source(self, passages: list[Evidence]) -> np.ndarray | None:
        """The unit mean of a source's retrieved passage vectors (None when none of them has a stored vector)."""
        found = [self.passages[item.passage_id] for item in passages if item.passage_id in self.passages]
        if not found:
            return None
        mean = np.mean(found, axis=0)
        norm = float(np.linalg.norm(mean))
        return mean / norm if norm else None


def pair_features(question: np.ndarray, source: np.ndarray) -> np.ndarray:
    """The question–source pair as the learned score reads it: q⊙s then |q − s| (twice the embedding's width)."""
    return np.concatenate([question * source, np.abs(question - source)])


@lru_cache(maxsize=1)
def shipped_weights() -> dict[str, np.ndarray]:
    """The fitted pair model: ``weights`` (one per pair feature, on standardised features), ``mean``, ``scale``,
    ``bias``."""
    with resources.files("medora.compose").joinpath(f"data/{WEIGHTS_FILE}").open("rb") as handle:
        return dict(np.load(handle))


def learned_relevance(question: np.ndarray, source: np.ndarray, model: dict[str, np.ndarray] | None = None) -> float:
    """The pair model's log-odds that the source is one an expert would list for the question."""
    model = model if model is not None else shipped_weights()
    x = (pair_features(question, source) - model["mean"]) / model["scale"]
    return float(x @ model["weights"] + model["bias"])


def relation_signals(vectors: list[np.ndarray], best: int) -> list[tuple[float, float]]:
    """Per candidate source: its cosine to the best answering source's vector (index ``best``) and its mean cosine to
    the other candidates (0 when it is the only one)."""
    if not vectors:
        return []
    matrix = np.vstack(vectors)
    cosines = matrix @ matrix.T
    count = len(vectors)
    return [
        (float(cosines[index, best]), _mean_to_others(cosines, index) if count > 1 else 0.0) for index in range(count)
    ]


def _mean_to_others(cosines: np.ndarray, index: int) -> float:
    """The mean cosine of candidate ``index`` to every other candidate."""
    return float((cosines[index].sum() - cosines[index, index]) / (len(cosines) - 1))
