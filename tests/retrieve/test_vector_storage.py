"""int8 vectors (faiss HNSW with an 8-bit scalar quantizer): a quarter of the size, the same neighbours as exact
search on a small set, and chosen by store size when the setting is auto."""

from pathlib import Path

import faiss
import numpy as np
import pytest

from medora.retrieve.dense import VectorIndex, choose_storage


def clustered_unit_vectors(count: int, *, seed: int = 3) -> np.ndarray:
    """Topic clusters like real passage embeddings (uniform random vectors have no meaningful neighbours)."""
    random = np.random.default_rng(seed)
    centres = random.normal(size=(40, 384))
    vectors = centres[random.integers(40, size=count)] + random.normal(scale=0.6, size=(count, 384))
    return (vectors / np.linalg.norm(vectors, axis=1, keepdims=True)).astype(np.float32)


def test_auto_storage_keeps_small_stores_float32_and_quantises_large_ones():
    assert [choose_storage("auto", passages=n, int8_from=200_000) for n in (56_074, 200_000, 1_000_000)] == [
        "float32", "int8", "int8"
    ]
    assert choose_storage("float32", passages=10**7, int8_from=0) == "float32"
    with pytest.raises(ValueError, match="choose auto, float32 or int8"):
        choose_storage("fp16", passages=1, int8_from=0)


def test_int8_index_finds_the_exact_top_ten_and_is_a_quarter_of_the_vector_bytes(tmp_path: Path):
    vectors, queries = clustered_unit_vectors(3000), clustered_unit_vectors(50, seed=4)
    ids = np.arange(100, 3100)
    exact = faiss.IndexFlatIP(384)
    exact.add(vectors)
    truth = ids[exact.search(queries, 10)[1]]
    sizes, recall = {}, {}
    for storage in ("float32", "int8"):
        index = VectorIndex(storage=storage)
        index.add(ids, vectors)
        index.save(tmp_path / f"{storage}.faiss")
        loaded = VectorIndex.load(tmp_path / f"{storage}.faiss")
        found = [{pid for pid, _ in loaded.search(q, k=10)} for q in queries]
        recall[storage] = np.mean([len(f & set(t.tolist())) / 10 for f, t in zip(found, truth)])
        sizes[storage] = (tmp_path / f"{storage}.faiss").stat().st_size
    assert recall["float32"] >= 0.95 and recall["int8"] >= recall["float32"] - 0.02
    graph_and_ids = sizes["float32"] - 3000 * 384 * 4
    assert sizes["int8"] - graph_and_ids == pytest.approx(3000 * 384, rel=0.01)  # one byte a dimension
    assert np.allclose(loaded.vectors([100])[0], vectors[0], atol=0.01)  # decoded int8 stays within a step
