"""Fit the learned ranker (medora/retrieve/rerank.py) and report cross-validated retrieval figures.

Each question's hybrid candidates (BM25 top 100 ∪ dense top 100) are labelled relevant when their source is gold:
the gold PMIDs of a BioASQ dev question (research questions), or the answer of a MedQuAD question (lay questions;
2,000 drawn outside the benchmark's fixed MedQuAD sample, so that sample stays held out). Both kinds are needed:
fitted on research questions alone, the ranker learns to bury consumer pages and lay questions lose their answers.
Only the tuned part of BioASQ dev is used: the frozen 30 % (medora/eval/split.py, by question id) is never fitted
on, so bench/retrieval.py can report it as held out. Questions are split into 5 folds; each fold is ranked through
the real ``Retriever.rank`` with a model fitted on the other four, so the reported figures never score a question
the model was fitted on. The shipped model is then fitted on all of them: its 13 coefficients are all it keeps of
the data (BioASQ's licence allows evaluation use; no BioASQ text ships).

    python bench/prepare_corpus.py    # once
    python bench/train_ranker.py      # writes medora/retrieve/data/ranker.json and bench/results/ranker.json
"""

from __future__ import annotations

import json
import random
import time

import numpy as np
from common import HOME, ROOT, SHARED, passage_to_key, write_results

from medora.eval.datasets import bioasq_questions, corpus_pmids, medquad_sample, read_jsonl
from medora.eval.logistic import fit_logistic
from medora.eval.metrics import ndcg_at_k, recall_at_k
from medora.eval.split import is_frozen_id
from medora.ingest.jsonl import medquad_key
from medora.retrieve.indexes import load_indexes
from medora.retrieve.rerank import FEATURES, LinearRanker, feature_matrix
from medora.retrieve.retriever import Retriever
from medora.settings import Settings
from medora.workspace import Workspace

MODEL = ROOT / "medora" / "retrieve" / "data" / "ranker.json"
FOLDS = 5
MEDQUAD_TRAINING = 2000
METRICS = {
    "ndcg@10": lambda ranked, gold: ndcg_at_k(ranked, gold, 10),
    "recall@10": lambda ranked, gold: recall_at_k(ranked, gold, 10),
    "recall@1": lambda ranked, gold: recall_at_k(ranked, gold, 1),
}


def medquad_training_questions() -> list[dict]:
    """MedQuAD questions outside the fixed 2,000-question benchmark sample, so bench/retrieval.py stays held out."""
    held_out = {medquad_key(row) for row in medquad_sample(SHARED)}
    rest = [row for row in read_jsonl(SHARED / "medquad" / "qa.jsonl") if medquad_key(row) not in held_out]
    return random.Random(29).sample(rest, MEDQUAD_TRAINING)


def fit(features: np.ndarray, labels: np.ndarray, **about: object) -> LinearRanker:
    """Two-class ``fit_logistic``; the difference of its two weight rows is the binary model's weight vector."""
    model = fit_logistic(np.column_stack([features, np.ones(len(features))]), labels, classes=2, l2=2e-4)
    difference = np.subtract(*model["weights"][::-1])
    return LinearRanker(
        weights=difference[:-1].tolist(),
        bias=float(difference[-1]),
        mean=model["mean"][:-1],
        scale=model["scale"][:-1],
        **about,
    )


def main() -> int:
    settings = Settings(home=HOME)
    settings.retrieve.rerank = False
    workspace = Workspace(settings, with_library=False)
    workspace.refresh_indexes()
    plain = workspace.retriever
    keys = passage_to_key(workspace)
    questions = [
        q | {"set": "bioasq", "gold": {f"pmid:{p}" for p in q["gold"]}}
        for q in bioasq_questions(SHARED, in_corpus=corpus_pmids(SHARED))
        if not is_frozen_id(q["id"])
    ]
    questions += [q | {"set": "medquad", "gold": {medquad_key(q)}} for q in medquad_training_questions()]
    started = time.perf_counter()
    matrices, labels = [], []
    for question in questions:
        signals = plain.candidate_signals(question["question"])
        gold = question["gold"]
        matrices.append(feature_matrix(signals))
        labels.append(np.array([keys[int(pid)] in gold for pid in signals.ids], dtype=int))
    print(f"features for {len(questions)} questions in {time.perf_counter() - started:.0f} s", flush=True)

    fold_of = np.random.default_rng(7).integers(0, FOLDS, len(questions))
    indexes = load_indexes(workspace.index_dir)
    scores: dict[str, dict[str, list[float]]] = {
        "bioasq": {"ndcg@10": [], "recall@10": []},
        "medquad": {"recall@1": [], "recall@10": []},
    }
    for fold in range(FOLDS):
        train = [i for i in range(len(questions)) if fold_of[i] != fold]
        model = fit(np.vstack([matrices[i] for i in train]), np.concatenate([labels[i] for i in train]))
        ranker_settings = settings.retrieve.model_copy(update={"rerank": True})
        retriever = Retriever(
            engine=workspace.engine,
            indexes=indexes,
            embedder=workspace.embedder,
            settings=ranker_settings,
            ranker=model,
        )
        for i in np.flatnonzero(fold_of == fold):
            ranked = retriever.rank(questions[i]["question"], top_k=100)
            sources = list(dict.fromkeys(keys[item.passage_id] for item in ranked))
            for metric, values in scores[questions[i]["set"]].items():
                values.append(METRICS[metric](sources, questions[i]["gold"]))
    cross_validated = {
        name: {metric: round(float(np.mean(values)), 4) for metric, values in metrics.items()}
        for name, metrics in scores.items()
    }
    print("cross-validated", json.dumps(cross_validated), flush=True)

    counts = {name: sum(q["set"] == name for q in questions) for name in scores}
    final = fit(
        np.vstack(matrices),
        np.concatenate(labels),
        trained_on=(
            f"{counts['bioasq']} BioASQ dev questions (the tuned part; the frozen 30 % never) and "
            f"{counts['medquad']} MedQuAD questions (bench/train_ranker.py)"
        ),
        cross_validated=cross_validated,
    )
    MODEL.write_text(json.dumps(final.to_dict(), indent=2) + "\n")
    write_results(
        "ranker.json",
        {
            "questions": counts,
            "folds": FOLDS,
            "cross_validated": cross_validated,
            "weights": dict(zip(FEATURES, final.weights.round(4).tolist(), strict=True)),
        },
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
