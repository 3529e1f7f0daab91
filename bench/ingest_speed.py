"""Ingest throughput on a fixed sample of ../shared data, in a throwaway data directory.

Reports the rates separately, because embedding bounds ingestion on 2 cores. With ``--engine local`` (the default):
parsing + chunking + storing, embedding (MiniLM int8 ONNX), and building the BM25 and vector indexes. With
``--engine ray``: the Ray Data stages (parse, chunk and embed overlap there, so they are one figure), the bulk load
of the Parquet shards, and the same index build; starting the local Ray is timed apart. ``--files`` splits each
sample into that many files, the unit the Ray runner spreads over its workers.

    python bench/ingest_speed.py [--records 3000]    # writes bench/results/ingest_speed.json
    python bench/ingest_speed.py --engine ray --pubmed-only --records 2000 --files 4 --out ingest_speed_ray.json
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
import time
from itertools import islice
from pathlib import Path

from common import SHARED, write_results

from medora.retrieve.indexes import index_size_bytes
from medora.settings import Settings
from medora.workspace import Workspace


def _samples(folder: Path, *, records: int, files: int, pubmed_only: bool) -> list[Path]:
    """The first ``records`` lines of each corpus, split into ``files`` files apiece."""
    names = ("pubmed/corpus.jsonl",) if pubmed_only else ("pubmed/corpus.jsonl", "medquad/qa.jsonl")
    inputs = []
    for name in names:
        with (SHARED / name).open(encoding="utf-8") as source:
            lines = list(islice(source, records))
        share = -(-len(lines) // files)
        for part in range(files):
            target = folder / f"{name.replace('/', '_')}.{part}.jsonl"
            target.write_text("".join(lines[part * share : (part + 1) * share]), encoding="utf-8")
            inputs.append(target)
    return inputs


def _rate(passages: int, seconds: float) -> float:
    return round(passages / seconds, 1) if seconds else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--records", type=int, default=3000, help="records taken from each corpus")
    parser.add_argument("--engine", choices=["local", "ray"], default="local", help="the ingest runner to time")
    parser.add_argument("--files", type=int, default=1, help="files each corpus sample is split into")
    parser.add_argument("--pubmed-only", action="store_true", help="PubMed corpus records only (no MedQuAD)")
    parser.add_argument("--no-embed", action="store_true", help="store no vectors (the lexical path alone)")
    parser.add_argument("--out", help="results file name in bench/results (ingest_speed.json; _no_embed with --no-embed)")
    args = parser.parse_args()
    args.out = args.out or ("ingest_speed_no_embed.json" if args.no_embed else "ingest_speed.json")
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        inputs = _samples(folder, records=args.records, files=args.files, pubmed_only=args.pubmed_only)
        settings = Settings(home=folder / "home")
        settings.ingest.embed = not args.no_embed
        workspace = Workspace(settings, with_library=False)
        figures: dict = {"engine": args.engine, "files": len(inputs), "cpus": os.cpu_count()}
        if args.engine == "ray":
            from medora.ingest.ray_runner import start_ray

            started = time.perf_counter()
            start_ray()
            figures["ray_start_seconds"] = round(time.perf_counter() - started, 1)
        elif not args.no_embed:
            workspace.embedder.embed(["warm up"])
        report = workspace.ingest(inputs, refresh=False, runner=args.engine)  # the index build is timed below
        started = time.perf_counter()
        workspace.refresh_indexes(force=True)
        index_seconds = time.perf_counter() - started
        passages = report.passages_added
        figures |= {"records": report.sources_added, "passages": passages}
        if args.engine == "ray":
            figures |= {
                "passages_per_second_ray_stages": _rate(passages, report.seconds_stages),
                "passages_per_second_bulk_load": _rate(passages, report.seconds_loading),
            }
        else:
            figures |= {
                "passages_per_second_parse_chunk_store": _rate(passages, report.seconds_total - report.seconds_embedding),
                "passages_per_second_embedding": _rate(passages, report.seconds_embedding),
            }
        figures |= {
            "passages_per_second_index_build": _rate(passages, index_seconds),
            "passages_per_second_overall": _rate(passages, report.seconds_total + index_seconds),
            "index_size_mb": round(index_size_bytes(workspace.index_dir) / 1e6, 1),
            "load_average_at_end": round(os.getloadavg()[0], 1),  # other jobs sharing the cores slow every rate
        }
    print(json.dumps(figures, indent=2))
    write_results(args.out, figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
