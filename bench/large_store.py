"""The large-store index layout (int8 vectors, HNSW M 16, float16 BM25 scores) against the current small-store one
on the closed pool: index sizes, BioASQ dev nDCG@10 in lexical and hybrid mode (tuned and frozen parts apart), and
whether each posting's term frequency is recovered exactly from its stored score (what delta segments rely on),
checked against the frequencies counted from the passage texts.

The benchmark workspace is copied to a scratch folder first (it is never written); the copy's index is the current
layout, and a second index forced to the large-store layout (``int8_from=0``) is built beside it.

    PYTHONPATH=. MEDORA_BENCH_HOME=/work/benchhome/home python bench/large_store.py   # -> results/large_store.json
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import time
from collections import Counter
from pathlib import Path

import numpy as np
from common import HOME, SHARED, ndcg_by_part, passage_to_key, write_results
from vector_storage import CachedEmbedder

from medora.eval.datasets import bioasq_questions, corpus_pmids
from medora.retrieve.indexes import build_indexes, current_folder, index_size_bytes, load_indexes
from medora.retrieve.lexical import LexicalIndex
from medora.retrieve.retriever import Retriever
from medora.retrieve.tokenize import index_tokens
from medora.settings import Settings
from medora.store import repository
from medora.workspace import Workspace


def true_frequencies(index: LexicalIndex, texts: list[str]) -> np.ndarray:
    """Each posting's term frequency counted from the texts, in the index's posting order (column, then passage)."""
    vocab = index.bm25.vocab_dict
    rows, columns, counts = [], [], []
    for row, text in enumerate(texts):
        for token, count in Counter(index_tokens(text)).items():
            rows.append(row)
            columns.append(vocab[token])
            counts.append(count)
    order = np.lexsort((np.array(rows), np.array(columns)))
    return np.array(counts, dtype=np.float64)[order]


def recovery(folder: Path, texts: list[str]) -> dict:
    index = LexicalIndex.load(folder / "lexical")
    if index.lengths is None:  # an index built before lengths were kept: count them as the build does
        index._lengths = np.array([len(index_tokens(text)) for text in texts], dtype=np.int32)
    postings = len(index.bm25.scores["data"])
    truth = true_frequencies(index, texts)
    assert len(truth) == postings
    found = index.frequencies(0, postings)
    kept, index._fixes = index._fixes, np.zeros((2, 0), dtype=np.int64)  # the rounding alone, without the kept fixes
    rounding_only = index.frequencies(0, postings)
    index._fixes = kept
    return {
        "score_type": index.score_type, "postings": postings, "fixes_kept": index.fixes,
        "wrong_with_fixes": int(np.count_nonzero(found != truth)),
        "wrong_by_rounding_alone": int(np.count_nonzero(rounding_only != truth)),
        "max_true_frequency": int(truth.max()),
    }


def evaluate(workspace: Workspace, folder_parent: Path, embedder, questions, keys) -> dict:
    indexes = load_indexes(folder_parent)
    retriever = Retriever(engine=workspace.engine, indexes=indexes, embedder=embedder, settings=workspace.settings.retrieve)
    folder = current_folder(folder_parent)
    sizes = {path.relative_to(folder).as_posix(): path.stat().st_size for path in folder.rglob("*") if path.is_file()}
    row = {
        "layout": {key: indexes.manifest.get(key) for key in ("vector_storage", "hnsw_neighbours", "bm25_scores")},
        "mb": {
            "lexical": round(sum(s for n, s in sizes.items() if n.startswith("lexical/")) / 1e6, 1),
            "vectors": round(sizes.get("vectors.faiss", 0) / 1e6, 1),
            "index_total": round(index_size_bytes(folder) / 1e6, 1),
        },
    }
    for mode in ("lexical", "hybrid"):
        row[f"{mode}_ndcg@10"] = ndcg_by_part(retriever, questions, keys, mode)
    return row


def main() -> int:
    with tempfile.TemporaryDirectory(prefix="medora-large-store-") as scratch:
        home = Path(scratch) / "home"
        shutil.copytree(HOME / "index", home / "index")
        with sqlite3.connect(HOME / "medora.sqlite") as source, sqlite3.connect(home / "medora.sqlite") as copy:
            source.backup(copy)  # consistent even while another reader opens the workspace
        workspace = Workspace(Settings(home=home), with_library=False)
        embedder = CachedEmbedder(workspace.embedder)
        settings = workspace.settings.retrieve
        bm25 = (settings.bm25_k1, settings.bm25_b)
        tick = time.perf_counter()
        large = Path(scratch) / "large-index"
        build_indexes(large, engine=workspace.engine, model=embedder.model_name, bm25=bm25, vector_storage="auto",
                      int8_from=0)
        build = round(time.perf_counter() - tick, 1)
        with workspace.engine.connect() as conn:
            texts = [t for _, batch in repository.iter_passage_texts(conn) for t in batch]
        questions = bioasq_questions(SHARED, in_corpus=corpus_pmids(SHARED))
        keys = passage_to_key(workspace)
        results = {"passages": len(texts), "questions": len(questions), "settings": {}}
        for name, parent in (("current", workspace.index_dir), ("large_store", large)):
            row = evaluate(workspace, parent, embedder, questions, keys)
            print(name, row, flush=True)
            row["frequency_recovery"] = recovery(current_folder(parent), texts)
            results["settings"][name] = row
            print(name, row, flush=True)
        results["settings"]["large_store"]["build_seconds"] = build
    write_results("large_store.json", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
