"""float32 against int8 vectors on the closed pool (the 56,074-passage benchmark workspace, read only).

For each vector index setting: build time, file size, recall@10 of its top 10 against exact search (faiss
IndexFlatIP over the same vectors), and BioASQ dev nDCG@10 in dense and hybrid mode through the real Retriever
(the workspace's own lexical index, with only the vector index swapped). The tuned and frozen parts apart.

    PYTHONPATH=. MEDORA_BENCH_HOME=/work/benchhome/home python bench/vector_storage.py   # -> results/vector_storage.json
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

import faiss
import numpy as np
from common import HOME, SHARED, ndcg_by_part, passage_to_key, write_results

from medora.eval.datasets import bioasq_questions, corpus_pmids
from medora.retrieve.dense import VectorIndex
from medora.retrieve.embedded import EmbeddedVectors
from medora.retrieve.indexes import load_indexes
from medora.retrieve.retriever import Retriever
from medora.settings import Settings
from medora.store import repository
from medora.workspace import Workspace

SETTINGS = [("float32", 32), ("int8", 32), ("int8", 16)]  # (storage, HNSW neighbours M)


class CachedEmbedder:
    """The real embedder, each question embedded once for all settings."""

    def __init__(self, embedder) -> None:  # noqa: ANN001
        self.inner, self.model_name, self.cache = embedder, embedder.model_name, {}

    def embed(self, texts):  # noqa: ANN001, ANN201
        missing = [t for t in texts if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.inner.embed(missing)))
        return np.vstack([self.cache[t] for t in texts])


def main() -> int:
    workspace = Workspace(Settings(home=HOME), with_library=False)
    embedder = CachedEmbedder(workspace.embedder)
    with workspace.engine.connect() as conn:
        batches = list(repository.iter_embeddings(conn, model=embedder.model_name))
    ids = np.concatenate([b[0] for b in batches])
    matrix = np.vstack([b[1] for b in batches])
    questions = bioasq_questions(SHARED, in_corpus=corpus_pmids(SHARED))
    query_vectors = embedder.embed([q["question"] for q in questions])
    exact = faiss.IndexFlatIP(matrix.shape[1])
    exact.add(matrix)
    _, exact_top = exact.search(query_vectors, 10)
    exact_ids = ids[exact_top]
    keys = passage_to_key(workspace)
    indexes = load_indexes(workspace.index_dir)
    results = {"passages": len(ids), "questions": len(questions), "settings": {}}
    for storage, neighbours in SETTINGS:
        index = VectorIndex(storage=storage, neighbours=neighbours)
        started = time.perf_counter()
        for batch_ids, batch in batches:
            index.add(batch_ids, batch)
        build = time.perf_counter() - started
        with tempfile.TemporaryDirectory() as scratch:
            index.save(Path(scratch) / "v.faiss")
            size = (Path(scratch) / "v.faiss").stat().st_size
        recall = np.mean(
            [len({p for p, _ in index.search(v, k=10)} & set(e.tolist())) / 10 for v, e in zip(query_vectors, exact_ids)]
        )
        indexes.vectors = EmbeddedVectors(index, indexes.table)
        retriever = Retriever(
            engine=workspace.engine, indexes=indexes, embedder=embedder, settings=workspace.settings.retrieve
        )
        row = {"build_seconds": round(build, 1), "file_mb": round(size / 1e6, 1), "recall@10_vs_exact": round(recall, 4)}
        for mode in ("dense", "hybrid"):
            row[f"{mode}_ndcg@10"] = ndcg_by_part(retriever, questions, keys, mode)
        results["settings"][f"{storage}_M{neighbours}"] = row
        print(storage, neighbours, json.dumps(row), flush=True)
    write_results("vector_storage.json", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
