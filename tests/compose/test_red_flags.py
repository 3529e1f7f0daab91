"""Urgent notices from a person's own words: everyday patterns, their normalised matching, and naming an emergency
in the past or to prevent it."""

import pytest

from medora.compose.analyse import analyse_question
from medora.compose.red_flags import evidence_flags, normalised, only_in_the_past
from medora.eval.urgent import urgent_set


def raised(question: str) -> list[str]:
    return [flag.name for flag in analyse_question(question).red_flags]


@pytest.mark.parametrize(
    ("question", "flag"),
    [
        ("My wife keeps saying everyone would be better off without her", "suicidality"),
        ("She's been cutting herself on her arms", "suicidality"),
        ("38-year-old man says he has been thinking of hanging himself and has bought rope", "suicidality"),
        ("I'm 36 weeks pregnant with a bad headache and blurry vision", "pre-eclampsia"),
        ("I gave birth 5 days ago, have a terrible headache and my blood pressure was high", "pre-eclampsia"),
        ("My dad's face has suddenly dropped on one side", "stroke"),
        ("My baby has a rash that doesn't fade when I press a glass on it", "meningitis"),
        ("My diabetic daughter is being sick and her breath smells of pear drops", "diabetic ketoacidosis"),
    ],
)
def test_an_emergency_described_without_its_name_is_flagged(question: str, flag: str):
    assert raised(question) == [flag]


def test_pronouns_and_contractions_are_one_form():
    assert normalised("she doesn't want to be here") == normalised("I do not want to be here")
    assert normalised("He can't feel it") == normalised("she cannot feel it")


def test_a_reflexive_is_not_any_pronoun():
    """Cutting oneself is self-harm; cutting one's finger is not."""
    assert raised("I cut my finger chopping onions, does it need a stitch?") == []


def test_a_pattern_needs_every_part():
    assert raised("My chest hurts when I press on a rib") == []
    assert raised("Crushing pain in my chest going down my left arm") == ["acute coronary syndrome"]


@pytest.mark.parametrize(
    "question",
    [
        "My bee sting from last week is itchy and red, what helps?",
        "I get pins and needles in my hand at night, what could it be?",
        "My balls ache after a kick, what should I do?",
        "I'm pregnant and I feel faint when I stand up, is that normal?",
        "Should I stop my diabetes tablets when I'm being sick?",
    ],
)
def test_calm_questions_that_share_words_with_an_emergency_raise_none(question: str):
    assert raised(question) == []


def test_confusion_with_an_infection_and_observations_written_normal_is_no_suspected_sepsis():
    # session 49: a care-home resident's confusion with a positive dip, "afebrile, obs normal", carried a sepsis banner
    assert raised("86F care home resident, more confused, urine dip nitrite+ leuc+, no dysuria or frequency, "
                  "afebrile, obs normal. Treat as UTI?") == []
    assert raised("78M confused with a UTI, normal vital signs. Treat?") == []
    assert raised("my grandad is confused with a water infection") == ["sepsis"]


def test_an_emergency_named_in_the_past_or_to_prevent_it_raises_none_but_described_still_does():
    assert only_in_the_past("Should I take aspirin every day to prevent a heart attack?")
    assert raised("How can I lower my chances of having a stroke?") == []
    assert raised("My dad had a heart attack five years ago, can he go on a long flight?") == []
    assert raised("had a heart attack in march, can i go back to the gym yet?") == []  # a month named (session 38)
    assert raised("What is the time window for thrombolysis in acute ischaemic stroke?") == ["stroke"]
    assert raised("He had a stroke two years ago and now his face has dropped on one side") == ["stroke"]


def test_an_event_something_has_followed_is_past_unless_its_danger_lasts():
    assert only_in_the_past("He had a coronary stent after his heart attack, how long on aspirin and ticagrelor?", [
        ("heart attack", ("myocardial infarction",))
    ])
    assert raised("67-year-old man after an ischaemic stroke, LDL 3.1 on ezetimibe. Is bempedoic acid an option?") == []
    assert only_in_the_past("61yo man 3 months after NSTEMI, on atorvastatin 80 mg. What should I add next?")
    assert raised("Weak on one side since this morning after a stroke last year, suddenly worse") == ["stroke"]
    assert raised("29yo man in ED after a paracetamol overdose, now medically fit. Can he go home?") == ["suicidality"]
    assert not only_in_the_past("A few days after my knee operation I had a stroke")  # the event follows, not "after"
    assert raised("She's been drowsy and confused since her stroke this morning, what do we do?") == ["stroke"]
    assert raised("He can't speak properly after a stroke an hour ago") == ["stroke"]  # hours ago is now


def test_an_event_someone_had_is_past_when_they_are_on_its_treatment_since():
    heart_attack = [("heart attack", ("myocardial infarction",))]
    assert only_in_the_past("my husband had a heart attack and is on atorvastatin 80, is that dose too high?",
                            heart_attack)
    assert only_in_the_past("I have type 2 diabetes and had a heart attack. should I keep taking metformin?",
                            heart_attack)
    assert raised("mum had a mini stroke and they've put her on aspirin and clopidogrel. how long for both?") == []
    assert raised("my dad had a heart attack, he's sweating and grey, what do I do?") == ["acute coronary syndrome"]
    assert raised("I think I had a heart attack, I'm on aspirin, what should I do?") == ["acute coronary syndrome"]
    just = "My husband is on apixaban and has just had a stroke, can he get the clot busting drug?"
    assert raised(just) == ["stroke"]
    # …or when the question asks how life goes on after it (session 39)
    assert raised("my dad had a stroke, can he still take his viagra?") == []
    assert raised("my mum had a stroke, is she allowed to drive?") == []
    assert raised("my dad had a heart attack, he's sweating and grey, can I give him aspirin?") == [
        "acute coronary syndrome"
    ]
    assert raised("I think I just had a stroke, can I drive to hospital?") == ["stroke"]


def test_an_emergency_named_by_its_name_after_an_event_word_is_past_for_the_evidence():
    assert only_in_the_past("is it safe to fly after a pulmonary embolism?")
    assert not only_in_the_past("sudden breathlessness, could it be a pulmonary embolism?")


def test_the_again_of_an_activity_asked_about_is_not_the_emergency_happening_again():
    assert only_in_the_past("I had a heart attack six weeks ago, when is it safe to have sex again?")
    assert only_in_the_past("I had a stroke last year, when can I drive again?")
    assert only_in_the_past("Methotrexate for an ectopic pregnancy last week, how long before we try again for a baby?")
    assert not only_in_the_past("she had a stroke last year and can't move her arm again")
    assert not only_in_the_past("my dad had a heart attack 2 years ago and is having chest pain again")
    assert not only_in_the_past("I had anaphylaxis as a child and my lips are swelling again")


def test_a_question_on_what_an_emergency_is_asked_of_no_one_raises_none():
    # session 40: "What's the difference between a TIA and a stroke?" carried the acute stroke notice
    for question in (
        "What's the difference between a TIA and a stroke?",
        "What are the warning signs of a stroke?",
        "What causes a heart attack?",
        "What is acute coronary syndrome?",
        "How common is ectopic pregnancy?",
    ):
        assert raised(question) == [], question
        assert analyse_question(question).in_general, question  # the evidence's emergencies are not raised either
    assert raised("What are the signs my dad is having a stroke?") == ["stroke"]
    assert raised("What is a stroke, my mum's face dropped suddenly") == ["stroke"]
    assert raised("What causes sudden weakness on one side?") == ["stroke"]
    assert raised("What is the management of suspected meningitis?") == ["meningitis"]
    assert raised("What are the warning signs of suicide?") == ["suicidality"]  # its danger lasts
    assert not analyse_question("Sepsis in a 70-year-old, what is it?").in_general


def test_evidence_is_read_for_clinical_terms_only():
    text = "Advise patients to seek help if the face droops. Sepsis must be treated within the hour."
    assert [flag.name for flag in evidence_flags(text)] == ["sepsis"]


def test_the_development_set_is_flagged_from_the_question_alone():
    """The tuned-on set (eval/data/red_flags_dev.yaml): every emergency raises its flag, every calm question none."""
    questions = urgent_set("dev")
    missed = [item["question"] for item in questions["emergencies"] if item["flag"] not in raised(item["question"])]
    alarmed = [item["question"] for item in questions["calm"] if raised(item["question"])]
    assert (missed, alarmed) == ([], [])


@pytest.mark.parametrize(
    ("question", "flags"),
    [
        ("No fever, no stiff neck, just a headache after screens", []),
        ("Patient denies chest pain radiating to the arm and sweating", []),
        ("I have no fever but a stiff neck and a rash that does not fade", ["meningitis"]),
        ("I do not know why her face dropped on one side", ["stroke"]),
        ("I have no feeling around my bottom and back pain", ["cauda equina syndrome"]),
    ],
)
def test_a_denied_finding_raises_nothing_but_doubt_and_phrases_with_no_still_do(question: str, flags: list[str]):
    assert raised(question) == flags


@pytest.mark.parametrize(
    ("question", "flags"),
    [
        # a clinician's "history of" or "previous" qualifies the word it stands before, not the emergency named later
        ("Patient with a history of depression now expressing suicidal ideation, initial management?", ["suicidality"]),
        ("Positive pregnancy test and abdominal pain, previous ectopic: next step?", ["ectopic pregnancy"]),
        ("Would a statin help in stroke prevention?", []),
        ("Is heat stroke treated with cold water immersion?", []),
        # everyday words that only look like an emergency's
        ("I cut myself shaving and it's a bit red, do I need antibiotics?", []),
        ("She's been cutting herself on her arms", ["suicidality"]),
        ("Is my son better off without his dummy?", []),
        ("How long should I hang the washing out before it dries?", []),
        # before 20 weeks a headache with flashing lights is a migraine's aura; pre-eclampsia named calmly is no case
        ("I'm 8 weeks pregnant and get headaches with flashing lights, which painkiller is safe?", []),
        ("How is pre-eclampsia distinguished from gestational hypertension?", []),
        ("I'm pregnant with high blood pressure, is labetalol safe?", []),
        ("I gave birth 2 years ago and now get headaches with flashing lights", []),
        ("Can I hang a heavy picture myself after shoulder surgery?", []),
        ("What palliative care is available near the end of his life?", []),
        ("My dad doesn't want to live in a care home, what support is there at home?", []),
        ("Sudden pain in the ball of my foot when I run, is it metatarsalgia?", []),
        ("I had a chest x-ray and my blood pressure was a bit high, should I be worried?", []),
        ("I'm confused about whether to finish my antibiotics if I feel better", []),
        ("I got hit with a headache after my coffee", []),
        # text-speak and lists a negation governs
        ("i wanna die tbh i cant do this anymore", ["suicidality"]),
        ("Patient denies chest pain and shortness of breath; is a routine ECG needed before surgery?", []),
    ],
)
def test_what_a_reviewer_found_wrong_stays_right(question: str, flags: list[str]):
    assert raised(question) == flags


@pytest.mark.parametrize(
    ("question", "flags"),
    [
        # happening now, though a time or a doubt is said
        ("my husband had a stroke 20 minutes ago and can't talk", ["stroke"]),
        ("any chance this is meningitis? my son has a headache", ["meningitis"]),
        ("he is at high risk of suicide and has a plan tonight", ["suicidality"]),
        ("she had anaphylaxis as a child and is now wheezing after eating peanuts", ["anaphylaxis"]),
        ("I havent been able to pass urine all day and my back is killing me, also my legs feel weak",
         ["cauda equina syndrome"]),
        ("student at uni, high temp, really bad headache and can't touch his chin to his chest", ["meningitis"]),
        # calm, though the words are an emergency's
        ("Patient with previous acute coronary syndrome in 2018: statin target?", []),
        ("What is the risk of meningitis after a cochlear implant?", []),
        ("he used a racial slur at work and I'm shaking, is that anxiety?", []),
        ("my smile is crooked in photos, can braces fix it?", []),
        ("she is better off without him, he cheated on her", []),
        ("my baby's skin looks mottled after the bath", []),
        ("I found a hard lump on my testicle, it doesn't hurt", []),
        ("back pain and I pee myself a little when I cough since my pregnancy", []),
        ("I'm 34 weeks pregnant and have a cramp on one side of my belly", []),
        ("my mother is in a hospice and wants to die at home", []),
        ("I nearly had a heart attack when I saw the bill", []),
        ("I could kill myself for forgetting her birthday", []),
        ("is breast stroke bad for my knees?", []),
    ],
)
def test_what_a_second_reviewer_found_wrong_stays_right(question: str, flags: list[str]):
    assert raised(question) == flags
