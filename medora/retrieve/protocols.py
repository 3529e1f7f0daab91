"""What the retriever needs from a search backend, so the same ranking code runs on the embedded indexes (bm25s,
faiss, files in the data folder) and on PostgreSQL (tsvector + GIN, pgvector HNSW) without reading either's internals.

Filters are pushed down to the backend (a year range and kinds: each backend restricts its own candidates), and the
ranker's term features come from ``term_stats`` rather than from a library's posting arrays."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol, runtime_checkable

import numpy as np


class SearchFilter(Protocol):
    """A year range and a set of kinds (``medora.types.Kind`` values); ``retriever.Filters`` is one."""

    year_from: int | None
    year_to: int | None
    kinds: frozenset[str]

    @property
    def active(self) -> bool: ...


@runtime_checkable
class LexicalIndex(Protocol):
    """Keyword search over passages (title and text) that can grow and shrink without a rebuild."""

    def __len__(self) -> int: ...

    def search(self, query: str, *, k: int, where: SearchFilter | None = None) -> list[tuple[int, float]]:
        """(passage id, score) best first, only among passages ``where`` admits."""

    def add(self, ids: Sequence[int]) -> None:
        """Make these stored passages searchable."""

    def delete(self, ids: Sequence[int]) -> None:
        """Make these passages unsearchable (deleted from the store, or replaced)."""

    def term_weights(self, text: str) -> dict[str, float]:
        """Inverse document frequency of each content token of ``text`` (unknown tokens get the maximum)."""

    def unheld_tokens(self, text: str) -> frozenset[str]:
        """The content tokens of ``text`` that no searchable passage holds (a brand name the library never writes)."""

    def term_stats(self, text: str, candidates: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """(IDF of each content token of ``text``, tokens × candidates bool: which candidate holds which token);
        the ranker's coverage features. Tokens in the order ``term_weights`` lists them."""


@runtime_checkable
class VectorIndex(Protocol):
    """Nearest neighbours by cosine over unit vectors, keyed by passage id."""

    def __len__(self) -> int: ...

    def search(self, vector: np.ndarray, *, k: int, where: SearchFilter | None = None) -> list[tuple[int, float]]:
        """(passage id, cosine similarity) best first, only among passages ``where`` admits."""

    def add(self, ids: Sequence[int]) -> None:
        """Make the stored vectors of these passages searchable."""

    def delete(self, ids: Sequence[int]) -> None: ...

    def vectors(self, ids: list[int]) -> np.ndarray:
        """The stored unit vectors of these ids, in that order (exact cosines for candidates the ANN missed)."""


@runtime_checkable
class PassageFacts(Protocol):
    """What the priors and filters know about a passage: its source's kind (index into ``KIND_CODES``) and year."""

    def facts(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        """(kind codes, years; year 0 when unknown) for these ids, in that order; kind -1 for an unknown id."""
