"""Which overview a question is closest to by the everyday descriptions of its complaint (library/descriptions.py).

The descriptions are embedded once (about 900 short lines, about two seconds on two cores) on the first question
that needs them, kept beside the indexes for the next process, and compared with the question's own vector: the dense
search already made it."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from medora.retrieve.embed import Embedder

LINES_PER_SCORE = 3  # an overview's likeness is the mean cosine of its closest descriptions: one line alike is noise


@dataclass(frozen=True)
class DescribedMatch:
    """How close a question is to an overview's descriptions (or to a complaint outside the library): ``score`` the
    mean cosine of its ``LINES_PER_SCORE`` closest lines."""

    topic: str
    score: float
    outside: bool = False  # a complaint no overview covers ("frozen shoulder"), not an overview


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
        self._vectors = _cached_vectors(self._texts, embedder, cache)

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
        found = [
            DescribedMatch(topic=topic, score=float(np.mean(similarity[rows])), outside=is_outside)
            for (topic, is_outside), rows in best.items()
        ]
        return sorted(found, key=lambda match: -match.score)


def _cached_vectors(texts: list[str], embedder: Embedder, cache: Path | None) -> np.ndarray:
    """The texts' vectors: read from ``cache`` when it holds these texts embedded by this model, else embedded and
    written there (atomically; a read-only home only loses the cache)."""
    if not texts:
        return np.zeros((0, embedder.dimensions), dtype=np.float32)
    key = hashlib.sha256("\n".join([embedder.model_name, *texts]).encode("utf-8")).hexdigest()
    if cache is not None and cache.is_file():
        try:
            with np.load(cache) as stored:
                if str(stored["key"]) == key and stored["vectors"].shape == (len(texts), embedder.dimensions):
                    return stored["vectors"]
        except Exception:  # noqa: BLE001 - a damaged cache (truncated, empty, another format) is only a cache
            pass  # embedded anew below, and written over
    vectors = embedder.embed(texts)
    if cache is not None:
        partial = cache.with_name(f".{cache.stem}.{os.getpid()}.npz")
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            np.savez(partial, key=np.array(key), vectors=vectors)
            os.replace(partial, cache)
        except OSError:  # a read-only home: the next process embeds them again
            partial.unlink(missing_ok=True)
    return vectors
