"""A case's findings: the technical words of the part that describes it, which no answering source need repeat.

"66-year-old man with exertional breathlessness and ankle swelling, NT-proBNP 2,600 ng/L. How quickly should he have an
echo?" is answered by the heart-failure overview, which never writes "exertional". A clinician's vignette opens with the
patient's age and sex and ends with what it asks; what a near-miss changes (a drug, a procedure, a population the
overview lacks) sits in the asking clause ("… Is bempedoic acid an option?"), while the describing part holds the case's
findings, which compose/findings.py lists by category only where they recur. Here a technical word written only where a
vignette describes is a finding of the case (``finding``); the terms of the asking part are marked ``asked``, and
compose/terms.py ``answers_terms`` lets the findings go unnamed once an asked term is named (or, when nothing asked is a
term, once most findings or a condition the case is described by is). Never a finding: a drug, a population or a name
(those are checked as before), a disease the case has besides its complaint (MeSH's diseases, disorders and injuries
that it does not also file as signs: "G6PD deficiency", "bipolar disorder", "asthma" may change what is given;
compose/entities.py ``comorbidities_in``; one named with its noun, "bipolar II disorder", is history too), what the
patient has had or carries (``history``: "a manic episode 3 years ago", "coronary stents", "a prosthetic mitral valve",
"on haemodialysis", "I'm on PrEP"), and nothing in a question that neither opens with the patient's age nor is an
account in the asker's own words ("My dad's big toe swelled up overnight, he can't bear the bedsheet on it. What's the
usual treatment?", ``is_account``). In an account the subject is often only described ("I'm 35 and never had the HPV
jab. Is it worth getting it now?"), so there its one technical word and its abbreviations in capitals are never
findings. The article names the findings its sources never mention (``Article.findings_notice``), so the reader sees
what the answer left aside.

Measured on the development sets (sessions 23–25, bench/README.md): helpers' vignettes and everyday accounts written
for it and the tuned sets."""

from __future__ import annotations

import re
from dataclasses import replace

from medora.compose.age_groups import NOTE_HEADING
from medora.compose.described import is_long_story, split_asking
from medora.compose.entities import comorbidities_in
from medora.compose.lay import lay_equivalents
from medora.compose.note_sections import PAST_HISTORY, listed_history
from medora.compose.spelling import english_frequency
from medora.compose.terms import (
    FEW_INTERACTION_USES,
    NSAIDS,
    PARTNERED_USES,
    SpecificTerm,
    asks_for_a_drug,
    few_interactions,
    interacting_own_drugs,
    is_known_word,
    meanings_of,
    raw_tokens,
    stem_sequence,
)

# "66-year-old man", "a 31-year-old woman", "63M", "84yo", "70 y/o", "8-month-old"
_AGE_OPENING = re.compile(
    rf"\s*{NOTE_HEADING}(?:an?\s+)?\d{{1,3}}"
    r"(?:\s*-?\s*(?:year|yr|month|week)s?\s*-?\s*old\b|\s*(?:[MF]|yo|y/o|yrs?)\b)",
    re.IGNORECASE,
)


def is_vignette(question: str) -> bool:
    """True for a question that opens with the patient's age ("66-year-old man, …", "74M …") and asks at its end."""
    return bool(_AGE_OPENING.match(question))


# "I've had tummy cramps for months…", "my dad's big toe…", "our son…": the asker tells what happened, then asks; the
# person may come within the first three words ("finished my antibiotics…", "put my back out…"; not after a
# preposition: "In my experience, …" is a clinician's) or be named first ("nan is 84…", "husband ended up in hospital…")
_ACCOUNT_OPENING = re.compile(
    r"\W*(?:(?!(?:in|for|of|at|from|with|by|to|on|about|as)\b)[A-Za-z']+\s+){0,2}(?:i|i'm|im|i've|ive|my|our|me)\b"
    r"|\W*(?:mum|mom|dad|nan|nana|gran|granny|grandma|grandad|grandpa|husband|wife|hubby|partner|son|daughter)\b",
    re.IGNORECASE,
)


# the first person told later, where the asker describes (session 69: "pins and needles in my thumb and first two
# fingers every night, wakes me up …", "havent slept properly in about 6 months … gp gave me a leaflet"); never a
# clinician's own practice or patient ("in my experience", "my patient")
_TOLD_FIRST_PERSON = re.compile(r"\b(?:i|i'm|im|i've|ive|i'd|id|my|me)\b", re.IGNORECASE)
_CLINICIANS_OWN = re.compile(
    r"\b(?:in|from|at)\s+my\s+(?:experience|practice|opinion|view|clinic|unit|department|hospital|surgery|service)\b"
    r"|\bmy\s+(?:patient|patients|pt|pts|registrar|consultant|team|trainee|ward|clinic|list)\b",
    re.IGNORECASE,
)


def is_account(question: str) -> bool:
    """True for a question told in the asker's own words about themselves or someone close, which opens with "I" or
    "my" ("I've been taking co-codamol for headaches…", "my 18 month old has gunk pouring out of her ear…"), has them
    within its first three words ("finished my antibiotics for pneumonia 3 weeks ago…"), opens with the relative
    ("nan is 84, has afib…") or tells them later where it describes, as no clinician's note does."""
    if _ACCOUNT_OPENING.match(question):
        return True
    describing = split_asking(question)[0]
    return bool(_TOLD_FIRST_PERSON.search(describing)) and not _CLINICIANS_OWN.search(question)


# what the patient has had or carries besides the complaint may change what is given, so its words are never findings:
# the words after a history marker ("known", "previous", "history of"), those before "ago" in the same clause ("a manic
# episode 3 years ago", "coronary stents put in 2 years ago"), and a device or a lasting treatment ("a prosthetic mitral
# valve", "on haemodialysis")
_HISTORY_AFTER = frozenset({"known", "history", "hx", "previous", "previously", "prior", "past", "background", "pmh"})
_HISTORY_BEFORE = frozenset({"ago"})
_HISTORY_WINDOW = 5
_CARRIED = frozenset({
    "stent", "stents", "stented", "prosthetic", "prosthesis", "pacemaker", "defibrillator", "icd", "dialysis",
    "haemodialysis", "hemodialysis", "transplant", "transplants", "transplanted", "shunt", "shunts", "implant",
    "implants", "implanted", "graft", "grafts", "stoma", "prem", "premature", "preterm",
})
# "I'm on PrEP", "she is still on lithium": what the patient takes, the words just after "on" following one of these
_TAKING = frozenset({"im", "am", "is", "was", "been", "hes", "shes", "theyre", "are", "were", "still", "now"})
_TAKEN_WINDOW = 3
# what a patient is "on the …" as a treatment ("she's on the pill", "he's on the drip")
_TAKEN_AFTER_THE = frozenset({"pill", "minipill", "patch", "jab", "jabs", "injection", "injections", "coil", "implant",
                              "drip"})


def _on_a_place(after: list[str]) -> bool:
    """True for "on the" before a place rather than a treatment: "she was on the patio for about an hour", "he
    was on the floor" (session 64), not "she's on the pill"."""
    return len(after) == 2 and after[0] == "the" and after[1] not in _TAKEN_AFTER_THE


# A disease the case has, named with its noun ("bipolar II disorder", "Parkinson's disease", "G6PD deficiency"), is a
# diagnosis the patient carries: its words are history, never the one term a long question may leave unnamed ("33F,
# bipolar II disorder, now in a depressive episode, PHQ-9 19. Start sertraline plus CBT?" is no question the depression
# overview answers). A bare one ("pneumonia", "a rash", "gastroenteritis") is as often what brought the case: six
# coverage vignettes of the tuned and development sets went partial when every disease counted (session 44).
_DIAGNOSIS_NOUN = re.compile(r"\b(?:disorder|disease|syndrome|deficiency)\b", re.IGNORECASE)
_CLAUSE_BREAK = re.compile(r"[,;:.()]")
# a sentence opening "Two years ago …" tells a past illness to its end ("Two years ago she had 5 days of barely
# sleeping, racing thoughts and heavy overspending."); days or weeks ago is mostly the illness asked about
_SENTENCE_BREAK = re.compile(r"[.;]\s")
_YEARS_AGO = re.compile(r"\s*(?:\w+\s+){1,3}years?\s+ago\b", re.IGNORECASE)


# A relative's illness in a vignette, whose patient is the one its opening age names: family history, to the end of
# its sentence ("36F BMI 38, HTN, PCOS. Sister had medullary thyroid ca (RET +, MEN2A), she herself not yet tested.
# Considering semaglutide?", session 59: the obesity overview answered, leaving MEN2A its one unnamed term). In an
# account the relative is most often the patient ("my dad had a heart attack last month").
_RELATIVE_HAD = re.compile(
    r"\b(?:mother|mum|mom|father|dad|sister|brother|sibling|son|daughter|aunt|uncle|grandmother|grandfather|cousin)s?"
    r"\s+(?:had|died)\b[^.;?!]*",
    re.IGNORECASE,
)


def history_stems(describing: str, *, vignette: bool = False) -> set[str]:
    """Stems of the words that say what the patient has had, carries or takes (a past illness, a device, dialysis,
    "I'm on PrEP"), and in a ``vignette`` what a relative had (``_RELATIVE_HAD``)."""
    found: set[str] = set()
    if vignette:
        for match in _RELATIVE_HAD.finditer(describing):
            found.update(stem_sequence(match.group(0)))
    for clause in _CLAUSE_BREAK.split(describing):
        words = raw_tokens(clause)
        for index, word in enumerate(words):
            if word in _CARRIED:
                found.update(stem_sequence(word))
            if word in _HISTORY_AFTER:
                found.update(stem_sequence(" ".join(words[index + 1:index + 1 + _HISTORY_WINDOW])))
            if word == "on" and index and words[index - 1] in _TAKING and not _on_a_place(words[index + 1 : index + 3]):
                found.update(stem_sequence(" ".join(words[index + 1:index + 1 + _TAKEN_WINDOW])))
            if word in _HISTORY_BEFORE:
                found.update(stem_sequence(" ".join(words[max(0, index - _HISTORY_WINDOW - 1):index])))
    for sentence in _SENTENCE_BREAK.split(describing):
        if opening := _YEARS_AGO.match(sentence):
            found.update(stem_sequence(sentence[opening.end():]))
    return found


def with_history(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The terms of what the patient has had or carries marked as its history, in a question that is neither a
    vignette nor an account: "HCV RNA positive, treatment-naive, no cirrhosis, on haemodialysis 3x/week -
    glecaprevir-pibrentasvir 8 weeks?" was answered by the hepatitis C overview, which never writes dialysis, as the
    one term of five a long question may leave unnamed (session 44)."""
    history = history_stems(question)
    marked = []
    for term in terms:
        stems = set(stem_sequence(term.label))
        marked.append(replace(term, history=True) if stems and stems <= history and not term.context else term)
    return with_cancer_history(question, marked)


_CANCER_KIND = re.compile(
    r"\b(?:cancer|carcinoma|lymphoma|melanoma|leuka?emia|myeloma|sarcoma|malignancy)\b", re.IGNORECASE
)
CANCER_HISTORY_FORMS = (
    "history of cancer", "previous cancer", "prior cancer", "past cancer", "cancer history", "history of malignancy",
    "previous malignancy",
)


def with_cancer_history(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """A cancer of one kind the patient has had is a history of cancer, as a source's red flags write it: the back
    pain overview's "a history of cancer is the most informative flag" names "67-year-old woman treated for breast
    cancer 5 years ago has had new low back pain" (session 54), and the organ of "a history of prostate cancer" when
    it is a term of its own, as is its treatment ("a radical prostatectomy for prostate cancer 5 years ago", session
    59). Only a past one (``history``): a question asking about breast cancer is not answered by a line on previous
    cancers."""
    cancers = [term for term in terms if term.history and _CANCER_KIND.search(term.label)]

    def kind_of_a_past_cancer(term: SpecificTerm) -> bool:
        return term.history and any(
            re.search(rf"\b{re.escape(term.label)}\s+{re.escape(cancer.label)}\b", question, re.IGNORECASE)
            or re.search(rf"\b{re.escape(term.label)}\s+for\s+(?:[\w-]+\s+){{0,2}}{re.escape(cancer.label)}\b",
                         question, re.IGNORECASE)  # its treatment: "a radical prostatectomy for prostate cancer"
            for cancer in cancers
        )

    return [
        replace(term, forms=tuple(dict.fromkeys((*term.forms, *CANCER_HISTORY_FORMS))))
        if term in cancers or kind_of_a_past_cancer(term) else term
        for term in terms
    ]


# A coronary event or its treatment told as the case's past ("PMH: inferior STEMI 2022 (PCI to RCA)") …
_CORONARY_HISTORY = frozenset({"stemi", "nstemi", "mi", "pci", "cabg", "stent", "stents"})
# …is the established atherosclerotic disease a source's advice turns on ("In people with established atherosclerotic
# cardiovascular disease, … an SGLT2 inhibitor"), as terms.TWO_LETTER_TERMS reads "MI"
CORONARY_HISTORY_FORMS = (
    "atherosclerotic cardiovascular disease", "established cardiovascular disease", "atherosclerotic disease",
    "coronary heart disease", "coronary artery disease", "ischaemic heart disease",
)


def with_coronary_history(terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The case's coronary event or stent, told and not asked about (``finding`` or ``history``), also named by the
    class of disease sources write (``CORONARY_HISTORY_FORMS``)."""
    return [
        replace(term, forms=tuple(dict.fromkeys((*term.forms, *CORONARY_HISTORY_FORMS))))
        if (term.finding or term.history) and not term.asked and term.label.lower() in _CORONARY_HISTORY else term
        for term in terms
    ]


def with_case_findings(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The terms of a vignette or an account marked: those written only in its describing part as its findings
    (``finding``), those of what the patient has had or carries as its history (``history``), those of its asking
    part as asked (``asked``). Any other question's terms are returned with only their history marked
    (``with_history``)."""
    terms = with_listed_history(question, terms)
    vignette = is_vignette(question)
    if not vignette and not is_account(question):
        return with_partnered_conditions_required(with_history(question, terms))
    describing, asking = split_asking(question)
    if not asking:
        return with_partnered_conditions_required(terms)
    described = set(stem_sequence(describing))
    asked = set(stem_sequence(asking))
    diseases = list(comorbidities_in(describing).values())
    conditions = [set(stem_sequence(words)) for words in diseases]
    diagnoses = [set(stem_sequence(words)) for words in diseases if _DIAGNOSIS_NOUN.search(words)]
    history = history_stems(describing, vignette=vignette)
    long_story = is_long_story(question)  # its names and set phrases told only in the story are its life too ("a
    # staffy called Tyson", "eats late after night shifts": session 65)
    marked = []
    for term in terms:
        stems = set(stem_sequence(term.label))
        finding = (
            term.kind in ("term", "word")
            and (not term.required or long_story)
            and not term.context
            and bool(stems)
            and stems <= described
            and not stems & asked
            and not any(stems <= condition for condition in conditions)
            and not stems & history
            and (vignette or len(terms) > 1 and not _abbreviated(term.label))  # an account's subject: its one
            # word, or a name in capitals ("HPV", "COPD") or typed in small letters ("the hpv jab", session 45)
        )
        if finding:
            marked.append(replace(term, finding=True, told=not vignette))
        else:
            carried = stems <= history or any(stems <= diagnosis for diagnosis in diagnoses)
            asked_here = not term.context and bool(stems & asked) or term.offered
            marked.append(replace(term, asked=asked_here, history=bool(stems) and carried))
    marked = _with_pointed_worth_asked(describing, asking, marked)
    return with_partnered_conditions_required(with_background_devices(question, with_passing_background(
        describing, asking, with_treated_background(question, with_cancer_history(question, with_coronary_history(
            with_lifted_things(describing, asking, marked))))
    )), asking)


# What was being lifted or carried when the back went: the occasion of the injury, no finding (session 70: "I put my
# back out lifting a bag of compost on Saturday" was partial, no back-pain passage naming compost), up to a
# preposition, a conjunction or the clause's end
_LIFTED = re.compile(
    r"\b(?:lift|lifts|lifting|lifted|carry|carrying|carried|shifting|shifted|picking up|picked up)\s+"
    r"((?:(?!on\b|at\b|in\b|when\b|while\b|and\b|into\b|onto\b|up\b|from\b)[A-Za-z'-]+\s*){1,5})",
    re.IGNORECASE,
)


def with_lifted_things(describing: str, asking: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The ``terms`` with the things the case was lifting or carrying (``_LIFTED``), never asked about, marked as
    its background (``context``): what the injury happened doing, which no overview on it need name."""
    lifted = {stem for match in _LIFTED.finditer(describing) for stem in stem_sequence(match.group(1))}
    if not lifted:
        return terms
    return [
        replace(term, finding=False, told=False) if term.finding and set(stem_sequence(term.label)) <= lifted else term
        for term in _as_background(terms, lifted, asked=set(stem_sequence(asking)))
    ]


# an ask that points back to what was just told and weighs whether it is any good: "is it worth paying for?", "does
# that actually work?"
_POINTED_WORTH = re.compile(
    r"^\W*(?:is|are|would|will|does|do|did)\s+(?:it|that|this|they|these|those)\s+(?:\w+\s+){0,2}?"
    r"(?:worth|work|works|help|helps|any good|reliable|accurate|legit)\b",
    re.IGNORECASE,
)


def _with_pointed_worth_asked(describing: str, asking: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The findings of the sentence just told marked asked when the ask only points back to it and weighs its worth
    (session 69: "saw an online food intolerance blood test (the IgG one) that tells you which foods to cut out. is it
    worth paying for?" asks about the IgG test, which the IBS overview never names, not about the IBS it names)."""
    if not _POINTED_WORTH.search(asking) or any(term.asked for term in terms):
        return terms
    sentences = [sentence for sentence in _SENTENCE_BREAK.split(describing.strip()) if sentence.strip()]
    if len(sentences) < 2:  # a story of one sentence is the ask's whole subject already ("never had the hpv jab at
        # school, is it worth getting it now"): its findings stay as they are
        return terms
    told = set(stem_sequence(sentences[-1]))
    return [
        replace(term, finding=False, told=False, asked=True)
        if term.finding and (stems := set(stem_sequence(term.label))) and stems <= told else term
        for term in terms
    ]


# What a chronic condition is treated with, as an account names it without the drug: "uses a brown inhaler"
_DEVICE_NOUNS = ("inhaler", "inhalers", "puffer", "puffers", "cream", "creams", "ointment", "drops", "spray", "sprays")
_DEVICES = frozenset(_DEVICE_NOUNS) | {"emollient", "emollients", "eye drops", "nasal spray", "gel"}
_BEFORE_A_DEVICE = re.compile(rf"\s+(?:{'|'.join(_DEVICE_NOUNS)})\b", re.IGNORECASE)  # "a steroid cream"


def with_background_devices(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """The device a background condition is treated with, told in the sentence naming that condition ("he has
    asthma and uses a brown inhaler", "mild eczema, uses a steroid cream"), is the case's background too
    (``context``), as the condition is: no source on another complaint names it."""
    background = {stem for term in terms if term.context and term.kind in ("term", "word")
                  for stem in stem_sequence(term.label)}
    if not background:
        return terms
    sentences = _SENTENCE_BREAK.split(question)
    marked = []
    for term in terms:
        written = rf"\b{re.escape(term.label)}\b"
        device = term.label.lower() in _DEVICES or any(  # or the word before one: "a steroid cream"
            _BEFORE_A_DEVICE.match(sentence[match.end():])
            for sentence in sentences for match in re.finditer(written, sentence, re.IGNORECASE)
        )
        if term.context or term.kind not in ("term", "word", "drug") or not device:
            marked.append(term)
            continue
        conditions = [set(stem_sequence(words)) for sentence in sentences if re.search(written, sentence, re.IGNORECASE)
                      for words in comorbidities_in(sentence).values()]
        held = bool(conditions) and all(condition <= background for condition in conditions if condition)
        marked.append(replace(term, context=True, finding=False, told=False) if held else term)
    return marked


def with_partnered_conditions_required(terms: list[SpecificTerm], asking: str = "") -> list[SpecificTerm]:
    """A condition of ``_DRUG_CHOICE_PARTNERS`` beside a drug asked or offered that it may rule out is never the one
    term a long question may leave unnamed (``required``): "she has severe asthma … Which antihypertensive? A)
    Labetalol …" is no question the overview of hypertension in pregnancy answers without naming asthma (session
    64), however many of the case's words it names. ``asking``: the part that asks, whose everyday names of a drug
    class count as asked ("is the water tablet the right next choice?": a diuretic)."""
    partnered = _partnered_conditions(terms, asking)
    if not partnered:
        return terms
    ruling_out = _partnered_conditions(terms, asking, _RULING_OUT)
    marked = []
    for term in terms:
        stems = set(stem_sequence(term.label))
        if term.kind not in ("term", "word") or term.context or not stems or not stems <= partnered:
            marked.append(term)
        elif stems <= ruling_out:  # nor a finding set aside once the drug is named ("two coronary stents placed
            # for angina last year … Should sumatriptan be added?", session 66)
            marked.append(replace(term, required=True, finding=False, told=False))
        else:
            marked.append(replace(term, required=True))
    return marked


def with_unheld_findings_as_background(terms: list[SpecificTerm], unheld: frozenset[str]) -> list[SpecificTerm]:
    """A finding no passage of the library writes in any form (its words all ``unheld``, no other form known) is
    the case's background (``context``): no source could name it, so its absence tells nothing of the source's fit
    (session 64: "we live with our two teenagers and a very spoilt labrador called biscuit" left three findings no
    gout passage named beside the urate it asked about)."""
    return [
        replace(term, context=True)
        if term.finding and not term.abbreviations
        and all((stems := set(stem_sequence(form))) and stems <= unheld for form in (term.label, *term.forms))
        else term
        for term in terms
    ]


MIN_EVERYDAY_ZIPF = 3.5  # a word general English writes at least once in 300,000 words (wordfreq's Zipf scale)…
MIN_RARE_IN_LIBRARY_IDF = 5.0  # …that three passages of the library hold at most (its BM25 IDF: 7.0 holds none)


def with_everyday_findings_as_background(terms: list[SpecificTerm], idf: dict[str, float]) -> list[SpecificTerm]:
    """A long story's finding written only in everyday English words that the library barely holds (``idf``, by
    stem) is its background (``context``): "dad trusts my uncle more than doctors", "at his nhs health check" tell
    the life around the case, not what a source must name (session 67). A rare word is no everyday one: the twist of
    a near-miss story ("culling sick birds") stays a finding."""
    def everyday(label: str) -> bool:
        words = re.findall(r"[a-z]+", label.lower())
        return bool(words) and all(english_frequency(word) >= MIN_EVERYDAY_ZIPF for word in words) and all(
            idf.get(stem, 0.0) >= MIN_RARE_IN_LIBRARY_IDF for stem in stem_sequence(label)
        )

    return [
        replace(term, context=True) if term.finding and not term.abbreviations and everyday(term.label) else term
        for term in terms
    ]


def with_passing_background(describing: str, asking: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """A chronic condition of ``_PASSING_CONDITIONS`` the case tells in its describing part and never asks about is
    its background (``context``), as the patient's own drugs are; the overview on the complaint need not name it."""
    said = f" {' '.join(stem_sequence(describing))} "
    told = {stem for condition in _PASSING_CONDITIONS if f" {' '.join(condition)} " in said for stem in condition}
    asked = set(stem_sequence(asking))
    choice = _unpartnered_conditions(said, terms, asking)  # no drug asked or offered that the condition may rule out
    # (session 63); and some other condition is the case's subject: "background migraine without aura" beside daily
    # headaches is what they are about; or a drug asked about is (session 68: "he has asthma and uses a brown
    # inhaler … how soon should he be reviewed after starting an antidepressant?")
    if choice:
        marked = _as_background(terms, told | choice, asked=asked)
        if any(not term.context and not term.finding and (
            term.kind in ("term", "word") or term.kind == "drug" and term.asked
        ) for term in marked):
            return marked
    if not told:
        return terms
    return _as_background(terms, told, asked=asked)


def _as_background(terms: list[SpecificTerm], told: set[str], *, asked: set[str] = frozenset()) -> list[SpecificTerm]:
    """The ``terms`` with each condition word written only in ``told`` (stems), and none in ``asked``, marked as the
    case's background (``context``)."""
    return [
        replace(term, context=True)
        if term.kind in ("term", "word") and not term.context
        and (stems := set(stem_sequence(term.label))) and stems <= told and not stems & asked
        else term
        for term in terms
    ]


# The common chronic conditions a long-term medicine of few interactions is taken for (terms.FEW_INTERACTION_USES),
# each by the words a case writes it in
_BACKGROUND_CONDITIONS: dict[str, frozenset[str]] = {
    use: frozenset(stem for words in written for stem in stem_sequence(words))
    for use, written in {
        "blood pressure": ("hypertension", "htn", "high blood pressure"),
        "diabetes": ("t2dm", "type 2 diabetes", "diabetes", "diabetic",
                     "pcos", "polycystic ovary syndrome"),  # metformin is taken for PCOS too (session 61)
        "cholesterol": ("hypercholesterolaemia", "hypercholesterolemia", "hyperlipidaemia", "hyperlipidemia",
                        "high cholesterol"),
        "asthma": ("asthma",),
        "thyroid": ("hypothyroid", "hypothyroidism", "underactive thyroid"),
        "skin": ("eczema", "psoriasis", "dermatitis", "dry skin"),
        "hay fever": ("hay fever", "hayfever", "allergic rhinitis"),
        "reflux": ("reflux", "gord", "gerd", "heartburn", "indigestion", "acid reflux"),
    }.items()
}


def _use_of(drug: str) -> str:
    """The common condition an own medicine of few or partnered interactions is taken for ("" when none is)."""
    return FEW_INTERACTION_USES[drug] if drug in FEW_INTERACTION_USES else PARTNERED_USES[drug]


# Chronic conditions a case tells in passing, treated or not, that seldom change the advice on another complaint:
# "She also has osteoarthritis and macular degeneration" beside C. difficile, "mild eczema" beside an ear infection
# (session 61: each left the coverage question partial). Conditions a near-miss turns on stay out: asthma
# (beta-blockers, NSAIDs), glaucoma (anticholinergics), migraine (the combined pill), acne (isotretinoin), gout
# (diuretics), a cataract (an alpha-blocker before its operation) and every organ's failure.
_PASSING_CONDITIONS = tuple(
    stem_sequence(written) for written in (
        "eczema", "psoriasis", "osteoarthritis", "macular degeneration", "hay fever", "hayfever", "tinnitus",
        "rosacea", "haemorrhoids", "hemorrhoids", "hypothyroidism", "hypothyroid", "underactive thyroid",
    )
)

# …and those a near-miss turns on only through the drug asked for or offered (session 63: "Background gout on
# allopurinol. … within what timeframe should he have angiography?", "PMH asthma; DH salbutamol PRN. Plan amitriptyline
# for IBS pain. Starting dose?"), each with the drugs it rules out or that worsen it: the case's background beside any
# other drug, or none
_BETA_BLOCKERS = ("beta-blocker", "beta-blockers", "beta blocker", "beta blockers", "propranolol", "bisoprolol",
                  "atenolol", "metoprolol", "nebivolol", "carvedilol", "sotalol", "labetalol", "timolol")
_NSAID_NAMES = tuple(sorted(NSAIDS | {"aspirin"}))
_ANTICHOLINERGICS = ("oxybutynin", "tolterodine", "solifenacin", "amitriptyline", "nortriptyline", "ipratropium",
                     "hyoscine", "topiramate", "chlorphenamine", "promethazine", "pseudoephedrine")
# Conditions that rule the drug out, not only weigh on its choice: even told only where the case describes, the
# source must name them once the drug is asked about (``with_partnered_conditions_required``). Unlike those of
# ``_DRUG_CHOICE_PARTNERS``, they are no background when another drug is asked: glandular fever is what a question on
# penicillin for the sore throat is about
_RULING_OUT: dict[str, tuple[str, ...]] = {
    # a triptan constricts the coronary arteries (session 66: "had two coronary stents placed for angina last year …
    # Should sumatriptan be added?" is no question the migraine overview, never naming heart disease, answers); nor
    # a heart attack in a note's shorthand (session 69: "NSTEMI 2023, DES to LAD. Add sumatriptan?")
    **dict.fromkeys(("angina", "coronary artery disease", "coronary heart disease", "ischaemic heart disease",
                     "heart attack", "myocardial infarction", "mi", "nstemi", "stemi", "acute coronary syndrome"),
                    ("sumatriptan", "triptan", "triptans", "rizatriptan",
                                                                "zolmitriptan", "naratriptan", "almotriptan",
                                                                "eletriptan", "frovatriptan", "ergotamine")),
    # amoxicillin brings a rash in glandular fever, whose sign beside a sore throat is an enlarged spleen (session 66:
    # "… tender posterior cervical nodes and a palpable spleen tip … Should he be given amoxicillin?")
    **dict.fromkeys(("spleen", "splenomegaly", "glandular fever", "infectious mononucleosis"),
                    ("amoxicillin", "ampicillin", "co-amoxiclav")),
    # myasthenia gravis is made worse by macrolides, fluoroquinolones, aminoglycosides and magnesium, each carrying a
    # warning for it (session 70: "… Generalised myasthenia gravis on pyridostigmine. Start azithro prophylaxis?" is
    # no question the COPD overview, never naming it, answers)
    **dict.fromkeys(("myasthenia", "myasthenia gravis"),
                    ("azithromycin", "azithro", "clarithromycin", "erythromycin", "macrolide", "macrolides",
                     "ciprofloxacin", "levofloxacin", "moxifloxacin", "ofloxacin", "fluoroquinolone",
                     "fluoroquinolones", "quinolone", "quinolones", "gentamicin", "aminoglycoside", "aminoglycosides",
                     "magnesium", "magnesium sulfate", "magnesium sulphate")),
}
_DRUG_CHOICE_PARTNERS: dict[str, tuple[str, ...]] = {
    # a choice among blood-pressure drugs is one among beta-blockers too ("severe asthma … Which antihypertensive?")
    **dict.fromkeys(("asthma",), _BETA_BLOCKERS + _NSAID_NAMES + ("adenosine", "antihypertensive",
                                                                   "antihypertensives")),
    **dict.fromkeys(("glaucoma",), _ANTICHOLINERGICS + ("prednisolone", "steroid", "steroids", "corticosteroid")),
    **dict.fromkeys(("gout",), ("furosemide", "bendroflumethiazide", "indapamide", "thiazide", "diuretic",
                                "diuretics", "aspirin", "ciclosporin", "pyrazinamide", "allopurinol", "febuxostat")),
    **dict.fromkeys(("migraine", "migraines"), ("combined pill", "combined oral contraceptive", "cocp", "coc",
                                                "ethinylestradiol", "hrt", "oestrogen", "estrogen", "sumatriptan",
                                                "triptan", "triptans")),
    **dict.fromkeys(("acne",), ("isotretinoin", "progestogen", "lithium", "steroid", "steroids")),
    **dict.fromkeys(("ibs", "irritable bowel syndrome"), ("amitriptyline", "loperamide", "laxative", "laxatives")),
    **dict.fromkeys(("gord", "reflux", "heartburn"), _NSAID_NAMES + ("alendronate", "alendronic acid",
                                                                    "bisphosphonate", "doxycycline")),
}


_ALL_PARTNERS = {**_DRUG_CHOICE_PARTNERS, **_RULING_OUT}


def _asked_or_offered(terms: list[SpecificTerm], asking: str = "") -> set[str]:
    """The names of the question's terms other than the case's own drugs, and of the drugs its options offer; and
    the medical words of the everyday names the asking part gives (``asking``: "the water tablet" is a diuretic,
    session 66)."""
    named = {form.lower() for term in terms if not term.context or term.offered
             for form in (term.label, *(term.forms if term.kind == "drug" else ()))}
    return named | {word.lower() for item in lay_equivalents(asking) for word in item.medical} if asking else named


def _partnered_conditions(
    terms: list[SpecificTerm], asking: str = "", partners: dict[str, tuple[str, ...]] | None = None
) -> set[str]:
    """The stems of the conditions of ``_DRUG_CHOICE_PARTNERS`` and ``_RULING_OUT`` (or of ``partners``) a drug the
    question asks about or offers may be ruled out by."""
    asked = _asked_or_offered(terms, asking)
    return {stem for written, drugs in (partners or _ALL_PARTNERS).items()
            if asked & set(drugs) for stem in stem_sequence(written)}


def _unpartnered_conditions(said: str, terms: list[SpecificTerm], asking: str = "") -> set[str]:
    """The stems of the conditions of ``_DRUG_CHOICE_PARTNERS`` ``said`` holds (stems, space-padded) whose partner drugs
    the question neither asks about nor offers (any, when it asks about no drug)."""
    asked = _asked_or_offered(terms, asking)
    return {
        stem for written, partners in _DRUG_CHOICE_PARTNERS.items()
        if f" {' '.join(condition := stem_sequence(written))} " in said and not asked & set(partners)
        for stem in condition
    }


def with_listed_history(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """A common chronic condition a note lists under its past history ("PMH HTN, hypothyroid, OA knees"), of those
    that seldom change the advice on another complaint (``_LISTED_BACKGROUND``), is the case's background
    (``context``) unless the question asks about it (session 62: such lists kept the thirty-second set's notes from
    their overviews). A rarer condition listed stays a term the answer may turn on: "PMH antiphospholipid syndrome"
    beside a PE decides the anticoagulant."""
    told = listed_background(question)
    listed = " ".join(listed_history(question, (PAST_HISTORY,)))
    if not asks_for_a_drug(terms):  # no drug asked that a listed illness may rule out: every illness listed is the
        # case's background (session 63: "PMH hypercholesterolaemia, gout … 999 now or same-day assessment?")
        told |= set(stem_sequence(listed))
    else:  # …and beside one, those whose partner drugs it is not ("PMH asthma … Plan amitriptyline. Dose?")
        told |= _unpartnered_conditions(f" {' '.join(stem_sequence(listed))} ", terms)
    if not told:
        return terms
    return _as_background(terms, told, asked=set(stem_sequence(split_asking(question)[1])))


def listed_background(question: str) -> set[str]:
    """The stems of the common chronic conditions a note lists under its past history (``_LISTED_BACKGROUND``), as
    written ("HTN", "OA") and as spelled out beside it ("OA (osteoarthritis)"): the case's background, which also
    weighs nothing in the question's topic (``select.without_case_drugs``)."""
    listed = " ".join(listed_history(question, (PAST_HISTORY,)))
    if not listed:
        return set()
    said = f" {' '.join(stem_sequence(listed))} "
    return {stem for condition in _LISTED_BACKGROUND if f" {' '.join(condition)} " in said for stem in condition}


def with_treated_background(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """A common chronic condition told in the sentence that names the patient's own medicine of few interactions for
    it is the case's background, as that medicine is (``context``): "He has hypertension treated with amlodipine"
    beside a TIA, "T2DM + HTN, on metformin and amlodipine" before a vaccine question (session 59: both partial for
    a hypertension no TIA or vaccine passage names). Untreated, the condition may be what the answer turns on ("14
    weeks pregnant, chronic HTN, paroxysmal AF: apixaban?"), and so may one the medicine is not taken for (asthma
    beside amlodipine: ``FEW_INTERACTION_USES``)."""
    interacting = interacting_own_drugs(terms)
    own = [term for term in terms if term.kind == "drug" and term.context and (
        few_interactions(term) or term.label.lower() in PARTNERED_USES and term not in interacting
    )]  # session 63: or one whose few interactions are with none of the drugs asked ("takes ramipril for
    # hypertension" beside a PPI asked for)
    if not own:
        return terms
    told: set[str] = set()  # the words of the sentences naming a medicine, that name the condition it is taken for
    for sentence in _SENTENCE_BREAK.split(question):  # never at a decimal point ("1.5 g")
        uses = {_use_of(term.label.lower()) for term in own
                if re.search(rf"\b{re.escape(term.label)}\b", sentence, re.IGNORECASE)}
        said = set(stem_sequence(sentence))
        told |= {stem for use in uses if use for stem in _BACKGROUND_CONDITIONS[use] & said}
    return _as_background(terms, told - _partnered_conditions(terms))  # never one a drug asked or offered may be
    # ruled out by: "severe asthma … uses a budesonide-formoterol inhaler … A) Labetalol" (session 64)


# The conditions a note's past history lists that are background as the passing ones are: those above, and the
# common chronic conditions of few-interaction medicines but asthma (beta-blockers, NSAIDs), each as notes write them
_LISTED_BACKGROUND = _PASSING_CONDITIONS + tuple(
    stem_sequence(written) for written in (
        "hypertension", "htn", "high blood pressure", "t2dm", "type 2 diabetes", "hypercholesterolaemia",
        "hypercholesterolemia", "hyperlipidaemia", "hyperlipidemia", "high cholesterol", "oa",
        # …and the minor or mended operations of years ago (session 65: "PMH: asthma since childhood, eczema, hay
        # fever, previous ankle ORIF" beside an asthma attack)
        "orif", "appendicectomy", "appendectomy", "tonsillectomy", "cholecystectomy", "hernia repair",
        "carpal tunnel release", "cataract surgery",
    )
)


def _abbreviated(label: str) -> bool:
    """True for an abbreviation: written in capitals ("HPV"), or typed in small letters as patients type, when it is
    no word of general English and in capitals is an abbreviation ("hpv", "copd")."""
    if label.isupper():
        return True
    return label.islower() and not is_known_word(label) and bool(meanings_of(label.upper()))
