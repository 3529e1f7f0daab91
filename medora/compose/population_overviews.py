"""An overview written for one population answers only a question about that population.

"Hypertension in pregnancy, gestational hypertension and pre-eclampsia" names blood pressure targets, as "Hypertension
in adults" does; asked "What blood pressure target should I aim for?" or "What blood pressure should I aim for with
diabetes?", nobody pregnant, it was chosen first (session 51) and the answer was the pregnancy target. Age groups have
their own rule (compose/age_groups.py); this one reads a title that names its population after "in" ("X in
pregnancy"). Such an overview is on the topic of a question only when the question states that population (a word of
pregnancy, after the birth or breastfeeding: "33 weeks pregnant", "my midwife", "postnatal") or another word of the
title beyond the condition before "in" ("gestational", "pre-eclampsia"): "Ectopic pregnancy" is a condition, not a
population, and keeps its questions."""

from __future__ import annotations

import re

from medora.compose.terms import POPULATIONS, told_birth
from medora.retrieve.tokenize import content_words

# the states a pregnancy overview is written for, in the words a question states them
_PREGNANCY_STATES = POPULATIONS["pregnancy"] + POPULATIONS["postpartum"] + POPULATIONS["breastfeeding"] + (
    "midwife", "midwives", "trimester", "fetal", "fetus", "foetus", "placenta", "preeclampsia", "eclampsia",
    "HELLP", "gestation",
)
# one word each: the parts of "nursing mothers" or "breast-feeding" ("mother", "breast") are no pregnancy
PREGNANCY_STEMS = frozenset(
    stem for word in _PREGNANCY_STATES if not re.search(r"[\s-]", word) for stem in content_words(word)
)
# "<condition> in pregnancy[, more of the title]": the title's population, after its condition
_IN_POPULATION = re.compile(r"^(?P<condition>.+?)\s+in\s+pregnancy\b(?P<rest>.*)$", re.IGNORECASE)


def for_another_population(question: str, title: str) -> bool:
    """True when the overview's ``title`` names pregnancy as the population it is written for and the question
    states neither a pregnancy state, a recent birth ("had my baby yesterday", compose/terms.py ``told_birth``) nor
    another word of the title beyond its condition (see the module)."""
    written_for = _IN_POPULATION.match(title)
    if written_for is None:
        return False
    asked = content_words(question)
    beyond = content_words(written_for.group("rest")) - content_words(written_for.group("condition"))
    return not (asked & (PREGNANCY_STEMS | beyond)) and not told_birth(question)
