"""Does an overview's answer open with what the question asks? Questions on one part of a library topic
(bench/data/asked_leads.yaml: written in session 16 by a helper who read only the overviews, never ran Medora nor saw
a figure), each with a phrase of the overview sentence that answers it (never in the overview's first bottom-line
bullet). Reports, among the questions answered from their overview, how many bottom lines lead with a sentence
holding the phrase, and how many hold it anywhere in the bottom line. Rates only, no question named: the set stays
blind.

    python bench/asked_leads.py                  # writes bench/results/asked_leads.json
    python bench/asked_leads.py --no-save        # prints only (for comparing code trees with PYTHONPATH)
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from common import ROOT, write_results

from medora.answer import run_pipeline
from medora.settings import Settings
from medora.workspace import Workspace

QUESTIONS = ROOT / "bench" / "data" / "asked_leads.yaml"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-save", action="store_true", help="print the figures without writing results")
    args = parser.parse_args()
    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace(Settings(home=Path(scratch) / "home"))
        workspace.prepare()
        for item in items:
            session = run_pipeline(item["question"], retriever=workspace.retriever, settings=workspace.settings)
            article = session.article
            overview = session.selection.overview
            phrase = item["phrase"].lower()
            bottom = [statement.text.lower() for statement in article.bottom_line]
            rows.append(
                {
                    "question": item["question"],
                    "style": item["style"],
                    "from_its_overview": overview is not None and overview.source.key == f"library:{item['overview']}",
                    "leads_with_it": bool(bottom) and phrase in bottom[0],
                    "in_bottom_line": any(phrase in text for text in bottom),
                }
            )
    answered = [row for row in rows if row["from_its_overview"]]
    by_style: dict[str, Counter] = {}
    for row in answered:
        tally = by_style.setdefault(row["style"], Counter())
        tally["answered"] += 1
        tally["led"] += row["leads_with_it"]
    figures = {
        "questions": len(rows),
        "answered_from_its_overview": len(answered),
        "lead_holds_the_answer": sum(row["leads_with_it"] for row in answered),
        "bottom_line_holds_the_answer": sum(row["in_bottom_line"] for row in answered),
        "by_style": {style: dict(tally) for style, tally in sorted(by_style.items())},
    }
    print(json.dumps(figures, indent=2))
    if not args.no_save:
        write_results("asked_leads.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
