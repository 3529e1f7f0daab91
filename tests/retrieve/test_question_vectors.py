"""The retriever hands the citation model the question's vector and the retrieved passages' stored vectors: the
question just searched is not embedded a second time, and without dense retrieval there are none."""

from pathlib import Path

import numpy as np

from medora.retrieve.indexes import load_indexes
from medora.retrieve.retriever import Retriever
from medora.settings import Settings
from medora.workspace import Workspace
from tests.conftest import DATA
from tests.retrieve.test_indexes import HashEmbedder


class CountingEmbedder(HashEmbedder):
    def __init__(self) -> None:
        self.calls: list[str] = []

    def embed(self, texts: list[str]) -> np.ndarray:
        self.calls += list(texts)
        return super().embed(texts)


def test_the_searched_question_is_not_embedded_again_and_rows_follow_the_ids(tmp_path: Path):
    embedder = CountingEmbedder()
    workspace = Workspace(Settings(home=tmp_path / "home"), embedder=embedder, with_library=False)
    workspace.ingest([DATA / "pubmed_sample.xml"])
    question = "Does aspirin prevent stroke?"
    found = workspace.retriever.search(question, top_k=3)
    embedder.calls.clear()
    ids = [item.passage_id for item in reversed(found)]
    vector, rows = workspace.retriever.vectors(question, ids)
    assert embedder.calls == []
    assert np.allclose(vector, HashEmbedder().embed([question])[0])
    assert np.allclose(rows @ vector, [item.dense_similarity for item in reversed(found)], atol=1e-5)
    workspace.retriever.vectors("Another question?", ids)
    assert embedder.calls == ["Another question?"]


def test_without_dense_retrieval_there_are_no_vectors(tmp_path: Path):
    workspace = Workspace(Settings(home=tmp_path / "home"), embedder=HashEmbedder(), with_library=False)
    workspace.ingest([DATA / "pubmed_sample.xml"])
    lexical = Retriever(
        engine=workspace.engine, indexes=load_indexes(workspace.index_dir), embedder=None,
        settings=workspace.settings.retrieve,
    )
    assert lexical.vectors("Does aspirin prevent stroke?", [1]) is None


def test_lexical_mode_embeds_nothing_even_with_an_embedder_and_vectors(tmp_path: Path):
    embedder = CountingEmbedder()
    workspace = Workspace(Settings(home=tmp_path / "home"), embedder=embedder, with_library=False)
    workspace.ingest([DATA / "pubmed_sample.xml"])
    lexical = Retriever(
        engine=workspace.engine, indexes=load_indexes(workspace.index_dir), embedder=embedder,
        settings=workspace.settings.retrieve.model_copy(update={"mode": "lexical"}),
    )
    lexical.search("Does aspirin prevent stroke?", top_k=3)
    embedder.calls.clear()
    assert lexical.vectors("Does aspirin prevent stroke?", [1]) is None
    assert embedder.calls == []
