"""The vector index: approximate nearest neighbours (faiss HNSW, inner product on unit vectors = cosine),
keyed by passage id. (usearch was faster to build but crashes the process when imported before onnxruntime.)"""

from __future__ import annotations

from pathlib import Path

import faiss
import numpy as np

from medora.errors import IndexDamagedError


class VectorIndex:
    """``add`` vectors with their passage ids, ``search`` by a query vector, ``save``/``load`` as one file."""

    def __init__(self, dimensions: int = 384, *, neighbours: int = 32, ef_search: int = 128) -> None:
        hnsw = faiss.IndexHNSWFlat(dimensions, neighbours, faiss.METRIC_INNER_PRODUCT)
        hnsw.hnsw.efConstruction = 80
        hnsw.hnsw.efSearch = ef_search
        self._index = faiss.IndexIDMap2(hnsw)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids):
            self._index.add_with_ids(np.ascontiguousarray(vectors, dtype=np.float32), np.asarray(ids, dtype=np.int64))

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def search(self, vector: np.ndarray, *, k: int) -> list[tuple[int, float]]:
        """(passage id, cosine similarity) best first."""
        if not len(self):
            return []
        scores, ids = self._index.search(np.asarray(vector, dtype=np.float32).reshape(1, -1), min(k, len(self)))
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i != -1]

    def vectors(self, ids: list[int]) -> np.ndarray:
        """The stored unit vectors of these passage ids (for exact cosines of candidates the ANN search missed)."""
        if not ids:
            return np.zeros((0, self._index.d), dtype=np.float32)
        return np.vstack([self._index.reconstruct(int(i)) for i in ids])

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self._index, str(path))

    @classmethod
    def load(cls, path: Path, *, ef_search: int = 128) -> VectorIndex:
        """The saved index; IndexDamagedError (not a faiss RuntimeError) when the file is missing, cut short or
        not a Medora vector index."""
        index = cls.__new__(cls)
        try:
            index._index = faiss.read_index(str(path))
            faiss.downcast_index(index._index.index).hnsw.efSearch = ef_search
        except (RuntimeError, OSError, AttributeError) as error:
            raise IndexDamagedError(path, "unreadable vector index: cut short, or not a faiss index") from error
        return index
