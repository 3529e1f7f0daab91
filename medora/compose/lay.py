"""Everyday phrases of a question and the medical words a source writes for them ("bee sting" → "insect venom",
"sudden confusion" → "delirium").

A clinician or a patient asks "throat swelling and hives after a bee sting"; the anaphylaxis overview says
"angioedema", "urticaria" and "insect venom". The on-topic gate (compose/select.py) counts a question's words in a
passage; with these equivalents a lay word of the question also counts when the passage holds its medical word.

Two sources, both reviewed by hand:
- the patient glossary (readers/data/lay_glossary.yaml) read in reverse: its ``lay`` words replace a term in a
  patient's text, so they mean the same. Only the entries in ``GLOSSARY_TERMS`` are read: a lay phrase broader than
  its term is left out ("blood thinner" is not only an anticoagulant, "allergy medicine" not only an antihistamine,
  "a breathing test" not only spirometry), so a lay word is never matched by something narrower than it means;
- ``data/lay_terms.yaml``, for phrases the glossary lacks (written for this gate, with the same rule);
- ``data/lay_naming.yaml``, the everyday words for what each overview writes, which only name: they give the
  specific terms their medical forms and name the words of what a question asks or proposes, but never weigh a
  passage's share of the question's words (symptoms in everyday words are shared by many overviews).

Matching is on stemmed words as a run, stopwords skipped ("a clot in the lung" holds "clot in the lung") but for the
particles of a phrasal verb (``PARTICLES``: "passed out" is not "pass water", "feeling down" not "feel")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from medora.compose.entities import drugs_in
from medora.compose.terms import SpecificTerm, is_common_word, stem_sequence
from medora.compose.variants import NAMED_MEMBERS
from medora.readers.glossary import load_glossary
from medora.yaml_text import load_yaml

# "throwing up", "feeling down": the particle is the meaning; and "every other day" is no "every day" (session 70:
# "does the crossword every day" was read as a dosing schedule of alternate days)
PARTICLES = frozenset({"up", "down", "out", "off", "over", "other"})

# Glossary entries whose everyday words mean the term itself or something narrower (reviewed one by one); the others
# are broader ("a breathing test", "talking therapy", "inflammation of the bowel", "liver cancer"), vague ("return",
# "drip", "fit", "coil"), hold words a question would not ("an enlarged prostate (not cancer)") or are a population
# word the specific-term gate handles on its own.
GLOSSARY_TERMS = frozenset(
    """myocardial infarction|fibrinolysis|hypertension|hypotension|arrhythmia|syncope|lipid|familial
    hypercholesterolaemia|diuretic|transient ischaemic attack|carotid artery|haemorrhage|thrombosis|thromboembolism|
    cardiac arrest|exacerbation|inhaled corticosteroid|short-acting beta2 agonist|breathlessness|hypoxia|pneumothorax|
    haemoptysis|influenza|acute kidney injury|chronic kidney disease|hyperkalaemia|hypokalaemia|urinary tract
    infection|cystitis|pyelonephritis|urinary incontinence|lower urinary tract symptoms|testicular torsion|
    hypoglycaemia|hyperglycaemia|hypothyroidism|bariatric surgery|gastro-oesophageal reflux disease|oesophagus|
    dysphagia|epigastric|acute otitis media|tympanic membrane|pharyngitis|neuropathy|disc herniation|delirium|serum
    urate|osteoarthritis|non-steroidal anti-inflammatory drug|analgesia|paraesthesia|fasciculations|psychological
    therapy|suicidal ideation|insomnia|hypnotic|alcohol use disorder|smoking cessation|e-cigarette|contraception|
    emergency contraception|expectant management|placebo|anaphylaxis|adrenaline auto-injector|erectile dysfunction|
    renal|cardiac|pulmonary|hepatic|abdominal""".replace("\n", " ").split("|")
) | frozenset(  # reviewed 2026-11-29, symptoms and conditions: "throwing up", "blood in the urine", "thin, weak bones"
    """nausea|vomiting|fatigue|haematuria|palpitations|urinary retention|albuminuria|otorrhoea|ischaemia|oedema|
    hypovolaemia|pulmonary embolism|deep vein thrombosis|venous thromboembolism|thromboprophylaxis|orthostatic
    hypotension|cardiogenic shock|acute coronary syndrome|heart failure with reduced ejection fraction|intracranial
    haemorrhage|subarachnoid haemorrhage|thunderclap headache|medication overuse headache|cognitive impairment|
    anaemia|iron deficiency anaemia|cirrhosis|liver fibrosis|oesophagitis|osteoporosis|fragility fracture|
    dual-energy X-ray absorptiometry|gestational diabetes|gestational hypertension|subclinical hypothyroidism|
    ectopic pregnancy|epididymitis|radiculopathy|lumbar radiculopathy|cervical radiculopathy|radicular pain|
    dorsiflexion|saddle anaesthesia|alcohol withdrawal|immunocompromised|copper intrauterine device|intrauterine
    system""".replace("\n", " ").split("|")
)
_ARTICLES = ("a ", "an ", "the ")


@dataclass(frozen=True)
class LayEquivalent:
    """A lay phrase of the question (``stems``: its stemmed words) and the medical words that stand for it."""

    lay: str
    stems: tuple[str, ...]
    medical: tuple[str, ...]
    abbreviations: tuple[str, ...] = ()


def _without_article(phrase: str) -> str:
    lowered = phrase.strip()
    for article in _ARTICLES:
        if lowered.lower().startswith(article):
            return lowered[len(article) :]
    return lowered


@lru_cache(maxsize=2)
def lay_table(*, naming: bool = False) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]:
    """(lay phrase, medical words, abbreviations) for every reviewed entry of both sources; with ``naming``, also
    the everyday words that only name (``data/lay_naming.yaml``)."""
    wanted = {" ".join(term.split()) for term in GLOSSARY_TERMS}
    table: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for entry in load_glossary():
        if entry.term not in wanted or not entry.lay:
            continue
        for lay in dict.fromkeys(word for word in (entry.lay, entry.lay_plural) if word):  # in order: runs agree
            table.append((_without_article(lay), entry.forms, entry.abbreviations))
    for name in ("lay_terms.yaml", "lay_naming.yaml") if naming else ("lay_terms.yaml",):
        text = resources.files("medora.compose").joinpath(f"data/{name}").read_text(encoding="utf-8")
        for item in load_yaml(text):
            medical = tuple(str(word) for word in item["medical"])
            table += [(str(lay), medical, ()) for lay in item["lay"]]
    return tuple(table)


# Pronouns the index keeps as words (the others are stopwords): "pain in his chest" reads as "pain in my chest"
_KEPT_PRONOUNS = frozenset({"his", "him"})
# a reflexive pronoun is one word whoever it names, never none: "kill himself" is not the "killing" of "my throat is
# killing me"
_REFLEXIVE = frozenset(stem_sequence("myself yourself himself herself itself ourselves yourselves themselves"))


def _phrase_stems(text: str, *, joined: bool = True) -> tuple[str, ...]:
    """The stemmed words a lay phrase is matched on: stopwords skipped but particles kept ("camera up"), and no
    pronoun but a reflexive one read as "self", so one entry serves "my", "his" and "her"; without ``joined``, a
    hyphenated or slashed word gives only its parts."""
    return tuple(
        "self" if word in _REFLEXIVE else word
        for word in stem_sequence(text, keep=PARTICLES, joined=joined) if word not in _KEPT_PRONOUNS
    )


@lru_cache(maxsize=2)
def _stemmed_table(naming: bool) -> tuple[tuple[str, tuple[str, ...], tuple[str, ...], tuple[str, ...]], ...]:
    return tuple(
        (lay, _phrase_stems(lay), medical, abbreviations)
        for lay, medical, abbreviations in lay_table(naming=naming)
        if _phrase_stems(lay)
    )


_HEDGE = re.compile(r"\b(?:sort of|kind of|sorta|kinda)\b", re.IGNORECASE)


def lay_equivalents(question: str, *, naming: bool = False) -> list[LayEquivalent]:
    """The lay phrases the question holds, each with its medical words: those that route (the on-topic gate's
    weights), a phrase inside a longer one found left out ("swollen ankle" is not read again inside "swollen
    ankles"); or, with ``naming``, also those that only name (the specific terms' forms, the asking clause, what is
    proposed), nested ones kept (more forms only)."""
    spelled = f" {' '.join(_phrase_stems(question))} | {' '.join(_phrase_stems(question, joined=False))} "  # also
    # read with a slashed word's parts alone: "5 watery stools/day" holds "watery stools" (session 56)
    if _HEDGE.search(question):  # and past a hedge: "my bum feels sort of numb" holds "bum feels numb" (session 58)
        spelled += f"| {' '.join(_phrase_stems(_HEDGE.sub(' ', question)))} "
    found = [
        LayEquivalent(lay=lay, stems=stems, medical=medical, abbreviations=abbreviations)
        for lay, stems, medical, abbreviations in _stemmed_table(naming)
        if f" {' '.join(stems)} " in spelled
    ] + _the_pill(question) + _blood_thinner_by_condition(question) + two_antiplatelets(question)
    merged: dict[tuple[str, ...], LayEquivalent] = {}
    for item in found:
        known = merged.get(item.stems)
        if known is None:
            merged[item.stems] = item
        else:  # one lay phrase, several entries ("blood clot": thrombosis, thromboembolism): any of them counts
            merged[item.stems] = LayEquivalent(
                lay=known.lay,
                stems=known.stems,
                medical=tuple(dict.fromkeys(known.medical + item.medical)),
                abbreviations=tuple(dict.fromkeys(known.abbreviations + item.abbreviations)),
            )
    kept = list(merged.values())
    if naming:
        return kept  # more forms only: "tummy" keeps "abdominal" inside "tummy pain"'s "abdominal pain"
    return [
        item
        for item in kept
        if not any(
            other is not item and len(other.stems) > len(item.stems)
            and f" {' '.join(item.stems)} " in f" {' '.join(other.stems)} "
            for other in kept
        )
    ]


# "the pill" is the combined oral contraceptive pill in everyday speech: read only with its article and after a verb
# of taking, starting or stopping it ("I'm on the pill", "can I start the pill", "came off the pill"), since the stems
# the lay table matches on drop the article and would read every "pill" ("my blood pressure pills") as contraception
_THE_PILL = re.compile(
    r"\b(?:on|taking|take|takes|took|start|started|starting|stop|stopped|stopping|off|using|use|missed|forgot|"
    r"restart|restarted)\s+(?:the|my|her)\s+(?:combined\s+)?pill\b(?!\s+(?:for|to)\b)",
    re.IGNORECASE,
)
THE_PILL_MEDICAL = ("combined oral contraceptive", "combined oral contraception", "combined hormonal contraception",
                    "CHC", "oral contraceptive", "oral contraception", "hormonal contraception", "contraception")


def _the_pill(question: str) -> list[LayEquivalent]:
    """"The pill" of the question, with the words a source writes for the combined oral contraceptive (the broader
    "combined hormonal contraception" holds it)."""
    if not _THE_PILL.search(question):
        return []
    return [LayEquivalent(lay="the pill", stems=("pill",), medical=THE_PILL_MEDICAL)]


# A blood thinner is an anticoagulant or an antiplatelet, so it routes to neither (lay_naming.yaml); beside a condition
# treated with an anticoagulant it is that: in atrial fibrillation (the only blood thinner that prevents its strokes:
# "nan is 84, has afib and keeps having little falls. gp still wants her on blood thinners" met no passage on topic),
# for a clot in a leg or a lung, or given by injection (heparin). After a heart attack it would be the antiplatelet,
# but "heart attack" is no term and its words are held one by one elsewhere ("transient ischaemic attack", "heart
# failure"): routed, "I had a heart attack last month. Why two blood thinners?" was answered from the AF overview's
# antiplatelet pitfall (session 31), so a coronary blood thinner still routes to neither.
_BLOOD_THINNER = r"\bblood[ -]thin(?:ner|ners|ning)\b"
ANTICOAGULANT_WORDS = ("anticoagulant", "anticoagulants", "anticoagulation", "oral anticoagulant",
                       "direct oral anticoagulant", "DOAC", "DOACs")
INJECTED_ANTICOAGULANT_WORDS = ("anticoagulant", "anticoagulants", "anticoagulation", "heparin",
                                "low molecular weight heparin", "LMWH")
# the conditions that make a blood thinner an anticoagulant, each with the words a source writes for it; an irregular
# heartbeat as a patient names AF (session 70: "on the blood thinner for her irregular heartbeat … 3 falls this year")
_ANTICOAGULATED: tuple[tuple[re.Pattern[str], tuple[str, ...]], ...] = (
    (re.compile(r"\b(?:AF|af|afib|a-fib|atrial fibrillation)\b"), ANTICOAGULANT_WORDS),
    (re.compile(r"\birregular (?:heart ?beats?|heart rhythm|pulse)\b", re.IGNORECASE), ANTICOAGULANT_WORDS),
    (re.compile(r"\b(?:DVT|PE|deep vein thrombosis|pulmonary embolism|clots? (?:in|on) (?:my|his|her|the|a) "
                r"(?:leg|legs|calf|lung|lungs))\b", re.IGNORECASE), ANTICOAGULANT_WORDS),
    (re.compile(_BLOOD_THINNER + r" (?:injection|injections|jab|jabs|shot|shots)\b", re.IGNORECASE),
     INJECTED_ANTICOAGULANT_WORDS),
)
_CORONARY = re.compile(r"\b(?:heart attacks?|MI|stents?|stented|ACS|acute coronary syndrome)\b", re.IGNORECASE)


def _blood_thinner_by_condition(question: str) -> list[LayEquivalent]:
    """A blood thinner beside a condition treated with an anticoagulant (and no coronary one), with the words a
    source writes for an anticoagulant."""
    named = re.search(_BLOOD_THINNER, question, re.IGNORECASE)
    if not named or _CORONARY.search(question):
        return []
    decided = [medical for pattern, medical in _ANTICOAGULATED if pattern.search(question)]
    if not decided:
        return []
    medical = tuple(dict.fromkeys(word for words in decided for word in words))
    return [LayEquivalent(lay=named.group(0), stems=tuple(stem_sequence(named.group(0))), medical=medical)]  # as
    # written: "a blood thinning injection" weighs "thin"


# Aspirin and a P2Y12 inhibitor taken together are dual antiplatelet therapy, the words a source times them by ("how
# long is he supposed to stay on the aspirin and the brilique together": the coronary overview writes "the default
# duration of dual antiplatelet therapy after ACS … is 12 months" and names neither drug there)
_P2Y12_CLASS = NAMED_MEMBERS["clopidogrel"]  # the class compose/variants.py names its members by
DUAL_ANTIPLATELET_WORDS = ("dual antiplatelet therapy", "dual antiplatelet", "DAPT")


def two_antiplatelets(question: str) -> list[LayEquivalent]:
    """Aspirin and a P2Y12 inhibitor named in one question (by any name the drug dictionary knows: "brilique" is
    ticagrelor), with the words a source writes for the two together."""
    return list(_two_antiplatelets(question))


@lru_cache(maxsize=256)
def _two_antiplatelets(question: str) -> tuple[LayEquivalent, ...]:
    named = drugs_in(question)  # read once a question: lay_equivalents is asked many times for one
    second = next((words for name, words in named.items()  # by its base name: "Efient" is prasugrel hydrochloride
                   if NAMED_MEMBERS.get(name.split()[0]) == _P2Y12_CLASS), None)
    if second is None or "aspirin" not in named:
        return ()
    lay = f"{named['aspirin']} and {second}"
    stems = tuple(stem_sequence(f"{named['aspirin']} {second}"))  # a source naming the two together covers both
    return (LayEquivalent(lay=lay, stems=stems, medical=DUAL_ANTIPLATELET_WORDS),)


# "the iron tablets make me constipated", "my statin is giving me achy legs": what a medicine makes someone feel is its
# side effect, the words a source writes for it ("If side effects limit adherence…", "before labelling the patient
# intolerant"); a list joined by "and" or "or" is read whole ("gives me awful stomach cramps and constipation")
_CAUSED = re.compile(  # the words read ahead, not taken: "the tablets my doctor gave me make me really sick and
    # constipated" holds a second "make me" among the first one's words (session 48)
    r"\b(?:make|makes|making|made|give|gives|giving|gave)\s+(?:me|him|her|them|us)\s+"
    r"(?=((?:(?!(?:and|or)\b)[A-Za-z'-]+\s+){0,3}(?!(?:and|or)\b)[A-Za-z'-]+"
    r"(?:\s+(?:and|or)\s+(?:[A-Za-z'-]+\s+){0,2}[A-Za-z'-]+)?))",
    re.IGNORECASE,
)
SIDE_EFFECT_FORMS = ("side effect", "side effects", "adverse effect", "adverse effects", "intolerance", "intolerant")

_NAMES_A_MEDICINE = re.compile(  # or a treatment given: "they gave me nebulisers and steroid tablets" (session 73)
    r"\b(?:tablets?|pills?|medicines?|medication|meds|capsules?|injections?|inhalers?|nebuli[sz]ers?|drips?|jabs?"
    r"|antibiotics?|steroids?|oxygen|fluids|a course|a prescription|a sick note)\b",
    re.IGNORECASE,
)


@lru_cache(maxsize=256)
def side_effect_words(question: str, *, drug_named: bool = False) -> frozenset[str]:
    """The stemmed words of what a medicine makes the person feel (within four words after "makes me", "is giving
    him"); none when the question names no medicine (``drug_named``: a drug term was found; else a drug's name or a
    word such as "tablets"). Cached: the terms and two lead rules of one answer ask it of the same question."""
    from medora.compose.entities import drugs_in  # its lexicon loads on first use

    felt = [  # "they gave me only a blue inhaler" says what was prescribed, not what it did
        match.group(1) for match in _CAUSED.finditer(question)
        if not _NAMES_A_MEDICINE.search(match.group(1)) and not drugs_in(match.group(1))
    ]
    caused = frozenset(stem for words in felt for stem in stem_sequence(words))
    if not caused or drug_named or _NAMES_A_MEDICINE.search(question):
        return caused
    return caused if drugs_in(question) else frozenset()


def with_side_effect_forms(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """A word of what a medicine makes the person feel also counts as named by a source's words for side effects."""
    caused = side_effect_words(question, drug_named=any(term.kind == "drug" for term in terms))
    if not caused:
        return terms
    return [
        replace(term, forms=tuple(dict.fromkeys(term.forms + SIDE_EFFECT_FORMS)))
        if term.kind in ("term", "word") and set(stem_sequence(term.label)) <= caused else term
        for term in terms
    ]


# Technical words whose sense the next word sets: the cervix's "cervical screening" is not the spine's "cervical
# radiculopathy" (session 39)
_SENSE_BY_HEAD = frozenset(stem_sequence("cervical"))


def _only_a_word_of(term: SpecificTerm, matching: list[LayEquivalent]) -> bool:
    """Whether the term is one common word (or one whose sense the next word sets, ``_SENSE_BY_HEAD``) that the
    question writes only before the head of longer lay phrases: the "combined" of "combined pill", not the "cancer"
    of "bowel cancer", which names a cancer wherever written."""
    stems = stem_sequence(term.label)
    return (
        term.kind in ("term", "word") and len(stems) == 1
        and (is_common_word(term.label) or stems[0] in _SENSE_BY_HEAD)
        and all(len(item.stems) > 1 and item.stems[-1] != stems[0] for item in matching)
    )


def with_lay_forms(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """A technical or rare word of the question inside one of its lay phrases also counts as named by the phrase's
    medical words ("vape" by "e-cigarette"); a drug term that is itself a lay phrase too ("sleeping pills" by
    "hypnotics"); other drugs and populations keep their own forms. A condition of several words ("heart failure")
    takes a lay phrase's medical words only from a phrase holding all of them ("heart" is "cardiac", its failure is
    not)."""
    equivalents = lay_equivalents(question, naming=True)
    if not equivalents:
        return terms
    updated = []
    for term in terms:
        stems = set(stem_sequence(term.label))
        matching = [
            item for item in equivalents
            if term.kind in ("term", "word")
            and (stems <= set(item.stems) if len(stems) > 1 else stems & set(item.stems))
            or term.kind == "drug" and stems == set(item.stems)
        ]
        if matching:
            medical = tuple(word.lower() for item in matching for word in item.medical)
            forms = tuple(dict.fromkeys(term.forms + medical))
            if _only_a_word_of(term, matching):  # the "combined" of "the combined pill" is named by the pill's words
                # and the phrase, never by any "combined" (session 37: the migraine overview's "combined with" named
                # it, and answered "can I take the combined pill if I get migraine with aura?")
                forms = tuple(dict.fromkeys([*(item.lay.lower() for item in matching), *medical]))
            shorts = tuple(dict.fromkeys(term.abbreviations + tuple(a for item in matching for a in item.abbreviations)))
            term = replace(term, forms=forms, abbreviations=shorts)
        updated.append(term)
    return updated
