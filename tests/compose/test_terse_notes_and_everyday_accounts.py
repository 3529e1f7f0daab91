"""Terse notes and everyday accounts (session 66, from the twenty-sixth set's misses once it became a development
set): a ward's shorthand spelled out (O2, SpO2, MSM, NVAF), the kinds of a syndrome its title names, a note's spaced
dash opening its question, a case's drug asked again in other words, the frame words of a case and a doubt, a drug
class asked in everyday words beside a condition that may rule it out, a condition that rules the drug asked out
(angina beside a triptan, an enlarged spleen beside amoxicillin), what "is that ok or …?" points to, and a class
member's British name in two words ("alendronic acid", a bisphosphonate)."""

import pytest

from medora.compose.abbreviations import with_abbreviations_spelled_out
from medora.compose.case_findings import with_case_findings
from medora.compose.described import proposed_words
from medora.compose.select import QuestionWeights, _spelled_out, member_classes, names_topic_in_title
from medora.compose.terms import SpecificTerm, specific_terms
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def _terms(question: str) -> dict[str, SpecificTerm]:
    return {term.label: term for term in with_case_findings(question, specific_terms(question))}


@pytest.mark.parametrize(("note", "meaning"), [
    ("SpO2 96% on air – routine O2 or hold off?", "O2 (oxygen)"),
    ("SpO2 96% on air – routine O2 or hold off?", "SpO2 (oxygen saturation)"),
    ("PrEP request, MSM, CrCl 52 mL/min", "MSM (men who have sex with men)"),
    ("NVAF on apixaban, 83F, 57 kg", "NVAF (atrial fibrillation)"),
])
def test_a_ward_s_shorthand_is_read_spelled_out(note: str, meaning: str):
    assert meaning in with_abbreviations_spelled_out(note)


def test_an_own_abbreviation_with_one_capital_is_covered_by_its_meaning():
    found = {item.lay: item.medical for item in _spelled_out("Suspected NSTEMI – routine O2 or hold off?")}
    assert found["O2"] == ("oxygen",)
    assert "o2" not in {item.lay for item in _spelled_out("o2 is a mobile network")}  # only as written


def test_a_syndrome_s_title_names_its_kinds(library_workspace: Workspace):
    retrieved = library_workspace.retriever.search("NSTEMI oxygen", top_k=5)
    syndrome = next(item for item in retrieved if item.source.key == "library:acute-coronary-syndrome")
    assert names_topic_in_title(syndrome, QuestionWeights({"nstemi": 5.9, "oxygen": 4.0}))
    assert not names_topic_in_title(syndrome, QuestionWeights({"oxygen": 4.0}))


@pytest.mark.parametrize(("question", "overview"), [
    ("Suspected NSTEMI in 64M, SpO2 96% on air – routine O2 or hold off?", "acute-coronary-syndrome"),
    ("PrEP request, MSM, CrCl 52 mL/min – F/TDF ok or switch to something else?", "hiv-prep"),
    ("NVAF on apixaban, 83F, 57 kg, creat 105 µmol/L – 5 mg or 2.5 mg bd?", "atrial-fibrillation-anticoagulation"),
    ("CKD G3a A3, ramipril uptitrated 3 wks ago, creat 120 -> 150 µmol/L – stop the ACEi?", "chronic-kidney-disease"),
    ("84M hyperactive delirium post hip # fixation, pulling at lines, verbal de-escalation failed – haloperidol ok? "
     "for how long?", "delirium"),
    ("A 44-year-old man of Bangladeshi family background has a BMI of 29 kg/m2. How should his weight be classified "
     "under NICE?", "obesity-management"),
    ("mum has had the bone-strengthening injection every 6 months for 4 years. she's fed up with it and wants to "
     "just stop. is that ok?", "osteoporosis"),
    ("had a routine blood test and my sugar average came back at 6.8%. i feel totally fine, not thirsty or anything. "
     "does that mean i'm officially diabetic now?", "type-2-diabetes"),
    ("i take my thyroid tablet in the morning with breakfast, same time as my calcium and iron pills. my levels keep "
     "coming back off. does it matter when i take them?", "hypothyroidism"),
    ("trying to quit smoking for good this time. are vapes actually better than patches and gum or is that just "
     "hype?", "smoking-cessation"),
    ("my mum has been on alendronic acid for 5 years, can she stop it now?", "osteoporosis"),
])
def test_terse_notes_and_everyday_accounts_are_answered(library_workspace: Workspace, question: str, overview: str):
    assert status_and_first_source(library_workspace, question) == ("answered", f"library:{overview}")


def test_a_british_two_word_name_is_named_by_its_class():
    found = {item.lay: item.medical for item in member_classes("can she stop her alendronic acid now?")}
    assert "bisphosphonate" in found["alendronic acid"]


def test_a_case_s_frame_words_are_no_terms():
    terms = _terms("A 31-year-old woman with known asthma attends the emergency department: peak flow is 42% of her "
                   "best. How severe is this attack?")
    assert "attends" not in terms
    assert "hype" not in _terms("are vapes actually better than patches or is that just hype?")


def test_a_plan_s_scheduling_verb_proposes_nothing():
    stem = ("A 44-year-old man has numbness when he wipes and difficulty starting his urine stream. The on-call team "
            "suggests putting him on tomorrow's routine MRI list. Is that acceptable?")
    assert not {"put", "list"} & set(proposed_words(stem))


def test_a_note_s_spaced_dash_opens_its_question():
    assert _terms("ED after paracetamol OD, medically fit, scores low on risk scale – ok to discharge?")[
        "paracetamol"
    ].context  # taken too much before the question: what happened
    assert not _terms("How is a paracetamol OD treated?")["paracetamol"].context
    plan = _terms("44F. PE confirmed on CTPA, sPESI 0. PMH hypothyroid. Plan d/c home on apixaban - ok?")
    assert not plan["apixaban"].context  # a bare "ok?" after the dash asks about the plan before it


def test_a_case_s_drug_asked_again_in_other_words_is_asked():
    terms = _terms("38F, never had HPV vaccine, new partner – is the HPV jab recommended at her age?")
    assert terms["HPV vaccine"].context
    assert terms["HPV"].asked and not terms["HPV"].context


@pytest.mark.parametrize(("question", "condition"), [
    ("i'm 60 and my high blood pressure has been confirmed. amlodipine made my ankles balloon so the gp wants to "
     "switch me to a water tablet. i also get gout in my big toe a few times a year. is the water tablet the right "
     "next choice?", "gout"),
    ("A 57-year-old man with migraine without aura had two coronary stents placed for angina last year. His attacks "
     "are no longer controlled by ibuprofen. Should sumatriptan be added?", "angina"),
    ("A 17-year-old has had a sore throat for five days with fever and exudative tonsils. He has tender posterior "
     "cervical nodes and a palpable spleen tip. Should he be given amoxicillin?", "spleen"),
])
def test_a_condition_that_may_rule_out_the_drug_asked_must_be_named(question: str, condition: str):
    term = _terms(question)[condition]
    assert term.required and not term.context and not term.finding


def test_a_condition_that_rules_out_another_drug_is_still_the_subject():
    terms = _terms("my 17 yr old daughter has had the worst sore throat for a week and shes completely wiped out. the "
                   "blood test came back positive for glandular fever. should she have penicillin for the throat")
    assert not terms["glandular"].context


def test_without_the_drug_the_condition_stays_background():
    terms = _terms("i'm 60 and my high blood pressure has been confirmed. i also get gout in my big toe a few times a "
                   "year. what blood pressure should i aim for?")
    assert not terms["gout"].required


@pytest.mark.parametrize(("question", "overview"), [
    ("i'm 60 and my high blood pressure has been confirmed. amlodipine made my ankles balloon so the gp wants to "
     "switch me to a water tablet. i also get gout in my big toe a few times a year. is the water tablet the right "
     "next choice?", "hypertension"),
    ("A 57-year-old man with migraine without aura had two coronary stents placed for angina last year. His attacks "
     "are no longer controlled by ibuprofen. Should sumatriptan be added?", "migraine-and-headache"),
    ("38F, never had HPV vaccine, new partner – is the HPV jab recommended at her age?", "adult-vaccinations"),
    ("my husband has just come through a detox and is doing really well. he wants to drink those alcohol-free beers "
     "when we go to the pub with friends. is that ok or could it set him off again?", "alcohol-use-disorder"),
])
def test_near_misses_of_terse_notes_and_accounts_are_partial(
    library_workspace: Workspace, question: str, overview: str
):
    status, _source = status_and_first_source(library_workspace, question)
    assert status != "answered", overview


def test_is_that_ok_or_points_to_what_was_told_before_it():
    account = ("he wants to drink those alcohol-free beers when we go to the pub. is that ok or could it set him off "
               "again?")
    assert "beer" in proposed_words(account)
