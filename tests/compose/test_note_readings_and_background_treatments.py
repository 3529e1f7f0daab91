"""Notes' readings and a story's background treatments (session 68, from the thirty-first and thirty-fourth sets'
misses): the device a background condition is treated with is background too; a note's examination and results
count when a source names them, never against one that does not; a coronary event told as the case's past is the
established cardiovascular disease sources write; an account whose complaint its overview's descriptions confirm
needs each finding it names named once, not twice; what a source says of itself never leads its bottom line; and a
coronary event a note's past history dates raises no urgent notice."""

import pytest

from medora.answer import answer_question
from medora.compose.case_findings import with_case_findings, with_coronary_history
from medora.compose.red_flags import question_flags
from medora.compose.terms import SpecificTerm, answers_terms, specific_terms
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def _marked(question: str) -> dict[str, SpecificTerm]:
    return {term.label.lower(): term for term in with_case_findings(question, specific_terms(question))}


def test_the_inhaler_of_a_background_asthma_is_background():
    story = ("my daughter is 19 and the gp has just put her on sertraline for depression after her exams went badly. "
             "she has asthma and uses a brown inhaler. when should she be reviewed after starting the antidepressant?")
    terms = _marked(story)
    assert terms["asthma"].context and terms["inhaler"].context
    alone = _marked("my daughter is 19 and uses a brown inhaler most days. when should she be reviewed after starting "
                    "an antidepressant?")  # no condition told beside it: the inhaler stays what it was
    assert not alone["inhaler"].context


def test_asthma_beside_an_antihypertensive_asked_for_is_no_background():
    vignette = ("26-year-old woman at 31 weeks with gestational hypertension, BP 154/102, brittle asthma needing "
                "oral steroids twice this year. Which antihypertensive?")
    assert not _marked(vignette)["asthma"].context  # the choice among blood-pressure drugs is one among beta-blockers


NOTE = ("Annual review note: 66F, T2DM since 2016, asymptomatic. PMH: NSTEMI 2021 (PCI to LAD), hypertension, "
        "hypothyroidism. DH: metformin 1 g bd, atorvastatin 80 mg, aspirin 75 mg, ramipril 5 mg, levothyroxine. "
        "SH: retired teacher, lives alone. O/E BMI 31, BP 130/78. Bloods: HbA1c 51 mmol/mol, eGFR 68, uACR 0.9. "
        "Q: her HbA1c is at target on metformin, so should her diabetes treatment change?")


def test_a_note_s_examination_and_results_are_its_readings():
    terms = _marked(NOTE)
    assert terms["uacr"].reading and terms["bmi"].reading
    assert not terms["nstemi"].reading  # a past illness is no reading


def test_an_unnamed_reading_is_not_held_against_a_source():
    asked = SpecificTerm(label="insulin", kind="drug", forms=("insulin",), asked=True)
    seen = [SpecificTerm(label=label, kind="term", forms=(label,), finding=True) for label in ("uACR", "BMI", "MCV")]
    assert not answers_terms({"insulin"}, [asked, *seen])  # three findings unnamed, none named
    read = [SpecificTerm(label=t.label, kind="term", forms=t.forms, finding=True, reading=True) for t in seen]
    assert answers_terms({"insulin"}, [asked, *read])


def test_a_coronary_event_of_the_past_is_named_as_established_cardiovascular_disease():
    past = SpecificTerm(label="NSTEMI", kind="term", forms=("nstemi",), history=True)
    asked = SpecificTerm(label="PCI", kind="term", forms=("pci",), asked=True)  # what is asked keeps its own forms
    marked = with_coronary_history([past, asked])
    assert "established cardiovascular disease" in marked[0].forms
    assert marked[1].forms == ("pci",)


@pytest.mark.parametrize(("question", "overview"), [
    (NOTE, "type-2-diabetes"),
    ("my daughter is 19 and the gp has just put her on sertraline for depression after her exams went badly. she "
     "has asthma and uses a brown inhaler. when should she be reviewed after starting the antidepressant?",
     "depression-adults"),
    ("my wife got stung by a bee in the garden and her tongue swelled up and she couldnt breathe properly. the "
     "ambulance crew gave her two adrenaline jabs and shes settled now in a and e. she takes levothyroxine for her "
     "thyroid. how long will they keep her in?", "anaphylaxis"),
])
def test_a_note_or_story_is_answered_by_its_overview(library_workspace: Workspace, question: str, overview: str):
    assert status_and_first_source(library_workspace, question) == ("answered", f"library:{overview}")


def test_what_a_source_says_of_itself_never_leads(library_workspace: Workspace):
    article = answer_question("im 58, is the shingles vaccine one injection or two?",
                              retriever=library_workspace.retriever, settings=library_workspace.settings)
    lines = [statement.text for statement in article.bottom_line]
    assert not lines[0].startswith("This overview")  # the schedule it follows qualifies the advice; it comes second
    assert lines[1].startswith("This overview")


def test_how_long_kept_in_after_two_adrenaline_doses_is_led_by_the_observation_line(library_workspace: Workspace):
    question = ("my wife got stung by a bee in the garden and her tongue swelled up and she couldnt breathe properly. "
                "the ambulance crew gave her two adrenaline jabs and shes settled now in a and e. she takes "
                "levothyroxine for her thyroid. how long will they keep her in?")
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert article.bottom_line[0].text.startswith("Observe for at least 6 hours")


def test_a_coronary_event_dated_in_a_note_s_past_history_raises_no_notice():
    assert not question_flags(NOTE).raised  # "PMH: NSTEMI 2021 (PCI to LAD)" is history, not today's emergency
    now = question_flags("Suspected NSTEMI in a 64M with 2 hours of chest pain, troponin rising. Routine oxygen?")
    assert [flag.name for flag in now.raised] == ["acute coronary syndrome"]
