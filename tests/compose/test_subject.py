"""The question's subject is required, the words describing its case are not (compose/subject.py): shorthand is
spelled out, frame words are no terms, a comorbidity after an age and "with", a negated finding or a history is
context; a near-miss term outside those slots stays required."""

import pytest

from medora.answer import answer_question
from medora.compose.subject import case_words, told_jobs
from medora.compose.terms import answers_terms, covered_terms, specific_terms
from medora.settings import Settings
from medora.workspace import Workspace


def _labels(question: str) -> list[tuple[str, bool]]:
    return sorted((term.label, term.context) for term in specific_terms(question))


def test_shorthand_is_named_by_its_spelled_out_form():
    terms = specific_terms("vanc or fidaxomicin for C diff?")
    text = "Oral vancomycin or fidaxomicin is first line for Clostridioides difficile infection."
    assert covered_terms(text, terms) == {"vanc", "fidaxomicin", "diff"}


def test_a_state_denied_in_a_contraction_is_the_case():
    question = "Dad's potassium was 6.3 and they put insulin in his drip even though he isn't diabetic. Why insulin?"
    assert ("diabetic", True) in _labels(question)
    assert ("colonoscopy", False) in _labels("Why didn't they do a colonoscopy after his bleed?")


def test_clipped_words_of_clinical_notes_stand_for_their_word_or_frame_the_case():
    terms = specific_terms("AECOPD pred dose and duration")
    assert covered_terms("Prednisolone 30 mg for 5 days in an exacerbation of COPD (AECOPD).", terms) >= {"pred"}
    assert [label for label, _ in _labels("VTE prophylaxis 2 wks after knee replacement, any obs needed?")] == ["VTE"]


def test_a_frame_word_is_no_term():
    assert _labels("Which LDL thresholds and prophylaxis after an MI?") == [("LDL", False), ("MI", False)]


def test_a_comorbidity_after_an_age_and_with_is_the_case_of_a_diagnostic_question_naming_its_own_condition():
    assert _labels("Which tests for an 80 yo with angina and new atrial fibrillation?") == [
        ("angina", True), ("atrial", False), ("fibrillation", False),
    ]


def test_a_comorbidity_decides_a_treatment_so_a_treatment_question_requires_it():
    # "hx of angioedema, ramipril for hypertension?" asks about ramipril given the angioedema
    assert _labels("Anticoagulant for an 80 yo with angina and new atrial fibrillation?") == [
        ("Anticoagulant", False), ("angina", False), ("atrial", False), ("fibrillation", False),
    ]
    assert [label for label, context in _labels("hx of angioedema, ramipril for hypertension?") if context] == []


@pytest.mark.parametrize(
    "question",
    [  # the condition after an age and "with" is what is asked when the question names no condition of its own
        "In a 60-year-old with HFpEF, is tirzepatide effective?",
        "A 65-year-old with erythema migrans: doxycycline for how long?",
        # a question on safety asks about the pairing with the patient's condition
        "Is orlistat safe in a 50 yo with CKD?",
        "hx of asthma, can I take propranolol for migraine?",
        # "known" in its everyday sense, a drug after a negation, a word also written outside the slot
        "Are there known interactions between warfarin and clarithromycin?",
        "Should we or should we not give apixaban to pregnant women?",
        "Hx of asthma; what is the best treatment for asthma in pregnancy?",
        "No response to metformin after 3 months: should metformin be stopped?",
    ],
)
def test_what_a_question_asks_about_is_never_taken_for_its_case(question: str):
    assert [label for label, context in _labels(question) if context] == []


def test_without_an_age_the_condition_after_with_is_the_population_asked_about():
    assert _labels("What is the role of tirzepatide in a man with HFpEF?") == [("HFpEF", False), ("tirzepatide", False)]


def test_a_negated_finding_and_a_bracketed_aside_are_the_case():
    assert case_words("Woman (hx asthma), dysuria, no fever or loin pain: which antibiotic?") == {
        "hx": "bracket", "asthma": "bracket", "fever": "negation", "or": "negation", "loin": "negation",
        "pain": "negation",
    }


def test_each_item_of_a_denied_list_and_a_denied_history_are_the_case():
    # session 60: "no history of A, B or C" denies all three; the history cue does not undo the negation
    assert case_words("He has no history of peptic ulcer, asthma or kidney disease. Which analgesic?") == {
        "history": "negation", "of": "negation", "peptic": "negation", "ulcer": "negation", "asthma": "negation",
        "or": "negation", "kidney": "negation", "disease": "negation",
    }
    # a comma before what the question goes on to ask ends the denial; so does one with no "or" after it
    assert case_words("no fever, what antibiotic for her cough?") == {"fever": "negation"}
    assert case_words("no fever, she now has a cough and a rash. Which antibiotic?") == {"fever": "negation"}


def test_known_to_asks_about_what_follows():
    assert _labels("Is metformin known to cause lactic acidosis?") == [
        ("acidosis", False), ("lactic", False), ("metformin", False),
    ]


def test_drugs_in_brackets_are_options_asked_about():
    assert _labels("Which is better for weight loss (semaglutide or orlistat)?") == [
        ("orlistat", False), ("semaglutide", False),
    ]


def test_when_every_term_is_the_case_the_condition_after_with_is_what_is_asked():
    assert _labels("6 yo with anaphylaxis after eating cashews: how much adrenaline?") == [
        ("anaphylaxis", False), ("cashews", True), ("children", False),  # the age stands for a child (session 25)
    ]


def test_the_food_a_reaction_is_to_is_the_case_but_a_drug_allergy_is_asked_about():
    assert _labels("Our son is 8 and had a bad reaction to cashews. What strength epipen should he carry?") == [
        ("cashews", True), ("children", False), ("epipen", False),  # a food, not a drug beside the epipen
    ]
    assert ("peanut", True) in _labels("my 8 yr old has a peanut allergy. what strength adrenaline pen is right?")
    assert ("penicillin", False) in _labels("I'm allergic to penicillin, which antibiotic for cellulitis?")
    # what the account says was eaten (session 59: "he ate a brownie with cashews in it")
    labels = _labels("my son ate a cookie with peanuts in it and his lips swelled. how long will they observe him?")
    assert ("cookie", True) in labels and ("peanuts", True) in labels


def test_the_patients_job_told_in_the_account_is_the_case_but_a_job_asked_about_is_not():
    assert ("hairdresser", True) in _labels("I'm a hairdresser and the iron tablets make me constipated. Why?")
    assert told_jobs("my husband is a postie and on his feet all day. should he stop his allopurinol?") == {"posti"}
    assert _labels("Can a welder get asbestosis?") == [("asbestosis", False), ("welder", False)]
    assert told_jobs("Can a welder get asbestosis?") == set()
    # the words qualifying the job after its article are the job too (session 29)
    assert told_jobs("im 42, a primary school teacher, been on citalopram. can i stop it?") == {
        "primari", "school", "teacher"
    }
    # where the patient studies is told as a job is (session 59)
    assert told_jobs("my son is 20 and at uni, the gp started sertraline. when should he be seen again?") == {"uni"}
    # the hours worked are told like the job (session 60); not a shift asked about
    assert told_jobs("She takes levothyroxine and works night shifts. How should her dose change?") == {
        "night", "shift"
    }
    assert told_jobs("Does working night shifts raise the risk of breast cancer?") == set()
    # the job after an age, as a vignette tells it, and a pastime told as a job is (session 62); never one asked
    assert told_jobs("A 58-year-old taxi driver has a routine health check. What HbA1c target?") == {"taxi", "driver"}
    assert told_jobs("A 70-year-old plays darts on Fridays and has gout. Which drug?") == {"play", "dart"}
    assert told_jobs("A keen gardener aged 70 has knee pain. What helps?") == {"keen", "garden"}
    assert told_jobs("Can I play football after a DVT?") == set()
    # a job once held, told without its article (session 63)
    assert told_jobs("is relenza ok for him? hes 70, ex miner, uses his inhaler every morning") == {"ex", "miner"}


def test_a_source_naming_the_drug_answers_despite_the_comorbidity():
    terms = specific_terms("Which tests for an 80 yo with angina and new atrial fibrillation?")
    assert answers_terms({"atrial", "fibrillation"}, terms) is True
    assert answers_terms(set(), terms) is False  # the case never answers on its own


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = Workspace(Settings(home=tmp_path_factory.mktemp("subject") / "home"))
    workspace.prepare()  # embeds the 61 overviews once for the module
    return workspace


def _status(workspace: Workspace, question: str) -> tuple[str, str | None, list[str]]:
    article = answer_question(question, retriever=workspace.retriever, settings=workspace.settings)
    return article.answer_status, article.references[0].source_key if article.references else None, article.uncovered_terms


def test_a_treatment_vignette_whose_history_the_overview_does_not_address_is_partial(workspace: Workspace):
    assert _status(workspace, "72M, hx angina, on aspirin, new AF - anticoagulate?") == (
        "partial", "library:atrial-fibrillation-anticoagulation", ["angina"],
    )


def test_a_vignette_naming_only_a_drug_and_the_patients_condition_is_not_answered_by_a_neighbour(workspace: Workspace):
    status, overview, _missing = _status(workspace, "A 65-year-old with erythema migrans: doxycycline for how long?")
    assert (status, overview) != ("answered", "library:cellulitis")
    assert status in ("partial", "insufficient")


def test_shorthand_reaches_the_overview_that_spells_it_out(workspace: Workspace):
    assert _status(workspace, "vanc for C diff?") == ("answered", "library:clostridioides-difficile-infection", [])


def test_weight_loss_jabs_are_the_obesity_overviews_pharmacotherapy(workspace: Workspace):
    assert _status(workspace, "Are weight loss jabs worth it for someone with a BMI of 41?") == (
        "answered", "library:obesity-management", [],
    )


def test_a_drug_for_a_population_with_a_condition_no_overview_addresses_stays_partial(workspace: Workspace):
    # the heart-failure overview's section on HFpEF is the closest source since it names HFpEF (session 22);
    # before, the obesity overview, which names tirzepatide
    assert _status(workspace, "What is the role of tirzepatide in a man with HFpEF?") == (
        "partial", "library:heart-failure", ["tirzepatide"],
    )


@pytest.mark.parametrize(
    ("question", "expected"),
    [  # the overview names sacubitril-valsartan only for HFrEF (answer._as_graded, session 22)
        ("Does sacubitril-valsartan help in HFpEF?", ("partial", "library:heart-failure", ["sacubitril"])),
        ("Sacubitril-valsartan in HFrEF: when to switch from an ACE inhibitor?",
         ("answered", "library:heart-failure", [])),
        ("SGLT2 inhibitors in HFpEF?", ("answered", "library:heart-failure", [])),
    ],
)
def test_a_drug_named_only_for_another_grade_of_the_condition_is_not_named(
    workspace: Workspace, question: str, expected: tuple
):
    assert _status(workspace, question) == expected


@pytest.mark.parametrize(
    ("question", "text", "label"),
    [
        ("Can relief of chest pain with GTN exclude an acute coronary cause?",
         "Do not use the response to glyceryl trinitrate to diagnose or exclude an acute coronary syndrome.", "GTN"),
        ("nan is 84, has afib and keeps having little falls",
         "Anticoagulation in atrial fibrillation should not be withheld solely because of falls.", "afib"),
    ],
)
def test_clinical_shorthand_is_named_as_spelled_out(question: str, text: str, label: str):
    assert label in covered_terms(text, specific_terms(question))


def test_after_a_description_what_the_question_asks_is_never_the_one_term_left_unnamed():
    question = "49M, first unprovoked proximal DVT, starting apixaban. Should he wear stockings to prevent PTS?"
    required = [term.label for term in specific_terms(question) if term.required]
    assert required == ["stockings", "PTS"]


def test_the_patients_home_and_pastimes_told_by_their_verb_are_the_case():
    # session 63: "Lives alone, gardens daily" outweighed the AF and the apixaban of a clinician's note
    assert told_jobs("82F, new AF. Lives alone, gardens daily. Starting apixaban - 5 mg or 2.5 mg?") == {
        "live", "alon", "garden", "daili"
    }
    assert told_jobs("A 71-year-old swims twice a week and takes simvastatin. Which is right?") == {
        "swim", "twice", "week"
    }
    assert told_jobs("SH retired postman, lives w wife. ?oseltamivir") >= {"live", "wife"}
    assert told_jobs("He grows vegetables on an allotment and has gout. Which drug?") == {"grow", "veget", "allot"}
    # a verb after something other than its doer, and an illness lived with, are no pastime
    assert told_jobs("The pain runs down his leg to the foot. What next?") == set()
    assert told_jobs("She lives with chronic pain. What helps?") == set()


def test_another_persons_own_story_in_an_account_is_not_the_case():
    # session 63: "my sister did slimming world … metformin for her sugar" beside a question on stopping semaglutide
    from medora.compose.subject import others_stories

    told = others_stories("been on wegovy for a year. will the weight stay off? my sister did slimming world and shes "
                          "on metformin for her sugar")
    assert {"sister", "slim", "sugar"} <= told
    assert others_stories("my friend at bowls says glucosamine fixed her knees, is it worth buying?") == set()
    assert told_jobs("how long does he stay on both? he still goes down his allotment every day") >= {"allot"}
    # nor when the account asks about someone else, who may be the one it tells of
    assert others_stories("my nan has arthritis in her knee and kidney problems. is the gel better for her?") == set()
