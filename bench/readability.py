"""Readability by audience: the Flesch-Kincaid grade (textstat) of the clinician, student and patient versions of
the articles for a fixed set of library questions (bench/data/readability_questions.yaml), on a fresh install.

The text measured is what a reader reads as the answer: the verdict, bottom line and section sentences (with their
bracketed explanations and dose notices), not headings, references or the disclaimer. Targets: the patient median at
grade 8 or below, the clinician version unchanged by adaptation.

The set is split by a salted hash of the question wording (``medora.eval.split.hash_bucket`` below FROZEN_SHARE):
the plain-language rules are tuned on the dev part only and the frozen part is measured, never tuned on.
The composed articles and their passages are cached (bench/.cache/readability_articles.json) so that a change to
the adaptation can be measured without composing again; ``--fresh`` composes anew.

    python bench/readability.py [--fresh]     # writes bench/results/readability.json
    python bench/readability.py --blind       # the blind set (readability_questions_blind.yaml, written 2026-11-29
                                              # by a helper who saw neither the plain files nor any figure): every
                                              # question is frozen; writes bench/results/readability_blind.json
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import time
from pathlib import Path

import textstat
import yaml
from common import ROOT, write_results

from medora import articles
from medora.eval.split import hash_bucket
from medora.readers.audience import AUDIENCES, adapt_article, reading_order
from medora.settings import Settings
from medora.types import Article
from medora.workspace import Workspace

QUESTIONS = ROOT / "bench" / "data" / "readability_questions.yaml"
BLIND_QUESTIONS = ROOT / "bench" / "data" / "readability_questions_blind.yaml"
HOME = Path(os.environ.get("MEDORA_BENCH_HOME", ROOT / "bench" / ".cache" / "readability-home"))
CACHE = ROOT / "bench" / ".cache" / "readability_articles.json"
BLIND_CACHE = ROOT / "bench" / ".cache" / "readability_blind_articles.json"
TARGET_PATIENT_GRADE = 8.0
FROZEN_SHARE = 40  # percent of the questions, by hash of the wording, only measured, never tuned on


def part(question: str) -> str:
    return "frozen" if hash_bucket(question) < FROZEN_SHARE else "dev"


def composed(questions: list[str], *, fresh: bool, cache: Path = CACHE) -> list[tuple[Article, dict[int, str]]]:
    """Each question's composed article and the text of the passages it cites, from the cache unless ``fresh``."""
    if not fresh and cache.exists():
        cached = json.loads(cache.read_text(encoding="utf-8"))
        if [row["question"] for row in cached] == questions:
            return [
                (Article.model_validate(row["article"]), {int(k): v for k, v in row["passages"].items()})
                for row in cached
            ]
    workspace = Workspace(Settings(home=HOME))
    if workspace.needs_prepare():
        workspace.prepare()
    out, rows = [], []
    for question in questions:
        article = articles.ask(workspace, question).article
        ids = [pid for ref in article.references for pid in ref.passage_ids]
        passages = {pid: view.text for pid, view in articles.passages_for(workspace, ids).items()}
        out.append((article, passages))
        rows.append({"question": question, "article": article.model_dump(mode="json"), "passages": passages})
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_text(json.dumps(rows), encoding="utf-8")
    return out


def body_text(article: Article) -> str:
    """The answer's sentences, each ending as a sentence, joined."""
    texts = [s.text.strip() for s in reading_order(article) if s.text.strip()]
    return " ".join(text if text[-1] in ".!?)" else text + "." for text in texts)


def grade(text: str) -> float:
    return float(textstat.flesch_kincaid_grade(text))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fresh", action="store_true", help="compose anew instead of reading the cache")
    parser.add_argument("--blind", action="store_true", help="the blind set: every question frozen")
    args = parser.parse_args()
    questions = yaml.safe_load((BLIND_QUESTIONS if args.blind else QUESTIONS).read_text(encoding="utf-8"))
    part_of = (lambda question: "blind") if args.blind else part
    grades: dict[str, list[float]] = {audience: [] for audience in AUDIENCES}
    adaptations: dict[str, int] = {}
    unchanged, seconds, rows = 0, [], []
    for question, (article, passages) in zip(questions, composed(questions, fresh=args.fresh, cache=BLIND_CACHE if args.blind else CACHE)):
        row = {"question": question, "part": part_of(question)}
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
    by_part = {
        name: {
            "questions": sum(row["part"] == name for row in rows),
            "median_fk_grade": {
                audience: round(statistics.median(row[audience] for row in rows if row["part"] == name), 1)
                for audience in AUDIENCES
            },
            "patient_at_or_below_target": sum(row["patient"] <= TARGET_PATIENT_GRADE for row in rows if row["part"] == name),
        }
        for name in (("blind",) if args.blind else ("dev", "frozen"))
    }
    figures = {
        "questions": len(questions),
        "median_fk_grade": {audience: round(statistics.median(values), 1) for audience, values in grades.items()},
        "by_part": by_part,
        "patient_at_or_below_target": sum(g <= TARGET_PATIENT_GRADE for g in grades["patient"]),
        "target_patient_median": TARGET_PATIENT_GRADE,
        "clinician_unchanged": f"{unchanged} of {len(questions)}",
        "patient_statements": adaptations,
        "adaptation_ms_median": round(statistics.median(seconds) * 1000, 1),
        "per_question": rows,
    }
    print(json.dumps({k: v for k, v in figures.items() if k != "per_question"}, indent=2))
    write_results("readability_blind.json" if args.blind else "readability.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
