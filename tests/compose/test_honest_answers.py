"""Honest answers on a fresh install (the packaged library, embedded for real): a question on a library topic but
about a drug or condition its overview does not address gets a partial answer that says so; an ingested guideline
that addresses the question wins over an overview that does not."""

import shutil
from pathlib import Path

import pytest

from medora.answer import answer_question
from medora.settings import Settings
from medora.types import Article
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source
from tests.conftest import DATA

ERYTHEMA_MIGRANS = "How should erythema migrans be treated?"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = Workspace(Settings(home=tmp_path_factory.mktemp("honest") / "home"))
    workspace.prepare()  # embeds the 61 overviews once for the module (about 10-40 s)
    return workspace


def _ask(workspace: Workspace, question: str) -> Article:
    return answer_question(question, retriever=workspace.retriever, settings=workspace.settings)


def _texts(article: Article) -> list[str]:
    return [s.text for s in article.bottom_line + [s for section in article.sections for s in section.statements]]


def test_tirzepatide_in_hfpef_is_a_partial_answer_that_names_tirzepatide(workspace: Workspace):
    article = _ask(workspace, "What is the role of tirzepatide in heart failure with preserved ejection fraction?")
    assert (article.answer_status, article.uncovered_terms, article.insufficient_evidence) == (
        "partial", ["tirzepatide"], False,
    )
    assert article.coverage_notice.startswith(
        "No source here addresses tirzepatide together with preserved ejection fraction."
    )
    assert article.title != "Chronic heart failure — diagnosis and management of HFrEF" and article.sections == []
    assert not any("reduced ejection fraction" in text for text in _texts(article))
    assert any("SGLT2 inhibitors" in text for text in _texts(article))  # the preserved-EF section, cited
    assert all(s.verified and s.citations for s in article.bottom_line)
    assert [r.source_key for r in article.references] == ["library:heart-failure"]


def test_a_yes_no_question_on_newborn_pain_gets_no_verdict_from_otitis_media_advice(workspace: Workspace):
    article = _ask(workspace, "Is oral sucrose effective for reducing procedural pain in newborns?")
    assert (article.answer_status, article.verdict, article.references) == ("insufficient", None, [])


def test_a_question_on_one_diabetes_drug_gets_no_verdict_and_no_ketoacidosis_banner(workspace: Workspace):
    article = _ask(workspace, "Does sitagliptin reduce cardiovascular mortality in type 2 diabetes?")
    assert (article.answer_status, article.uncovered_terms) == ("partial", ["sitagliptin"])
    assert (article.verdict, article.urgent_notice) == (None, None)


def test_erythema_migrans_is_not_answered_by_the_cellulitis_overview(workspace: Workspace):
    # the overview's "spreading, warm, tender erythema" is half the condition's name: the question is outside it
    article = _ask(workspace, ERYTHEMA_MIGRANS)
    assert (article.answer_status, article.references, article.coverage_notice) == ("insufficient", [], None)
    assert article.title == "How should erythema migrans be treated"


def test_half_a_condition_name_shared_with_an_overview_leaves_the_question_outside_the_library(workspace: Workspace):
    article = _ask(workspace, "What is the best treatment for plantar fasciitis?")
    assert (article.answer_status, article.references, article.bottom_line) == ("insufficient", [], [])
    assert not any("necrotising" in text for text in _texts(article))
    assert article.related_articles[0].source_key == "library:cellulitis"  # the closest articles, offered
    assert article.sections[0].heading == "Insufficient evidence in the library"


def test_a_drug_and_a_condition_an_overview_names_apart_are_a_partial_answer(workspace: Workspace):
    # the obesity overview names semaglutide (for obesity) and osteoarthritis (a complication), never the one for the
    # other
    article = _ask(workspace, "Is semaglutide effective for knee osteoarthritis pain in people with obesity?")
    assert (article.answer_status, article.uncovered_terms, article.sections) == ("partial", ["semaglutide"], [])
    assert article.coverage_notice.startswith(
        "No source here addresses semaglutide together with knee osteoarthritis pain."
    )


def test_a_question_in_lay_words_gets_the_overview_that_uses_the_medical_words(workspace: Workspace):
    article = _ask(workspace, "Throat swelling and hives after a bee sting, what dose of adrenaline?")
    assert (article.answer_status, article.references[0].source_key) == ("answered", "library:anaphylaxis")
    article = _ask(workspace, "Elderly inpatient suddenly confused and drowsy at night, how do I assess and treat?")
    assert (article.answer_status, article.references[0].source_key) == ("answered", "library:delirium")


def test_a_drug_named_by_its_class_in_the_overview_is_answered(workspace: Workspace):
    article = _ask(workspace, "How long should omeprazole be given for heartburn?")
    assert (article.answer_status, article.references[0].source_key) == ("answered", "library:gerd")


def test_a_near_miss_in_lay_words_stays_detected(workspace: Workspace):
    article = _ask(workspace, "Should omalizumab be given after a bee sting reaction?")
    assert (article.answer_status, article.references) == ("insufficient", [])


def test_a_question_in_everyday_words_is_not_answered_by_a_source_sharing_one_of_them(workspace: Workspace):
    # the cellulitis overview names "animal bites" once (asked before the Lyme guideline on tick bites is ingested:
    # a question without specific terms is still answered by any on-topic passage that is not an overview)
    article = _ask(workspace, "How should a dog bite wound be managed?")
    assert (article.answer_status, article.sections) == ("partial", [])
    assert [r.source_key for r in article.references] == ["library:cellulitis"]


def test_a_class_named_by_the_migraine_overview_does_not_answer_a_question_on_erenumab(workspace: Workspace):
    article = _ask(workspace, "Is erenumab effective for preventing chronic migraine?")
    assert (article.answer_status, article.uncovered_terms) == ("partial", ["erenumab"])


def test_an_overview_for_children_does_not_answer_a_question_on_an_adult(workspace: Workspace):
    article = _ask(workspace, "Does a 40-year-old with acute otitis media need amoxicillin?")
    assert (article.answer_status, article.sections) == ("partial", [])
    notice = "Acute otitis media in children is written for children; the question is about an adult. What the closest"
    assert article.coverage_notice.startswith(notice)
    article = _ask(workspace, "I'm 35 and have a painful middle ear infection, do adults need amoxicillin for it?")
    assert article.coverage_notice.startswith(notice)
    article = _ask(workspace, "Does a 4-year-old with acute otitis media need amoxicillin?")
    assert (article.answer_status, article.references[0].source_key) == ("answered", "library:acute-otitis-media")


def test_an_adult_ear_question_in_plain_words_is_not_answered_by_overviews_naming_only_the_drug(workspace: Workspace):
    article = _ask(workspace, "Do adults need amoxicillin for an ear infection?")
    assert (article.answer_status, article.sections) == ("partial", [])
    assert [r.source_key for r in article.references] == ["library:acute-otitis-media"]


@pytest.mark.parametrize(
    ("question", "source_key"),
    [
        ("Does prednisolone help COPD exacerbations?", "library:copd"),
        (
            "Is thrombolysis with alteplase recommended for massive pulmonary embolism with hypotension?",
            "library:pulmonary-embolism",
        ),
        ("Is duloxetine effective for diabetic neuropathy pain?", "library:peripheral-neuropathy-workup"),
    ],
)
def test_a_drug_asked_for_a_condition_its_overview_treats_under_a_heading_or_in_part_is_answered(
    workspace: Workspace, question: str, source_key: str
):
    article = _ask(workspace, question)
    assert (article.answer_status, article.references[0].source_key) == ("answered", source_key)


def test_a_condition_the_overview_covers_is_not_reported_missing_beside_an_absent_drug(workspace: Workspace):
    article = _ask(workspace, "Is tezepelumab used for asthma exacerbations?")
    assert (article.answer_status, article.uncovered_terms) == ("partial", ["tezepelumab"])
    assert article.coverage_notice.startswith(
        "No source here addresses tezepelumab together with asthma exacerbations."
    )


def test_a_yes_no_question_answered_by_an_overview_says_why_no_verdict_is_given(workspace: Workspace):
    article = _ask(workspace, "Is metformin first-line for type 2 diabetes?")
    assert (article.answer_status, article.verdict) == ("answered", None)
    assert article.verdict_notice.startswith("Medora states one only from studies that report their own conclusions")


def test_a_partial_answer_with_no_single_missing_term_says_the_question_as_asked_is_not_addressed(workspace: Workspace):
    article = _ask(workspace, "Is metformin safe in heart failure?")
    assert (article.answer_status, article.uncovered_terms) == ("partial", [])
    assert article.coverage_notice.startswith("No source here addresses the question as asked. What the closest")


def test_a_drug_asked_in_pregnancy_needs_a_statement_naming_both(workspace: Workspace):
    # the diabetes overview names metformin, and pregnancy (planning it), never metformin in pregnancy
    article = _ask(workspace, "Is metformin safe in pregnancy?")
    assert (article.answer_status, article.uncovered_terms) == ("partial", ["metformin"])
    assert article.coverage_notice.startswith("No source here addresses metformin together with pregnancy.")


def test_pregnancy_named_only_among_other_things_is_no_answer_on_pregnancy(workspace: Workspace):
    # the DVT overview names pregnancy once, among D-dimer's false positives (session 26)
    article = _ask(workspace, "How should a pregnant woman with a DVT be anticoagulated?")
    assert (article.answer_status, article.uncovered_terms) == ("partial", ["pregnant"])
    assert article.coverage_notice.startswith("No source here addresses pregnancy together with DVT and anticoagulated.")
    assert article.certainty.reason == "No source here addresses pregnancy; the answer is partial."


def test_a_question_far_outside_the_library_is_not_answered_from_a_passage_sharing_only_its_population(
    workspace: Workspace,
):
    article = _ask(workspace, "How is Kawasaki disease treated in infants?")
    assert (article.answer_status, article.references) == ("insufficient", [])


def test_an_overview_mentioning_the_question_once_is_not_laid_out_as_its_answer(workspace: Workspace):
    article = _ask(workspace, "How is early Parkinson disease treated?")
    assert article.answer_status == "partial" and article.sections == []
    assert article.coverage_notice.startswith("No source here addresses the question as asked. What the closest source,")



def test_stroke_signs_in_a_relatives_words_get_the_stroke_overview(workspace: Workspace):
    article = _ask(workspace, "my dad's face went lopsided and he can't lift his left arm, what do we do")
    assert article.answer_status == "answered"
    assert article.references[0].source_key == "library:stroke-and-tia"


@pytest.mark.parametrize(
    "question",
    [
        "my dad has had a stroke and his face has dropped, should i give him an aspirin before the ambulance comes",
        "my dad's face has dropped on the left and his arm is weak. should i give him an aspirin before the ambulance "
        "comes",
    ],
)
def test_aspirin_before_a_suspected_stroke_is_scanned_is_answered_by_the_wait_not_by_the_tia_dose(
    workspace: Workspace, question: str
):
    # session 29: the overview wrote the TIA line ("Give aspirin 300 mg immediately") without its condition, and it
    # led the answer to a relative asking about a stroke before imaging; the line now opens "For suspected TIA"
    article = _ask(workspace, question)
    assert article.answer_status == "answered"
    assert article.bottom_line[0].text.startswith("In suspected stroke, aspirin waits until brain imaging has excluded")
    assert not any("immediately" in sentence.text for sentence in article.bottom_line)


@pytest.mark.parametrize(
    "question",
    [
        # the alcohol overview's title states no age, but it only ever speaks of adults
        "our son is 16 and we've found out he's drinking heavily most weekends, he's come home passed out twice. what "
        "should we do, is there any treatment",
        # a feeling is no overview's subject: the ectopic pregnancy overview names pain in many passages
        "my daughter is 15 and keeps getting bad period pains, what can she take",
        # a treatment question, not one on outlook: the PFO the scan found must be named
        "I'm 38 and had a TIA last week, the heart scan found a hole in my heart (PFO). What treatment should I have "
        "to stop a stroke?",
    ],
)
def test_a_question_no_overview_speaks_to_is_not_answered(workspace: Workspace, question: str):
    assert _ask(workspace, question).answer_status != "answered"  # session 29


def test_a_drug_its_class_names_is_on_topic_and_leads_with_the_line_on_the_class(workspace: Workspace):
    # session 29: the heart-failure overview writes "non-steroidal anti-inflammatory drugs", never naproxen; the class
    # now counts in the topic words, and the line naming it leads
    question = "dad has heart failure and takes naproxen for his knees, somebody told him thats bad for his heart, is it?"
    article = _ask(workspace, question)
    assert article.answer_status == "answered"
    assert article.references[0].source_key == "library:heart-failure"
    assert article.bottom_line[0].text.startswith("Non-steroidal anti-inflammatory drugs")


def test_an_everyday_account_of_what_was_found_and_proposed_reaches_the_line_that_answers(workspace: Workspace):
    # session 29: "found", "want" and "tonight" weighed as topic words kept the PE overview off topic
    article = _ask(workspace, "they found a small clot on my lung and want to send me home on tablets tonight. is that "
                              "safe?")
    assert article.answer_status == "answered"
    assert article.bottom_line[0].text.startswith("Low risk: PESI class I or II")


def test_a_vignette_in_signs_its_overview_never_writes_is_answered_by_it(workspace: Workspace):
    question = "34F, 3 days of dysuria and frequency, no fever or loin pain. Which antibiotic and how long?"
    article = _ask(workspace, question)
    assert (article.answer_status, article.title) == ("answered", "Urinary tract infection in adults")
    # led by the cystitis line, not by a pyelonephritis regimen's "long-acting agent" sharing the "long" of "how long"
    assert article.bottom_line[0].text.startswith("For uncomplicated cystitis in non-pregnant women")


@pytest.mark.parametrize(
    "question",
    [
        "26F on cyclophosphamide, dysuria, frequency and visible haematuria, urine culture negative. Which antibiotic?",
        "45F, 6 weeks postpartum, orthopnoea, PND, ankle oedema and raised JVP. Which drugs?",
        "30M, spreading erythema, swelling and warmth of the hand after a cat bite 12 hours ago. Which antibiotic?",
    ],
)
def test_signs_of_the_overviews_condition_do_not_answer_a_case_it_does_not_cover(workspace: Workspace, question: str):
    # a drug's harm, a postpartum heart failure, a bite: each was answered by a first draft (a reviewer's questions)
    assert _ask(workspace, question).answer_status != "answered"


def test_a_partial_answer_names_only_what_the_closest_overview_lacks_not_its_own_signs(workspace: Workspace):
    article = _ask(workspace, "45F, 6 weeks postpartum, orthopnoea, PND, ankle oedema and raised JVP. Which drugs?")
    assert (article.answer_status, article.uncovered_terms) == ("partial", ["postpartum"])


@pytest.mark.parametrize(
    ("question", "overview"),
    [  # the L5 overview's title names foot drop; the signs that tell the two lesions apart decide between them
        ("38-year-old who lost 25 kg woke with a painless foot drop; eversion weak, inversion and reflexes normal, no "
         "back pain. Where is the lesion and how is it managed?", "common-peroneal-neuropathy"),
        ("45M, 10 days of L sciatica, now foot drop; dorsiflexion 4/5, weak inversion and hip abduction, no "
         "bladder or bowel symptoms. Operate or conservative?", "lumbar-radiculopathy-foot-drop"),
    ],
)
def test_the_signs_of_one_of_two_overviews_answering_alike_choose_it(workspace: Workspace, question: str,
                                                                     overview: str):
    article = _ask(workspace, question)
    assert (article.answer_status, article.references[0].source_key) == ("answered", f"library:{overview}")


def test_the_renal_tract_is_the_kidney_overviews_and_its_imaging_line_leads(workspace: Workspace):
    article = _ask(workspace, "74-year-old man admitted with confusion, creatinine up from 95 to 240 µmol/L over 4 "
                              "days, no clear precipitant, some difficulty passing urine. When should his renal tract "
                              "be scanned?")
    assert article.references[0].source_key == "library:acute-kidney-injury"
    assert "image the renal tract when there is no clear cause" in article.bottom_line[0].text


def test_a_sign_in_the_clause_that_asks_still_needs_the_overview_to_name_it(workspace: Workspace):
    # (dysuria until session 49, when the overview came to list the symptoms of cystitis)
    article = _ask(workspace, "UTI in a woman: what causes dyspareunia and which antibiotic?")
    assert article.answer_status == "partial" and "dyspareunia" in article.uncovered_terms
    assert _ask(workspace, "UTI in a woman: what causes dysuria and which antibiotic?").answer_status == "answered"


@pytest.fixture
def ingested(workspace: Workspace, tmp_path: Path) -> Workspace:
    """A copy of the module's workspace to ingest into, so the other tests see the packaged library whatever the
    order they run in."""
    home = tmp_path / "home"
    shutil.copytree(workspace.settings.home, home)
    return Workspace(Settings(home=home))


def test_an_ingested_guideline_on_erythema_migrans_is_cited_first(ingested: Workspace):
    report = ingested.ingest([DATA / "lyme_guideline.md"])
    assert report.ok and report.sources_added == 1
    article = _ask(ingested, ERYTHEMA_MIGRANS)
    assert article.answer_status == "answered"
    assert article.references[0].title == "Lyme disease guideline (test document)"
    assert "library:cellulitis" not in {r.source_key for r in article.references}
    assert any("doxycycline" in text for text in _texts(article))


def test_an_ingested_adult_guideline_answers_what_the_childrens_overview_cannot(ingested: Workspace, tmp_path: Path):
    guideline = tmp_path / "adult_otitis.md"
    guideline.write_text(
        "---\ntitle: Ear infections in adults (test document)\nkind: guideline\nissuer: Example Health Service\n"
        "year: 2024\n---\n\n# Ear infections in adults (test document)\n\n## Antibiotics\n\n"
        "Most adults with an ear infection (acute otitis media) get better without antibiotics.\n"
        "When an antibiotic is needed for an ear infection in adults, amoxicillin is the first choice.\n",
        encoding="utf-8",
    )
    assert ingested.ingest([guideline]).ok
    article = _ask(ingested, "Do adults need amoxicillin for an ear infection?")
    assert article.answer_status == "answered"
    assert article.references[0].title == "Ear infections in adults (test document)"
    assert "library:acute-otitis-media" not in {r.source_key for r in article.references}


def test_the_seed_question_still_gets_its_overview(workspace: Workspace):
    article = _ask(workspace, "What is the best approach to managing L5 radiculopathy with foot drop?")
    assert article.answer_status == "answered" and article.coverage_notice is None
    assert article.references[0].source_key == "library:lumbar-radiculopathy-foot-drop"


def test_an_emergency_in_everyday_words_is_answered_from_its_overview_with_its_notice(workspace: Workspace):
    """Nothing names suicide in "everyone would be better off without her", and no passage shares its words: the
    words describe a suicide risk, so the notice is raised and the suicide-risk overview answers."""
    article = _ask(workspace, "My wife keeps saying everyone would be better off without her")
    assert article.urgent_notice.startswith("Current suicidal thoughts need same-day safety assessment")
    assert (article.answer_status, article.references[0].source_key) == ("answered", "library:suicide-risk-assessment")


def test_a_plan_and_means_told_in_a_vignette_are_answered_from_the_suicide_risk_overview(workspace: Workspace):
    """Session 53: "thinking of hanging himself" raised no notice, and "has bought rope" was read as what is asked
    (the overview never names rope): the article had no answer, the torsion overview first among its further
    reading."""
    article = _ask(workspace, "38-year-old man in clinic says he has been thinking of hanging himself, has bought "
                              "rope, and lives alone. What now?")
    assert article.urgent_notice.startswith("Current suicidal thoughts need same-day safety assessment")
    assert (article.answer_status, article.references[0].source_key) == ("answered", "library:suicide-risk-assessment")


def test_an_emergency_its_overview_does_not_answer_leads_the_further_reading_with_it(workspace: Workspace):
    """The suicide-risk overview does not say what to do after a paracetamol overdose: no answer, but the notice, and
    that overview first among the further reading rather than whatever shares the most words."""
    article = _ask(workspace, "I took a whole packet of paracetamol last night, what should I do?")
    assert article.answer_status != "answered"
    assert article.urgent_notice.startswith("Current suicidal thoughts need same-day safety assessment")
    assert article.related_articles[0].source_key == "library:suicide-risk-assessment"


def test_an_emergency_described_in_everyday_words_is_answered_from_its_own_overview_not_a_neighbours(
    workspace: Workspace,
):
    """The words alone found the prostate overview ("wee"); the question describes a cauda equina syndrome, so its
    own overview answers, under its notice."""
    article = _ask(workspace, "my husband can't feel when he needs to wee and his back hurts, is it serious?")
    assert article.urgent_notice.startswith("Possible cauda equina syndrome is a surgical emergency")
    assert (article.answer_status, article.references[0].source_key) == ("answered", "library:cauda-equina-syndrome")


def test_a_thunderclap_headache_is_led_by_the_overviews_emergency_line_not_its_migraine_advice(workspace: Workspace):
    """The headache overview answers, and its bottom line is about migraine; under the urgent notice the lead is its
    own line on a thunderclap onset."""
    article = _ask(workspace, "I suddenly got the worst headache of my life, like being hit on the back of the head")
    assert article.urgent_notice.startswith("A thunderclap headache needs emergency assessment")
    assert "thunderclap" in article.bottom_line[0].text and article.bottom_line[0].citations


def test_the_bottom_line_leads_with_the_timing_asked_when_its_section_names_the_situation(workspace: Workspace):
    # "prednisolone 30 mg daily for 5 days" sits under "Management › Exacerbations": the heading says what it is about
    article = answer_question(
        "How long should oral prednisolone be given for a COPD exacerbation?",
        retriever=workspace.retriever, settings=workspace.settings,
    )
    assert "for 5 days" in article.bottom_line[0].text


def test_a_question_on_one_part_of_an_overview_topic_is_led_by_what_the_overview_says_on_it(workspace: Workspace):
    article = _ask(workspace, "How can recurrent leg cellulitis be prevented?")
    assert "penicillin" in article.bottom_line[0].text and "recurrence" in article.bottom_line[0].text
    # a clinician's short question: the overview's sentence on the PERC rule leads, not its haemodynamic first step
    assert "PERC" in _ask(workspace, "PERC rule criteria for PE").bottom_line[0].text
    # a negative D-dimer with a Wells score of 1: the overview's line on ultrasound when DVT is likely never leads
    assert "ultrasound within 4 hours" not in _ask(
        workspace, "Wells DVT score 1 with neg D-dimer - still need a doppler?"
    ).bottom_line[0].text
    unlikely = "A 68-year-old with a swollen calf and a two-level Wells score of 1 (DVT unlikely): should I go "
    led = _ask(workspace, unlikely + "straight to proximal leg ultrasound?").bottom_line[0].text
    assert "When DVT is likely" not in led
    # a lay phrase names its unit only by a whole medical phrase: "adrenaline pens" by "adrenaline auto-injectors"
    pens = _ask(workspace, "Do I need to carry two adrenaline pens after my allergic reaction?").bottom_line[0].text
    assert "carry two adrenaline auto-injectors" in pens


def test_an_illness_coming_back_is_read_as_its_recurrence(workspace: Workspace):
    # "stop it coming back" is named by the overview's "recurrence" (session 15's code: insufficient evidence)
    article = _ask(
        workspace,
        "Mum keeps getting cellulitis in the same leg, thats the 3rd time this year. is there anything to stop it "
        "coming back?",
    )
    assert article.answer_status == "answered"
    assert any("recurrence" in text for text in _texts(article))


def test_a_side_effect_and_a_hurt_back_in_everyday_words_reach_their_overviews(workspace: Workspace):
    # session 29's code: all three insufficient; "achy legs" are the lipid overview's muscle symptoms, and lead
    statin = _ask(workspace, "I'm 55 and play bowls. My statin is giving me achy legs, should I just stop it?")
    assert statin.answer_status == "answered"
    assert statin.bottom_line[0].text.startswith("For muscle symptoms, stop the statin")
    iron = _ask(workspace, "the iron tablets the gp gave me make me constipated and feel sick. Is there a better "
                           "way to take them?")  # led by the side effect it tells, not the lead model's endoscopy line
    assert iron.bottom_line[0].text.startswith("If side effects limit adherence, the BSG suggests one tablet")
    back = _ask(workspace, "I hurt my lower back lifting a box at work. Do I need an x-ray or a scan?")
    assert (back.answer_status, [r.source_key for r in back.references][:1]) == (
        "answered", ["library:low-back-pain-red-flags"]
    )


def test_a_persons_own_medicine_after_im_on_is_the_case_and_a_class_still_names_the_topic(workspace: Workspace):
    # session 29's code: partial for the unnamed empagliflozin; "I'm on" now reads it as the patient's own drug
    dka = _ask(workspace, "I'm on empagliflozin for my diabetes and I'm throwing up and feel awful, but my sugar "
                          "readings are normal. Could it still be DKA?")
    assert (dka.answer_status, dka.references[0].source_key) == ("answered", "library:diabetic-ketoacidosis")
    # the patient's own class of drug still weighs in the topic: the lipid overview, not nothing
    lipid = _ask(workspace, "I'm on a statin since my heart attack but my bad cholesterol still isn't low enough, "
                            "what's next?")
    assert (lipid.answer_status, lipid.references[0].source_key) == ("answered", "library:lipid-management")


def test_an_account_opening_with_what_the_asker_did_lets_its_told_feelings_go_unnamed(workspace: Workspace):
    # session 29's code: partial, "knackered" unnamed (the account was not read as one: it opens "finished my")
    article = _ask(workspace, "finished my antibiotics for pnemonia 3 weeks ago but im still coughing and completely "
                              "knackered. how long till i feel normal again?")
    assert article.answer_status == "answered"
    assert "back to normal by 6 months" in article.bottom_line[0].text


def test_the_patients_own_drug_beside_one_asked_for_still_weighs_in_the_topic(workspace: Workspace):
    # with "I'm on" read as the patient's own drug, warfarin left the topic words and the urinary tract infection
    # overview's paracetamol-or-ibuprofen line was the closest source; the interaction is what is asked
    article = _ask(workspace, "I'm on warfarin, can I take ibuprofen for my back?")
    assert article.references[0].source_key == "library:atrial-fibrillation-anticoagulation"
    assert "non-steroidal anti-inflammatory drugs" in article.bottom_line[0].text


def test_when_to_stop_a_treatment_is_no_answer_from_an_overview_that_never_speaks_of_stopping(workspace: Workspace):
    # session 46: the contraception overview never says when contraception can stop; its answer was laid out
    late = _ask(workspace, "i'm 51 and my periods are all over the place now, sometimes months apart. when can i "
                           "stop using contraception?")
    assert (late.answer_status, list(late.uncovered_terms)) == ("partial", ["stopping"])
    # the osteoporosis overview speaks of stopping a bisphosphonate; what a treatment would stop is no stopping
    bones = "ive been on alendronate for 5 years, can i stop taking it?"
    assert status_and_first_source(workspace, bones) == ("answered", "library:osteoporosis")
    gout = _ask(workspace, "my gout attacks keep coming, does colchicine stop the attacks?")
    assert "stopping" not in gout.uncovered_terms


def test_a_vignette_of_delirium_after_a_hip_fracture_is_answered_by_its_signs(workspace: Workspace):
    # session 46: insufficient; no passage names the cannula or the lucid mornings, which are the delirium overview's
    # signs (library/clinical_presentations.yaml)
    vignette = ("86M, day 2 after hip fracture repair, confused and agitated at night but lucid mornings, pulling at "
                "his cannula. How should this be managed?")
    assert status_and_first_source(workspace, vignette) == ("answered", "library:delirium")
    # only the delirium overview's passage on hip fracture answered the words of this one, and meaning did not
    # confirm it; the case writes the overview's sign ("confused"), which does
    family = _ask(workspace, "nan went into hospital with a hip fracture and now shes suddenly confused and seeing "
                             "things that arent there. what can we as family do to help her")
    assert (family.answer_status, family.references[0].source_key) == ("answered", "library:delirium")
    assert "Diagnostic approach" in [section.heading for section in family.sections]  # the overview, not a passage



def test_a_single_raised_hba1c_without_symptoms_is_answered_by_the_diabetes_overview(workspace: Workspace):
    # the overview says a single raised HbA1c in an asymptomatic person needs a second result (session 50)
    question = "HbA1c came back at 50 mmol/mol on a routine check, asymptomatic. Does one result mean diabetes?"
    assert status_and_first_source(workspace, question) == ("answered", "library:type-2-diabetes")


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        # the case's blood pressure drug is its history (session 50)…
        ("62M with gout, BP controlled on amlodipine, two flares this year. How should allopurinol be started?",
         ("answered", "library:gout")),
        # …its enzyme-inducing antiepileptic is what the choice of anticoagulant turns on
        ("70M with AF who takes carbamazepine for epilepsy. Which anticoagulant should be started?", ("partial", None)),
    ],
)
def test_a_case_drug_must_be_named_only_when_the_choice_turns_on_it(
    workspace: Workspace, question: str, expected: tuple[str, str | None]
):
    status, source = status_and_first_source(workspace, question)
    assert (status, source if status == "answered" else None) == expected


def test_a_condition_the_people_asked_about_are_without_does_not_choose_its_overview(workspace: Workspace):
    """Session 51: one of the heart-failure overview's own questions was answered by the type 2 diabetes overview."""
    question = "Should SGLT2 inhibitors be used in heart failure without diabetes?"
    assert status_and_first_source(workspace, question) == ("answered", "library:heart-failure")


def test_the_certainty_line_names_a_phrase_left_unaddressed_once(workspace: Workspace):
    # session 60: the fresh-install check read "No source here addresses eluting stent, eluting stent"
    question = "How long should dual antiplatelet therapy continue after a drug-eluting stent for NSTEMI?"
    article = _ask(workspace, question)
    assert article.answer_status == "partial"
    named = article.certainty.reason.removeprefix("No source here addresses ").removesuffix("; the answer is partial.")
    parts = named.split(", ")
    assert parts and len(parts) == len(set(parts)), article.certainty.reason
