"""Adding 1,000 records to a large store: the index update (a delta segment) timed on a copy of a scale workspace.

The copy gets its own SQLite file and hard links to the index files (an update never rewrites them; it links them
into a new version folder). 1,000 real PubMed records of the shared corpus (not in the generated store) are
ingested with real embedding, then the indexes are brought up to date and timed apart; a few BioASQ questions are
ranked before and after to show the query cost of one delta.

    PYTHONPATH=. python bench/scale_update.py /work/scale/ws-1m          # -> results/scale_update.json
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import sys
import time
from pathlib import Path

from common import SHARED, write_results

from medora.eval.datasets import bioasq_questions, corpus_pmids
from medora.eval.metrics import percentile
from medora.settings import Settings
from medora.workspace import Workspace

BATCH, SEED, QUESTIONS = 1000, 17, 50


def _copy(source: Path, target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    shutil.copy2(source / "medora.sqlite", target / "medora.sqlite")
    subprocess.run(["cp", "-al", str(source / "index"), str(target / "index")], check=True)


def _query_ms(workspace: Workspace, questions: list[str]) -> dict[str, float]:
    timings = []
    for question in questions:
        tick = time.perf_counter()
        workspace.retriever.rank(question, top_k=20, mode="hybrid")
        timings.append((time.perf_counter() - tick) * 1000)
    return {"p50": round(percentile(timings, 50), 1), "p95": round(percentile(timings, 95), 1)}


def main() -> int:
    source = Path(sys.argv[1])
    target = source.with_name(source.name + "-update")
    tick = time.perf_counter()
    _copy(source, target)
    copy_seconds = time.perf_counter() - tick
    lines = (SHARED / "pubmed" / "corpus.jsonl").read_text().splitlines()
    batch = target / "batch.jsonl"
    batch.write_text("\n".join(lines[i] for i in sorted(random.Random(SEED).sample(range(len(lines)), BATCH))) + "\n")
    workspace = Workspace(Settings(home=target), with_library=False)
    questions = [q["question"] for q in bioasq_questions(SHARED, in_corpus=corpus_pmids(SHARED))][:QUESTIONS]
    _query_ms(workspace, questions[:5])  # warm
    before = _query_ms(workspace, questions)
    report = workspace.ingest([batch], refresh=False)
    tick = time.perf_counter()
    manifest = workspace.refresh_indexes()
    update_seconds = time.perf_counter() - tick
    workspace = Workspace(Settings(home=target), with_library=False)
    _query_ms(workspace, questions[:5])
    after = _query_ms(workspace, questions)
    figures = {
        "store": str(source),
        "passages_after": (manifest or {}).get("state", {}).get("passages"),
        "records_ingested": report.sources_added,
        "passages_added": report.passages_added,
        "ingest_seconds": round(report.seconds_total, 1),
        "ingest_embedding_seconds": round(report.seconds_embedding, 1),
        "index_update_seconds": round(update_seconds, 2),
        "delta_segments": len((manifest or {}).get("deltas", [])),
        "hybrid_rank_ms_before": before,
        "hybrid_rank_ms_after": after,
        "copy_seconds": round(copy_seconds, 1),
    }
    print(json.dumps(figures, indent=2))
    write_results("scale_update.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
