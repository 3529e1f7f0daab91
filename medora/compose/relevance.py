"""Which retrieved sources an article cites: a source-level logistic model over signals already computed.

The share rule (cite the answering sources scoring at least half the best) cites relevant studies ranked a little
lower too rarely and leaves out those the specific-term gate misses (a term written another way, a passage outside the
dense candidates). The model scores every source of the best CANDIDATE_DEPTH passages (deeper than the gates read)
that may be cited at all: an answering source, or one on the question's topic by its words (the on-topic gate, or at
least half the question's topic words, IDF-weighted) that names at least half of its specific terms. Signals: fused
score and its share of the best, ranks, dense similarity, topic and term coverage, the word overlap with the best
answering source and with the other retrieved sources, the score gap to the next source, and three read from the
MiniLM vectors (compose/vectors.py: a learned question–source score, the cosine to the best answering source and to
the other candidates). Sources reaching the threshold are cited; the best answering one always is. Without the vector
signals (retrieval on words only) a words-only model with its own threshold cites instead. Only study records are
scored (MODELLED_KINDS): guidelines, overviews and consumer pages keep the share rule. A cited source that does not
answer (a "further" source) gets a body sentence of its own, or is cited beside an answering source on a shown
sentence its passage also says: it never leads the bottom line, carries a verdict or a key-studies row, or turns a
partial answer into an answer. Fitted on the tuned part of BioASQ dev only (bench/train_citations.py)."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from medora.compose.fitted import load_fitted
from medora.compose.select import (
    MIN_QUESTION_COVERAGE,
    QuestionWeights,
    source_texts,
    terms_by_source,
    text_coverage,
    topic_coverage,
)
from medora.compose.terms import SpecificTerm
from medora.compose.vectors import QuestionVectors, learned_relevance, relation_signals
from medora.eval.logistic import predict_from_features
from medora.retrieve.tokenize import content_words
from medora.types import Evidence, Kind

# The model knows study records only: BioASQ's experts list PubMed records, never a guideline, an overview or a
# consumer page, so those keep the share rule (compose/select.py citable_pool) and are not scored here.
MODELLED_KINDS = frozenset(Kind) - {Kind.GUIDELINE, Kind.EDITORIAL_SUMMARY, Kind.CONSUMER_HEALTH}
MIN_TERM_SHARE = 0.5  # a source that does not answer names at least this share of the question's specific terms
UNRANKED = 99  # the rank given to a passage one retriever did not return
NOT_ANSWERING = 20  # the answering rank of a source that does not answer
# Candidates come from the best CANDIDATE_DEPTH passages, not only the top_k (20) the gates read: on the tuned part
# of BioASQ dev, 1,200 gold documents of answered questions were first retrieved at passage ranks 21-40 against
# 7,278 among the candidates. A source found only there can never answer (the gates never read it): it is at most
# a further source. 40 lifted nested out-of-fold cited recall at precision 0.81 by about 0.01; 30 and 60 did not
# gain more (bench/README.md, composer section).
CANDIDATE_DEPTH = 40
FEATURES = (
    "score", "share_of_best", "share_of_best_answering", "log_source_rank", "log_passage_rank", "dense_similarity",
    "log_lexical_rank", "log_dense_rank", "passages", "on_topic", "answering", "log_answering_rank",
    "answering_sources", "retrieved_sources", "terms", "topic_coverage", "title_coverage", "term_share",
    "source_text_coverage", "names_every_term", "overlap_with_best_answering",
    "mean_overlap_with_others", "gap_to_next_source", "is_best_answering",
    "learned_relevance", "cosine_to_best_answering", "mean_cosine_to_candidates", "bias",
)
VECTOR_FEATURES = 3  # the last signals before the bias, read from the MiniLM vectors (compose/vectors.py); NaN
# without them (retrieval on words only, or a passage with no stored vector)
WORDS_FEATURES = FEATURES[: -1 - VECTOR_FEATURES] + FEATURES[-1:]  # the words-only model's: no vector signal
# A training mean put in for a missing vector signal is not neutral (the vector model at its threshold fell from
# 0.81 to 0.78 precision): an article whose candidates lack any vector signal is cited by the words-only model.


@dataclass
class SourceSignals:
    """One retrieved source as the model sees it: its retrieved passages (best-ranked first) and their signals."""

    passages: list[Evidence]
    features: list[float]
    answering: bool

    @property
    def source_id(self) -> int:
        return self.passages[0].source_id


def source_signals(
    retrieved: list[Evidence],
    on_topic: list[Evidence],
    answering: list[Evidence],
    weights: QuestionWeights,
    terms: list[SpecificTerm],
    vectors: QuestionVectors | None = None,
    *,
    pair_model: dict[str, np.ndarray] | None = None,
) -> list[SourceSignals]:
    """The signals of every retrieved study record the model may cite (an answering source, or one on the question's
    topic by its words naming at least half its specific terms), in the order sources were retrieved; the vector
    signals are NaN without ``vectors``. ``pair_model`` replaces the shipped pair model (training fits its own)."""
    if not retrieved:
        return []
    on_ids = {item.passage_id for item in on_topic}
    answering_ids = {item.passage_id for item in answering}
    answering_sources = list(dict.fromkeys(item.source_id for item in answering))
    best_answering = answering[0].score if answering else 0.0
    texts = source_texts(retrieved)
    grouped: dict[int, list[tuple[int, Evidence]]] = {}
    for rank, item in enumerate(retrieved):
        grouped.setdefault(item.source_id, []).append((rank, item))
    words = {
        source_id: content_words(" ".join([passages[0][1].source.title, *(item.text for _r, item in passages)]))
        for source_id, passages in grouped.items()
    }
    order = list(grouped)
    first_scores = [grouped[source_id][0][1].score for source_id in order]
    best, top = retrieved[0].score, (answering_sources or order)[0]
    coverages = {source_id: max(topic_coverage(item, weights) for _r, item in grouped[source_id]) for source_id in order}
    on_topic_studies = [
        source_id
        for source_id in order
        if grouped[source_id][0][1].source.kind in MODELLED_KINDS
        and (
            coverages[source_id] >= MIN_QUESTION_COVERAGE
            or any(item.passage_id in on_ids or item.passage_id in answering_ids for _r, item in grouped[source_id])
        )
    ]  # study records on the question's topic by their words: the only ones whose terms are read (in one pass)
    eligible = set(on_topic_studies)
    named = terms_by_source({source_id: texts[source_id] for source_id in on_topic_studies}, terms) if terms else {}
    found = []
    for source_rank, source_id in enumerate(order):
        if source_id not in eligible:
            continue  # not a study record, or not on the question's topic by its words
        first_rank, first = grouped[source_id][0]
        items = [item for _rank, item in grouped[source_id]]
        is_on = any(item.passage_id in on_ids for item in items)
        answers = any(item.passage_id in answering_ids for item in items)
        coverage = coverages[source_id]
        term_share = len(named[source_id]) / len(terms) if terms else 1.0
        if not answers and term_share < MIN_TERM_SHARE:
            continue
        answering_rank = answering_sources.index(source_id) if answers else NOT_ANSWERING
        others = [_overlap(words[source_id], words[other]) for other in order if other != source_id]
        following = first_scores[source_rank + 1] if source_rank + 1 < len(order) else first.score
        features = [
            first.score,
            first.score / best if best else 0.0,
            first.score / best_answering if best_answering else 0.0,
            math.log1p(source_rank),
            math.log1p(first_rank),
            max(item.dense_similarity or 0.0 for item in items),
            math.log1p(first.lexical_rank if first.lexical_rank is not None else UNRANKED),
            math.log1p(first.dense_rank if first.dense_rank is not None else UNRANKED),
            float(len(items)),
            float(is_on),
            float(answers),
            math.log1p(answering_rank),
            float(len(answering_sources)),
            float(len(order)),
            float(len(terms)),
            coverage,
            text_coverage(first.source.title, weights),
            term_share,
            text_coverage(texts[source_id], weights),
            float(term_share == 1.0),
            _overlap(words[source_id], words[top]),
            sum(others) / len(others) if others else 0.0,
            (first.score - following) / best if best else 0.0,
            float(source_id == top and answers),
            *[math.nan] * VECTOR_FEATURES,
            1.0,
        ]
        found.append(SourceSignals(items, features, answers))
    if vectors is not None:
        _add_vector_signals(found, vectors, pair_model)
    return found


def best_answering(signals: list[SourceSignals]) -> SourceSignals | None:
    """The best answering source (its is_best_answering signal set), else the first answering one: always cited, and
    the source every candidate's cosine_to_best_answering is measured to."""
    flag = FEATURES.index("is_best_answering")
    return next((item for item in signals if item.features[flag] == 1.0), None) or next(
        (item for item in signals if item.answering), None
    )


def _add_vector_signals(found: list[SourceSignals], vectors: QuestionVectors, pair_model: dict | None) -> None:
    """Fill in the vector signals of every candidate whose passages have stored vectors (the others keep NaN)."""
    by_source = [(item, vectors.source(item.passages)) for item in found]
    known = [(item, vector) for item, vector in by_source if vector is not None]
    if not known:
        return
    top = best_answering(found)
    best = next((index for index, (item, _v) in enumerate(known) if item is top), 0)
    relations = relation_signals([vector for _item, vector in known], best)
    for (item, vector), (to_best, to_others) in zip(known, relations, strict=True):
        start = len(item.features) - 1 - VECTOR_FEATURES
        item.features[start : start + VECTOR_FEATURES] = [
            learned_relevance(vectors.question, vector, pair_model), to_best, to_others
        ]


def _overlap(a: set[str], b: set[str]) -> float:
    """Jaccard overlap of two sets of content words."""
    union = a | b
    return len(a & b) / len(union) if union else 0.0


def probability(features: list[float], model: dict) -> float:
    """The model's probability that the source is one an expert would list for the question (the words-only model
    reads the signals less the vector ones: ``cited_sources`` gives it the sources whose vector signals are not
    measured)."""
    values = np.asarray(features, dtype=float)
    if len(model["mean"]) == len(WORDS_FEATURES) and len(values) == len(FEATURES):
        values = np.concatenate([values[: -1 - VECTOR_FEATURES], values[-1:]])
    return float(predict_from_features(values, model)[1])


MODEL_FILE, WORDS_MODEL_FILE = "citation_model.json", "citation_words_model.json"


@lru_cache(maxsize=1)
def shipped_model() -> dict:
    """The fitted model (medora/compose/data/citation_model.json, from bench/train_citations.py)."""
    return load_fitted(MODEL_FILE, FEATURES, refit="bench/train_citations.py")


@lru_cache(maxsize=1)
def words_only_model() -> dict:
    """The model fitted without the vector signals, with its own threshold (data/citation_words_model.json)."""
    return load_fitted(WORDS_MODEL_FILE, WORDS_FEATURES, refit="bench/train_citations.py")


def has_vectors(signals: list[SourceSignals]) -> bool:
    """Whether every candidate has its vector signals, so the vector model may cite (else the words-only one)."""
    start = len(FEATURES) - 1 - VECTOR_FEATURES
    return bool(signals) and not any(
        math.isnan(value) for item in signals for value in item.features[start : start + VECTOR_FEATURES]
    )


@dataclass
class CitedSources:
    """The sources an article cites, each list in retrieval order: answering ones (the pool) and further ones."""

    answering: list[SourceSignals]
    further: list[SourceSignals]
    model_file: str = MODEL_FILE  # which shipped model chose them, for the article's provenance


def cited_sources(
    signals: list[SourceSignals], *, limit: int, model: dict | None = None, threshold: float | None = None
) -> CitedSources:
    """The candidate sources whose probability reaches the threshold (the model's own unless given), at most
    ``limit`` of them, most probable first; the best answering source is always cited. Without a ``model``, the
    vector model when every candidate has its vector signals, else the words-only model."""
    vectors = has_vectors(signals)
    model_file = MODEL_FILE if vectors else WORDS_MODEL_FILE
    model = model or (shipped_model() if vectors else words_only_model())
    threshold = model["threshold"] if threshold is None else threshold
    scored = [(probability(item.features, model), order, item) for order, item in enumerate(signals)]
    best = best_answering(signals)
    kept = [entry for entry in scored if entry[0] >= threshold or entry[2] is best]
    kept = sorted(kept, key=lambda entry: (entry[2] is not best, -entry[0], entry[1]))[:limit]
    chosen = [item for _p, _order, item in sorted(kept, key=lambda entry: entry[1])]
    answers = [item for item in chosen if item.answering]
    return CitedSources(answers, [item for item in chosen if not item.answering], model_file)


def model_limit(share_pool: list[Evidence], max_sources: int) -> int:
    """How many study records the model may cite: ``max_sources`` less the guidelines, overviews and consumer pages
    the share rule keeps beside them (``cited_pool``), so that ``max_sources`` caps every cited source; at least one."""
    kept = {item.source_id for item in share_pool if item.source.kind not in MODELLED_KINDS}
    return max(max_sources - len(kept), 1)


def cited_pool(answering: list[Evidence], share_pool: list[Evidence], cited: CitedSources) -> list[Evidence]:
    """The answering passages an article may cite, in retrieval order: those of the study records the model chose,
    and of the guidelines, overviews and consumer pages the share rule kept (the model does not judge them)."""
    chosen = {item.source_id for item in cited.answering}
    chosen |= {item.source_id for item in share_pool if item.source.kind not in MODELLED_KINDS}
    return [item for item in answering if item.source_id in chosen]
