"""Long notes and family stories (session 67, from the thirty-fourth set's misses): a story's everyday words the
library barely holds are its life, not its medicine; aspirin and a P2Y12 inhibitor taken together are dual
antiplatelet therapy; a brand and its generic name are one drug; an elder's story told by their child names the
teller's children, not the patient's group; a note's social history is its household; a British over-the-counter
brand the drug dictionary lacks is read by its generic name; and "continue it" in a note points at the drug told
last, not the whole drug history."""

import pytest

from medora.answer import answer_question
from medora.compose.age_groups import group_of_question
from medora.compose.case_findings import with_everyday_findings_as_background
from medora.compose.drugs import find_drugs
from medora.compose.lay import lay_equivalents
from medora.compose.terms import SpecificTerm, specific_terms
from medora.compose.variants import with_member_classes
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def _finding(label: str) -> SpecificTerm:
    return SpecificTerm(label=label, kind="word", forms=(label,), finding=True, told=True)


def test_a_story_s_everyday_words_the_library_barely_holds_are_its_background():
    idf = {"trust": 5.4, "nhs": 5.9, "cough": 3.2, "cull": 7.0}
    terms = with_everyday_findings_as_background(
        [_finding("trusts"), _finding("nhs"), _finding("cough"), _finding("culling")], idf
    )
    background = {term.label for term in terms if term.context}
    assert background == {"trusts", "nhs"}  # "cough" is held by many passages; "culling" is rare English


def test_aspirin_and_a_p2y12_inhibitor_together_are_dual_antiplatelet_therapy():
    found = {item.lay: item.medical for item in lay_equivalents("He is on aspirin and Plavix, for how long?")}
    assert "dual antiplatelet therapy" in found["aspirin and Plavix"]
    assert not any("dual antiplatelet therapy" in item.medical for item in lay_equivalents("Aspirin for a headache?"))
    salt = {item.lay for item in lay_equivalents("on Efient and aspirin since the stent")}  # prasugrel hydrochloride
    assert "aspirin and Efient" in salt


def test_a_brand_and_its_generic_name_are_one_member_of_the_class():
    terms = with_member_classes([
        term for term in specific_terms("Started on Plavix (clopidogrel) after his stent. How long for?")
        if term.kind == "drug"
    ])
    assert all("p2y12 inhibitor" in term.forms for term in terms)
    two = with_member_classes([
        term for term in specific_terms("Clopidogrel or prasugrel after a stent?") if term.kind == "drug"
    ])
    assert not any("p2y12 inhibitor" in term.forms for term in two)  # two members: the class cannot choose


def test_an_elder_s_story_names_the_teller_s_children_not_the_patient_s_group():
    question = ("my mum is 80 and had a fall last month, my kids visit her every weekend. should she stop her "
                "sleeping tablets?")
    assert not any(term.kind == "population" for term in specific_terms(question))
    assert any(term.kind == "population" for term in specific_terms("my kids have had a fever since monday, calpol?"))
    quoted = specific_terms("my mum thinks my baby has colic, should I try gripe water?")  # the elder only quoted
    assert any(term.kind == "population" for term in quoted)


def test_a_note_s_social_history_is_its_household():
    note = "Clinic note: 51F, migraine. PMH: asthma. DH: salbutamol. SH: teacher, divorced, three children. Q: propranolol?"
    assert group_of_question(note) == "adults"
    assert not any(term.kind == "population" for term in specific_terms(note))


@pytest.mark.parametrize(("brand", "generic"), [("nytol", "Diphenhydramine"), ("Movicol", "Macrogol")])
def test_a_british_brand_the_dictionary_lacks_is_read_by_its_generic_name(brand: str, generic: str):
    found = find_drugs(["the", brand, "sachets"])
    assert [item.name for item in found] == [generic]
    assert brand.lower() in found[0].synonyms


def test_continue_it_in_a_note_points_at_the_drug_told_last():
    note = ("Review: 55M, low mood, citalopram 20 mg for 8 months, now well. DH: citalopram, ramipril, metformin. "
            "He would like to stop the citalopram. Should he continue it?")
    asked = {term.label.lower() for term in specific_terms(note) if term.kind == "drug" and not term.context}
    assert asked == {"citalopram"}


@pytest.mark.parametrize(("question", "overview"), [
    ("my dad is 81 and hasnt slept properly since he retired from the council, my sister and i take turns checking "
     "on him after work. he has been taking nytol every night from the chemist for about a year because he says it "
     "is the only thing that works for him. he still drives to the shops and does the garden and goes to the pub "
     "quiz on thursdays with his old mates, and he had a little trip on the kerb outside the post office last month "
     "but he laughed it off. he will not see the gp about it. is it safe for a man his age to take nytol every "
     "night?", "insomnia"),
])
def test_a_long_family_story_is_answered_by_its_overview(library_workspace: Workspace, question: str, overview: str):
    status, source = status_and_first_source(library_workspace, question)
    assert (status, source) == ("answered", f"library:{overview}")
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert not any(statement.text.startswith("These drugs") for statement in article.bottom_line)  # none pointing
    # back at a sentence the reader does not see
