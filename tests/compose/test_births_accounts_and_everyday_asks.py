"""Births, accounts and everyday asks (session 69, from the thirty-sixth sets' misses): a birth told as recent makes
the patient postpartum and her baby no child patient; an account may tell its first person after its opening words;
a blood thinner beside a procedure asked about, and a heart attack in a note's shorthand beside a triptan, are what
the answer turns on; "% pred" is no prednisolone and an infusion's time is a timing asked; everyday words for
watchful waiting, "straight away", sleep hygiene, ruling out and tree nuts name what the overviews write; the
asker's own worry is no sign of anxiety."""

import pytest

from medora.answer import answer_question
from medora.compose.age_groups import CHILD, group_of_question
from medora.compose.case_findings import is_account, with_case_findings
from medora.compose.select import QuestionWeights, asking_focused
from medora.compose.terms import POPULATIONS, SpecificTerm, specific_terms, told_birth
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def _terms(question: str) -> dict[str, SpecificTerm]:
    return {term.label.lower(): term for term in with_case_findings(question, specific_terms(question))}


def test_a_recent_birth_makes_the_patient_postpartum():
    question = ("A 31-year-old woman who delivered 10 days ago has sudden central chest pain and ST elevation in V2 "
                "to V5. Is thrombolysis appropriate?")
    births = [term for term in specific_terms(question) if term.kind == "population"]
    assert [term.forms for term in births] == [POPULATIONS["postpartum"]]
    assert told_birth("I had a baby 2 weeks ago, when can I start the pill?") == "had a baby 2 weeks ago"
    assert told_birth("I gave birth 6 years ago and my periods have been heavy since") == ""  # long past


def test_the_baby_of_a_mother_s_account_is_no_child_patient():
    story = "had my baby 4 days ago and im on labetalol. now the baby is home should my tablets change?"
    assert group_of_question(story) != CHILD
    assert group_of_question("my baby is 4 days old and looks yellow, is that normal?") == CHILD


def test_a_first_person_told_after_the_opening_words_makes_an_account():
    assert is_account("tingling in my thumb and index finger at night, shaking my hand helps. will a splint fix it?")
    assert is_account("been awake half the night for months, the gp gave me a leaflet. what else can i try?")
    assert not is_account("In my experience, is a splint or an injection better for carpal tunnel syndrome?")
    assert not is_account("80F with AF and CKD G3b, should I start apixaban 2.5 mg?")  # "I" only where it asks


def test_a_blood_thinner_beside_a_procedure_asked_about_is_what_the_answer_turns_on():
    question = ("the pain clinic offered me a steroid injection into my back. i take apixaban for my heart rhythm. "
                "is it fine to go ahead with the injection?")
    assert not _terms(question)["apixaban"].context
    calm = "i take apixaban for my heart rhythm and my back aches after gardening. what exercises help?"
    assert _terms(calm)["apixaban"].context  # no procedure asked: the patient's own drug stays the case's


def test_a_heart_attack_in_a_note_s_shorthand_beside_a_triptan_is_required():
    terms = _terms("48M migraine, 4 attacks/mo, ibuprofen not enough. STEMI 2021, stent to RCA. Start rizatriptan?")
    assert terms["stemi"].required and not terms["stemi"].finding


def test_a_percentage_of_the_predicted_value_is_no_prednisolone():
    assert "pred" not in _terms("Acute asthma, PEF 38% pred, poor response to nebs. IV magnesium dose?")
    assert "pred" in _terms("COPD exacerbation, given nebs + pred, pH 7.30 - start NIV?")


STORY = ("my dad is 70 and had a heart attack back in may. they said no stent was needed and he would be treated with "
         "tablets instead. hes on aspirin and ticagrelor now plus amlodipine for his blood pressure, and he still walks "
         "the dog every day. ")


def _story_weights() -> QuestionWeights:
    return QuestionWeights({"dog": 7.0, "walk": 5.0, "stent": 5.0, "amlodipin": 7.0, "heart": 3.0, "attack": 3.0,
                            "instead": 4.3, "still": 4.2, "tablet": 4.8, "blood": 2.3, "pressur": 2.8, "everi": 2.7,
                            "aspirin": 3.6, "ticagrelor": 7.0, "stay": 4.0, "long": 2.8})


def test_a_medium_story_is_weighed_by_an_ask_naming_a_term_of_its_own():
    question = STORY + "how long does he stay on both the aspirin and the ticagrelor?"
    scaled = asking_focused(question, _story_weights(), specific_terms(question))
    assert scaled["ticagrelor"] == 7.0 and scaled["dog"] < 7.0  # the story's words weigh at most 2.5 times the ask's
    pointing = STORY + "how long does he stay on both of them?"  # the ask names nothing of its own: weighed whole
    assert asking_focused(pointing, _story_weights(), specific_terms(pointing))["dog"] == 7.0


def test_an_infusion_s_time_is_a_timing_asked():
    assert "infusion" not in _terms("Acute severe asthma, no response to nebs. IV magnesium: dose and infusion rate?")


@pytest.mark.parametrize(("question", "overview"), [
    ("my boy is 14 months, the gp says both ears are infected and he had 39 fever. they said wait and see but "
     "shouldnt he have antibiotics straight away at his age?", "acute-otitis-media"),
    ("pins and needles in my thumb and next two fingers most nights, it wakes me and i shake my hand to get rid of "
     "it. is the steroid injection a long term fix?", "carpal-tunnel-syndrome"),
    ("cant get to sleep for months now, i already cut out caffeine and screens like the leaflet said. are sleeping "
     "pills the next step or is there something better?", "insomnia"),
    ("An 80-year-old man's wife reports a year of forgetting conversations and getting lost. His brief cognitive test "
     "score is normal. Does that exclude dementia?", "dementia-workup"),
    ("had my baby 3 days ago and was on methyldopa for blood pressure in pregnancy. should it be changed now the "
     "baby is here?", "hypertension-in-pregnancy"),
    # the background a medium story's ask names ("without diabetes") weighs the story down no more than before
    ("my dad is 71, not diabetic, his sugars are always normal. he has kidney disease stage 3 with protein in his "
     "urine and takes ramipril. the kidney doctor wants to add dapagliflozin. why give a diabetes tablet to someone "
     "without diabetes?", "chronic-kidney-disease"),
])
def test_an_everyday_ask_is_answered_by_its_overview(library_workspace: Workspace, question: str, overview: str):
    assert status_and_first_source(library_workspace, question) == ("answered", f"library:{overview}")


@pytest.mark.parametrize("question", [
    "A 30-year-old woman who gave birth 2 weeks ago has crushing chest pain and ST elevation in V1 to V4; the PCI "
    "centre is 3 hours away. Should she be thrombolysed?",
    "55F migraine, naproxen not enough. NSTEMI 2022, DES to LAD. Add sumatriptan?",
    "sciatica down my leg for 2 months, the spinal team offered a steroid epidural injection. im on warfarin for a "
    "mechanical heart valve. can i just have the injection?",
    # the cheeks of mumps, which the scrotal overview never names, though the drug is asked for a condition it names
    "my son is 19 and at college, he never had his mmr jabs. last week his cheeks and jaw swelled up on both sides "
    "and now his right testicle is swollen and very sore and he has a fever. he says he is not sexually active. does "
    "he need the antibiotics they give for epididymitis?",
])
def test_what_the_overview_never_speaks_of_leaves_the_answer_unanswered(library_workspace: Workspace, question: str):
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert article.answer_status != "answered"


def test_the_asker_s_own_worry_is_no_sign_of_anxiety(library_workspace: Workspace):
    question = ("my son is 2 and the doctor says he has an ear infection in both ears. im worried, does he need "
                "antibiotics?")
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert "worr" not in " ".join(article.uncovered_terms)
