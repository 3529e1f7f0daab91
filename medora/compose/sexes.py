"""Whether an overview is written for one sex only, and whether a clinician's case states the other.

"86F care home resident, more confused, urine dip nitrite+ … Treat as UTI?" met the prostate overview's dipstick
lines (session 48): an overview on a condition of one sex never answers a case of the other. Like the age groups
(compose/age_groups.py), the overview's sex is read from its title ("… male lower urinary tract symptoms",
"Testicular torsion …", "Hypertension in pregnancy …"), and the patient's only from how a case states it ("86F",
"a 34-year-old man"), never from the asker's relatives or pronouns: "my husband's mum" says nothing of whose
complaint it is."""

from __future__ import annotations

import re

from medora.compose.age_groups import OPENING_AGE_AND_SEX

FEMALE, MALE = "female", "male"

_MALE_TITLE_WORDS = frozenset({"male", "men", "man", "prostate", "prostatic", "testicular", "testis", "testes",
                               "scrotum", "scrotal"})
_FEMALE_TITLE_WORDS = frozenset({"female", "women", "woman", "pregnancy", "pregnant"})
_WORDS = re.compile(r"[a-z]+")

_AGED_PERSON = re.compile(
    r"\b\d{1,3}[- ](?:year|yr)s?[- ]old[- ](woman|man|lady|gentleman|girl|boy|female|male)\b"
    r"|\b\d{1,3}\s?(?:yo|y/o)\s(woman|man|lady|gentleman|girl|boy|female|male)\b"
    r"|\b(?:a|an)\s(woman|man|lady|gentleman|girl|boy)\s(?:aged|of)\s\d{1,3}\b",
    re.IGNORECASE,
)
_SEX_OF_WORD = {"f": FEMALE, "woman": FEMALE, "lady": FEMALE, "girl": FEMALE, "female": FEMALE,
                "m": MALE, "man": MALE, "gentleman": MALE, "boy": MALE, "male": MALE}


def sex_of_title(title: str) -> str | None:
    """The one sex an overview's title restricts it to, else None."""
    words = set(_WORDS.findall(title.lower()))
    male, female = bool(words & _MALE_TITLE_WORDS), bool(words & _FEMALE_TITLE_WORDS)
    return MALE if male and not female else FEMALE if female and not male else None


def stated_sex(question: str) -> str | None:
    """The patient's sex as a case states it ("86F", "a 34-year-old man"), else None; None too when the question
    states both (two patients, or a couple)."""
    opening = OPENING_AGE_AND_SEX.match(question)  # "86F", "45 y/o F"
    found = {_SEX_OF_WORD[opening.group(2).lower()]} if opening else set()
    found |= {
        _SEX_OF_WORD[next(group for group in match.groups() if group).lower()]
        for match in _AGED_PERSON.finditer(question)
    }
    return next(iter(found)) if len(found) == 1 else None


def other_sex(question: str, title: str) -> bool:
    """True when the overview's title and the case state different sexes."""
    asked, covered = stated_sex(question), sex_of_title(title)
    return asked is not None and covered is not None and asked != covered
