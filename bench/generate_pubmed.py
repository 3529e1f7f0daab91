"""Write N synthetic passages as gzipped PubMed baseline XML (real sentences resampled; PMIDs from 90,000,000).

    PYTHONPATH=. python bench/generate_pubmed.py /work/scale/xml-100k --passages 100000 [--seed 17]

See medora/eval/synthetic_pubmed.py for how a record is drawn; Medora's real PubMed parser reads the files."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from common import SHARED

from medora.eval.synthetic_pubmed import (
    RECORDS_PER_FILE,
    AbstractGenerator,
    load_donors,
    topic_neighbours,
    write_baseline,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("folder", type=Path)
    parser.add_argument("--passages", type=int, required=True, help="passages the real chunker will make of them")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--records-per-file", type=int, default=RECORDS_PER_FILE)
    args = parser.parse_args()
    started = time.perf_counter()
    donors = load_donors(SHARED / "pubmed" / "corpus.jsonl")
    generator = AbstractGenerator(donors, topic_neighbours(donors), seed=args.seed)
    counts = write_baseline(generator, args.folder, passages=args.passages, records_per_file=args.records_per_file)
    counts |= {"seed": args.seed, "seconds": round(time.perf_counter() - started, 1)}
    (args.folder / "generated.json").write_text(json.dumps(counts, indent=2) + "\n")
    print(json.dumps(counts))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
