"""The certainty line: best design sets the start, then one level down for a single source, disagreement, age."""

from medora.compose.certainty import Certainty, EvidenceFacts, grade_certainty

YEAR = 2026


def test_agreeing_rcts_are_high_certainty():
    facts = [EvidenceFacts("RCT", 2019, "benefit"), EvidenceFacts("RCT", 2021, "benefit"), EvidenceFacts("cohort study", 2015, "benefit")]
    assert grade_certainty(facts, current_year=YEAR) == Certainty(
        "high", "2 RCTs and 1 cohort study (2015–2021); their findings agree (benefit)."
    )


def test_disagreement_rates_down_one_level():
    facts = [EvidenceFacts("meta-analysis", 2020, "benefit"), EvidenceFacts("RCT", 2018, "no difference")]
    assert grade_certainty(facts, current_year=YEAR) == Certainty(
        "moderate", "1 meta-analysis and 1 RCT (2018–2020); rated down for findings that disagree (1 benefit, 1 no difference)."
    )


def test_one_old_observational_study_is_very_low():
    assert grade_certainty([EvidenceFacts("study", 2008, "benefit")], current_year=YEAR) == Certainty(
        "very low", "1 study (2008); rated down for a single source and no source newer than 2008."
    )


def test_observational_studies_that_agree_stay_low():
    facts = [EvidenceFacts("cohort study", 2020, "harm"), EvidenceFacts("case-control study", 2022, "harm")]
    assert grade_certainty(facts, current_year=YEAR).level == "low"


def test_an_overview_summarising_several_references_is_not_a_single_source():
    facts = [EvidenceFacts("editorial overview", 2025, None, summarised=4)]
    assert grade_certainty(facts, current_year=YEAR) == Certainty("moderate", "1 editorial overview (2025).")


def test_no_evidence_no_certainty_and_never_below_very_low():
    assert grade_certainty([], current_year=YEAR) is None
    assert grade_certainty([EvidenceFacts("case report", 1990)], current_year=YEAR).level == "very low"
