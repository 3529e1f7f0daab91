"""Question-type classifier on a labelled set: accuracy on the dev part and on the frozen test part, per-type confusion.

The set is bench/data/question_types.jsonl (labelling rules in bench/README.md). A question belongs to the frozen part
when the SHA-256 of its text falls in the first 40 % of the hash range, so the split never changes when questions
are added. Only dev questions may be looked at while tuning: ``--errors`` lists the dev mistakes, never frozen ones.
bench/data/question_types_unseen.jsonl holds 100 further questions sampled at random from the shared sets and
labelled after the rules were fixed: scored once (0.86), then tuned on in session 8. bench/data/
question_types_unseen3.jsonl holds 150 more (seed 2029), labelled blind in session 8: scored once (0.833), then
tuned on. question_types_unseen4.jsonl holds 150 more (seed 3031), labelled blind in session 8 before the classifier
ran on them: the check on wordings the rules' author never saw (never for tuning).

    python bench/question_types.py             # writes bench/results/question_types.json
    python bench/question_types.py --errors    # also prints the dev questions it gets wrong
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "bench" / "data" / "question_types.jsonl"
UNSEEN = ROOT / "bench" / "data" / "question_types_unseen.jsonl"
UNSEEN3 = ROOT / "bench" / "data" / "question_types_unseen3.jsonl"
UNSEEN4 = ROOT / "bench" / "data" / "question_types_unseen4.jsonl"
RESULTS = ROOT / "bench" / "results"
FROZEN_PERCENT = 40

sys.path.insert(0, str(ROOT))
from medora.compose.analyse import QUESTION_TYPES, analyse_question  # noqa: E402
from medora.eval.datasets import read_jsonl  # noqa: E402
from medora.eval.metrics import accuracy, macro_f1  # noqa: E402


def is_frozen(question: str) -> bool:
    """Frozen test part: fixed by the question's text alone, so adding questions never moves old ones."""
    return int(hashlib.sha256(question.encode("utf-8")).hexdigest()[:8], 16) % 100 < FROZEN_PERCENT


def labelled_questions(part: str | None = None) -> list[dict]:
    """Rows of the labelled set with ``part`` ('dev' or 'frozen') added; only one part when asked."""
    rows = [row | {"part": "frozen" if is_frozen(row["question"]) else "dev"} for row in read_jsonl(DATA)]
    return [row for row in rows if part is None or row["part"] == part]


def evaluate(rows: list[dict], classify: Callable[[str], str]) -> dict:
    """Accuracy, macro-F1, per-type recall and confusion (actual → predicted counts) and per-origin accuracy."""
    predicted = [classify(row["question"]) for row in rows]
    actual = [row["type"] for row in rows]
    per_type = {}
    for name in QUESTION_TYPES:
        guesses = [p for p, a in zip(predicted, actual, strict=True) if a == name]
        per_type[name] = {
            "questions": len(guesses),
            "recall": round(guesses.count(name) / len(guesses), 4) if guesses else None,
            "predicted_as": dict(Counter(guesses).most_common()),
        }
    origins = sorted({row["origin"] for row in rows})
    by_origin = {}
    for origin in origins:
        pairs = [(p, a) for p, a, row in zip(predicted, actual, rows, strict=True) if row["origin"] == origin]
        by_origin[origin] = {"questions": len(pairs), "accuracy": round(sum(p == a for p, a in pairs) / len(pairs), 4)}
    return {
        "questions": len(rows),
        "accuracy": round(accuracy(predicted, actual), 4),
        "macro_f1": round(macro_f1(predicted, actual, QUESTION_TYPES), 4),
        "per_type": per_type,
        "by_origin": by_origin,
    }


def dev_errors(classify: Callable[[str], str]) -> list[tuple[str, str, str]]:
    """(question, labelled type, predicted type) for dev questions classified wrongly."""
    rows = labelled_questions("dev")
    return [(r["question"], r["type"], p) for r in rows if (p := classify(r["question"])) != r["type"]]


def classify(question: str) -> str:
    return analyse_question(question).question_type


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", action="store_true", help="print the dev questions classified wrongly")
    options = parser.parse_args()
    figures = {
        "data": str(DATA.relative_to(ROOT)),
        "frozen_rule": f"sha256(question) first 8 hex digits mod 100 < {FROZEN_PERCENT}",
        "dev": evaluate(labelled_questions("dev"), classify),
        "frozen": evaluate(labelled_questions("frozen"), classify),
        "unseen": evaluate(list(read_jsonl(UNSEEN)), classify),
        "unseen3": evaluate(list(read_jsonl(UNSEEN3)), classify),
        "unseen4": evaluate(list(read_jsonl(UNSEEN4)), classify),
    }
    headline = ("questions", "accuracy", "macro_f1")
    parts = ("dev", "frozen", "unseen", "unseen3", "unseen4")
    print(json.dumps({part: {key: figures[part][key] for key in headline} for part in parts}))
    if options.errors:
        for question, label, guess in dev_errors(classify):
            print(f"{label:>10} <- {guess:<10} {question}")
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "question_types.json").write_text(json.dumps(figures, indent=2) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
