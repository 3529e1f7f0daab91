"""Which way a finding points: benefit, harm, no difference, or unclear — read from one sentence by rules.

A direction word ('reduced', 'higher', 'improved') says nothing alone: 'reduced mortality' is a benefit and 'reduced
survival' a harm. Each clause is read for an explicit null result first ('no significant difference', 'did not
reduce'), then for a direction word and the outcome it governs (the nearest outcome word within a few words, either
side), whose valence (mortality is bad, survival good) turns the word's sign into benefit or harm. Clauses that point
both ways make the sentence unclear. Pure functions over strings; tests pin literal sentences."""

from __future__ import annotations

import re

from medora.compose.polarity import DIRECTION_OF

BENEFIT, HARM, NO_DIFFERENCE, UNCLEAR = "benefit", "harm", "no difference", "unclear"
DIRECTIONS = (BENEFIT, HARM, NO_DIFFERENCE, UNCLEAR)

_NULL_RESULT = re.compile(
    r"\b(?:no (?:statistically |clinically )?significant (?:\w+ )?(?:differences?|effects?|changes?|associations?|"
    r"correlations?|improvements?|reductions?|increases?|decreases?|benefits?|impact)|"
    r"no (?:differences?|effects?|benefits?|associations?|impact|improvement)|"
    r"(?:did|does|do|was|were|is|are|could) not (?:significantly |statistically significantly )?"
    r"(?:differ|reduce|improve|increase|affect|change|alter|decrease|lower|prevent|influence|predict|show|result|"
    r"lead|yield|confer|translate|demonstrate|associated|different|significant|effective|superior|better)|"
    r"not (?:statistically )?significant(?:ly)?|non-?significant(?:ly)?|failed to (?:show|demonstrate|reduce|improve|"
    r"prevent|detect)|non-?inferior(?:ity)?|"
    r"(?:similar|comparable|equivalent) (?:\w+ ){0,3}(?:in|between|to|among|with)|"
    r"(?:were|was) (?:similar|comparable|equivalent)|did not differ|no longer)\b",
    re.I,
)
_BENEFIT_WORDS = re.compile(
    r"\b(?:effective|efficacious|beneficial|benefits?|protective|protects?|safe and effective|superior|favou?red|"
    r"successful(?:ly)?|prevent(?:s|ed)?|alleviat\w+|relie(?:f|ved|ves)|resolv\w+)\b",
    re.I,
)
_HARM_WORDS = re.compile(
    r"\b(?:harmful|detrimental|toxic|hazardous|adverse outcomes?|inferior|unsafe|deleterious|fatal)\b", re.I
)
_NEGATED_BENEFIT = re.compile(r"\b(?:not|no|in)(?:effective|efficacious|beneficial)\b|\bineffective\b", re.I)

_BAD_OUTCOMES = frozenset(
    """mortality death deaths died dying risk risks incidence recurrence recurrences relapse relapses complication
    complications adverse morbidity hospitalization hospitalisation hospitalizations hospitalisations readmission
    readmissions failure failures toxicity toxicities infection infections bleeding haemorrhage hemorrhage progression
    severity exacerbation exacerbations admissions stroke strokes fracture fractures disability pain symptoms
    symptom events event rate rates odds hazard deterioration injury injuries nausea vomiting fatigue anxiety depression
    inflammation resistance rejection thrombosis embolism infarction dementia seizures seizure loss damage burden
    duration stay costs cost""".split()
)
_GOOD_OUTCOMES = frozenset(
    """survival remission response responses cure healing quality efficacy recovery function functioning success
    control clearance resolution improvement improvements sensitivity specificity accuracy adherence satisfaction
    well-being wellbeing independence mobility strength performance benefit benefits""".split()
)
_VALENCED_AXES = {"amount", "length", "speed"}  # 'longer survival' is good, 'longer stay' bad: the outcome decides
_WINDOW = 5  # words either side of a direction word in which its outcome is looked for
_CLAUSE = re.compile(r";|,\s*(?:but|whereas|while|although|however)\b|\b(?:but|whereas|although)\b", re.I)
_WORD = re.compile(r"[a-z]+(?:-[a-z]+)*")


_NOT_A_FINDING = re.compile(
    r"\b(?:aims? to|aimed to|will (?:be|assess|compare|evaluate|determine|test|provide)|"
    r"we (?:sought|aimed|hypothesi[sz]ed|investigated whether)|"
    r"(?:objective|purpose|aim) (?:of this \w+ )?(?:was|is) to|is comparing|are needed)\b",
    re.I,
)


def is_finding(sentence: str) -> bool:
    """False for a sentence that states an aim, a plan or a need ('This trial aims to…', 'will compare'), not a
    result: such a sentence has no direction."""
    return not _NOT_A_FINDING.search(sentence)


def finding_direction(sentence: str) -> str:
    """benefit, harm, no difference or unclear for one finding sentence (see the module docstring)."""
    if not is_finding(sentence):
        return UNCLEAR
    verdicts = {direction for clause in _CLAUSE.split(sentence) if (direction := _clause_direction(clause))}
    if len(verdicts) == 1:
        return verdicts.pop()
    if verdicts == {BENEFIT, NO_DIFFERENCE} or verdicts == {HARM, NO_DIFFERENCE}:
        return (verdicts - {NO_DIFFERENCE}).pop()  # 'no difference in X, but reduced Y': the effect found is reported
    return UNCLEAR


def _clause_direction(clause: str) -> str | None:
    if _NEGATED_BENEFIT.search(clause) or _NULL_RESULT.search(clause):
        return NO_DIFFERENCE
    signs = [sign for sign in (_outcome_sign(clause), _word_sign(clause)) if sign]
    if not signs:
        return None
    if all(sign > 0 for sign in signs):
        return BENEFIT
    if all(sign < 0 for sign in signs):
        return HARM
    return None


def _word_sign(clause: str) -> int:
    if _HARM_WORDS.search(clause):
        return -1
    return 1 if _BENEFIT_WORDS.search(clause) else 0


def _outcome_sign(clause: str) -> int:
    """+1 when the clause moves an outcome the good way, -1 the bad way, 0 when it names no movement of an outcome."""
    words = _WORD.findall(clause.lower())
    total = 0
    for position, word in enumerate(words):
        axis_sign = DIRECTION_OF.get(word)
        if axis_sign is None:
            continue
        axis, sign = axis_sign
        if axis == "quality":
            total += sign
            continue
        if axis not in _VALENCED_AXES:
            continue
        valence = _nearest_valence(words, position)
        total += sign * valence
    return (total > 0) - (total < 0)


def _nearest_valence(words: list[str], position: int) -> int:
    """+1 for a good outcome word nearest the direction word, -1 for a bad one, 0 for none within the window."""
    for distance in range(1, _WINDOW + 1):
        for index in (position + distance, position - distance):
            if 0 <= index < len(words):
                if words[index] in _BAD_OUTCOMES:
                    return -1
                if words[index] in _GOOD_OUTCOMES:
                    return 1
    return 0
