import json

import numpy as np
import pytest

from medora.retrieve.rerank import FEATURES, CandidateSignals, LinearRanker, feature_matrix


def _signals(**overrides: object) -> CandidateSignals:
    """Three candidates: 10 found by BM25 only, 20 by both lists, 30 by the dense list only."""
    values = {
        "ids": np.array([10, 20, 30]),
        "bm25": np.array([12.0, 4.0, np.nan]),
        "cosine": np.array([0.2, 0.8, 0.6]),
        "lexical_rank": np.array([0, 1, -1]),
        "dense_rank": np.array([-1, 0, 1]),
        "term_idf": np.array([9.0, 1.0]),  # a rare word and a common one
        "term_present": np.array([[True, False, False], [True, True, True]]),
        "consumer_health": np.array([False, False, True]),
        "list_length": 100,
    }
    return CandidateSignals(**(values | overrides))


def test_features_scale_each_list_and_read_coverage_from_the_postings():
    features = dict(zip(FEATURES, feature_matrix(_signals()).T, strict=True))
    assert features["bm25_scaled"].tolist() == [1.0, 0.0, 0.0]
    assert features["cosine_scaled"] == pytest.approx([-2.0, 1.0, 0.0])  # scaled within the dense list (0.6 .. 0.8)
    assert features["idf_coverage"] == pytest.approx([1.0, 0.1, 0.1])
    assert features["rarest_term_matched"] == pytest.approx([1.0, 1 / 9, 1 / 9])
    assert features["bm25_reciprocal_rank"] == pytest.approx([1.0, 0.5, 1 / 101])
    assert features["in_bm25_list"].tolist() == [1.0, 1.0, 0.0]
    assert features["consumer_health"].tolist() == [0.0, 0.0, 1.0]


def test_a_question_with_no_known_words_gets_zero_coverage_not_an_error():
    empty = _signals(term_idf=np.zeros(0), term_present=np.zeros((0, 3), dtype=bool))
    features = dict(zip(FEATURES, feature_matrix(empty).T, strict=True))
    assert features["idf_coverage"].tolist() == [0.0, 0.0, 0.0]


def test_the_packaged_ranker_prefers_the_passage_holding_the_rare_word():
    ranker = LinearRanker.load()
    features = feature_matrix(_signals(cosine=np.array([0.6, 0.6, 0.6]), dense_rank=np.array([0, 1, 2])))
    probabilities = ranker.probabilities(features)
    assert ((probabilities > 0) & (probabilities < 1)).all()
    assert probabilities.argmax() == 0


def test_a_ranker_file_for_other_features_is_refused(tmp_path):
    model = LinearRanker.load().to_dict()
    model["features"] = model["features"][:-1] + ["something_else"]
    path = tmp_path / "ranker.json"
    path.write_text(json.dumps(model))
    with pytest.raises(ValueError, match="other features"):
        LinearRanker.load(path)


def test_a_ranker_is_named_by_its_weights_so_a_refit_or_an_injected_one_is_told_apart():
    shipped = LinearRanker.load()
    refit = {key: value for key, value in shipped.to_dict().items() if key != "features"} | {"bias": shipped.bias + 0.5}
    other = LinearRanker(**refit)
    assert shipped.fingerprint == LinearRanker.load().fingerprint
    assert shipped.fingerprint.startswith("ranker@") and len(shipped.fingerprint) == len("ranker@") + 12
    assert other.fingerprint != shipped.fingerprint
