"""Where an article's sentences go outside the library: the share of body sentences under each heading, for the
management, yes/no and comparison questions of the labelled question set (bench/data/question_types.jsonl) asked of
the closed pool (PubMed corpus + MedQuAD, no editorial overviews), with the number of key-study rows and the
certainty levels given.

    python bench/layout.py            # writes bench/results/layout.json
"""

from __future__ import annotations

import json
from collections import Counter

from common import HOME, ROOT, write_results

from medora.answer import answer_question
from medora.eval.datasets import read_jsonl
from medora.settings import Settings
from medora.workspace import Workspace

TYPES = ("management", "yes_no", "comparison")


def main() -> int:
    settings = Settings(home=HOME)
    workspace = Workspace(settings, with_library=False)
    workspace.refresh_indexes()
    rows = [row for row in read_jsonl(ROOT / "bench" / "data" / "question_types.jsonl") if row["type"] in TYPES]
    results: dict = {}
    for kind in TYPES:
        headings: Counter[str] = Counter()
        certainty: Counter[str] = Counter()
        key_rows = answered = algorithms = 0
        questions = [row["question"] for row in rows if row["type"] == kind]
        for question in questions:
            article = answer_question(question, retriever=workspace.retriever, settings=settings)
            if article.answer_status != "answered":
                continue
            answered += 1
            key_rows += len(article.key_studies)
            certainty[article.certainty.level if article.certainty else "none"] += 1
            algorithms += any(section.heading == "Treatment algorithm" for section in article.sections)
            for section in article.sections:
                nested = sum(len(sub.statements) for sub in section.subsections)
                headings[section.heading] += len(section.statements) + nested
        results[kind] = {
            "questions": len(questions),
            "answered": answered,
            "articles_with_a_treatment_algorithm": algorithms,
            "key_study_rows_per_answered_article": round(key_rows / (answered or 1), 2),
            "certainty": dict(certainty.most_common()),
            "body_sentences_by_heading": {
                heading: round(count / (headings.total() or 1), 3) for heading, count in headings.most_common()
            },
        }
        print(kind, json.dumps(results[kind]), flush=True)
    write_results("layout.json", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
