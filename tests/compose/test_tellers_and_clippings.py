"""Who tells the patient something is not what is asked; clinicians' clipped words and shorthand are read as meant
(session 18: compose/findings.py ``is_teller``, compose/subject.py SHORTHAND and NOTE_CLIPPINGS, the "C diff" line
of compose/data/lay_terms.yaml, compose/spelling.py)."""

import pytest

from medora.compose.described import proposed_words
from medora.compose.findings import is_teller
from medora.compose.select import question_weights
from medora.compose.terms import specific_terms
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source as _asked


def _labels(question: str) -> set[str]:
    return {term.label for term in specific_terms(question)}


@pytest.mark.parametrize(
    "question",
    [
        "My midwife says I'm at risk of high blood pressure in pregnancy and should take aspirin, is that safe?",
        "im 52 and my pharmacist mentioned the shingles jab. do i need it?",
        "the surgeons still want to operate even though the scan was fine, why?",
    ],
)
def test_a_carer_who_tells_is_no_term(question: str) -> None:
    assert not {"midwife", "pharmacist", "surgeons"} & _labels(question)


@pytest.mark.parametrize(
    "question",
    [
        "Tennis elbow for 4 months: steroid injection or physio?",
        "Can a pharmacist supply an adrenaline auto-injector without a prescription?",
        "does she have to stop her blood thinner before seeing the dentist?",
    ],
)
def test_a_carer_asked_about_stays_a_term(question: str) -> None:
    assert {"physio", "pharmacist", "dentist"} & _labels(question)


def test_what_a_carer_did_in_the_account_makes_the_carer_no_term() -> None:
    # session 56: "the paramedics took him in" was a term no acute coronary syndrome passage names
    assert "paramedics" not in _labels("the paramedics took him in and gave him aspirin, why no oxygen?")
    assert "paramedics" in _labels("Can paramedics give thrombolysis before hospital?")


def test_bp_is_blood_pressure_in_the_on_topic_gate() -> None:
    weights = question_weights("33 weeks pregnant, my bp was high last week", {"bp": 7.0, "pregnant": 3.0})
    assert any(item.medical == ("blood pressure",) for item in weights.equivalents)


def test_a_teller_needs_a_telling_verb_after_it() -> None:
    words = "the nurses still want to give him something".split()
    assert is_teller(words, 1)
    assert not is_teller("see the nurses about it".split(), 2)
    assert not is_teller("the nurses still want".split(), 0)  # "the" is no carer


def test_what_a_carer_proposes_keeps_its_words_but_not_the_carer() -> None:
    question = "My midwife says I should drink raspberry leaf tea to bring on labour, is that safe?"
    words = proposed_words(question)
    assert "midwif" not in words and {"raspberri", "leaf", "tea"} <= set(words)


def test_note_clippings_weigh_nothing_in_the_on_topic_gate() -> None:
    idf = {"stemi": 4.8, "hosp": 7.0, "dx": 5.4, "rural": 7.0}
    assert set(question_weights("STEMI dx at rural hosp", idf)) == {"stemi", "rural"}


def test_lyse_is_named_by_thrombolysis() -> None:
    term = next(t for t in specific_terms("normotensive PE but RV dilated - do we lyse?") if t.label == "lyse")
    assert {"thrombolysis", "fibrinolysis"} <= set(term.forms)


@pytest.mark.parametrize(
    ("question", "carer"),
    [
        ("Can a pharmacist tell whether my sore throat needs antibiotics?", "pharmacist"),
        ("What do dentists think about antibiotics for sore throats?", "dentists"),
    ],
)
def test_a_carer_after_an_auxiliary_is_the_subject(question: str, carer: str) -> None:
    assert carer in _labels(question)


def test_carers_who_tell_in_the_present_are_tellers() -> None:
    assert "midwives" not in _labels("The midwives tell me I need anti-D after my ectopic surgery, why?")


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        ("My midwife told me to take baby aspirin from 12 weeks because I had pre-eclampsia with my first. "
         "is that safe and why?", "hypertension-in-pregnancy"),
        ("STEMI dx at rural hosp, nearest PCI centre >2h away - lyse or transfer?", "acute-coronary-syndrome"),
        ("CRB65 of 2 in GP - send in or treat at home?", "community-acquired-pneumonia"),
    ],
)
def test_clipped_and_told_questions_reach_their_overview(
    library_workspace: Workspace, question: str, overview: str
) -> None:
    assert _asked(library_workspace, question) == ("answered", f"library:{overview}")


@pytest.mark.parametrize(
    "question",
    [
        "I've got C diff after antibiotics, will probiotic yoghurts help stop it coming back?",
        "My midwife says I should drink raspberry leaf tea to bring on labour, is that safe?",
    ],
)
def test_what_the_carer_or_the_infection_brings_still_needs_naming(library_workspace: Workspace, question: str) -> None:
    assert _asked(library_workspace, question)[0] != "answered"
