"""The near-miss set and the honesty figures: every near-miss term is truly absent from its overview, the split is
fixed, and the rates count what they say."""

from importlib import resources

import pytest

from medora.compose.terms import POPULATIONS
from medora.eval.coverage import coverage_questions
from medora.eval.near_miss import HonestyResult, near_miss_questions, rates
from medora.eval.split import is_frozen, split_name

OVERVIEWS = resources.files("medora.library").joinpath("overviews")


@pytest.mark.parametrize("item", near_miss_questions(), ids=lambda item: item["question"][:50])
def test_the_near_miss_overview_does_not_name_the_term(item: dict):
    text = OVERVIEWS.joinpath(f"{item['near']}.md").read_text(encoding="utf-8").lower()
    group = next((members for members in POPULATIONS.values() if item["term"].lower() in members), (item["term"],))
    assert item["term"].lower() in item["question"].lower()
    assert [form for form in group if form.lower() in text] == []


def test_the_sets_are_large_enough_and_about_a_third_is_frozen():
    near_miss, coverage = near_miss_questions(), coverage_questions()
    assert (len(near_miss), len(coverage)) == (50, 61)
    frozen = [q for q in near_miss + coverage if is_frozen(q["question"])]
    assert 0.3 <= len(frozen) / len(near_miss + coverage) <= 0.4
    assert {item["near"] for item in near_miss} <= {p.name[:-3] for p in OVERVIEWS.iterdir() if p.name.endswith(".md")}


def test_the_split_depends_on_the_question_only():
    assert split_name("How should erythema migrans be treated?") == split_name("  How should erythema migrans be treated?")
    assert {split_name(q) for q in ("a?", "b?", "c?", "d?", "e?", "f?", "g?", "h?")} == {"dev", "frozen"}


def test_rates_count_detection_and_coverage_per_split():
    results = [
        HonestyResult("q1", "near_miss", "gout", "dev", "partial", None, ["pegloticase"]),
        HonestyResult("q2", "near_miss", "gout", "dev", "answered", "library:gout", []),
        HonestyResult("q3", "coverage", "gout", "frozen", "answered", "library:gout", []),
        HonestyResult("q4", "coverage", "gout", "frozen", "answered", "library:sepsis", []),
    ]
    table = rates(results)
    assert table["dev"] == {"near_miss_questions": 2, "detection": 0.5, "coverage_questions": 0, "coverage": 0.0}
    assert table["frozen"]["coverage"] == 0.5 and table["all"]["near_miss_questions"] == 2
