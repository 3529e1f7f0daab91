"""A reader's questions to a fresh install: the library coverage and near-miss sets plus out-of-scope and yes/no
questions (bench/data/reader_questions.yaml). Reports how many answers rest on evidence that does not name the
question's specific terms (goal 0), by Medora's own rule and strictly (any term missing from the first source),
and how many verdicts were given to questions the library does not answer.

    python bench/reader_questions.py     # writes bench/results/reader_questions.json
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter
from pathlib import Path

import yaml
from common import ROOT, write_results

from medora.answer import run_pipeline
from medora.eval.coverage import coverage_questions
from medora.eval.near_miss import near_miss_questions, unsupported_answer
from medora.settings import Settings
from medora.workspace import Workspace


def reader_questions() -> dict[str, list[str]]:
    extra = yaml.safe_load((ROOT / "bench" / "data" / "reader_questions.yaml").read_text(encoding="utf-8"))
    return {
        "coverage": [item["question"] for item in coverage_questions()],
        "near_miss": [item["question"] for item in near_miss_questions()],
        "out_of_scope": extra["out_of_scope"],
        "yes_no": extra["yes_no"],
    }


def main() -> int:
    groups = reader_questions()
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace(Settings(home=Path(scratch) / "home"))
        workspace.prepare()
        for group, questions in groups.items():
            for question in questions:
                session = run_pipeline(question, retriever=workspace.retriever, settings=workspace.settings)
                article = session.article
                rows.append(
                    {
                        "group": group,
                        "question": question,
                        "answer_status": article.answer_status,
                        "verdict": article.verdict.answer if article.verdict else None,
                        "urgent": article.urgent_notice is not None,
                        "first_source": article.references[0].source_key if article.references else None,
                        "terms": [term.label for term in session.selection.terms],
                        **{f"unsupported_{k}": v for k, v in unsupported_answer(session).items()},
                    }
                )
    figures = {
        "questions": len(rows),
        "by_group": {
            group: dict(Counter(row["answer_status"] for row in rows if row["group"] == group)) for group in groups
        },
        "verdicts_given": sum(row["verdict"] is not None for row in rows),
        "answers_resting_on_evidence_without_the_terms": sum(row["unsupported_gate"] for row in rows),
        "answers_whose_first_source_misses_any_term": sum(row["unsupported_strict"] for row in rows),
        "verdicts_on_unanswered_questions": sum(row["unsupported_verdict"] for row in rows),
        "strict_misses": [
            {"question": r["question"], "first_source": r["first_source"], "terms": r["terms"]}
            for r in rows
            if r["unsupported_strict"]
        ],
        "answered_out_of_scope": [r["question"] for r in rows if r["group"] == "out_of_scope" and r["answer_status"] == "answered"],
        "answers": rows,
    }
    print(json.dumps({k: v for k, v in figures.items() if k != "answers"}, indent=2))
    write_results("reader_questions.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
