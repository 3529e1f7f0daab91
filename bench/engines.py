"""Which BM25 engine and which vector index: measured on the PubMed part of the benchmark store.

Lexical: bm25s (Medora's tokens) vs SQLite FTS5 (porter) vs tantivy (en_stem), on BioASQ dev nDCG@10 / recall@10,
build time and query latency. Vectors: faiss HNSW vs usearch HNSW vs exact search, recall@10 against exact,
build time and latency. Needs `pip install tantivy usearch` (not Medora dependencies).

    python bench/engines.py    # writes bench/results/engines.json
"""

from __future__ import annotations

import json
import re
import sqlite3
import time

import numpy as np
from common import HOME, SHARED, write_results
from sqlalchemy import select

from medora.eval.datasets import bioasq_questions, corpus_pmids
from medora.eval.metrics import ndcg_at_k, percentile, recall_at_k
from medora.retrieve.dense import VectorIndex
from medora.retrieve.embed import MiniLMEmbedder  # noqa: I001 (onnxruntime must load before usearch)
from medora.retrieve.lexical import LexicalIndex
from medora.settings import Settings
from medora.store import open_store, repository
from medora.store.schema import passages, sources


def load_pubmed_passages(engine) -> tuple[list[int], list[str], dict[int, str]]:  # noqa: ANN001
    with engine.connect() as conn:
        rows = conn.execute(
            select(passages.c.id, sources.c.title, passages.c.text, sources.c.pmid)
            .join(sources, sources.c.id == passages.c.source_id)
            .where(sources.c.key.like("pmid:%"))
            .order_by(passages.c.id)
        ).all()
    return [r.id for r in rows], [f"{r.title}\n{r.text}" for r in rows], {r.id: r.pmid for r in rows}


def score(rankings: list[list[int]], questions: list[dict], pmid_of: dict[int, str]) -> dict:
    ndcg, recall = [], []
    for ranked, question in zip(rankings, questions, strict=True):
        docs = list(dict.fromkeys(pmid_of[i] for i in ranked if i in pmid_of))
        ndcg.append(ndcg_at_k(docs, question["gold"], 10))
        recall.append(recall_at_k(docs, question["gold"], 10))
    return {"ndcg@10": round(float(np.mean(ndcg)), 4), "recall@10": round(float(np.mean(recall)), 4)}


def timed_queries(search, questions: list[dict]) -> tuple[list[list[int]], dict]:  # noqa: ANN001
    rankings, latencies = [], []
    for question in questions:
        started = time.perf_counter()
        rankings.append(search(question["question"]))
        latencies.append((time.perf_counter() - started) * 1000)
    return rankings, {"p50_ms": round(percentile(latencies, 50), 2), "p95_ms": round(percentile(latencies, 95), 2)}


def lexical_engines(ids: list[int], texts: list[str], questions: list[dict], pmid_of: dict[int, str]) -> dict:
    results = {}
    started = time.perf_counter()
    bm25 = LexicalIndex()
    bm25.add(ids, texts)
    build = time.perf_counter() - started
    rankings, latency = timed_queries(lambda q: [i for i, _ in bm25.search(q, k=50)], questions)
    results["bm25s"] = {"build_s": round(build, 1), **latency, **score(rankings, questions, pmid_of)}

    started = time.perf_counter()
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE docs USING fts5(body, tokenize='porter unicode61')")
    db.executemany("INSERT INTO docs(rowid, body) VALUES (?, ?)", zip(ids, texts))
    build = time.perf_counter() - started

    def fts(question: str) -> list[int]:
        terms = " OR ".join(f'"{t}"' for t in re.findall(r"[A-Za-z0-9]+", question))
        return [row[0] for row in db.execute("SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY bm25(docs) LIMIT 50", (terms,))]

    rankings, latency = timed_queries(fts, questions)
    results["sqlite_fts5"] = {"build_s": round(build, 1), **latency, **score(rankings, questions, pmid_of)}

    try:
        import tantivy
    except ImportError:
        results["tantivy"] = "not installed"
        return results
    started = time.perf_counter()
    schema = tantivy.SchemaBuilder().add_integer_field("id", stored=True).add_text_field("body", tokenizer_name="en_stem").build()
    index = tantivy.Index(schema)
    writer = index.writer()
    for pid, text in zip(ids, texts):
        writer.add_document(tantivy.Document(id=pid, body=text))
    writer.commit()
    index.reload()
    build = time.perf_counter() - started
    searcher = index.searcher()

    def tantivy_search(question: str) -> list[int]:
        terms = " ".join(re.findall(r"[A-Za-z0-9]+", question))
        query = index.parse_query(terms, ["body"])
        return [searcher.doc(address)["id"][0] for _score, address in searcher.search(query, 50).hits]

    rankings, latency = timed_queries(tantivy_search, questions)
    results["tantivy"] = {"build_s": round(build, 1), **latency, **score(rankings, questions, pmid_of)}
    return results


def vector_indexes(engine, questions: list[dict], embedder: MiniLMEmbedder) -> dict:  # noqa: ANN001
    with engine.connect() as conn:
        batches = list(repository.iter_embeddings(conn, model=embedder.model_name))
    ids = np.concatenate([b[0] for b in batches])
    matrix = np.vstack([b[1] for b in batches]).astype(np.float32)
    queries = embedder.embed([q["question"] for q in questions])
    exact = [ids[np.argsort(-(matrix @ q))[:10]] for q in queries]
    results = {"vectors": int(len(ids))}

    def measure(name: str, build, search) -> None:  # noqa: ANN001
        started = time.perf_counter()
        index = build()
        built = time.perf_counter() - started
        latencies, overlap = [], []
        for query, truth in zip(queries, exact, strict=True):
            tick = time.perf_counter()
            found = search(index, query)
            latencies.append((time.perf_counter() - tick) * 1000)
            overlap.append(len(set(found[:10]) & set(truth)) / 10)
        results[name] = {
            "build_s": round(built, 1),
            "p50_ms": round(percentile(latencies, 50), 3),
            "recall@10_vs_exact": round(float(np.mean(overlap)), 4),
        }

    def build_faiss() -> VectorIndex:
        index = VectorIndex()
        index.add(ids, matrix)
        return index

    measure("faiss_hnsw", build_faiss, lambda index, q: [i for i, _ in index.search(q, k=10)])
    measure("exact_numpy", lambda: matrix, lambda m, q: list(ids[np.argsort(-(m @ q))[:10]]))
    try:
        from usearch.index import Index
    except ImportError:
        results["usearch_hnsw"] = "not installed"
        return results

    def build_usearch() -> Index:
        index = Index(ndim=matrix.shape[1], metric="cos", dtype="f16", connectivity=16, expansion_add=128, expansion_search=96)
        index.add(ids.astype(np.uint64), matrix)
        return index

    measure("usearch_hnsw", build_usearch, lambda index, q: [int(k) for k in index.search(q, 10).keys])
    return results


def main() -> int:
    engine = open_store(Settings(home=HOME).resolved_database_url)
    questions = bioasq_questions(SHARED, in_corpus=corpus_pmids(SHARED))
    ids, texts, pmid_of = load_pubmed_passages(engine)
    results = {
        "corpus": f"PubMed corpus only ({len(ids)} passages), BioASQ dev ({len(questions)} questions)",
        "lexical": lexical_engines(ids, texts, questions, pmid_of),
        "vector": vector_indexes(engine, questions, MiniLMEmbedder()),
    }
    print(json.dumps(results, indent=2))
    write_results("engines.json", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
