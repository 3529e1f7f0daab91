"""The band a sentence states for a measured value, read against the value a question gives (compose/value_ranges.py),
and the bottom line it leads (compose/layout.py ``lead_with_the_patients_band``)."""

import math

import pytest

from medora.answer import answer_question
from medora.compose.value_ranges import StatedRange, band_fit, stated_ranges, stated_values
from medora.workspace import Workspace

ECHO = ("66-year-old man with exertional breathlessness and ankle swelling, NT-proBNP 2,600 ng/L, not yet treated. "
        "How quickly should he have an echo?")


def test_values_are_read_with_their_unit_only():
    assert stated_values("NT-proBNP 2,600 ng/L, K 6.7 mmol/L, LVEF 30%, eGFR 38, weighs 70 kg", "LVEF") == {
        "ng/l": [2600.0], "mmol/l": [6.7], "%": [30.0], "kg": [70.0]
    }


def test_an_nt_probnp_without_its_unit_is_read_in_both_of_its_units():
    assert stated_values("NT-proBNP 2500 in GP - how fast does echo need to be?") == {
        "ng/l": [2500.0], "pg/ml": [2500.0]
    }
    assert band_fit("Above 2000 ng/L: refer urgently within 2 weeks.", "NT-proBNP 2,500. Echo?") is True
    assert band_fit("Between 400 and 2000 ng/L: refer within 6 weeks.", "NT-proBNP 2,500. Echo?") is False
    # never a time, and never BNP, whose bands are other numbers
    assert stated_values("NT-proBNP 6 weeks ago was normal") == {}
    assert stated_values("BNP 150, echo?") == {}


def test_a_percentage_is_judged_only_against_a_line_naming_its_measure():
    question = "58M, HbA1c 8.1%, sats 95%. Next step?"
    assert band_fit("If HbA1c stays above 7.5%, add a second drug.", question) is True
    assert band_fit("If HbA1c is below 7%, continue.", question) is False
    assert band_fit("An ejection fraction of 40% or less is reduced.", question) is None  # another measure


@pytest.mark.parametrize(
    ("sentence", "band"),
    [
        ("Between 400 and 2000 ng/L: refer within 6 weeks.", StatedRange(400, 2000, "ng/l")),
        ("Above 2000 ng/L: refer urgently within 2 weeks.", StatedRange(2000, math.inf, "ng/l")),
        ("Below 400 ng/L: heart failure is less likely.", StatedRange(-math.inf, 400, "ng/l")),
        ("An ejection fraction of 40% or less is reduced.", StatedRange(-math.inf, 40, "%")),
        ("A potassium of 6.5 mmol/L or more is severe.", StatedRange(6.5, math.inf, "mmol/l")),
        ("Start metformin, and if HbA1c stays above 7.5% add a second drug.", StatedRange(7.5, math.inf, "%")),
    ],
)
def test_a_sentence_s_condition_states_its_band(sentence: str, band: StatedRange):
    assert stated_ranges(sentence) == [band]


def test_a_target_is_no_band_and_a_band_outside_the_condition_is_not_read():
    assert stated_ranges("Aim for an HbA1c below 7% in most adults.") == []
    assert stated_ranges("Give furosemide, then recheck: the potassium should fall below 5.5 mmol/L.") == []


def test_a_band_fits_holds_for_another_patient_or_cannot_be_judged():
    assert band_fit("Above 2000 ng/L: refer urgently within 2 weeks.", ECHO) is True
    assert band_fit("Between 400 and 2000 ng/L: refer within 6 weeks.", ECHO) is False
    assert band_fit("Below 400 ng/L: consider other diagnoses.", ECHO) is False
    assert band_fit("Between 400 and 2000 ng/L: refer within 6 weeks.", "NT-proBNP 900 ng/L: how soon?") is True
    assert band_fit("A potassium of 6.5 mmol/L or more is severe.", ECHO) is None  # no potassium given
    assert band_fit("Refer within 6 weeks.", ECHO) is None


def test_the_patient_s_band_leads_the_bottom_line(library_workspace: Workspace):
    article = answer_question(ECHO, retriever=library_workspace.retriever, settings=library_workspace.settings)
    texts = [statement.text for statement in article.bottom_line]
    assert texts[0].startswith("Above 2000 ng/L: refer urgently for specialist assessment and echocardiography")
    assert not any(text.startswith(("Between 400 and 2000 ng/L", "Below 400 ng/L")) for text in texts)
    middle = answer_question("70F, breathless, NT-proBNP 900 ng/L. How soon should she have an echo?",
                             retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert middle.bottom_line[0].text.startswith("Between 400 and 2000 ng/L")


def test_an_age_band_is_judged_against_the_patients_age():
    """Session 32: "Starting levothyroxine dose for a 72 yo with angina?" was led by the under-65 starting dose."""
    question = "Starting levothyroxine dose for a 72 yo with angina?"
    assert stated_values(question) == {"years": [72.0]}
    assert stated_values("68F, BMI 30, on metformin")["years"] == [68.0]
    under = "For adults under 65 without cardiovascular disease, start at 1.6 micrograms per kilogram per day."
    over = "For adults aged 65 or over or with cardiovascular disease, start at 25 to 50 micrograms a day."
    assert band_fit(under, question) is False
    assert band_fit(over, question) is True
    # no age given, or a number that is no age band: nothing to judge
    assert band_fit(under, "Starting levothyroxine dose?") is None
    # the age an account gives, read as compose/age_groups.py reads it; never a duration
    assert band_fit(under, "I'm 72, just diagnosed with an underactive thyroid. What dose?") is False
    assert band_fit(under, "On levothyroxine for 5 years, what dose?") is None
    assert stated_ranges("Treat a heart rate over 110 bpm.") == []


def test_a_line_for_the_other_sex_does_not_fit_the_patient():
    """Session 32: "male lower UTI - abx and duration" was led by the line for non-pregnant women."""
    women = "For uncomplicated cystitis in non-pregnant women, first-line options are nitrofurantoin or trimethoprim."
    men = "Men with lower urinary tract infection need a 7-day course."
    assert band_fit(women, "male lower UTI - abx and duration") is False
    assert band_fit(men, "male lower UTI - abx and duration") is True
    assert band_fit(women, "68F, dysuria and frequency. Which antibiotic?") is True
    assert band_fit(women, "Which antibiotic for cystitis?") is None  # no sex stated


def test_an_account_about_one_relative_states_the_patients_sex():
    """Session 39: "my dad is 90 and on a statin …" was led by the line on women of childbearing potential."""
    women = "Women of childbearing potential taking a statin should use reliable contraception."
    assert band_fit(women, "my dad is 90 and on a statin, should he still be taking it?") is False
    assert band_fit(women, "my wife is on a statin, should she stop it?") is True
    assert stated_values("my husband and I want a baby, should I stop my statin?") == {}  # the asker may be the one
    assert stated_values("my mum and dad both take statins") == {}  # both sexes
    assert stated_values("my dad is a person who smokes") == {"sex": [1.0]}  # a word inside another is no relative


def test_a_childs_dose_is_for_the_band_of_years_the_child_is_in():
    """Session 41: "Adrenaline IM dose for a 9-year-old with anaphylaxis?" was led by the dose for adults and children
    over 12."""
    older = "Give intramuscular adrenaline at 500 micrograms (0.5 mL) for adults and children over 12 years."
    child = "For children aged 6 to 12 years the dose is 300 micrograms (0.3 mL), for 6 months to 6 years 150 micrograms."
    question = "Adrenaline IM dose for a 9-year-old with anaphylaxis?"
    assert band_fit(older, question) is False
    assert band_fit(child, question) is True
    assert band_fit(child, "Adrenaline IM dose for a 14-year-old with anaphylaxis?") is False
    assert band_fit(child, "Adrenaline IM dose in anaphylaxis?") is None  # no age stated
