"""The age group a question and an overview are about: an overview for children does not answer a question about an
adult, however well it names the drug and the condition.

"I'm 35 and have a painful middle ear infection, do adults need amoxicillin for it?" names amoxicillin and otitis
media, both in "Acute otitis media in children"; the overview's advice is for children. "adults" is a frame word
of the specific-term gate (most overviews say "in adults"), so the gate alone cannot see the clash: here an
overview's title restricting it to one group, and a question stating the other, make the overview no answer.

A title restricts an overview to a group when it names the group's word, whatever qualifies it: "Falls in older
adults" and "Routine adult vaccinations" are for adults as much as "Hypertension in adults" (a child's fall or
vaccines are not their subject). Groups are disjoint on purpose: children (with infants and newborns, or an age
under 12), adolescents (a teenager or an age of 12 to 17) and adults (an age of 18 or more). An adolescent clashes
only with an overview for adults ("Hypertension in adults" does not answer "my 12 year old son had a high blood
pressure reading"); a children's overview may cover the younger teenagers."""

from __future__ import annotations

import re

from medora.compose.note_sections import SOCIAL_HISTORY, note_sections

CHILD, TEEN, ADULT = "children", "adolescents", "adults"
CHILD_WORDS = frozenset(
    """child children childhood paediatric pediatric kid kids infant infants baby babies toddler toddlers newborn
    newborns neonate neonates neonatal""".split()
)
TEEN_WORDS = frozenset("adolescent adolescents teenager teenagers teen teens teenage".split())
ADULT_WORDS = frozenset("adult adults".split())
ADULT_AGE, CHILD_AGE = 18, 12  # an age from 18 is an adult's, under 12 a child's
_WORDS = re.compile(r"[a-z]+")
# An age only where it is one: "35-year-old", "a 35 year old", "35 years old", "aged 35", "age 35", "I'm 35", "I am 35";
# never a duration ("on omeprazole for 5 years", "smoked 10 years", "5 years ago", "a 10-year risk"), a pregnancy
# ("I'm 8 weeks pregnant") or a measure ("I'm 5 ft 4", "I'm 11 stone", "I'm 100% sure"): "I'm N" is an age only
# when the sentence goes on as after one ("I'm 35 and …", "I'm 35, …", "I'm 66.").
_AGE = re.compile(
    r"\b(\d{1,3})[- ]?(?:years?|yrs?)[- ]old\b|\b(\d{1,3})[- ]?yo\b|\baged? (\d{1,3})\b"
    r"|\b(?:i'?m|i am) (\d{1,3})(?=\s*(?:$|[,.;:!?)]|(?:and|but|with|now|male|female|man|woman|m|f)\b))",
    re.IGNORECASE,
)
# …and a relative's age as a parent writes it: "my son is 7", "she's 4 and …" (never "she's 7 weeks pregnant")
_THEIR_AGE = re.compile(
    r"\b(?:son|daughter|boy|girl|child|kid|grandson|granddaughter|he|she|hes|shes|he's|she's)"
    r"(?:,? (?:who|that) is |,? who'?s |'s | is | s |, | \(| )(\d{1,2})"
    r"(?=\s*(?:$|[,.;:!?)]|(?:and|but|with|now|has|had|keeps|gets|got)\b))",
    re.IGNORECASE,
)
# Child words that name no child: "baby aspirin" (a low dose), "child-bearing" (an age of women), "my kids" (the
# asker's children, of any age, not the patient), "I had a baby 6 weeks ago" (the patient is the mother)
_PREGNANT = re.compile(r"\bpregnan(?:t|cy)\b")
# a birth the mother tells: the baby of the rest of her account is her newborn, not the patient (session 69); the
# same words told as recent make her postpartum (compose/terms.py)
TOLD_BIRTH = (
    r"(?:gave birth|given birth|delivered|had (?:a|her|my|our|the|their) bab(?:y|ies)|had (?:twins|a c-section))"
)
_BIRTH_TOLD = re.compile(rf"\b{TOLD_BIRTH}\b|\bbaby (?:was|is) born\b", re.IGNORECASE)
# "after the baby", "since the baby": the birth, not an infant patient ("my wife feels down after the baby")
AFTER_BIRTH = r"\b(?:after|since) (?:the|our|her|my) bab(?:y|ies)\b"
# "trying for a baby", "planning to have another baby": a pregnancy planned, not an infant patient
PLANNED_BABY = (
    r"\b(?:try|tries|trying|tried|plan|plans|planning|planned|want|wants|wanting|wanted|hope|hoping|hoped)"
    r"\s+(?:to\s+have\s+|for\s+)(?:a|another)\s+bab(?:y|ies)\b"
)
# "will he still be able to have children?", "can I father kids?": fertility, not a child patient
CHILDBEARING = (
    r"\b(?:able to|ability to|can|cannot|cant|can't|could|ever|still|will|to)\s+(?:have|father|conceive)"
    r"\s+(?:children|kids|babies|a baby|a family|(?:a |any )?(?:child|children|kids) of (?:his|her|my|their) own)\b"
)
# "I worry about everything, money, the kids, work": the asker's children as one of a few short things listed (one to
# three words each side), not the patient (session 40); never "my husband, the kids and I all have flu"
LISTED_CHILDREN = re.compile(
    r"(?:^|,)\s*[\w']+(?:\s+[\w']+){0,2}\s*,\s*(?P<listed>(?:the|my|our)\s+(?:kids|children))\s*,"
    r"\s*[\w']+(?:\s+[\w']+){0,2}\s*(?=[,.;]|$)",
    re.IGNORECASE,
)
# the child a mother says she is breastfeeding is the one fed, not the patient ("im breastfeeding my 8 week old",
# session 60)
BREASTFED_CHILD = (
    r"\b(?:i'?m|i am|she'?s|she is)\s+(?:(?:still|currently|exclusively|also)\s+)?breast-?feeding\s+"
    r"(?:(?:my|our|her|a|the)\s+)?(?:[\w-]+\s+){0,3}?(?:old|baby|babies|son|daughter|twins|newborn|infant)\b"
)
# a time of the patient's life, not who the patient is now: "urticarial rash as child", "migraines since my teens"
# (session 62), "since i was a teenager" (session 65)
YOUTH_PAST = (
    r"\b(?:(?:as|since|when)\s+(?:(?:i|he|she|they)\s+(?:was|were)\s+)?(?:(?:a|my|his|her)\s+)?|in\s+(?:my|his|her)\s+)"
    r"(?:child|kid|teens|teenager|childhood)\b"
)
# an elder's story told by their child ("my dad is 67 … my kids are in and out all the time"): the teller's children
# are family, not the patient; only where the elder is described ("my dad is", "my mum has", "my nan (84)"), not
# quoted ("my mum thinks my baby has colic")
ELDER_RELATIVES = frozenset(
    "dad dads father mum mums mom moms mother nan nana nanna gran granny grandma grandad granddad grandpa grandmother "
    "grandfather".split()
)
OWN_CHILDREN = frozenset("kid kids child children son sons daughter daughters teenager teenagers toddler toddlers "
                         "baby babies".split())
ELDER_TOLD = re.compile(
    rf"\b(?:my|our)\s+(?:{'|'.join(sorted(ELDER_RELATIVES))})(?:\s+(?:is|has|had|was|who)\b|'s\b|\s*\(|\s+\d)",
    re.IGNORECASE,
)
_TELLERS_CHILDREN = re.compile(rf"\b(?:my|our)\s+(?:{'|'.join(sorted(OWN_CHILDREN))})\b", re.IGNORECASE)
_NOT_A_CHILD = re.compile(
    rf"{LISTED_CHILDREN.pattern}|"
    r"\bbaby aspirin\b|\bchild[- ]?bearing\b|\b(?:my|our) kids\b|\bhad (?:a|my|the|our) baby\b|\bbaby (?:was|is) born\b"
    r"|\bpregnant with (?:a|my|our|her|the|twins|\w+ )?\s*(?:\w+\s+)?(?:bab(?:y|ies)|child)\b"  # "…with her second child"
    rf"|{YOUTH_PAST}"
    rf"|\bexpecting a baby\b|{AFTER_BIRTH}"
    rf"|{PLANNED_BABY}|{CHILDBEARING}|{BREASTFED_CHILD}",
    re.IGNORECASE,
)
# a group the patient is compared with, not the patient ("does he need camera tests like adults get", "the same dose
# as adults?", "more often than children do"); never a bare "as", which says who the patient is ("As an adult, do I
# need the chickenpox jab?")
_COMPARED_GROUP = re.compile(
    r"\b(?:like|than|unlike|same(?:\s+[\w']+){0,2}\s+as)\s+(?:for\s+|in\s+)?(?:an?\s+|other\s+)?"
    r"(?:adults?|grown[- ]?ups?|children|child|kids?|teenagers?)\b",
    re.IGNORECASE,
)
_MONTHS = re.compile(r"\b\d{1,2}[- ]?(?:months?|weeks?|days?)[- ]old\b", re.IGNORECASE)


def group_of_title(title: str) -> str | None:
    """The one group an overview's title restricts it to ("Acute otitis media in children"), else None."""
    words = set(_WORDS.findall(title.lower()))
    child, adult = bool(words & CHILD_WORDS), bool(words & ADULT_WORDS)
    return CHILD if child and not adult else ADULT if adult and not child else None


# the heading a clinician's note may open with before its patient ("MAU handover: 71M", "Care of the elderly ward
# note: 82F", "MAU handover 02:00: 24F"): the note is a vignette all the same (session 64)
NOTE_HEADING = r"(?:[A-Za-z][^.?!\n]{0,60}?:\s*)?"
# a vignette's opening age and sex, "68F", "74M", "45 y/o F" (compose/sexes.py reads its letter)
OPENING_AGE_AND_SEX = re.compile(rf"\s*{NOTE_HEADING}(\d{{1,3}})\s?(?:yo\s?|y/o\s?|y\s?)?([MF])\b")
# a vignette's opening age, its sex or not: "53F", "84yo", "45 y/o", "45 M", "44-year-old", "A 76-year-old man"
# (compose/terms.py: the drug a vignette's patient is "on" or "taking" is the case's)
OPENING_AGE = re.compile(
    rf"\s*{NOTE_HEADING}(?:an?\s+)?\d{{1,3}}(?:[- ](?:year|yr)s?[- ]old\b|\s?(?:yo|y/o|y|[MF])\b)", re.IGNORECASE
)


def stated_age(question: str) -> int | None:
    """The patient's age in years as the question states it ("a 72 yo", "35-year-old", "I'm 35, …", "68F"), or
    None: the age a line's band is judged against (compose/value_ranges.py)."""
    match = _AGE.search(question.replace("\u2019", "'")) or OPENING_AGE_AND_SEX.match(question)
    return int(next(value for value in match.groups() if value)) if match else None


def group_of_question(question: str) -> str | None:
    """The one group a question states, by a word ("adults", "children") or an age; None when it states none, or
    both."""
    for section in reversed(note_sections(question)):  # a note's family ("SH: married, two children") is the
        if section.lists == SOCIAL_HISTORY:  # household, not the patient's group
            question = question[: section.start] + " " + question[section.end :]
    if (elder := ELDER_TOLD.search(question)) is not None:
        question = question[: elder.end()] + _TELLERS_CHILDREN.sub(" ", question[elder.end() :])
    lowered = _COMPARED_GROUP.sub(" ", _NOT_A_CHILD.sub(" ", question.lower().replace("\u2019", "'")))
    words = set(_WORDS.findall(lowered))
    if _PREGNANT.search(lowered) or _BIRTH_TOLD.search(question):
        words -= {"baby", "babies"}  # a pregnant woman's baby is her pregnancy ("will it go away after the baby?"),
        # and once the birth is told, her newborn ("had my baby 2 days ago … needs changing now baby is here")
    groups = set()
    if words & CHILD_WORDS or _MONTHS.search(lowered):
        groups.add(CHILD)
    if words & TEEN_WORDS:
        groups.add(TEEN)
    if words & ADULT_WORDS:
        groups.add(ADULT)
    for match in [*_AGE.finditer(lowered), *_THEIR_AGE.finditer(lowered)]:
        age = int(next(value for value in match.groups() if value))
        groups.add(ADULT if age >= ADULT_AGE else CHILD if age < CHILD_AGE else TEEN)
    if (opening := OPENING_AGE_AND_SEX.match(question)) is not None:  # a note's "42M"
        age = int(opening.group(1))
        groups.add(ADULT if age >= ADULT_AGE else CHILD if age < CHILD_AGE else TEEN)
    return next(iter(groups)) if len(groups) == 1 else None


def other_group(question: str, title: str) -> bool:
    """True when the overview's title and the question state different age groups (an adolescent's question only
    with an adults' overview)."""
    asked, covered = group_of_question(question), group_of_title(title)
    if asked == TEEN:
        return covered == ADULT
    return asked is not None and covered is not None and asked != covered


_ONE_OF = {CHILD: "a child", TEEN: "an adolescent", ADULT: "an adult"}


def clash_reason(question: str, title: str) -> str:
    """Why the overview does not answer, in plain words, when the question and its title state different groups
    ("Acute otitis media in children is written for children; the question is about an adult."); else ""."""
    if not other_group(question, title):
        return ""
    asked = group_of_question(question)
    return f"{title.rstrip('.')} is written for {group_of_title(title)}; the question is about {_ONE_OF[asked]}."


_LITTLE_ONE = re.compile(r"\b(?:my|our|his|her|their) little (?:boy|girl|one|lad|lass|son|daughter)s?\b", re.IGNORECASE)


YOUNG_WORDS = CHILD_WORDS | TEEN_WORDS | {"young", "youth", "paediatrics", "pediatrics"}


def speaks_of_the_young(texts: list[str]) -> bool:
    """True when the texts name children, adolescents or young people at all: an overview whose title states no
    group may answer an adolescent's question only then."""
    return any(YOUNG_WORDS & set(_WORDS.findall(text.lower())) for text in texts)


def young_patient(question: str) -> bool:
    """True when the question is about a child: its stated group (``group_of_question``), or a parent's "my little
    boy", which states no age. Only where meaning alone picks the overview (answer._by_meaning): "my little girl is
    always tired and pale" is not for the adults' iron-deficiency overview, though its words do not say so."""
    return group_of_question(question) == CHILD or bool(_LITTLE_ONE.search(question))
