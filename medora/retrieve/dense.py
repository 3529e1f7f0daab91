"""The vector index: approximate nearest neighbours (faiss HNSW, inner product on unit vectors = cosine),
keyed by passage id. (usearch was faster to build but crashes the process when imported before onnxruntime.)

Vectors are stored as float32 (``IndexHNSWFlat``) or as int8 codes (``IndexHNSWSQ``, faiss's 8-bit scalar quantizer:
one byte per dimension on a per-dimension range learnt from the first batch added), a quarter of the size; large
stores choose int8 (``choose_storage``), which keeps 1 M passages' vector index well under 1 GB."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

import faiss
import numpy as np

from medora.errors import IndexDamagedError

Storage = Literal["float32", "int8"]
STORAGES = ("float32", "int8")


def choose_storage(setting: str, *, passages: int, int8_from: int) -> Storage:
    """``auto`` → float32 below ``int8_from`` passages (small stores keep their exact, pinned rankings), int8 from
    there on; ``float32`` and ``int8`` are taken as they are."""
    if setting == "auto":
        return "int8" if passages >= int8_from else "float32"
    if setting not in STORAGES:
        raise ValueError(f"vector storage {setting!r}: choose auto, float32 or int8")
    return setting  # type: ignore[return-value]


class VectorIndex:
    """``add`` vectors with their passage ids, ``search`` by a query vector, ``save``/``load`` as one file."""

    def __init__(
        self, dimensions: int = 384, *, neighbours: int = 32, ef_search: int = 128, storage: Storage = "float32"
    ) -> None:
        if storage == "int8":
            hnsw = faiss.IndexHNSWSQ(dimensions, faiss.ScalarQuantizer.QT_8bit, neighbours, faiss.METRIC_INNER_PRODUCT)
        elif storage == "float32":
            hnsw = faiss.IndexHNSWFlat(dimensions, neighbours, faiss.METRIC_INNER_PRODUCT)
        else:
            raise ValueError(f"vector storage {storage!r}: choose float32 or int8")
        hnsw.hnsw.efConstruction = 80
        hnsw.hnsw.efSearch = ef_search
        self._index = faiss.IndexIDMap2(hnsw)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        """Add a batch; the int8 index learns its per-dimension ranges from the first batch (later values outside
        them are clipped), so the first batch should be a large one (the index build passes 20,000)."""
        if len(ids):
            matrix = np.ascontiguousarray(vectors, dtype=np.float32)
            if not self._index.is_trained:
                self._index.train(matrix)
            self._index.add_with_ids(matrix, np.asarray(ids, dtype=np.int64))

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
