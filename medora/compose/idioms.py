"""An account's figures of speech, read out of it: "she was sharp as a tack before", "is she just ticking a box?".

An everyday account says what it means through turns of phrase whose words are no topic of it. Read word by word, a
rare one became a specific term no overview names (session 73: "tack" kept a delirium account from the delirium
overview, "ticking" a pertussis-vaccine question from the vaccination overview), and a body part inside one ("keep
an eye on it", "a pain in the neck", "get it off my chest") is a body part the account never speaks of. Each phrase
here is read as a single space before the question is read for its evidence; the question is shown as typed, as for
misspellings (compose/spelling.py). Only phrases that mean nothing of a body or a medicine taken literally are listed:
"pins and needles" is a symptom and stays."""

from __future__ import annotations

import re

# Each a regular expression on whole words; "someone's" forms are spelled out where an account uses several
_FIGURES_OF_SPEECH = (
    r"(?:as )?sharp as a (?:tack|pin|button|knife)",
    r"(?:as )?fit as a fiddle",
    r"(?:as )?right as rain",
    r"(?:just |only )?tick(?:ing|ed|s)? (?:a|the|all the|some) boxe?s?",
    r"box[- ]ticking(?: exercise)?",
    r"keep(?:ing|s)? an eye on (?:it|him|her|them|things)",
    r"a pain in the (?:neck|backside|bum)",
    r"get (?:it|this|that) off (?:my|his|her) chest",
    r"off the top of (?:my|his|her) head",
    r"at the back of (?:my|his|her) mind",
    r"cost(?:s)? an arm and a leg",
    r"see(?:ing)? eye to eye",
    r"under the weather",
    r"(?:just )?to be on the safe side",
    r"over the moon",
    r"out of the blue",
    r"touch wood",
    r"fingers crossed",
    r"at (?:the end of )?(?:my|our|his|her) (?:wits'? end|tether)",
    r"(?:back )?to square one",
    r"on (?:its|his|her|their) last legs",
    r"head over heels",
    r"bite the bullet",
    r"the last straw",
)
_FIGURE = re.compile(r"\b(?:" + "|".join(_FIGURES_OF_SPEECH) + r")\b", re.IGNORECASE)


def without_figures_of_speech(question: str) -> str:
    """``question`` with each figure of speech (``_FIGURES_OF_SPEECH``) read as a space."""
    return re.sub(r"[ \t]{2,}", " ", _FIGURE.sub(" ", question))
