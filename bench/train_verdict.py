"""Train the yes/no/maybe verdict model, choose the confidence above which a verdict is shown, and report
cross-validated figures (never scored on its own training folds).

Data: PubMedQA dev (500, yes/no/maybe; reasoning-required: the conclusion is not in the corpus) and the tuned part of
BioASQ dev's yes/no questions (the frozen 30 % is never fitted on); evidence is what Medora retrieves for each
question from the benchmark workspace.

When a verdict is shown: only at a model confidence at which cross-validated accuracy on PubMedQA is at least
TARGET_ACCURACY. Figures for that rule are nested: in each of 5 outer folds the threshold is chosen on out-of-fold
predictions of the 4 training folds (an inner 5-fold cross-validation), the model is fitted on those 4 folds, and
the held-out fold is scored: accuracy among the questions that get a verdict, and their share (coverage). The
threshold is then chosen the same way on 5-fold predictions of all the training questions, and shipped only when the
nested held-out accuracy reaches the target; otherwise the shipped threshold is NEVER and no verdict is shown.

    python bench/prepare_corpus.py     # once
    python bench/train_verdict.py      # writes medora/compose/data/verdict_model.json and bench/results/verdict.json
"""

from __future__ import annotations

import json
import os
import time

import numpy as np
from common import HOME, ROOT, SHARED, write_results

from medora.compose.verdict import FEATURES, LABELS, predict_from_features, verdict_features
from medora.eval.datasets import pubmedqa_questions, read_jsonl
from medora.eval.logistic import fit_logistic
from medora.eval.metrics import accuracy, macro_f1
from medora.eval.selective import lowest_threshold, selective
from medora.eval.split import is_frozen_id
from medora.settings import Settings
from medora.workspace import Workspace

MODEL = ROOT / "medora" / "compose" / "data" / "verdict_model.json"
FOLDS = 5
TARGET_ACCURACY = 0.75
MIN_ANSWERED = 20  # a threshold must leave at least this many training questions answered to be trusted
NEVER = 1.01  # the threshold when no confidence reaches the target: no verdict is ever shown
OPTIONS = {"l2": 1e-2}  # class weights made "maybe" (11% of PubMedQA) swamp the rest: 33% accuracy


def examples(workspace: Workspace) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, label index, dataset: 0 PubMedQA / 1 BioASQ) for every training question."""
    rows = [(q["question"], q["answer"], 0) for q in pubmedqa_questions(SHARED)]
    rows += [
        (q["question"], str(q["exact_answer"]).strip().lower(), 1)
        for q in read_jsonl(SHARED / "bioasq" / "dev.jsonl")
        if q["type"] == "yesno"
        and str(q["exact_answer"]).strip().lower() in ("yes", "no")
        and not is_frozen_id(q["id"])
    ]
    features = np.vstack([verdict_features(q, workspace.retriever.search(q, top_k=10)) for q, _a, _d in rows])
    labels = np.array([LABELS.index(answer) for _q, answer, _d in rows])
    return features, labels, np.array([d for _q, _a, d in rows])


def cross_validated(features: np.ndarray, labels: np.ndarray, *, seed: int = 7) -> np.ndarray:
    """Out-of-fold probabilities: each question is scored by a model that never saw it."""
    order = np.random.default_rng(seed).permutation(len(labels))
    probabilities = np.zeros((len(labels), len(LABELS)))
    for fold in np.array_split(order, FOLDS):
        train = np.setdiff1d(order, fold)
        model = fit_logistic(features[train], labels[train], classes=len(LABELS), **OPTIONS)
        probabilities[fold] = predict_from_features(features[fold], model)
    return probabilities


def choose_threshold(probabilities: np.ndarray, labels: np.ndarray, pubmedqa: np.ndarray) -> float:
    """The lowest confidence at which PubMedQA questions are answered right at least TARGET_ACCURACY of the time."""
    confidence = probabilities[pubmedqa].max(axis=1)
    correct = probabilities[pubmedqa].argmax(axis=1) == labels[pubmedqa]
    found = lowest_threshold(confidence.tolist(), correct.tolist(), target=TARGET_ACCURACY, min_answered=MIN_ANSWERED)
    return NEVER if found is None else round(float(found), 4)


def nested_selective(features: np.ndarray, labels: np.ndarray, datasets: np.ndarray) -> dict:
    """Held-out accuracy and coverage of 'show the verdict only above the threshold', the threshold chosen on
    cross-validated predictions of each outer fold's training questions."""
    order = np.random.default_rng(11).permutation(len(labels))
    confidence = np.zeros(len(labels))
    correct = np.zeros(len(labels), dtype=bool)
    shown = np.zeros(len(labels), dtype=bool)
    thresholds = []
    for fold in np.array_split(order, FOLDS):
        train = np.setdiff1d(order, fold)
        inner = cross_validated(features[train], labels[train], seed=13)
        threshold = choose_threshold(inner, labels[train], datasets[train] == 0)
        thresholds.append(threshold)
        model = fit_logistic(features[train], labels[train], classes=len(LABELS), **OPTIONS)
        held_out = predict_from_features(features[fold], model)
        confidence[fold] = held_out.max(axis=1)
        correct[fold] = held_out.argmax(axis=1) == labels[fold]
        shown[fold] = confidence[fold] >= threshold
    figures = {"target_accuracy": TARGET_ACCURACY, "fold_thresholds": thresholds}
    for name, mask in (("pubmedqa", datasets == 0), ("bioasq_yesno", datasets == 1)):
        answered = shown & mask
        figures[name] = {
            "questions": int(mask.sum()),
            "shown": int(answered.sum()),
            "coverage": round(float(answered.sum() / mask.sum()), 4),
            "accuracy_when_shown": round(float(correct[answered].mean()), 4) if answered.any() else None,
            "accuracy_all": round(float(correct[mask].mean()), 4),
        }
    return figures


def report(probabilities: np.ndarray, labels: np.ndarray, datasets: np.ndarray) -> dict:
    pubmedqa = datasets == 0
    predicted = [LABELS[i] for i in probabilities[pubmedqa].argmax(axis=1)]
    actual = [LABELS[i] for i in labels[pubmedqa]]
    bioasq = datasets == 1
    yes_no = probabilities[bioasq][:, :2].argmax(axis=1)  # BioASQ has no 'maybe': compare yes against no
    return {
        "pubmedqa": {
            "questions": int(pubmedqa.sum()),
            "accuracy": round(accuracy(predicted, actual), 4),
            "macro_f1": round(macro_f1(predicted, actual, LABELS), 4),
            "majority_class": round(max(actual.count(label) for label in LABELS) / len(actual), 4),
        },
        "bioasq_yesno": {
            "questions": int(bioasq.sum()),
            "accuracy": round(float((yes_no == labels[bioasq]).mean()), 4),
            "majority_class": round(float(max((labels[bioasq] == 0).mean(), (labels[bioasq] == 1).mean())), 4),
        },
    }


def selective_curve(probabilities: np.ndarray, labels: np.ndarray, pubmedqa: np.ndarray) -> list[dict]:
    """Accuracy and coverage of cross-validated PubMedQA predictions at a few thresholds (for the README)."""
    confidence = probabilities[pubmedqa].max(axis=1).tolist()
    correct = (probabilities[pubmedqa].argmax(axis=1) == labels[pubmedqa]).tolist()
    rows = []
    for threshold in (0.0, 0.5, 0.6, 0.7, 0.8, 0.9):
        result = selective(confidence, correct, threshold)
        accuracy_shown = None if result.accuracy is None else round(result.accuracy, 4)
        rows.append({"threshold": threshold, "accuracy": accuracy_shown, "coverage": round(result.coverage, 4)})
    return rows


def main() -> int:
    workspace = Workspace(Settings(home=HOME), with_library=False)
    workspace.refresh_indexes()
    started = time.perf_counter()
    cache = HOME.parent / "verdict_features.npz"
    if cache.exists() and os.environ.get("MEDORA_REUSE_FEATURES"):
        saved = np.load(cache)
        features, labels, datasets = saved["features"], saved["labels"], saved["datasets"]
    else:
        features, labels, datasets = examples(workspace)
        np.savez(cache, features=features, labels=labels, datasets=datasets)
    seconds = time.perf_counter() - started
    probabilities = cross_validated(features, labels)
    figures = report(probabilities, labels, datasets)
    figures["selective_curve_pubmedqa"] = selective_curve(probabilities, labels, datasets == 0)
    figures["shown_verdicts_nested"] = nested_selective(features, labels, datasets)
    chosen = choose_threshold(probabilities, labels, datasets == 0)
    held_out = figures["shown_verdicts_nested"]["pubmedqa"]["accuracy_when_shown"]
    threshold = chosen if held_out is not None and held_out >= TARGET_ACCURACY else NEVER
    figures["show_threshold_cross_validated"] = chosen
    figures["show_threshold"] = threshold
    print(json.dumps(figures, indent=2))
    model = fit_logistic(features, labels, classes=len(LABELS), **OPTIONS)
    model |= {
        "labels": list(LABELS),
        "features": list(FEATURES),
        "show_threshold": threshold,
        "trained_on": "PubMedQA dev (500) + BioASQ dev yes/no (tuned part), evidence retrieved from the closed pool",
        "cross_validated": {name: figures[name] for name in ("pubmedqa", "bioasq_yesno", "shown_verdicts_nested")},
    }
    MODEL.write_text(json.dumps(model, indent=1) + "\n")
    figures["feature_seconds"] = round(seconds, 1)
    write_results("verdict.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
