"""The citation model's vector signals: the question–source pair features, the learned score read from the shipped
weights, each candidate's cosine to the best answering source and to the others, and NaN (not measured) read as the
model's training mean."""

import math

import numpy as np

from medora.compose.relevance import (
    FEATURES,
    VECTOR_FEATURES,
    WORDS_FEATURES,
    cited_sources,
    probability,
    source_signals,
)
from medora.compose.select import question_weights
from medora.compose.terms import specific_terms
from medora.compose.vectors import QuestionVectors, learned_relevance, pair_features, relation_signals, shipped_weights
from medora.types import Evidence
from tests.compose.citation_cases import IDF, QUESTION, study


def _evidence(pid: int, source_id: int, text: str) -> Evidence:
    return study(pid, text, source_id=source_id, dense=0.5)


def test_pair_features_are_the_product_then_the_absolute_difference():
    assert pair_features(np.array([1.0, 0.5]), np.array([0.5, -0.5])).tolist() == [0.5, -0.25, 0.5, 1.0]


def test_a_source_vector_is_the_unit_mean_of_its_passages_with_a_stored_vector():
    vectors = QuestionVectors(np.array([1.0, 0.0]), {1: np.array([1.0, 0.0]), 2: np.array([0.0, 1.0])})
    passages = [_evidence(1, 9, "a"), _evidence(2, 9, "b"), _evidence(3, 9, "c")]
    assert np.allclose(vectors.source(passages), [math.sqrt(0.5), math.sqrt(0.5)])
    assert vectors.source([_evidence(3, 9, "c")]) is None


def test_the_learned_score_is_the_log_odds_of_the_standardised_pair():
    model = {"weights": np.array([2.0, 0.0, 0.0, -1.0]), "bias": np.array(0.5), "mean": np.zeros(4),
             "scale": np.array([0.5, 1.0, 1.0, 1.0])}
    # pair [0.5, 0.0, 0.0, 1.0]: 2 * 0.5 / 0.5 - 1 * 1.0 + 0.5
    assert learned_relevance(np.array([1.0, 0.0]), np.array([0.5, 1.0]), model) == 1.5


def test_each_candidate_is_related_to_the_best_answering_one_and_to_the_rest():
    a, b, c = np.array([1.0, 0.0]), np.array([0.0, 1.0]), np.array([0.6, 0.8])
    found = relation_signals([a, b, c], best=0)
    assert [tuple(round(v, 3) for v in pair) for pair in found] == [(1.0, 0.3), (0.0, 0.4), (0.6, 0.7)]
    assert relation_signals([a], best=0) == [(1.0, 0.0)]


def test_the_shipped_pair_model_reads_minilm_vectors():
    weights = shipped_weights()
    assert [weights[key].shape for key in ("weights", "mean", "scale", "bias")] == [(768,), (768,), (768,), ()]


def test_the_shipped_pair_model_divides_by_no_float_noise():
    # a dimension spreading by float noise only is left unscaled (eval/logistic.py MIN_SCALE), not divided by 2e-33
    assert float(shipped_weights()["scale"].min()) >= 1e-6


def test_vector_signals_are_filled_in_with_vectors_and_not_measured_without():
    weights, terms = question_weights(QUESTION, IDF), specific_terms(QUESTION, IDF)
    first = _evidence(1, 11, "Doxycycline cured erythema migrans in most adults.")
    second = _evidence(2, 12, "Doxycycline cured erythema migrans in children.")
    retrieved = [first, second]
    unit = math.sqrt(0.5)
    vectors = QuestionVectors(np.array([1.0, 0.0]), {1: np.array([1.0, 0.0]), 2: np.array([unit, unit])})
    model = {"weights": np.array([1.0, 0.0, 0.0, 0.0]), "bias": np.array(0.0), "mean": np.zeros(4), "scale": np.ones(4)}
    start = FEATURES.index("learned_relevance")
    found = source_signals(retrieved, retrieved, retrieved, weights, terms, vectors, pair_model=model)
    assert [[round(v, 3) for v in item.features[start : start + VECTOR_FEATURES]] for item in found] == [
        [1.0, 1.0, 0.707], [0.707, 0.707, 0.707]
    ]
    without = source_signals(retrieved, retrieved, retrieved, weights, terms)
    assert all(math.isnan(v) for item in without for v in item.features[start : start + VECTOR_FEATURES])


def test_cosine_to_best_answering_is_measured_to_the_source_flagged_best_answering():
    # the second retrieved source answers best (first in the answering list): both signals name it the best
    weights, terms = question_weights(QUESTION, IDF), specific_terms(QUESTION, IDF)
    first = _evidence(1, 11, "Doxycycline cured erythema migrans in most adults.")
    second = _evidence(2, 12, "Doxycycline cured erythema migrans in children.")
    unit = math.sqrt(0.5)
    vectors = QuestionVectors(np.array([1.0, 0.0]), {1: np.array([1.0, 0.0]), 2: np.array([unit, unit])})
    model = {"weights": np.zeros(4), "bias": np.array(0.0), "mean": np.zeros(4), "scale": np.ones(4)}
    found = source_signals([first, second], [first, second], [second, first], weights, terms, vectors, pair_model=model)
    flag, to_best = FEATURES.index("is_best_answering"), FEATURES.index("cosine_to_best_answering")
    assert [(item.features[flag], round(item.features[to_best], 3)) for item in found] == [(0.0, 0.707), (1.0, 1.0)]


def _signals(vector_values: list[float]) -> list:
    weights, terms = question_weights(QUESTION, IDF), specific_terms(QUESTION, IDF)
    first = _evidence(1, 11, "Doxycycline cured erythema migrans in most adults.")
    found = source_signals([first], [first], [first], weights, terms)
    start = FEATURES.index("learned_relevance")
    found[0].features[start : start + VECTOR_FEATURES] = vector_values
    return found


def test_candidates_without_vector_signals_are_cited_by_the_words_only_model():
    assert cited_sources(_signals([math.nan] * 3), limit=5).model_file == "citation_words_model.json"
    assert cited_sources(_signals([1.0, 1.0, 0.5]), limit=5).model_file == "citation_model.json"
    assert cited_sources(_signals([1.0, math.nan, 0.5]), limit=5).model_file == "citation_words_model.json"


def test_the_words_only_model_reads_the_signals_less_the_vector_ones():
    assert len(WORDS_FEATURES) == len(FEATURES) - VECTOR_FEATURES
    width = len(WORDS_FEATURES)
    weights = np.zeros((2, width))
    weights[1, 0] = 1.0  # the score, the first signal
    model = {"weights": weights.tolist(), "mean": [0.0] * width, "scale": [1.0] * width}
    features = [2.0] + [0.0] * (len(FEATURES) - 2) + [1.0]
    features[FEATURES.index("learned_relevance")] = 50.0  # ignored
    assert round(probability(features, model), 4) == round(1 / (1 + math.exp(-2.0)), 4)
