"""Session 73, from the thirty-ninth and fortieth sets' misses (tested with wordings of our own): an account's
figures of speech are no topic of it; a treatment given is no side effect; a recent birth states the pregnancy
overview's population; a suspected heart attack told calmly may be answered by the chest-pain overview, and a stroke
told in everyday words by its own overview rather than a neighbour's; when meaning cannot choose between overviews,
the account's descriptions or the question's technical terms may; a note's team, grade and shorthand ("ortho SHO
has charted", "incr") are no terms, and its "PWID" and "HIT" are."""

import pytest

from medora.compose.described import unnamed_asking_words
from medora.compose.idioms import without_figures_of_speech
from medora.compose.lay import side_effect_words
from medora.compose.population_overviews import for_another_population
from medora.compose.red_flags import assessing_overviews
from medora.compose.terms import TermText, specific_terms
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source

PREGNANCY_TITLE = "Hypertension in pregnancy, gestational hypertension and pre-eclampsia"


def test_figures_of_speech_are_read_out_and_symptoms_kept():
    read = without_figures_of_speech("She was sharp as a tack before. The GP said keep an eye on it. Pins and needles?")
    assert "tack" not in read and "eye" not in read
    assert "Pins and needles" in read
    assert without_figures_of_speech("Is the midwife just ticking a box?") == "Is the midwife ?"


def test_a_treatment_given_is_no_side_effect():
    assert side_effect_words("In A&E they gave me nebulisers and a course of steroid tablets") == frozenset()
    assert side_effect_words("the amitriptyline gave me a dry mouth")  # what a drug did is still its side effect


def test_a_recent_birth_states_the_pregnancy_overview_s_population():
    assert not for_another_population("had my baby 4 days ago, do I keep taking the labetalol?", PREGNANCY_TITLE)
    assert for_another_population("What blood pressure should I aim for with diabetes?", PREGNANCY_TITLE)


def test_the_chest_pain_overview_assesses_a_suspected_heart_attack_only():
    assert assessing_overviews(("acute-coronary-syndrome",)) == {"chest-pain-evaluation"}
    assert assessing_overviews(("stroke-and-tia",)) == frozenset()


def test_who_told_it_and_what_it_counts_as_are_no_words_the_overview_must_write():
    text = ["For people of South Asian family origin, a lower BMI threshold defines overweight and obesity."]
    question = "The leaflet at the chemist says 27 is overweight, but the practice nurse says for me it counts as obesity?"
    assert unnamed_asking_words(question, text) == []


def test_a_note_s_team_grade_and_shorthand_are_no_terms_and_its_abbreviations_are():
    terms = {term.label: term for term in specific_terms(
        "71M elective THR D2, no incr bleeding risk. VTE ppx duration? ortho SHO has charted dalteparin for 35 d."
    )}
    assert not {"ortho", "SHO", "incr"} & terms.keys()
    assert "dalteparin" in terms
    terms = {term.label: term for term in specific_terms("40F PWID, HCV RNA positive. Treat now?")}
    assert TermText("Offer treatment to people who inject drugs.").covers(terms["PWID"])
    terms = {term.label: term for term in specific_terms("Medical inpt, hx of HIT 2 yrs ago - enoxaparin ppx?")}
    assert TermText("Heparin-induced thrombocytopenia rules out further heparin.").covers(terms["HIT"])


def test_a_syrup_is_how_a_medicine_is_given():
    assert "syrup" not in {term.label for term in specific_terms("how many days of the antibiotic syrup for her ear?")}


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        ("Started citalopram 12 days ago because I've felt low and can't enjoy anything for weeks. Nothing has "
         "changed yet. How long should I give it before deciding it isn't working?",
         "library:depression-adults"),
        ("My dad (71) had a crushing pain in his chest last night that lasted about 15 minutes then eased off. He "
         "seems fine this morning and doesn't want a fuss. Should he be seen today or can he wait for the GP?",
         "library:chest-pain-evaluation"),
        ("My mum woke up this morning with her left arm weak and her words slurred, nobody knows when it began. At "
         "the hospital they said she might still get the clot-busting drug depending on the scan - how do they "
         "decide?",
         "library:stroke-and-tia"),
        ("had my baby 3 days ago, I was put on methyldopa at 30 weeks for my blood pressure - do I carry on with it "
         "now I'm home?",
         "library:hypertension-in-pregnancy"),
        ("Sent home from A&E this morning after I couldn't get my breath and my blue inhaler did nothing. They gave "
         "me nebulisers and steroid tablets for 5 days. When should I see my own GP?",
         "library:asthma-adults"),
        ("im 32 weeks pregnant, had the whooping cough jab in my last pregnancy 18 months ago. the midwife wants to "
         "give it again - is she just ticking a box?",
         "library:adult-vaccinations"),
    ],
)
def test_an_account_is_answered_from_its_overview(library_workspace: Workspace, question: str, overview: str):
    assert status_and_first_source(library_workspace, question) == ("answered", overview)


def test_a_case_s_own_work_still_counts_when_its_terms_choose_the_overview(library_workspace: Workspace):
    status, _source = status_and_first_source(
        library_workspace, "im a bus driver and the doctor wants to add gliclazide to my metformin. anything i need to know?"
    )
    assert status != "answered"  # the diabetes overview names both drugs, never driving
