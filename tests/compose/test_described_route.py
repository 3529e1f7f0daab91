"""A question in everyday words far from every clinical passage: the everyday descriptions of an overview's complaint
bring it to that overview (library/everyday_descriptions.yaml), which must still name what the question asks."""

import pytest

from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source as _asked


@pytest.fixture(scope="module")
def workspace(library_workspace: Workspace) -> Workspace:
    return library_workspace


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        ("It burns every time I pass water and I keep running to the loo. What should I do?", "urinary-tract-infection"),
        ("Nothing feels worth doing anymore, I can't enjoy anything and I'm tired all the time. What can help?",
         "depression-adults"),
        # "thirsty" is no word of the diabetes overview's clinical text; its descriptions say it
        ("I'm thirsty all the time and up at night to pee, what should I do?", "type-2-diabetes"),
        # its descriptions: "…I can't bear the bedsheet on it" (no negation), "glands up and everything aches"
        ("my big toe went red, hot and so sore overnight I couldnt bear the bedsheet touching it. what helps?", "gout"),
        ("my throat is killing me and my glands are up, how long will this go on for", "acute-pharyngitis"),
        # the falls overview is closest in meaning but names no blood thinner; the descriptions' overview is tried
        ("my 84 yr old mum has an irregular heartbeat and keeps falling over. the gp wants her on blood thinners but "
         "isn't that dangerous if she falls?", "atrial-fibrillation-anticoagulation"),
    ],
)
def test_an_everyday_description_brings_the_question_to_its_overview(
    workspace: Workspace, question: str, overview: str
) -> None:
    assert _asked(workspace, question) == ("answered", f"library:{overview}")


@pytest.mark.parametrize(
    "question",
    [  # described like the overview's complaint; what they name (pregnancy, a cough) only its descriptions name
        # twice: the deep vein thrombosis overview names pregnancy once, in passing, and its first-line treatment is
        # not for pregnancy
        "I'm pregnant and my calf is swollen and painful, what should I do?",
        # asking about what the overview never names
        "It burns when I pass water and I keep running to the loo, would cranberry juice sort it out?",
    ],
)
def test_the_descriptions_route_but_never_name(workspace: Workspace, question: str) -> None:
    assert _asked(workspace, question)[0] == "insufficient"


def test_a_negated_line_names_nothing_and_the_descriptions_overview_is_tried_next(workspace: Workspace) -> None:
    # the sore-throat overview is closest in meaning, but its descriptions' "no cough though" is no cough; the
    # pneumonia overview, which the descriptions find, answers
    question = "I'm coughing up green phlegm with a high temperature and it hurts to breathe, what treatment do I need?"
    assert _asked(workspace, question) == ("answered", "library:community-acquired-pneumonia")


def test_the_complaint_not_who_has_it_brings_the_overview(workspace: Workspace) -> None:
    # as close to the ectopic pregnancy lines by "I'm pregnant" alone as to the anxiety ones: the description model
    # reads the worry (the anxiety overview names pregnant people twice, in its screening advice)
    worried = "I'm pregnant and feel on edge and worried all the time, what can help?"
    assert _asked(workspace, worried)[1] == "library:generalized-anxiety-disorder"
    # without "pregnant", still close to hypertension in pregnancy (second to migraine): its complaint too
    pregnant = "I'm pregnant and have a bad headache and see flashing lights, what should I do?"
    assert _asked(workspace, pregnant) == ("answered", "library:hypertension-in-pregnancy")


@pytest.mark.parametrize(
    "question",
    [  # closer to a complaint no overview covers than to the overview next to it (outside_descriptions.yaml)
        "Since the autumn my right shoulder has seized up and I can't get my coat on, what helps?",
        "Every month the cramps low in my belly with my period keep me in bed, what helps?",
        "Grandad's hands tremble when he pours the tea, what can be done?",
    ],
)
def test_a_complaint_outside_the_library_is_routed_nowhere(workspace: Workspace, question: str) -> None:
    assert _asked(workspace, question)[0] == "insufficient"


@pytest.mark.parametrize(
    ("question", "overview"),
    [  # safety wording pairing no drug and no population: the overview must still name what is asked ("drive")
        ("I get the shakes every morning until I have a drink. Is it ok to just stop drinking on my own?",
         "alcohol-use-disorder"),
        ("I had a funny turn and passed out yesterday, is it safe to drive?", "syncope"),
    ],
)
def test_a_safety_question_pairing_nothing_may_be_answered_by_meaning(
    workspace: Workspace, question: str, overview: str
) -> None:
    assert _asked(workspace, question) == ("answered", f"library:{overview}")


@pytest.mark.parametrize(
    "question",
    [  # on topic by their words, proposing what the overview never names (answered before the check)
        "I've got a trapped nerve in my neck with arm pain, would a memory foam pillow help?",
        "I'm on PrEP, is it ok to drink alcohol on a night out?",
    ],
)
def test_what_the_question_proposes_must_be_the_answers(workspace: Workspace, question: str) -> None:
    assert _asked(workspace, question)[0] in ("partial", "insufficient")


def test_a_question_close_to_no_description_stays_unanswered(workspace: Workspace) -> None:
    assert _asked(workspace, "my ears keep ringing and buzzing, what helps?")[0] == "insufficient"
