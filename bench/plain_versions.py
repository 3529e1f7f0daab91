"""The team-written plain-language versions of the library (medora/library/plain): how many overview sentences have
one, how many fail their check, and the Flesch-Kincaid grade (textstat) of the plain versions against the
sentences they rewrite. No questions are involved: this measures the writing, per overview and overall; the
patient articles' grade over a fixed question set is bench/readability.py.

    python bench/plain_versions.py                     # writes bench/results/plain_versions.json
    python bench/plain_versions.py --show gout sepsis  # these overviews only: each missing or failing entry, printed
"""

from __future__ import annotations

import argparse
import statistics
import sys

import textstat
from common import write_results

from medora.library import overview_paths
from medora.library.plain_versions import overview_sentences, plain_dir, read_entries, sentence_key
from medora.readers.plain_check import check_entry


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", nargs="+", metavar="TOPIC", help="print the missing and failing entries of these")
    args = parser.parse_args()
    paths = [p for p in overview_paths() if not args.show or p.stem in args.show]
    per_overview, originals, plains, failing_total = {}, [], [], 0
    for path in paths:
        sentences = overview_sentences(path)
        file = plain_dir() / f"{path.stem}.yaml"
        entries = {sentence_key(e.source): e for e in (read_entries(file)[1] if file.exists() else [])}
        written = failing = 0
        for sentence in sentences:
            entry = entries.get(sentence_key(sentence))
            if entry is None or not entry.plain:
                if args.show:
                    print(f"[{path.stem}] MISSING: {sentence}")
                continue
            problems = check_entry(entry)
            if problems:
                failing += 1
                if args.show:
                    print(f"[{path.stem}] FAILS: {entry.plain}\n    source: {sentence}\n    " + "\n    ".join(problems))
                continue
            written += 1
            originals.append(grade(sentence))
            plains.append(grade(entry.plain))
            if args.show:
                print(f"[{path.stem}] ok, grade {grade(sentence):.1f} -> {grade(entry.plain):.1f}: {entry.plain}")
        failing_total += failing
        per_overview[path.stem] = {"sentences": len(sentences), "plain": written, "failing": failing}
    figures = {
        "overviews": len(paths),
        "sentences": sum(v["sentences"] for v in per_overview.values()),
        "with_plain_version": sum(v["plain"] for v in per_overview.values()),
        "failing_check": failing_total,
        "median_fk_grade": {
            "sentences_rewritten": round(statistics.median(originals), 1) if originals else None,
            "their_plain_versions": round(statistics.median(plains), 1) if plains else None,
        },
        "per_overview": per_overview,
    }
    summary = {k: v for k, v in figures.items() if k != "per_overview"}
    print(summary)
    if not args.show:
        write_results("plain_versions.json", figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
