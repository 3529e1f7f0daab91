"""What a sentence asserts beyond its words: which way an effect goes, what it denies, and what is compared to what.

Three checks between a claim and the passage sentence(s) it rewrites, each naming what differs:
- direction: 'increased' where the source says 'reduced' (words counted per axis and sign, so dropping a clause
  is fine but turning 'lower' into 'higher' is not);
- negation: each 'not', 'no', 'without', 'non-significant'… is tied to the words it governs, so 'did not reduce' →
  'reduced' and 'reduced' → 'did not reduce' are caught while 'no significant difference' → 'did not differ
  significantly' is not;
- comparison order: 'A was better than B' → 'B was better than A' (the thing after 'than' / 'compared with' /
  'versus' must stay on that side).
Pure functions over strings."""

from __future__ import annotations

import re
from collections import Counter

from medora.compose.wording import canonical
from medora.retrieve.tokenize import STOPWORDS

# axis, sign -> words. Axes keep 'better' from cancelling 'lower': a rewrite may move between words of one axis only.
_DIRECTIONS = {
    ("amount", +1): "increase increased increases increasing raise raised raises raising rise rises rising rose risen "
    "elevate elevated elevates elevating elevation higher highest high greater greatest more larger largest augmented "
    "augments boost boosted boosts gain gains gained exceed exceeded exceeds upregulated upregulation enhanced enhances "
    "enhance above grew grow grows growing",
    ("amount", -1): "decrease decreased decreases decreasing reduce reduced reduces reducing reduction reductions lower "
    "lowered lowers lowering lowest low less least fewer fewest smaller smallest decline declined declines declining "
    "drop dropped drops fall falls fell fallen falling diminish diminished diminishes attenuated attenuates attenuate "
    "downregulated downregulation lessened suppressed suppresses below loss losses shrank",
    ("quality", +1): "improve improved improves improving improvement improvements better best superior beneficial "
    "favourable favorable",
    ("quality", -1): "worsen worsened worsens worsening worse worst inferior deteriorate deteriorated deterioration "
    "detrimental harmful unfavourable unfavorable impaired impairs impairment",
    ("length", +1): "longer longest prolong prolonged prolongs prolongation",
    ("length", -1): "shorter shortest shorten shortened shortens shortening",
    ("speed", +1): "faster quicker accelerated accelerates",
    ("speed", -1): "slower decelerated slowed",
    ("timing", +1): "later",
    ("timing", -1): "earlier",
    ("sign", +1): "positive positively",
    ("sign", -1): "negative negatively inverse inversely",
    ("estimate", +1): "overestimated overestimate overestimates overestimation",
    ("estimate", -1): "underestimated underestimate underestimates underestimation",
}
_FLIP_ONLY = {"timing"}  # 'later' also means 'subsequent': only its opposite is evidence of a change
DIRECTION_OF = {word: key for key, words in _DIRECTIONS.items() for word in words.split()}
# 'lower limb', 'high school' and 'foot drop' name things; they do not say which way anything went.
_FIXED_PHRASE = re.compile(
    r"\b(?:lower|upper|low|high)[\s-](?:limbs?|extremit\w*|back|urinary|respiratory|gastrointestinal|abdom\w*|lobes?|"
    r"legs?|pole|jaw|lip|eyelids?|esophag\w*|oesophag\w*|tract|income|school|-?grade|resolution|density lipoprotein)\b"
    r"|\b(?:foot|wrist|toe)[\s-]drops?\b|\bdrop[\s-](?:attacks?|foot)\b",  # foot drop is a sign, not a fall
    re.I,
)

_NEGATION = re.compile(
    r"\b(?:no|not|never|neither|nor|none|without|cannot|unable to|fail(?:ed|s|ing)? to|absence of|lack(?:ed|s|ing)? of|"
    r"non-?significant(?:ly)?|insignificant(?:ly)?|unchanged|\w+n't)\b",
    re.I,
)
_NOT_A_NEGATION = re.compile(r"\bnot only\b|\bwhether or not\b|\bno\.\s", re.I)
_CLAUSE_END = re.compile(r"[,;:.()]|\b(?:but|whereas|while|although|however)\b", re.I)
_COMPARISON = re.compile(r"\b(?:than|compared (?:with|to)|versus|vs\.?|relative to|in comparison (?:with|to))(?=\s)", re.I)
_SKIP_AFTER_NEGATION = {"significantly", "statistically", "been", "be", "seem", "appear", "further", "also", "the", "a"}
_ENDS_REFERENCE = {"due", "respectively", "overall", "alone", "only", "except", "including", "despite", "within",
                   "without", "across", "per", "regardless", "following", "via", "whereas"}
_SKIP_AFTER_COMPARISON = STOPWORDS | {"those", "patients", "subjects", "participants", "group", "groups", "the"}


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", text.lower())


# ---------------------------------------------------------------- direction

def direction_words(text: str) -> list[tuple[str, int, str]]:
    """(axis, sign, word) for each word of ``text`` that says which way something went."""
    text = _FIXED_PHRASE.sub(" ", text)
    found = []
    for word in re.findall(r"[a-z]+", text.lower()):
        key = DIRECTION_OF.get(word)
        if key:
            found.append((key[0], key[1], word))
    return found


def direction_flags(claim: str, source: str) -> list[str]:
    """A claim may drop direction words but not add ones its source lacks, nor turn one into its opposite."""
    claimed, stated = direction_words(claim), direction_words(source)
    claim_counts = Counter((axis, sign) for axis, sign, _ in claimed)
    source_counts = Counter((axis, sign) for axis, sign, _ in stated)
    flags: list[str] = []
    for (axis, sign), count in claim_counts.items():
        if count <= source_counts[(axis, sign)]:
            continue
        word = next(w for a, s, w in claimed if (a, s) == (axis, sign))
        opposite = [w for a, s, w in stated if a == axis and s == -sign]
        if opposite:
            flags.append(f"direction flipped: {word} vs {opposite[0]}")
        elif axis not in _FLIP_ONLY:
            flags.append(f"direction not in passage: {word}")
    return flags


# ---------------------------------------------------------------- negation

def negations(text: str) -> list[tuple[str, frozenset[str]]]:
    """(the negated phrase, the canonical words it governs) for each negation: the cue and up to two content words
    after it, within its clause."""
    return [(text[start:end], governed) for _, governed, (start, end) in _negations(text)]


def _negations(text: str) -> list[tuple[str, frozenset[str], tuple[int, int]]]:
    text = _NOT_A_NEGATION.sub(lambda m: " " * len(m.group(0)), text)
    found = []
    for match in _NEGATION.finditer(text):
        cue = match.group(0).lower()
        governed: list[str] = []
        if "significan" in cue:
            governed.append(canonical("significant"))
        if cue == "unchanged":
            governed.append(canonical("change"))
        reach = match.end()
        rest = text[match.end() :]
        end = _CLAUSE_END.search(rest)
        for word in re.finditer(r"[a-z0-9]+(?:[-'][a-z0-9]+)*", (rest[: end.start()] if end else rest).lower()):
            if len(governed) >= 2:
                break
            if word.group(0) in _SKIP_AFTER_NEGATION or word.group(0) in STOPWORDS or word.group(0).isdigit():
                continue
            governed.append(canonical(word.group(0)))
            reach = match.end() + word.end()
        found.append((cue, frozenset(governed), (match.start(), reach)))
    return found


def _plain_counts(text: str) -> Counter:
    """How often each canonical word occurs outside the reach of a negation (its cue and the words it governs)."""
    for _, _, (start, end) in reversed(_negations(text)):
        text = text[:start] + " " + text[end:]
    return Counter(canonical(w) for w in _words(text) if w not in STOPWORDS)


def negation_flags(claim: str, source: str) -> list[str]:
    """A negation the claim adds, or one the source has whose words the claim asserts without it."""
    claimed, stated = negations(claim), negations(source)
    unmatched = list(stated)
    flags: list[str] = []
    for phrase, governed in claimed:
        partner = next((s for s in unmatched if s[1] & governed or not (s[1] or governed)), None)
        if partner is None:
            flags.append(f"negation differs: '{phrase}' is not in the passage")
        else:
            unmatched.remove(partner)
    if unmatched:
        claim_plain, source_plain = _plain_counts(claim), _plain_counts(source)
        for phrase, governed in unmatched:
            if any(claim_plain[w] > source_plain[w] for w in governed) or (
                phrase.lower().startswith("without") and _count(claim, "with") > _count(source, "with")
            ):
                flags.append(f"negation differs: the passage says '{phrase}'")
    return flags


def _count(text: str, word: str) -> int:
    return len(re.findall(rf"\b{word}\b", text, re.I))


# ---------------------------------------------------------------- comparison order

def _compared_words(text: str) -> list[str]:
    """Canonical words, keeping group labels such as the 'A' of 'arm A' (lower-cased, 'a' would be a stop word)."""
    return [f"label {w}" if len(w) == 1 and w.isupper() else w.lower()
            for w in re.findall(r"[A-Za-z0-9]+(?:[-'][A-Za-z0-9]+)*", text)]


def comparisons(text: str) -> list[tuple[frozenset[str], str, str]]:
    """(what is compared, what it is compared against, that word as written) for each 'than' / 'compared with' /
    'versus' of ``text``; words on both sides ('group' in 'the diabetic group than the nondiabetic group') belong to
    neither, so the reference is the first word that tells the two sides apart."""
    text = re.sub(r"\([^()]*\)|\[[^\[\]]*\]", " ", text)  # '(2.13% per year)' sits between the two sides
    found = []
    for match in _COMPARISON.finditer(text):
        before = text[: match.start()]
        start = max((m.end() for m in re.finditer(r"[,;:(]", before)), default=0)
        subject_words = {_canonical_compared(w) for w in [w for w in _compared_words(before[start:])
                                                           if w not in _SKIP_AFTER_COMPARISON][-10:]}
        after = text[match.end() :]
        end = _CLAUSE_END.search(after)
        reference_words: list[str] = []
        for word in _compared_words(after[: end.start()] if end else after):
            if word in _SKIP_AFTER_COMPARISON or word in _ENDS_REFERENCE:
                if reference_words:
                    break
                continue
            reference_words.append(word)
            if len(reference_words) == 3:
                break
        reference = [w for w in reference_words if _canonical_compared(w) not in subject_words]
        if reference:
            shared = {_canonical_compared(w) for w in reference_words}
            shown = reference[0].removeprefix("label ").upper() if reference[0].startswith("label ") else reference[0]
            found.append((frozenset(subject_words - shared), _canonical_compared(reference[0]), shown))
    return found


def _canonical_compared(word: str) -> str:
    return word if word.startswith("label ") else canonical(word)


def comparison_flags(claim: str, source: str) -> list[str]:
    """The claim compares the same two things as its source but the other way round."""
    stated = comparisons(source)
    flags = []
    for subject, reference, shown in comparisons(claim):
        if any(reference == s_reference for _, s_reference, _ in stated):
            continue
        for s_subject, s_reference, s_shown in stated:
            if reference in s_subject and s_reference in subject:
                flags.append(f"comparison reversed: {shown} and {s_shown} swapped")
                break
    return flags
