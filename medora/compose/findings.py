"""Words of a clinical vignette that are not the question's subject: signs, symptoms, body parts, care settings,
units, readings and everyday words; and a carer who tells the patient something (``is_teller``).

A clinician writes "fever, cough and focal crackles: how do I decide on admission for pneumonia?". What an answering
source must name is the subject (pneumonia; a drug, procedure, condition or population), not every finding of the
case: the pneumonia overview answers without the word "crackles". The specific-term gate (compose/terms.py) keeps
these words out of the terms a source must name. The list holds what the general-English vocabulary test there lets
through (rare or split words); common words ("pain", "knee") never become terms anyway.

Kept short and by category on purpose: an anatomical word that names a condition or procedure with the next word
("cubital tunnel syndrome", "occipital nerve block", "genicular artery embolisation") is not here, and a word of a
near-miss question (a drug, a procedure, a condition the overview lacks) must never be."""

from __future__ import annotations

from functools import lru_cache

from medora.retrieve.tokenize import index_tokens

SIGNS_AND_SYMPTOMS = """crackles crackle crepitations crepitus rales rhonchi wheeze wheezy wheezing breathless
breathlessness drowsy drowsiness sleepy lethargic lethargy myalgia myalgias arthralgia arthralgias malaise hives
itchy itching swelling swollen droop drooping blackout blackouts faint fainted fainting dizzy dizziness lightheaded
palpitations radiating pleuritic heartburn bloating tender tenderness numbness tingling clot clots immobile
bedbound bruising bulging muddled lopsided dexterity gait throbbing cramping crampy
afebrile apyrexial ache aches aching achy""".split()  # not a sign a question may ask about as a drug's effect
# ("unsteady on amitriptyline")

BODY_PARTS = """biceps triceps quadriceps uterus womb thumb shin calf calves ankle ankles forearm armpit
groin eardrum eardrums breastbone""".split()

CARE_AND_EVERYDAY = """inpatient inpatients outpatient outpatients pill pills tablet tablets scan scans queue
urgently overnight pee peeing wee weeing loo booked leaflet leaflets midwife midwives duvet duvets
""".split()  # "a sleep hygiene leaflet", "my midwife appointment" (session 57; not "bloods", stemmed as "blood")

UNITS = "mmol umol micromol mol mg mcg microgram micrograms kg ml mmhg bpm".split()
EXAMINATIONS = "otoscopy auscultation palpation".split()  # how a finding was seen, not what is asked
OBSERVATIONS = "temp temperature".split()  # a reading of the case ("temp 37.9"), never what is asked
# the state the case is in ("suspected aortic dissection, haemodynamically stable - first-line imaging?", session 45):
# whether it is stable is what a source says with "unstable", "shock" or "high-risk", rarely by this adverb
STATES = "haemodynamically hemodynamically".split()
# a result of the case written as notes write it ("WCC 17", "creat 1.8", "dip: leuc+ nitrite+"); never BMI, which a
# question may ask about ("BMI 50: is a DOAC still OK?")
READINGS = "wcc creat leuc leucs nitrite nitrites mcv plt plts".split()  # "plt 245" (session 65)


@lru_cache(maxsize=1)
def _finding_stems() -> frozenset[str]:
    words = (
        SIGNS_AND_SYMPTOMS + BODY_PARTS + CARE_AND_EVERYDAY + UNITS + EXAMINATIONS + OBSERVATIONS + STATES + READINGS
    )
    return frozenset(token for word in words for token in index_tokens(word))


def is_finding_word(word: str) -> bool:
    """True for a sign, symptom, body part, care setting, unit, reading or everyday word of a vignette ("crackles")."""
    tokens = list(index_tokens(word))
    return bool(tokens) and all(token in _finding_stems() for token in tokens)


# Whoever tells the patient something ("my midwife says…", "the pharmacist mentioned…", "the surgeons still want
# to operate"): the teller, not what is asked about. Only as the one who tells, saying or wanting, and not after an
# auxiliary: "steroid injection or physio?", "before seeing the dentist" and "can a pharmacist tell…?" keep the word.
# A twist the carer brings in common words is no term either way ("my midwife says I can't have a water birth"), as
# when the question names no carer.
CARERS = frozenset(
    """pharmacist pharmacists midwife midwives nurse nurses physio physios physiotherapist physiotherapists
    consultant consultants surgeon surgeons specialist specialists dentist dentists paramedic paramedics
    psychiatrist psychiatrists neurologist neurologists cardiologist cardiologists rheumatologist rheumatologists
    obstetrician obstetricians gynaecologist gynaecologists gynecologist gynecologists dermatologist dermatologists
    urologist urologists oncologist oncologists haematologist haematologists hematologist hematologists
    gastroenterologist gastroenterologists endocrinologist endocrinologists diabetologist geriatrician geriatricians
    paediatrician paediatricians pediatrician pediatricians optician opticians counsellor counselor therapist
    therapists dietitian dietitians dietician dieticians registrar registrars doctors gps anaesthetist
    anesthesiologist sho shos intern interns reg regs spr fy1 fy2 houseman""".split()  # a junior doctor by grade
    # ("Night SHO wants haloperidol", "resp reg wants a 6/52 follow-up CXR")
)
# A team named before its doctor ("ortho SHO has charted enoxaparin", "resp reg wants…"): part of the teller
TEAMS = frozenset(
    """ortho orthopaedic orthopaedics orthopedic resp respiratory medical surgical gastro cardio cardiology renal
    neuro neurology psych psychiatry obs gynae haem onc derm uro ent icu itu ed med surg""".split()
)
TELLING_VERBS = frozenset(
    """says said say told tells tell mentioned mentions suggested suggests recommended recommends advised advises
    wants wanted want thinks thought think reckons reckoned brought offered offers explained explains
    gave gives give took takes put puts started starts prescribed prescribes sent sends checked checks charted
    charts ordered orders booked books requested requests""".split()
)  # and what a carer did in the account ("the paramedics took him in", session 56)
_BEFORE_TELLING = frozenset("also still just now has have had then keeps kept".split())  # "the surgeons still want"
# An auxiliary just before the carer makes the carer what is asked about: "can a pharmacist tell whether my sore
# throat needs antibiotics?", "what do dentists think about…?"
_ASKING_AUXILIARIES = frozenset("can could will would should shall does do did may might must".split())
AUXILIARY_BEFORE = 3  # words before the carer searched for one


def is_teller(words: list[str], index: int) -> bool:
    """True when ``words[index]`` is a carer who tells or wants something ("my midwife says", "the nurses want to
    give him something"): the one who speaks, never the subject of the question."""
    if words[index].lower() in TEAMS and index + 1 < len(words) and words[index + 1].lower() in CARERS:
        return is_teller(words, index + 1)
    if words[index].lower() not in CARERS:
        return False
    if any(word.lower() in _ASKING_AUXILIARIES for word in words[max(index - AUXILIARY_BEFORE, 0) : index]):
        return False
    following = index + 1
    while following < len(words) and words[following].lower() in _BEFORE_TELLING:
        following += 1
    return following < len(words) and words[following].lower() in TELLING_VERBS
