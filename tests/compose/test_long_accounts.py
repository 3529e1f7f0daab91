"""Long accounts (session 64): the question buried in a story, a handover or a long exam stem. A note's heading
does not hide its patient (age_groups.NOTE_HEADING); an account typed without a question mark asks in its last
sentence (described.split_asking); the story is weighed by what it asks (select.asking_focused); its household is
no population of the patient's, its findings no source writes are background, and "on the patio" is a place
(terms.population_term, case_findings); a drug-choice condition beside a drug offered is never left unnamed.
Session 65: a long story's plans are background when what it asks has a subject of its own (answer._unproposed);
"since i was a teenager" is when, not who; the asking part's last clause keeps what it goes on from
(layout.asked_beyond_title); a duration in words is a timing (ask.says_ask)."""

import pytest

from medora.answer import answer_question
from medora.compose.age_groups import stated_age
from medora.compose.ask import Ask, says_ask
from medora.compose.case_findings import (
    history_stems,
    is_vignette,
    with_case_findings,
    with_unheld_findings_as_background,
)
from medora.compose.described import asks_of_an_occasion, proposed_words, split_asking
from medora.compose.drugs import find_drugs
from medora.compose.findings import is_finding_word
from medora.compose.lay import LayEquivalent
from medora.compose.layout import asked_beyond_title
from medora.compose.select import QuestionWeights, asking_focused, without_unheld_story_words
from medora.compose.terms import SpecificTerm, answers_terms, specific_terms
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source

GOUT_STORY = (
    "my brother is 58 and runs a fish and chip shop, he lives with his wife, three grown up kids and a greyhound "
    "called pip. after a wedding in cornwall his big toe went red and swollen overnight and he couldnt bear the "
    "sheet on it. the gp thought gout and gave him naproxen which worked in a couple of days. the urate blood test "
    "from the same morning was normal so now the gp is not sure. his barber says gout always shows on the blood "
    "test, and my sister in law is a vet and says the same of dogs. if the urate was normal during the flare does "
    "that rule out gout and when should it be repeated"
)


@pytest.mark.parametrize("note", [
    "ED handover: 67M, 2/7 productive cough",
    "Care of the elderly ward note: 82F, fall at home",
    "Night handover 02:00: 45F, DKA day 2",
])
def test_a_note_s_heading_does_not_hide_its_patient(note: str):
    assert is_vignette(note)
    assert stated_age(note) == int(note.split(": ")[-1][:2])
    assert not is_vignette("my mum is 80: she fell")  # an account's colon is no heading


def test_an_account_without_a_question_mark_asks_in_its_last_sentence():
    describing, asking = split_asking(GOUT_STORY)
    assert asking.strip().startswith("if the urate was normal during the flare")
    assert "greyhound" in describing
    assert split_asking("my knee hurts")[1] == ""  # one sentence: nothing told before it


def test_a_long_story_is_weighed_by_what_it_asks():
    weights = QuestionWeights({"greyhound": 7.0, "chip": 7.0, "barber": 7.0, "wed": 6.0, "cornwal": 7.0,
                               "urat": 4.2, "gout": 4.2, "flare": 3.5, "repeat": 3.3})
    focused = asking_focused(GOUT_STORY, weights)
    asked = focused["urat"] + focused["gout"] + focused["flare"] + focused["repeat"]
    assert asked == pytest.approx(4.2 + 4.2 + 3.5 + 3.3)
    assert sum(focused.values()) == pytest.approx(2 * asked)  # the story weighs no more than what is asked
    short = "mum has been on alendronic acid for 5 years for thin bones. does she have to keep taking it forever?"
    assert asking_focused(short, weights) is weights  # a short story is the question's topic
    offered = f"{GOUT_STORY}? A) Repeat urate in 2 weeks B) Joint aspiration C) Start allopurinol D) X-ray the toe"
    assert asking_focused(offered, weights) is weights  # an exam's options are what it offers, not its topic


def test_a_long_story_s_words_no_passage_holds_weigh_nothing():
    weights = QuestionWeights({"greyhound": 7.0, "brilique": 7.0, "urat": 4.2, "gout": 4.2},
                              [LayEquivalent(lay="brilique", stems=("brilique",), medical=("ticagrelor",))])
    kept = without_unheld_story_words(GOUT_STORY, weights, frozenset({"greyhound", "brilique"}))
    assert set(kept) == {"brilique", "urat", "gout"}  # a brand no passage holds is weighed by its generic name
    short = "my greyhound bit me, do i need antibiotics?"
    assert without_unheld_story_words(short, weights, frozenset({"greyhound"})) is weights


def test_the_household_is_no_population_of_the_patient():
    labels = {term.label for term in specific_terms(GOUT_STORY) if term.kind == "population"}
    assert "kids" not in labels
    told = "i live with my husband and two kids and work in a call centre. which dose of amitriptyline for ibs?"
    assert not [term for term in specific_terms(told) if term.kind == "population"]
    assert [term for term in specific_terms("my two kids have chickenpox, can they go to school?")
            if term.kind == "population"]


def test_a_finding_no_source_writes_is_the_case_s_background():
    terms = [SpecificTerm(label="greyhound", kind="word", forms=("greyhound",), finding=True, told=True),
             SpecificTerm(label="urate", kind="term", forms=("urate",), asked=True),
             SpecificTerm(label="uric", kind="term", forms=("uric", "urate"), finding=True, told=True)]
    marked = with_unheld_findings_as_background(terms, frozenset({"greyhound", "uric"}))
    assert [term.context for term in marked] == [True, False, False]  # "uric" is written "urate" elsewhere
    # …so a source naming what is asked is not held to it, nor to a finding already the case's background
    background = [SpecificTerm(label="caravan", kind="word", forms=("caravan",), finding=True, context=True),
                  SpecificTerm(label="testis", kind="term", forms=("testis",), finding=True)]
    assert answers_terms({"testis"}, background)
    assert not answers_terms({"testis"}, [*background, SpecificTerm(label="vomited", kind="word",
                                                                   forms=("vomited",), finding=True),
                                          SpecificTerm(label="groin", kind="word", forms=("groin",), finding=True)])


def test_on_the_patio_is_a_place_not_a_treatment():
    assert "patio" not in history_stems("she was on the patio for about an hour until the postman came")
    assert "pill" in history_stems("she is on the pill and smokes")


def test_a_drug_choice_condition_beside_a_drug_offered_is_never_left_unnamed():
    stem = ("A 30-year-old woman at 31 weeks has a blood pressure of 154/104 mmHg. She has asthma treated with a "
            "budesonide-formoterol inhaler. Which antihypertensive? A) Labetalol B) Nifedipine C) Ramipril")
    asthma = next(term for term in with_case_findings(stem, specific_terms(stem)) if term.label == "asthma")
    assert asthma.required and not asthma.context
    told = "A 30-year-old woman has asthma treated with a budesonide inhaler. How long should her UTI be treated?"
    asthma = next(term for term in with_case_findings(told, specific_terms(told)) if term.label == "asthma")
    assert asthma.context  # beside no drug it may rule out, her treated asthma is background


@pytest.mark.parametrize(("question", "overview"), [
    (GOUT_STORY, "gout"),
    ("Ortho discharge note: 74F day 3 after elective L TKR, c/o some wound ache. PMH: OA knees, hypertension, "
     "hypothyroidism, glaucoma. DH: amlodipine 5 mg, levothyroxine 100 mcg, latanoprost eye drops, paracetamol. SH: "
     "retired teacher, lives with husband, sings in a choir. O/E wound clean, calves soft, walking with a frame. Hb "
     "121, plt 250. No previous VTE. The unit gives aspirin for VTE prophylaxis. Q: what dose of aspirin and for how "
     "many days after the knee replacement?", "venous-thromboembolism-prophylaxis"),
    ("Cardiology clinic letter: 69M, HFrEF (LVEF 32%), NYHA II, c/o breathless on hills only. PMH: inferior MI "
     "2018, T2DM, gout, OA hips. DH: ramipril 7.5 mg od, bisoprolol 5 mg od, dapagliflozin 10 mg od, atorvastatin "
     "80 mg, aspirin 75 mg, allopurinol 100 mg. SH: retired plumber, walks daily. K 4.4, eGFR 61. Plan: change "
     "ramipril to sacubitril-valsartan. Q: how long after the last ramipril dose can the first sacubitril-valsartan "
     "dose be taken?", "heart-failure"),
])
def test_a_long_account_reaches_the_overview_it_asks_about(library_workspace: Workspace, question: str,
                                                           overview: str):
    assert status_and_first_source(library_workspace, question) == ("answered", f"library:{overview}")


HYPOTHYROID_STORY = (
    "ive been on levothyroxine 100 for about 4 years since my thyroid packed in and my bloods are always fine. i "
    "live with my partner and our springer spaniel and im a hairdresser so on my feet all day. we've been trying for "
    "a baby for 8 months and i got a positive test this morning!! the midwife booking isnt for 3 weeks and my mum "
    "says dont touch anything till then. we're also meant to be going to spain for my sisters hen do next month "
    "which im now panicking about lol. should i be changing my levothyroxine dose now or wait for the midwife"
)
DENTAL_STORY = (
    "my dad is 79 and takes eliquis for his atrial fibrillation, he had a mini stroke two years ago so the heart "
    "doctor says he has to stay on it. he lives in sheltered housing with a warden and goes to the legion every "
    "thursday for dominoes. hes got a rotten back tooth thats been giving him jip for weeks and the dentist wants "
    "to pull it out next friday. the dentist receptionist said to check with his gp about the blood thinner but the "
    "gp is booked up for three weeks. does he need to stop his eliquis before the tooth comes out, and for how long?"
)


def test_a_long_story_s_plans_may_be_set_aside():
    assert {"spain", "hen"} <= set(proposed_words(HYPOTHYROID_STORY))
    assert not proposed_words(HYPOTHYROID_STORY, plans=False)
    assert not asks_of_an_occasion(HYPOTHYROID_STORY)
    assert asks_of_an_occasion(DENTAL_STORY)  # what it asks is before the extraction its dentist plans


@pytest.mark.parametrize(("question", "expected"), [
    (HYPOTHYROID_STORY, ("answered", "library:hypothyroidism")),  # asks of its levothyroxine, nothing of Spain
    (DENTAL_STORY, ("partial", "library:atrial-fibrillation-anticoagulation")),  # the AF overview names no dentist
])
def test_a_long_story_s_plans_count_only_when_what_it_asks_turns_on_them(library_workspace: Workspace,
                                                                         question: str, expected: tuple[str, str]):
    assert status_and_first_source(library_workspace, question) == expected


def test_since_i_was_a_teenager_is_when_not_who():
    told = "im 38 and have had migraines since i was a teenager. should i stop my painkillers all at once?"
    assert not [term for term in specific_terms(told) if term.kind == "population"]
    assert [term for term in specific_terms("my son is a teenager with migraines, which preventer?")
            if term.kind == "population"]


def test_the_asking_part_keeps_what_its_last_clause_goes_on_from():
    title = "Migraine and headache — red flags, acute treatment and prevention"
    asked = asked_beyond_title("should i stop the painkillers all at once or wean off slowly, and for how long", title)
    assert any(frozenset({"gradual"}) in unit for unit in asked)  # "wean off" is named by "gradually"
    asked = asked_beyond_title("Heartburn with weight loss and dysphagia: urgent endoscopy?", "GORD")
    assert {word for unit in asked for phrase in unit for word in phrase} == {"urgent", "endoscopi"}


def test_a_duration_in_words_is_a_timing():
    assert says_ask("Stop the overused medicines abruptly, for at least one month.", Ask("timing"))
    assert says_ask("Treat for 5 to 7 days.", Ask("timing"))
    assert not says_ask("Stop the overused medicines abruptly rather than gradually.", Ask("timing"))


def _lead_of_answer(workspace: Workspace, question: str, overview: str) -> str:
    """The first bottom-line sentence of the question's answer, once it is answered from ``overview``."""
    article = answer_question(question, retriever=workspace.retriever, settings=workspace.settings)
    assert (article.answer_status, article.references[0].source_key) == ("answered", f"library:{overview}")
    return article.bottom_line[0].text


def test_a_long_story_s_bottom_line_leads_with_what_it_asks(library_workspace: Workspace):
    story = (
        "im 38 and have had migraines since i was a teenager but for the last 6 months ive had a headache 18 to 20 "
        "days a month. i live with my wife and our 2 boys and work as a site manager so im on the phone all day. i "
        "take sumatriptan about 14 days a month and nurofen most of the other days because otherwise i cant "
        "function. the gp said it sounds like medication overuse headache and is starting me on something to "
        "prevent them. the chemist said cut down slowly but a mate at work said go cold turkey. should i stop the "
        "painkillers all at once or wean off slowly, and for how long"
    )
    assert "abruptly rather than gradually" in _lead_of_answer(library_workspace, story, "migraine-and-headache")


def test_prep_on_demand_is_the_overview_s_event_based_dosing(library_workspace: Workspace):
    story = (
        "im 29 and a guy who sleeps with guys, i live with my boyfriend in a flat in leeds with two cats and work "
        "shifts at a hotel bar. we're not exclusive and hes on daily truvada already but i only hook up now and then, "
        "mostly on holidays, and we're off to gran canaria for pride in may. the sexual health clinic tested me for "
        "everything last month, all negative, kidneys fine, no hep b, and said i could do the on demand way instead "
        "of every day. my mate reckons you just take one before and thats it and the pharmacist at boots didnt know. "
        "i dont love going to clinics so i want to get it right first time. how exactly do you take prep on demand, "
        "like how many pills and when"
    )
    assert _lead_of_answer(library_workspace, story, "hiv-prep").startswith("Event-based dosing")


ASTHMA_HANDOVER = (
    "ED handover: 29M, acute asthma, arrived 1 h ago. PMH: asthma since childhood, eczema, hay fever, previous ankle "
    "ORIF. DH: Symbicort 200/6 MART, cetirizine, emollients. SH: chef, lives with partner, occasional vaping, cat at "
    "home. O/E unable to complete sentences, RR 28, HR 118, SpO2 95% on air, PEF 42% of best, wheeze throughout, not "
    "silent. Given back-to-back O2-driven salbutamol nebs, ipratropium and prednisolone 40 mg; PEF still 45% after an "
    "hour, no ICU features. Plan IV magnesium sulphate: what dose and over how long?"
)


def _marked(question: str, label: str) -> SpecificTerm:
    """The question's term ``label`` as its case marks it (compose/case_findings.py)."""
    return next(term for term in with_case_findings(question, specific_terms(question)) if term.label == label)


def test_a_note_s_kind_in_its_heading_is_no_term():
    assert "handover" not in {term.label.lower() for term in specific_terms(ASTHMA_HANDOVER)}
    assert "handover" in {term.label for term in specific_terms("How should a clinical handover be structured?")}


def test_a_mended_operation_of_the_past_history_is_background():
    assert _marked(ASTHMA_HANDOVER, "ORIF").context
    asked = "PMH: previous ankle ORIF. DH: nil. Is the ORIF a reason to delay the vaccine?"
    assert not _marked(asked, "ORIF").context  # asked about, it is the question's


def test_a_case_s_lead_states_what_its_asking_sentence_asks(library_workspace: Workspace):
    lead = _lead_of_answer(library_workspace, ASTHMA_HANDOVER, "asthma-adults")
    assert "magnesium sulphate 1.2–2 g" in lead  # not the prednisolone the case was given


GERD_STEM = (
    "A 61-year-old taxi driver presents with 3 months of worsening heartburn and a feeling that meat and bread stick "
    "behind his breastbone, and he has unintentionally lost 4 kg. He lives with his wife and their retired greyhound, "
    "eats late after night shifts, drinks 3 to 4 pints on a Friday and smokes 15 cigarettes a day. He has type 2 "
    "diabetes treated with metformin and has been buying omeprazole over the counter for 6 weeks with partial relief. "
    "Abdominal examination is unremarkable and his BMI is 31. Which of the following is most appropriate? A) Double "
    "the omeprazole and review in 8 weeks B) Add an alginate and give lifestyle advice only C) Refer for urgent "
    "direct-access upper GI endoscopy within 2 weeks D) Arrange wireless pH monitoring E) Refer for antireflux surgery"
)


def test_a_long_story_s_set_phrases_told_only_in_the_story_are_its_findings():
    assert _marked(GERD_STEM, "night shifts").finding
    shifts = _marked("I work night shifts and can't sleep during the day. What helps?", "night shifts")
    assert shifts.required and not shifts.finding  # a short account's shift work is what it turns on


def test_a_note_s_platelet_count_is_a_reading():
    assert is_finding_word("plt") and is_finding_word("plts")


def test_the_gp_seeing_him_again_is_his_review(library_workspace: Workspace):
    story = (
        "my son is 21 and came home from uni in march because hed just stopped going to lectures, sleeping all day, "
        "not seeing his mates, not even playing his xbox. we live on a farm and he used to love helping with the "
        "lambing but now he cant be bothered with anything. the gp did a questionnaire and said it was moderate to "
        "severe depression, and he started sertraline 50mg yesterday and is on the waiting list for talking therapy. "
        "his dad thinks its just laziness which isnt helping. he says he hasnt got any plans to hurt himself. when "
        "should the gp be seeing him again after starting the tablets?"
    )
    lead = _lead_of_answer(library_workspace, story, "depression-adults")
    assert lead.startswith("Review people within 2 weeks of starting an antidepressant")


BOOKING_STEM = (
    "A 41-year-old woman attends her booking appointment at 10 weeks in her first pregnancy, conceived naturally after "
    "two years of trying. She works as a secondary-school music teacher, lives with her husband and a rescue "
    "greyhound, and has just come back from a walking holiday in the Lake District. She has no history of "
    "hypertension, diabetes, kidney disease or autoimmune disease, and her only medicine is folic acid 400 "
    "micrograms. She does not smoke and has stopped drinking alcohol. Her BMI is 36, blood pressure 124/78 mmHg and "
    "urine dipstick shows no protein. Which of the following is most appropriate for pre-eclampsia prevention? A) No "
    "action, as she has no high-risk factor B) Aspirin 75 to 150 mg daily from 12 weeks until birth C) Aspirin from "
    "28 weeks only D) Labetalol from 20 weeks E) Magnesium sulfate from 36 weeks"
)


def test_at_10_weeks_is_no_drug_and_her_only_medicine_is_hers():
    assert not find_drugs("her booking appointment at 10 weeks".split())  # no "AT 10" (dihydrotachysterol)
    assert [match.name for match in find_drugs("she takes co amoxiclav".split())] == ["Co-amoxiclav"]
    drugs = {term.label: term for term in specific_terms(BOOKING_STEM) if term.kind == "drug"}
    assert "at 10" not in drugs and drugs["folic acid"].context


def test_an_exam_s_options_state_no_situation_of_its_case(library_workspace: Workspace):
    lead = _lead_of_answer(library_workspace, BOOKING_STEM, "hypertension-in-pregnancy")
    assert not lead.startswith("After birth")  # option B's "until birth" is no situation

