"""An answer that cites one overview's passages alone lays that overview out whole, led by the sentence those passages
led with; and everyday words for what an overview's title and lines say (high potassium, a finger prick)."""

import pytest

from medora.answer import answer_question
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


@pytest.mark.parametrize(
    ("question", "overview", "lead"),
    [
        # before: answered from the PE overview's passages as findings, never laid out as the PE overview
        ("they found a small clot on my lung and want to send me home on tablets tonight. is that safe?",
         "library:pulmonary-embolism", "home treatment can be considered"),
        ("hurt my back lifting boxes at work on monday, gp says no xray needed and to keep moving. shouldnt i have a "
         "scan just to be sure?", "library:low-back-pain-red-flags", "Do not offer imaging (X-ray"),
    ],
)
def test_the_one_overview_an_answer_cites_is_laid_out_led_by_what_it_cited(
    library_workspace: Workspace, question: str, overview: str, lead: str
):
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert (article.answer_status, article.references[0].source_key) == ("answered", overview)
    assert lead in article.bottom_line[0].text


@pytest.mark.parametrize(
    "question",
    [
        "The hospital rang to say my potassium is very high on my blood test. How dangerous is that?",
        "Mum was given insulin in A&E for a high potassium level even though she isn't diabetic. Why do they keep "
        "pricking her finger afterwards?",
    ],
)
def test_high_potassium_in_everyday_words_is_the_hyperkalaemia_overview(library_workspace: Workspace, question: str):
    assert status_and_first_source(library_workspace, question) == ("answered", "library:hyperkalaemia")


def test_a_finger_prick_is_glucose_monitoring_not_any_glucose_test(library_workspace: Workspace):
    status, source = status_and_first_source(
        library_workspace, "my dad is diabetic, how often should he do a finger prick test?"
    )
    # the neuropathy overview's "Check blood glucose" is a screening test: at most the closest source of a partial
    assert (status, source) != ("answered", "library:peripheral-neuropathy-workup")
