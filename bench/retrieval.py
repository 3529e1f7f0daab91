"""Retrieval benchmark on ../shared/data (closed pool: PubMed corpus + MedQuAD answers as distractors).

Rows for BM25-only, dense-only and hybrid:
  BioASQ dev   recall@10 and nDCG@10 over gold PMIDs present in the corpus (recall divides by min(gold, 10)), the
               tuned part (the ranker, BM25 and fusion settings were fitted on it) and the frozen 30 % (by question id,
               medora/eval/split.py: never fitted or tuned on) apart
  PubMedQA dev question → its own abstract: recall@1, MRR@10
  MedQuAD      question → its own answer (fixed sample of 2,000): recall@1, recall@10
  latency      p50/p95 per query (rank only: BM25 + query embedding + ANN + fusion + priors)

    python bench/prepare_corpus.py   # once: builds bench/.cache/home
    python bench/retrieval.py        # writes bench/results/retrieval.json
"""

from __future__ import annotations

import json
import os
import sys
import time

from common import HOME, SHARED, passage_to_key, write_results

from medora.eval.datasets import bioasq_questions, corpus_pmids, medquad_sample, pubmedqa_questions
from medora.eval.metrics import ndcg_at_k, percentile, recall_at_k, reciprocal_rank
from medora.eval.split import bioasq_part
from medora.ingest.jsonl import medquad_key
from medora.retrieve.retriever import Retriever
from medora.settings import Settings
from medora.workspace import Workspace

CANDIDATE_PASSAGES = 100


def ranked_keys(retriever: Retriever, question: str, mode: str, keys: dict[int, str]) -> tuple[list[str], float]:
    started = time.perf_counter()
    ranked = retriever.rank(question, top_k=CANDIDATE_PASSAGES, mode=mode)
    elapsed = (time.perf_counter() - started) * 1000
    return list(dict.fromkeys(keys[item.passage_id] for item in ranked)), elapsed


# Each set: how a row names its gold sources, and which metrics (name, function of ranked keys and gold) to report.
_BIOASQ = (
    lambda row: {f"pmid:{pmid}" for pmid in row["gold"]},
    {"recall@10": lambda r, g: recall_at_k(r, g, 10), "ndcg@10": lambda r, g: ndcg_at_k(r, g, 10)},
)
SETS = {
    "bioasq_tuned": _BIOASQ,
    "bioasq_frozen": _BIOASQ,
    "pubmedqa": (
        lambda row: {f"pmid:{row['pmid']}"},
        {"recall@1": lambda r, g: recall_at_k(r, g, 1), "mrr@10": lambda r, g: reciprocal_rank(r, g, 10)},
    ),
    "medquad": (
        lambda row: {medquad_key(row)},
        {"recall@1": lambda r, g: recall_at_k(r, g, 1), "recall@10": lambda r, g: recall_at_k(r, g, 10)},
    ),
}


def evaluate(retriever: Retriever, mode: str, keys: dict[int, str], data: dict) -> dict:
    latencies: list[float] = []
    figures: dict = {}
    for name, (gold_of, metrics) in SETS.items():
        scores: dict[str, list[float]] = {metric: [] for metric in metrics}
        for row in data[name]:
            ranked, ms = ranked_keys(retriever, row["question"], mode, keys)
            latencies.append(ms)
            for metric, score in metrics.items():
                scores[metric].append(score(ranked, gold_of(row)))
        figures[name] = {m: round(sum(v) / len(v), 4) for m, v in scores.items()} | {"questions": len(data[name])}
    figures["latency_ms"] = {"p50": round(percentile(latencies, 50), 1), "p95": round(percentile(latencies, 95), 1)}
    return figures


def main() -> int:
    if not (HOME / "medora.sqlite").exists():
        print("run `python bench/prepare_corpus.py` first", file=sys.stderr)
        return 2
    settings = Settings(home=HOME)
    workspace = Workspace(settings, with_library=False)
    workspace.refresh_indexes()
    retriever = workspace.retriever
    keys = passage_to_key(workspace)
    limit = int(os.environ.get("MEDORA_BENCH_LIMIT", "0")) or None
    bioasq = bioasq_questions(SHARED, in_corpus=corpus_pmids(SHARED))
    data = {
        "bioasq_tuned": [q for q in bioasq if bioasq_part(q) == "tuned"][:limit],
        "bioasq_frozen": [q for q in bioasq if bioasq_part(q) == "frozen"][:limit],
        "pubmedqa": pubmedqa_questions(SHARED)[:limit],
        "medquad": medquad_sample(SHARED)[:limit],
    }
    retriever.rank("warm up the model and the indexes")
    modes = sys.argv[1:] or ["lexical", "dense", "hybrid"]
    results = {"corpus": {"passages": len(keys)}, "settings": settings.retrieve.model_dump(), "modes": {}}
    for mode in modes:
        started = time.perf_counter()
        results["modes"][mode] = evaluate(retriever, mode, keys, data)
        results["modes"][mode]["seconds"] = round(time.perf_counter() - started, 1)
        print(mode, json.dumps(results["modes"][mode]), flush=True)
    if not limit:
        write_results("retrieval.json", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
