"""The lead model's sentence vectors (compose/leads.py), kept beside the indexes for the next process.

Each overview answer embeds its overview's sentences (about 30; most of a second on two cores), which every fresh
`medora ask` paid again. They are kept in one file, as the everyday descriptions' vectors are (retrieve/described.py):
each row keyed by the digest of its text, so an edited sentence never reads an old vector, and the whole file by the
embedding model, so another model reads none. A sentence's vector does not depend on the sentences embedded beside it,
so a kept vector is the one embedding it again would give. A full index build removes the file with the folder's
other leftovers (retrieve/indexes.py)."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np

from medora.retrieve.embed import Embedder
from medora.retrieve.npz_cache import read_arrays, write_arrays

DIGEST_BYTES = 16  # a sentence's key: the first bytes of its SHA-256


def text_key(text: str) -> bytes:
    """The key a sentence's vector is kept under."""
    return hashlib.sha256(text.encode("utf-8")).digest()[:DIGEST_BYTES]


def _model_key(embedder: Embedder) -> str:
    return f"{embedder.model_name}/{embedder.dimensions}"


def read_sentence_vectors(path: Path, embedder: Embedder) -> dict[bytes, np.ndarray]:
    """The vectors kept in ``path`` by this embedding model, by ``text_key``; none when the file is missing, damaged
    or another model's."""
    stored = read_arrays(path)
    if stored is None or not {"model", "keys", "vectors"} <= stored.keys():
        return {}
    keys, vectors = stored["keys"], stored["vectors"]
    if (
        str(stored["model"]) != _model_key(embedder) or keys.shape != (len(vectors), DIGEST_BYTES)
        or vectors.shape[1:] != (embedder.dimensions,)
    ):
        return {}
    return {key.tobytes(): vector for key, vector in zip(keys, vectors)}


def write_sentence_vectors(path: Path, embedder: Embedder, vectors: dict[bytes, np.ndarray]) -> None:
    """Keep ``vectors`` in ``path`` (retrieve/npz_cache.py: atomically; a read-only home only loses the cache)."""
    keys = np.frombuffer(b"".join(vectors), dtype=np.uint8).reshape(len(vectors), DIGEST_BYTES)
    rows = np.array(list(vectors.values()), dtype=np.float32).reshape(len(vectors), embedder.dimensions)
    write_arrays(path, model=np.array(_model_key(embedder)), keys=keys, vectors=rows)
