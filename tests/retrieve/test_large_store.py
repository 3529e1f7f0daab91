"""The large-store layout: from ``retrieve.int8_from_passages`` on, int8 vectors, HNSW M 16 and float16 BM25 scores,
recorded in the manifest; smaller stores keep float32, M 32 and float32 scores. Float16 scores still give back each
posting's exact term frequency, so delta segments on a large store rank as a from-scratch build."""

import json
from collections import Counter
from pathlib import Path

import faiss
import numpy as np
import pytest

from medora.retrieve.indexes import Layout, build_indexes, choose_layout, current_folder, load_indexes
from medora.retrieve.lexical import LexicalIndex
from medora.retrieve.tokenize import index_tokens
from medora.settings import Settings
from medora.workspace import Workspace
from tests.conftest import DATA
from tests.retrieve.test_delta import QUESTIONS, _assert_same_ranking
from tests.retrieve.test_indexes import HashEmbedder


def _workspace(home: Path, **retrieve) -> Workspace:
    built = Workspace(Settings(home=home, retrieve=retrieve), embedder=HashEmbedder(), with_library=False)
    built.ingest([DATA / "pubmed_sample.xml", DATA / "jats_sample.xml"])
    return built


def _layout_on_disk(workspace: Workspace) -> tuple:
    folder = current_folder(workspace.index_dir)
    manifest = load_indexes(workspace.index_dir).manifest
    mapped = faiss.read_index(str(folder / "vectors.faiss"))  # kept: the graph below belongs to it
    neighbours = faiss.downcast_index(mapped.index).hnsw.nb_neighbors(1)
    scores = np.load(folder / "lexical" / "data.csc.index.npy")
    layout = manifest["vector_storage"], manifest["hnsw_neighbours"], manifest["bm25_scores"]
    return (*layout, neighbours, str(scores.dtype))


def test_choose_layout_switches_every_part_at_the_large_store_size():
    assert choose_layout("auto", passages=199_999, large_from=200_000) == Layout("float32", 32, "float32")
    assert choose_layout("auto", passages=200_000, large_from=200_000) == Layout("int8", 16, "float16")
    assert choose_layout("float32", passages=10**6, large_from=200_000) == Layout("float32", 16, "float16")


def test_a_store_over_the_threshold_gets_int8_m16_and_float16_scores(tmp_path: Path):
    large = _workspace(tmp_path / "large", int8_from_passages=5)
    small = _workspace(tmp_path / "small")
    assert _layout_on_disk(large) == ("int8", 16, "float16", 16, "float16")
    assert _layout_on_disk(small) == ("float32", 32, "float32", 32, "float32")


def test_float16_scores_give_back_every_exact_term_frequency_after_save_and_load(shared: Path, tmp_path: Path):
    records = [json.loads(line) for _, line in zip(range(2000), (shared / "pubmed" / "corpus.jsonl").open())]
    abstracts = [" ".join(part["text"] for part in record["sections"]) for record in records]
    texts = [text for text in abstracts if len(text) > 1200][:30] + ["sciatica " * 31]  # short, one word 31 times
    built = LexicalIndex(scores="float16")
    built.add(list(range(len(texts))), texts)
    built.save(tmp_path / "lexical")
    index = LexicalIndex.load(tmp_path / "lexical")
    vocab = index.bm25.vocab_dict
    pairs = sorted((vocab[t], row, n) for row, text in enumerate(texts) for t, n in Counter(index_tokens(text)).items())
    truth = np.array([n for _, _, n in pairs], dtype=float)
    assert (index.score_type, index.fixes) == ("float16", 1)  # 31 occurrences: the float16 score alone rounds wrong
    np.testing.assert_array_equal(index.frequencies(0, len(truth)), truth)
    column = vocab["sciatica"]
    start, end = index.bm25.scores["indptr"][column : column + 2]
    assert index.frequencies(int(start), int(end))[-1] == 31.0


def test_deltas_on_a_large_store_rank_as_a_float32_build_from_scratch(tmp_path: Path):
    workspace = _workspace(tmp_path / "home", int8_from_passages=5, delta_share=1.0)
    workspace.ingest([DATA / "guideline.md"])
    segmented = load_indexes(workspace.index_dir)
    assert (segmented.manifest["bm25_scores"], len(segmented.manifest["deltas"])) == ("float16", 1)
    bm25 = (workspace.settings.retrieve.bm25_k1, workspace.settings.retrieve.bm25_b)
    build_indexes(tmp_path / "scratch", engine=workspace.engine, model="hash-test", bm25=bm25)
    scratch = load_indexes(tmp_path / "scratch")
    assert scratch.manifest["bm25_scores"] == "float32"
    for question in QUESTIONS:
        _assert_same_ranking(segmented.lexical.search(question, k=20), scratch.lexical.search(question, k=20))


def test_an_unknown_score_type_is_refused():
    with pytest.raises(ValueError, match="choose float32 or float16"):
        LexicalIndex(scores="int8")


def test_float16_search_sums_the_stored_scores_as_bm25s_does():
    texts = ["sciatica surgery early", "sciatica pain " * 3, "Lyme disease doxycycline", "early surgery for pain"]
    index = LexicalIndex(scores="float16")
    index.add([10, 11, 12, 13], texts)
    tokens = ["sciatica", "surgeri", "pain", "pain"]
    mask = np.array([1, 0, 1, 1], dtype=np.float32)
    assert [t in index.bm25.vocab_dict for t in tokens] == [True, True, True, True]
    for weights in (None, mask):
        np.testing.assert_array_equal(
            index._scores(tokens, weights), index.bm25.get_scores(tokens, weight_mask=weights)
        )
    assert [pid for pid, _ in index.search("sciatica surgery pain", k=4)] == [11, 10, 13]
