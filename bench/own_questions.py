"""Does each library overview answer the questions it says it answers? Every overview lists, in its front matter, the
questions it is written for (`questions:`, docs/library-format.md); each is asked of a fresh install and counted as
answered when the article is laid out from that same overview. A self-check of the library and the answer rules
together, not a blind set: the questions are the overviews' own, read by whoever edits the library (session 51 read
them all, and tuned on them: they are a development set). Misses are listed with their status and uncovered terms.

    python bench/own_questions.py             # writes bench/results/own_questions.json
    python bench/own_questions.py --no-save   # prints only (for comparing code trees with PYTHONPATH)
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

from common import write_results

from medora.answer import run_pipeline
from medora.ingest.markdown import split_front_matter
from medora.library import overview_paths
from medora.settings import Settings
from medora.workspace import Workspace


def own_questions() -> list[tuple[str, str]]:
    """(overview id, question) for every question an overview's front matter lists."""
    found = []
    for path in overview_paths():
        front, _body = split_front_matter(path.read_text(encoding="utf-8"), path=path)
        found += [(path.stem, question) for question in front.get("questions", [])]
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-save", action="store_true", help="print the figures without writing results")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace(Settings(home=Path(scratch) / "home"))
        workspace.prepare()
        for overview, question in own_questions():
            session = run_pipeline(question, retriever=workspace.retriever, settings=workspace.settings)
            chosen = session.selection.overview
            key = chosen.source.key if chosen is not None else None
            status = session.article.answer_status
            rows.append({"overview": overview, "question": question, "status": status, "answered_from": key,
                         "uncovered": list(session.article.uncovered_terms),
                         "right": status == "answered" and key == f"library:{overview}"})
    figures = {
        "questions": len(rows),
        "answered_from_their_overview": sum(row["right"] for row in rows),
        "misses": [{k: row[k] for k in ("overview", "question", "status", "answered_from", "uncovered")}
                   for row in rows if not row["right"]],
    }
    print(json.dumps(figures, indent=2))
    if not args.no_save:
        write_results("own_questions.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
