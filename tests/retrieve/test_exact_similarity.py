"""A passage the approximate dense search missed gets its exact cosine, not None (read as 0 by the on-topic gate)."""

from pathlib import Path

import pytest

from medora.retrieve.embed import passage_text_for_embedding
from medora.settings import Settings
from medora.workspace import Workspace
from tests.conftest import DATA
from tests.retrieve.test_indexes import HashEmbedder


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    built = Workspace(Settings(home=tmp_path / "home"), embedder=HashEmbedder(), with_library=False)
    built.ingest([DATA / "pubmed_sample.xml", DATA / "jats_sample.xml"])
    return built


def test_a_lexical_only_candidate_gets_its_exact_cosine(workspace: Workspace, monkeypatch: pytest.MonkeyPatch):
    vectors = workspace.retriever._indexes.vectors
    search = vectors.search
    monkeypatch.setattr(vectors, "search", lambda vector, k, where=None: search(vector, k=k, where=where)[:1])  # an ANN list that misses
    question = "sciatica surgery"
    found = workspace.retriever.search(question, mode="hybrid", top_k=5)
    outside = [item for item in found if item.dense_rank is None]
    assert len(outside) >= 1
    embedder = HashEmbedder()
    asked = embedder.embed([question])[0]
    for item in outside:
        stored = embedder.embed([passage_text_for_embedding(item.source.title, item.text)])[0]
        assert item.dense_similarity == pytest.approx(float(stored @ asked), abs=1e-5)


def test_lexical_mode_leaves_similarity_unknown(workspace: Workspace):
    found = workspace.retriever.search("sciatica surgery", mode="lexical", top_k=3)
    assert len(found) == 3
    assert [item.dense_similarity for item in found] == [None, None, None]


def test_the_rankers_exact_cosines_are_reused_not_read_again(workspace: Workspace, monkeypatch: pytest.MonkeyPatch):
    vectors = workspace.retriever._indexes.vectors
    search, read = vectors.search, vectors.vectors
    reads: list[list[int]] = []
    monkeypatch.setattr(vectors, "search", lambda vector, k, where=None: search(vector, k=k, where=where)[:1])
    monkeypatch.setattr(vectors, "vectors", lambda ids: reads.append(list(ids)) or read(ids))
    found = workspace.retriever.search("sciatica surgery", mode="hybrid", top_k=5)
    assert any(item.dense_rank is None and item.dense_similarity is not None for item in found)
    assert len(reads) == 1  # the ranker's signals read the missed passages' vectors once; nothing is read after
