"""The question's specific terms: the drug, population, condition or procedure a source must name to answer it.

A topic is not a question: the heart-failure overview is on the topic of "tirzepatide in HFpEF" but answers
neither part. The specific terms are what an answering source has to mention:

- drug names, found by ``drug_named_entity_recognition`` (its synonyms count: paracetamol ≈ acetaminophen);
- population words (newborn, child, pregnancy, elderly …), each with the words that stand for the same group;
- technical words: content words the general-English vocabulary of the embedding model (WordPiece, about 30,000
  entries ordered by frequency) does not hold, or holds only among its rarest entries. "church" or "exam" are common
  language and carry no topic of their own; "migrans", "scabies" or "hfpef" are split into word pieces.
  Abbreviations bring their one unambiguous expansion (HFpEF ≈ heart failure with preserved ejection fraction).

Coverage is read on stemmed tokens, so "neonates" covers "neonatal"; a multi-word form must appear as a run."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, replace
from functools import lru_cache

from medora.compose.age_groups import (
    AFTER_BIRTH,
    BREASTFED_CHILD,
    CHILD,
    CHILDBEARING,
    ELDER_TOLD,
    LISTED_CHILDREN,
    OPENING_AGE,
    OWN_CHILDREN,
    PLANNED_BABY,
    TOLD_BIRTH,
    YOUTH_PAST,
    group_of_question,
)
from medora.compose.drugs import DrugMatch, find_drugs
from medora.compose.exam_options import options_span
from medora.compose.findings import is_finding_word, is_teller
from medora.compose.note_sections import (
    DRUG_HISTORY,
    RESULTS,
    SOCIAL_HISTORY,
    is_note_marker,
    listed_under,
    note_sections,
)
from medora.retrieve.embed import TOKENIZER_FILE
from medora.retrieve.expand import (
    load_abbreviation_meanings,
    load_abbreviations,
    load_own_abbreviations,
    load_synonym_groups,
)
from medora.retrieve.tokenize import STOPWORDS, index_tokens, raw_tokens


def stem(word: str) -> str:
    """The word as the index stems it (words with digits kept whole)."""
    return next(iter(index_tokens(word)), word.lower())


# Everyday words of a question typed in speech ("I'm 66 and I get up four times a night"): no topic of their own,
# yet rare enough in an editorial library to outweigh "night" and "pee" in a passage's share of the question's words.
EVERYDAY_WORDS = frozenset(
    stem(w)
    for w in """im ive id youre hes shes dont doesnt didnt cant cannot wont isnt really actually just anymore get gets
    got getting keep keeps kept thing things stuff lot lots bit couple two three four five six seven eight nine ten
    grandma grandad grandpa granny mum mom dad husband wife son daughter friend else now next step steps show
    nan nana nanna gran grandmother grandfather grandson granddaughter auntie gp gps texting texted
    shows showing finishing finished couldnt wouldnt shouldnt wasnt werent arent havent hasnt
    hadnt theyre thats whats youve weve his much many downhill sorted somebody someone told loads true found
    tonight today tomorrow yesterday want wants wanted wanting
    him himself herself myself themselves ourselves yourself tho thru appt cos coz pls plz though although
    even rubbish prescription prescriptions regret regrets regretted pottering pottered simply teatime bedtime
    lunchtime dinnertime""".split()
) | frozenset(
    stem(w)  # how far away, how soon, and what is asked for: the frame of a request (session 55: "STEMI, nearest PCI
    # centre ~3 h away - lyse?" held "away" and "nearest", and "…next step and in what timeframe?" "timeframe", as
    # topic words no overview writes; "ago" stayed a word then, which kept a transplant case off the kidney-injury
    # overview, until session 72 (below);
    # and the filler of an everyday account: "can barely lift my toes", "is it quicker if i drive"; not "ok", whose
    # damping turned a thyroid-tablet question partial)
    for w in """away nearest request requests requested requesting timeframe timeframes timescale
    timescales barely hardly gone quicker fortnight fortnights settles settle settled settling yet""".split()
    # "a fortnight ago" dates, "wait and see if it settles" and "can I stop yet?" frame the waiting (session 56)
) | frozenset(
    stem(w)  # the talk around an account (session 57: "ticagrelor i think it's called … wants to know how long hes
    # meant to be on both" held "think", "know" and "meant" beside "ticagrelor", and no passage on dual antiplatelet
    # therapy was on its topic; "the doctor said he must carry two pens everywhere", "is that legit tbh"; session 58:
    # "ate something with cashews at a party … a pain to carry around"; "she was on the floor over an hour til the
    # neighbour heard her … thank god", "gp appointment isnt till monday" (not the days themselves: with "monday" no
    # topic word, the back-pain overview no longer led "hurt my back … on monday … shouldnt i have a scan?" with its
    # line on imaging), "catches his toes on the carpet … sits with his legs crossed all day watching tv", "used one
    # patch and caved after a week", "examination is unremarkable", "ppl"; "gp just gave me a leaflet on sleep
    # hygiene (no phone in bed, no coffee after lunch)")
    for w in """know knows knew think thinks meant mad sent plus went fine everywhere anywhere enough doctor
    doctors doc docs earlier definitely habit meanwhile swear swears swore legit tbh honestly basically literally
    reckon reckons wondering properly creeping neighbour neighbours neighbor neighbors colleague colleagues read
    online internet google googled party parties around anyway heard god til till appointment appointments
    tv telly television watching carpet carpets sofa couch ppl caved unremarkable leaflet leaflets phone birthday
    birthdays christmas kind sort kinda sorta chatting chatty chatted skipping skipped mention mentions mentioned
    mentioning""".split()  # "the pharmacist mentioned relenza inhalers" (session 63)
) | frozenset(
    stem(w)  # the rest of the indefinite pronouns (session 61: "is there anything about his tablets he needs to tell
    # the eye surgeon?" held "anything" as the rarest word of a tamsulosin-and-cataract account)
    for w in "anything everything anyone everyone anybody everybody whatever whoever nobody somewhere".split()
) | frozenset(
    stem(w)  # more of an account's talk (session 61): "at uni", "try again asap", "my wife keeps nagging me",
    # "enjoys doing crosswords", "her GP arranges a falls assessment"
    for w in """uni asap nag nags nagging nagged crossword crosswords hobby hobbies arrange arranges
    arranged arranging lady ladies church made autumn winter summer""".split()  # "every autumn … a lady
    # at her church told her its made with eggs" ("lives with us" stays: "US" is an ultrasound)
) | frozenset(
    stem(w)  # an account typed on a phone (session 62): "prob 16 or 17 days a month", "lol", "mum says its
    # irrelevant", "upping my dose", "my wife keeps fussing", "seems ok in himself", "seen sooner" (as "quicker")
    for w in "prob lol irrelevant upping upped fussing fussed sooner seem seems seemed".split()
) | frozenset(
    stem(w)  # the frame of a case and a doubt (session 66): "attends the emergency department", "or is that just
    # hype?", "discharge on that basis?", "i feel totally fine … am i officially diabetic now?"
    for w in "attend attends attended attending hype hyped basis officially totally".split()
) | frozenset(
    stem(w)  # the rest of the family and of an account's talk (session 70: "nothing broken luckily. my sister thinks
    # she should come off it", "the ambulance gave her one pen", "I thought they last 10 years", "who is supposed to
    # come and check her house", "became really muddled", "is that a good idea?"; not "since", which dates a side
    # effect ("constipated and sleepy since starting amitriptyline"), nor "send" ("want to send me home on tablets")
    for w in """sister sisters brother brothers cousin cousins aunt uncle luckily thankfully fortunately gave thought
    supposed became become becomes idea ideas""".split()
) | frozenset(
    stem(w)  # an account's hedges and its feelings about asking (session 72: "lasted maybe 20 mins", "isn't that
    # overkill?", "surely it's just the blood thinner", "I'd rather not have the tests", "we're desperate to try
    # again", "after a nasty bout of diarrhoea"): the thirty-ninth set's accounts weighed them above their complaint
    # (not "sure", nor "surely" of the same stem: "shouldnt i have a scan just to be sure?" asks for reassurance, and
    # the back-pain answer led with its line on imaging while the word weighed).
    # "ago" too ("GP put me on tamsulosin a fortnight ago … my cataract operation"): on every development set it
    # lost a note's "kidney transplant 5 years ago" near-miss and gained another near-miss and that account
    for w in """maybe perhaps otherwise rather instead desperate desperately nasty bout overkill
    honest ago""".split()
) | frozenset(
    stem(w)  # how bad it is, in everyday words: no finding of its own (session 37: "my toe is red hot and agonising,
    # can I take colchicine?" held "agonising" as a finding no gout passage names, and was partial)
    for w in ("agonising", "agonizing", "agony", "excruciating", "unbearable", "horrendous", "horrible", "dreadful",
              "awful", "terrible", "crippling", "wrecks", "wrecked", "wrecking")
) | frozenset(
    stem(w)  # what a remedy is worth to the one who pays for it (session 45: "is glucosamine worth buying for my
    # knee arthritis or is it a waste of money" held four such words against "knee arthritis", and no overview was
    # laid out)
    for w in ("worth", "buy", "buying", "bought", "money", "waste", "wasting", "cost", "costs", "costing", "fortune",
              "expensive", "afford", "pricey")  # "its costing me a fortune so i want to stop" (session 57)
) | frozenset(
    stem(base + ending)  # typed without its apostrophe: "whos right?", "theyll rescan", "somethings wrong"
    for base in "i you he she it we they who what where there here that how why when something someone nothing".split()
    for ending in ("s", "ll", "re", "ve", "d", "m")
    if base + ending != "ill"  # a word of its own
)

# Two-letter abbreviations are too short to be terms (GP, US, ED, MS each mean several things; a reviewer showed RA
# read as room air, PE as physical examination, and a patient's HF taking the topic from what is asked), except MI,
# which in capitals in a clinical question means a myocardial infarction, named by that or a broader form, and AF
# (session 27; it changed no answer of the tuned or development sets on its own).
TWO_LETTER_TERMS: dict[str, tuple[str, ...]] = {
    "MI": ("myocardial infarction", "heart attack", "acute coronary syndrome", "coronary heart disease",
           "atherosclerotic cardiovascular disease", "established cardiovascular disease"),
    # a condition's two-letter abbreviation is the condition: "my nan is 86 with AF … stop her blood thinner" is about
    # anticoagulation in atrial fibrillation, which the falls overview does not address
    "AF": ("atrial fibrillation",),
}

# An infection's abbreviation frequent enough in general English to be a common vocabulary entry, yet in capitals the
# question's subject: "38M, HIV not on ART, CD4 60, dry cough, interstitial shadowing. Amoxicillin at home?" is no
# question the pneumonia overview answers (session 33)
CAPITAL_TERMS = frozenset({"HIV"})

VOCABULARY_OFFSET = 1996  # the MiniLM (BERT uncased) vocabulary lists words from id 1996 on, most frequent first
COMMON_WORD_RANK = 15_000  # a word among the 15,000 most frequent vocabulary entries is common language
MIN_PREFIX = 6  # a question word this long also matches a longer text word it begins ("dorsiflex" → "dorsiflexion")
MIN_COMPOUND_TAIL = 10  # …a text word this long it ends with ("thromboprophylaxis" → "prophylaxis"), and a text word
# ending with it ("steroid" → "corticosteroid")
# a question word matching a longer text word it begins, unless that word goes on as another substance's name does:
# "creatine" (stem "creatin") is not "creatinine", "fluor" not "fluoride"
CHEMICAL_CONTINUATIONS = ("in", "amin", "id")
MIN_PLURAL = 4  # a question word this long ending in "s" also matches the text's singular ("rnas" → "rna")
MIN_MEMBER_PREFIX = 3  # a class member's name has at least this many letters before the class stem

# Words of the question's frame, not of its topic, even when technical-looking.
GENERIC_WORDS = frozenset(
    stem(word)
    for word in """role effect effects effective efficacy manage managing managed management treat treating treated
    treatment treatments therapy therapies therapeutic best approach approaches option options first-line line
    indication indications indicated recommend recommended recommendation evidence safe safer safest safety unsafe use
    using used benefit benefits outcome outcomes prognosis diagnosis diagnose diagnosed diagnostic workup work-up
    investigation investigations pharmacological non-pharmacological pharmacotherapy adverse contraindication
    contraindications dose doses dosing dosage regimen guideline guidelines patient patients adult adults people
    person clinical versus compared comparison first-choice strategy strategies intervention interventions drug
    drugs medication medications medicine treatable worthwhile appropriate appropriately reduce reduces increase
    increases risk routine routinely initial initially start starting stop stopping started refer referral referred
    qualify qualifies eligible eligibility suitable suitability need needed needs summarize summarise describe
    explain mutated inhibited inhibit antagonize antagonise predispose predisposes complication complications
    biomarker biomarkers activate activates activated encode encodes encoding encoded secrete secretes secreted
    repress represses repressed alleviate alleviates bind binds interact interacts interacting implicated localized
    localised deleted disposition necessary reassurance reassure reassured reassuring""".split()  # "discharged with
    # reassurance?" asks where the patient goes, not about reassuring (session 58: the syncope overview answers it)
) | frozenset(
    stem(word)  # what a clinician does with the answer, not what it is about (session 51: of the overviews' own
    # front-matter questions, "How do I classify the severity of an acute asthma attack?", "How do I calculate and
    # use the CHA2DS2-VASc score?", "Should iron be withheld until investigations are complete?" and nine more were
    # partial or unanswered for the frame verb alone: a source says how to grade, not that one grades)
    for word in """classify classifying calculate calculating assign assigning interpret interpreting prescribe
    prescribing order ordering withhold withholding withheld detect detecting disclose discloses disclosed separate
    separates prompt prompts regardless omit omits omitted omitting hold holding""".split()  # "whether to omit
    # tonight's glargine" asks whether to give it, which the ketoacidosis overview answers by "continue long-acting
    # insulin" (session 60); "routine O2 or hold off?" asks whether to give oxygen (session 66)
) | frozenset(
    stem(word)  # what someone said and what happens, the frame of a case or an everyday account ("says he won't do
    # it again", "what needs to happen before discharge?"): no overview writes them, so each weighed as much as the
    # rarest topic word (session 52)
    for word in "say says said saying tell tells telling happen happens happened happening".split()
) | frozenset(
    stem(word)  # who advises and where, the frame of a clinician's question ("What does NICE advise instead?",
    # "Which bedside tool?", "Which empirical regimen?"): session 59's development vignettes went partial on them
    for word in "advise advises advised advising empiric empirical bedside".split()
)

# Lay and clinical synonyms the abbreviation and synonym tables do not hold (those tables serve retrieval's expansion).
LAY_SYNONYMS: dict[str, tuple[str, ...]] = {
    "flu": ("influenza",),
    # the organ by its adjective (session 49: "numbness around the anus" is the cauda equina overview's perianal
    # numbness)
    "anus": ("anal", "perianal"),
    "diff": ("difficile",),
    "covid": ("sars-cov-2", "coronavirus"),
    "detoxification": ("withdrawal",),
    "detox": ("detoxification", "withdrawal"),  # alcohol detoxification is medically managed withdrawal
    # never by the drugs that give it: an overview naming NSAIDs as a harm has not said which analgesia is safe
    "analgesia": ("analgesic", "analgesics", "painkiller", "painkillers", "pain relief"),
    # exertion as a patient names it (session 47: "collapsed while sprinting at football" is exertional syncope)
    "sprinting": ("exertion", "exertional", "exercise"),
    "jab": ("vaccine", "vaccination", "immunisation", "immunization"),
    "jabs": ("vaccine", "vaccines", "vaccination", "immunisation", "immunization"),
    # a patient's words for what an overview writes in its own (session 20's reviewer: "would an operation help my
    # pinched nerve?" is named by "surgery"; "exercise" by "physical activity"; coffee by its caffeine)
    "operation": ("surgery", "surgical"),
    "op": ("surgery", "surgical"),
    # where a patient lives, as the overviews write it (session 72: "can someone come and look at the house?" after
    # falls asks for the falls overview's home hazard assessment)
    "house": ("home",),
    # a note's verb for thrombolysis (session 73: "no CI to lysis. lyse here or ship for PCI?")
    **dict.fromkeys(("lyse", "lysis", "lysed"), ("fibrinolysis", "thrombolysis", "fibrinolytic", "thrombolytic")),
    # a scan in everyday words is any imaging an overview names (session 73: "how quickly should I be seen and
    # scanned?" beside the heart-failure overview's echocardiography)
    **dict.fromkeys(("scan", "scans", "scanned"), ("imaging", "ultrasound", "echocardiography", "echocardiogram",
                                                   "CT", "MRI", "X-ray", "radiograph", "DXA")),
    "exercise": ("physical activity",),
    "exercising": ("physical activity",),
    "coffee": ("caffeine",),
    # the bladder's residual volume, which a source writes as the scan that measures it (session 45: "Post-void bladder
    # scan 40 mL. Does the normal residual mean the MRI can wait?" is the cauda equina overview's "post-void bladder
    # scanning … a normal result")
    "residual": ("post-void", "postvoid", "residual urine"),
}

# "get pregnant", "falling pregnant": words of conceiving, not of a pregnant patient ("I got pregnant" is pregnant now)
CONCEIVING = frozenset({"get", "gets", "getting", "become", "becomes", "becoming", "fall", "falls", "falling"})
_AFTER_BIRTH = re.compile(AFTER_BIRTH, re.IGNORECASE)  # the birth, not an infant patient (compose/age_groups.py)
_BREASTFED_CHILD = re.compile(BREASTFED_CHILD, re.IGNORECASE)
# A birth told as recent makes the patient postpartum (session 69: "A 33-year-old woman who gave birth 3 weeks ago
# presents with … ST elevation … Should she be given fibrinolysis now?" was answered by the coronary overview, which
# never speaks of the weeks after a birth); a birth years ago does not
_RECENT_SPAN = r"(?:\d+|a|one|two|three|four|five|six|seven|eight|nine|ten|a few|few)\s+(?:days?|weeks?)"
_RECENT_BIRTH = re.compile(
    rf"\b{TOLD_BIRTH}\s+(?:{_RECENT_SPAN}\s+ago|last week|yesterday|recently)\b"
    rf"|\b(?:just|recently)\s+{TOLD_BIRTH}\b"
    rf"|\b{_RECENT_SPAN}\s+(?:after|since|following)\s+(?:giving birth|(?:the\s+)?delivery|childbirth|the birth|"
    rf"having (?:a|her|my|the) bab(?:y|ies)|(?:a|her|my) c-section)\b",
    re.IGNORECASE,
)


def told_birth(question: str) -> str:
    """The words telling a recent birth ("had a baby 2 weeks ago"), or "": the patient is postpartum, and the words
    are whom the question is about, no topic of it (select.question_weights)."""
    found = _RECENT_BIRTH.search(question)
    return found.group(0) if found else ""


# A pregnant woman's "baby" is the pregnancy's ("will it go away after the baby?"), not an infant patient
PREGNANCY_BABY = frozenset(("baby", "babies"))
_PLANNED_BABY = re.compile(PLANNED_BABY, re.IGNORECASE)
# …and one being tried for is a pregnancy planned: named by a source on pregnancy or on conceiving
PLANNED_PREGNANCY_FORMS = ("conception", "conceive", "conceiving", "preconception", "pre-conception")
# …and being able to have children is fertility: named by a source on fertility or conceiving, not on children (the
# testicular torsion overview never says whether a boy who lost a testicle can father children)
_CHILDBEARING = re.compile(CHILDBEARING, re.IGNORECASE)
FERTILITY_FORMS = ("fertility", "infertility", "subfertility", "fertile", "infertile", "conceive", "conceiving",
                   "conception")

# Population groups: a question naming one needs a source naming any word of its group.
POPULATIONS: dict[str, tuple[str, ...]] = {
    "newborns": ("newborn", "newborns", "neonate", "neonates", "neonatal", "perinatal"),
    "infants": ("infant", "infants", "infancy", "baby", "babies", "toddler", "toddlers"),
    "children": ("child", "children", "childhood", "paediatric", "pediatric", "paediatrics", "pediatrics", "kids"),
    "adolescents": ("adolescent", "adolescents", "adolescence", "teenager", "teenagers", "teenage", "teen", "teens"),
    "pregnancy": ("pregnancy", "pregnant", "pregnancies", "antenatal", "gestation", "gestational", "obstetric",
                  "primigravida", "multigravida", "primip"),
    "postpartum": ("postpartum", "postnatal", "puerperium", "puerperal", "after birth", "after childbirth",
                   "after giving birth", "after delivery"),  # session 34: "2 weeks postpartum, SCAD"; session 69: the
    # contraception and pregnancy-hypertension overviews write "6 weeks after birth", "After birth, …"
    "breastfeeding": ("breastfeeding", "breast-feeding", "breastfed", "breastfeed", "lactation", "lactating",
                      "nursing mothers"),
    "older adults": ("elderly", "geriatric", "frail", "frailty", "older adults", "older people", "older patients"),
    # a woman before her menopause, whom a source on postmenopausal bone loss does not speak of (session 70: "33F,
    # premenopausal … T -2.7. Start alendronate?")
    "premenopausal": ("premenopausal", "pre-menopausal"),
    # Asian family origin, which changes BMI thresholds, a statin's dose and an allopurinol test: a source must speak
    # of it (session 70: "a man of Chinese family origin … rosuvastatin 40 mg. Is this dose appropriate for him?")
    "asian": ("asian", "asians", "south asian", "east asian", "chinese", "japanese", "korean", "han chinese"),
    # the last days of life, whose agitation no source on delirium treats (session 70: "My dad is dying at home and
    # has become very restless and confused in his last days. What medicine helps calm that?")
    "end of life": ("dying", "last days", "end-of-life", "palliative", "hospice", "terminally ill", "terminal illness"),
}


_WORDS = re.compile(r"[A-Za-z0-9]+")
# before the first word of a sentence: the one that asks, and a capital that says nothing of a name
_SENTENCE_END = re.compile(r"[.?!:]")
_SPACED_DASH = re.compile(r"\s[-–—]\s")  # "creat 105 µmol/L – 5 mg or 2.5 mg bd?" (session 66)…
MIN_DASHED_ASK = 3  # …when it asks in words of its own: "Plan d/c home on apixaban - ok?" asks about the plan
_PUNCTUATION = re.compile(r"[,;:.?!()\[\]/]")  # what separates two things named in a row
# "ultrasound-assisted thrombolysis" is another procedure than thrombolysis near an ultrasound: such a compound is one
# term, named only as a run ("ultrasound-assisted", "ultrasound assisted")
_GUIDED = re.compile(r"\b([A-Za-z0-9]{3,})-(assisted|guided|directed)\b", re.IGNORECASE)
# Two words naming one thing that neither names alone, each with the forms a source writes it in (session 40): which
# prevention is asked for ("aspirin for primary prevention" is not answered by a source on preventing stroke in
# atrial fibrillation, which never says it; each word alone is common language), and the menopause's hot flushes,
# which are no flushing of anaphylaxis
_TAKEN_OUT = r"(?:out|removed|taken\s+out)\b"  # a part of the body removed, in everyday words ("her tonsils out")
COMPOUND_TERMS: dict[re.Pattern[str], tuple[str, ...]] = {
    re.compile(r"\bprimary\s+prevention\b", re.IGNORECASE): ("primary prevention",),
    re.compile(r"\bsecondary\s+prevention\b", re.IGNORECASE): ("secondary prevention",),
    re.compile(r"\bhot\s+(?:flush|flash)(?:es|ing)?\b", re.IGNORECASE): ("hot flush", "hot flash", "vasomotor symptom"),
    # a bone density measure, whose letter alone is no word: "hip T-score -2.1" is no prostate overview's case; one
    # form, as the words of "T-score" join ("tscore"), never "score" alone (any "IPSS score" would name it)
    re.compile(r"\b[TZ]-scores?\b"): ("tscore", "zscore"),
    # an exercise whose two words are each common language ("would tai chi help?"): a source must name it, as the
    # falls and osteoarthritis overviews do (session 44)
    re.compile(r"\btai[\s-]?chi\b", re.IGNORECASE): ("tai chi", "tai-chi", "taichi"),
    # a device that gives insulin, whose "pump" is common language: a source on injected basal insulin does not say
    # what to do with a pump (session 45: "T1DM on an insulin pump, now in DKA on FRIII - continue the usual
    # long-acting insulin alongside?" got the DKA overview's answer, which never mentions a pump)
    re.compile(r"\binsulin\s+pumps?\b|\bCSII\b|\bcontinuous\s+subcutaneous\s+insulin\s+infusion\b", re.IGNORECASE): (
        "insulin pump", "continuous subcutaneous insulin infusion", "csii",
    ),
    # an operation in everyday words, a part "out" or "removed": each word is common language, yet a source must name
    # the operation (session 45: "my daughter has had tonsillitis 7 times this year, should she be having her tonsils
    # out?" got the sore-throat overview's answer, which names tonsils only as inflamed)
    re.compile(rf"\btonsils?\s+{_TAKEN_OUT}", re.IGNORECASE): (
        "tonsillectomy", "tonsils removed", "removal of the tonsils",
    ),
    re.compile(rf"\b(?:tooth|teeth)\s+(?:{_TAKEN_OUT}|pulled)", re.IGNORECASE): (
        "dental extraction", "tooth extraction", "extraction of teeth", "teeth removed", "tooth removed",
    ),
    re.compile(rf"\bgall\s?bladder\s+{_TAKEN_OUT}", re.IGNORECASE): ("cholecystectomy", "gallbladder removed"),
    re.compile(rf"\b(?:womb|uterus)\s+{_TAKEN_OUT}", re.IGNORECASE): ("hysterectomy", "womb removed", "uterus removed"),
    re.compile(rf"\bappendix\s+{_TAKEN_OUT}", re.IGNORECASE): ("appendicectomy", "appendectomy", "appendix removed"),
    # a therapy named by what it treats, each word common language: a source naming speech (a stroke's slurred
    # speech) does not say what speech therapy does (session 46: "My dad had a small stroke and can't find his words,
    # will speech therapy help?" was answered from the stroke overview's FAST line); likewise occupational therapy.
    # SALT only in capitals: in small letters it is salt
    re.compile(r"\bspeech(?:\s+and\s+language)?\s+therap(?:y|ies|ist|ists)\b|\b(?-i:SALT)\b", re.IGNORECASE): (
        "speech therapy", "speech and language therapy", "speech therapist", "speech and language therapist",
    ),
    re.compile(r"\boccupational\s+therap(?:y|ies|ist|ists)\b", re.IGNORECASE): (
        "occupational therapy", "occupational therapist",
    ),
    # working shifts, each word common language: an overview on sleep that never speaks of shift work does not say
    # what helps a shift worker sleep by day (session 48: "I do rotating night shifts … What helps shift workers?"
    # held no term, and the insomnia overview answered by meaning)
    re.compile(r"\b(?:night|rotating|rotational|rotas?)\s+shifts?\b|\bshift[\s-]?(?:work|workers?|working)\b",
               re.IGNORECASE): ("shift work", "shift worker", "shift workers", "night shift", "night shifts"),
}
# Drug classes the drug lexicon splits: it reads the "GLP-1" of "GLP-1 agonist" as the hormone, so "Which GLP-1 agonist
# for weight loss?" asked about a hormone and an "agonist" the obesity overview never writes (it says "GLP-1 based
# drugs" and names semaglutide). One drug term each, named by the class's names and its members (session 41).
COMPOUND_DRUGS: dict[re.Pattern[str], tuple[str, ...]] = {
    re.compile(r"\bGLP-?1(?:\s+receptor)?\s+(?:agonists?|RAs?|analogues?|analogs?|based)\b", re.IGNORECASE): (
        "glucagon-like peptide-1 receptor agonists", "glucagon-like peptide-1 receptor agonist",
        "glp-1 receptor agonist", "glp-1 receptor agonists", "glp-1 agonist", "glp-1 agonists", "glp-1 ra",
        "glp-1 based", "glp-1 analogue", "glp-1 analogues",
    ),
    # a drug class in two words, neither of them a drug's name (session 60: "start a beta-blocker" read "blocker" as
    # a finding, so nothing paired the class with the COPD it was asked to be safe with)
    re.compile(r"\bbeta[- ]?blockers?\b", re.IGNORECASE): (
        "beta-blocker", "beta-blockers", "beta blocker", "beta blockers", "beta-adrenergic blocker",
        "beta-adrenergic blockers", "beta-adrenoceptor blocker", "beta-adrenoceptor blockers",
        "adrenergic beta-antagonists",
    ),
}
_WRITTEN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*")
ABBREVIATION = re.compile(r"\b[A-Za-z0-9]*[A-Z][A-Za-z0-9]*[A-Z][A-Za-z0-9]*\b")  # two capitals or more
# A capitalised word named before "disease", "syndrome" … is an eponym, even when it is also common English ("Graves'
# disease", "Down syndrome", "Bell's palsy", "Still's disease"): what the case has, never common language
_EPONYM_FOLLOWS = re.compile(
    r"^(?:'s|s'|'|’s|s’|’)?\s+"
    r"(disease|syndrome|palsy|phenomenon|thyroiditis|oesophagus|esophagus|contracture|cyst)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class SpecificTerm:
    """A term an answering source must mention: ``label`` as the question writes it, ``forms`` that count for it."""

    label: str
    kind: str  # "drug", "population", "term" (a word the vocabulary splits) or "word" (a rare whole word)
    forms: tuple[str, ...]
    phrase: str = ""  # the run of topic words around a technical word ("preserved ejection fraction"), for display
    abbreviations: tuple[str, ...] = ()  # short forms matched as written ("ALS"), from compose/variants.py
    member_stems: tuple[str, ...] = ()  # for a drug class: the INN stems its members' names end with ("vastatin")
    required: bool = False  # a name (capitalised inside the question: a device, a brand) or an "X-guided" procedure:
    # never the one term a long question may miss
    context: bool = False  # a drug the patient already takes ("in someone on methadone"): part of the case
    finding: bool = False  # written only where a vignette or an account describes its case (compose/case_findings.py)
    told: bool = False  # a finding of an everyday account ("I feel low and tearful"), whose subject is often only
    # described: a source naming what is asked must name as many of its findings as it leaves unnamed
    asked: bool = False  # written where a vignette or an account asks (compose/case_findings.py): it makes the
    # findings the case's
    history: bool = False  # what the case's patient has had, carries or takes ("a prosthetic mitral valve", "a manic
    # episode 3 years ago", "I'm on PrEP"): it may change what is given, so never the one term a long question may miss
    trigger: bool = False  # a drug the case's complaint came after ("hives … after IV co-amoxiclav"; context too):
    # what happened, no medicine the patient goes on taking beside the one asked for
    offered: bool = False  # written in an exam vignette's lettered options (compose/exam_options.py; context too):
    # one answer offered, which the answering source need not name unless it is the right one
    reading: bool = False  # listed where a note records its examination or results ("O/E BMI 29. Bloods: eGFR 74,
    # uACR 1.2"): a finding that counts when a source names it, never against one that does not

    @property
    def shown(self) -> str:
        if self.kind == "population" and self.label.lower() == "pregnant":
            return "pregnancy"  # "No source here addresses pregnancy together with DVT", not "pregnant together with"
        return self.phrase or self.label


# The adjective and the noun of one condition or organ end differently after stemming; both map to one base:
# osteoporotic/osteoporosis (osteoporot, osteoporosi), epileptic/epilepsy, ventricular/ventricle, anaemic/anaemia.
_NOUN_ADJECTIVE_ENDINGS = (("osi", "o"), ("ot", "o"), ("psia", "p"), ("psi", "p"), ("pt", "p"), ("cular", "c"),
                           ("cl", "c"), ("ia", ""), ("atori", ""))  # "ventilatory" → "ventilation" (session 55)
MIN_BASE = 4  # letters left before the ending


def word_base(token: str) -> str:
    """The stem with its noun or adjective ending taken off (``_NOUN_ADJECTIVE_ENDINGS``), else the stem itself."""
    for ending, replacement in _NOUN_ADJECTIVE_ENDINGS:
        if token.endswith(ending) and len(token) - len(ending) >= MIN_BASE:
            return token[: -len(ending)] + replacement
    return token


def stem_sequence(text: str, *, joined: bool = True, keep: frozenset[str] = frozenset()) -> list[str]:
    """Stemmed content tokens in reading order; a hyphenated word also appears joined ("pan-genotypic" → pangenotyp)
    unless ``joined`` is False (then only its parts: "govitecan-hziy" → govitecan hziy); the stopwords in ``keep``
    are kept ("passed out" is not "pass")."""
    found: list[str] = []
    for token in raw_tokens(text):
        if token in STOPWORDS and token not in keep:
            continue
        if "-" in token:
            if joined:
                found.append(stem(token.replace("-", "")))
        elif not token.isdigit():
            found.append(stem(token))
    return found


class TermText:
    """A text prepared for term look-ups: its stem sequence (for phrases) and stem set (for single words)."""

    def __init__(self, text: str) -> None:
        spelled = " | ".join(spelled_out_abbreviations(text))  # an abbreviation in the text stands for its meaning
        self.sequence = " " + " ".join(stem_sequence(f"{text} | {spelled}" if spelled else text)) + " "
        self.words = frozenset(self.sequence.split())
        self.parts = " " + " ".join(stem_sequence(text, joined=False)) + " "  # runs across hyphenated words
        written = _WRITTEN.findall(text)
        self.written = frozenset(written + [part for word in written if "-" in word for part in word.split("-")])
        self.lowered = frozenset(word.lower() for word in self.written)
        self.bases = frozenset(word_base(word) for word in self.words)

    def mentions(self, form: str, *, tails: bool = True) -> bool:
        """True when the text names ``form``: as written, in another word form, in a longer word ending with it, or
        (with ``tails``) by its tail, a shorter word it ends with."""
        stems = stem_sequence(form)
        if not stems:
            return False
        if len(stems) > 1:
            parts = stem_sequence(form, joined=False)
            return f" {' '.join(stems)} " in self.sequence or f" {' '.join(parts)} " in self.parts
        word = stems[0]
        if word in self.words or f"{word}s" in self.words or f"{word}es" in self.words:
            return True
        if len(word) >= MIN_PLURAL and word.endswith("s") and not word.endswith("ss") and word[:-1] in self.words:
            return True  # the question's plural, the text's singular ("mRNAs" → "mRNA")
        if word_base(word) in self.bases:
            return True  # the adjective for the noun or back ("osteoporotic" → "osteoporosis")
        if len(word) >= MIN_PREFIX and any(
            other.startswith(word) and not other[len(word) :].startswith(CHEMICAL_CONTINUATIONS) for other in self.words
        ):
            return True
        return any(
            tails and len(other) >= MIN_COMPOUND_TAIL and word.endswith(other)
            or len(word) >= MIN_PREFIX and other.endswith(word)
            for other in self.words
        )

    def names_abbreviation(self, short: str) -> bool:
        """The short form as written, or its plural ("ALS", "RBPs"): case matters, "AA" is not "aa"."""
        return short in self.written or f"{short}s" in self.written

    def names_member(self, stems: tuple[str, ...]) -> bool:
        """A word ending with a class stem after a prefix of its own ("atorvastatin"; "heparin" is not "-parin")."""
        return any(w.endswith(s) and len(w) >= len(s) + MIN_MEMBER_PREFIX for w in self.lowered for s in stems)

    def covers(self, term: SpecificTerm) -> bool:
        """True when the text names the term; a drug never by a shorter substance its name ends with (session 47: the
        anaemia overview's "transferrin" is not lactoferrin, "lactotransferrin"), though still by a longer name ending
        with it ("levothyroxine" names thyroxine)."""
        tails = term.kind != "drug"
        return (
            any(self.mentions(form, tails=tails) for form in term.forms)
            or any(self.names_abbreviation(short) for short in term.abbreviations)
            or bool(term.member_stems) and self.names_member(term.member_stems)
        )


@lru_cache(maxsize=1)
def _vocabulary() -> dict[str, int]:
    return json.loads(TOKENIZER_FILE.read_text(encoding="utf-8"))["model"]["vocab"]


def is_common_word(word: str) -> bool:
    """True when the general-English vocabulary holds ``word`` among its most frequent entries."""
    rank = _vocabulary().get(word.lower())
    return rank is not None and rank - VOCABULARY_OFFSET < COMMON_WORD_RANK


MIN_CAPITAL_ABBREVIATION = 3


def is_shouted(question: str) -> bool:
    """True for a question typed mostly in capitals: its words are words, not abbreviations."""
    letters = [ch for ch in question if ch.isalpha()]
    return sum(ch.isupper() for ch in letters) > len(letters) / 2


def _capital_abbreviation(word: str) -> bool:
    """True for a word of ``MIN_CAPITAL_ABBREVIATION`` letters or more typed in capitals that the abbreviation tables
    give one meaning: in a question not typed in capitals (``is_shouted``), read as that abbreviation even when it is
    also a common or a number word ("TENS" is transcutaneous electrical nerve stimulation, not tens; session 71: "Is
    TENS recommended?" had no term, and the back-pain overview, which never names it, answered). ``specific_terms``
    reads it only where a question asks, and a source names it by its meaning or in capitals, never as "tens"."""
    return len(word) >= MIN_CAPITAL_ABBREVIATION and word.isupper() and expansion_of(word) is not None


def _ish_of_common_word(word: str) -> bool:
    """True for a word that only adds "-ish" to a common one ("pinkish", "bluish", "reddish"): as common as its base
    (session 60: "still a pinkish area where it was" made "pinkish" a term no overview names)."""
    lowered = word.lower()
    if not lowered.endswith("ish") or len(lowered) < 6:
        return False
    base = lowered[:-3]
    return any(is_common_word(form) for form in (base, f"{base}e", base[:-1] if base[-1:] == base[-2:-1] else base))


def is_known_word(word: str) -> bool:
    """True when the general-English vocabulary holds ``word`` whole, however rare ("radiating", "antigen")."""
    return word.lower() in _vocabulary()


@lru_cache(maxsize=1)
def synonym_groups() -> list[list[str]]:
    """The clinical synonym groups (retrieve/data/synonyms.tsv), read once."""
    return load_synonym_groups()


def _spelled_alike(word: str) -> str:
    """The word with British "ae"/"oe" written as American "e" ("hyperkalaemia" → "hyperkalemia"), and "sulph" as
    "sulf" ("ferrous sulphate" → "ferrous sulfate")."""
    return word.replace("ae", "e").replace("oe", "e").replace("sulph", "sulf")


@lru_cache(maxsize=1)
def _spelling_pairs() -> dict[str, tuple[str, ...]]:
    """Word → its other spellings, from the synonym groups' one-word members that differ only by a British "ae"/"oe"
    or "sulph" ("anaemia | anemia", "sulphate | sulfate"): one word, not a synonym."""
    found: dict[str, list[str]] = {}
    for group in synonym_groups():
        single = [phrase for phrase in group if " " not in phrase]
        for word in single:
            found.setdefault(word, []).extend(
                other for other in single if other != word and _spelled_alike(other) == _spelled_alike(word)
            )
    return {word: tuple(others) for word, others in found.items() if others}


@lru_cache(maxsize=1)
def _spellings() -> dict[str, frozenset[str]]:
    """Stem → the stems of its other spellings (``_spelling_pairs``)."""
    return {stem(word): frozenset(map(stem, others)) for word, others in _spelling_pairs().items()}


def spellings_of(word: str) -> tuple[str, ...]:
    """The other spellings of a written word, as written ("hyperkalemia" → "hyperkalaemia"; ``_spelling_pairs``)."""
    return _spelling_pairs().get(word.lower(), ())


def other_spellings(token: str) -> frozenset[str]:
    """The stems of the other spellings of a stemmed word (``_spellings``); empty for most words."""
    return _spellings().get(token, frozenset())


@lru_cache(maxsize=1)
def _abbreviations() -> dict[str, str]:
    return load_abbreviations()


@lru_cache(maxsize=1)
def _all_meanings() -> dict[str, tuple[str, ...]]:
    return load_abbreviation_meanings()


def meanings_of(word: str) -> tuple[str, ...]:
    """Every spelled-out meaning of an abbreviation written with two or more capitals, one-meaning or not ("BP":
    blood pressure, benzoyl peroxide): a source that spells one of them out says which one the question meant."""
    return _all_meanings().get(word, ()) if sum(ch.isupper() for ch in word) >= 2 else ()


def expansion_of(word: str) -> str | None:
    """The one meaning of an abbreviation written with two or more capitals (HFpEF, TXA), else None."""
    return _abbreviations().get(word) if sum(ch.isupper() for ch in word) >= 2 else None


def spelled_out_abbreviations(text: str) -> list[str]:
    """What the text's abbreviations stand for, each once, in the order the text first writes them: an ordered list,
    not a set, so that what a joined text reads never changes with the hash seed."""
    found = (expansion_of(word) for word in dict.fromkeys(ABBREVIATION.findall(text)))
    return list(dict.fromkeys(meaning for meaning in found if meaning))


# Words before a drug that make it what the patient takes or took, not what the question asks about: "despite
# antacids", "already on warfarin" always; "on", "taking", "using" only after a person ("someone on methadone", "a
# man taking lisinopril", "who is on", "he also takes"), since "Is taking ibuprofen safe in pregnancy?" asks about
# ibuprofen.
CONTEXT_CUES = frozenset({"despite", "already"})
PERSON_CUES = frozenset({"on", "taking", "takes", "took", "using", "uses"})
PERSONS = frozenset({
    "someone", "somebody", "patient", "patients", "person", "people", "man", "men", "woman", "women", "adult",
    "adults", "child", "children", "boy", "girl", "baby", "infant", "he", "she", "they", "i", "mum", "dad", "mother",
    "father", "husband", "wife", "who", "already", "also",
    "im", "hes", "shes", "theyre",  # "im on methadone" typed without the apostrophe (session 60)
})
# The days and months of a calendar: no specific term, though still topic words ("hurt my back lifting boxes at work on
# monday … shouldnt i have a scan?", session 58); not "may" or "march", also words of their own
CALENDAR_STEMS = frozenset(
    stem(word) for word in """monday tuesday wednesday thursday friday saturday sunday weekend january february
    april june july august september october november december tues weds thurs""".split()
)
# A word before a drug's name saying which of its forms ("the combined oral contraceptive pill", session 60)
DRUG_QUALIFIERS = frozenset({"combined"})
_ARTICLES = frozenset({"a", "an", "the", "his", "her", "their", "regular", "long", "term"}) | DRUG_QUALIFIERS | frozenset(
    {"modified", "slow", "extended", "prolonged", "release", "mr", "sr", "xl"}  # "takes modified-release morphine"
)  # (session 63)
# A dose written with the drug ("on ramipril 10 mg and bisoprolol", "despite maximum losartan") is part of its mention
_DOSE_WORDS = frozenset({"mg", "g", "mcg", "microgram", "micrograms", "ml", "unit", "units", "od", "bd", "tds", "daily",
                         "nightly", "once", "twice", "maximum", "maximal", "max", "full", "dose"})
_DOSE_AMOUNT = re.compile(r"\d+(?:\.\d+)?(?:mg|g|mcg|ml)?")


def _drug_terms(
    words: list[str], breaks: set[int], asking: int, *, vignette: bool = False, bracketed: set[int] | None = None,
    own: set[int] | None = None, offered: set[int] | None = None, told_after: int | None = None,
) -> list[tuple[int, int, SpecificTerm]]:
    """The drugs of the words, each marked as the case's (``_is_context``) or asked about; ``vignette``: the question
    opens with its patient's age (``age_groups.OPENING_AGE``); ``bracketed``: the indexes of the words that describe
    a person in brackets opening with an age (``_told_in_brackets``), read as a vignette is; ``own``: the indexes of
    the words a note lists as the patient's drugs or life (compose/note_sections.py), whose drugs are the case's;
    ``offered``: the indexes of the words of an exam vignette's lettered options (compose/exam_options.py);
    ``told_after``: the first word of what an account goes on to tell after its question (``_told_after``)."""
    bracketed = bracketed or set()
    offered = offered or set()
    own = (own or set()) | offered
    found = []
    previous: tuple[int, bool] | None = None  # (end, context) of the drug before
    matches = _drugs_within(words, breaks)
    inside = {index for match in matches for index in range(match.begin, match.end)}
    elsewhere = {word.lower() for index, word in enumerate(words) if index not in inside}
    for match in matches:
        label = " ".join(words[match.begin : match.end])
        if _is_result(words, match.end, label):
            continue  # "bicarbonate 12", "potassium 6.3 mmol/L": a result, not a drug given
        synonyms = [
            name.lower() for name in [match.name, *match.synonyms]
            if len(name) >= 4 and not _broader_name(name.lower(), label.lower(), elsewhere)
        ]
        forms = tuple(dict.fromkeys([label.lower(), *synonyms, *_other_orders(synonyms)]))
        forms += tuple(_FLU.sub("influenza", form) for form in forms if _FLU.search(form))  # "the flu vaccine", as
        # the vaccination overview writes it: "influenza vaccine" (session 61)
        told = told_after is not None and match.begin >= told_after
        if previous is not None and (previous[0] <= asking <= match.begin or (
            told_after is not None and previous[0] <= told_after <= match.begin
        )):
            previous = None  # the sentence that asks begins between them: "74F with a UTI on warfarin. Nitrofurantoin
            # or trimethoprim?" asks about the two, no list of the patient's drugs goes on across the full stop
        taken_too_much = match.end < len(words) and words[match.end].lower() in _TAKEN_TOO_MUCH
        context = _is_context(
            words, match.begin, previous, describing=match.begin < asking or told,
            vignette=vignette or match.begin in bracketed
        ) or (
            taken_too_much and match.begin < asking < len(words)
        ) or match.begin in own or _has_failed(words, match.end)  # "in ED after a paracetamol overdose, now
        # medically fit … can he go home?": what happened, not what is asked
        trigger = vignette and match.begin < asking and _after_cause(words, match.begin - 1)  # what the complaint came
        # after is what happened (session 55: "hives, wheeze and BP 78/40 after IV co-amoxiclav", "six watery stools a
        # day since finishing co-amoxiclav")
        found.append((match.begin, match.end, SpecificTerm(
            label=label, kind="drug", forms=forms, context=context or trigger, trigger=trigger,
            offered=match.begin in offered,
        )))
        previous = (match.end, context)
    return found


# A person described in brackets that open with an age: "my dad (71, type 2 diabetic, on metformin and ramipril)"
_TOLD_IN_BRACKETS = re.compile(r"\b(?:my|our|his|her)\s+[a-z]+\s*\((?P<told>\s*\d{1,3}\b[^()]*)\)", re.IGNORECASE)


def _told_in_brackets(question: str) -> list[tuple[int, int]]:
    """The spans of what brackets tell of a person after their age (``_TOLD_IN_BRACKETS``, session 60)."""
    return [match.span("told") for match in _TOLD_IN_BRACKETS.finditer(question)]


def _other_orders(names: list[str]) -> list[str]:
    """A combination's components in the other order: the lexicon files Entresto as "valsartan and sacubitril", the
    heart-failure overview writes "sacubitril/valsartan"."""
    return [f"{second} and {first}" for name in names if len(parts := name.split(" and ")) == 2
            for first, second in [parts]]


# The form a medicine comes in, written in the plural: "would peppermint oil capsules help?" asks about the oil (a
# vibrating capsule and capsule endoscopy are devices, so never the singular)
MEDICINE_FORMS = frozenset({"capsules", "sachets", "tabs", "tab", "gummies", "syrup", "syrups"})  # "pred tabs", "a bp
# tab", "melatonin gummies" (session 62), "the pink antibiotic syrup" (session 73)
# Everyday words for how a drug named just before them is given: "semaglutide jabs" are its injections, which a source
# writes as the drug alone (session 56); the same word alone is a vaccine (lay_terms.yaml)
DRUG_FORM_AFTER_NAME = frozenset({
    "jab", "jabs", "shot", "shots", "injection", "injections", "tablets", "pills", "inhaler", "inhalers", "tabs",
})
# How a medicine is taken: "the crew gave him aspirin to chew" asks about the aspirin, which no source need say is
# chewed (session 44)
TAKEN_HOW = frozenset({"chew", "chewed", "chewing", "chewable", "dissolve", "dissolving"})


# What follows a drug the case took too much of, in what describes it
_TAKEN_TOO_MUCH = frozenset({"overdose", "overdoses", "od", "poisoning"})
# A drug the account says has failed is the case's, whatever is asked next: "a pounding headache that paracetamol
# won't shift", "ibuprofen isn't touching it", "amitriptyline no longer helps" (session 56)
_FAILED_AFTER = re.compile(
    r"^(?:(?:(?:won|doesn|didn|isn|hasn|haven|aren)\s?'?t|not|never)\s+(?:even\s+)?"  # "won't" is two words here
    r"(?:shift|shifting|touch|touching|touched|help|helping|helped|work|working|worked|settle|settling|settled|"
    r"budge|budging|do anything|doing anything|done anything|enough)"
    r"|no\s+longer\s+(?:enough|help|helps|helping|works|working|touches))\b",
    re.IGNORECASE,
)


def _has_failed(words: list[str], end: int) -> bool:
    """True when the words right after a drug (its dose aside) say it has not worked."""
    while end < len(words) and _is_dose_word(words[end]):
        end += 1
    return bool(_FAILED_AFTER.match(" ".join(words[end : end + 5])))


# Substances a vignette reports as a blood result as often as it gives them as a drug
LAB_ANALYTES = frozenset({"bicarbonate", "potassium", "sodium", "calcium", "magnesium", "phosphate", "glucose"})
_NUMBER = re.compile(r"\d+(?:\.\d+)?")
# …and one no one is given: "the uric acid came back normal" (session 63: read as a drug, it had to be named)
_ONLY_MEASURED = frozenset({"uric acid"})
_RESULT_WORDS = frozenset({"level", "levels", "came", "result", "results", "test", "tests", "was", "is", "normal",
                           "high", "low", "raised"})


def _is_result(words: list[str], end: int, label: str) -> bool:
    """True when a substance a blood test measures is followed by a number without a dose unit: a result ("K 4.2,
    bicarbonate 12", "potassium 6.3 mmol/L"), not a dose ("potassium 40 mmol", "calcium 1.2 g")."""
    if label.lower() in _ONLY_MEASURED:
        return True
    if label.lower() in LAB_ANALYTES and end < len(words) and words[end].lower() in _RESULT_WORDS:
        return True  # "his potassium came back high", "glucose level" (session 63)
    if label.lower() not in LAB_ANALYTES or end >= len(words) or not _NUMBER.fullmatch(words[end]):
        return False
    unit = words[end + 1].lower() if end + 1 < len(words) else ""
    return unit not in _DOSE_WORDS and unit not in ("mmol", "micromol")


def _drugs_within(words: list[str], breaks: set[int]) -> list[DrugMatch]:
    """The drug names of ``words``, each within one run of words no punctuation divides (``breaks``: the indexes
    of words a punctuation mark comes before): "Hb 98 g/L, ferritin 9" holds no drug "L ferritin"."""
    starts = [0, *sorted(index for index in breaks if 0 < index < len(words)), len(words)]
    matches: list[DrugMatch] = []
    for begin, end in zip(starts, starts[1:]):
        matches += [replace(m, begin=m.begin + begin, end=m.end + begin) for m in find_drugs(words[begin:end])]
    return matches


@lru_cache(maxsize=256)
def drug_form_words(question: str) -> frozenset[str]:
    """The stems of the words that say how a drug named just before them is given (``DRUG_FORM_AFTER_NAME``): the
    "jabs" of "semaglutide jabs" is neither a term nor a topic word (alone, a jab is a vaccine). Cached: the topic
    weights and the occasion check of one answer both ask it, and each look-up runs the drug lexicon."""
    words = _WORDS.findall(question)
    return frozenset({
        stem(words[match.end]) for match in _drugs_within(words, set())
        if match.end < len(words) and words[match.end].lower() in DRUG_FORM_AFTER_NAME
    })


def _broader_name(name: str, label: str, elsewhere: set[str]) -> bool:
    """True when a dictionary name of the drug is broader than what the question names: a part of its label
    ("thyroid" for "desiccated thyroid"), or made only of words the question uses for something else ("thyroid" for
    "Armour" in "… for an underactive thyroid"). Such a name would let any text on the organ name the drug."""
    words = name.split()
    if name == label:
        return False
    return set(words) < set(label.split()) or set(words) <= elsewhere


_MEDICINES = frozenset({"medicine", "medicines", "medication", "medications", "meds", "drugs", "tablets"})  # hers


def _is_context(
    words: list[str], begin: int, previous: tuple[int, bool] | None, *, describing: bool = True, vignette: bool = False
) -> bool:
    """True when the drug at ``begin`` follows a context cue ("on" or "taking" after a person: "a man on", "who is
    taking"; "despite" …; articles and dose words skipped: "despite maximum losartan"), or "and"/"or" right after a
    drug that does, its dose between ("a man on ramipril 10 mg and bisoprolol"), or right after it in a list ("on
    ramipril, furosemide and ibuprofen"); "I'm on", "he's taking" count as "I am on", "he is taking". In a vignette
    opening with the patient's age and sex, "on" needs no person before it where the vignette describes ("53F T2DM
    on empagliflozin, vomiting, ketones 5.1: start insulin?", not "58M with AF. Should he go on apixaban?"). Not "on"
    opening a clause elsewhere: "AF, on amiodarone. How often should thyroid function be checked?" asks about
    amiodarone."""
    index = begin - 1
    while index >= 0 and (words[index].lower() in _ARTICLES or _is_dose_word(words[index])):
        index -= 1
    if index < 0:
        return False
    cue = words[index].lower()
    if previous is not None and previous[1] and previous[0] == index + 1:
        return True  # a list after the patient's drug: "on ramipril, furosemide and ibuprofen"
    if cue in ("and", "or", "plus") and previous is not None:
        between = words[previous[0] : index]
        return previous[1] and (all(_is_dose_word(word) for word in between) or (
            describing and cue != "or" and len(between) <= _LIST_REACH and not any(
                word.endswith((".", "?", "!")) for word in between
            )
        ))  # "he takes tamsulosin for his waterworks plus his bp tabs and a statin" (session 63): one list
    if cue in CONTEXT_CUES:
        return True
    if cue == "with" and describing and index and words[index - 1].lower() in _TREATED and (
        index < 2 or words[index - 2].lower() not in ("be", "been", "being")
    ):
        return True  # "He has hypertension treated with amlodipine" (session 59): the patient's own treatment, not
        # what is asked ("Should hypertension in pregnancy be treated with labetalol?")
    if cue in ("is", "are", "include", "includes") and describing and index and words[index - 1].lower() in _MEDICINES:
        return True  # "her only medicine is folic acid 400 micrograms" (session 65): what she takes, told
    if cue == "of" and index >= 2 and words[index - 1].isdigit() and words[index - 2].lower() in ("day", "week"):
        return True  # "78F day 6 of co-amoxiclav for CAP": the course the patient is on (session 56), not "5 days of
        # amoxicillin", which may be what is asked
    if cue in PERSON_CUES and index and words[index - 1].lower() in _WONDERING:
        return False  # "She asks whether taking Saccharomyces boulardii … would stop it coming back" (session 50)
    if cue in PERSON_CUES | _GIVEN_CUES and describing and vignette:
        return True  # a vignette ("53F T2DM on empagliflozin, …") describes the patient it opens with, and what was
        # already given ("Given aspirin 300 + fondaparinux, pain free … what timeframe for angio?", session 63)
    before = [word.lower() for word in words[max(index - 2, 0) : index]]  # "man on", "who is on", "she is taking"
    if cue in _PRESENT_TAKING and describing and before and before[-1] in PERSONS and (
        len(before) < 2 or before[0] not in _ASKING_BEFORE_PERSON
    ):
        return True  # "i take omeprazole for heartburn too", told where the account describes (session 61); "can he
        # take ibuprofen?", "should I take it" ask
    if (cue in PERSON_CUES or cue in _PRESENT_TAKING) and describing and before and before[-1] == "and" and cue != "on":
        # a second thing told of the person the clause opens with: "My husband has type 2 and takes empagliflozin.
        # He was admitted with DKA …" (session 52)
        opening = [word.lower() for word in words[max(index - 1 - CLAUSE_REACH, 0) : index - 1]]
        if cue in _PRESENT_TAKING and set(opening) & _ASKING_BEFORE_PERSON:
            return False  # "Should he stop aspirin and take clopidogrel instead?" asks; "i have pcos and take
            # metformin" tells (session 61)
        return any(word in PERSONS for word in opening)
    if cue == "on" and describing and before and (before[-1] in _ON_HOLDERS or (
        before[-1] in _PUT_ON_PERSONS and len(before) == 2 and before[0] in _PUT
    )) and not {word.lower() for word in words[max(index - CLAUSE_REACH, 0) : index]} & _ASKING_BEFORE_PERSON:
        return True  # "im type 2 diabetic on metformin", "the gp has me on amlodipine for my bp" (session 63), told
        # where the account describes
    return cue in PERSON_CUES and bool(before) and (
        before[-1] in PERSONS or (before[-1] in _BEING and len(before) == 2 and before[0] in PERSONS)
    )


# who is on a drug, as an account tells it: the illness's adjective ("diabetic on metformin") or the person a doctor
# keeps on it ("has me on")
_ON_HOLDERS = frozenset({"diabetic", "asthmatic", "epileptic", "hypertensive", "hypothyroid"})
_PUT_ON_PERSONS = frozenset({"me", "him", "her", "them", "us"})
_PUT = frozenset({"has", "have", "had", "kept", "keeps"})  # not "put" or "started": a drug just begun is often what
# an account asks about ("gp has just started him on sertraline … when should he be seen?")
_TREATED = frozenset({"treated", "managed", "controlled", "maintained"})
_GIVEN_CUES = frozenset({"given", "received", "had"})
_LIST_REACH = 8  # the words a list of the patient's drugs may tell between two of them
_PRESENT_TAKING = frozenset({"take", "use"})  # "I take", "we use": the patient's own only where the case is told
_ASKING_BEFORE_PERSON = frozenset({
    "can", "could", "should", "shall", "may", "might", "will", "would", "do", "does", "did", "if", "whether", "when",
    "must", "cant", "cannot", "shouldnt", "wouldnt", "couldnt", "dont", "doesnt", "why", "how", "what", "which",
})
_CAUSE_CUES = frozenset({"after", "following", "finishing", "finished", "completing", "completed"})
# a route or "a course of" between the cue and the drug: "after IV co-amoxiclav", "finishing a course of clindamycin"
_BETWEEN_CAUSE_AND_DRUG = frozenset({"iv", "im", "intravenous", "intramuscular", "oral", "po", "sc", "subcutaneous",
                                     "course", "of"})


def _after_cause(words: list[str], index: int) -> bool:
    """True when the word at ``index``, or the cue before a route or "a course of" there, says the drug came before
    what the case describes ("after IV co-amoxiclav", "since finishing a course of clindamycin")."""
    while index > 0 and words[index].lower() in _BETWEEN_CAUSE_AND_DRUG | _ARTICLES:
        index -= 1
    return index >= 0 and words[index].lower() in _CAUSE_CUES


CLAUSE_REACH = 5  # words before "and" searched for the person a second predicate tells of ("my husband has type 2")
# What opens a question inside a sentence that tells: the drug after it is what is asked about
_WONDERING = frozenset({"whether", "if", "about"})  # "asks about taking doxycycline after sex" (session 64)

# "is", "are", "was", "am" and their contractions as the word pattern splits them ("I'm on" → "I", "m", "on"; "he's
# taking", "they're on"): a person's own medicine however the verb is written
_BEING = frozenset({"is", "are", "was", "am", "m", "s", "re"})


def _is_dose_word(word: str) -> bool:
    """True for a word of a dose written with its drug: "10", "10mg", "mg", "maximum", "bd"."""
    return word.lower() in _DOSE_WORDS or bool(_DOSE_AMOUNT.fullmatch(word.lower()))


# each stemmed word of a population group's words → the group's words
POPULATION_STEMS: dict[str, tuple[str, ...]] = {
    word_stem: members for members in POPULATIONS.values() for member in members for word_stem in stem_sequence(member)
}


def population_group(word: str) -> tuple[str, ...]:
    """The words of the population group a word belongs to ("pregnant" → pregnancy, antenatal, …), else ()."""
    return POPULATION_STEMS.get(stem(word.lower()), ())


_FLU = re.compile(r"\bflu\b")
_CARRIED_CHILD = frozenset({"child", "baby", "kid"})
_GAVE_BIRTH = [["had", "a"], ["had", "my"], ["had", "our"], ["had", "her"], ["had", "any"], ["having", "a"]]


_YOUTH_PAST_ENDING = re.compile(rf"{YOUTH_PAST}$", re.IGNORECASE)  # the words before a population telling a time


_LIVING = frozenset({"live", "lives", "living", "lived"})
_HOUSEHOLD_REACH = 8  # "i live with my husband and two kids"
_HOUSEHOLD_CHILD = re.compile(
    rf"\b(?:live|lives|living|lived)\s+with\b(?:\W+\w+){{0,{_HOUSEHOLD_REACH - 2}}}?\W+(?:kids?|children|child|"
    r"teenagers?|toddlers?|babies|baby|grandchildren|grandkids|sons?|daughters?)\b",
    re.IGNORECASE,
)


_NOTE_KINDS = frozenset({"handover", "handovers"})


def _note_heading_end(question: str) -> int:
    """Where the heading a note opens with ends ("ED handover: 29M, …": after its colon); 0 without one."""
    opening = OPENING_AGE.match(question)
    colon = question.find(":", 0, opening.end()) if opening else -1
    return colon + 1


def population_term(words: list[str], index: int) -> SpecificTerm | None:
    """The population the word at ``index`` names (or it and the next: "older adults"), unless negated."""
    lowered = words[index].lower()
    if index and words[index - 1].lower() in ("non", "not"):
        return None  # "non-pregnant" restricts the question away from the group
    if index and lowered in POPULATIONS["pregnancy"] and words[index - 1].lower() in CONCEIVING:
        return None  # "so I don't get pregnant" asks about conceiving: the patient is not pregnant
    if lowered in PREGNANCY_BABY and index >= 2 and [w.lower() for w in words[index - 2 : index]] in _GAVE_BIRTH:
        return None  # "if you haven't had a baby": a birth, not an infant patient
    if lowered in _CARRIED_CHILD and "pregnant" in [word.lower() for word in words[max(0, index - 4) : index]]:
        return None  # "30 weeks pregnant with her second child": the pregnancy, not a child patient (session 61)
    if _YOUTH_PAST_ENDING.search(" ".join(words[max(index - 4, 0) : index + 1])):
        return None  # "urticarial rash as child", "migraines since my teens" (session 62): when, not who the patient
        # is now
    before = [word.lower() for word in words[max(index - _HOUSEHOLD_REACH, 0) : index]]
    if "with" in before and set(before[: before.index("with")]) & _LIVING:
        return None  # "we live with our two teenagers", "lives with her daughter": the household, not the patient
        # (session 64)
    if index and words[index - 1].lower() in ("my", "our") and lowered in OWN_CHILDREN and ELDER_TOLD.search(
        " ".join(words[: index - 1])
    ):
        return None  # "my dad is 67 … my kids are in and out all the time": an elder's case told by their child,
        # whose own children are family, not the patient
    pair = f"{lowered} {words[index + 1].lower()}" if index + 1 < len(words) else ""
    if pair == "baby aspirin":
        return None  # low-dose aspirin in everyday words (compose/age_groups.py reads it so too), not an infant
    for group, members in POPULATIONS.items():
        if lowered in members or pair in members:
            return SpecificTerm(label=pair if pair in members else lowered, kind="population", forms=members)
    return None


def _word_forms(word: str) -> tuple[str, ...]:
    """The word, its abbreviation expansion (for an ambiguous abbreviation, each meaning of two words or more: the
    source that spells one out says which was meant) and the synonym groups it belongs to."""
    forms = [word.lower()]
    expansion = expansion_of(word)
    if expansion:
        forms.append(expansion.lower())
    else:
        forms += [meaning.lower() for meaning in meanings_of(word) if len(meaning.split()) >= 2]
    for group in synonym_groups():
        if word.lower() in group:
            forms += group
    forms += LAY_SYNONYMS.get(word.lower(), ())
    return tuple(dict.fromkeys(forms))


def _eponym(question: str, match: re.Match[str]) -> str:
    """The eponym's phrase ("Graves disease") when the capitalised common word ``match`` names a disease after a person,
    else ""."""
    word = match.group()
    follows = _EPONYM_FOLLOWS.match(question[match.end() :])
    if not (follows and word[0].isupper() and word[1:].islower() and is_common_word(word)):
        return ""  # lower case: "the patient's disease", "my dad's syndrome"
    possessive = not follows.group(0).lstrip().lower().startswith(follows.group(1).lower())  # "Bell's palsy"
    before = question[: match.start()].rstrip()
    if not possessive and (not before or before[-1] in ".?!:\"("):
        return ""  # a sentence's first word is capitalised anyway: "Kidney disease and metformin?"
    return f"{word} {follows.group(1).lower()}"


def _is_topic_word(word: str) -> bool:
    stems = stem_sequence(word)
    return bool(stems) and word.lower() not in STOPWORDS | _ASKING_VERBS and stems[0] not in GENERIC_WORDS and (
        not word.isdigit()
    ) and not is_note_marker(word)  # "PMH HTN" is shown as "HTN" (session 63)


# what a question asks a thing to do, between the thing and the condition: "Does magnesium help migraine in
# children?" misses magnesium, not "magnesium help migraine" (session 38)
_ASKING_VERBS = frozenset({"help", "helps", "prevent", "prevents", "treat", "treats", "shorten", "shortens", "improve",
                           "improves"})  # never "work", "cause", "lower": nouns and adjectives too ("lower lobe")


def _phrase_around(words: list[str], index: int, taken: set[int], breaks: set[int]) -> str:
    """The run of topic words (no stopword, frame word, number or drug) that holds ``words[index]``, not across a
    punctuation mark (``breaks``: the words a comma, colon … precedes): "Dysuria, haematuria" are two things."""
    begin = end = index
    while begin > 0 and begin not in breaks and begin - 1 not in taken and _is_topic_word(words[begin - 1]):
        begin -= 1
    while end + 1 < len(words) and end + 1 not in breaks and end + 1 not in taken and _is_topic_word(words[end + 1]):
        end += 1
    return " ".join(words[begin : end + 1]) if end > begin else ""


# A hepatitis told apart by its letter is one term, which a source names only as that kind: "is there a vaccine for
# hepatitis C?" is not answered by the hepatitis B overview's vaccination (session 36). Type 1 diabetes is no term: it
# is the case's condition beside what is asked ("type 1 diabetes, vomiting, ketones 5.8"), which the diabetic
# ketoacidosis and influenza overviews answer without naming it; only an overview titled on type 2 is set apart
# (compose/select.py ``other_kind``)
HEPATITIS_KIND = re.compile(r"\b(?:hepatitis|hep)[ -]?([a-eA-E])\b", re.IGNORECASE)
_HEPATITIS_VIRUS = {"b": ("HBV",), "c": ("HCV",)}


def _with_kinds(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The terms with each lettered hepatitis one required term in place of the word "hepatitis" or "hep"."""
    kinds = [
        SpecificTerm(
            label=f"hepatitis {letter.upper()}", kind="term", forms=(f"hepatitis {letter}", f"hep {letter}"),
            abbreviations=_HEPATITIS_VIRUS.get(letter, ()), required=True,
        )
        for letter in dict.fromkeys(match.group(1).lower() for match in HEPATITIS_KIND.finditer(question))
    ]
    if not kinds:
        return terms
    return [term for term in terms if term.label.lower() not in {"hepatitis", "hep"}] + kinds


def _told_after(asking: int, sentence_starts: set[int], options: set[int], count: int) -> int | None:
    """The first word of the sentences an account tells after its last question, none of them asking: "can i just
    keep having an injection every couple of months? im a hairdresser and i take levothyroxine" (session 63: the
    levothyroxine, read as asked, had to be named by the carpal tunnel overview). None when nothing follows, or when
    what follows is an exam vignette's lettered options."""
    after = [start for start in sentence_starts if asking < start < count]
    if asking >= count or not after or any(index >= min(after) for index in options):
        return None
    return min(after)


def specific_terms(question: str, idf: dict[str, float] | None = None) -> list[SpecificTerm]:
    """The question's specific terms, rarest in the library first (``idf``: stem → inverse document frequency)."""
    found = list(_WORDS.finditer(question))
    words = [match.group() for match in found]
    gaps = [""] + [question[found[index - 1].end() : found[index].start()] for index in range(1, len(found))]
    breaks = {index for index in range(1, len(found)) if _PUNCTUATION.search(gaps[index])}
    sentence_starts = {0} | {index for index in range(1, len(found)) if _SENTENCE_END.search(gaps[index])}
    asking = next(  # the first word of the sentence that asks, in a vignette: its drugs are not the patient's; a
        # note's spaced dash opens its question too ("ED after paracetamol OD, medically fit – ok to discharge?")
        (index for index in range(len(found) - 1, 0, -1)
         if (index in sentence_starts or _SPACED_DASH.search(gaps[index]) and len(found) - index >= MIN_DASHED_ASK)
         and "?" in question[found[index].start():]),
        len(words),
    )
    terms: list[SpecificTerm] = []
    taken: set[int] = set()
    shouted = is_shouted(question)
    children = [match.span("listed") for match in LISTED_CHILDREN.finditer(question)]  # the asker's children as
    # one of a few things listed
    told = _told_in_brackets(question)  # "my dad (71, type 2 diabetic, on metformin and ramipril)": told of him as
    # a vignette tells
    bracketed = {index for index, match in enumerate(found) if any(start <= match.start() < end for start, end in told)}
    sections = note_sections(question)  # a note's "DH …" lists the patient's own drugs, its "SH …" the case's life
    listed = {index: lists for index, match in enumerate(found) if (lists := listed_under(sections, match.start()))}
    offered = options_span(question)  # an exam vignette's lettered options: the answers it offers, one of them right
    options = {index for index, match in enumerate(found) if offered and offered[0] <= match.start() < offered[1]}
    for begin, end, term in _drug_terms(
        words, breaks, asking, vignette=bool(OPENING_AGE.match(question)), bracketed=bracketed,
        own={index for index, lists in listed.items() if lists in (DRUG_HISTORY, SOCIAL_HISTORY)}, offered=options,
        told_after=_told_after(asking, sentence_starts, options, len(words)),
    ):
        terms.append(term)
        taken.update(range(begin, end))
        if end < len(words) and words[end].lower() in DRUG_FORM_AFTER_NAME:
            taken.add(end)  # "the weekly semaglutide jabs": how the drug is given, not a term of its own
    heading_end = _note_heading_end(question)
    for index, word in enumerate(words):
        if index in taken:
            continue
        population = population_term(words, index)
        if population is not None and (any(start <= found[index].start() < end for start, end in children) or (
            listed.get(index) == SOCIAL_HISTORY
        )):
            taken.add(index)  # "I worry about everything, money, the kids, work": the asker's children are a thing
            continue  # listed, not the patient; nor is a note's family under "SH: IT manager, married, two children"
        if population is not None:
            taken.update(range(index, index + len(population.label.split())))
            if population.label not in {t.label for t in terms}:
                terms.append(population)
            continue
        if is_note_marker(word) or word.lower() in _NOTE_KINDS and found[index].start() < heading_end:
            continue  # "PMH", "NKDA": a note's headings and markers, which no source names; "ED handover: 29M, …":
            # the kind of note its heading says it is (session 65: shown as a detail no source mentions)
        if word in TWO_LETTER_TERMS:  # "colchicine after an MI": the MI is what the gout overview does not name
            if word not in {t.label for t in terms}:
                terms.append(SpecificTerm(label=word, kind="term", forms=TWO_LETTER_TERMS[word], abbreviations=(word,)))
            continue
        eponym = _eponym(question, found[index])
        if eponym:
            if word.lower() not in {t.label.lower() for t in terms}:
                terms.append(SpecificTerm(label=word, kind="term", forms=_word_forms(word), phrase=eponym,
                                          required=True))
            taken.add(index)
            continue
        stems = stem_sequence(word)
        capital = (index >= asking or asking == len(words)) and not shouted and _capital_abbreviation(word)  # asked: a
        # note's "MAP 62", "SAD PERSONS score" and "ALT 2x ULN" before its question tell the case in its shorthand
        if not stems or len(word) < 3 or word.lower() in STOPWORDS | _ASKING_VERBS or stems[0] in (
            GENERIC_WORDS | EVERYDAY_WORDS
        ) and not capital:
            continue
        common = (is_common_word(word) or _ish_of_common_word(word)) and word not in load_own_abbreviations() and (
            word not in CAPITAL_TERMS
        ) and not capital
        if common or any(ch.isdigit() for ch in word) or (
            is_finding_word(word) or word.lower() in MEDICINE_FORMS or word.lower() in TAKEN_HOW
        ):
            continue  # common language (not one of Medora's own abbreviations: "IDA" is no Ida), a number, or a
            # finding of the vignette ("crackles"): not the subject
        if is_teller(words, index):
            continue  # "my midwife says I should take aspirin": who tells, not what is asked about
        if stems[0] in CALENDAR_STEMS:
            continue  # "the tai chi group on tuesdays" (session 60): when, like a number, never what a source names
        holders = [t for t in terms if stems[0] in {s for f in t.forms for s in stem_sequence(f)}]
        if not holders or index >= asking and all(t.context for t in holders):  # a word of the case's drug asked
            # again in other words: "38F, never had HPV vaccine, new partner – is the HPV jab recommended?"
            # (session 66)
            phrase = _phrase_around(words, index, taken, breaks)
            kind = "word" if is_known_word(word) else "term"
            named = index not in sentence_starts and word[0].isupper() and not word.isupper() and word[1:].islower()
            case_only = listed.get(index) == SOCIAL_HISTORY or index in options  # "SH taxi driver, ex-smoker": the
            # case's life; "… D) MRI of the kidneys": an answer offered, not what the overview must name
            forms = _word_forms(word)
            if capital:  # named by its meaning or as written in capitals, never as the common word ("tens of")
                forms = tuple(form for form in forms if form != word.lower())
            terms.append(SpecificTerm(label=word, kind=kind, forms=forms, phrase=phrase,
                                      abbreviations=(word,) if capital else (),
                                      required=named and not case_only, context=case_only, offered=index in options,
                                      reading=listed.get(index) == RESULTS))
    for match in _GUIDED.finditer(question):
        label = match.group(0)
        terms = [term for term in terms if term.label.lower() != match.group(1).lower()]
        form = f"{match.group(1)} {match.group(2)}".lower()
        terms.append(SpecificTerm(label=label, kind="term", forms=(form,), required=True))
    for compound, forms in COMPOUND_TERMS.items():
        for match in compound.finditer(question):
            said = {word.lower() for word in match.group(0).split()}
            terms = [term for term in terms if term.label.lower() not in said]
            terms.append(SpecificTerm(label=match.group(0), kind="term", forms=forms, required=True))
    for compound, forms in COMPOUND_DRUGS.items():
        for match in compound.finditer(question):
            said = set(stem_sequence(match.group(0)))
            terms = [term for term in terms if not set(stem_sequence(term.label)) <= said]
            terms.append(SpecificTerm(label=match.group(0), kind="drug", forms=forms))
    terms = _with_kinds(question, terms)
    pregnant = any(term.kind == "population" and term.forms == POPULATIONS["pregnancy"] for term in terms)
    if fed := _BREASTFED_CHILD.search(question):  # "im breastfeeding my baby": the one fed, not the patient
        said = {word.lower() for word in _WORDS.findall(fed.group(0))} - set(POPULATIONS["breastfeeding"])
        terms = [term for term in terms if not (term.kind == "population" and term.label.lower() in said)]
    recent_birth = told_birth(question)
    if pregnant or recent_birth or _AFTER_BIRTH.search(question):
        terms = [term for term in terms if not (term.kind == "population" and term.label in PREGNANCY_BABY)]
    postpartum = POPULATIONS["postpartum"]
    if recent_birth and not any(term.kind == "population" and term.forms == postpartum for term in terms):
        terms.append(SpecificTerm(label=recent_birth, kind="population", forms=postpartum,
                                  phrase="the weeks after a birth"))
    elif planned := _PLANNED_BABY.search(question):
        terms = [
            SpecificTerm(label=planned.group(0), kind="population",
                         forms=POPULATIONS["pregnancy"] + PLANNED_PREGNANCY_FORMS)
            if term.kind == "population" and term.label in PREGNANCY_BABY else term
            for term in terms
        ]
    if childbearing := _CHILDBEARING.search(question):
        said = {word.lower() for word in _WORDS.findall(childbearing.group(0))}
        terms = [term for term in terms if not (term.kind == "population" and term.label.lower() in said)]
        terms.append(SpecificTerm(label="fertility", kind="term", forms=FERTILITY_FORMS))
    terms += _child_by_age(question, terms)
    from medora.compose.conditions import condition_terms  # these build on this module
    from medora.compose.lay import with_lay_forms, with_side_effect_forms
    from medora.compose.prevention import prevention_terms
    from medora.compose.subject import subject_terms, with_kept_drugs_asked
    from medora.compose.variants import (
        with_abbreviations,
        with_class_members,
        with_condition_classes,
        with_member_classes,
        with_phrase_synonyms,
    )

    terms = with_kept_drugs_asked(question, prevention_terms(question, condition_terms(question, terms)))
    terms = with_phrase_synonyms(question, with_abbreviations(question, terms))
    terms = with_condition_classes(with_member_classes(with_class_members(terms)))
    terms = with_side_effect_forms(question, with_lay_forms(question, terms))
    terms = subject_terms(question, terms)
    weights = idf or {}
    return sorted(terms, key=lambda t: -max((weights.get(s, 0.0) for s in stem_sequence(t.label)), default=0.0))


# the groups a child's stated age stands for: a source naming any of them speaks of children
YOUNG_FORMS = POPULATIONS["children"] + POPULATIONS["infants"] + POPULATIONS["newborns"]


def _child_by_age(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """A population term for a child the question states only by age ("my 8 month old has flu, can she have
    tamiflu?"): an overview that never speaks of children does not answer for one, whatever its title says (the
    title's own group is compared in compose/age_groups.py); none when a child word is already a term."""
    if group_of_question(question) != CHILD or any(
        term.kind == "population" and set(term.forms) & set(YOUNG_FORMS) for term in terms
    ) or _HOUSEHOLD_CHILD.search(question):  # nor for the household's ("i live with my husband and two kids")
        return []
    return [SpecificTerm(label="children", kind="population", forms=YOUNG_FORMS)]


def asks_about_drug(terms: list[SpecificTerm]) -> bool:
    """True when a drug among the terms is asked about, not the patient's own (``context``)."""
    return any(term.kind == "drug" and not term.context for term in terms)


# Drug classes a question asks for by name ("Which anticoagulant?", "Start an SSRI?", "DOAC or warfarin?")
DRUG_CLASS_WORDS = frozenset(
    stem(word)
    for word in """anticoagulant anticoagulants anticoagulation doac doacs noac noacs ssri ssris snri snris
    antidepressant antidepressants antibiotic antibiotics antiplatelet antiplatelets statin statins nsaid nsaids
    opioid opioids triptan triptans antihypertensive antihypertensives diuretic diuretics antiviral antivirals
    antifungal antifungals hypnotic hypnotics antipsychotic antipsychotics benzodiazepine benzodiazepines
    bisphosphonate bisphosphonates insulin corticosteroid corticosteroids steroid steroids antihistamine
    antihistamines ppi ppis antiemetic antiemetics antiepileptic antiepileptics anticonvulsant anticonvulsants
    dmard dmards biologic biologics immunosuppressant immunosuppressants""".split()
)


# A hormonal contraceptive asked for, however the question writes it ("the combined pill" is read as "combined" with
# the pill among its forms): enzyme inducers and lamotrigine are what starting one turns on
_CONTRACEPTIVE_FORMS = re.compile(r"\b(?:pill|contracepti(?:ve|on))\b")


def asks_for_a_drug(terms: list[SpecificTerm]) -> bool:
    """True when the question asks about a drug or a drug class of its own, beside the patient's own drugs: then
    an interaction may be what it turns on ("64M on clarithromycin, gout flare: what colchicine dose?", session 59:
    "well controlled on lamotrigine … wants the combined pill")."""
    return asks_about_drug(terms) or any(
        not term.context and (
            set(stem_sequence(term.label)) & DRUG_CLASS_WORDS
            or any(_CONTRACEPTIVE_FORMS.search(form) for form in term.forms)
        )
        for term in terms
    )


# The patient's own long-term medicines that may go unnamed beside a drug asked for: common treatments of common
# chronic conditions (blood pressure, cholesterol, diabetes, asthma, lupus) whose interactions seldom change the choice
# or dose of another drug. "BP controlled on amlodipine" is the case's history: the gout overview answers how to start
# allopurinol without naming amlodipine. Every other drug of the case must still be named, since an interaction
# (carbamazepine, amiodarone, dolutegravir) or a harm of the drug itself (cyclophosphamide and a bleeding bladder) is
# what such a question turns on. Left out on purpose, for their interactions with drugs often asked about: ACE
# inhibitors and sartans (NSAIDs, potassium, trimethoprim), beta-blockers (verapamil), thiazides (lithium), SSRIs
# (tramadol, triptans), simvastatin (clarithromycin). Session 50: requiring every case drug left 6 development
# vignettes partial; lifting it for every drug let 5 near-misses through.
FEW_INTERACTION_USES: dict[str, str] = {  # each with the long-standing condition it is taken for, if one is
    # common ("blood pressure", "cholesterol", "diabetes", "asthma": case_findings.with_treated_background)
    **dict.fromkeys(("amlodipine", "felodipine", "lercanidipine"), "blood pressure"),
    **dict.fromkeys(("atorvastatin", "rosuvastatin", "pravastatin"), "cholesterol"),
    **dict.fromkeys(("metformin", "insulin", "insulin glargine", "glargine", "insulin aspart", "aspart",
                     "insulin lispro", "lispro", "insulin detemir", "detemir", "insulin degludec", "degludec"),
                    "diabetes"),
    **dict.fromkeys(("salbutamol", "albuterol", "beclometasone", "budesonide", "fluticasone", "formoterol",
                     "salmeterol", "tiotropium", "montelukast"), "asthma"),
    "hydroxychloroquine": "",
    "levothyroxine": "thyroid",  # its interactions are with what is taken at the same hour (iron, calcium)
    **dict.fromkeys(("emollient", "emollients"), "skin"),  # on the skin: no interaction
    # session 63: a note's drug history beside the drug asked ("DH levothyroxine 75, amlodipine 5, paracetamol prn.
    # … Starting apixaban - 5 mg bd or 2.5 mg bd?"); an antihistamine for hay fever, folic acid in pregnancy
    "paracetamol": "",
    "folic acid": "",
    **dict.fromkeys(("loratadine", "cetirizine", "fexofenadine"), "hay fever"),
    # session 64: drops for the eye, which reach the rest of the body little ("DH: losartan, latanoprost eye drops,
    # paracetamol … what dose of aspirin after the knee replacement?")
    **dict.fromkeys(("latanoprost", "bimatoprost", "travoprost", "eye drops"), ""),
}
FEW_INTERACTIONS = frozenset(FEW_INTERACTION_USES)
# …and the patient's medicines whose interactions are with a few drugs only, each with those (session 63: "had my hip
# replaced … switch to aspirin. how long do i take the aspirin for? … also on omeprazole"): beside any other drug
# asked they may go unnamed, beside one of these ("on omeprazole, starting clopidogrel?") they must be named
_PPI_PARTNERS = frozenset({
    "clopidogrel", "methotrexate", "rilpivirine", "atazanavir", "mycophenolate", "levothyroxine", "ketoconazole",
    "itraconazole", "dasatinib", "erlotinib", "ferrous sulfate", "ferrous sulphate", "ferrous fumarate", "iron",
    "citalopram", "escitalopram", "tacrolimus", "warfarin",
})
NSAIDS = frozenset({"ibuprofen", "naproxen", "diclofenac", "celecoxib", "etoricoxib", "nsaid", "nsaids", "mefenamic acid",
                     "indometacin", "indomethacin", "ketorolac", "nurofen", "voltarol"})
BLOOD_THINNERS = frozenset({  # the anticoagulants and antiplatelets
    "apixaban", "rivaroxaban", "edoxaban", "dabigatran", "warfarin", "heparin", "enoxaparin", "clopidogrel",
    "ticagrelor", "prasugrel", "aspirin",
})
_RAAS_PARTNERS = NSAIDS | frozenset({
    "spironolactone", "eplerenone", "amiloride", "triamterene", "potassium", "potassium chloride", "trimethoprim",
    "co-trimoxazole", "lithium", "sacubitril", "aliskiren", "ciclosporin", "tacrolimus", "heparin", "enoxaparin",
})
_BETA_BLOCKER_PARTNERS = frozenset({
    "verapamil", "diltiazem", "amiodarone", "digoxin", "clonidine", "fingolimod", "adrenaline", "epinephrine",
    "glucagon", "insulin", "salbutamol", "ivabradine", "dronedarone",
})
_SSRI_PARTNERS = NSAIDS | BLOOD_THINNERS | frozenset({
    "tramadol", "sumatriptan", "zolmitriptan", "rizatriptan", "linezolid", "selegiline", "phenelzine", "moclobemide",
    "lithium", "st john's wort", "ondansetron", "methadone", "fentanyl", "methylene blue", "amitriptyline",
})
_ASPIRIN_PARTNERS = (NSAIDS | BLOOD_THINNERS | frozenset({
    "methotrexate", "sertraline", "citalopram", "escitalopram", "fluoxetine", "paroxetine", "venlafaxine",
    "duloxetine", "alteplase", "tenecteplase", "thrombolysis", "valproate", "sodium valproate", "acetazolamide",
})) - {"aspirin"}
# each group: its medicines, the drugs they interact with, and the common condition they are taken for ("" if none
# is: beta-blockers and SSRIs have several; allopurinol's gout stays a term, since diuretics may be what the answer
# turns on)
_PARTNERED_GROUPS: tuple[tuple[tuple[str, ...], frozenset[str], str], ...] = (
    (("omeprazole", "esomeprazole", "lansoprazole", "pantoprazole", "rabeprazole"), _PPI_PARTNERS, "reflux"),
    (("ramipril", "lisinopril", "perindopril", "enalapril", "candesartan", "losartan", "irbesartan", "valsartan",
      "olmesartan"), _RAAS_PARTNERS, "blood pressure"),
    (("bisoprolol", "atenolol", "metoprolol", "propranolol", "nebivolol", "carvedilol"), _BETA_BLOCKER_PARTNERS, ""),
    (("sertraline", "citalopram", "escitalopram", "fluoxetine", "paroxetine"), _SSRI_PARTNERS, ""),
    (("aspirin",), _ASPIRIN_PARTNERS, ""),  # session 64: the low-dose aspirin of a note's drug list beside a switch
    # to sacubitril-valsartan
    (("allopurinol",), frozenset({"azathioprine", "mercaptopurine", "ciclosporin", "theophylline", "warfarin",
                                  "capecitabine", "cyclophosphamide", "amoxicillin", "ampicillin", "didanosine"}), ""),
)
INTERACTS_ONLY_WITH: dict[str, frozenset[str]] = {
    name: partners for names, partners, _use in _PARTNERED_GROUPS for name in names
}
PARTNERED_USES: dict[str, str] = {name: use for names, _partners, use in _PARTNERED_GROUPS for name in names}


def few_interactions(term: SpecificTerm) -> bool:
    """True for a drug term whose label is in ``FEW_INTERACTIONS``."""
    return term.kind == "drug" and term.label.lower() in FEW_INTERACTIONS


def interacting_own_drugs(terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The patient's own drugs (``context``) a source must name beside a drug asked for (``asks_for_a_drug``): those
    that are no common long-term medicine of few interactions (``FEW_INTERACTIONS``, session 50), nor what the
    complaint came after (``trigger``). The answer turns on how the two go together (a reviewer's 70 interaction
    vignettes, session 18)."""
    offered = [term for term in terms if term.kind == "drug" and term.offered]  # an exam's lettered options offer
    # drugs as a question asks for one (session 63: "takes bisoprolol … Which of the following? A) IV glucagon …")
    if not asks_for_a_drug(terms) and not offered:
        return []
    asked = {label for term in terms if term.kind == "drug" and (not term.context or term.offered)
             for label in (term.label.lower(), *term.forms)}
    return [term for term in terms if term.kind == "drug" and term.context and not term.trigger and not term.offered
            and not few_interactions(term) and not (
                term.label.lower() in INTERACTS_ONLY_WITH and not INTERACTS_ONLY_WITH[term.label.lower()] & asked
            )]


def covered_terms(text: str, terms: list[SpecificTerm]) -> set[str]:
    """Labels of the ``terms`` that ``text`` mentions in any of their forms."""
    prepared = TermText(text)
    return {term.label for term in terms if prepared.covers(term)}


def answers_terms(covered: set[str], terms: list[SpecificTerm], *, one_sentence: bool = False) -> bool:
    """True when a source mentioning ``covered`` answers the question's specific terms: every drug and population
    named (a drug the patient already takes, ``context``, may go unnamed once a term of the question itself is,
    unless the question asks for a drug or a drug class beside it, ``asks_for_a_drug``, and the patient's drug is
    no common long-term medicine of few interactions, ``FEW_INTERACTIONS``: the alcohol overview must
    name the methadone of "naltrexone in someone on methadone", as it does by "opioids"; when the question names
    nothing else, its topic words decide), and every technical word too, except one in a question of five terms
    or more (a long, real description adds words no source repeats: "no intrauterine sac on ultrasound"). Rare
    whole words ("vibrating capsule") count as technical words: since a vignette's findings ("radiating",
    "biceps") are no terms (compose/findings.py), what remains is the question's subject. The technical words a
    vignette or an everyday account writes only where it describes its case (``finding``, compose/case_findings.py)
    may go unnamed (``_without_unnamed_findings``)."""
    findings_set_aside = 0  # a long question's one technical word unnamed is judged on all the terms it names
    if any(term.finding for term in terms):
        weighed = _without_unnamed_findings(covered, terms, one_sentence=one_sentence)
        if weighed is None:
            return False
        findings_set_aside = len(terms) - len(weighed)
        terms = weighed
    if not terms or all(term.context for term in terms):
        return True  # the case's own drugs only: the question asks about its topic words ("on zopiclone, fallen")
    if any(term.label in covered for term in terms if not term.context):
        interacting = interacting_own_drugs(terms)
        terms = [  # the case's own drugs may go unnamed, the other case words always
            term for term in terms if not term.context or term.label in covered or term in interacting
        ]
    missing = [term for term in terms if term.label not in covered]
    technical = [term for term in missing if term.kind in ("term", "word")]
    if any(term.kind in ("drug", "population") or term.required or term.history for term in missing):
        return False  # a drug, a population, a name (Rezum), an "X-assisted" procedure or the patient's history is
        # never the one term missed
    if len(technical) > (len(terms) + findings_set_aside - 1) // 4:
        return False
    return len(missing) < len(terms)


def _without_unnamed_findings(
    covered: set[str], terms: list[SpecificTerm], *, one_sentence: bool = False
) -> list[SpecificTerm] | None:
    """The terms a source must still answer once a case's findings are weighed; None when its findings alone say it
    does not answer. Once a term of what the case asks (``asked``) is named, its findings may go unnamed; while none
    is, they count as any term. When it asks nothing of its own words ("Work-up and treatment?"), they may go
    unnamed once another term of its case, not a drug, is named ("41M stung by a wasp, anaphylaxis …, now settled.
    How long should he be observed?"); else its findings are its subject and most of them must be named ("TSH 42,
    low free T4, weighs 70 kg. Starting dose?" needs no "weighs"; "6 weeks postpartum, orthopnoea, PND, ankle oedema,
    raised JVP. Which drugs?" is no case the heart-failure overview covers by its oedema and orthopnoea alone): one
    alone may go unnamed when the case names nothing else, and beside a population or the patient's own drugs no more
    than are named ("30 weeks pregnant, Hb 92, ferritin 9" is not answered by the overview of hypertension in
    pregnancy, which names pregnancy but no ferritin; "on ramipril, tongue and lip swelling, hoarse" is no case of the
    anaphylaxis overview). An everyday account's findings (``told``) are held one closer where something asked is
    named: no more unnamed than named."""
    rest = [term for term in terms if not term.finding]
    asked = [term for term in rest if term.asked]
    named = sum(term.label in covered for term in terms if term.finding or term.offered)  # an option named is the
    # answer offered that the source gives (session 62)
    if asked:
        if not any(term.label in covered for term in asked):
            return terms
        # …but not by a source that leaves most of the case unnamed ("day 3 after colectomy, hyperactive delirium
        # pulling at drains, QTc 540 ms. What for the agitation?"): no more phrases unnamed than findings named, and
        # one more for a vignette, which lists many (a sentence joining what is asked is not held to it: the source as
        # a whole is)
        unnamed_phrases = len({  # the case's background ("takes omeprazole for reflux") is excused, as its drugs are,
            # and so are a note's readings
            term.shown for term in terms
            if term.finding and not term.context and not term.reading and term.label not in covered
        })
        slack = 0 if any(term.told for term in terms) else 1
        return rest if one_sentence or unnamed_phrases <= named + slack else None
    anchors = [term for term in rest if not term.context and term.kind not in ("population", "drug")]
    if any(term.label in covered for term in anchors):
        return rest  # a condition the case is described by is named ("stung by a wasp, anaphylaxis …"); a drug is
        # none ("14 weeks pregnant, tested positive for c diff after antibiotics" is not the sepsis overview's case)
    unnamed = sum(  # background excused, as above (session 64: "we only got back from a caravan holiday … my son
        # is mortified"), and readings
        term.label not in covered for term in terms if term.finding and not term.context and not term.reading
    )
    allowed = named if rest else max(1, named)
    return rest if unnamed <= allowed else None
