"""Session 71, from the thirty-eighth set's misses (tested with wordings of our own): an abbreviation typed in capitals
that is also a common word is a term ("TENS" is no tens); a note's clipped words for prophylaxis, stockings, bedside
glucose, ultrasound and a raised dose name what the overviews write; a plan any number of days, weeks or months
away ("flying … in six weeks") is what an account turns on."""

import pytest

from medora.compose.described import proposed_words
from medora.compose.subject import shorthand_equivalents
from medora.compose.terms import TermText, specific_terms
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def _labels(question: str) -> list[str]:
    return [term.label for term in specific_terms(question)]


def test_a_capitalised_abbreviation_that_is_a_common_word_is_a_term():
    terms = {term.label: term for term in specific_terms("my physio suggested a TENS machine, is it worth it?")}
    assert "transcutaneous electrical nerve stimulation" in terms["TENS"].forms
    assert TermText("TENS may help some people with back pain.").covers(terms["TENS"])
    assert not TermText("Tens of thousands of people have back pain.").covers(terms["TENS"])  # the number word
    assert "tens" not in [label.lower() for label in _labels("tens of thousands of people take it, is it safe?")]


def test_a_note_s_shorthand_before_its_question_is_not_read_as_an_abbreviation_asked():
    assert "SAD" not in _labels("30M in ED after an overdose, SAD PERSONS score low. What should happen next?")


def test_a_question_typed_in_capitals_is_read_as_words():
    assert "SAFE" not in _labels("IS IT SAFE TO TAKE IBUPROFEN WITH MY ASTHMA?")


def test_a_note_s_clipped_words_name_what_the_overviews_write():
    medical = {word for item in shorthand_equivalents("TEDs for VTE ppx? CBG 5.4, how long to check BMs?")
               for word in item.medical}
    assert {"prophylaxis", "anti-embolism stockings", "capillary blood glucose"} <= medical


def test_a_stroke_note_asking_about_stockings_is_answered_by_the_prophylaxis_overview(library_workspace: Workspace):
    question = "Acute stroke, immobile, dense weakness. TEDs or IPC for VTE ppx?"
    assert status_and_first_source(library_workspace, question) == (
        "answered", "library:venous-thromboembolism-prophylaxis"
    )


def test_a_plan_weeks_or_months_away_is_what_an_account_turns_on():
    assert "fli" in proposed_words("mum has copd and we are flying to canada in five weeks. what should we sort out?")
    assert "fli" in proposed_words("he has copd and is flying to spain in a couple of months. anything to do first?")
    assert "fli" not in proposed_words("he has copd and flew home from spain five weeks ago. is his inhaler right?")


@pytest.mark.parametrize(
    "question",
    [
        # a device the back-pain overview never names
        "Desk worker, 10 days of non-specific low back pain, no red flags, low risk on STarT Back. Is a TENS unit "
        "worth buying?",
        # a trip by air the COPD overview never speaks of
        "My husband has COPD and his oxygen levels run a bit low. We're flying to Canada in five weeks for a wedding. "
        "What does he need to arrange before we go?",
    ],
)
def test_what_the_overview_never_names_is_no_answer(library_workspace: Workspace, question: str):
    status, _source = status_and_first_source(library_workspace, question)
    assert status != "answered"
