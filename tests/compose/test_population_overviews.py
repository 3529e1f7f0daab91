"""An overview written for one population ("Hypertension in pregnancy") answers only questions about it."""

import pytest

from medora.compose.population_overviews import for_another_population
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source

PREGNANCY = "Hypertension in pregnancy, gestational hypertension and pre-eclampsia"


@pytest.mark.parametrize(
    ("question", "elsewhere"),
    [
        ("What blood pressure target should I aim for?", True),
        ("BP 150/100 for 2 weeks, what now?", True),  # weeks are no pregnancy
        ("im 33 weeks pregnant and have a pounding headache", False),
        ("my midwife says my BP is high", False),
        ("Can I take labetalol while breastfeeding?", False),
        ("Aspirin for pre-eclampsia prevention - dose and when to start", False),  # a word of the title beyond its
        ("gestational hypertension treatment", False),  # condition
    ],
)
def test_a_pregnancy_overview_is_for_questions_that_state_pregnancy(question: str, elsewhere: bool):
    assert for_another_population(question, PREGNANCY) is elsewhere


def test_a_condition_named_with_pregnancy_is_no_population():
    assert not for_another_population("tubal ectopic, 22 mm, hCG 1,200: methotrexate?", "Ectopic pregnancy")


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        # one of the hypertension overview's own questions, partial while the pregnancy overview came first
        ("What blood pressure target should I aim for?", "hypertension"),
        ("What blood pressure should I aim for with diabetes?", "hypertension"),
        ("I'm pregnant and my blood pressure is 150/100, what happens now?", "hypertension-in-pregnancy"),
    ],
)
def test_blood_pressure_questions_reach_the_overview_for_their_population(
    library_workspace: Workspace, question: str, overview: str
):
    assert status_and_first_source(library_workspace, question) == ("answered", f"library:{overview}")


def test_the_target_asked_leads_with_the_targets(library_workspace: Workspace):
    from medora.answer import answer_question

    article = answer_question("What blood pressure target should I aim for?", retriever=library_workspace.retriever,
                              settings=library_workspace.settings)
    assert article.bottom_line[0].text.startswith("NICE targets clinic pressure below 140/90 mmHg")
