"""Train the yes/no/maybe verdict model and report cross-validated figures (never scored on its own training folds).

Data: PubMedQA dev (500, yes/no/maybe; reasoning-required: the conclusion is not in the corpus) and BioASQ dev
yes/no questions; evidence is what Medora retrieves for each question from the benchmark workspace.

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
from medora.settings import Settings
from medora.workspace import Workspace

MODEL = ROOT / "medora" / "compose" / "data" / "verdict_model.json"
FOLDS = 5


def examples(workspace: Workspace) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(features, label index, dataset: 0 PubMedQA / 1 BioASQ) for every training question."""
    rows = [(q["question"], q["answer"], 0) for q in pubmedqa_questions(SHARED)]
    rows += [
        (q["question"], str(q["exact_answer"]).strip().lower(), 1)
        for q in read_jsonl(SHARED / "bioasq" / "dev.jsonl")
        if q["type"] == "yesno" and str(q["exact_answer"]).strip().lower() in ("yes", "no")
    ]
    features = np.vstack([verdict_features(q, workspace.retriever.search(q, top_k=10)) for q, _a, _d in rows])
    labels = np.array([LABELS.index(answer) for _q, answer, _d in rows])
    return features, labels, np.array([d for _q, _a, d in rows])



def cross_validated(features: np.ndarray, labels: np.ndarray, datasets: np.ndarray, **options) -> np.ndarray:
    """Out-of-fold probabilities: each question is scored by a model that never saw it."""
    order = np.random.default_rng(7).permutation(len(labels))
    folds = np.array_split(order, FOLDS)
    probabilities = np.zeros((len(labels), len(LABELS)))
    for fold in folds:
        train = np.setdiff1d(order, fold)
        model = fit_logistic(features[train], labels[train], classes=len(LABELS), **options)
        probabilities[fold] = predict_from_features(features[fold], model)
    return probabilities


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


def main() -> int:
    workspace = Workspace(Settings(home=HOME), with_library=False)
    started = time.perf_counter()
    cache = HOME.parent / "verdict_features.npz"
    if cache.exists() and os.environ.get("MEDORA_REUSE_FEATURES"):
        saved = np.load(cache)
        features, labels, datasets = saved["features"], saved["labels"], saved["datasets"]
    else:
        features, labels, datasets = examples(workspace)
        np.savez(cache, features=features, labels=labels, datasets=datasets)
    seconds = time.perf_counter() - started
    options = {"l2": 1e-2}  # class weights made "maybe" (11% of PubMedQA) swamp the rest: 33% accuracy
    figures = report(cross_validated(features, labels, datasets, **options), labels, datasets)
    print(json.dumps(figures, indent=2))
    model = fit_logistic(features, labels, classes=len(LABELS), **options)
    model |= {
        "labels": list(LABELS),
        "features": list(FEATURES),
        "trained_on": "PubMedQA dev (500) + BioASQ dev yes/no, evidence retrieved from the closed-pool corpus",
        "cross_validated": figures,
    }
    MODEL.write_text(json.dumps(model, indent=1) + "\n")
    figures["feature_seconds"] = round(seconds, 1)
    write_results("verdict.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
