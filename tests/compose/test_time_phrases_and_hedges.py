"""Session 72, from the thirty-ninth set's misses (tested with wordings of our own): when a question says "at some
point" or "straight away", it asks when, not about a point or a way; an account's hedges ("maybe", "I'd rather
not"), its "ago" and its "look at the house" are no topic of it, nor is "all clear" a drug; a note's halves of
sofosbuvir/velpatasvir name them."""

import pytest

from medora.compose.described import unnamed_asking_words
from medora.compose.drugs import find_drugs
from medora.compose.select import question_weights
from medora.compose.terms import TermText, specific_terms, stem, stem_sequence
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def test_a_time_phrase_in_what_is_asked_need_not_be_written_by_the_overview():
    text = ["Recheck creatinine after an acute kidney injury to confirm that kidney function has recovered."]
    question = "He was in hospital with kidney trouble. Should someone recheck his kidney function at some point?"
    assert unnamed_asking_words(question, text) == []
    assert unnamed_asking_words("He was in hospital with kidney trouble. Should someone recheck his kidney "
                                "function at the pharmacy?", text) == ["pharmaci"]  # a place asked is still asked


def test_an_account_s_hedges_are_not_its_topic():
    question = ("Started sertraline ten days ago and maybe I'm impatient, but I'd rather know now: we're desperate. "
                "Is it overkill to ask about the end of the course?")
    idf = {word: 1.0 for word in stem_sequence(question)}  # every word weighed alike: only the filters decide
    weights = question_weights(question, idf)
    assert not {stem(word) for word in ("maybe", "rather", "overkill", "desperate", "ago")} & weights.keys()
    assert {stem("sertraline"), stem("end")} <= weights.keys()  # "end of life", "end-stage" are topics


def test_all_clear_after_a_cancer_is_no_drug():
    assert find_drugs("had breast cancer six years ago , all clear since".split()) == []


def test_a_note_s_halves_of_a_combination_name_its_drugs():
    terms = {term.label: term for term in specific_terms("HCV treated w/ sof/vel in 2021, SVR12. Ab +ve again?")}
    passage = TermText("Sofosbuvir-velpatasvir cures most people with chronic hepatitis C.")
    assert passage.covers(terms["sof"]) and passage.covers(terms["vel"])


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        ("My mum (81) was in hospital after a bout of vomiting and diarrhoea and they said her kidneys had been hit. "
         "Her blood tests are back to normal and she is home, but should anyone check her kidneys again at some "
         "point?",
         "library:acute-kidney-injury"),
        ("Dad is 84 and has fallen three times since the summer, once he lay on the bathroom floor half the night. "
         "What should the doctors be checking, and can someone come and look at the house?",
         "library:falls-in-older-adults"),
    ],
)
def test_an_account_asking_when_or_for_a_home_visit_is_answered_from_its_overview(
    library_workspace: Workspace, question: str, overview: str
):
    assert status_and_first_source(library_workspace, question) == ("answered", overview)
