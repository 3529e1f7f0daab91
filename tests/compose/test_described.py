"""A question in everyday words: the words for what the patient feels may go unnamed by the overview closest in
meaning, where the question describes; the body parts it speaks of and the words it asks with may not."""

import pytest

from medora.compose.described import (
    account_stems,
    body_parts,
    broader_parts,
    cause_words,
    described_labels,
    felt_labels,
    labels_within_signs,
    proposed_words,
    split_asking,
    unnamed_asking_words,
    unnamed_body_parts,
    unnamed_occasions,
    unnamed_words,
    without_population,
    written_signs,
)
from medora.compose.lay import lay_equivalents
from medora.compose.subject import subject_terms
from medora.compose.terms import SpecificTerm, specific_terms


def _term(label: str, kind: str = "term", *, context: bool = False) -> SpecificTerm:
    return SpecificTerm(label=label, kind=kind, forms=(label,), context=context)


def test_the_describing_part_is_what_comes_before_the_asking_clause():
    question = "I'm 63 and my knee aches when I walk, do I need an x-ray and what helps?"
    assert split_asking(question) == ("I'm 63 and my knee aches when I walk,", " do I need an x-ray and what helps?")
    assert split_asking("It stings when I wee. I'm 30 and not pregnant.")[1] == ""
    assert split_asking("Does tamsulosin make you dizzy?") == ("", "Does tamsulosin make you dizzy?")
    # a note's last line queried asks (session 62); a diagnosis queried within it describes
    assert split_asking("71M, flu A, CRP 48. ?too late for oseltamivir now")[1] == " ?too late for oseltamivir now"
    assert split_asking("c/o chest pain ?NSTEMI. ECG normal. Next step?")[1] == " Next step?"
    # an account typed on a phone asks indirectly (session 62)
    assert split_asking("theres a clinic near me, wondering whether acupuncture helps ibs")[1] == (
        " wondering whether acupuncture helps ibs"
    )
    assert split_asking("my dad fell twice, not sure if we should be worried")[1] == " not sure if we should be worried"
    assert split_asking("I wonder about it, my knee hurts")[1] == ""
    # "had the jab" tells, in an account's sentence that asks nothing; "has the rash spread?" asks
    assert split_asking("im 30 and pregnant, had the flu jab last year. do i need it again?")[1] == (
        " do i need it again?"
    )
    assert split_asking("my mum is 80, has the rash spread to her eye?")[1] == " has the rash spread to her eye?"


def test_a_feeling_written_where_the_question_describes_is_felt():
    question = "My thumb goes numb and tingly at night and I have to shake my hand. What can I do?"
    assert felt_labels(question, [_term("tingly")]) == {"tingly"}
    assert felt_labels("Pain shoots down my arm with pins and needles. Will it pass?", [_term("needles", "word")]) == {
        "needles"
    }


def test_a_feeling_asked_about_is_not_felt():
    assert felt_labels("Can tamsulosin make you dizzy?", [_term("dizzy")]) == set()
    assert felt_labels("my knee aches, do I need an x-ray for the aches?", [_term("aches")]) == set()


def test_no_feeling_is_felt_beside_a_drug_where_it_may_be_a_side_effect():
    question = "I'm constipated and sleepy since starting amitriptyline. Should I stop it?"
    assert felt_labels(question, [_term("sleepy"), _term("amitriptyline", "drug")]) == set()
    own = [_term("sleepy"), _term("amitriptyline", "drug", context=True)]
    assert felt_labels("I'm on amitriptyline and sleepy all day.", own) == set()
    assert felt_labels("I'm sleepy all day.", [_term("sleepy")]) == {"sleepy"}


def test_frame_words_of_the_asking_clause_need_no_naming_a_thing_proposed_does():
    texts = ["Recurrent cellulitis: treat predisposing factors such as oedema and tinea pedis."]
    assert unnamed_asking_words("Mum keeps getting cellulitis. is that enough, or is there anything else?", texts) == []
    assert unnamed_asking_words("My back aches, would a TENS machine help?", texts) == ["machin"]
    assert unnamed_asking_words("I have asthma, can I join the army?", texts) == ["armi", "join"]
    # "still", a weekday, "too late": when or whether, not what is asked about (session 26)
    assert unnamed_asking_words("Her face drooped for 10 minutes. Does she still need to be seen?", texts) == []
    assert unnamed_asking_words("can I wait till my GP appointment on monday?", texts) == []
    assert unnamed_asking_words("The condom split. Is it too late for an IUD?", texts) == ["iud"]


def test_what_a_parent_sees_is_felt():
    question = "my 18 month old has gunk pouring out of her ear and a temp. shouldnt she be on antibiotics?"
    assert felt_labels(question, [_term("gunk")]) == {"gunk"}
    question = "I've had sciatica for 2 weeks and now my foot is flopping and catching on the floor. Is it ok to wait?"
    assert felt_labels(question, [_term("flopping")]) == {"flopping"}


def test_a_condition_a_finding_names_is_no_feeling():
    assert felt_labels("I get heartburn most nights and a cough. What helps?", [_term("heartburn")]) == set()


def test_a_body_part_is_one_the_question_owns():
    assert body_parts("My thumb tingles and I shake my hand to get the feeling back") == ["thumb", "hand"]
    assert body_parts("hurt my lower back lifting boxes") == ["back"]
    # someone's possessive owns it too, never the "'s" of "he's" or "what's" (session 49)
    assert body_parts("Dad's shin is red, hot and sore and he's allergic to penicillin") == ["shin"]
    assert body_parts("my son's ear hurts") == ["ear"]
    assert body_parts("what's the knee doing") == []


def test_a_body_part_must_be_named_by_the_overview_or_as_a_broader_part():
    knee_and_hip = ["Osteoarthritis of the knee and hip", "Knee pain on walking with brief morning stiffness."]
    assert unnamed_body_parts("my ankle is swollen after twisting it", knee_and_hip) == ["ankle"]
    assert unnamed_body_parts("my knee aches when I walk", knee_and_hip) == []
    assert unnamed_body_parts("the soles of my feet burn", ["Burning pain in both feet at night."]) == []
    assert unnamed_body_parts("my head throbs", ["Migraine and headache"]) == []


def test_the_part_a_medicine_is_taken_for_is_history_not_the_complaint():
    kidneys = ["Acute kidney injury in adults", "Review medicines such as NSAIDs in acute kidney injury."]
    question = "takes ibuprofen for his knees, now his kidneys have suddenly got worse"
    assert unnamed_body_parts(question, kidneys) == []
    # …only that mention: knees that are the complaint are still asked about
    assert unnamed_body_parts("my knees are swollen and I take ibuprofen for my knees", kidneys) == ["knees"]
    assert unnamed_body_parts("his knees are sore, what can he take for them?", kidneys) == ["knees"]


def test_a_body_part_inside_a_lay_phrase_is_named_by_its_medical_words():
    question = "the doctor wants a camera down my throat and up my bum, why?"
    endoscopy = ["Bidirectional endoscopy is the standard investigation for men with iron deficiency anaemia."]
    assert unnamed_body_parts(question, endoscopy) == ["throat", "bum"]
    assert unnamed_body_parts(question, endoscopy, lay_equivalents(question, naming=True)) == []
    assert unnamed_body_parts(question, ["Iron deficiency anaemia"], lay_equivalents(question, naming=True)) == [
        "throat", "bum"
    ]


def test_a_body_part_is_named_by_its_anatomical_name_or_a_part_containing_it():
    assert unnamed_body_parts("a lump in my armpit", ["Axillary lymphadenopathy may be reactive."]) == []
    assert unnamed_body_parts("my kneecap hurts when I kneel", ["Patellar tendinopathy is common."]) == []
    # the knee's osteoarthritis is not kneecap pain
    assert unnamed_body_parts("my kneecap hurts when I kneel", ["Knee osteoarthritis in older adults."]) == ["kneecap"]
    assert unnamed_body_parts("my kneecap hurts when I kneel", ["Hip pain in older adults."]) == ["kneecap"]
    side_effects = ["Gastrointestinal side effects limit adherence to oral iron."]
    assert unnamed_body_parts("the iron tablets are wrecking my stomach", side_effects) == []
    gout = ["Redness and swelling of the first metatarsophalangeal joint."]
    assert unnamed_body_parts("my big toe is red and hot", gout) == []


def test_a_body_part_term_the_question_owns_is_named_by_its_broader_part():
    assert broader_parts("the soles of my feet burn at night", "soles") == ("foot", "feet")
    assert broader_parts("Plantar heel pain: which soles for shoes?", "soles") == ()
    marked = subject_terms("the soles of my feet burn at night", [_term("soles")])
    assert marked[0].forms == ("soles", "foot", "feet")


def test_what_the_asking_clause_names_must_be_in_the_overview():
    back = ["Acute low back pain", "Heat, massage or spinal manipulation are first-line non-drug options."]
    assert unnamed_asking_words("my back aches, would a TENS machine help?", back) == ["machin"]
    assert unnamed_asking_words("my back aches, would massage help?", back) == []
    assert unnamed_asking_words("my back aches after lifting. What can I do?", back) == []


def test_a_pronoun_of_the_asking_clause_is_not_its_topic_and_a_population_word_is_named_by_its_group():
    falls = ["Falls in older adults", "Review medicines that raise the risk of falls."]
    assert unnamed_asking_words("Could dad's tablets be making him fall over?", falls) == []
    contraception = ["Emergency contraception after unprotected sex lowers the chance of pregnancy."]
    assert unnamed_asking_words("What can I do so I don't get pregnant?", contraception) == []
    assert unnamed_asking_words("Could the tablets make him dizzy?", falls) == ["dizzi"]
    # a population word asked about is named by a word of its group, and only so
    assert unnamed_asking_words("She missed her period, could she be pregnant?", ["Test for pregnancy first."]) == []
    assert unnamed_asking_words("She missed her period, could she be pregnant?", ["A missed period"]) == ["pregnant"]


def test_when_followed_by_a_verb_that_asks_opens_the_asking_clause():
    question = "I had a heart attack six weeks ago, when is it safe to have sex again?"
    assert split_asking(question) == ("I had a heart attack six weeks ago,", " when is it safe to have sex again?")
    assert split_asking("My knee aches when I walk, what helps?")[1] == " what helps?"
    assert split_asking("when I walk, my knee aches.")[1] == ""
    contracted = "my back has been sore for a week, what's the best thing to take?"
    assert split_asking(contracted) == ("my back has been sore for a week,", " what's the best thing to take?")
    assert split_asking("I'm always tired, isn't that normal at my age?")[0] == "I'm always tired,"


def test_has_before_a_participle_goes_on_telling_the_account():
    # session 53: "has bought rope" was read as asking, so the suicide-risk overview had to name rope
    question = "38-year-old man says he's been thinking of hanging himself, has bought rope, and lives alone. What now?"
    assert split_asking(question)[1] == " What now?"
    assert split_asking("Has he tried ibuprofen?")[1] == "Has he tried ibuprofen?"
    assert split_asking("Have tried ibuprofen and codeine, what next?")[1] == " what next?"


def test_an_opener_that_only_tells_what_the_account_had_or_cannot_do_asks_nothing():
    # session 38: "can't sleep at all" read as asking made "lie awake for hours every night" words the insomnia
    # overview must name; "had a withdrawal seizure" made a vignette's GGT a term it asked about
    question = "can't sleep at all, i lie awake for hours every night, what can i do without pills?"
    describing, asking = split_asking(question)
    assert describing == "can't sleep at all,  i lie awake for hours every night,"
    assert asking == " what can i do without pills?"
    vignette = "AUDIT 31, had a withdrawal seizure 2 years ago, GGT 240. Can he do assisted withdrawal at home?"
    assert split_asking(vignette)[1] == " Can he do assisted withdrawal at home?"
    assert split_asking("had a fall last week, should I see someone?")[1] == " should I see someone?"
    # …while a negated or having opener before its subject still asks
    assert split_asking("Can't I have ibuprofen, since it's only once?")[0] == ""
    assert split_asking("Has he been seen by a cardiologist, or should he be?")[0] == ""


def test_a_dash_between_the_case_and_the_question_divides_them_as_a_colon_does():
    """Session 34: "Proximal DVT on apixaban - do graduated compression stockings prevent post-thrombotic syndrome?"
    was one clause, so the stockings it asks about could be the one word the DVT overview left unnamed."""
    question = "Proximal DVT on apixaban - do graduated compression stockings prevent post-thrombotic syndrome?"
    assert split_asking(question)[0] == "Proximal DVT on apixaban:"
    terms = subject_terms(question, specific_terms(question))
    assert {term.label for term in terms if term.required} == {"stockings", "thrombotic"}
    assert split_asking("post-thrombotic syndrome after a DVT?") == ("", "post-thrombotic syndrome after a DVT?")
    account = "I've been unsteady since starting amitriptyline - is it the tablets?"  # asks about the unsteadiness
    assert split_asking(account) == ("", account)
    assert split_asking("CTS - is US-guided hydrodissection better than a steroid injection?")[0] == "CTS:"  # no "us"


def test_a_decimal_or_an_abbreviation_does_not_end_a_sentence():
    assert split_asking("66M, K 4.4, eGFR 62. What next?") == ("66M, K 4.4, eGFR 62.", " What next?")
    assert split_asking("It aches e.g. when I walk. What helps?")[0] == "It aches eg when I walk."


def test_a_question_without_its_population_words_says_only_what_it_describes():
    question = "I'm pregnant and feel on edge and worried all the time, what can help?"
    assert without_population(question, specific_terms(question)) == "I'm and feel on edge and worried all the time, what can help?"
    older = "Older adults with falls: what should be checked?"
    assert without_population(older, specific_terms(older)) == "with falls: what should be checked?"
    none = "It stings when I wee"
    assert without_population(none, specific_terms(none)) == none


def test_a_describing_word_a_description_line_names_may_go_unnamed():
    lines = ("I'm always thirsty and weeing a lot", "no cough though, just a sore throat")
    question = "I'm always thirsty, peeing loads and feel tired, what should I do?"
    assert "thirsty" in described_labels(question, specific_terms(question), lines)
    coughing = "I've had a cough for days and feel rough, what should I do?"
    assert described_labels(coughing, specific_terms(coughing), lines) == set()  # a negated line names nothing
    asked = "Would being thirsty all day mean I need more water?"  # a word of the asking clause is asked about
    assert "thirsty" not in described_labels(asked, specific_terms(asked), lines)
    with_drug = "I'm always thirsty since starting lithium, what should I do?"  # beside a drug: its side effect
    assert described_labels(with_drug, specific_terms(with_drug), lines) == set()


def test_a_negation_reaches_only_its_own_clause_and_inability_is_no_negation():
    lines = ("swollen tender glands in my neck and I can barely swallow, no cough though",
             "woke up with my big toe red, hot and so swollen I can't bear the bedsheet on it")
    sore = "I've got a cough and tender glands, what should I do?"
    assert described_labels(sore, specific_terms(sore), lines) == {"glands"}  # "no cough though" names no cough
    toe = "My toe is agony, I couldn't bear the bedsheet touching it overnight. What is it?"
    assert described_labels(toe, specific_terms(toe), lines) == {"bedsheet"}  # "can't bear" is still the complaint


def test_a_sign_written_whole_never_runs_across_a_clause_break():
    across = "38-year-old woke with a painless foot drop; eversion weak, inversion and reflexes normal. Where is it?"
    assert labels_within_signs({"inversion"}, account_stems(across), ("weak inversion",)) == set()
    within = "45M, foot drop with weak inversion and hip abduction. Where is the lesion?"
    assert labels_within_signs({"inversion"}, account_stems(within), ("weak inversion",)) == {"inversion"}


def test_a_sign_the_case_denies_is_not_written():
    # session 50: "no back pain" wrote the low back pain overview's sign "back pain" (the "no" is a stopword); a
    # clause that only mentions a denial further on still writes its sign
    denied = "38M, woke with L foot drop, weak eversion, no back pain. How do I manage?"
    assert written_signs(account_stems(denied), ("back pain",)) == []
    assert written_signs(account_stems("back pain but no fever. Imaging?"), ("back pain",)) == ["back pain"]
    assert written_signs(account_stems("woke with a painless foot drop. Cause?"), ("painless foot drop",)) == [
        "painless foot drop"
    ]


def test_a_sign_is_written_whoever_it_belongs_to():
    # session 46: "pulling at his cannula" wrote no "pulling at cannula" ("her" was a stopword, "his" not)
    sign = ("pulling at cannula",)
    his = "84M, day 2 after hip fracture fixation, agitated at night, pulling at his cannula. Any medication?"
    assert labels_within_signs({"cannula"}, account_stems(his), sign) == {"cannula"}
    her = "84F, day 2 after hip fracture fixation, pulling at her cannula. Any medication?"
    assert labels_within_signs({"cannula"}, account_stems(her), sign) == {"cannula"}
    apart = "84M, cannula sited yesterday, pulling at his catheter. Any medication?"
    assert labels_within_signs({"cannula"}, account_stems(apart), sign) == set()


def test_hot_flushes_write_no_sign_of_flushing():
    # session 40: the anaphylaxis overview's "flushing" presented "55F, hot flushes and night sweats"
    flushes = "55F, hot flushes and night sweats. Treatment?"
    assert labels_within_signs({"flushes"}, account_stems(flushes), ("flushing",)) == set()
    wasp = "Flushing, urticaria and wheeze after a wasp sting. Adrenaline dose?"
    assert labels_within_signs({"Flushing"}, account_stems(wasp), ("flushing",)) == {"Flushing"}


def unnamed_proposed(question: str, texts: list[str]) -> list[str]:
    return sorted(unnamed_words(proposed_words(question), texts, lay_equivalents(question, naming=True)))


def test_what_a_question_proposes_must_be_named():
    text = ["Cervical radiculopathy: most recover with analgesia and physiotherapy; a soft collar is not advised."]
    assert unnamed_proposed("I've got a trapped nerve in my neck, would a special pillow help?", text) == ["pillow"]
    assert unnamed_proposed("Trapped nerve in my neck, would physiotherapy help?", text) == []
    neck = "My neck aches, is it ok to carry on with my yoga classes?"
    assert unnamed_proposed(neck, text) == ["classes", "yoga"]  # as written: readers see words, not stems
    swimming = "My son is getting over an ear infection, is it ok for him to go swimming this week?"
    assert unnamed_proposed(swimming, ["Acute otitis media: analgesia first; antibiotics if ..."]) == ["swimming"]
    assert unnamed_proposed("My neck aches, what helps?", text) == []  # it proposes nothing
    # its circumstances are not what it proposes: "after a long flight"
    assert unnamed_proposed("My neck aches, would physiotherapy help after a long flight?", text) == []
    # a clinician's question (nothing described first) is the words' gate's: "IV" is "intravenous" there
    assert unnamed_proposed("Would IV fluids help septic shock?", ["Give intravenous crystalloid."]) == []
    # …but whether something is safe or allowed is asked in any wording: the PE overview never names flying
    pe = ["Pulmonary embolism: anticoagulate for at least 3 months; review for chronic thromboembolic disease."]
    assert unnamed_proposed("Is it safe to fly after a pulmonary embolism?", pe) == ["fly"]
    # a lay word counts as named by its medical words: "the jab" by "vaccination"
    flu = "I'm 70 and worried about flu, would the jab help?"
    assert unnamed_proposed(flu, ["Annual vaccination is offered."]) == []


def test_a_patient_question_asking_first_reads_its_proposal_too():
    text = ["Cervical radiculopathy: most recover with analgesia and physiotherapy; a soft collar is not advised."]
    # nothing described first, but the asker's own complaint: a patient's words, read like a description's
    assert unnamed_proposed("would a special pillow help my neck pain going down my arm?", text) == ["pillow"]
    assert unnamed_proposed("would a collar help my dad's neck pain?", text) == []
    assert unnamed_proposed("Would a special pillow help my patient's neck pain?", text) == []  # a clinician's


def test_a_drug_proposed_is_named_by_its_class_and_everyday_words_by_the_overview_s():
    reflux = ["Offer a full-dose proton pump inhibitor (PPI) for 4 or 8 weeks."]
    assert unnamed_proposed("would omeprazole help my acid reflux?", reflux) == []
    back = ["Offer an NSAID at the lowest effective dose for the shortest time."]
    assert unnamed_proposed("would ibuprofen help my back pain?", back) == []
    assert unnamed_proposed("would paracetamol help my back pain?", back) == ["paracetamol"]  # no class of its own
    neck = ["Refer for surgery when weakness progresses."]
    assert unnamed_proposed("would an operation help my pinched nerve in my neck?", neck) == []
    prostate = ["Advise reducing caffeine and alcohol in the evening."]
    assert unnamed_proposed("would cutting down on coffee help my enlarged prostate?", prostate) == []


@pytest.mark.parametrize(
    ("question", "proposed"),
    [
        ("I had a heart attack six weeks ago, when is it safe to have sex again?", ["sex"]),
        ("I had a clot on my lung 6 weeks ago. when can I go back to the gym and start running again?",
         ["gym", "running"]),
        ("my dad had a mini stroke last week. when is he allowed to drive again?", ["drive"]),
        ("my son has chickenpox, when can he go back to school?", ["school"]),
        ("I had a DVT in March and I'm on apixaban. When can I stop taking it?", []),  # taking up nothing
        ("Spotting after an ectopic pregnancy, when will my periods come back?", []),
        ("I had an ectopic, when should my hCG blood test be repeated?", []),  # done to her, not taken up
        ("I have DKA in hospital, when will they switch me back to my normal insulin?", ["insulin"]),  # no back
    ],
)
def test_an_activity_taken_up_again_is_what_the_question_proposes(question: str, proposed: list[str]):
    assert sorted(proposed_words(question).values()) == proposed


def test_the_cause_an_account_gives_after_since_is_read_but_not_its_date():
    assert cause_words("my leg has been sore and swollen since a snake bit it on holiday,") == {"snake"}
    assert cause_words("I've felt sick all the time since starting my weight loss jab,") == {"weight", "loss", "jab"}
    assert cause_words("my ankles have been swollen since last week,") == set()
    assert cause_words("my ankles have been swollen,") == set()
    assert cause_words("I sat with my legs crossed for hours and since then my foot slaps down when I walk") == set()


def test_the_cause_ends_where_the_account_s_own_verb_begins_and_is_named_by_its_medical_word():
    describing = "Since her hip operation my nan has gone quiet and sleepy and doesn't make sense,"
    assert cause_words(describing) == {"hip", "oper"}
    delirium = ["Delirium is common after hip fracture surgery in older adults."]
    assert unnamed_asking_words(f"{describing} could it be something else?", delirium) == []


def test_whether_it_is_usual_necessary_or_fair_is_the_frame_of_what_is_asked():
    hypertension = ["For people aged 55 or over, offer a calcium-channel blocker as the first drug."]
    question = "I'm 62, my GP wants me on a tablet. Which type do people my age usually start with?"
    assert unnamed_asking_words(question, hypertension) == []
    assert unnamed_asking_words("He is too old for surgery. Is that a fair reason?", ["Offer surgery."]) == []
    # whether it is dangerous is asked as whether it is safe
    anticoagulation = ["Falls alone are not a reason to withhold anticoagulation."]
    assert unnamed_asking_words("She falls a lot. Isn't anticoagulation dangerous?", anticoagulation) == []


def test_what_the_asker_would_do_is_proposed_even_when_nothing_is_described_first():
    assert proposed_words("how soon after a TIA can I drive?") == {"drive": "drive"}
    # an activity taken up without a "when" (session 38)
    assert proposed_words("had a heart attack in march, can i go back to the gym yet?") == {"gym": "gym"}
    assert proposed_words("I had a stroke in May, can I drive?") == {"drive": "drive"}
    # what an account says is coming, from what is being done to when (session 38)
    flight = "had a clot in my leg last year, now flying long haul next week. do i need an injection?"
    assert proposed_words(flight) == {"fli": "flying", "haul": "haul"}
    vignette = "74F, AF on apixaban, planned knee replacement next week. When to stop apixaban?"
    assert proposed_words(vignette) == {"knee": "knee", "replac": "replacement"}
    assert proposed_words("my baby is due next month and my blood pressure is up, is that dangerous?") == {}
    # what something is asked to do to the asker, in any wording
    assert proposed_words("does the covid vaccine affect periods?") == {"period": "periods"}
    # what the asker would eat or drink is proposed in any wording (session 38)
    assert proposed_words("can I drink alcohol while on metronidazole for c diff?") == {"alcohol": "alcohol"}
    assert proposed_words("Can she eat grapefruit on atorvastatin?")["grapefruit"] == "grapefruit"
    assert proposed_words("When can he drive after a TIA?") == {}  # a clinician's patient: synonyms a step away
    # what is judged good or bad for a condition, in any wording (session 39); never "any good", nor "it"
    assert proposed_words("is coffee bad for atrial fibrillation?") == {"coffe": "coffee"}
    assert proposed_words("Are eggs bad for cholesterol?") == {"egg": "eggs"}
    assert proposed_words("is it bad for my knees to run?") == {}
    assert proposed_words("is the melatonin you can buy online any good for it?") == {}


def test_a_procedure_named_anywhere_in_the_question_must_be_named_by_the_overview():
    # session 39: the atrial fibrillation overview names warfarin often and never a tooth
    question = "i'm on warfarin and need a tooth out, do i stop it?"
    assert unnamed_occasions(question, ["Warfarin with a target INR of 2 to 3."]) == ["tooth"]
    assert unnamed_occasions(question, ["Warfarin can usually continue for a dental extraction of a tooth."]) == []
    assert unnamed_occasions("i'm on warfarin, do i stop it?", ["Warfarin with a target INR of 2 to 3."]) == []


@pytest.mark.parametrize(
    ("question", "proposed"),
    [  # session 42: a day of the week says what is coming, unless the clause tells of the past
        (("my 5 year old has an ear infection and is on amoxicillin. he has swimming lessons on saturday, can he "
          "still go in the pool?"), ["lessons", "pool", "swimming"]),
        ("my son started vomiting on sunday and has a fever, what should I do?", []),
    ],
)
def test_a_plan_for_a_day_of_the_week_is_proposed(question: str, proposed: list[str]):
    assert sorted(proposed_words(question).values()) == proposed


def test_a_day_of_the_week_in_a_past_account_is_no_plan():
    question = ("hurt my back lifting boxes at work on monday, gp says no xray needed and to keep moving. shouldnt i "
                "have a scan just to be sure?")
    assert "lifting" not in proposed_words(question).values()
    assert "skiing" in proposed_words("I'm going skiing next saturday and I'm on rivaroxaban, is that ok?").values()


def test_a_sentence_opening_with_a_thing_had_tells_and_does_not_ask() -> None:
    # session 58: "had sciatica …" was read as asking, so the foot's signs were asked about
    describing, asking = split_asking(
        "had sciatica down my left leg for 3 weeks, now my foot slaps when i walk. how urgent is this actually?"
    )
    assert "sciatica" in describing and asking.strip() == "how urgent is this actually?"
    assert split_asking("has he had the jab? he is 70.")[1].strip() == "has he had the jab?"


def test_a_sign_written_as_denied_is_read_only_in_a_clause_that_denies_it() -> None:
    signs = ("no back pain", "painless foot drop")
    assert written_signs(account_stems("my foot slaps when i walk. no back pain at all. what now?"), signs) == [
        "no back pain"
    ]
    assert written_signs(account_stems("my foot slaps and i have back pain. what now?"), signs) == []


def test_how_long_before_someone_is_allowed_to_do_something_proposes_it() -> None:
    words = proposed_words("mum had a TIA last week, how long before she's allowed to drive again?")
    assert set(words.values()) == {"drive"}


def test_when_someone_can_take_something_up_again_told_in_a_vignette_proposes_it() -> None:
    # session 59: "He asks when he can return to driving his taxi." was answered by the stroke overview
    words = proposed_words(
        "A 60-year-old bus driver had a TIA a week ago and is on clopidogrel. He asks when he can drive his bus "
        "again. What should he be told?"
    )
    assert {"drive", "bus"} <= set(words.values())


def test_an_activity_to_be_stopped_for_a_while_is_proposed_a_treatment_is_not():
    # session 63: the stroke overview, never naming driving, answered how long a TIA stops it
    assert proposed_words("my dad had a tia last week, hes fine now. how long does he have to stop driving for?") == {
        "drive": "driving"
    }
    assert proposed_words("do i have to stop taking my pill before the operation?") == {}


def test_what_the_patient_does_in_a_sentence_that_asks_nothing_is_told():
    # session 63: "does tai chi" opened the asking part, so the whole vignette's tail was read as asked
    describing, asking = split_asking(
        "A 72-year-old woman has hypothyroidism, does tai chi, and her son says she fainted. Which is most appropriate?"
    )
    assert "tai chi" in describing and asking.strip() == "Which is most appropriate?"
    assert split_asking("He has a cough, does it need antibiotics.")[1].strip() == "does it need antibiotics."


def test_an_accounts_marked_sentence_before_the_one_that_asks_tells_what_was_said():
    # session 63: "now they say its probably not gout??" made the GP's bloods a subject the overview must name
    describing, asking = split_asking(
        "my husband had a swollen big toe. GP took bloods and the uric acid came back normal so now they say its "
        "probably not gout?? does a normal level rule gout out?"
    )
    assert "took bloods" in describing and asking.strip() == "does a normal level rule gout out?"
    assert split_asking("I am on apixaban? Ibuprofen ok?") == ("", "I am on apixaban?  Ibuprofen ok?")
