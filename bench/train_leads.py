"""Fit the lead model (compose/leads.py): which overview sentence leads an answer's bottom line.

Questions: bench/data/asked_leads_dev.yaml (312 questions on one part of a topic, each with a phrase of the sentence
that answers it) and two broad questions an overview ("How is gout managed?", "What should I know about gout?"),
whose right lead is any sentence of the overview's own bottom line. Each is asked of a fresh install with the model
off; the sentences the model would choose from are recorded with their features. The 30 % of questions frozen by
hash (eval/split.py) are held out: the model and its threshold are chosen by 5-fold cross-validation (folds by
question) on the rest, then fitted on all of it, and the held-out part is scored once. The blind set
(bench/asked_leads.py) is never read here.

    python bench/train_leads.py             # fits; writes compose/data/lead_model.json and results/train_leads.json
    python bench/train_leads.py --no-save   # figures only
"""

from __future__ import annotations

import argparse
import json
import re
import tempfile
from pathlib import Path

import numpy as np
import yaml
from common import ROOT, write_results

import medora.compose.layout as layout
from medora.answer import run_pipeline
from medora.compose.leads import (
    FEATURES,
    MODEL_FILE,
    confident,
    holds_for_the_question,
    lead_features,
    lead_probabilities,
    own_sentences,
)
from medora.eval.logistic import fit_choice_model, question_folds
from medora.eval.split import is_frozen
from medora.ingest.markdown import split_front_matter
from medora.library import overview_paths
from medora.settings import Settings
from medora.workspace import Workspace

QUESTIONS = ROOT / "bench" / "data" / "asked_leads_dev.yaml"
MODEL_PATH = ROOT / "medora" / "compose" / "data" / MODEL_FILE
L2 = 0.1
THRESHOLDS = (0.0, 0.1, 0.2, 0.3, 0.4)
# the model's choice must beat the word rules' lead by this much probability: chosen on a reviewer's judgements of
# 218 leads the model changed on tuned and its own questions (session 20: 132 better, 33 worse; with the margin 88
# better, 7 worse), so those judgements are tuned on
MARGIN = 0.2
MIN_BROAD_KEPT = 0.99  # a threshold must keep a broad question's lead in the overview's own bottom line this often


def broad_questions() -> list[dict]:
    """Two broad questions for each overview, from its title ("Gout — diagnosis, …" → "How is gout managed?")."""
    items = []
    for path in overview_paths():
        front, _body = split_front_matter(path.read_text(encoding="utf-8"), path=path)
        name = re.split(r" — |\(", front["title"])[0].strip()
        name = name if name.split()[0].isupper() else name[0].lower() + name[1:]
        for question in (f"How is {name} managed?", f"What should I know about {name}?"):
            items.append({"question": question, "overview": path.stem, "broad": True})
    return items


def harvest(items: list[dict]) -> list[dict]:
    """For each question answered from its overview: the features of the sentences the model chooses from, and
    which of them are right."""
    recorded: dict = {}

    def record(written, rules_lead, chosen, overview, asked, ask, meaning, question):  # noqa: ANN001, ANN202
        own = own_sentences(written, chosen, overview)
        recorded["own"], recorded["features"] = own, lead_features(
            own, written, rules_lead, asked, ask, meaning, question
        )  # the question's classes, as the answer reads them (members_as_classes)
        return None  # the word rules' bottom line stands: the features read it as it is without the model

    layout.meaning_lead = record
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace(Settings(home=Path(scratch) / "home"))
        workspace.prepare()
        for item in items:
            recorded.clear()
            session = run_pipeline(item["question"], retriever=workspace.retriever, settings=workspace.settings)
            overview = session.selection.overview
            answered = overview is not None and overview.source.key == f"library:{item['overview']}"
            if not answered or recorded.get("features") is None:
                continue
            own, features = recorded["own"], recorded["features"]
            if item.get("broad"):
                right = features[:, FEATURES.index("in_bottom_line")] > 0
            else:
                phrase = " ".join(item["phrase"].lower().split())
                right = np.array([phrase in " ".join(c.text.lower().split()) for c in own])
            if right.any():
                rows.append({"question": item["question"], "broad": bool(item.get("broad")), "features": features,
                             "holds": np.array([_holds(c, item["question"]) for c in own]),
                             "right": right.astype(float), "rules_right": bool(right[features[:, -1].argmax()])})
    return rows


def _holds(candidate, question: str) -> bool:  # noqa: ANN001 (a Candidate)
    return holds_for_the_question(candidate.text, question, candidate.evidence.source.title,
                                  candidate.evidence.section or "")


def chosen_right(rows: list[dict], model: dict, threshold: float) -> list[bool]:
    """Whether the lead each question gets (the model's, when confident, else the rules') is a right one."""
    results = []
    for row in rows:
        probabilities = lead_probabilities(row["features"], model)
        best = int(np.argmax(probabilities))
        rules = int(row["features"][:, -1].argmax())
        model_with = model | {"threshold": threshold, "margin": MARGIN}
        compared = rules if row["holds"][rules] else None  # as compose/leads.py meaning_lead
        if not confident(probabilities, best, compared, model_with) or not row["holds"][best]:
            best = rules
        results.append(bool(row["right"][best]))
    return results


def rates(rows: list[dict], right: list[bool]) -> dict:
    specific = [r for r, row in zip(right, rows, strict=True) if not row["broad"]]
    broad = [r for r, row in zip(right, rows, strict=True) if row["broad"]]
    return {"specific_led": sum(specific), "specific": len(specific), "broad_kept": sum(broad), "broad": len(broad)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-save", action="store_true", help="print the figures; write no model and no results")
    args = parser.parse_args()
    items = yaml.safe_load(QUESTIONS.read_text(encoding="utf-8")) + broad_questions()
    rows = harvest(items)
    tuned = [row for row in rows if not is_frozen(row["question"])]
    held = [row for row in rows if is_frozen(row["question"])]
    groups = np.array([row["question"] for row in tuned])
    out_of_fold: dict[float, list[bool]] = {threshold: [False] * len(tuned) for threshold in THRESHOLDS}
    for fold in question_folds(groups):
        fitting = [row for row, out in zip(tuned, fold, strict=True) if not out]
        model = fit_choice_model([r["features"] for r in fitting], [r["right"] for r in fitting], l2=L2)
        scored = [index for index, out in enumerate(fold) if out]
        for threshold in THRESHOLDS:
            for index, right in zip(scored, chosen_right([tuned[i] for i in scored], model, threshold), strict=True):
                out_of_fold[threshold][index] = right
    by_threshold = {str(t): rates(tuned, right) for t, right in out_of_fold.items()}
    keeping = [t for t in THRESHOLDS if (r := by_threshold[str(t)])["broad_kept"] >= MIN_BROAD_KEPT * r["broad"]]
    threshold = max(keeping or THRESHOLDS[-1:], key=lambda t: (by_threshold[str(t)]["specific_led"], t))
    model = fit_choice_model([r["features"] for r in tuned], [r["right"] for r in tuned], l2=L2)
    rules = {"tuned": rates(tuned, [row["rules_right"] for row in tuned]),
             "held_out": rates(held, [row["rules_right"] for row in held])}
    figures = {
        "questions_answered_from_their_overview": {"tuned": len(tuned), "held_out": len(held)},
        "word_rules_alone": rules,
        "model_out_of_fold_by_threshold": by_threshold,
        "threshold": threshold,
        "model_held_out": rates(held, chosen_right(held, model, threshold)),
        "weights": dict(zip(FEATURES, np.round(model["weights"], 3).tolist(), strict=True)),
    }
    print(json.dumps(figures, indent=2))
    if not args.no_save:
        model |= {"features": list(FEATURES), "threshold": threshold, "margin": MARGIN, "l2": L2,
                  "fitted_on": "bench/data/asked_leads_dev.yaml tuned part + broad questions (bench/train_leads.py)"}
        MODEL_PATH.write_text(json.dumps(model, indent=1) + "\n", encoding="utf-8")
        write_results("train_leads.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
