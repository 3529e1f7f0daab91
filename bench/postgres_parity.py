"""Parity of the PostgreSQL search backends with the embedded ones on the closed pool (BioASQ dev nDCG@10).

Copies the benchmark store's sources, passages and vectors (read-only, same ids) into a throw-away PostgreSQL 16 +
pgvector (pgserver), syncs the search table (tsvector + GIN, then the HNSW index built last), and ranks the same
BioASQ dev questions with both backends: the embedded indexes of the benchmark workspace, and PostgreSQL.

    PYTHONPATH=. MEDORA_BENCH_HOME=/work/benchhome/home python bench/postgres_parity.py [QUESTIONS=200]
    # writes bench/results/postgres_parity.json
"""

from __future__ import annotations

import json
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import psycopg
from common import HOME, SHARED, write_results

from medora.eval.datasets import bioasq_questions, corpus_pmids
from medora.eval.metrics import ndcg_at_k, percentile, recall_at_k
from medora.retrieve import postgres
from medora.retrieve.embed import MiniLMEmbedder
from medora.retrieve.indexes import load_indexes
from medora.retrieve.retriever import Retriever
from medora.settings import Settings
from medora.store import open_store

TABLES = {
    "sources": ["id", "key", "kind", "title", "authors", "journal", "year", "pmid", "doi", "url", "mesh", "licence",
                "origin", "sections", "references", "review_status", "last_reviewed"],
    "passages": ["id", "source_id", "ordinal", "section", "text", "start", "end"],
    "embeddings": ["passage_id", "model", "vector"],
}


class CachedEmbedder:
    """Embeds each question once for both backends."""

    def __init__(self, inner: MiniLMEmbedder) -> None:
        self.inner, self.model_name, self._cache = inner, inner.model_name, {}

    def embed(self, texts: list[str]) -> np.ndarray:
        missing = [t for t in texts if t not in self._cache]
        if missing:
            self._cache |= dict(zip(missing, self.inner.embed(missing)))
        return np.stack([self._cache[t] for t in texts])


def copy_store(sqlite_path: Path, url: str) -> float:
    """COPY the three tables from the SQLite store (opened read-only) into PostgreSQL; returns seconds."""
    started = time.perf_counter()
    source = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
    with psycopg.connect(url) as conn, conn.cursor() as cursor:
        for table, columns in TABLES.items():
            quoted = ", ".join(f'"{c}"' for c in columns)
            with cursor.copy(f"COPY {table} ({quoted}) FROM STDIN") as copy:
                for row in source.execute(f"SELECT {quoted} FROM {table}"):
                    copy.write_row(row)
        cursor.execute("SELECT setval('passages_id_seq', (SELECT max(id) FROM passages))")
        cursor.execute("SELECT setval('sources_id_seq', (SELECT max(id) FROM sources))")
    return time.perf_counter() - started


def sync_bulk(engine, model: str) -> dict:
    """The first sync of a large store: drop the HNSW index, fill the table, build HNSW last (much faster)."""
    timings = {}
    with engine.begin() as conn:
        conn.exec_driver_sql("DROP INDEX search.search_passages_embedding")
    started = time.perf_counter()
    added = postgres.sync(engine, model=model)
    timings["sync_seconds"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    with engine.begin() as conn:
        conn.exec_driver_sql("SET LOCAL maintenance_work_mem = '512MB'")
        conn.exec_driver_sql(
            "CREATE INDEX search_passages_embedding ON search.passages "
            "USING hnsw (embedding vector_cosine_ops) WITH (m = 16, ef_construction = 64)"
        )
        conn.exec_driver_sql("ANALYZE search.passages")
    timings["hnsw_build_seconds"] = round(time.perf_counter() - started, 1)
    started = time.perf_counter()
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.exec_driver_sql("VACUUM ANALYZE search.postings")  # marks pages all-visible: index-only BM25 reads
    timings["postings_vacuum_seconds"] = round(time.perf_counter() - started, 1)
    with engine.connect() as conn:
        timings["search_table_bytes"] = conn.exec_driver_sql(
            "SELECT pg_total_relation_size('search.passages')"
        ).scalar()
        timings["postings_bytes"] = conn.exec_driver_sql("SELECT pg_total_relation_size('search.postings')").scalar()
    return timings | added


def evaluate(retriever: Retriever, questions: list[dict], keys: dict[int, str], mode: str) -> dict:
    ndcg, recall, latencies = [], [], []
    for row in questions:
        started = time.perf_counter()
        ranked = retriever.rank(row["question"], top_k=100, mode=mode)
        latencies.append((time.perf_counter() - started) * 1000)
        found = list(dict.fromkeys(keys[item.passage_id] for item in ranked))
        gold = {f"pmid:{pmid}" for pmid in row["gold"]}
        ndcg.append(ndcg_at_k(found, gold, 10))
        recall.append(recall_at_k(found, gold, 10))
    return {
        "ndcg@10": round(float(np.mean(ndcg)), 4),
        "recall@10": round(float(np.mean(recall)), 4),
        "p50_ms": round(percentile(latencies, 50), 1),
        "p95_ms": round(percentile(latencies, 95), 1),
    }


def main() -> int:
    import pgserver

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    sqlite_path = HOME / "medora.sqlite"
    questions = bioasq_questions(SHARED, in_corpus=corpus_pmids(SHARED))[:count]
    settings = Settings(home=HOME).retrieve
    embedder = CachedEmbedder(MiniLMEmbedder())
    with tempfile.TemporaryDirectory() as folder:
        server = pgserver.get_server(Path(folder) / "pg", cleanup_mode="delete")
        try:
            server.psql("CREATE DATABASE parity;")
            url = server.get_uri("parity")
            engine = open_store(url)  # the migrations, up to the search schema
            copied = copy_store(sqlite_path, url)
            loading = {"copy_seconds": round(copied, 1)} | sync_bulk(engine, embedder.model_name)
            print("loaded", json.dumps(loading), flush=True)
            source = sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True)
            keys = dict(source.execute("SELECT p.id, s.key FROM passages p JOIN sources s ON s.id = p.source_id"))
            backends = {
                "embedded": load_indexes(HOME / "index"),
                "postgres": postgres.load_postgres_indexes(
                    engine, model=embedder.model_name, bm25=(settings.bm25_k1, settings.bm25_b)
                ),
            }
            results: dict = {"questions": len(questions), "passages": len(keys), "postgres_load": loading}
            for name, indexes in backends.items():
                retriever = Retriever(engine=engine, indexes=indexes, embedder=embedder, settings=settings)
                retriever.rank("warm up")
                for mode in ("lexical", "dense", "hybrid"):
                    results.setdefault(mode, {})[name] = evaluate(retriever, questions, keys, mode)
                    print(name, mode, json.dumps(results[mode][name]), flush=True)
            for mode in ("lexical", "dense", "hybrid"):
                results[mode]["ndcg@10_difference"] = round(
                    results[mode]["postgres"]["ndcg@10"] - results[mode]["embedded"]["ndcg@10"], 4
                )
            engine.dispose()
        finally:
            server.cleanup()
    write_results("postgres_parity.json", results)
    print(json.dumps({m: results[m]["ndcg@10_difference"] for m in ("lexical", "dense", "hybrid")}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
