"""The lay glossary: medical terms, their everyday words and short definitions, found in text.

One data file (``data/lay_glossary.yaml``, written by the Medora team) serves two readers: a student gets the
definition (``means``) of a term or abbreviation on its first use; a patient gets the term replaced by its everyday
words (``lay``) where the glossary has a drop-in replacement, and explained where it has only a definition.
Replacement is a pure function of the text, so the faithfulness check can read a passage through the same glossary
and still catch every change the glossary does not account for."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from medora.yaml_text import load_yaml


@dataclass(frozen=True)
class Entry:
    """A term with its other spellings, abbreviations, everyday replacement (optional) and definition."""

    term: str
    forms: tuple[str, ...]
    abbreviations: tuple[str, ...]
    lay: str | None
    means: str
    lay_plural: str | None = None
    modifier: bool = False
    plain: bool = False


@dataclass(frozen=True)
class Found:
    entry: Entry
    start: int
    end: int
    surface: str

    @property
    def is_abbreviation(self) -> bool:
        return self.surface in self.entry.abbreviations

    @property
    def lay(self) -> str | None:
        """The everyday words for this use: a plural form takes ``lay_plural`` and, without one, keeps the term."""
        term, surface = self.entry.term.lower(), self.surface.lower()
        if surface != term and surface.endswith("s") and not term.endswith("s"):
            return self.entry.lay_plural
        return self.entry.lay


@lru_cache(maxsize=1)
def load_glossary() -> tuple[Entry, ...]:
    """The lay glossary, then the plain words (``data/plain_words.yaml``); a term in both keeps its glossary entry."""
    terms = tuple(_entry(item) for item in _yaml("lay_glossary.yaml"))
    return terms + plain_words()


def plain_words() -> tuple[Entry, ...]:
    """'long word: plain word' pairs as entries replaced wherever they stand and never defined."""
    return tuple(
        Entry(term=str(word), forms=(str(word),), abbreviations=(), lay=str(plain), means=str(plain), modifier=True,
              plain=True)
        for word, plain in _yaml("plain_words.yaml").items()
    )


def _yaml(name: str):
    text = resources.files("medora.readers").joinpath(f"data/{name}").read_text(encoding="utf-8")
    return load_yaml(text)


def _entry(item: dict) -> Entry:
    term = str(item["term"])
    return Entry(
        term=term,
        forms=tuple(dict.fromkeys([term, *map(str, item.get("also") or [])])),
        abbreviations=tuple(map(str, item.get("abbr") or [])),
        lay=item.get("lay"),
        means=str(item["means"]),
        lay_plural=item.get("lay_plural"),
        modifier=bool(item.get("modifier")),
        plain=bool(item.get("plain")),
    )


@lru_cache(maxsize=1)
def _matcher() -> tuple[re.Pattern[str], dict[str, Entry], dict[str, Entry]]:
    """One pattern for every form (longest first, so 'acute kidney injury' wins over 'injury'): words in any case,
    abbreviations exactly as written ('PE' is not 'pe')."""
    by_form: dict[str, Entry] = {}
    by_abbreviation: dict[str, Entry] = {}
    for entry in load_glossary():
        for form in entry.forms:
            by_form.setdefault(form.lower(), entry)
        for abbreviation in entry.abbreviations:
            by_abbreviation.setdefault(abbreviation, entry)
    alternatives = [(form, f"(?i:{re.escape(form)})") for form in by_form]
    alternatives += [(abbreviation, re.escape(abbreviation)) for abbreviation in by_abbreviation]
    alternatives.sort(key=lambda item: len(item[0]), reverse=True)
    pattern = re.compile(r"(?<![\w-])(?:" + "|".join(regex for _, regex in alternatives) + r")(?![\w-])")
    return pattern, by_form, by_abbreviation


def find_terms(text: str) -> list[Found]:
    """Every glossary term and abbreviation in ``text``, left to right, without overlaps."""
    pattern, by_form, by_abbreviation = _matcher()
    found = []
    for match in pattern.finditer(text):
        surface = match.group(0)
        entry = by_abbreviation.get(surface) or by_form[surface.lower()]
        found.append(Found(entry, match.start(), match.end(), surface))
    return found


def _abbreviation_after(text: str, end: int, entry: Entry) -> re.Match[str] | None:
    """' (ACS)' right after a term that it abbreviates."""
    match = re.match(r"\s*\(([^()]{1,12})\)", text[end:])
    return match if match and match.group(1) in entry.abbreviations else None


# A noun-phrase replacement goes only where a noun phrase stands: after a function word (or at a clause start) and
# before one (or at a clause end). 'in suspected ACS', 'a PCI centre' or 'the reperfusion strategy' keep the term,
# which is then explained instead: a lay phrase cannot always stand as a modifier.
_BEFORE = frozenset(
    """in of with for to from by on at as about after before without within and or but than if when that is are was
    were be been being has have had not no any all both each every some many most such including like during against
    between via per until while whether because so then also only even usually often may can should must will would
    could might do does did the a an this these those its their your his her our give offer use using treat treats
    prevent prevents reduce reduces cause causes exclude excludes need needs suggest suggests confirm confirms has""".split()
)
_AFTER = frozenset(
    """in of with for to from by on at as about after before without within and or but than if when that which who is
    are was were be been has have had not may can should must will would could might do does did needs need causes
    cause rules follows includes include remains remain occurs occur requires require usually often also alone
    only itself themselves because so while whereas although unless until during plus below above rather over
    despite instead into under between beyond except around through even where always promptly soon less further
    likely unlikely otherwise according urgently substantially immediately indefinitely monthly""".split()
) | frozenset(
    # verbs a term is the subject of, in the third person and the plural
    f"{verb}{ending}"
    for verb in """recommend use persist mean help depend consider recur indicate confirm last warrant relieve establish
    treat combine outweigh improve lower continue seem expand suggest advise show extend remove coexist lead prefer
    exceed fail start raise reduce increase affect develop present respond worsen return resolve settle occur happen
    spread cause prevent protect need make take give let work require include remain rule follow apply carry""".split()
    for ending in ("", "s", "es")
)
_COPULAS = frozenset("is are was were be been being".split())
_QUANTIFIERS = frozenset("most some many".split())  # the term stays (and is explained) rather than lose its 'a'
_DETERMINERS = frozenset("a an the this that these those its their your his her our any each every no most some many such".split())


def _fits(text: str, found: Found) -> bool:
    if found.entry.modifier:
        return True
    before = re.search(r"([\w'-]+)\W*$", text[: found.start])
    gap_before = text[before.end(1) : found.start] if before else ""
    if before and not re.search(r"[.,;:(\[]", gap_before) and before.group(1).lower() not in _BEFORE:
        return False
    after = re.match(r"\W*?([\w'-]+)", text[found.end :])
    gap_after = text[found.end : found.end + after.start(1)] if after else ""
    return not after or bool(re.search(r"[.,;:()\[\]]", gap_after)) or after.group(1).lower() in _AFTER or (
        after.group(1).lower().endswith("ed")
    )


def _breaks_agreement(text: str, found: Found) -> bool:
    """'Organ dysfunction is …' cannot become 'Organ problems is …': a replacement whose head noun is plural, as the
    subject (at most two words into its clause, not after 'of') of a singular verb. 'A CT scan of the lung arteries'
    has a singular head; 'echocardiography showing … dysfunction is' has another subject."""
    head = re.split(r"\s+(?:of|in|with|without|to|from|for|that|which|on|at)\s+", found.lay or "")[0].split()[-1:]
    plural = bool(head) and head[0].endswith("s") and not head[0].endswith(("ss", "us", "is"))
    clause = re.split(r"[.,;:()]", text[: found.start])[-1].split()
    subject = len(clause) <= 2 and not (clause and clause[-1].lower() == "of")
    after = re.match(r"\s+(\w+)", text[found.end :])
    verb = after.group(1).lower() if after else ""
    singular = verb in {"is", "was", "has", "does"} or (
        verb.endswith("s") and verb in _AFTER and verb not in {"as", "always", "less", "unless", "plus", "themselves"}
    )
    return plural and not found.surface.lower().endswith("s") and subject and singular


_ENDS_WITH_A_PHRASE = re.compile(r"\b(?:without|with|through|in|into|of|from|on|for)\s+[\w\s'-]+$")


def _before_a_noun(text: str, found: Found) -> bool:
    """'asymptomatic people' cannot become 'without symptoms people', nor 'intravenous insulin infusion' 'insulin
    through a drip infusion': everyday words ending in a phrase cannot stand before the noun the term described."""
    after = re.match(r" ([a-z][\w-]*)", text[found.end :])
    return bool(
        _ENDS_WITH_A_PHRASE.search(found.lay or "") and after and after.group(1) not in _AFTER
        and not after.group(1).endswith("ed")
    )


def _coordinated(text: str, found: Found) -> bool:
    """'functional or cognitive impairment' shares 'impairment' with 'functional': replacing 'cognitive impairment'
    alone would leave 'functional or problems with memory and thinking'."""
    return " " in found.surface and re.search(
        r"\b\w+(?:al|ic|ive|ous|ary|ed|ful|ing)\s+(?:or|and)\s+$", text[: found.start]
    ) is not None


def _vowel_sound(words: str) -> bool:
    """Whether 'an' goes before ``words``: a vowel letter, except the 'you' sound of 'uric', 'urine', 'usual'."""
    lowered = words.lower()
    return lowered[:1] in "aeio" or lowered.startswith(("un", "up", "ut", "ul"))


def to_lay(text: str) -> str:
    """``text`` with each term that has an everyday replacement replaced where it can stand (capitalised at a
    sentence start, with 'a' or 'an' before it agreeing), and the abbreviation that followed it ('(ACS)') dropped.
    Terms with only a definition, or standing where their replacement would not read, are left as written."""
    out = ""
    cursor = 0
    for found in find_terms(text):
        if found.start < cursor:
            continue
        possessive = text[found.end : found.end + 1] in {"'", "’"}  # "patients' choice" keeps its apostrophe's noun
        # 'COPD Assessment Test', 'Sequential Organ Failure Assessment': a capital mid-sentence marks a name
        before = text[: found.start].rstrip()
        capitalised = found.surface[:1].isupper() and found.surface[1:2].islower()  # 'Assessment', not 'LDL …'
        in_a_name = capitalised and not found.is_abbreviation and found.entry.term[:1].islower() and (
            before[-1:] not in {".", "!", "?", ":", ";", "(", ""}
        )
        if not found.lay or possessive or in_a_name or not _fits(text, found) or _breaks_agreement(text, found) or (
            _coordinated(text, found) or _before_a_noun(text, found)
        ):
            following = _abbreviation_after(text, found.end, found.entry)
            if following:  # 'suspected acute coronary syndrome (ACS)': the abbreviation stays with its term
                out += text[cursor : found.end + following.end()]
                cursor = found.end + following.end()
            continue
        out += text[cursor : found.start]
        lay = found.lay
        previous = re.search(r"(\w+)\s+$", out)
        if previous and previous.group(1).lower() in _QUANTIFIERS and re.match(r"(?:a|an) ", lay):
            out += text[found.start : found.end]  # 'most lumbar radiculopathy': a singular 'a …' cannot follow 'most'
            cursor = found.end
            continue
        if previous and previous.group(1).lower() in _DETERMINERS:
            lay = re.sub(r"^(?:a|an|the) ", "", lay)
        if previous and lay.lower().startswith(previous.group(1).lower() + " "):  # 'with' + 'with a weakened …'
            lay = lay[len(previous.group(1)) + 1 :]
        elif previous and previous.group(1).lower() in _COPULAS and lay.startswith("with "):  # 'are with a …'
            lay = "living " + lay
        if not out.strip() or out.rstrip()[-1] in ".!?:;":
            lay = lay[:1].upper() + lay[1:]
        out = re.sub(r"\b([Aa])n? $", lambda m: m.group(1) + ("n " if _vowel_sound(lay) else " "), out)
        out += lay
        cursor = found.end
        following = _abbreviation_after(text, found.end, found.entry)
        if following:
            cursor += following.end()
    return out + text[cursor:]


def unexplained(text: str, *, have: set[str]) -> list[Entry]:
    """Entries named in ``text`` that are not yet in ``have`` (terms already explained), in order of first use."""
    found: list[Entry] = []
    for item in find_terms(text):
        if item.entry.term not in have and item.entry not in found:
            found.append(item.entry)
    return found
