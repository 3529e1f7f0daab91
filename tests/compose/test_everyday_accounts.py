"""A question told as an account ("I'm 64 and up four times a night to wee … what tablets can help?") reaches the
overview its account describes; frequent misspellings, everyday names and class members read as the sources write
them. What the account proposes ("…does that work?", "…is that ok?") and a drug an emergency's overview gives for
another situation still leave the answer unanswered (session 15:
answer._described_by_its_account and _proposes_drug, described.describing_labels and proposed_words, spelling,
lay_naming.yaml, variants.NAMED_MEMBERS, terms' planned pregnancy)."""

import pytest

from medora.answer import answer_question
from medora.compose.age_groups import CHILD, group_of_question
from medora.compose.described import describing_labels, pointed_clause, proposed_words
from medora.compose.leads import holds_for_the_question
from medora.compose.spelling import meant_word, with_spelling_corrected
from medora.compose.terms import specific_terms
from medora.compose.variants import with_member_classes
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source as _asked


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        ("im 64 and getting up 3-4 times a night to wee, and the flow is really weak. what tablets can help with "
         "this?", "benign-prostatic-hyperplasia"),
        ("my brother drinks over a litre of vodka a day and wants to stop. is it safe for him to just quit at home "
         "or does he need to go into hospital?", "alcohol-use-disorder"),
        ("my dad has copd and had another chest flare up. the gp gave steroids, how many days should he take them "
         "and does he need antibiotics too", "copd"),
        ("they found an ectopic and offered me the methotrexate injection instead of an op. how long do i have to "
         "wait before trying for a baby again", "ectopic-pregnancy"),
        ("post alcohol detox relapse prevention - naltrexone ok if on methadone?", "alcohol-use-disorder"),
        ("HbA1c target on gliclazide NICE", "type-2-diabetes"),
        # the cause after "since" ends at the account's verb, and the operation is named by "surgery"
        ("Since her hip operation my nan has gone quiet and sleepy and doesn't make sense, but the nurses say she's "
         "just tired. Could it be something else?", "delirium"),
        # "can we wait for her GP appointment?": the appointment is the frame of what is asked
        ("My mum's face drooped and her speech went funny for 20 minutes this morning, but she's totally fine now. "
         "Can we wait for her GP appointment?", "stroke-and-tia"),
        # "a tummy bug" is named by "diarrhoea", "re-test his poo" by "test of cure" (compose/data/lay_naming.yaml)
        ("Grandad caught a nasty tummy bug in hospital from his antibiotics, got better, and now the nurses want to "
         "re-test his poo to check it's gone. Is that needed?", "clostridioides-difficile-infection"),
        ("I've been on a weekly bone tablet for five years. Do I have to take it forever?", "osteoporosis"),
        # the reliever by its colour routes to the overview writing "SABA" (compose/data/lay_terms.yaml)
        ("I only use my blue inhaler, maybe every day or two, and I've never been given anything else. Is that OK?",
         "asthma-adults"),
        # a feeling is not what a statement on pregnancy must name; "after the baby comes" is after birth (session 29)
        ("im 32 weeks pregnant and my hands keep going numb and tingly at night, mostly my thumb and first 2 fingers. "
         "will it go away after the baby comes?", "carpal-tunnel-syndrome"),
        # a clot buster is a thrombolytic: it routes as well as names (session 29)
        ("my dad has had a stroke, can he have the clot busting drug?", "stroke-and-tia"),
        # "going downhill" is an idiom, and a cause "that can be fixed" a reversible one (session 29)
        ("mums memory is going downhill fast. what blood tests should the GP be doing first to check its not "
         "something fixable?", "dementia-workup"),
        # "sorted her out" is an idiom: no technical word the overview must name (session 29)
        ("wife had a bad reaction to a wasp sting. the first epipen sorted her out but A&E still kept her in for "
         "hours afterwards, why so long if she was better", "anaphylaxis"),
        # nicotine gum is nicotine replacement therapy, which the smoking overview allows in pregnancy (session 50)
        ("I'm 16 weeks pregnant and I still smoke. Can I use nicotine gum to help me stop?", "smoking-cessation"),
        # a headache had for the first time in one's life is a new one, one worse every week a progressive one
        ("My mum is 60 and getting headaches for the first time in her life, worse every week. Should she see "
         "someone?", "migraine-and-headache"),
        # "still" asks whether, not about what (session 26)
        ("Mum's face drooped and her arm went weak for about 10 minutes, now she's totally fine. Does she still need "
         "to be seen today?", "stroke-and-tia"),
    ],
)
def test_an_account_in_everyday_words_reaches_its_overview(
    library_workspace: Workspace, question: str, overview: str
) -> None:
    assert _asked(library_workspace, question) == ("answered", f"library:{overview}")


@pytest.mark.parametrize(
    "question",
    [
        # what was proposed comes before "does that work?"; the syncope overview never names salt or water
        "I faint quite a lot when I'm stood up for ages. someone told me to eat more salt and drink loads of water, "
        "does that work?",
        "I'm going skiing in the Alps next week and I'm on rivaroxaban for a DVT. Is that ok?",
        # the stroke overview's "aspirin at once" is for a suspected TIA, not before a stroke is scanned
        "my dad's face has dropped on the left and his speech is slurred. should i give him an aspirin before the "
        "ambulance comes",
        # "opioids are not recommended for IBS pain" does not answer codeine for diarrhoea
        "can i take codeine for ibs diarrhoea",
        # carrying on or taking up: the overview of hypertension in pregnancy never names calcium (session 25)
        "I'm at high risk of pre-eclampsia and taking aspirin. should I also be taking calcium?",
        # a child stated by age: the influenza overview never speaks of children (session 25)
        "my 6 year old has flu, can he have tamiflu?",
        # fertility, which the testicular torsion overview never speaks of; a child "who is 10" (session 26)
        "Our son is 14 and had one testicle removed after a torsion. Will he still be able to have children?",
        "My husband has familial hypercholesterolaemia and our son who is 10 has tested positive for it too. Should "
        "he be on a statin?",
    ],
)
def test_what_an_account_proposes_and_no_overview_names_stays_unanswered(
    library_workspace: Workspace, question: str
) -> None:
    assert _asked(library_workspace, question)[0] != "answered"


def test_a_frequent_misspelling_is_read_as_the_everyday_word_meant() -> None:
    assert meant_word("definately") == "definitely"
    assert meant_word("insted") == "instead"
    # listed, never found by frequency: a product or a word of its own is no misspelling of a commoner word
    for word in ("moderna", "vapers", "matcha", "vaping", "alot"):
        assert meant_word(word) is None, word
    assert with_spelling_corrected("he doesn't, will a splint definately help?") == (
        "he doesn't, will a splint definitely help?"  # a contraction's first part is no misspelling
    )


def test_a_drug_named_only_where_the_question_asks_lets_the_account_be_described() -> None:
    asking_only = "my dad has crushing chest pain and hes sweaty. should I give him an aspirin?"
    assert "sweaty" in describing_labels(asking_only, specific_terms(asking_only))
    # a finding beside a drug the account names may be the drug's own effect: it must be named
    since_drug = "since starting amlodipine my ankles are puffy and hes sweaty. is that normal?"
    assert describing_labels(since_drug, specific_terms(since_drug)) == set()


def test_a_pointing_proposal_takes_the_clause_before() -> None:
    words = proposed_words("I faint when I stand for ages. my friend told me to eat more salt, does that work?")
    assert "salt" in words.values()
    assert proposed_words("I have a trapped nerve in my neck, would a special pillow help?") == {"pillow": "pillow"}
    # the person who proposed it and when are not what is proposed
    told = "my brother finished a detox last month and the GP mentioned naltrexone. does that work?"
    assert set(proposed_words(told).values()) == {"detox", "naltrexone"}
    assert "skiing" in proposed_words("I'm going skiing next week and I'm on rivaroxaban. Is that ok?").values()
    # after whoever proposed it: not the clot the scan found (session 29)
    rescan = ("scan found a small clot just in my calf and the doctor says theyll rescan in a week instead of giving "
              "me blood thinners. is that safe??")
    assert proposed_words(rescan) == {"rescan": "rescan"}
    assert pointed_clause(rescan) == "theyll rescan in a week instead of giving me blood thinners"
    assert pointed_clause("is it safe to drink alcohol on antibiotics?") is None  # it asks more than it points
    # what it is worth, of what the account told (session 45); "coming back" is no one's back
    worth = "my GP suggested cranberry capsules to stop my bladder infections coming back, are they worth it?"
    assert set(proposed_words(worth)) == {"cranberri", "bladder", "infect"}
    assert "hpv" in proposed_words("im 34 and never had the hpv jab at school, is it worth getting it now")


def test_a_question_asking_only_by_pointing_is_led_by_the_line_on_what_it_points_at(
    library_workspace: Workspace,
) -> None:
    question = ("scan found a small clot just in my calf and the doctor says theyll rescan in a week instead of giving "
                "me blood thinners. is that safe??")
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert article.answer_status == "answered"
    assert article.bottom_line[0].text.startswith("For isolated distal DVT")


def test_carrying_on_or_taking_something_up_is_a_proposal() -> None:
    assert proposed_words("My wife has Alzheimer's. Can she keep driving?") == {"drive": "driving"}
    assert proposed_words("I had a clot on my lung. Am I ok to fly to Spain next month?") == {
        "fli": "fly", "spain": "Spain"
    }
    assert proposed_words("high risk of pre-eclampsia. should I also be taking calcium tablets?") == {
        "calcium": "calcium"
    }
    assert proposed_words("I have gout. Can I have a beer?") == {}  # no carrying on: the words' gate reads it


def test_going_somewhere_how_soon_and_giving_something_up_are_proposals() -> None:
    # session 26: the place gone to, not cut as a circumstance ("in the pool"); "how soon" asks as "when" does
    assert proposed_words("he is on amoxicillin for an ear infection. can he still go in the pool?") == {
        "pool": "pool"
    }
    assert proposed_words("I'm having carpal tunnel release next week. How soon after the op can I drive?") == {
        "drive": "drive", "carpal": "carpal", "tunnel": "tunnel", "releas": "release"  # the plan too (session 38)
    }
    assert proposed_words("husband has gout again. does he need to give up beer?") == {"beer": "beer"}
    assert proposed_words("I have gout. Should I avoid alcohol?") == {"alcohol": "alcohol"}
    # giving something up is proposed in a clinician's wording too; other proposals there are the words' gate's
    assert proposed_words("Does he need to give up beer for his gout?") == {"beer": "beer"}
    assert proposed_words("Should patients with gout avoid alcohol?") == {"alcohol": "alcohol"}
    assert proposed_words("Would IV fluids help in DKA?") == {}


def test_an_adolescent_is_not_answered_by_an_overview_for_adults(library_workspace: Workspace) -> None:
    from medora.answer import answer_question

    question = "my 13 year old has had high blood pressure readings twice at the GP, what happens next?"
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert article.answer_status == "partial"
    assert article.coverage_notice.startswith(
        "Hypertension in adults is written for adults; the question is about an adolescent."
    )


def test_a_drug_without_an_inn_stem_is_named_by_its_class() -> None:
    (tramadol,) = with_member_classes(specific_terms("Is tramadol reasonable long term?"))
    assert "opioids" in tramadol.forms
    (sertraline,) = [t for t in with_member_classes(specific_terms("Is sertraline safe?")) if t.kind == "drug"]
    assert "ssris" in sertraline.forms and "SSRI" in sertraline.abbreviations
    (salbutamol,) = [t for t in with_member_classes(specific_terms("Not responding to salbutamol?")) if t.kind == "drug"]
    assert "SABA" in salbutamol.abbreviations  # the asthma overview's "high-dose inhaled SABA" (session 22)
    # two members of one class: a statement on the class cannot choose between them
    both = [t for t in specific_terms("morphine or tramadol for his back?") if t.kind == "drug"]
    assert all("opioids" not in term.forms for term in both)
    # the heart-failure overview's "non-steroidal anti-inflammatory drugs … should be avoided" (session 26)
    (naproxen,) = with_member_classes(specific_terms("dad takes naproxen for his knees, is it bad for his heart?"))
    assert "NSAIDs" in naproxen.abbreviations
    (aspirin,) = with_member_classes(specific_terms("should he take aspirin?"))
    assert "NSAIDs" not in aspirin.abbreviations


def test_trying_for_a_baby_is_a_pregnancy_planned_not_an_infant() -> None:
    question = "on topiramate for migraine, may try for a baby next year - is that ok?"
    (planned,) = [t for t in specific_terms(question) if t.kind == "population"]
    assert planned.label == "try for a baby" and "pregnancy" in planned.forms and "conception" in planned.forms
    assert group_of_question(question) != CHILD
    assert group_of_question("my baby has had a fever since last night") == CHILD


@pytest.mark.parametrize(
    ("question", "status", "overview"),
    [
        # "heart attack" is no stroke overview's "attack" (TIA): the lipid overview names atorvastatin 80
        ("my husband had a heart attack and is on atorvastatin 80, is that dose too high?", "answered",
         "library:lipid-management"),
        # two blood thinners together: dual antiplatelet therapy (compose/data/lay_terms.yaml)
        ("I had a heart attack last month. Why do I have to take two blood thinners together?", "answered",
         "library:acute-coronary-syndrome"),
        # "both" is a stopword: "blood thinners" alone is still the atrial fibrillation overview's
        (("My heartbeat goes all irregular now and then and the doctor wants me on blood thinners to stop a stroke. "
          "Do I need them if it only comes and goes?"), "answered", "library:atrial-fibrillation-anticoagulation"),
        # a water infection routes to the urinary tract infection overview, not C. difficile's "infection"
        ("how long should I take antibiotics for a water infection?", "answered", "library:urinary-tract-infection"),
        # a section headed by the term asked about: "Management › Injections"
        ("my knee is stiff and aches when I walk, the doctor says it's wear and tear. will injections help?",
         "answered", "library:osteoarthritis-knee-hip"),
        # what someone eats is their diet
        ("my doctor says I have IBS, what can I eat to help?", "answered", "library:irritable-bowel-syndrome"),
        # closest in meaning with its closest passages not agreeing, but its everyday descriptions do
        ("my legs are numb and tingly in both feet, what tests should the doctor do?", "answered",
         "library:peripheral-neuropathy-workup"),
        # "should I still be having …" proposes it: the IBS overview's bowel cancer is an alarm feature, no screening
        ("I'm 70, should I still be having bowel cancer screening?", "partial", "library:irritable-bowel-syndrome"),
        # a described emergency (sepsis, an adults' overview) is never answered by a calm neighbour's overview
        ("my 4 year old has a temperature and is very sleepy and floppy, what should I do?", "insufficient", None),
        # another kind of the condition: hepatitis B's vaccine is no hepatitis C vaccine, type 2 is not type 1
        ("is there a vaccine for hepatitis C?", "partial", "library:hepatitis-b-screening-and-management"),
        ("does metformin help in type 1 diabetes?", "partial", "library:type-2-diabetes"),
        # the closest source of a partial answer is the condition's overview, not one naming the remedy elsewhere
        ("does magnesium help with insomnia?", "partial", "library:insomnia"),
        # an emergency's overview chosen by the words for a calm question yields to the overview meaning answers by
        ("I've had sciatica for 8 weeks and it's not getting better, will I need an operation?", "answered",
         "library:lumbar-radiculopathy-foot-drop"),
        ("LDL target for secondary prevention NICE", "answered", "library:lipid-management"),
        # …and stays when meaning answers by none
        (("my husband had a stent put in after a heart attack and is on aspirin and ticagrelor. how long does he "
          "need to be on both?"), "answered", "library:acute-coronary-syndrome"),
        # what the asker would do themselves is proposed, in a question that describes nothing first
        ("how soon after a TIA can I drive?", "partial", "library:stroke-and-tia"),
        # a clinician's words the overviews write another way: "in hospital", albuminuria
        ("How is delirium prevented in hospitalised older adults?", "answered", "library:delirium"),
        ("What BP target for someone with CKD and proteinuria?", "answered", "library:chronic-kidney-disease"),
        # session 37
        # how bad the pain is, in everyday words, is no finding a source must name
        ("my toe is red hot and agonising, can I take colchicine?", "answered", "library:gout"),
        # session 44: how a medicine was taken is no term ("aspirin to chew"), and a numb bum is saddle numbness
        (("my dad had crushing chest pain going up into his jaw. the ambulance crew gave him aspirin to chew but "
          "wouldnt give him oxygen even tho he asked for it, is that right?"), "answered",
         "library:acute-coronary-syndrome"),
        (("had sciatica for weeks, now its down both legs and my bum feels numb when i wipe. can this wait till my gp "
          "appt on monday"), "answered", "library:cauda-equina-syndrome"),
        # session 44: pottering about in the garden is how she lives, not a term the falls overview must name
        (("mum is 78, still loves pottering about in her garden, but she's had two falls since the summer. would tai "
          "chi or an exercise class actually make any difference?"), "answered", "library:falls-in-older-adults"),
        # "the combined pill" is named by the pill's medical words, never by any "combined" (the migraine overview's)
        ("can I take the combined pill if I get migraine with aura?", "answered", "library:contraception"),
        # the patient's own dose asked about: the drug is what is asked (the kidney overview, never dosing apixaban,
        # answered it), and the AF overview gives apixaban's dose-reduction criteria (version 3)
        ("72F on apixaban for AF, eGFR 28, weight 58 kg. Is her dose right?", "answered",
         "library:atrial-fibrillation-anticoagulation"),
        # a dose asked that the overview never states (the gout overview: "a low-dose regimen"), and one it does
        ("what dose of colchicine for a gout flare?", "partial", "library:gout"),
        ("what is the dose of amoxicillin for pneumonia?", "answered", "library:community-acquired-pneumonia"),
        # a vignette's amenorrhoea is named by the ectopic overview (version 2: "a missed period (amenorrhoea)")
        ("29F, 7 weeks amenorrhoea, left iliac fossa pain, hCG 1800, no intrauterine sac on TVUS. Management?",
         "answered", "library:ectopic-pregnancy"),
        # a clinician asking whether something is safe proposes it: the PE overview never names flying
        ("Is it safe to fly after a pulmonary embolism?", "partial", "library:pulmonary-embolism"),
        # session 38
        # booze is alcohol; "can't sleep" tells, it does not ask; runny diarrhoea is diarrhoea
        ("how do i get off the booze safely?", "answered", "library:alcohol-use-disorder"),
        ("can't sleep at all, i lie awake for hours every night, what can i do without pills?", "answered",
         "library:insomnia"),
        ("runny diarrhoea after antibiotics, could it be c diff?", "answered",
         "library:clostridioides-difficile-infection"),
        # "had a withdrawal seizure" tells what the case had: its GGT is a finding, not what is asked
        (("47M drinking about 20 units a day for years, AUDIT 31, had a withdrawal seizure 2 years ago, lives alone, "
          "GGT 240. He wants to stop drinking. Can he do assisted withdrawal at home, and what thiamine should he "
          "get?"), "answered", "library:alcohol-use-disorder"),
        # an activity asked about without a "when": the stroke overview never speaks of driving
        ("I had a stroke in May, can I drive?", "partial", "library:stroke-and-tia"),
        # what is coming is what the question turns on: the DVT overview never names a flight
        ("had a clot in my leg last year, now flying long haul next week. do i need an injection?", "partial",
         "library:deep-vein-thrombosis"),
        # whom an account is about is no subject: the ear-infection overview's children do not answer worms
        ("my child has worms, what treatment?", "insufficient", None),
        ("my 3 year old has ear ache and a temperature, does she need antibiotics?", "answered",
         "library:acute-otitis-media"),
        # session 39
        # an overview speaking of type 2 diabetes only does not answer for type 1 (nor does the closest by meaning);
        # one naming both kinds does
        ("is semaglutide safe in type 1 diabetes?", "partial", "library:obesity-management"),
        ("what blood pressure target in type 1 diabetes?", "partial", "library:hypertension"),
        (("im 10 weeks pregnant and have type 1 diabetes, midwife said take aspirin so i dont get pre eclampsia, when "
          "do i start and how long for?"), "answered", "library:hypertension-in-pregnancy"),
        # a case presenting with the signs of one overview's condition only, which words and meaning missed
        ("78F, acutely confused, fluctuating attention, dipstick positive. Management?", "answered",
         "library:delirium"),
        (("84F day 2 post hip fracture fixation, drowsy, inattentive, muddled at night; daughter says she's normally "
          "sharp. How do I screen for this and what do I do first?"), "answered", "library:delirium"),
        # …never for a child, nor for a drug the overview does not name
        ("7-year-old, acutely confused with fluctuating attention after a febrile illness. Management?", "partial",
         "library:delirium"),
        ("80F, acutely confused, fluctuating attention. Is rivastigmine indicated?", "partial", "library:delirium"),
        # the cervix's screening is no spine's; a procedure the question turns on must be the overview's subject
        ("at what age do you stop cervical screening?", "insufficient", None),
        ("i'm on warfarin and need a tooth out, do i stop it?", "partial",
         "library:atrial-fibrillation-anticoagulation"),
        # what is judged bad for the condition must be named: the AF overview never speaks of coffee
        ("is coffee bad for atrial fibrillation?", "partial", "library:atrial-fibrillation-anticoagulation"),
        ("is exercise good for osteoarthritis?", "answered", "library:osteoarthritis-knee-hip"),
        # the lipid overview says whom its secondary prevention is for (version 2)
        ("60M, LDL 4.2 after MI on atorvastatin 80. Add what?", "answered", "library:lipid-management"),
        # session 40
        # which prevention is asked for must be named: the AF overview's aspirin line is no primary prevention
        ("Aspirin for primary prevention in over 70s?", "partial", "library:atrial-fibrillation-anticoagulation"),
        # the menopause's hot flushes are no flushing of anaphylaxis; no overview speaks of them
        ("55F, hot flushes and night sweats, wants HRT. Risks?", "insufficient", None),
        # the asker's children listed among worries are no population
        (("I worry all the time about everything, money, the kids, work, for over a year now and I can't switch off. "
          "What treatments are there?"), "answered", "library:generalized-anxiety-disorder"),
        # the VTE prophylaxis overview speaks of long-distance travel (version 3), never of a flight: a calf swollen
        # after one may be a clot, no question for prophylaxis (tests/compose/test_by_meaning.py)
        ("Do long-distance travellers need VTE prophylaxis?", "answered", "library:venous-thromboembolism-prophylaxis"),
        # session 41
        # a target asked that the overview never states (the AF overview names INR only as "labile INR"), and one
        # it does
        ("What is the target INR for AF?", "partial", "library:atrial-fibrillation-anticoagulation"),
        ("Target serum urate on ULT in tophaceous gout?", "answered", "library:gout"),
        # session 45 (the twenty-second sets, read as a development set from this session)
        # a brand no passage writes is searched for by its generic name; an abbreviation typed in small letters is
        # read; a patient's own blood thinner is named by a line on people taking anticoagulants
        ("ive had prolia injections for 4 years now, can i just stop having them", "answered",
         "library:osteoporosis"),
        (("gp wants me to try amitriptyline for my ibs, what dose do people usually start on? worried about being "
          "drowsy at work"), "answered", "library:irritable-bowel-syndrome"),
        ("my dad is on apixaban for his heart, would he be able to get that new alzheimers drug lecanemab", "answered",
         "library:dementia-workup"),
        ("took ellaone yesterday after the condom split. how long do i have to wait before i can go back on my pill",
         "answered", "library:contraception"),
        # what a remedy costs, how bad it feels, how stable the patient is: none is a topic
        ("is glucosamine worth buying for my knee arthritis or is it a waste of money", "answered",
         "library:osteoarthritis-knee-hip"),
        ("gp put me on ferrous sulphate and it wrecks my stomach. can i just take it every other day instead",
         "answered", "library:iron-deficiency-anaemia"),
        ("suspected acute aortic dissection, haemodynamically stable - what's the first-line imaging test?",
         "answered", "library:chest-pain-evaluation"),
        ("DKA on FRIII 0.1 units/kg/h, CBG now 12.5 mmol/L but ketones still 2.8 - what do I change?", "answered",
         "library:diabetic-ketoacidosis"),
        (("41M with a known L4/5 disc prolapse now has sciatica in both legs and feels numb down below when wiping. "
          "Post-void bladder scan 40 mL. Does the normal residual mean the MRI can wait for tomorrow's list?"),
         "answered", "library:cauda-equina-syndrome"),
        # …while a pump the DKA overview never names, the HPV jab the vaccine overview never names, and cranberry
        # capsules the UTI overview never names stay unanswered
        ("T1DM on an insulin pump, now in DKA on FRIII - continue the usual long-acting insulin alongside?",
         "partial", "library:diabetic-ketoacidosis"),
        ("im 34 and never had the hpv jab at school, is it worth getting it now", "partial",
         "library:adult-vaccinations"),
        ("my GP suggested cranberry capsules to stop my bladder infections coming back, are they worth it?",
         "partial", "library:urinary-tract-infection"),
        ("Rifaximin for IBS with constipation?", "partial", "library:irritable-bowel-syndrome"),
    ],
)
def test_everyday_questions_of_sessions_36_to_45_reach_the_overview_that_answers_them(
    library_workspace: Workspace, question: str, status: str, overview: str | None
) -> None:
    assert _asked(library_workspace, question) == (status, overview)


@pytest.mark.parametrize(
    ("question", "status", "overview"),
    [
        # a note's Hb and GI (compose/subject.py SHORTHAND); the camera tests by the way in (lay_terms.yaml)
        ("72F, Hb 91, ferritin 5, no GI symptoms, on clopidogrel. Just give iron or investigate?", "answered",
         "library:iron-deficiency-anaemia"),
        ("the gp says my iron is low and wants a camera down my throat and up my bottom. i feel fine, why?",
         "answered", "library:iron-deficiency-anaemia"),
        # kidneys that suddenly got worse; the knees the painkiller is for are no complaint
        ("my dad takes naproxen for his back and now the doctors say his kidneys have suddenly got worse. should "
         "he stop his blood pressure tablets?", "answered", "library:acute-kidney-injury"),
        # sprinting is exertion; "Disposition?" frames the question
        ("19-year-old woman collapsed while sprinting in a netball match, no warning symptoms. ECG normal. "
         "Disposition?", "answered", "library:syncope"),
        # a bug going round is an infection circulating; a heart pumping at 30% is its ejection fraction; tense
        # shoulders are muscle tension (compose/data/lay_terms.yaml, lay_naming.yaml)
        ("my nan has COPD and there's flu going round her care home, should she have antivirals?", "answered",
         "library:influenza"),
        ("the cardiologist says my heart only pumps at 30%, which tablets will I need?", "answered",
         "library:heart-failure"),
        ("I can't stop worrying about money and work and my shoulders are always tense, it's been going on for a "
         "year. what can help?", "answered", "library:generalized-anxiety-disorder"),
        # …while what those overviews never name stays a partial answer
        ("my mum's kidneys have suddenly got worse, would cranberry juice help them recover?", "partial", None),
        ("67M, Hb 98, ferritin 8, no GI symptoms. Would lactoferrin be better than ferrous sulfate?", "partial",
         None),
        # session 48: what the tablets make one feel, read past who gave them, is their side effects
        ("The iron tablets my doctor gave me make me really sick and constipated. Do I have to take them every day?",
         "answered", "library:iron-deficiency-anaemia"),
    ],
)
def test_everyday_questions_of_session_47_reach_the_overview_that_answers_them(
    library_workspace: Workspace, question: str, status: str, overview: str | None
) -> None:
    got_status, got_source = _asked(library_workspace, question)
    assert got_status == status
    assert overview is None or got_source == overview


def test_an_overview_answering_from_below_the_first_passages_is_laid_out_whole(library_workspace: Workspace) -> None:
    # the kidney overview answers alone from sixth place among the on-topic passages; it was once laid out from no
    # passage at all, an "answered" overview with an empty article shown as insufficient
    question = "Creatinine doubled after starting an ACE inhibitor and a diuretic, what should I do?"
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert article.answer_status == "answered" and article.bottom_line
    assert article.references[0].source_key == "library:acute-kidney-injury"


def test_a_pregnant_womans_baby_is_no_infant_for_the_lead() -> None:
    question = "I'm pregnant and have been told I have high blood pressure, is labetalol safe for the baby?"
    line = "Labetalol is first line, nifedipine is the alternative, and methyldopa is used if both are unsuitable."
    assert holds_for_the_question(line, question, "Hypertension in pregnancy")
    assert not holds_for_the_question(line, "my baby has a cough, is labetalol safe?", "Hypertension in pregnancy")


def test_an_emergency_no_overview_is_on_is_never_answered_by_one_naming_it_in_passing(library_workspace: Workspace):
    # session 40: the ear-infection overview, naming meningitis among its complications, answered with its amoxicillin
    # plan; the urgent notice stays, the answer is partial and says why
    article = answer_question("Meningitis in a 5-year-old, which antibiotic?", retriever=library_workspace.retriever,
                              settings=library_workspace.settings)
    assert article.answer_status == "partial"
    assert article.urgent_notice and "meningitis" in article.urgent_notice.lower()
    assert article.coverage_notice.startswith("No overview here is on meningitis")
    assert _asked(library_workspace, "Which antibiotic for acute otitis media in a 5-year-old?")[0] == "answered"


@pytest.mark.parametrize(
    ("question", "lead"),
    [
        # session 41: a sentence stating a dose holds the question's "dose"; one aiming for a value its "target"
        ("Flushing, urticaria and wheeze after a wasp sting. Adrenaline dose?", "500 micrograms"),
        ("Target MAP in septic shock?", "target of 65 mmHg"),
        ("COPD exacerbation - oxygen sat target?", "saturation of 88–92%"),
        # a synonym completes an option the sentence half names ("recombinant zoster vaccine")
        ("Shingles vaccine at 65, which one?", "recombinant zoster vaccine"),
        # the country asked about chooses between two issuers' doses; the lead model keeps the line with the dose
        (("45-year-old man, otherwise healthy, with mild community-acquired pneumonia, CRB-65 0, treated at home in the "
          "UK. Antibiotic and dose?"), "NICE advises amoxicillin 500 mg three times daily"),
        # session 42: "take" is no topic word beside a drug named, and HFrEF spelled out names heart failure
        ("Dad has heart failure and his knees are really sore. Can he take ibuprofen for them?",
         "NSAIDs) such as ibuprofen"),
    ],
)
def test_the_lead_states_the_dose_target_or_option_asked(library_workspace: Workspace, question: str, lead: str):
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert lead in article.bottom_line[0].text


def test_a_plan_the_overview_never_names_is_a_partial_answer(library_workspace: Workspace):
    # session 42: "swimming lessons on saturday" is the plan asked about; the ear-infection overview never names it
    # (its "Pooled trial data" named the pool)
    article = answer_question(
        "my 5 year old has an ear infection and is on amoxicillin. he has swimming lessons on saturday, can he still "
        "go in the pool?", retriever=library_workspace.retriever, settings=library_workspace.settings,
    )
    assert article.answer_status == "partial"
    assert "swimming" in article.uncovered_terms


def test_whom_and_which_drug_alone_do_not_make_an_overview_with_no_word_for_the_complaints_body_part(
    library_workspace: Workspace,
):
    # session 48: "children" and "antibiotic" were all the specific terms, and the ear-infection overview names both;
    # it never names a leg, so it does not answer the red patch on one, and the partial answer says what is missing
    article = answer_question(
        "My 3-year-old has a red, swollen patch on her leg. What antibiotic do they give small children?",
        retriever=library_workspace.retriever, settings=library_workspace.settings,
    )
    assert article.answer_status == "partial"
    assert article.coverage_notice.startswith("No source here addresses the leg together with")
    # …nor a child's cough with crackles, signs of the pneumonia overview's condition, the sore-throat overview's
    article = answer_question(
        "4 yo child with fever, cough and right basal crackles, sats 95% on air. Which oral antibiotic and for how "
        "long?", retriever=library_workspace.retriever, settings=library_workspace.settings,
    )
    assert article.answer_status == "partial" and "crackles" in article.coverage_notice
    # …while a body part the overview names keeps its answer
    assert _asked(library_workspace, "My 3-year-old keeps pulling at her ear and has a fever. Which antibiotic do "
                                     "they give small children?")[0] == "answered"


def test_a_drug_asked_for_a_body_part_the_overview_never_names_is_partial_without_whom(library_workspace: Workspace):
    # session 54: a teenager's swollen testicle after puffy cheeks (mumps orchitis) was answered by the sore-throat
    # overview's antibiotics; "17 yr old" is no population term, so whom and the drug was too narrow a gate; and
    # "testes" read as the overview's "tests" by its stem
    article = answer_question(
        "my 17 yr old son had puffy swollen cheeks near his jaw last week and now one of his testicles is swollen and "
        "really sore, does he need antibiotics", retriever=library_workspace.retriever,
        settings=library_workspace.settings,
    )
    assert article.answer_status == "partial"
    # since session 55 "testicles" routes to the torsion overview's "testis": it is the closest source, and what it
    # leaves unaddressed is the jaw; never the testicles by the sore-throat overview's "tests"
    assert "the jaw" in article.uncovered_terms and "testicles" not in article.uncovered_terms
    assert article.references[0].source_key == "library:testicular-torsion-and-acute-scrotum"
    # …while a complaint the overview names keeps its answer
    assert _asked(library_workspace, "sore throat for 3 days, allergic to penicillin, which antibiotic?")[0] == (
        "answered"
    )


def test_a_womans_case_is_not_answered_by_the_prostate_overview(library_workspace: Workspace):
    # session 48: the prostate overview's dipstick lines answered an 86-year-old woman's urine dip
    article = answer_question(
        "86F care home resident, more confused, urine dip nitrite+ leuc+, no dysuria or frequency, afebrile, obs "
        "normal. Treat as UTI?", retriever=library_workspace.retriever, settings=library_workspace.settings,
    )
    assert all("prostat" not in item.title.lower() for item in article.references)
    assert "prostat" not in (article.coverage_notice or "").lower()
    # session 49: the urine-infection overview now says how UTI is diagnosed in people over 65 (no dipstick) and
    # what new confusion without urinary symptoms calls for, so it answers her
    assert article.answer_status == "answered"
    assert article.references[0].title == "Urinary tract infection in adults"


def test_a_symptom_word_beside_another_body_part_in_a_title_is_not_the_questions(library_workspace: Workspace):
    # session 49: the "sore" of "Acute sore throat" made the sore-throat overview the topic of a sore shin
    status, first = _asked(
        library_workspace,
        "Dad's shin is red, hot and sore and he's allergic to penicillin. What antibiotic can he have?",
    )
    assert (status, first) == ("answered", "library:cellulitis")
    assert _asked(library_workspace, "sore throat for 3 days, allergic to penicillin, which antibiotic?")[1] == (
        "library:acute-pharyngitis"
    )


@pytest.mark.parametrize(
    "question",
    [
        # the account names nothing but what it feels: the descriptions' overview, holding more of its words, wins
        # over the L5 overview its "foot drop" passages and title brought (answer._told_findings_described_elsewhere)
        "I woke up after sitting cross legged for ages and now my foot flops and I keep tripping on it. no back pain "
        "at all. will it recover?",
        # nothing answers; the passages closest in meaning are the L5 overview's, but the description model clearly
        # prefers the peroneal overview's lines (answer._descriptions_overrule)
        "After losing a lot of weight my foot started slapping when I walk and I keep catching my toes. I cross my "
        "legs a lot. What can be done?",
    ],
)
def test_a_foot_drop_told_as_the_peroneal_overview_describes_it_is_answered_by_it(
    library_workspace: Workspace, question: str
):
    # session 49
    assert _asked(library_workspace, question) == ("answered", "library:common-peroneal-neuropathy")


def test_a_migraine_with_flashing_lights_is_one_with_aura_and_routes_to_the_pills_overview(
    library_workspace: Workspace,
):
    # session 49: the lights' weight kept the question on the migraine overview alone, partial on "combined"
    assert _asked(
        library_workspace,
        "I get migraines with flashing lights before the headache. can I still go on the combined pill?",
    ) == ("answered", "library:contraception")


def test_a_drug_s_name_is_read_by_the_term_gate_not_word_by_word(library_workspace: Workspace):
    # session 55: "hyaluronic acid" is the osteoarthritis overview's "hyaluronan"; read word by word as a proposal,
    # "acid" made the answer partial
    question = ("A 68-year-old woman with knee osteoarthritis is doing physiotherapy exercises and using topical "
                "diclofenac but still has pain. Would hyaluronic acid injections help?")
    assert "acid" not in proposed_words(question)
    assert _asked(library_workspace, question) == ("answered", "library:osteoarthritis-knee-hip")


def test_no_overview_among_several_answers_a_complaint_none_of_them_names(library_workspace: Workspace):
    # session 55: the sore-throat overview answered mumps orchitis in everyday words, cited beside the ear-infection
    # overview, neither naming the testicle ("balls")
    article = answer_question(
        "my 19 yo son had swollen cheeks by his ears last week and now one of his balls is swollen and sore, what "
        "antibiotics does he need", retriever=library_workspace.retriever, settings=library_workspace.settings,
    )
    assert article.answer_status == "partial" and "the balls" in article.uncovered_terms


def test_frame_words_of_a_request_and_its_timing_are_no_topic(library_workspace: Workspace):
    # session 55: "timeframe" held no overview's word, so the DVT answer was partial on it
    assert _asked(library_workspace, "Wells DVT 1, D-dimer positive - next step and in what timeframe?") == (
        "answered", "library:deep-vein-thrombosis",
    )


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        # session 55: the torsion overview writes "testis", never "testicle"; "really bad" and "3am" outweighed it
        ("my 14 yr old woke up at 3am with really bad pain in one of his testicles and hes been sick. should we wait "
         "and ring the gp in the morning", "testicular-torsion-and-acute-scrotum"),
        # "lysis" as a clinician clips thrombolysis; "nearest" and "away" are the frame of the distance
        ("STEMI, nearest PCI centre ~3 h away - lyse? how fast after dx, and what happens after lysis?",
         "acute-coronary-syndrome"),
        # "sweaty" is sweating, an ambulance an emergency service, and "quicker" the filler of an account
        ("my dad has had a tight heavy pain in his chest for 20 minutes and hes all sweaty. is it quicker if i just "
         "drive him to a&e myself or should i ring an ambulance", "chest-pain-evaluation"),
        # a trigger drug of the case need not be named beside the adrenaline asked about
        ("35-year-old woman, hives, wheeze and BP 78/40 after IV co-amoxiclav. Two IM epinephrine doses given 5 "
         "minutes apart, still hypotensive. What next?", "anaphylaxis"),
    ],
)
def test_everyday_and_clipped_words_of_a_covered_question_are_read(
    library_workspace: Workspace, question: str, overview: str
):
    assert _asked(library_workspace, question) == ("answered", f"library:{overview}")


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        # session 56: "puffed out" is breathlessness, "a fortnight ago" only dates the account
        ("finished the antibiotics for my pneumonia a fortnight ago and i still get puffed out walking to the shops. "
         "how long until im back to normal?", "community-acquired-pneumonia"),
        # "tirzepatide jabs" are the drug's injections, not a vaccine; losing weight is weight loss
        ("im on the weekly tirzepatide jabs and lost a lot of weight, will it come back if i stop?",
         "obesity-management"),
        # "bp" is blood pressure, flashing lights a visual disturbance, and the paracetamol that won't shift the
        # headache is what was tried, not what is asked about
        ("im 35 weeks pregnant with a headache that paracetamol won't shift and flashing lights, my bp was up at my "
         "last check. what should i do?", "hypertension-in-pregnancy"),
        # what a child ate is the case, named by the overview once among its triggers
        ("my daughter is 9 and ate something with peanuts in at a friend's house, her lips swelled up and she was "
         "wheezing. the paramedics gave her adrenaline and she's fine now but the hospital is keeping her in. how "
         "long for?", "anaphylaxis"),
        # a weak heart pump is heart failure with a reduced ejection fraction
        ("my mum has the weak pump kind of heart failure and keeps taking naproxen for her hips, is that ok?",
         "heart-failure"),
        # watery stools are diarrhoea, and day 6 of an antibiotic is the course the patient is on
        ("81M on day 4 of co-amoxiclav for a chest infection, now 6 watery stools/day, WCC 15. Severity and which "
         "treatment?", "clostridioides-difficile-infection"),
    ],
)
def test_everyday_accounts_of_session_56_reach_the_overview_that_answers_them(
    library_workspace: Workspace, question: str, overview: str
):
    assert _asked(library_workspace, question) == ("answered", f"library:{overview}")


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        # session 57: a sign of the peroneal overview's condition written whole turns the answer to it, though its
        # passage comes sixth among those on topic
        ("29M, lost 24 kg over 5 months, woke with a right foot drop; weak eversion, inversion and hip abduction "
         "normal, reflexes normal, numb dorsum of foot, no back pain. Next steps?", "common-peroneal-neuropathy"),
        # the talk around an account ("definitely", "went", "earlier", "swears", "the doc") is no topic of it
        ("my chest went tight earlier and my mums gtn spray eased it within minutes, does that mean it was "
         "definitely my heart?", "chest-pain-evaluation"),
        ("the doc reckons my hips are worn with arthritis and my neighbour swears by glucosamine. should i try it?",
         "osteoarthritis-knee-hip"),
        # "tingly" is tingling, "creeping up" only says how it came
        ("my feet have gone numb and tingly over the last year, creeping up my legs, and i'm not diabetic. what "
         "tests should the gp do?", "peripheral-neuropathy-workup"),
        # the leaflet is how advice was handed over; "should we just accept that?" asks nothing of its own
        ("been lying awake most nights for months and the gp handed me a sleep hygiene leaflet. is there anything "
         "better before sleeping tablets?", "insomnia"),
        ("mum is 75 and getting forgetful, repeating stories and losing her keys. the gp did a memory quiz and said "
         "she passed. should we just accept that?", "dementia-workup"),
        # a pinkish patch is the redness that can outlast the infection; the midwife is who will be seen
        ("finished my flucloxacillin for cellulitis on my leg yesterday but there's still a pinkish patch. do i need "
         "more antibiotics?", "cellulitis"),
        ("i take levothyroxine and just found out i'm pregnant, should i change my dose or wait for the midwife?",
         "hypothyroidism"),
        # what was read is no topic, and suicidal thoughts are among the neuropsychiatric events the trials counted;
        # what a drug costs is no topic either
        ("the gp wants me on champix to stop smoking but i read it can make you suicidal, is it safe?",
         "smoking-cessation"),
        ("been on wegovy for a year but it's costing me a fortune, will the weight stay off if i stop?",
         "obesity-management"),
    ],
)
def test_everyday_accounts_of_session_57_reach_the_overview_that_answers_them(
    library_workspace: Workspace, question: str, overview: str
):
    assert _asked(library_workspace, question) == ("answered", f"library:{overview}")


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        # session 58: a brand is covered by any name of its generic (Calpol is the overview's paracetamol), and earache
        # is ear pain
        ("my 3 year old has had earache all night, the gp said ear infection and to give calpol and wait a couple of "
         "days. when would she need antibiotics?", "acute-otitis-media"),
        # wheezy is wheezing, and the pens are the overview's auto-injectors; a party is where it happened
        ("my daughter went wheezy after a peanut at a birthday party and we used her epipen. the hospital says she "
         "needs two pens with her at all times, why two?", "anaphylaxis"),
        # "had sciatica …" tells, it does not ask: the question is the last sentence
        ("had sciatica down my right leg for a month, now my foot drags and slaps when i walk. how urgent is it?",
         "lumbar-radiculopathy-foot-drop"),
        # a note's clipped exacerbation and nebulisers
        ("COPD exac, post nebs and pred, pH 7.30 and PaCO2 8.1 on the gas. NIV?", "copd"),
        # stopping the patient's own drug asks about it
        ("70F on denosumab for 5 years, wants a break from the injections. Can she simply stop?", "osteoporosis"),
        # a numb bum past a hedge is saddle anaesthesia
        ("sciatica down my left leg for two weeks and since last night my bum feels kind of numb when i wipe, can "
         "this wait till my gp appointment on monday?", "cauda-equina-syndrome"),
        # fell is a fall, no broken bones no fracture
        ("grandad is 88 and fell in the garden on sunday, couldnt get up for an hour, no broken bones. what should "
         "happen now to stop it happening again?", "falls-in-older-adults"),
        # ellaOne is ulipristal, the mini pill the progestogen-only pill
        ("took ellaone yesterday after the condom split, when can i start the mini pill?", "contraception"),
        # a sign written in a denying clause: "no back pain" is the peroneal overview's
        ("my husband lost 4 stone after a gastric bypass and his left foot now slaps when he walks. no back pain at "
         "all. he sits cross legged for hours. gp says the nerve near his knee is squashed, will it recover?",
         "common-peroneal-neuropathy"),
        # a collapse mid-match is exertional, a relative who died suddenly the family history the red flags write
        ("17M collapsed mid-match playing rugby, came round quickly, ECG normal. His cousin died suddenly at 25. "
         "Home with reassurance?", "syncope"),
        # lying awake is difficulty falling asleep; a leaflet is how advice was handed over
        ("i lie awake most nights and have barely slept for months, gp gave me a leaflet about sleep hygiene. what "
         "actualy works?", "insomnia"),
        # a note's TFTs
        ("28F on levothyroxine 75 mcg, TSH 2.1, just got a positive pregnancy test. Increase now or wait for TFTs?",
         "hypothyroidism"),
        # a jab is an injection, whatever is injected
        ("had a steroid injection for carpal tunnel in the spring and the numbness is back, should i have another "
         "jab or think about the op?", "carpal-tunnel-syndrome"),
        # session 59: an exam vignette's patient "taking" two drugs takes them; the potassium overview need not name
        # spironolactone
        ("A 70-year-old woman with CKD stage 4, taking spironolactone and lisinopril, has a potassium of 6.9 mmol/L "
         "with peaked T waves. She has had calcium gluconate and insulin with glucose. What should be monitored after "
         "the insulin?", "hyperkalaemia"),
        # the surgery for a past cancer is the history of cancer the red flags write
        ("A 59-year-old woman who had a mastectomy for breast cancer 6 years ago has 4 weeks of new low back pain "
         "and no neurological deficit. Should she have imaging?", "low-back-pain-red-flags"),
        # hypertension treated with amlodipine is the case's background, and "advise" frames the question
        ("A 60-year-old man with hypertension treated with amlodipine had a TIA with 15 minutes of right arm weakness "
         "that resolved fully. His ABCD2 score is 2, so the GP plans a routine TIA clinic referral next month. What "
         "does NICE advise?", "stroke-and-tia"),
        # a strep swab told among the family's talk ("my brother in law reckons")
        ("my 6 yr old had a sore throat and the swab came back strep, shes on penicillin. my brother in law reckons "
         "the rest of the family should get antibiotics too just in case, is that right?", "acute-pharyngitis"),
        # session 60: one drug named twice (taken, then asked about) is named by its class, the PPI
        ("52M, reflux despite 8 weeks of lansoprazole 30 mg daily. Endoscopy is booked for next month. Should he keep "
         "taking lansoprazole until then?", "gerd"),
        # whether to omit a dose asks whether to give it
        ("T1DM in DKA on a fixed-rate insulin infusion. Should we omit her usual glargine tonight?",
         "diabetic-ketoacidosis"),
        # the hours of a job are told like the job
        ("A 28-year-old paramedic with hypothyroidism takes levothyroxine and works night shifts. She is 6 weeks "
         "pregnant. How should her levothyroxine dose change?", "hypothyroidism"),
        # every item of a denied history is denied
        ("A 40-year-old builder has 3 days of low back pain after lifting, with no red flags. He has no history of "
         "peptic ulcer, asthma or renal impairment. Which painkiller does NICE recommend?",
         "low-back-pain-red-flags"),
        # "the combined pill" she is taking is her own medicine
        ("A 28-year-old woman taking the combined oral contraceptive pill has pleuritic chest pain. Clinical "
         "probability is low, pulse 80, saturation 99%. Can the PERC rule exclude pulmonary embolism?",
         "pulmonary-embolism"),
        # a blood group is a reading, not a product given
        ("Rhesus negative woman, blood group A, tubal ectopic pregnancy treated with methotrexate alone. Does she "
         "need anti-D immunoglobulin?", "ectopic-pregnancy"),
        # a nasal spray is the form the triptan comes in
        ("my son is 15 with migraines and the gp suggested a triptan, is a nasal spray or a tablet best at his age?",
         "migraine-and-headache"),
        # "im on" typed without its apostrophe tells the patient's own drug
        ("im on methadone and had hep c treated last year, now my antibody test is positive again, have i caught it "
         "again?", "hepatitis-c-screening-and-treatment"),
        # a weekday is when, never a term
        ("dad is 79 and has had 3 falls this year, he wants to do tai chi at the library on thursdays. does tai chi "
         "actually prevent falls?", "falls-in-older-adults"),
        # the infant a mother breastfeeds is not the patient, and the drug another would replace needs no statement
        # on breastfeeding
        ("im breastfeeding my 10 week old and have flu, can i have baloxavir instead of oseltamivir?", "influenza"),
        # session 61: a chronic condition told in passing is the case's background
        ("An 80-year-old man with osteoarthritis and macular degeneration has finished oral vancomycin for a first "
         "C. difficile infection and his stools are formed. Should a repeat stool test be sent before he goes back "
         "to his care home?", "clostridioides-difficile-infection"),
        # …and so is one beside its own medicine of few interactions ("i have pcos and take metformin")
        ("i had an ectopic pregnancy treated with the methotrexate injection and my hcg is back to normal. i have "
         "pcos and take metformin. how long do we have to wait before trying for a baby again?", "ectopic-pregnancy"),
        ("A 65-year-old woman with psoriasis treated with emollients has an acute gout flare in her big toe. She has "
         "no kidney disease. What is first-line treatment for the flare?", "gout"),
        # session 62: a clinician's note listing the patient's history, drugs and life under headings, its drugs
        # clipped ("levo", "atorva")
        ("76F, 3 falls in 4/12, no LOC. PMH HTN, OA knees, hypothyroid. DH amlodipine 5mg od, levo 50mcg. SH widowed, "
         "lives alone, ex-smoker. Who should carry out a home hazard assessment?", "falls-in-older-adults"),
        ("68M. PMH T2DM, hypercholesterolaemia. DH metformin 1g bd, atorva 20. SH retired bus driver. c/o numb "
         "burning feet x6/12, stocking distribution. Which blood tests first?", "peripheral-neuropathy-workup"),
        # the reaction told in brackets after an allergy, in the patient's childhood
        ("Penicillin allergy (urticarial rash as a child). 34F, sore throat x3/7, FeverPAIN 4, not pregnant. Which "
         "antibiotic and how long?", "acute-pharyngitis"),
        # an account typed on a phone: the tablets as "tabs", "prob", the teens as a time of life
        ("been getting migraines since my teens and lately i take my sumatriptan prob 15 days a month, could the tabs "
         "be making the headaches worse?", "migraine-and-headache"),
        # what to give next beside a medicine of few interactions: the overview need not name it
        ("A 40-year-old man on amlodipine has anaphylaxis after peanuts; after two IM adrenaline doses his BP is still "
         "80/40. What should be given next?", "anaphylaxis"),
    ],
)
def test_everyday_accounts_of_sessions_58_to_62_reach_the_overview_that_answers_them(
    library_workspace: Workspace, question: str, overview: str
):
    assert _asked(library_workspace, question) == ("answered", f"library:{overview}")


@pytest.mark.parametrize(
    "question",
    [
        # session 62: a rare illness a note lists decides the anticoagulant, which the PE overview never writes
        "44F. PE on CTPA, sPESI 0. PMH antiphospholipid syndrome, HTN. DH levo. Discharge on apixaban - ok?",
        # an account that asks indirectly ("wondering whether …") asks about what follows
        "had ibs for years, tried peppermint oil and low fodmap already, im a cleaner. theres a reflexology place near "
        "me, wondering whether reflexology helps ibs at all",
        # the patient's own medicine the question points to ("given his regular medication") is asked about
        "A 70-year-old man on bisoprolol for angina has anaphylaxis after a wasp sting and stays hypotensive after two "
        "doses of IM adrenaline and a fluid bolus. Given his regular medication, what else should be given?",
        # what to give next, no drug named, beside the patient's beta-blocker: the interaction is the point
        "A 58-year-old woman on bisoprolol for AF is stung by a bee: hives, wheeze, BP 75/45. Two IM adrenaline doses "
        "and a litre of fluid have not helped. What should be given next?",
        # session 60: a drug asked for beside the patient's own that interacts, which no anxiety passage names
        "I'm on tramadol for my knee and the doctor wants to start sertraline for my anxiety, is that ok?",
        "im on tramadol for my knee and the doctor wants to start sertraline for my anxiety, is that ok?",
        # session 59: a relative's thyroid cancer is the family history semaglutide turns on, which the obesity
        # overview never writes
        "45F, BMI 36, T2DM. Mother had medullary thyroid cancer. Start semaglutide?",
        # when he can drive his bus again, told in a vignette, proposes driving
        "A 58-year-old bus driver had a TIA two weeks ago and is on clopidogrel. He asks when he can drive his bus "
        "again. What should he be told?",
        # session 58: how long before someone is allowed to do something proposes it, and no stroke passage says
        # when driving may resume
        "mum had a TIA a fortnight ago and feels fine, how long before she's allowed to drive again?",
        # a condition the patient never had is not the topic its overview answers for those who have it
        "62M with CKD stage 3, urate 600, has never had gout. Should he start allopurinol to protect his kidneys?",
    ],
)
def test_a_question_turning_on_what_no_overview_says_is_not_answered_by_a_neighbouring_one(
    library_workspace: Workspace, question: str
):
    status, source = _asked(library_workspace, question)
    assert status != "answered", source
