"""Search over a main index plus small delta segments written by later ingests, scored as if built in one go.

Each segment is a bm25s index over its own passages (so its stored scores use its own IDF and average length) and a
vector index (the main one HNSW, a delta exact and flat). Lexical scores are recomputed with GLOBAL statistics: the
term frequency of each posting is recovered from the segment's stored score (``LexicalIndex.frequencies``: tf =
x·K/(1-x) with x = score / IDF and K = k1·(1 - b + b·length / average), rounded to the integer it was; a float16
score that would round wrong has its frequency kept beside it), then scored with the document frequencies,
passage count and average length summed over every segment, hidden (deleted) passages left out. So a store with
deltas ranks as a from-scratch build of the same passages would (Lucene BM25, as bm25s computes it), up to float
rounding. The vector side merges each segment's nearest neighbours by cosine."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import faiss
import numpy as np

from medora.errors import IndexDamagedError
from medora.retrieve.dense import VectorIndex
from medora.retrieve.lexical import LexicalIndex
from medora.retrieve.protocols import SearchFilter
from medora.retrieve.tokenize import index_tokens


class FlatVectors(VectorIndex):
    """Exact inner-product search over a delta's vectors (small: at most a share of the main index); searched,
    read and saved as the main vector index is, without a graph."""

    def __init__(self, dimensions: int = 384) -> None:  # noqa: D107  (no HNSW parameters: nothing to tune)
        self._index = faiss.IndexIDMap2(faiss.IndexFlatIP(dimensions))

    @classmethod
    def load(cls, path: Path, *, ef_search: int = 128) -> FlatVectors:  # noqa: ARG003 (no graph to search)
        index = cls.__new__(cls)
        try:
            index._index = faiss.read_index(str(path))
        except (RuntimeError, OSError) as error:
            raise IndexDamagedError(path, "unreadable delta vector index") from error
        return index


@dataclass
class Segment:
    """One index segment: its lexical index, its vectors (None without a model) and where it starts in the table."""

    lexical: LexicalIndex
    vectors: VectorIndex | FlatVectors | None
    offset: int

    @property
    def size(self) -> int:
        return len(self.lexical)


class SegmentedLexical:
    """BM25 over every segment with global statistics; ``delete`` hides passages and takes them out of the stats."""

    def __init__(self, segments: list[Segment], table, *, hidden: Sequence[int] = ()) -> None:
        self._segments, self._table = segments, table
        self._hidden = np.zeros(sum(s.size for s in segments), dtype=bool)
        self._lengths = np.concatenate([s.lexical.lengths.astype(np.float64) for s in segments])
        self.delete(hidden)

    def __len__(self) -> int:
        return int(len(self._hidden) - self._hidden.sum())

    def delete(self, ids: Sequence[int]) -> None:
        positions = [p for p in self._table.positions(ids) if p >= 0]
        self._hidden[positions] = True
        visible = len(self)  # BM25's N and average length change only here, not per question
        self._visible_totals = (visible, float(self._lengths[~self._hidden].sum()) / max(visible, 1))

    def add(self, ids: Sequence[int]) -> None:
        raise NotImplementedError("new passages arrive as a delta segment: `medora index` writes one")

    def _totals(self) -> tuple[int, float]:
        """(visible passages, their average length): BM25's N and avgdl for the whole store, as of the last delete."""
        return self._visible_totals

    def _postings(self, token: str) -> list[tuple[int, np.ndarray, tuple[int, int]]]:
        """(segment number, global positions, run in the segment's score arrays) of the passages holding ``token``,
        hidden ones too."""
        found = []
        for number, segment in enumerate(self._segments):
            bm25 = segment.lexical.bm25
            column = bm25.vocab_dict.get(token)
            if column is None:
                continue
            start, end = bm25.scores["indptr"][column], bm25.scores["indptr"][column + 1]
            found.append((number, bm25.scores["indices"][start:end] + segment.offset, (int(start), int(end))))
        return found

    def _idf(self, postings: list[tuple[int, np.ndarray, tuple[int, int]]], total: int) -> float:
        frequency = sum(int(np.count_nonzero(~self._hidden[positions])) for _, positions, _ in postings)
        return float(np.log(1 + (max(total, 1) - frequency + 0.5) / (frequency + 0.5)))

    def search(self, query: str, *, k: int, where: SearchFilter | None = None) -> list[tuple[int, float]]:
        total, average = self._totals()
        scores = np.zeros(len(self._hidden), dtype=np.float64)
        for token, repeats in Counter(index_tokens(query)).items():  # bm25s scores a repeated word each time
            postings = self._postings(token)
            if not postings:
                continue
            idf = self._idf(postings, total) * repeats
            for number, positions, (start, end) in postings:
                frequency = self._segments[number].lexical.frequencies(start, end)
                norm = self._k1 * (1 - self._b + self._b * self._lengths[positions] / average)
                scores[positions] += idf * frequency / (frequency + norm)
        scores[self._hidden] = 0
        if where is not None and where.active:
            scores *= self._table.mask(where)
        k = min(k, int(np.count_nonzero(scores)))
        if k <= 0:
            return []
        top = np.argpartition(-scores, k - 1)[:k]
        top = top[np.lexsort((top, -scores[top]))]  # equal scores: index order, as bm25s gives them
        return [(int(self._table.ids[i]), float(scores[i])) for i in top]

    @property
    def _k1(self) -> float:
        return float(self._segments[0].lexical.bm25.k1)

    @property
    def _b(self) -> float:
        return float(self._segments[0].lexical.bm25.b)

    def term_weights(self, text: str) -> dict[str, float]:
        total, _ = self._totals()
        return {token: self._idf(self._postings(token), total) for token in sorted(set(index_tokens(text)))}

    def unheld_tokens(self, text: str) -> frozenset[str]:
        return frozenset(
            token for token in set(index_tokens(text))
            if not any(np.count_nonzero(~self._hidden[positions]) for _, positions, _ in self._postings(token))
        )

    def term_stats(self, text: str, candidates: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        total, _ = self._totals()
        positions = np.array(self._table.positions(candidates), dtype=np.int64)
        tokens = sorted(set(index_tokens(text)))
        idf = np.zeros(len(tokens))
        present = np.zeros((len(tokens), len(positions)), dtype=bool)
        for row, token in enumerate(tokens):
            postings = self._postings(token)
            idf[row] = self._idf(postings, total)
            for _, holders, _ in postings:
                present[row] |= np.isin(positions, holders[~self._hidden[holders]])
        return idf, present


class SegmentedVectors:
    """Nearest neighbours from every segment's vector index, merged by cosine; hidden passages dropped."""

    def __init__(self, segments: list[Segment], table, *, hidden: Sequence[int] = ()) -> None:
        self._segments = [s for s in segments if s.vectors is not None]
        self._table = table
        self._hidden: set[int] = {int(i) for i in hidden}
        self._offsets = np.array([s.offset for s in segments], dtype=np.int64)
        self._by_offset = {s.offset: s for s in segments}

    def __len__(self) -> int:
        return sum(len(s.vectors) for s in self._segments) - len(self._hidden)

    def search(self, vector: np.ndarray, *, k: int, where: SearchFilter | None = None) -> list[tuple[int, float]]:
        active = where is not None and where.active
        wanted = (k * 4 if active else k) + min(len(self._hidden), k)
        found = sorted(
            (hit for s in self._segments for hit in s.vectors.search(vector, k=wanted)), key=lambda hit: -hit[1]
        )
        if active:
            mask, position = self._table.mask(where), self._table.position_of
            found = [(pid, sim) for pid, sim in found if pid in position and mask[position[pid]]]
        return [(pid, sim) for pid, sim in found if pid not in self._hidden][:k]

    def add(self, ids: Sequence[int]) -> None:
        raise NotImplementedError("new passages arrive as a delta segment: `medora index` writes one")

    def delete(self, ids: Sequence[int]) -> None:
        self._hidden |= {int(i) for i in ids}

    def vectors(self, ids: list[int]) -> np.ndarray:
        """Each id's vector from the segment that holds it (found by its position in the passage table)."""
        if not ids:
            return np.zeros((0, 384), dtype=np.float32)
        rows = []
        for position, pid in zip(self._table.positions(ids), ids):
            offset = int(self._offsets[np.searchsorted(self._offsets, position, side="right") - 1])
            rows.append(self._by_offset[offset].vectors.vectors([int(pid)])[0])
        return np.vstack(rows).astype(np.float32)
