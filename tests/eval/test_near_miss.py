"""The near-miss set and the honesty figures: every near-miss term is truly absent from its overview, the split is
fixed, and the rates count what they say."""

from importlib import resources

import pytest

from medora.compose.case_findings import is_vignette
from medora.compose.terms import POPULATIONS
from medora.eval.coverage import coverage_questions
from medora.eval.near_miss import HonestyResult, near_miss_questions, rates
from medora.eval.split import is_frozen, split_name

OVERVIEWS = resources.files("medora.library").joinpath("overviews")


ALL_NEAR_MISS = [
    item
    for name in ("near_miss", "near_miss_unseen", "near_miss_holdout", "near_miss_fourth")
    for item in near_miss_questions(name)
    if item["near"] != "none"  # the fourth set's out-of-scope questions are near no overview
]


@pytest.mark.parametrize("item", ALL_NEAR_MISS, ids=lambda item: item["question"][:50])
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


def test_the_second_and_third_sets_are_new_questions_on_library_topics():
    sizes = [len(near_miss_questions(n)) for n in ("near_miss_unseen", "near_miss_holdout")]
    sizes += [len(coverage_questions(n)) for n in ("library_coverage_unseen", "library_coverage_holdout")]
    assert sizes == [45, 24, 54, 35]
    first = {q["question"] for q in near_miss_questions() + coverage_questions()}
    later = [q for n in ("unseen", "holdout") for q in near_miss_questions(f"near_miss_{n}") + coverage_questions(f"library_coverage_{n}")]
    topics = {p.name[:-3] for p in OVERVIEWS.iterdir() if p.name.endswith(".md")}
    assert {q["question"] for q in later} & first == set()
    assert {q.get("near", q.get("expect")) for q in later} <= topics


def test_the_fourth_sets_are_new_questions_on_library_topics_with_a_frozen_half():
    near_miss, coverage = near_miss_questions("near_miss_fourth"), coverage_questions("library_coverage_fourth")
    assert (len(near_miss), sum(q["near"] == "none" for q in near_miss), len(coverage)) == (36, 6, 40)
    earlier = {
        q["question"]
        for n in ("", "_unseen", "_holdout")
        for q in near_miss_questions(f"near_miss{n}") + coverage_questions(f"library_coverage{n}")
    }
    assert {q["question"] for q in near_miss + coverage} & earlier == set()
    assert sum(is_frozen(q["question"]) for q in coverage) == 14


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


def test_the_eleventh_sets_are_new_questions_on_library_topics_with_a_style_each():
    near_miss, coverage = near_miss_questions("near_miss_eleventh"), coverage_questions("library_coverage_eleventh")
    assert (len(near_miss), sum(q["near"] == "none" for q in near_miss), len(coverage)) == (65, 8, 62)
    names = ("", "_unseen", "_holdout", "_fourth", "_fifth", "_sixth", "_seventh", "_eighth", "_ninth", "_tenth")
    earlier = {
        q["question"]
        for n in names
        for q in near_miss_questions(f"near_miss{n}") + coverage_questions(f"library_coverage{n}")
    }
    topics = {p.name[:-3] for p in OVERVIEWS.iterdir() if p.name.endswith(".md")} | {"none"}
    # one wording came out as an earlier set's, word for word
    assert {q["question"] for q in near_miss + coverage} & earlier == {
        "At what norepinephrine dose should vasopressin be added in septic shock?"
    }
    assert {q.get("near", q.get("expect")) for q in near_miss + coverage} <= topics
    assert {q["style"] for q in near_miss + coverage} == {"clinician", "lay", "vignette", "out_of_scope"}


def test_the_sixteenth_and_seventeenth_sets_are_development_sets_on_library_topics():
    topics = {p.name[:-3] for p in OVERVIEWS.iterdir() if p.name.endswith(".md")}
    sixteenth = near_miss_questions("near_miss_sixteenth") + coverage_questions("library_coverage_sixteenth")
    seventeenth = near_miss_questions("near_miss_seventeenth") + coverage_questions("library_coverage_seventeenth")
    assert (len(sixteenth), len(seventeenth)) == (250, 161)
    assert {q.get("near", q.get("expect")) for q in sixteenth + seventeenth} <= topics
    assert {q["style"] for q in sixteenth} == {"clinician", "lay", "vignette"}
    # every vignette opens with the patient's age; half the near-misses' twists sit only in the findings
    assert {q["style"] for q in seventeenth} == {"vignette"}
    assert sorted(q["twist"] for q in seventeenth if "near" in q) == ["asked"] * 35 + ["findings"] * 35


def _set_on_library_topics(name: str, size: int) -> tuple[list[dict], list[dict]]:
    """A set's near-miss and coverage questions, each ``size`` long, every one on a library topic."""
    topics = {p.name[:-3] for p in OVERVIEWS.iterdir() if p.name.endswith(".md")}
    near_miss = near_miss_questions(f"near_miss_{name}")
    coverage = coverage_questions(f"library_coverage_{name}")
    assert (len(near_miss), len(coverage)) == (size, size)
    assert {q["near"] for q in near_miss} | {q["expect"] for q in coverage} <= topics
    return near_miss, coverage


def test_the_eighteenth_sets_are_vignettes_on_library_topics_opening_with_the_patient_s_age():
    near_miss, coverage = _set_on_library_topics("eighteenth", 70)
    assert sorted(q["twist"] for q in near_miss) == ["asked"] * 35 + ["findings"] * 35
    assert all(is_vignette(q["question"]) for q in near_miss + coverage)


@pytest.mark.parametrize(
    ("name", "size"), [("nineteenth", 70), ("twentieth", 60), ("twentyseventh", 60), ("twentyeighth", 60)]
)
def test_the_nineteenth_twentieth_twenty_seventh_and_eighth_sets_are_everyday_accounts_on_library_topics(
    name: str, size: int
):
    near_miss, coverage = _set_on_library_topics(name, size)
    assert sorted(q["twist"] for q in near_miss) == ["asked"] * (size // 2) + ["described"] * (size // 2)
    assert {q["style"] for q in near_miss + coverage} == {"lay"}


@pytest.mark.parametrize(
    "name", ["twentyninth", "thirtieth", "thirtyfirst", "thirtysecond", "thirtythird", "thirtyfourth", "thirtyfifth"]
)
def test_the_twenty_ninth_to_thirty_fifth_sets_hold_three_styles_on_library_topics(name: str):
    near_miss, coverage = _set_on_library_topics(name, 60)
    assert sorted(q["twist"] for q in near_miss) == ["asked"] * 30 + ["described"] * 30
    for questions in (near_miss, coverage):
        assert sorted(q["style"] for q in questions) == ["clinician"] * 20 + ["lay"] * 20 + ["vignette"] * 20


@pytest.mark.parametrize(
    "name", ["twentyfirst", "twentysecond", "twentythird", "twentyfourth", "twentyfifth", "twentysixth"]
)
def test_the_twenty_first_to_sixth_sets_mix_three_styles_on_library_topics(name: str):
    near_miss, coverage = _set_on_library_topics(name, 60)
    assert sorted(q["twist"] for q in near_miss) == ["asked"] * 30 + ["described"] * 30
    for questions in (near_miss, coverage):
        assert sorted(q["style"] for q in questions) == ["clinician"] * 20 + ["lay"] * 20 + ["vignette"] * 20


@pytest.mark.parametrize("name", ["thirtysixth", "thirtyseventh", "thirtyeighth", "thirtyninth", "fortieth"])
def test_the_thirty_sixth_to_fortieth_sets_weigh_everyday_accounts_more(name: str):
    near_miss, coverage = _set_on_library_topics(name, 60)
    assert sorted(q["twist"] for q in near_miss) == ["asked"] * 30 + ["described"] * 30
    assert sorted(q["style"] for q in near_miss) == ["clinician"] * 20 + ["lay"] * 20 + ["vignette"] * 20
    assert sorted(q["style"] for q in coverage) == ["clinician"] * 15 + ["lay"] * 30 + ["vignette"] * 15
