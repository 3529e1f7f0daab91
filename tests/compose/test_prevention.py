"""What a medicine is asked to prevent, and in whom: a heart attack prevented is a term, a well person's prevention of
a cardiovascular event is primary prevention; answered only by a source that says so."""

import pytest

from medora.compose.terms import TermText, specific_terms
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def _terms(question: str) -> dict[str, tuple[str, ...]]:
    return {term.label: term.forms for term in specific_terms(question)}


def test_a_heart_attack_to_prevent_is_a_term_named_by_its_medical_words_too():
    terms = _terms("Should I take aspirin every day to prevent a heart attack?")
    assert "myocardial infarction" in terms["heart attack"] and "cardiovascular disease" in terms["heart attack"]
    plural = specific_terms("Does aspirin lower my risk of heart attacks?")
    heart_attacks = next(term for term in plural if term.label == "heart attacks")
    assert TermText("Aspirin after myocardial infarctions.").covers(heart_attacks)


def test_a_heart_attack_the_patient_had_is_left_to_the_case_rules():
    assert "heart attack" not in _terms("I have type 2 diabetes and had a heart attack, should I be on something else?")


def test_a_well_person_preventing_a_cardiovascular_event_with_a_medicine_asks_about_primary_prevention():
    terms = _terms("I'm 65 and healthy, should I take a statin to prevent a stroke?")
    assert terms["healthy"] == ("primary prevention",)
    assert "cardiovascular disease" in terms["stroke"]


@pytest.mark.parametrize(
    "question",
    [
        "I'm healthy and 70, should I get the shingles vaccine?",  # nothing cardiovascular prevented
        "Should I take vitamin D to prevent falls? I'm 75 and fit and well.",
        "Routine pneumococcal vaccine age for healthy adults now?",
        "I'm 60 and healthy, how can I prevent a stroke?",  # no medicine asked about
    ],
)
def test_other_questions_of_well_people_get_no_primary_prevention_term(question: str):
    assert all(forms != ("primary prevention",) for forms in _terms(question).values())


def test_baby_aspirin_is_low_dose_aspirin_not_an_infant():
    terms = specific_terms("Should I take a baby aspirin daily? I'm 55 with no heart problems.")
    assert [term.kind for term in terms if term.label.lower() == "baby"] == []


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the stroke overview names aspirin for a stroke that has happened, never a heart attack nor a healthy person
        ("Should I take aspirin every day to prevent a heart attack? I'm 60 and healthy.", ("partial", None)),
        ("Should I take aspirin every day to prevent a heart attack?", ("partial", None)),
        ("Should I take aspirin every day to prevent a stroke? I'm 60 and healthy.", ("partial", None)),
        ("Does my 60 year old healthy dad need aspirin to prevent heart problems?", ("partial", None)),
        # primary prevention is the lipid overview's
        ("I'm 65 and healthy, should I take a statin to prevent a stroke?", ("answered", "library:lipid-management")),
        ("Should I take a statin to prevent a heart attack? I'm 60 and healthy.",
         ("answered", "library:lipid-management")),
        ("My QRISK is 12%, should I take a statin to prevent a heart attack?",
         ("answered", "library:lipid-management")),
        # after a heart attack, aspirin is the coronary overview's
        ("I had a heart attack last year, should I keep taking aspirin to prevent another heart attack?",
         ("answered", "library:acute-coronary-syndrome")),
    ],
)
def test_prevention_questions_are_answered_only_by_a_source_on_that_prevention(
    library_workspace: Workspace, question: str, expected: tuple[str, str | None]
):
    status, source = status_and_first_source(library_workspace, question)
    assert (status, source if status == "answered" else None) == expected
