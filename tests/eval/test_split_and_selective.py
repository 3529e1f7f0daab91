"""The frozen BioASQ split, selective verdict thresholds and cited recall: fixed, pure, literal."""

from medora.eval.metrics import cited_recall_at_k
from medora.eval.selective import lowest_confident_threshold, lowest_threshold, selective, wilson_lower
from medora.eval.split import bioasq_part, hash_bucket, is_frozen, is_frozen_id, is_frozen_pubmedqa


def test_the_bioasq_split_is_by_id_fixed_and_about_thirty_percent():
    ids = [f"{n:024x}" for n in range(2000)]
    frozen = [i for i in ids if is_frozen_id(i)]
    assert 0.27 < len(frozen) / len(ids) < 0.33
    assert is_frozen_id("61f80d5d882a024a1000003c") == (hash_bucket("id:61f80d5d882a024a1000003c") < 30)
    assert bioasq_part({"id": frozen[0], "question": "any wording"}) == "frozen"


def test_the_wording_split_is_unchanged():
    assert is_frozen("How should erythema migrans be treated?") == (hash_bucket("How should erythema migrans be treated?") < 33)


def test_selective_accuracy_and_coverage():
    result = selective([0.9, 0.8, 0.6, 0.4], [True, False, True, False], 0.7)
    assert (result.accuracy, result.coverage, result.answered) == (0.5, 0.5, 2)
    assert selective([0.5], [True], 0.9).accuracy is None


def test_lowest_threshold_reaching_the_target_or_none():
    confidences = [0.95, 0.9, 0.85, 0.8, 0.7, 0.6]
    correct = [True, True, True, False, False, True]
    assert lowest_threshold(confidences, correct, target=0.75, min_answered=2) == 0.8
    assert lowest_threshold(confidences, correct, target=0.75, min_answered=5) is None


def test_the_pubmedqa_held_out_split_is_by_pmid_and_fixed():
    assert [is_frozen_pubmedqa(pmid) for pmid in ("10808977", "23831910", "17113061", "18847643")] == [
        False, False, True, True,
    ]


def test_the_wilson_lower_bound_is_what_an_accuracy_can_promise():
    assert (round(wilson_lower(80, 100), 4), round(wilson_lower(8, 10), 4), wilson_lower(0, 0)) == (0.7112, 0.4902, 0.0)


def test_the_confident_threshold_skips_levels_whose_interval_falls_below_the_target():
    confidences = [0.9] * 40 + [0.6] * 40
    correct = [True] * 38 + [False] * 2 + [True] * 20 + [False] * 20  # 0.95 at 0.9; 0.725 down to 0.6
    assert lowest_confident_threshold(confidences, correct, target=0.75, min_answered=20) == 0.9
    assert lowest_confident_threshold(confidences, correct, target=0.75, min_answered=41) is None


def test_cited_recall_caps_at_ten():
    assert cited_recall_at_k({"1", "2", "9"}, {"1", "2", "3", "4"}) == 0.5
    gold = {str(n) for n in range(20)}
    assert cited_recall_at_k({str(n) for n in range(12)}, gold, 10) == 1.0
    assert cited_recall_at_k({"1"}, set()) == 0.0
