"""Occasions told and everyday phrases (session 70, from the thirty-sixth and thirty-seventh sets' misses): a blood
thinner for an irregular heartbeat is an anticoagulant; what to tell whoever operates turns on the patient's own
medicines; the thing lifted when the back went, and a body part only denied, are no complaint; myasthenia gravis
rules out a macrolide; a "freq" or "fn" of a note is no topic; everyday words for a second pen, getting better,
calming someone down, athlete's foot, a rusty nail, trip hazards, not wanting to be alive, a stash of tablets, a
halved dose, a bedsheet too painful to bear, an eye surgeon and coming off a medicine name what the overviews
write."""

import pytest

from medora.answer import answer_question
from medora.compose.case_findings import with_case_findings
from medora.compose.described import body_parts
from medora.compose.lay import lay_equivalents
from medora.compose.select import question_weights
from medora.compose.terms import SpecificTerm, specific_terms
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def _terms(question: str) -> dict[str, SpecificTerm]:
    return {term.label.lower(): term for term in with_case_findings(question, specific_terms(question))}


def _medical(question: str) -> set[str]:
    return {word for item in lay_equivalents(question) for word in item.medical}


def test_a_blood_thinner_for_an_irregular_heartbeat_is_an_anticoagulant():
    assert "anticoagulation" in _medical("grandad takes a blood thinner for his irregular heart beat, is it safe?")
    assert "anticoagulation" in _medical("she's on blood thinning tablets for an irregular pulse")
    assert "anticoagulation" not in _medical("he takes a blood thinner, is ibuprofen ok?")  # either kind


def test_what_to_tell_the_surgeon_turns_on_the_patient_s_own_medicines():
    question = ("my dad is 72 and takes finasteride and tamsulosin for his prostate. he has an eye operation in "
                "june. does he need to tell the surgeon anything?")
    assert not _terms(question)["tamsulosin"].context
    calm = "my dad is 72 and takes tamsulosin for his prostate. his stream is still weak, what else can he try?"
    assert _terms(calm)["tamsulosin"].context


def test_the_thing_lifted_when_the_back_went_is_no_finding():
    question = ("hurt my back on sunday lifting {}. it aches low down and paracetamol does nothing. what else can i "
                "take?")
    lifted = _terms(question.format("plasterboard"))["plasterboard"]
    assert lifted.context and not lifted.finding
    assert _terms(question.format("a wheelbarrow of manure"))["manure"].context
    told = _terms("hurt my back on sunday when some plasterboard fell on me. it aches low down. what can i take?")
    assert not told["plasterboard"].context  # not lifted: still the case's


def test_a_body_part_only_denied_is_no_complaint():
    assert "leg" not in body_parts("my lower back is sore, no pain down my leg, what can I take?")
    assert "leg" in body_parts("my lower back is sore and the pain goes down my leg, what can I take?")
    assert "leg" in body_parts("no idea why my leg aches at night, what can I take?")


def test_myasthenia_gravis_rules_out_a_macrolide():
    terms = _terms("71F COPD, 2 exacerbations/yr on triple therapy. Known myasthenia gravis. Azithromycin "
                   "prophylaxis?")
    assert terms["myasthenia"].required


def test_a_note_s_frequency_and_function_are_no_topic_words():
    weights = question_weights("PrEP: how often renal fn, and HIV test freq?", {"fn": 7.0, "freq": 7.0, "renal": 3.0})
    assert "fn" not in weights and "freq" not in weights and "renal" in weights


def test_every_other_day_is_no_every_day():
    assert "alternate days" in _medical("can she take her iron every other day?")
    assert "alternate days" not in _medical("she does the crossword every day")


def test_a_medicine_newly_started_is_asked_when_the_cause_is():
    question = ("A 60-year-old man stable on warfarin for years has an INR of 6.1 two weeks after starting "
                "fluconazole for oral thrush. What explains this?")
    assert _terms(question)["fluconazole"].required and not _terms(question)["fluconazole"].context
    told = ("A 60-year-old man stable on warfarin for years has an INR of 6.1 two weeks after starting "
            "fluconazole for oral thrush. How should the INR be brought down?")
    assert not _terms(told)["fluconazole"].required


@pytest.mark.parametrize(("question", "label"), [
    ("35F, premenopausal, T-score -2.6 at the spine. Start a bisphosphonate?", "premenopausal"),
    ("BMI 29 in a man of Chinese family origin: does he meet the threshold?", "chinese"),
])
def test_a_premenopausal_woman_and_asian_family_origin_are_populations(question: str, label: str):
    assert _terms(question)[label].kind == "population"


def test_what_is_denied_after_nothing_and_a_view_doubted_are_no_topic_words():
    weights = question_weights("he fell twice, nothing broken. my brother says stop his tablets, is that right?",
                               {"broken": 7.0, "right": 4.4, "brother": 7.0, "fell": 3.0})
    assert set(weights) == {"fell"}
    assert "right" in question_weights("pain in my right knee, is that arthritis?", {"right": 4.4, "knee": 4.0})
    assert "fed" not in question_weights("she is fed up with the injections", {"fed": 7.0, "inject": 3.2})


@pytest.mark.parametrize(("question", "words"), [
    ("the paramedics used one pen and then gave a second injection", {"repeat dose"}),
    ("they gave her something to calm her down", {"sedation", "agitation"}),
    ("the nurses want to give him something to calm him", {"sedation"}),
    ("she was pulling at her drip all night", {"agitation"}),
    ("cracked skin between the toes from athletes foot", {"tinea pedis", "toe-web fissuring"}),
    ("i stood on a rusty nail yesterday", {"puncture wound"}),
    ("there are loose rugs all over her flat", {"home hazards"}),
    ("he told me he doesnt want to be alive anymore", {"suicidal ideation"}),
    ("she has a stash of pills in her drawer", {"access to means"}),
    ("the gp said try halving the dose", {"dose reduction"}),
    ("her toe is so sore she cant bear the sheets on it", {"severe pain"}),
    ("what should the eye surgeon know", {"ophthalmologist"}),
    ("my aunt wants to come off them", {"discontinue"}),
    ("my waterworks are playing up", {"lower urinary tract symptoms"}),
    ("since his stream was weak", {"weak stream"}),
])
def test_an_everyday_phrase_routes_to_the_words_a_source_writes(question: str, words: set[str]):
    assert words <= _medical(question)


@pytest.mark.parametrize(("question", "overview"), [
    ("my mum is 79 and takes a blood thinner for her irregular heartbeat. she keeps tripping over, twice this "
     "month. should she stop it because of the falls?", "atrial-fibrillation-anticoagulation"),
    ("my grandad has parkinsons and after his knee operation he got very muddled and was pulling at his drip. the "
     "nurse said they might give him haloperidol to settle him, is that safe with his parkinsons?", "delirium"),
    ("my husband is 70 and takes tamsulosin for his waterworks. he is having his cataract done next month. is "
     "there anything he should tell the eye surgeon?", "benign-prostatic-hyperplasia"),
    ("my mums leg has gone red and hot again, third time this year, antibiotics clear it each time. she has "
     "athletes foot with cracked skin between her toes. can anything stop it coming back?", "cellulitis"),
])
def test_an_everyday_account_is_answered_by_its_overview(library_workspace: Workspace, question: str, overview: str):
    assert status_and_first_source(library_workspace, question) == ("answered", f"library:{overview}")


def test_a_macrolide_beside_myasthenia_is_not_answered_by_the_copd_overview(library_workspace: Workspace):
    question = ("70M COPD, GOLD E, 3 exacerbations/yr despite LABA/LAMA. Myasthenia gravis on pyridostigmine. "
                "Start azithromycin prophylaxis?")
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert article.answer_status != "answered"
