"""Fit the citation model (medora/compose/relevance.py) on the tuned part of BioASQ dev, and choose its threshold.

For every tuned question the pipeline answers (answering evidence, no library overview), each source of the best
CANDIDATE_DEPTH passages that may be cited (answering, or on topic by its words and naming at least half the
question's specific terms) is a row, labelled by whether it is one of the question's gold documents. Two models are
fitted, stacked: first the question–source pair model over the MiniLM vectors (compose/vectors.py), whose
out-of-fold log-odds is one signal of the citation model, then the citation model itself. Out-of-fold probabilities
(5 folds by question; inside each outer fold, the pair model's signal for the training questions is itself out of
fold) give the precision / cited-recall@10 curve of the sources ``relevance.cited_sources`` picks at each threshold
(a partial or insufficient answer keeps its pool); the shipped threshold is the lowest whose cross-validated
precision reaches TARGET_PRECISION. Both models are then fitted on every row. A words-only citation model (no vector
signal), used when retrieval ran on words only or a candidate has no stored vector, is fitted and thresholded by the
same rule; a question with such a candidate is cited by it in the curves too, and left out of the vector fits. The
frozen part is never read here.

    python bench/train_citations.py     # writes medora/compose/data/citation_model.json, citation_words_model.json
                                        # and vector_relevance.npz, bench/results/citation_model.json
"""

from __future__ import annotations

import json
import sys
from dataclasses import replace

import numpy as np
from common import HOME, ROOT, SHARED, write_results

from medora.answer import AnswerSession, select_evidence
from medora.compose.relevance import (
    CANDIDATE_DEPTH,
    FEATURES,
    VECTOR_FEATURES,
    WORDS_FEATURES,
    SourceSignals,
    cited_sources,
    model_limit,
    source_signals,
)
from medora.compose.select import ANSWERED, question_weights
from medora.compose.vectors import QuestionVectors, pair_features
from medora.eval.datasets import bioasq_questions, corpus_pmids
from medora.eval.logistic import fit_logistic, question_folds
from medora.eval.metrics import cited_recall_at_k
from medora.eval.split import bioasq_part
from medora.settings import Settings
from medora.types import Evidence
from medora.workspace import Workspace

TARGET_PRECISION = 0.81  # above the 0.80 goal: the composer drops a few sources the pool holds
FOLDS = 5
L2 = 1e-3
PAIR_L2 = 1e-2  # the pair model's 768 weights (chosen on the out-of-fold curve of the tuned part: 1e-3 and 1e-2 tried)
THRESHOLDS = [round(0.30 + 0.025 * step, 3) for step in range(25)]
DATA = ROOT / "medora" / "compose" / "data"
LEARNED = FEATURES.index("learned_relevance")
WIDTH = 2 * 384  # the pair features of MiniLM's 384-wide vectors
UNFITTED = {"weights": np.zeros(WIDTH), "bias": np.array(0.0), "mean": np.zeros(WIDTH), "scale": np.ones(WIDTH)}


def ids(passages: list[Evidence]) -> list[int]:
    """The passages' ids, in order."""
    return [item.passage_id for item in passages]


def question_rows(workspace: Workspace, settings: Settings) -> list[dict]:
    """Per tuned question: its gold sets, the share rule's pool (kept by a partial answer), the candidate sources'
    signals (learned relevance still unset) and each candidate's question–source pair features."""
    retriever = workspace.retriever
    questions = [q for q in bioasq_questions(SHARED, in_corpus=corpus_pmids(SHARED)) if bioasq_part(q) == "tuned"]
    rows = []
    for question in questions:
        text = question["question"]
        selection = select_evidence(AnswerSession(text), retriever=retriever, settings=settings)
        row = {
            "gold": {str(doc).rsplit("/", 1)[-1] for doc in question["documents"]},
            "gold_in_corpus": set(question["gold"]),
            "pool": {item.source.pmid for item in selection.pool if item.source.pmid},
            "limit": model_limit(selection.pool, settings.compose.max_sources),
            "signals": [],
            "pairs": [],
        }
        if selection.answer_status == ANSWERED and selection.overview is None:
            weights = question_weights(text, retriever.term_weights(text))
            # the candidates reach CANDIDATE_DEPTH passages, as in answer.select_evidence (its top_k first)
            candidates = retriever.search(text, top_k=max(len(selection.retrieved), CANDIDATE_DEPTH))
            if ids(candidates[: len(selection.retrieved)]) != ids(selection.retrieved):
                raise RuntimeError(f"the deeper search does not extend the retrieved passages: {text!r}")
            vectors = QuestionVectors.of(retriever.vectors(text, ids(candidates)), candidates)
            row["signals"] = source_signals(
                candidates, selection.on_topic, selection.answering_evidence, weights, selection.terms, vectors,
                pair_model=UNFITTED,
            )
            sources = [vectors.source(item.passages) for item in row["signals"]] if vectors is not None else [None]
            # a candidate with no stored vector: the words-only model cites this question (row["pairs"] None)
            if all(source is not None for source in sources):
                row["pairs"] = [pair_features(vectors.question, source) for source in sources]
            else:
                row["pairs"] = None
        rows.append(row)
    return rows


def cited_pmids(row: dict, signals: list[SourceSignals], model: dict | None, threshold: float) -> set[str]:
    """The PMIDs an article cites: the sources ``cited_sources`` picks, or the pool of a partial answer."""
    if not signals:
        return row["pool"]
    cited = cited_sources(signals, limit=row["limit"], model=model, threshold=threshold)
    return {item.passages[0].source.pmid for item in cited.answering + cited.further if item.passages[0].source.pmid}


def curve_point(rows: list[dict], scored: list[tuple[list[SourceSignals], dict | None]], threshold: float) -> dict:
    """Precision, cited recall@10 and sources per article when each question's model cites at ``threshold``."""
    cited = gold_cited = 0
    recall = 0.0
    for row, (signals, model) in zip(rows, scored, strict=True):
        pmids = cited_pmids(row, signals, model, threshold)
        cited += len(pmids)
        gold_cited += len(pmids & row["gold"])
        recall += cited_recall_at_k(pmids, row["gold_in_corpus"], 10)
    return {
        "threshold": threshold,
        "citation_precision": round(gold_cited / cited, 4) if cited else None,
        "cited_recall@10": round(recall / len(rows), 4),
        "sources_per_article": round(cited / len(rows), 2),
        "cited": cited,
        "gold_cited": gold_cited,
    }


def pair_model(pairs: np.ndarray, labels: np.ndarray) -> dict[str, np.ndarray]:
    """The question–source pair model as compose/vectors.py reads it (log-odds weights on standardised features)."""
    fitted = fit_logistic(np.column_stack([pairs, np.ones(len(pairs))]), labels, classes=2, l2=PAIR_L2)
    weights = np.asarray(fitted["weights"])
    difference = weights[1] - weights[0]
    return {
        "weights": difference[:-1], "bias": np.array(difference[-1]),
        "mean": np.asarray(fitted["mean"])[:-1], "scale": np.asarray(fitted["scale"])[:-1],
    }


def pair_scores(pairs: np.ndarray, model: dict[str, np.ndarray]) -> np.ndarray:
    return (pairs - model["mean"]) / model["scale"] @ model["weights"] + model["bias"]


def pair_out_of_fold(pairs: np.ndarray, labels: np.ndarray, groups: np.ndarray, *, seed: int) -> np.ndarray:
    """Each row's pair log-odds from a pair model fitted on the other folds' questions."""
    scores = np.zeros(len(labels))
    for held in question_folds(groups, folds=FOLDS, seed=seed):
        scores[held] = pair_scores(pairs[held], pair_model(pairs[~held], labels[~held]))
    return scores


def with_learned(signals: list[SourceSignals], scores: np.ndarray) -> list[SourceSignals]:
    """Copies of ``signals`` carrying these learned-relevance scores."""
    found = []
    for item, score in zip(signals, scores, strict=True):
        features = list(item.features)
        features[LEARNED] = float(score)
        found.append(replace(item, features=features))
    return found


class Rows:
    """Every candidate of every question as arrays (features, pair features, labels, question), row by row;
    ``complete`` marks the rows of questions whose every candidate has a stored vector (zero pair features else)."""

    def __init__(self, rows: list[dict]) -> None:
        self.rows = rows
        self.owner = np.array([index for index, row in enumerate(rows) for _ in row["signals"]])
        self.labels = np.array(
            [int(item.passages[0].source.pmid in row["gold"]) for row in rows for item in row["signals"]]
        )
        self.complete = np.array([row["pairs"] is not None for row in rows for _ in row["signals"]], dtype=bool)
        self.pairs = np.array(
            [pair for row in rows for pair in (row["pairs"] or [np.zeros(WIDTH)] * len(row["signals"]))]
        )

    def words(self) -> np.ndarray:
        """The words-only model's features: the signals less the vector ones."""
        start = len(FEATURES) - 1 - VECTOR_FEATURES
        matrix = np.array([item.features for row in self.rows for item in row["signals"]], dtype=float)
        return np.delete(matrix, slice(start, start + VECTOR_FEATURES), axis=1)

    def features(self, learned: np.ndarray) -> np.ndarray:
        matrix = np.array([item.features for row in self.rows for item in row["signals"]], dtype=float)
        matrix[:, LEARNED] = learned
        return matrix

    def signals_of(self, index: int, learned: np.ndarray) -> list[SourceSignals]:
        return with_learned(self.rows[index]["signals"], learned[self.owner == index])


def fit_citations(features: np.ndarray, labels: np.ndarray) -> dict:
    return {**fit_logistic(features, labels, classes=2, l2=L2), "rows": len(labels), "positives": int(labels.sum())}


Scored = list[tuple[list[SourceSignals], dict | None]]


def out_of_fold(data: Rows) -> tuple[Scored, Scored]:
    """Per question, scored by models fitted on the other folds' questions: with the vector model, its candidates
    carrying learned relevance from a pair model that never saw it (the training questions' own is out of fold within
    them; a question lacking a stored vector is cited by the words-only model); and with the words-only model."""
    scored: Scored = [([], None) for _ in data.rows]
    words_scored: Scored = [([], None) for _ in data.rows]
    groups, labels, words = data.owner, data.labels, data.words()
    for held in question_folds(groups, folds=FOLDS, seed=7):
        words_model = fit_citations(words[~held], labels[~held])
        train = ~held & data.complete
        learned = np.zeros(len(labels))
        learned[train] = pair_out_of_fold(data.pairs[train], labels[train], groups[train], seed=13)
        learned[held] = pair_scores(data.pairs[held], pair_model(data.pairs[train], labels[train]))
        model = fit_citations(data.features(learned)[train], labels[train])
        for index in np.unique(groups[held]):
            complete = data.rows[index]["pairs"] is not None
            own = data.rows[index]["signals"]
            scored[index] = (data.signals_of(index, learned), model) if complete else (own, words_model)
            words_scored[index] = (own, words_model)
    return scored, words_scored


def lowest_reaching(curve: list[dict]) -> dict | None:
    """The point of the lowest threshold whose cross-validated precision reaches TARGET_PRECISION."""
    # on the unrounded precision: 0.80996 is short of 0.81 though it prints as 0.81
    reaching = [point for point in curve if point["cited"] and point["gold_cited"] / point["cited"] >= TARGET_PRECISION]
    return min(reaching, key=lambda point: point["threshold"]) if reaching else None


def _rounded(value):
    """Six decimals are enough for the weights and keep the shipped file small."""
    if isinstance(value, dict):
        return {key: _rounded(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_rounded(item) for item in value]
    return round(value, 6) if isinstance(value, float) else value


def main() -> int:
    settings = Settings(home=HOME)
    settings.compose.cite_by_model = False  # the share rule's pool, kept by partial answers and shown for comparison
    workspace = Workspace(settings, with_library=False)
    workspace.refresh_indexes()
    rows = question_rows(workspace, settings)
    data = Rows(rows)
    scored, words_scored = out_of_fold(data)
    curve = [curve_point(rows, scored, threshold) for threshold in THRESHOLDS]
    words_curve = [curve_point(rows, words_scored, threshold) for threshold in THRESHOLDS]
    chosen, words_chosen = lowest_reaching(curve), lowest_reaching(words_curve)
    if chosen is None or words_chosen is None:
        print("no threshold reaches the target precision", file=sys.stderr)
        return 1
    complete = data.complete
    learned = np.zeros(len(data.labels))
    learned[complete] = pair_out_of_fold(data.pairs[complete], data.labels[complete], data.owner[complete], seed=7)
    model = fit_citations(data.features(learned)[complete], data.labels[complete])
    words_model = fit_citations(data.words(), data.labels)
    pairs = pair_model(data.pairs[complete], data.labels[complete])
    np.savez(DATA / "vector_relevance.npz", **{key: value.astype(np.float32) for key, value in pairs.items()})
    shipped = {"features": list(FEATURES), "threshold": chosen["threshold"], **model}
    (DATA / "citation_model.json").write_text(json.dumps(_rounded(shipped), indent=1) + "\n")
    words_shipped = {"features": list(WORDS_FEATURES), "threshold": words_chosen["threshold"], **words_model}
    (DATA / "citation_words_model.json").write_text(json.dumps(_rounded(words_shipped), indent=1) + "\n")
    no_model = [([], None) for _ in rows]
    results = {
        "questions": len(rows),
        "questions_lacking_a_stored_vector": sum(1 for row in rows if row["signals"] and row["pairs"] is None),
        "target_precision": TARGET_PRECISION,
        "share_rule_pool": curve_point(rows, no_model, 1.0),
        "chosen": chosen,
        "cross_validated_curve": curve,
        "words_only_chosen": words_chosen,
        "words_only_cross_validated_curve": words_curve,
        "rows": words_model["rows"],
        "positives": words_model["positives"],
        "vector_model_rows": model["rows"],
        "vector_signals": VECTOR_FEATURES,
    }
    print(json.dumps(results, indent=1))
    write_results("citation_model.json", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
