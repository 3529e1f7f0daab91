"""Readability by audience: the Flesch-Kincaid grade (textstat) of the clinician, student and patient versions of
the articles for a fixed set of library questions (bench/data/readability_questions.yaml), on a fresh install.

The text measured is what a reader reads as the answer: the verdict, bottom line and section sentences (with their
bracketed explanations and dose notices), not headings, references or the disclaimer. Targets: the patient median at
grade 8 or below, the clinician version unchanged by adaptation.

    python bench/readability.py     # writes bench/results/readability.json
"""

from __future__ import annotations

import json
import os
import statistics
import time
from pathlib import Path

import textstat
import yaml
from common import ROOT, write_results

from medora import articles
from medora.readers.audience import AUDIENCES, adapt_article, reading_order
from medora.settings import Settings
from medora.types import Article
from medora.workspace import Workspace

QUESTIONS = ROOT / "bench" / "data" / "readability_questions.yaml"
HOME = Path(os.environ.get("MEDORA_BENCH_HOME", ROOT / "bench" / ".cache" / "readability-home"))
TARGET_PATIENT_GRADE = 8.0


def body_text(article: Article) -> str:
    """The answer's sentences, each ending as a sentence, joined."""
    texts = [s.text.strip() for s in reading_order(article) if s.text.strip()]
    return " ".join(text if text[-1] in ".!?)" else text + "." for text in texts)


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def main() -> int:
    questions = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8"))
    workspace = Workspace(Settings(home=HOME))
    if workspace.needs_prepare():
        workspace.prepare()
    grades: dict[str, list[float]] = {audience: [] for audience in AUDIENCES}
    adaptations: dict[str, int] = {}
    unchanged, seconds, rows = 0, [], []
    for question in questions:
        article = articles.ask(workspace, question).article
        ids = [pid for ref in article.references for pid in ref.passage_ids]
        passages = {pid: view.text for pid, view in articles.passages_for(workspace, ids).items()}
        row = {"question": question}
        for audience in AUDIENCES:
            tick = time.perf_counter()
            adapted = adapt_article(article, audience, passages=passages)
            seconds.append(time.perf_counter() - tick)
            row[audience] = round(grade(body_text(adapted)), 1)
            grades[audience].append(row[audience])
            if audience == "clinician":
                unchanged += adapted.model_dump(exclude={"audience"}) == article.model_dump(exclude={"audience"})
            if audience == "patient":
                for statement in reading_order(adapted):
                    key = statement.adaptation or "as composed"
                    adaptations[key] = adaptations.get(key, 0) + 1
        rows.append(row)
    figures = {
        "questions": len(questions),
        "median_fk_grade": {audience: round(statistics.median(values), 1) for audience, values in grades.items()},
        "patient_at_or_below_target": sum(g <= TARGET_PATIENT_GRADE for g in grades["patient"]),
        "target_patient_median": TARGET_PATIENT_GRADE,
        "clinician_unchanged": f"{unchanged} of {len(questions)}",
        "patient_statements": adaptations,
        "adaptation_ms_median": round(statistics.median(seconds) * 1000, 1),
        "per_question": rows,
    }
    print(json.dumps({k: v for k, v in figures.items() if k != "per_question"}, indent=2))
    write_results("readability.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
