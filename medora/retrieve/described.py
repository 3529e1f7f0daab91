"""Which overview a question is closest to by the everyday descriptions of its complaint (library/descriptions.py).

The descriptions are embedded once (about 900 short lines, about two seconds on two cores) on the first question
that needs them, kept beside the indexes for the next process, and compared with the question's own vector: the dense
search already made it. Two readings: the likeness of the closest lines of each overview (``score``), and a
multinomial logistic model fitted on the lines themselves, one class an overview or outside complaint
(``probability``; about a second, kept in the same file). The model learns which directions tell two neighbours
apart ("muddled over the past year" is dementia, "muddled since the infection" delirium), where the closest lines of
both are about as close."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from medora.eval.logistic import fit_logistic, predict_from_features
from medora.retrieve.embed import Embedder
from medora.retrieve.npz_cache import read_arrays, write_arrays

LINES_PER_SCORE = 3  # an overview's likeness is the mean cosine of its closest descriptions: one line alike is noise
MODEL_L2 = 0.01  # the description model's penalty (chosen with select.DESCRIBED_PROBABILITY on the tuned sets)
MODEL_VERSION = "1"  # bump when the model's fitting changes (medora/eval/logistic.py): a cached model is then refitted


@dataclass(frozen=True)
class DescribedMatch:
    """How close a question is to an overview's descriptions (or to a complaint outside the library): ``score`` the
    mean cosine of its ``LINES_PER_SCORE`` closest lines."""

    topic: str
    score: float
    outside: bool = False  # a complaint no overview covers ("frozen shoulder"), not an overview
    probability: float = 0.0  # the description model's probability that the question describes this one


class DescribedIndex:
    """The descriptions' vectors, one row each, with the overview each describes, or the complaint outside the
    library."""

    def __init__(
        self,
        descriptions: dict[str, tuple[str, ...]],
        embedder: Embedder,
        outside: dict[str, tuple[str, ...]] | None = None,
        cache: Path | None = None,
    ) -> None:
        groups = [(topic, lines, False) for topic, lines in descriptions.items()]
        groups += [(label, lines, True) for label, lines in (outside or {}).items()]
        self._topics = [(topic, is_outside) for topic, lines, is_outside in groups for _ in lines]
        self._texts = [line for _, lines, _ in groups for line in lines]
        self._classes = list(dict.fromkeys(self._topics))
        self._vectors, self._model = _cached(self._texts, self._topics, embedder, cache)

    def matches(self, vector: np.ndarray) -> list[DescribedMatch]:
        """Each overview's likeness to ``vector`` (a unit vector), the closest overview (by ``score``) first."""
        if not self._texts:
            return []
        similarity = self._vectors @ vector
        best: dict[tuple[str, bool], list[int]] = {}
        for row in np.argsort(-similarity):
            rows = best.setdefault(self._topics[row], [])
            if len(rows) < LINES_PER_SCORE:
                rows.append(int(row))
        probability = dict(zip(self._classes, _probabilities(self._model, vector)))
        found = [
            DescribedMatch(
                topic=topic,
                score=float(np.mean(similarity[rows])),
                outside=is_outside,
                probability=float(probability[(topic, is_outside)]),
            )
            for (topic, is_outside), rows in best.items()
        ]
        return sorted(found, key=lambda match: -match.score)


MODEL_PARTS = ("weights", "mean", "scale")  # a fitted model (medora/eval/logistic.py): classes × (dimensions + bias)


def _fit(vectors: np.ndarray, topics: list[tuple[str, bool]]) -> dict[str, np.ndarray]:
    """One class per overview or outside complaint, fitted on its lines by the fitter every small model of Medora
    shares."""
    classes = list(dict.fromkeys(topics))
    labels = np.array([classes.index(topic) for topic in topics])
    features = np.hstack([vectors, np.ones((len(vectors), 1), dtype=vectors.dtype)])
    model = fit_logistic(features.astype(np.float64), labels, classes=len(classes), l2=MODEL_L2)
    return {name: np.array(model[name]) for name in MODEL_PARTS}


def _probabilities(model: dict[str, np.ndarray], vector: np.ndarray) -> np.ndarray:
    """Each class's probability for one unit question vector (its bias feature appended)."""
    return predict_from_features(np.append(vector, 1.0), model)


def _cached(
    texts: list[str], topics: list[tuple[str, bool]], embedder: Embedder, cache: Path | None
) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """The texts' vectors and the model fitted on them: read from ``cache`` when it holds these texts, with these
    classes, embedded by this model, else made and written there (atomically; a read-only home only loses the
    cache)."""
    width = embedder.dimensions + 1  # the bias column
    if not texts:
        none = {"weights": np.zeros((0, width)), "mean": np.zeros(width), "scale": np.ones(width)}
        return np.zeros((0, width - 1), dtype=np.float32), none
    labels = [f"{'outside' if is_outside else 'overview'}:{topic}" for topic, is_outside in topics]
    parts = [embedder.model_name, MODEL_VERSION, str(MODEL_L2), *texts, *labels]
    key = hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()
    stored = read_arrays(cache)
    if (
        stored is not None and {"key", "vectors", *MODEL_PARTS} <= stored.keys() and str(stored["key"]) == key
        and stored["vectors"].shape == (len(texts), embedder.dimensions)
        and stored["weights"].shape == (len(dict.fromkeys(topics)), width)
    ):
        return stored["vectors"], {name: stored[name] for name in MODEL_PARTS}
    vectors = embedder.embed(texts)  # none kept, or another library's, model's or fitting's: made anew, written over
    model = _fit(vectors, topics)
    write_arrays(cache, key=np.array(key), vectors=vectors, **model)
    return vectors, model
