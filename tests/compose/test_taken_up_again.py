"""An activity a patient asks to take up again ("when can I go back to the gym?", "when is he allowed to drive?")
is what the question proposes, and an overview never naming it does not answer; a choice in clinical shorthand leads
the bottom line before an emergency's line (session 19: described._PROPOSAL, _RESUMING and _opens_asking,
ask._option_forms, layout.lead_with_emergency, the "cath lab" line of lay_naming.yaml); so is the cause an account
gives after "since" (described.cause_words)."""

import pytest

from medora.answer import answer_question
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source as _asked


@pytest.fixture(scope="module")
def workspace(library_workspace: Workspace) -> Workspace:
    return library_workspace


@pytest.mark.parametrize(
    "question",
    [
        "I had a heart attack six weeks ago, when is it safe to have sex again?",
        "I had a clot on my lung 6 weeks ago. when can I go back to the gym and start running again?",
        "my dad had a mini stroke last week. when is he allowed to drive again?",
        # the cause an account gives after "since" must be named too (described.cause_words)
        "my leg has been sore and swollen since a snake bit it on holiday, isn't it serious?",
        "my husband's back has been sore since his prostate cancer spread to his bones, what's the best thing to take?",
        # a patient's question that asks first, about something its overview never names (session 20's reviewer)
        "would a special pillow help my neck pain going down my arm?",
        "would a hot water bottle help my dad's gout?",
        "does honey work for my sore throat?",
    ],
)
def test_what_is_proposed_the_overview_never_names_is_not_answered(workspace: Workspace, question: str):
    assert _asked(workspace, question)[0] != "answered"


@pytest.mark.parametrize(
    ("question", "overview"),
    [  # before session 20 the pneumonia overview (it shares "lung") and the syncope overview (it names driving)
        ("I had a clot on my lung 6 weeks ago. when can I go back to the gym?", "pulmonary-embolism"),
        ("my dad had a stroke, when can he drive again?", "stroke-and-tia"),
    ],
)
def test_a_partial_answer_quotes_the_source_set_aside_for_what_is_proposed(
    workspace: Workspace, question: str, overview: str
):
    assert _asked(workspace, question) == ("partial", f"library:{overview}")


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        ("I had an ectopic treated with methotrexate, when can I get pregnant again?", "ectopic-pregnancy"),
        ("I had a DVT in March and I'm on apixaban. When can I stop taking it?", "deep-vein-thrombosis"),
        # a patient's proposal asked first, named in the overview's own words (session 20: a drug by its class)
        ("would ibuprofen help my back pain?", "low-back-pain-red-flags"),
        ("would omeprazole help my acid reflux?", "gerd"),
        ("would exercise help my type 2 diabetes?", "type-2-diabetes"),
        ("would a wrist splint help my carpal tunnel?", "carpal-tunnel-syndrome"),
    ],
)
def test_what_the_overview_names_is_answered(workspace: Workspace, question: str, overview: str):
    assert _asked(workspace, question) == ("answered", f"library:{overview}")


def test_a_cath_lab_is_named_by_the_pci_centre_and_the_choice_leads(workspace: Workspace):
    article = answer_question(
        "STEMI, cath lab 3 hours away: fibrinolysis or primary PCI?",
        retriever=workspace.retriever, settings=workspace.settings,
    )
    assert article.answer_status == "answered"
    assert article.references[0].source_key == "library:acute-coronary-syndrome"
    assert "fibrinolysis" in article.bottom_line[0].text and "PCI" in article.bottom_line[0].text


def test_a_choice_in_shorthand_leads_the_bottom_line_before_the_emergency_line(workspace: Workspace):
    article = answer_question(
        "STEMI dx at rural hosp, nearest PCI centre >2h away - lyse or transfer?",
        retriever=workspace.retriever, settings=workspace.settings,
    )
    assert article.answer_status == "answered"
    assert "fibrinolysis" in article.bottom_line[0].text and "transfer" in article.bottom_line[0].text
    assert any("ECG" in statement.text for statement in article.bottom_line[1:])


def test_an_activity_asked_about_after_a_past_emergency_raises_no_urgent_notice(workspace: Workspace):
    article = answer_question(
        "I had a heart attack six weeks ago, when is it safe to have sex again?",
        retriever=workspace.retriever, settings=workspace.settings,
    )
    assert article.urgent_notice is None  # "again" is the activity's (compose/red_flags.py _asks_to_do_again)
    assert article.answer_status == "partial"
    assert article.coverage_notice.startswith("No source here addresses sex.")  # what it proposes, named
