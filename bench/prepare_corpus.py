"""Build the benchmark workspace: ingest ../shared's PubMed corpus and MedQuAD (as distractors) into one
data directory, timing parsing+lexical indexing and embedding separately. Re-runs reuse what is stored.

    python bench/prepare_corpus.py            # writes bench/.cache/home and bench/results/ingest.json
"""

from __future__ import annotations

import json
import sys
import time

from common import HOME, SHARED, write_results

from medora.retrieve.indexes import index_size_bytes
from medora.settings import Settings
from medora.workspace import Workspace


def main() -> int:
    corpus = [SHARED / "pubmed" / "corpus.jsonl", SHARED / "medquad" / "qa.jsonl"]
    missing = [str(p) for p in corpus if not p.exists()]
    if missing:
        print(f"shared data not found: {missing}; set MEDORA_SHARED", file=sys.stderr)
        return 2
    workspace = Workspace(Settings(home=HOME), show_progress=sys.stderr.isatty())
    report = workspace.ingest(corpus, refresh=False)  # the index build is timed on its own below
    started = time.perf_counter()
    manifest = workspace.refresh_indexes(force=True)
    index_seconds = time.perf_counter() - started
    parse_seconds = report.seconds_parsing
    figures = {
        "sources_added": report.sources_added,
        "passages_added": report.passages_added,
        "failures": report.failures,
        "seconds_parsing_and_chunking": round(parse_seconds, 1),
        "seconds_embedding": round(report.seconds_embedding, 1),
        "seconds_total_ingest": round(report.seconds_total, 1),
        "seconds_index_build": round(index_seconds, 1),
        "passages_per_second_parse_chunk_store": round(
            report.passages_added / max(report.seconds_total - report.seconds_embedding, 1e-9), 1
        ),
        "passages_per_second_embedding": round(report.passages_added / max(report.seconds_embedding, 1e-9), 1)
        if report.seconds_embedding
        else None,
        "passages_per_second_index_build": round(manifest["state"]["passages"] / max(index_seconds, 1e-9), 1),
        "index": manifest,
        "index_size_mb": round(index_size_bytes(workspace.index_dir) / 1e6, 1),
        "store_size_mb": round((HOME / "medora.sqlite").stat().st_size / 1e6, 1),
    }
    if report.passages_added:
        write_results("ingest.json", figures)
    print(json.dumps(figures, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
