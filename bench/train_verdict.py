"""Train the yes/no/maybe verdict model, choose the confidence above which a verdict is shown, and check that rule on
questions nothing was fitted on.

Data. Training: PubMedQA's labelled set less a fixed 30 % by PMID (medora/eval/split.py: is_frozen_pubmedqa) and the
tuned part of BioASQ dev's yes/no questions. Check: that PubMedQA 30 % and BioASQ dev's frozen part, never fitted on
nor used to choose anything. The evidence of each question is what an article's verdict reads at run time: the
on-topic passages answering the question's specific terms, from the full answer pipeline on the benchmark workspace.
A question gets a verdict only when it is classed yes/no and answered; the others count as not shown.

Thresholds. One model; one threshold per kind of evidence (compose/verdict.py: evidence_regime): the best-ranked
study states its findings in words (CONCLUSIONS, excerpts: BioASQ) or gives results only (PubMedQA, whose
conclusions are removed). Each is the lowest model confidence at which 5-fold cross-validated predictions of that
kind's training questions are right at least TARGET_ACCURACY of the time (the lower end of the 95 % interval of
their accuracy reaches it), with at least MIN_ANSWERED answered.
Figures for that rule are nested (in each of 5 outer folds the thresholds are chosen on inner cross-validated
predictions of the 4 training folds and the held-out fold is scored), and then checked on the held-out questions
with the model fitted on all training questions. A kind's threshold ships only when its held-out check reaches the
target on at least MIN_SHOWN_CHECKED questions; otherwise it is NEVER. A further check, fitted on nothing: the
PubMedQA held-out questions with their article's own conclusion added as a CONCLUSIONS passage (an abstract as
PubMed holds it), which moves them to the 'stated' kind.

    python bench/prepare_corpus.py     # once
    python bench/train_verdict.py      # writes medora/compose/data/verdict_model.json and bench/results/verdict.json
    MEDORA_REUSE_EVIDENCE=1 python bench/train_verdict.py   # reuse bench/.cache/verdict_evidence.json
"""

from __future__ import annotations

import json
import os
import time

import numpy as np
from common import HOME, ROOT, SHARED, write_results

from medora.answer import AnswerSession, select_evidence
from medora.compose.analyse import analyse_question
from medora.compose.select import passage_answers
from medora.compose.verdict import (
    FEATURES,
    LABELS,
    RESULTS_ONLY,
    STATED,
    evidence_regime,
    predict_from_features,
    verdict_features,
)
from medora.eval.datasets import pubmedqa_questions, read_jsonl
from medora.eval.logistic import fit_logistic, out_of_fold, question_folds
from medora.eval.selective import lowest_confident_threshold, selective
from medora.eval.split import is_frozen_id, is_frozen_pubmedqa
from medora.settings import Settings
from medora.types import Evidence
from medora.workspace import Workspace

MODEL = ROOT / "medora" / "compose" / "data" / "verdict_model.json"
CACHE = ROOT / "bench" / ".cache" / "verdict_evidence.json"
FOLDS = 5
TARGET_ACCURACY = 0.75
MIN_ANSWERED = 20  # a threshold must leave at least this many training questions of its kind answered
MIN_SET = 50  # a kind of evidence with fewer training questions gets no threshold
MIN_SHOWN_CHECKED = 10  # and the held-out check must show at least this many verdicts to count
NEVER = 1.01  # the threshold when no confidence reaches the target: no verdict is ever shown
L2 = 0.1  # chosen on the cross-validated curve of the training questions (0.01 and 1.0 tried)
CONCLUDED = "+conclusion"  # a PubMedQA question whose article's own conclusion is added to its evidence
TRAIN = ("pubmedqa_train", "pubmedqa_train" + CONCLUDED, "bioasq_tuned")
CHECK = ("pubmedqa_heldout", "pubmedqa_heldout" + CONCLUDED, "bioasq_frozen")


def questions() -> list[dict]:
    """Every labelled question with its part (training or check)."""
    rows = [
        {"question": q["question"], "answer": q["answer"], "pmid": str(q["pmid"]), "conclusion": q["long_answer"],
         "part": "pubmedqa_heldout" if is_frozen_pubmedqa(str(q["pmid"])) else "pubmedqa_train"}
        for q in pubmedqa_questions(SHARED)
    ]
    rows += [
        {"question": q["question"], "answer": str(q["exact_answer"]).strip().lower(),
         "part": "bioasq_frozen" if is_frozen_id(q["id"]) else "bioasq_tuned"}
        for q in read_jsonl(SHARED / "bioasq" / "dev.jsonl")
        if q["type"] == "yesno" and str(q["exact_answer"]).strip().lower() in ("yes", "no")
    ]
    return rows


def with_evidence(rows: list[dict]) -> list[dict]:
    """Each question with the evidence its article's verdict would read, and whether it would get one at all."""
    settings = Settings(home=HOME)
    workspace = Workspace(settings, with_library=False)
    workspace.refresh_indexes()
    for row in rows:
        session = AnswerSession(row["question"])
        session.analysis = analyse_question(row["question"])
        selection = select_evidence(session, retriever=workspace.retriever, settings=settings)
        answering = [e for e in selection.answering_evidence if passage_answers(e, selection.terms)]
        row["eligible"] = bool(answering) and session.analysis.question_type == "yes_no" and (
            selection.answer_status == "answered"
        )
        row["evidence"] = [e.model_dump(mode="json") for e in answering]
    return rows


def cross_validated(features: np.ndarray, labels: np.ndarray, groups: np.ndarray, *, seed: int = 7) -> np.ndarray:
    """Out-of-fold probabilities: each question is scored by a model that never saw it (nor its other version:
    folds are drawn by question, ``groups``)."""
    return out_of_fold(features, labels, groups, classes=len(LABELS), l2=L2, folds=FOLDS, seed=seed)


def choose_threshold(probabilities: np.ndarray, labels: np.ndarray) -> float | None:
    """The lowest confidence at which questions are answered right at least TARGET_ACCURACY of the time, at the lower
    end of the 95 % interval of that accuracy (None when none is): the lowest threshold merely scoring the target
    on training questions fell just short of it on held-out ones."""
    return lowest_confident_threshold(
        probabilities.max(axis=1).tolist(), (probabilities.argmax(axis=1) == labels).tolist(),
        target=TARGET_ACCURACY, min_answered=MIN_ANSWERED,
    )


def thresholds_by_regime(
    probabilities: np.ndarray, labels: np.ndarray, regimes: np.ndarray, sets: np.ndarray
) -> dict[str, float]:
    """A threshold per kind of evidence, chosen on all training questions of that kind (NEVER where none is found);
    whether it holds for each set of that kind apart (BioASQ excerpts, PubMedQA abstracts) is the held-out check."""
    chosen = {}
    for regime in (STATED, RESULTS_ONLY):
        mask = regimes == regime
        found = choose_threshold(probabilities[mask], labels[mask]) if mask.sum() >= MIN_SET else None
        chosen[regime] = NEVER if found is None else round(float(found), 4)
    return chosen


def scored(confidence: np.ndarray, correct: np.ndarray, shown: np.ndarray, mask: np.ndarray, total: int) -> dict:
    answered = shown & mask
    return {
        "questions": total,
        "with_evidence": int(mask.sum()),
        "shown": int(answered.sum()),
        "coverage": round(float(answered.sum() / total), 4),
        "accuracy_when_shown": round(float(correct[answered].mean()), 4) if answered.any() else None,
        "accuracy_all_with_evidence": round(float(correct[mask].mean()), 4) if mask.any() else None,
    }


def nested(x: np.ndarray, y: np.ndarray, groups: np.ndarray, sets: np.ndarray, kinds: np.ndarray, totals: dict) -> dict:
    """Held-out-fold figures of 'show only above the threshold', the thresholds chosen inside each outer fold."""
    confidence, correct = np.zeros(len(y)), np.zeros(len(y), dtype=bool)
    shown = np.zeros(len(y), dtype=bool)
    thresholds = []
    for fold in question_folds(groups, folds=FOLDS, seed=11):
        inner = cross_validated(x[~fold], y[~fold], groups[~fold], seed=13)
        chosen = thresholds_by_regime(inner, y[~fold], kinds[~fold], sets[~fold])
        thresholds.append(chosen)
        model = fit_logistic(x[~fold], y[~fold], classes=len(LABELS), l2=L2)
        held_out = predict_from_features(x[fold], model)
        confidence[fold], correct[fold] = held_out.max(axis=1), held_out.argmax(axis=1) == y[fold]
        shown[fold] = confidence[fold] >= np.array([chosen[r] for r in kinds[fold]])
    figures = {"fold_thresholds": thresholds}
    for name in TRAIN:
        figures[name] = scored(confidence, correct, shown, sets == name, totals[name])
    return figures


def curve(probabilities: np.ndarray, labels: np.ndarray, mask: np.ndarray) -> list[dict]:
    """Accuracy and share answered (of those with evidence) at a few thresholds, cross-validated."""
    confidence = probabilities[mask].max(axis=1).tolist()
    correct = (probabilities[mask].argmax(axis=1) == labels[mask]).tolist()
    rows = []
    for threshold in (0.0, 0.5, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85):
        result = selective(confidence, correct, threshold)
        accuracy = None if result.accuracy is None else round(result.accuracy, 4)
        rows.append({"threshold": threshold, "accuracy": accuracy, "coverage": round(result.coverage, 4)})
    return rows


def with_conclusion(row: dict) -> list[Evidence]:
    """A PubMedQA question's evidence with its article's own conclusion added to that article as a CONCLUSIONS
    passage (None-free: the evidence unchanged when the article was not retrieved)."""
    evidence = [Evidence(**e) for e in row["evidence"]]
    own = next((i for i, e in enumerate(evidence) if e.source.pmid == row["pmid"]), None)
    if own is None:
        return evidence
    added = evidence[own].model_copy(update={"passage_id": -1, "section": "CONCLUSIONS", "text": row["conclusion"]})
    return evidence[: own + 1] + [added] + evidence[own + 1 :]


def main() -> int:
    started = time.perf_counter()
    if CACHE.exists() and os.environ.get("MEDORA_REUSE_EVIDENCE"):
        rows = json.loads(CACHE.read_text())
    else:
        rows = with_evidence(questions())
        CACHE.parent.mkdir(parents=True, exist_ok=True)
        CACHE.write_text(json.dumps(rows))
    totals = {name: sum(row["part"] == name.removesuffix(CONCLUDED) for row in rows) for name in TRAIN + CHECK}
    items = []  # (question, label, part, group, evidence)
    for group, row in enumerate(row for row in rows if row["eligible"]):
        evidence = [Evidence(**e) for e in row["evidence"]]
        items.append((row["question"], LABELS.index(row["answer"]), row["part"], group, evidence))
        if "conclusion" in row:
            items.append((row["question"], LABELS.index(row["answer"]), row["part"] + CONCLUDED, group,
                          with_conclusion(row)))
    features = np.vstack([verdict_features(question, evidence) for question, _y, _p, _g, evidence in items])
    regimes = np.array([evidence_regime(evidence) for *_rest, evidence in items])
    labels, parts, groups = (np.array([item[i] for item in items]) for i in (1, 2, 3))
    seconds = time.perf_counter() - started

    train = np.isin(parts, TRAIN)
    x, y, sets, kinds, grouped = features[train], labels[train], parts[train], regimes[train], groups[train]
    probabilities = cross_validated(x, y, grouped)
    chosen = thresholds_by_regime(probabilities, y, kinds, sets)
    confidence, correct = probabilities.max(axis=1), probabilities.argmax(axis=1) == y
    shown = confidence >= np.array([chosen[r] for r in kinds])
    figures: dict = {"target_accuracy": TARGET_ACCURACY, "l2": L2, "thresholds_cross_validated": chosen}
    for name in TRAIN:
        mask = sets == name
        figures[f"cv_{name}"] = {
            "accuracy": round(float(correct[mask].mean()), 4),
            "majority_class": round(float(np.bincount(y[mask]).max() / mask.sum()), 4),
            "stated": int((mask & (kinds == STATED)).sum()),
            **scored(confidence, correct, shown, mask, totals[name]),
            "curve": curve(probabilities, y, mask),
        }
    figures["nested"] = nested(x, y, grouped, sets, kinds, totals)

    model = fit_logistic(x, y, classes=len(LABELS), l2=L2)
    check = ~train
    held_out = predict_from_features(features[check], model)
    confidence, correct = held_out.max(axis=1), held_out.argmax(axis=1) == labels[check]
    shown = confidence >= np.array([chosen[r] for r in regimes[check]])
    figures["held_out"] = {}
    shipped = {}
    for regime in (STATED, RESULTS_ONLY):
        passed = []
        for name in CHECK:
            mask = (parts[check] == name) & (regimes[check] == regime)
            result = scored(confidence, correct, shown, mask, totals[name])
            figures["held_out"][f"{name} ({regime})"] = result
            if result["shown"] >= MIN_SHOWN_CHECKED:
                passed.append(result["accuracy_when_shown"] >= TARGET_ACCURACY)
        shipped[regime] = chosen[regime] if passed and all(passed) else NEVER
    for name in CHECK:
        figures["held_out"][name] = scored(confidence, correct, shown, parts[check] == name, totals[name])
    figures["show_thresholds"] = shipped
    figures["evidence_seconds"] = round(seconds, 1)
    print(json.dumps(figures, indent=2))
    model |= {
        "labels": list(LABELS),
        "features": list(FEATURES),
        "show_thresholds": shipped,
        "trained_on": "PubMedQA labelled set less its held-out 30 % (with and without each article's own conclusion) + "
        "BioASQ dev yes/no (tuned part); evidence is what the answer pipeline reads from the closed pool",
        "cross_validated": {name: figures[f"cv_{name}"]["accuracy"] for name in TRAIN},
        "held_out": {name: figures["held_out"][name] for name in CHECK},
    }
    MODEL.write_text(json.dumps(model, indent=1) + "\n")
    write_results("verdict.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
