"""The embedded backends behind the search protocols: bm25s and faiss files in the data folder, with the passage
table (kinds, years) in memory for filters and priors.

Both indexes are immutable once built: new passages arrive through a new version folder, as a full build
(``indexes.build_indexes``) or a delta segment beside the main files (``retrieve.delta``, searched through
``retrieve.segments``), so ``add`` refuses with that reason; ``delete`` hides passages until the next version. Dense filtering stays a
post-filter over four times the candidates, as before the protocols, so rankings are unchanged."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from medora.retrieve.dense import VectorIndex as FaissIndex
from medora.retrieve.lexical import LexicalIndex as Bm25Index
from medora.retrieve.protocols import SearchFilter

_IMMUTABLE = "embedded indexes are rebuilt as a new version folder (medora index); PostgreSQL updates in place"


class EmbeddedLexical:
    """BM25 (bm25s) with filters as a weight mask over the passage table."""

    def __init__(self, index: Bm25Index, table) -> None:
        self._index, self._table = index, table
        self._hidden: set[int] = set()

    def __len__(self) -> int:
        return len(self._index) - len(self._hidden)

    def search(self, query: str, *, k: int, where: SearchFilter | None = None) -> list[tuple[int, float]]:
        mask = self._table.mask(where) if where is not None and where.active else None
        if self._hidden:
            mask = np.ones(len(self._table.ids), dtype=np.float32) if mask is None else mask.copy()
            mask[[p for p in self._table.positions(self._hidden) if p >= 0]] = 0
        return self._index.search(query, k=k, mask=mask)

    def add(self, ids: Sequence[int]) -> None:
        raise NotImplementedError(_IMMUTABLE)

    def delete(self, ids: Sequence[int]) -> None:
        self._hidden |= {int(i) for i in ids}

    def term_weights(self, text: str) -> dict[str, float]:
        return self._index.term_weights(text)

    def unheld_tokens(self, text: str) -> frozenset[str]:
        return self._index.unheld_tokens(text)

    def term_stats(self, text: str, candidates: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        return self._index.term_presence(text, np.array(self._table.positions(candidates), dtype=np.int64))


class EmbeddedVectors:
    """faiss HNSW; a filter keeps the admitted passages among four times the candidates."""

    def __init__(self, index: FaissIndex, table) -> None:
        self._index, self._table = index, table
        self._hidden: set[int] = set()

    def __len__(self) -> int:
        return len(self._index) - len(self._hidden)

    def search(self, vector: np.ndarray, *, k: int, where: SearchFilter | None = None) -> list[tuple[int, float]]:
        active = where is not None and where.active
        found = self._index.search(vector, k=k * 4 if active else k)
        if active:
            mask, position = self._table.mask(where), self._table.position_of
            found = [(pid, sim) for pid, sim in found if pid in position and mask[position[pid]]]
        if self._hidden:
            found = [(pid, sim) for pid, sim in found if pid not in self._hidden]
        return found[:k]

    def add(self, ids: Sequence[int]) -> None:
        raise NotImplementedError(_IMMUTABLE)

    def delete(self, ids: Sequence[int]) -> None:
        self._hidden |= {int(i) for i in ids}

    def vectors(self, ids: list[int]) -> np.ndarray:
        return self._index.vectors(ids)
