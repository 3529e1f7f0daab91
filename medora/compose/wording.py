"""Content words as the faithfulness check compares them: stemmed, with common paraphrases folded together.

A faithful rewrite may say 'lowered' for 'reduced' or 'doctors' for 'physicians'; the check must not call those
words unsupported. The table is deliberately small and general (no clinical synonyms: a changed drug or condition
must stay visible). Words that only frame or hedge a statement ('the study found that') carry no claim of their own."""

from __future__ import annotations

import re
from functools import lru_cache

import Stemmer

from medora.compose.quantities import without_quantities
from medora.retrieve.tokenize import STOPWORDS, raw_tokens

_STEMMER = Stemmer.Stemmer("english")

PHRASES = {
    "death rate": "mortality", "death rates": "mortality", "carried out": "performed", "in order to": "to",
    "prior to": "before", "a total of": "", "linked to": "associated with", "linked with": "associated with",
    "related to": "associated with", "majority of": "most of", "per cent": "percent", "a day": "daily",
    "per day": "daily", "each day": "daily", "every day": "daily",
}
_PHRASE = re.compile(r"\b(" + "|".join(re.escape(p) for p in sorted(PHRASES, key=len, reverse=True)) + r")\b", re.I)

SYNONYM_GROUPS = [
    "reduce reduced reduces reducing reduction decrease decreased decreasing lower lowered lowering diminish "
    "diminished decline declined drop dropped fall fell lessen lessened",
    "increase increased increasing raise raised rise rose elevate elevated elevation higher greater augment "
    "augmented boost boosted",
    "improve improved improvement better",
    "patient patients participant participants subject subjects individual individuals people person persons",
    "show showed shown demonstrate demonstrated reveal revealed find found observe observed indicate indicated "
    "detect detected identify identified see seen",
    "associate associated association link linked relate related correlate correlated correlation",
    "evaluate evaluated assess assessed examine examined investigate investigated",
    "use used utilize utilized utilise utilised utilization utilisation employ employed",
    "give given administer administered",
    "physician physicians doctor doctors clinician clinicians",
    "therapy therapies treatment treatments",
    "often frequently commonly",
    "before prior",
    "mortality death deaths",
    "approximately about around roughly nearly",
    "collect collected obtain obtained",
    "perform performed conduct conducted",
    "later subsequent subsequently",
    "most majority",
    "additionally addition",
    "versus vs compared comparison",
]
# Words that frame, hedge or join a statement, and light verbs that carry the passage's own claim ('caused less
# bleeding', 'occurred less often'); a rewrite may add them without adding a claim.
FRAMING = frozenset(
    """study studies found find show showed result results report reported author authors suggest suggested indicate
    indicated demonstrate demonstrated observe observed data may might appear appeared appears seem seemed seems likely
    possibly probably overall however therefore additionally addition thus further moreover notably total conclude
    concluded conclusion evidence research researchers investigators analysis analyses present current finding findings
    note noted reveal revealed here whereas although cause caused causes causing occur occurred occurs occurring give
    given gave gives receive received receives have had has having take taken took make made lead led leads resulted
    effect effects experience experienced undergo underwent undergoing tend tended remain remained become became
    include included including involve involved provide provided""".split()
)


@lru_cache(maxsize=50_000)
def stem(token: str) -> str:
    """The Snowball stem the search index uses for the same word."""
    return _STEMMER.stemWord(token.lower())


@lru_cache(maxsize=1)
def _canonical() -> dict[str, str]:
    table: dict[str, str] = {}
    for group in SYNONYM_GROUPS:
        words = group.split()
        head = stem(words[0])
        for word in words:
            table[stem(word)] = head
    return table


@lru_cache(maxsize=1)
def _framing_stems() -> frozenset[str]:
    return frozenset(canonical(word) for word in FRAMING)


def fold_phrases(text: str) -> str:
    """Multi-word paraphrases replaced by one spelling ('death rate' -> 'mortality')."""
    return _PHRASE.sub(lambda m: PHRASES[m.group(1).lower()], text)


def canonical(token: str) -> str:
    """A stem, or the head of its synonym group."""
    stemmed = stem(token)
    return _canonical().get(stemmed, stemmed)


def content_terms(text: str) -> dict[str, str]:
    """Canonical content stem -> the word as written, for every word that can carry a claim (numbers excluded:
    the quantity check reads those with their units)."""
    terms: dict[str, str] = {}
    for token in raw_tokens(fold_phrases(without_quantities(text))):
        if token in STOPWORDS or len(token) < 2 or "-" in token or any(ch.isdigit() for ch in token):
            continue
        terms.setdefault(canonical(token), token)
    return terms


def is_framing(term: str) -> bool:
    return term in _framing_stems()


def shares_root(a: str, b: str) -> bool:
    """Two stems of one root ('diagnosi' and 'diagnost'): a common beginning of at least six letters that covers
    three quarters of the shorter stem."""
    shorter = min(len(a), len(b))
    if shorter < 6:
        return False
    common = 0
    for x, y in zip(a, b):
        if x != y:
            break
        common += 1
    return common >= 6 and common >= 0.75 * shorter
