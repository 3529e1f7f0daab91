"""Which overview a question is closest to by the everyday descriptions of its complaint (library/descriptions.py).

The descriptions are embedded once per retriever, on the first question that needs them (about 600 short lines,
about two seconds on two cores), and compared with the question's own vector: the dense search already made it."""

from __future__ import annotations

from dataclasses import dataclass

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
    ) -> None:
        groups = [(topic, lines, False) for topic, lines in descriptions.items()]
        groups += [(label, lines, True) for label, lines in (outside or {}).items()]
        self._topics = [(topic, is_outside) for topic, lines, is_outside in groups for _ in lines]
        self._texts = [line for _, lines, _ in groups for line in lines]
        self._vectors = embedder.embed(self._texts) if self._texts else np.zeros((0, embedder.dimensions))

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
