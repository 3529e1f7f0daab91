"""Ingest throughput on a fixed sample of ../shared data, in a throwaway data directory.

Reports three rates separately, because embedding bounds ingestion on 2 cores: parsing + chunking + storing,
embedding (MiniLM int8 ONNX), and building the BM25 and vector indexes.

    python bench/ingest_speed.py [--records 3000]    # writes bench/results/ingest_speed.json
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from itertools import islice
from pathlib import Path

from common import SHARED, write_results

from medora.retrieve.indexes import index_size_bytes
from medora.settings import Settings
from medora.workspace import Workspace


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=3000, help="records taken from each of the two files")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        inputs = []
        for name in ("pubmed/corpus.jsonl", "medquad/qa.jsonl"):
            target = folder / name.replace("/", "_")
            with (SHARED / name).open(encoding="utf-8") as source:
                target.write_text("".join(islice(source, args.records)), encoding="utf-8")
            inputs.append(target)
        workspace = Workspace(Settings(home=folder / "home"), with_library=False)
        workspace.embedder.embed(["warm up"])
        report = workspace.ingest(inputs, refresh=False)  # the index build is timed on its own below
        started = time.perf_counter()
        workspace.refresh_indexes(force=True)
        index_seconds = time.perf_counter() - started
        storing = report.seconds_total - report.seconds_embedding
        figures = {
            "records": report.sources_added,
            "passages": report.passages_added,
            "passages_per_second_parse_chunk_store": round(report.passages_added / storing, 1),
            "passages_per_second_embedding": round(report.passages_added / report.seconds_embedding, 1),
            "passages_per_second_index_build": round(report.passages_added / index_seconds, 1),
            "passages_per_second_overall": round(report.passages_added / (report.seconds_total + index_seconds), 1),
            "index_size_mb": round(index_size_bytes(workspace.index_dir) / 1e6, 1),
        }
    print(json.dumps(figures, indent=2))
    write_results("ingest_speed.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
