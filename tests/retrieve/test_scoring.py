import pytest

from medora.retrieve.expand import QueryExpander
from medora.retrieve.fuse import reciprocal_rank_fusion
from medora.retrieve.priors import evidence_prior, recency_prior
from medora.retrieve.tokenize import index_tokens


def test_rrf_rewards_items_ranked_well_by_both_lists():
    scores = reciprocal_rank_fusion([[1, 2, 3], [3, 1]], k=60)
    assert scores[1] == pytest.approx(1 / 61 + 1 / 62)
    assert scores[3] == pytest.approx(1 / 63 + 1 / 61)
    assert scores[2] == pytest.approx(1 / 62)
    assert max(scores, key=scores.get) == 1


def test_rrf_weights_scale_each_list():
    scores = reciprocal_rank_fusion([[1], [2]], weights=[1.0, 0.5], k=0)
    assert scores == {1: 1.0, 2: 0.5}


def test_guidelines_outrank_case_reports_and_recent_outranks_old():
    assert evidence_prior("guideline", weight=0.2) == pytest.approx(1.2)
    assert evidence_prior("case report", weight=0.2) == pytest.approx(1.04)
    assert recency_prior(2024, current_year=2024, weight=0.1, half_life_years=10) == pytest.approx(1.1)
    assert recency_prior(2014, current_year=2024, weight=0.1, half_life_years=10) == pytest.approx(1.05)


def test_tokens_keep_biomedical_terms_whole_and_stem_words():
    assert index_tokens("IL-6 levels in COVID-19 and L5 radiculopathies") == [
        "il-6", "il", "6", "level", "covid-19", "covid", "19", "l5", "radiculopathi",
    ]


def test_expansion_adds_synonyms_and_unambiguous_abbreviations_only():
    expander = QueryExpander(synonym_groups=[["foot drop", "drop foot"]], abbreviations={"COPD": "chronic obstructive pulmonary disease"})
    assert expander.expansions("Foot drop in COPD and MI") == ["drop foot", "chronic obstructive pulmonary disease"]
    assert expander.expand("no match here") == "no match here"


def test_mesh_entry_terms_expand_to_the_preferred_heading():
    expander = QueryExpander(synonym_groups=[], abbreviations={}, mesh_terms={"heart attack": "Myocardial Infarction"})
    assert expander.expansions("aspirin after a heart attack") == ["Myocardial Infarction"]


def test_convex_combination_scales_each_list_and_mixes_them():
    from medora.retrieve.fuse import convex_combination

    scores = convex_combination([(1, 12.0), (2, 6.0), (3, 2.0)], [(2, 0.9), (4, 0.5)], lexical_share=0.6)
    assert scores[1] == pytest.approx(0.6 * 1.0)
    assert scores[2] == pytest.approx(0.6 * 0.4 + 0.4 * 1.0)
    assert scores[3] == pytest.approx(0.0)
    assert scores[4] == pytest.approx(0.0)
    assert max(scores, key=scores.get) == 2
