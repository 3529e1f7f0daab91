"""The question's subject among its specific terms: what it asks about, apart from the words that describe the case.

A source answers a question when it names the drug, intervention, test, population or condition asked about
(compose/terms.py). A clinician's question also describes a patient: "Starting levothyroxine dose for a 72 yo with
angina?" asks about levothyroxine; the angina is the case. The hypothyroidism overview answers it without the word.
Three things here keep the case from making an answer partial, all read from how the question is written:

- shorthand: a clinician's short word stands for its spelled-out form ("vanc", "strep", "FBC"); the term is
  named by either (``SHORTHAND``, reviewed by hand, each form meaning the same thing);
- frame words: a cut-off or a prevention asked about ("thresholds", "prophylaxis") frames the question like
  "treatment" does; such a word is no term;
- the case's slots: a word written after a negation ("no fever or loin pain"), inside brackets ("(rash, not
  anaphylaxis)"; not a drug there: "(semaglutide or orlistat)" are options asked about), after "history of" /
  "hx" / "PMH", or after an age and "with" ("a 72 yo with angina") is marked ``context``: it may go unnamed once a
  term of the question itself is named (terms.answers_terms), as the patient's own drugs already may. A slot runs to
  the next punctuation mark or a word that goes on with the question ("and", "for", "what" …). A word also written
  outside every slot is asked about. The condition after an age and "with" is the case only when the question names
  a condition of its own ("a 72 yo with angina and new AF: anticoagulate?"); otherwise it is what is asked ("In a
  60-year-old with HFpEF, is tirzepatide effective?"). A question on whether something is safe or allowed has no
  case: the pairing is what it asks ("Is orlistat safe in a 50 yo with CKD?").

After a description ("49M, first unprovoked DVT, starting apixaban. Should he wear compression stockings?"), the
terms of the clause that asks are never the one term a long question may leave unnamed (terms.answers_terms); a body
part the question owns is also named by a broader part ("the soles of my feet": the feet; compose/described.py).

A near-miss question names a drug, intervention or population the overview does not address; that term is never
in a case slot: "tirzepatide for a man with HFpEF" requires both (no age: the man with HFpEF is the population asked
about), so detection holds."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from importlib import resources

from medora.compose.described import broader_parts, split_asking
from medora.compose.lay import LayEquivalent
from medora.compose.note_sections import NOTE_MARKERS
from medora.compose.terms import BLOOD_THINNERS, SpecificTerm, few_interactions, stem, stem_sequence
from medora.yaml_text import load_yaml

# Clinical shorthand → what a source writes. Only shorthand with one meaning in a clinical question.
SHORTHAND: dict[str, tuple[str, ...]] = {
    "vanc": ("vancomycin",),
    "vanco": ("vancomycin",),
    "strep": ("streptococcal", "streptococcus", "streptococci"),
    "staph": ("staphylococcal", "staphylococcus", "staphylococci"),
    "abx": ("antibiotic", "antibiotics"),
    "fbc": ("full blood count", "blood count"),
    "cbc": ("complete blood count", "full blood count", "blood count"),
    "sats": ("oxygen saturation", "saturation", "spo2"),
    "sob": ("shortness of breath", "breathlessness", "breathless"),  # "exertional SOB" (session 62)
    "vit": ("vitamin",),  # "also take vit d" (session 62)
    "bp": ("blood pressure",),  # "my bp was high last week" (session 56): the sources spell it out
    "bloods": ("blood tests", "blood test"),
    "gtn": ("glyceryl trinitrate", "nitroglycerin", "nitroglycerine"),
    # clipped words of clinical notes, each standing for one word (session 13)
    "pred": ("prednisolone", "prednisone"),
    "trop": ("troponin",),
    "trops": ("troponin",),
    "resus": ("resuscitation",),
    "creat": ("creatinine",),
    "uric": ("uric acid", "urate"),
    # session 63: an intensive care note ("74M on ICU w urosepsis … Had 30ml/kg Hartmann's"), as sources write it
    "urosepsis": ("urinary sepsis", "sepsis"),
    "icu": ("intensive care", "critical care"),
    "itu": ("intensive care", "critical care"),
    "hartmann": ("crystalloid", "balanced crystalloid"),  # "the uric acid came back normal": a result, as sources write it (session 63)
    "angio": ("angiography", "angiogram"),  # "what timeframe for angio?" (session 63)
    "wt": ("weight",),  # "Wt 58 kg, creat 98" (session 63)
    "norad": ("noradrenaline", "norepinephrine"),
    "pyelo": ("pyelonephritis",),
    "bilat": ("bilateral",),
    "dip": ("dipstick", "urine dipstick"),
    "lft": ("liver function tests", "liver function"),
    "lfts": ("liver function tests", "liver function"),
    "ecg": ("ecg", "electrocardiogram"),
    "echo": ("echocardiogram", "echocardiography"),
    "psych": ("psychiatric", "psychiatry", "mental health"),
    "preds": ("prednisolone", "prednisone"),
    # clinical abbreviations whose table meaning is ambiguous or spelled otherwise than sources write it (session 14):
    # "knee OA" (the table also reads OA as orbital atherectomy), UK spellings, "DVT" as "deep vein thrombosis"
    "oa": ("osteoarthritis",),
    "gord": ("gastro-oesophageal reflux", "gastroesophageal reflux", "reflux"),
    "ogd": ("endoscopy", "gastroscopy", "oesophagogastroduodenoscopy"),
    "upsi": ("unprotected sexual intercourse", "unprotected sex", "unprotected intercourse"),
    "lbp": ("low back pain", "lower back pain"),
    "tkr": ("knee replacement",),
    "thr": ("hip replacement",),
    "wcc": ("white cell count", "white blood cell count"),
    "aecopd": ("exacerbation of copd", "copd exacerbation", "copd"),  # the COPD overview's exacerbation section
    "htn": ("hypertension",),
    "t2dm": ("type 2 diabetes",),
    "dvt": ("deep vein thrombosis", "deep venous thrombosis"),
    "gad": ("generalised anxiety disorder", "generalized anxiety disorder"),
    "cbt": ("cognitive behavioural therapy", "cognitive behavioral therapy"),
    "friii": ("fixed-rate intravenous insulin infusion", "fixed-rate insulin infusion", "insulin infusion"),
    "dre": ("digital rectal examination", "rectal examination"),
    "cocp": ("combined oral contraceptive", "combined pill", "combined hormonal contraception"),
    "coc": ("combined oral contraceptive", "combined pill", "combined hormonal contraception"),
    "iud": ("intrauterine device",),
    "iucd": ("intrauterine device", "intrauterine contraceptive device"),
    "abdo": ("abdominal", "abdomen"),
    "fhx": ("family history",),
    # session 71 (the thirty-eighth set's notes): prophylaxis, stockings, bedside glucose, ultrasound and a dose
    # raised as notes clip them ("HBV antiviral ppx needed?", "TEDs vs IPC", "how long to monitor BMs?")
    "ppx": ("prophylaxis", "prophylactic"),
    "teds": ("anti-embolism stockings", "compression stockings", "graduated compression stockings"),
    "bms": ("blood glucose", "capillary blood glucose", "glucose"),
    "cbg": ("capillary blood glucose", "blood glucose", "glucose"),
    "uss": ("ultrasound",),
    "uptitrate": ("escalating", "increase", "titrate"),
    # session 72: a combination as notes halve it ("treated w/ sof/vel 2021"); not "sac" (a gestational sac)
    "sof": ("sofosbuvir",),
    "vel": ("velpatasvir",),
    # session 18: thrombolysis as clinicians clip it ("lyse or transfer?"), and the pneumonia scores written without
    # their hyphen, which the index keeps whole ("CRB-65")
    "lyse": ("thrombolysis", "fibrinolysis", "thrombolytic", "fibrinolytic"),
    "crb65": ("crb-65",),
    "curb65": ("curb-65",),
    "afib": ("atrial fibrillation",),  # session 28: "has afib and keeps having little falls" met no passage
    # session 31: "COPD group E, eos 350 — initial inhaler?", "F/TAF for PrEP in a cis woman"
    "eos": ("eosinophil", "eosinophils", "eosinophil count"),
    "cis": ("cisgender",),
    # session 32: a PCR beside a pregnancy's blood pressure is its urine protein ("PCR 55, new headache")
    "pcr": ("polymerase chain reaction", "protein creatinine ratio"),
    # session 47: the blood count and the gut as a note writes them ("67M, Hb 98, ferritin 8, no GI symptoms"); the
    # rare tokens outweighed ferritin and aspirin, which the anaemia overview holds
    "hb": ("haemoglobin", "hemoglobin"),
    "gi": ("gastrointestinal",),
    # session 58: an exacerbation and nebulisers as a note clips them ("COPD exac on 28% O2 … post nebs + pred — NIV
    # indicated?" held both on no passage)
    "exac": ("exacerbation", "exacerbations"),
    "exacs": ("exacerbation", "exacerbations"),
    "nebs": ("nebuliser", "nebulisers", "nebulizer", "nebulizers", "nebulised", "nebulized", "bronchodilator",
             "bronchodilators"),
    "neb": ("nebuliser", "nebulizer", "nebulised", "nebulized", "bronchodilator"),
    "op": ("operation", "surgery", "surgical"),  # "after his stomach op", "a carpal tunnel op" (session 58)
    "ops": ("operations", "surgery", "surgical"),
    "tfts": ("thyroid function tests", "thyroid function", "tsh"),  # "change dose now or wait for TFTs?" (session 58)
    "tft": ("thyroid function tests", "thyroid function", "tsh"),
    # session 64: a drug paused as a note writes it ("which meds should be held?"), as sources write it
    "held": ("withhold", "withheld", "withholding", "suspend", "suspended", "stop", "stopped", "stopping"),
}

# Clipped words of clinical notes for time, results and the patient's record (session 13): no topic of their own,
# so neither a term nor a topic word the on-topic gate weighs (compose/select.py ``question_weights``: "STEMI dx at
# rural hosp" weighed "hosp" and "dx" like "STEMI")
NOTE_CLIPPINGS = frozenset(
    stem(word)
    for word in "wk wks yr yrs mo mos mth mths hr hrs min mins obs neg pos meds incl hosp approx hx sx tx mx dx ix"
    " nocte mane prn bd tds qds deg od rx ve mcg umol µmol μmol micromol freq fn".split()  # when a dose is given
    # ("trazodone 50 mg nocte"), degrees of movement; "PCR +ve", "0.3 mcg/kg/min" (session 63); "creat 88 -> 171
    # umol/L", a unit no overview writes so (session 64); "how often renal fn? HIV test freq?" (session 70)
) | frozenset(stem(marker) for marker in NOTE_MARKERS)  # a note's headings and markers: "PMH", "NKDA" (session 62)
# Words that frame what is asked (a cut-off, a prevention, how long), not its topic: like "treatment" or "dose"
# ("VTE prophylaxis after elective TKR - NICE options and durations?" is answered by "for 14 days")
FRAME_WORDS = frozenset(
    stem(word)
    for word in """threshold thresholds cutoff cutoffs cut-off cut-offs criteria criterion target targets
    prophylaxis prophylactic preventive duration durations""".split()
) | NOTE_CLIPPINGS

# A procedure the asking clause names, which a blood thinner the patient takes bears on
_PROCEDURE_ASKED = re.compile(
    r"\b(?:injections?|operations?|op|surgery|procedures?|extractions?|biopsy|endoscopy|colonoscopy|epidural|"
    r"(?:tooth|teeth) out)\b",
    re.IGNORECASE,
)

# A clause asking for the cause of what the case tells
_CAUSE_ASKED = re.compile(
    r"\b(?:what|which)\s+(?:\w+\s+)?(?:explains?|caused?|causes|is causing|could cause|could explain|accounts? for)\b"
    r"|\bwhy\s+(?:has|have|is|are|did|would|might)\b",
    re.IGNORECASE,
)
# …and a drug the case tells as newly started: "three months after starting oral oestradiol", "since she began
# lithium", "was started on amiodarone in May"
_STARTED = (r"\b(?:after|since)\s+(?:starting|beginning|being started on|she started|he started|I started)\s+"
            r"(?:\w+\s+){0,2}?")
_STARTED_ON = r"\b(?:was|were|been)\s+started\s+on\s+(?:\w+\s+){0,2}?"


def _started_before(describing: str, term: SpecificTerm) -> bool:
    """True when ``describing`` tells the medicine ``term`` as newly started (``_STARTED``, ``_STARTED_ON``)."""
    names = "|".join(re.escape(form) for form in (term.label, *term.forms[:3]))
    return bool(re.search(rf"(?:{_STARTED}|{_STARTED_ON})(?:{names})\b", describing, re.IGNORECASE))


def _told_aside(question: str, term: SpecificTerm) -> bool:
    """True when the drug ``term`` is told as an aside, "he also takes a statin": no medicine the question is for."""
    return bool(re.search(rf"\balso\s+(?:takes|taking|on|uses)\s+(?:an?\s+|the\s+|his\s+|her\s+)?"
                          rf"{re.escape(term.label)}\b", question, re.IGNORECASE))


# Whoever operates, told something before a procedure, or told about the patient's medicines
_TELLING_THE_OPERATOR = re.compile(
    r"\b(?:tell|telling|told|inform|informed|warn|mention|let)\b.{0,40}\b(?:surgeons?|anaesthetists?|anesthetists?|"
    r"anesthesiologists?|ophthalmologists?|dentists?|eye (?:doctors?|hospital|team|clinic)|surgical team|"
    r"the (?:hospital|team) (?:doing|before))\b"
    r"|\b(?:tell|telling|inform|warn|mention)\b.{0,30}\babout (?:her|his|my|their|your) "
    r"(?:tabs|tablets|pills|meds|medication|medications|medicines|drugs)\b",
    re.IGNORECASE,
)

# How long a drip runs is a timing asked, in the words of its frame (session 69: "IV magnesium – dose and infusion
# time?" against the asthma overview's "1.2–2 g over 20 minutes")
_TIMED_INFUSION = re.compile(r"\b(infusion|infusions)\s+(?:time|times|rate|rates|duration|length|period)\b",
                             re.IGNORECASE)

# "pred" written anywhere but after a percentage ("PEF 42% pred", "FEV1 55 % pred" are of the predicted value)
_PRED_NOT_PREDICTED = re.compile(r"(?<!%)(?<!%\s)\bpred\b", re.IGNORECASE)

# Words that open a slot describing the case: a negation, the patient's history.
NEGATIONS = frozenset({"no", "not", "without", "nor", "denies", "denied"})
# …and "isn't", which denies a state ("he isn't diabetic"), typed with or without the apostrophe ("isn't" is read as
# "isn" and "t"); not "hasn't", "didn't" or "never", which more often deny what the question goes on to ask about
# ("never had the HPV jab at school. Is it worth getting it now?", "why didn't they give him oxygen?")
NEGATIONS |= frozenset({"isn", "isnt", "aren", "arent", "wasn", "wasnt", "weren", "werent"})
HISTORY_CUES = ("history of", "hx of", "hx", "h/o", "pmh", "pmh of", "background of", "also has", "also have")
TRIGGER_CUES = ("after eating", "after drinking",  # the trigger of a reaction ("after eating peanuts"), or what the
                "ate something", "eaten something", "ate some", "eaten some",  # account says was eaten ("ate
                "ate a", "ate an", "eaten a", "eaten an")  # something with peanuts in at a party", session 56; "he
# ate a brownie with cashews in it", session 59)
# …or a reaction's cause named with it ("a bad reaction to cashews", "a peanut allergy"): a food or a venom is the
# case, as after "eating"; a drug there stays asked about ("allergic to penicillin, which antibiotic?" needs a source
# on penicillin allergy)
REACTION_CUES = ("reaction to", "allergic to", "allergy to", "allergies to")
ALLERGY_WORDS = frozenset({"allergy", "allergies", "allergic"})
# An age before "with" makes the question a case description ("a 72 yo with angina", "57-year-old with type 2
# diabetes"): what follows is the patient's history. Without an age, "a man with HFpEF" is the population asked about.
AGE_WORDS = frozenset({"yo", "y/o", "yrs", "old"})  # "72 yo", "18-month-old" (read as "18 month old")

# Words that end a case slot: the question goes on ("with angina and new AF: anticoagulate?" asks about AF)
SLOT_ENDS = frozenset({"and", "but", "who", "which", "what", "how", "when", "should", "can", "could", "would", "is",
                       "are", "does", "do", "for", "in", "now", "then", "so"})

# A question on whether something is safe or allowed asks about the pairing with the patient's condition: "Is
# orlistat safe in a 50 yo with CKD?", "hx of asthma, can I take propranolol?". Nothing in it is only the case.
SAFETY = re.compile(
    r"\b(?:safe|safely|safety|unsafe|contraindicat\w*|interactions?|interacts?|caution\w*|allowed|harms?|"
    r"side[- ]effects?|risks?(?! factors?| scores?| assessments?)|ok(?:ay)?|avoid\w*|suitable|"
    r"can (?:i|he|she|they|we) (?:take|use|have|start|continue|carry on)|"
    r"can (?:[\w-]+ ){1,3}be (?:used|given|taken|continued|started))\b",
    re.IGNORECASE,
)
# A question on whether it is safe to wait ("is it ok to wait and see?", "safe to leave it?"): no drug or activity
WAITING = re.compile(r"\b(?:ok(?:ay)?|safe|alright|all right|fine)\s+to\s+(?:just\s+)?(?:wait|leave|hold off)\b",
                     re.IGNORECASE)
# An asking clause on whether the patient may go on with, or must stop, the drug the case names ("can she continue
# it?", "should he stop them?", "is it safe to keep taking it?")
_GOING_ON = (
    r"\b(?:continue|continuing|carry on(?: with)?|keep (?:on )?taking|keep on|stay on|stop|stopping|come off|"
    r"restart|restarting|switch|safe to take)"
)
_KEEPING_IT = re.compile(rf"{_GOING_ON}\s+(it|them|this|these|that|those)\b", re.IGNORECASE)
_ONE_THING = frozenset({"it", "this", "that"})
# …or, when no other drug is asked about, going on with nothing named after it, or whether anything should change
# (session 61: "I take levothyroxine and just found out I'm pregnant, should anything change?", "take pregabalin for
# my anxiety, is it safe to carry on?"; not "… Start insulin now? Does the SGLT2i continue?")
_KEEPING_ON = re.compile(
    rf"{_GOING_ON}\s*(?:[?!.]|$)"
    r"|\b(?:anything|something)\s+(?:change|be changed|needs? (?:to )?(?:change|be changed))\b|\bchange anything\b",
    re.IGNORECASE,
)
# …or whether the patient's dose of them is right: "72F on apixaban for AF, eGFR 28, weight 58 kg. Is her dose right?"
# asks about apixaban dosing (session 37: the chronic kidney disease overview answered it, leaving apixaban unnamed as
# her own drug)
ITS_DOSE = re.compile(r"\b(?:her|his|my|their|your|this|that|current) (?:dose|doses|dosage|dosing)\b", re.IGNORECASE)
# A clause asking what to give, with no drug named: "What should be given next?", "What else should we start?"
_GIVING = re.compile(
    r"\b(?:what|which)\s+(?:else\s+|other\s+|additional\s+|further\s+)?(?:drugs?\s+|medicines?\s+|treatment\s+)?"
    r"(?:should|would|could|can|do|must)\s+(?:(?:we|i|you|he|she|they)\s+)?(?:be\s+)?"
    r"(?:give|given|start|started|add|added|prescribe|prescribed|offer|offered|use|used)\b",
    re.IGNORECASE,
)
# …or what the answer must weigh them for: "Given his regular medication, which additional drug should be
# considered?" (session 62: a beta-blocker in anaphylaxis, which the anaphylaxis overview never names)
HIS_MEDICINES = re.compile(
    r"\b(?:given|because of|with|on|despite|considering)\s+(?:her|his|my|their|your)\s+"
    r"(?:regular\s+|usual\s+|current\s+)?(?:medication|medications|medicines|meds|drugs|tablets|pills)\b",
    re.IGNORECASE,
)
# A treatment decision depends on the patient's other conditions: "hx of angioedema, ramipril for hypertension?"
# asks about ramipril given the angioedema. Only a question on diagnosis, outlook or causes may leave its history
# and comorbidities unnamed; elsewhere only a negated finding is the case.
CASE_TYPES = frozenset({"diagnosis", "prognosis", "aetiology"})

NEGATION_SLOT, HISTORY_SLOT, TRIGGER_SLOT, WITH_SLOT, BRACKET_SLOT = "negation", "history", "trigger", "with", "bracket"
REACTION_SLOT = "reaction"
_TOKEN = re.compile(r"[A-Za-z0-9&/]+|[,;:.?!()\[\]]|\s[-–—]\s")  # a dash between spaces separates, a hyphen joins
_BREAK = re.compile(r"^[,;:.?!\[\]\-–—]$")


def _named_last(describing: str, drugs: list[SpecificTerm]) -> list[SpecificTerm]:
    """The ``drugs`` of the one drug the describing part names last (every term of it), or all when none is found."""
    def last_place(term: SpecificTerm) -> int:
        found = [m.start() for form in (term.label, *term.forms[:1])
                 for m in re.finditer(rf"\b{re.escape(form)}\b", describing, re.IGNORECASE)]
        return max(found, default=-1)
    places = {term.label.lower(): last_place(term) for term in drugs}
    latest = max(places.values(), default=-1)
    if latest < 0:
        return drugs
    return [term for term in drugs if places[term.label.lower()] == latest]


def with_kept_drugs_asked(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The ``terms`` with the case's drugs asked about when the clause that asks is whether to go on with them
    ("…taking propranolol for migraine prevention, now 6 weeks pregnant. Can she continue it?") or whether the
    patient's dose is right ("Is her dose right?"); also, when no other drug is asked about, going on with nothing
    named after the verb or whether anything should change (``_KEEPING_ON``), though then not a background medicine
    of few interactions beside the drug gone on with; what to tell whoever operates (``_TELLING_THE_OPERATOR``); and,
    when the cause of a changed result is asked, any medicine told as newly started, whether or not the drug lexicon
    knows it (``_CAUSE_ASKED``). Read before the classes are added (terms.specific_terms): a drug
    asked about is never named by a class that only names the patient's own (variants.OWN_DRUG_CLASSES)."""
    asking = split_asking(question)[1]
    own = [term for term in terms if term.kind == "drug" and term.context]
    last = re.split(r"(?<=[.!?])\s+", question.strip())[-1]  # the sentence that asks, its opening clause too
    keeping = _KEEPING_IT.search(asking)
    if keeping and keeping.group(1).lower() in _ONE_THING and len({term.label.lower() for term in own}) >= 2:
        kept = _named_last(split_asking(question)[0], own)  # "DH: sertraline, amlodipine, allopurinol … asks to stop
        # the sertraline now. How long should he be advised to continue it?": the one drug told last, not the list
    elif keeping or ITS_DOSE.search(asking) or HIS_MEDICINES.search(last):
        kept = own
    elif own and _GIVING.search(asking) and not any(term.kind == "drug" and not term.context for term in terms):
        # what to give now, no drug named: how it goes with the patient's own drugs may be what the answer turns on
        # ("takes bisoprolol … two IM adrenaline doses … What should be given next?", session 62), unless they are
        # medicines of few interactions
        kept = [term for term in own if not few_interactions(term) and not term.trigger]
    elif _CAUSE_ASKED.search(asking) and (started := [
        term for term in terms if term.kind in ("drug", "term", "word") and _started_before(
            split_asking(question)[0], term)
    ]):  # why a result changed, a medicine newly started in the case: it is what the answer turns on, a drug the
        # lexicon knows or not (session 70: "stable on levothyroxine … Three months after starting oral oestradiol …
        # her TSH is 7.8. What explains this?")
        return [replace(term, context=False, finding=False, told=False, required=True)
                if any(term is drug for drug in started) else term for term in terms]
    elif own and _TELLING_THE_OPERATOR.search(asking) and (telling := [
        term for term in own if not few_interactions(term) and not _told_aside(question, term)
    ]):  # what to tell whoever operates: the patient's own medicines are what it turns on (session 70: "takes
        # tamsulosin for his waterworks … booked in for cataract surgery. Is there anything he needs to tell the eye
        # surgeon?" met no passage on topic)
        kept = telling
    elif own and _PROCEDURE_ASKED.search(asking) and (thinning := [
        term for term in own if term.label.lower() in BLOOD_THINNERS and term.label.lower() != "aspirin"
    ]):  # a procedure asked about on a blood thinner turns on the bleeding (session 69: "offered a steroid epidural
        # injection … i'm on warfarin for a metal heart valve. can i just go ahead with the injection?")
        kept = thinning
    elif own and all(term.context for term in terms if term.kind == "drug") and _KEEPING_ON.search(asking):
        # nothing named after it: the drug gone on with is not a background medicine of few interactions beside
        # another ("GAD on sertraline … Eczema on emollients. How long should she continue?")
        kept = [term for term in own if not few_interactions(term)] or own
    else:
        return terms
    return [replace(term, context=False) if any(term is drug for drug in kept) else term for term in terms]


def subject_terms(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The ``terms`` with shorthand spelled out, frame words dropped, and the case's words marked ``context``. When
    every term would be the case, the patient's condition after "with" is what is asked ("9 yo with anaphylaxis
    after eating peanuts: how much adrenaline?" asks about anaphylaxis, the peanuts are the case)."""
    slots = case_slots(question)
    timed = {stem(match.group(1)) for match in _TIMED_INFUSION.finditer(question)}
    kept = []
    for term in terms:
        lowered = term.label.lower()
        if term.kind in ("term", "word") and (stem(lowered) in FRAME_WORDS or stem(lowered) in timed):
            continue
        if lowered == "pred" and not _PRED_NOT_PREDICTED.search(question):
            continue  # "PEF 42% pred" is a share of the predicted value, no prednisolone
        if lowered in SHORTHAND:
            term = replace(term, forms=tuple(dict.fromkeys(term.forms + SHORTHAND[lowered])))
        if term.kind in ("term", "word") and (parts := broader_parts(question, lowered)):
            term = replace(term, forms=tuple(dict.fromkeys(term.forms + parts)))  # "my soles": named as the feet
        kept.append(term)
    jobs = told_jobs(question)
    marked = [replace(term, context=True) if _in_case(term, slots) or _job_told(term, jobs) else term for term in kept]
    describing, asking = split_asking(question)
    asking_stems = set(stem_sequence(asking)) if describing.strip() else set()
    marked = [  # after a description, what the question asks names is never the one word it may leave unnamed
        replace(term, required=True)
        if term.kind in ("term", "word") and not term.context and (stems := set(stem_sequence(term.label)))
        and stems <= asking_stems else term
        for term in marked
    ]
    if not any(term.kind in ("term", "word") and not term.context for term in marked):
        # the condition after "with" is what is asked when the question names no condition of its own: "In a
        # 60-year-old with HFpEF, is tirzepatide effective?" asks about HFpEF
        marked = [
            replace(term, context=False) if term.context and slots.get(term.label.lower().split()[0]) == WITH_SLOT
            else term
            for term in marked
        ]
    return marked


@lru_cache(maxsize=1)
def _job_stems() -> frozenset[str]:
    text = resources.files("medora.compose").joinpath("data/occupations.yaml").read_text(encoding="utf-8")
    return frozenset(stem(str(word)) for word in load_yaml(text)["occupations"])


_PLACES_OF_STUDY = frozenset({"uni", "university", "college", "school", "nursery"})
_AGED = frozenset({"year", "years", "yr", "yrs", "old", "aged"})  # the age between a job and its article
_PASTIME_VERBS = frozenset({"play", "plays", "playing", "enjoy", "enjoys", "enjoying", "love", "loves"})
_NOT_PASTIMES = frozenset({  # what follows those verbs without being a pastime ("loves her", "plays a part")
    "a", "an", "the", "to", "it", "her", "him", "them", "his", "their", "my", "your", "with", "in", "on", "up", "out",
    "part", "role", "doing", "going",
})
# a pastime told by its verb (session 63: "gardens daily", "swims twice a week", "grows vegetables on an allotment",
# "does tai chi"), when the patient does it: the verb begins the clause or follows its subject
_LEISURE_VERBS = frozenset({
    "swims", "gardens", "runs", "cycles", "hikes", "dances", "volunteers", "grows", "fishes", "golfs", "bowls",
    "sings", "knits", "paints", "rows", "climbs",
})
_LEISURE_DOINGS = frozenset({  # what "does" or "goes" is a pastime before
    "tai", "yoga", "pilates", "aerobics", "zumba", "parkrun", "crossfit", "gym", "swimming", "running", "cycling",
    "fishing", "dancing", "hiking", "climbing", "bowling", "allotment", "pub", "club", "bingo", "bowls", "golf",
})
_DOER = frozenset({
    "he", "she", "i", "who", "also", "and", "they", "mum", "dad", "husband", "wife", "partner", "son", "daughter",
    "old", "aged", "man", "woman", "patient",  # "A 71-year-old swims", "a retired woman who swims"
    "still", "often", "usually", "regularly",  # "he still goes down his allotment every day"
})
_RELATIONS = frozenset({  # "lives alone", "lives w wife": who the patient lives with
    "alone", "wife", "husband", "partner", "son", "daughter", "family", "parents", "mum", "dad", "children", "kids",
    "flatmate", "flatmates", "friend", "friends", "carer", "carers", "sister", "brother",
})
LEISURE_SPAN = 4  # the words after a pastime's verb that tell what and how often ("swims twice a week")
_FORMER = frozenset({"ex", "retired", "former"})  # a job once held, told without its article
_WORKS = frozenset({"work", "works", "working", "worked"})
_SHIFTS = frozenset({"shift", "shifts", "nights", "lates", "earlies"})
JOB_ARTICLE_SPAN = 3  # "a postie", "a primary school teacher": the job within three words after "a" or "an"


def told_jobs(question: str) -> set[str]:
    """Stems of the patient's job and of the words qualifying it after its article, told with "a" or "an" where the
    question describes and not named where it asks ("I'm a hairdresser and the iron tablets make me sick", "im 42, a
    primary school teacher, been on citalopram"):
    part of the case, like the patient's own drugs (compose/data/occupations.yaml). "The nurse said …" is someone in
    the story, not the patient's job; "Can a welder get asbestosis?" asks about the welder. A job after the
    patient's age ("A 58-year-old taxi driver") is told so too, and a pastime after "plays", "enjoys", "loves" or
    "keen" ("plays darts on Fridays", "a keen gardener"), with its verb, is told like a job (session 62)."""
    describing, asking = split_asking(question)
    told = set()
    for clause in re.split(r"[,.;:!?()]", describing.lower()):
        said = re.findall(r"[a-z]+", clause)
        told |= {  # "lives alone, gardens daily", "A 71-year-old swims twice a week" (session 63)
            stem(w) for index in range(len(said)) if _tells_home_or_leisure(said, index)
            for w in _leisure_span(said[index : index + LEISURE_SPAN + 1]) if w not in _NOT_PASTIMES
        }
        words = [word for word in said if word not in _AGED]  # "a 58-year-old taxi driver"
        for index, word in enumerate(words):
            before = words[max(index - JOB_ARTICLE_SPAN, 0) : index]
            if before[-1:] and before[-1] in _PASTIME_VERBS | {"keen"} and word not in _NOT_PASTIMES:
                told |= {stem(word), stem(before[-1])}  # "plays darts on Fridays", "enjoys bowls", "a keen
                # gardener" (session 62): a pastime, told like a job
                continue
            if stem(word) in _job_stems() and before[-1:] and before[-1] in _FORMER:
                told |= {stem(before[-1]), stem(word)}  # "hes 70, ex miner", "retired postman" (session 63)
            elif stem(word) in _job_stems() and {"a", "an"} & set(before):
                article = max(i for i, w in enumerate(before) if w in ("a", "an"))
                told |= {stem(w) for w in [*before[article + 1 :], word]}  # "a primary school teacher": all three
            elif word in _PLACES_OF_STUDY and before[-1:] == ["at"]:
                told.add(stem(word))  # "my son is 20 and at uni" (session 59): where he studies, as a job
            elif word in _SHIFTS and (worked := [i for i, w in enumerate(before) if w in _WORKS]):
                told |= {stem(w) for w in [*before[worked[-1] + 1 :], word]}  # "She works night shifts" (session
                # 60): the hours of a job, told like the job
    return told - set(stem_sequence(asking))


# someone other than the patient, whose own story an account may tell beside the case ("my sister did slimming world
# and shes on metformin for her sugar"); never the relatives who are often the patient (mum, dad, husband, son …)
_OTHERS = frozenset("""sister sisters brother brothers friend friends mate mates neighbour neighbours neighbor neighbors
    colleague colleagues cousin cousins aunt auntie uncle boss pal pals flatmate flatmates""".split())
_ASKER = frozenset({"i", "im", "me", "my", "ive", "id", "myself"})  # the asker is the patient…
_THIRD_PERSON = frozenset({"he", "she", "him", "her", "his", "hes", "shes", "they", "them", "their"})  # …unless asked
_TELLING = frozenset("""says said say told tells tell mentioned mentions suggested suggests recommended recommends
    reckons reckoned thinks thought think swears swore heard reads read""".split())
OTHERS_VERB_REACH = 4  # the words after "my sister" in which a telling verb makes the clause a claim, not a story


def others_stories(question: str) -> set[str]:
    """Stems of the clauses of an account's describing part that tell another person's own story, not the patient's:
    "my sister did slimming world and shes on metformin for her sugar" (session 63: "sister", "slimming" and "sugar"
    outweighed the semaglutide a question on stopping it asked about). What someone says ("my mate says you can take
    it just before") is a claim the question may ask about, and is read as the case is."""
    describing, asking = split_asking(question)
    asked = set(re.findall(r"[a-z]+", asking.lower()))
    if asked & _THIRD_PERSON or not set(re.findall(r"[a-z]+", question.lower())) & _ASKER:
        return set()  # the account asks about someone else, who may be the sister it tells of
    told: set[str] = set()
    for sentence in re.split(r"[.;!?]", describing.lower()):
        words = re.findall(r"[a-z]+", sentence)
        for index, word in enumerate(words):
            if word in _OTHERS and index and words[index - 1] in ("my", "his", "her", "our", "a") and not (
                set(words[index + 1 : index + 1 + OTHERS_VERB_REACH]) & _TELLING
            ) and word not in asked:
                told |= {stem(w) for w in words[index - 1 :]}
                break
    return told - set(stem_sequence(asking))


def _tells_home_or_leisure(words: list[str], index: int) -> bool:
    """True when ``words[index]`` begins a clause's account of the patient's home or pastime: "lives alone", "lives w
    wife", "she swims twice a week", "does tai chi", "goes to the gym". "The pain runs down his leg" is no pastime:
    its verb follows no doer."""
    word, after = words[index], words[index + 1 : index + LEISURE_SPAN]
    if index and words[index - 1] not in _DOER:
        return False
    if word in ("lives", "living", "live"):
        return bool(after) and (after[0] in _RELATIONS or (after[0] in ("with", "w") and bool(set(after) & _RELATIONS)))
    if word in ("does", "goes"):
        return bool(set(after) & _LEISURE_DOINGS)
    return word in _LEISURE_VERBS and bool(after)


def _leisure_span(words: list[str]) -> list[str]:
    """The words of a pastime's account up to the next verb or clause ("swims twice a week and takes simvastatin")."""
    ends = [index for index, word in enumerate(words) if index and word in _LEISURE_ENDS]
    return words[: ends[0]] if ends else words


_LEISURE_ENDS = frozenset(
    "and but or has have had is was takes took who which since because so then for".split()
)


def _job_told(term: SpecificTerm, jobs: set[str]) -> bool:
    stems = stem_sequence(term.label)
    return term.kind in ("term", "word") and bool(stems) and set(stems) <= jobs


def case_slots(question: str) -> dict[str, str]:
    """The case words that may go unnamed: none in a question on safety (the pairing is what it asks), all of
    ``case_words`` in a question on diagnosis, prognosis or causes, and otherwise only the negated findings and the
    trigger of a reaction (the
    history and comorbidities decide a treatment: "A 60 yo with cirrhosis and AF: which anticoagulant?")."""
    from medora.compose.analyse import classify_question  # analyse builds on the term modules

    if SAFETY.search(question):
        return {}
    slots = case_words(question)
    if classify_question(question) not in CASE_TYPES:
        return {word: slot for word, slot in slots.items() if slot in (NEGATION_SLOT, TRIGGER_SLOT, REACTION_SLOT)}
    return slots


def _in_case(term: SpecificTerm, slots: dict[str, str]) -> bool:
    """A technical word in a case slot; a drug only after a history cue ("hx of", "PMH"): after a negation a drug is
    often what is asked ("should we or should we not give apixaban…?"), in brackets often an option asked about
    ("(semaglutide or orlistat)"), and after an age and "with" it is the patient's own only after "on"
    (terms.CONTEXT_CUES)."""
    slot = slots.get(term.label.lower().split()[0]) if term.label else None
    if term.required or term.kind == "population" or slot is None:
        return False
    if slot == REACTION_SLOT and term.kind == "drug":
        return False
    return term.kind in ("term", "word") or slot in (HISTORY_SLOT, TRIGGER_SLOT)


def shorthand_equivalents(question: str) -> list[LayEquivalent]:
    """The question's shorthand words, each as an equivalent its spelled-out forms name, for the on-topic gate (a
    passage on "vancomycin" holds the question's "vanc")."""
    words = dict.fromkeys(word.lower() for word in _TOKEN.findall(question))
    return [
        LayEquivalent(lay=word, stems=(stem(word),), medical=SHORTHAND[word]) for word in words if word in SHORTHAND
    ]


def case_words(question: str) -> dict[str, str]:
    """The lower-cased words of the question written only in a slot that describes the case, each with its slot:
    after an age and "with" (``WITH_SLOT``), after a negation (``NEGATION_SLOT``) or a history cue
    (``HISTORY_SLOT``), inside brackets (``BRACKET_SLOT``), after "eating" (``TRIGGER_SLOT``), after "a reaction to"
    or before "allergy" (``REACTION_SLOT``). A slot ends at the next punctuation mark or a word that
    goes on with the question (``SLOT_ENDS``). A word also written outside every slot is asked about: "Hx of asthma;
    best treatment for asthma in pregnancy?" asks about asthma."""
    tokens = [token.strip() for token in _TOKEN.findall(question)]
    lowered = [token.lower() for token in tokens]
    found: dict[str, str] = {}
    outside: set[str] = set()
    slot = ""
    depth = 0
    for index, token in enumerate(lowered):
        if token == "(":
            depth += 1
            if index and lowered[index - 1] in ALLERGY_WORDS:
                slot = REACTION_SLOT  # "penicillin allergy (urticarial rash as child)": the reaction told (session 62)
            continue
        if token == ")":
            depth = max(depth - 1, 0)
            slot = ""
            continue
        if token == "," and slot == NEGATION_SLOT and _denied_list_goes_on(lowered, index):
            continue  # "no history of peptic ulcer, asthma or kidney disease": each of them denied (session 60)
        if _BREAK.match(token) or token in SLOT_ENDS:
            slot = ""
            continue
        if depth or slot:
            found.setdefault(token, BRACKET_SLOT if depth and slot != REACTION_SLOT else slot)
        elif index + 1 < len(lowered) and lowered[index + 1] in ALLERGY_WORDS:
            found.setdefault(token, REACTION_SLOT)  # "a peanut allergy": the food is what the reaction is to
        else:
            outside.add(token)
        opened = _opens_slot(lowered, index)
        slot = slot if slot == NEGATION_SLOT and opened == HISTORY_SLOT else opened or slot  # "no history of":
        # what follows is denied, not the patient's history
    return {word: where for word, where in found.items() if word not in outside}


LISTED_ITEM_TOKENS = 4  # the longest item of a denied list between its commas ("no chest pain, fever or weight loss")
_LIST_LAST = frozenset({"or", "nor"})


def _denied_list_goes_on(lowered: list[str], comma: int) -> bool:
    """True when the comma at ``comma`` separates the items of a denied list that ends "or …" in the same sentence:
    short items, no word that goes on with the question (``SLOT_ENDS``) before the last "or" ("no fever, cough or
    rash"; not "no fever, what antibiotic?")."""
    length = 0  # tokens of the item being read
    for token in lowered[comma + 1 :]:
        if token in _LIST_LAST:
            return length > 0
        if token in SLOT_ENDS or token in (".", ";", ":", "?", "!", "(", ")"):
            return False
        if token == ",":
            if not length:
                return False
            length = 0
            continue
        length += 1
        if length > LISTED_ITEM_TOKENS:
            return False
    return False


def _opens_slot(lowered: list[str], index: int) -> str:
    """The slot the word at ``index`` opens ("" for none)."""
    token = lowered[index]
    if token in NEGATIONS:
        return NEGATION_SLOT
    before = " ".join(lowered[max(index - 1, 0) : index + 1])
    if token in HISTORY_CUES or before in HISTORY_CUES:
        return HISTORY_SLOT
    if before in TRIGGER_CUES:
        return TRIGGER_SLOT
    if before in REACTION_CUES:
        return REACTION_SLOT
    if token == "with" and index:
        previous = lowered[index - 1]
        if previous in AGE_WORDS or re.fullmatch(r"\d+(yo|[mf])", previous):  # "72yo", "72M"
            return WITH_SLOT
    return ""
