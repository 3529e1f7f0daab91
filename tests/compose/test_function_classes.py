"""Words a source writes another way than the question: a class by what it does ("antihypertensive") by its member
classes, a class named for its condition by the condition, the everyday name of a condition class ("mental illness"),
a hyphenated word written as one ("xray"), a question's superlative frame ("safest"), and a title's gloss that the
question's own phrase contradicts."""

import pytest

from medora.compose.select import QuestionWeights, covered_words, question_weights
from medora.compose.terms import TermText, specific_terms, stem
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def _term(question: str, label: str):
    return next(term for term in specific_terms(question) if term.label.lower() == label)


def test_a_class_by_function_is_named_by_its_member_classes():
    antihypertensive = _term("Which antihypertensive should I start first?", "antihypertensive")
    assert TermText("Offer an ACE inhibitor or ARB to people with type 2 diabetes.").covers(antihypertensive)
    assert TermText("Add a CCB or thiazide-like diuretic.").covers(antihypertensive)
    assert not TermText("Offer metformin first.").covers(antihypertensive)


def test_a_member_class_names_no_other_class():
    statins = _term("Are statins safe in pregnancy?", "statins")
    assert not TermText("Stop ACE inhibitors before pregnancy.").covers(statins)


def test_the_everyday_name_of_a_condition_class_is_named_by_its_clinical_one():
    mental_illness = _term("Is varenicline safe in people with mental illness?", "mental illness")
    assert TermText("No increase in events, including in people with psychiatric disorders.").covers(mental_illness)


def test_a_superlative_of_the_frame_is_no_specific_term():
    labels = {term.label.lower() for term in specific_terms("Which antihypertensive is safest in pregnancy?")}
    assert "safest" not in labels and "antihypertensive" in labels


def test_a_class_named_for_its_condition_is_covered_by_a_title_naming_the_condition():
    question = "Which antihypertensive should I start first in a 50-year-old with no diabetes?"
    weights = question_weights(question, {stem("antihypertensive"): 6.0, stem("diabetes"): 2.0})
    assert stem("antihypertensive") in covered_words("Hypertension in adults", weights, spelled=True)
    assert stem("antihypertensive") not in covered_words("Chronic kidney disease in adults", weights, spelled=True)
    plain = question_weights("Which statin should I start first?", {stem("statin"): 6.0})
    assert not covered_words("Hypertension in adults", plain, spelled=True)


def test_a_hyphenated_word_covers_the_question_writing_it_as_one():
    weights = QuestionWeights({stem("xray"): 7.0, stem("back"): 3.0})
    assert stem("xray") in covered_words("Do not offer imaging (X-ray, CT or MRI) for back pain.", weights)
    assert stem("xray") not in covered_words("Do not offer imaging for back pain.", weights)


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        # the class was its only topic word, and the overview writes only its members: nothing was on topic
        ("Which antihypertensive should I start first?", "library:hypertension"),
        # the kidney overview's one "antihypertensives" (a referral line) made it the topic (session 53)
        ("Which antihypertensive should I start first in a 50-year-old with no diabetes?", "library:hypertension"),
        # the kidney overview's "stop ACE inhibitors in pregnancy" names both terms but is not the topic
        ("Which antihypertensive is best in pregnancy?", "library:hypertension-in-pregnancy"),
        ("Which antihypertensive is safest in pregnancy?", "library:hypertension-in-pregnancy"),
        ("Is varenicline safe in people with mental illness?", "library:smoking-cessation"),
        # the hypertension title's gloss "high blood pressure" is not a fall in blood pressure on standing (session 53)
        ("My blood pressure drops when I stand up and I feel dizzy, why?", "library:syncope"),
        ("How should euglycaemic DKA with SGLT2 inhibitors be recognised?", "library:diabetic-ketoacidosis"),
    ],
)
def test_the_question_is_answered_from_the_overview_that_says_it_another_way(
    library_workspace: Workspace, question: str, overview: str
):
    assert status_and_first_source(library_workspace, question) == ("answered", overview)


def test_a_class_by_function_with_a_condition_no_source_pairs_it_with_stays_partial(library_workspace: Workspace):
    status, _source = status_and_first_source(library_workspace, "Which antihypertensive for a patient with gout?")
    assert status == "partial"
