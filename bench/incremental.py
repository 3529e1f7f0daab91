"""Incremental index update against a full rebuild, on a copy of the benchmark workspace (never the original).

1,000 PubMed records of the closed pool (a fixed sample, seed 17) are deleted from the copy, its indexes rebuilt
(the main index), then the records are ingested again as a new file: the index update (a delta segment) is timed
against the full rebuild that follows it (the compaction), and BioASQ dev nDCG@10 / recall@10 are measured on both
index versions, with the share of questions whose top-10 sources are the same.

    MEDORA_BENCH_HOME=/work/benchhome/home python bench/incremental.py   # -> results/incremental.json
"""

from __future__ import annotations

import json
import os
import random
import shutil
import sys
import time
from pathlib import Path

from common import HOME, SHARED, passage_to_key, write_results

from medora.eval.datasets import bioasq_questions, corpus_pmids
from medora.eval.metrics import ndcg_at_k, percentile, recall_at_k
from medora.eval.split import bioasq_part
from medora.settings import Settings
from medora.store import repository
from medora.workspace import Workspace

WORK = Path(os.environ.get("MEDORA_INCREMENTAL_DIR", "/tmp/medora-incremental"))
BATCH, SEED = 1000, 17


def sample_batch(path: Path) -> list[str]:
    """The batch's JSON lines: a fixed sample of the PubMed corpus."""
    lines = (SHARED / "pubmed" / "corpus.jsonl").read_text().splitlines()
    chosen = sorted(random.Random(SEED).sample(range(len(lines)), BATCH))
    path.write_text("\n".join(lines[i] for i in chosen) + "\n")
    return [f"pmid:{json.loads(lines[i])['pmid']}" for i in chosen]


def timed(step) -> tuple[object, float]:
    started = time.perf_counter()
    result = step()
    return result, round(time.perf_counter() - started, 2)


def evaluate(workspace: Workspace, questions: list[dict], mode: str) -> tuple[dict, list[list[str]]]:
    """BioASQ tuned and frozen nDCG@10 / recall@10, rank latency, and each question's top-10 source keys."""
    retriever, keys = workspace.retriever, passage_to_key(workspace)
    retriever.rank("warm up the model and the indexes", mode=mode)
    tops, latencies, scores = [], [], {"tuned": [], "frozen": []}
    for row in questions:
        started = time.perf_counter()
        ranked = retriever.rank(row["question"], top_k=100, mode=mode)
        latencies.append((time.perf_counter() - started) * 1000)
        top = list(dict.fromkeys(keys[item.passage_id] for item in ranked))
        gold = {f"pmid:{pmid}" for pmid in row["gold"]}
        scores[bioasq_part(row)].append((ndcg_at_k(top, gold, 10), recall_at_k(top, gold, 10)))
        tops.append(top[:10])
    figures = {
        part: {
            "ndcg@10": round(sum(n for n, _ in rows) / len(rows), 4),
            "recall@10": round(sum(r for _, r in rows) / len(rows), 4),
            "questions": len(rows),
        }
        for part, rows in scores.items()
    }
    figures["latency_ms"] = {"p50": round(percentile(latencies, 50), 1), "p95": round(percentile(latencies, 95), 1)}
    return figures, tops


def main() -> int:
    if not (HOME / "medora.sqlite").exists():
        print("run `python bench/prepare_corpus.py` first (or set MEDORA_BENCH_HOME)", file=sys.stderr)
        return 2
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    shutil.copytree(HOME, WORK / "home")
    keys = sample_batch(WORK / "batch.jsonl")
    workspace = Workspace(Settings(home=WORK / "home"), with_library=False)
    with workspace.engine.begin() as conn:
        removed = sum(repository.delete_source(conn, key=key) is not None for key in keys)  # None: not stored
    main_build, main_seconds = timed(lambda: workspace.refresh_indexes(force=True))
    report, ingest_seconds = timed(lambda: workspace.ingest([WORK / "batch.jsonl"], refresh=False))
    delta, update_seconds = timed(workspace.refresh_indexes)
    questions = bioasq_questions(SHARED, in_corpus=corpus_pmids(SHARED))
    limit = int(os.environ.get("MEDORA_BENCH_LIMIT", "0")) or None
    questions = questions[:limit]
    modes = ("lexical", "hybrid")
    with_delta = {mode: evaluate(workspace, questions, mode) for mode in modes}
    compacted, rebuild_seconds = timed(lambda: workspace.refresh_indexes(force=True))
    scratch = {mode: evaluate(workspace, questions, mode) for mode in modes}
    results = {
        "store": {"records_removed_and_readded": removed, "passages_after": compacted["state"]["passages"]},
        "main_index": {"passages": main_build["state"]["passages"], "build_seconds": main_seconds},
        "ingest_seconds_parse_embed_store": ingest_seconds,
        "passages_added": report.passages_added,
        "index_update_seconds": update_seconds,
        "delta": {key: delta[key] for key in ("delta_passages", "deleted", "update_seconds", "version")},
        "full_rebuild_seconds": rebuild_seconds,
        "modes": {
            mode: {
                "with_delta": with_delta[mode][0],
                "from_scratch": scratch[mode][0],
                "same_top10_share": round(
                    sum(a == b for a, b in zip(with_delta[mode][1], scratch[mode][1])) / len(questions), 4
                ),
            }
            for mode in modes
        },
    }
    print(json.dumps(results, indent=2))
    if not limit:
        write_results("incremental.json", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
