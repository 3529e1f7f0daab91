"""Emergencies that put an urgent notice at the top of an article (data/red_flags.yaml).

A flag is raised when the question names the emergency in clinical words ("cauda equina", matched as whole words,
as written) or describes it in everyday ones ("can't feel my bottom and I've wet myself, with back pain"). Being
answered from an emergency's overview is not enough: tried, that raised a notice on every question the library
routes there, calm ones ("an itchy bee sting from last week") and misrouted ones alike.

Everyday patterns are matched on normalised words: Snowball stems, contractions and common text-speak spelled out,
one form of "do", "be" and "have", and pronouns reduced to three words: ``someone`` (I, he, she, they…), ``their``
(my, his, their…) and ``her``, which a pattern's ``someone`` and ``their`` both match; every reflexive is
``oneself``. So "she doesn't want to be here" and "I do not want to be here" are one phrase, while "better off
without someone" is not "better off without his glasses". A phrase's words come in order with at most
``PHRASE_GAP`` other words between two of them ("face has suddenly dropped"), none of them a negation; a phrase
written with a leading ``=`` allows no gap, and a ``,`` in a phrase stands for the end of a clause ("not want to
live ," is not "not want to live in a care home"). A pattern ``"chest & arm|jaw"`` needs every part (``&``), each
part one of its phrases (``|``), at places that do not overlap.

A phrase right after a negation does not count ("no fever, no stiff neck", "denies chest pain"), unless the "not"
is doubt or inability ("I don't know why her face dropped", "she can't get her words out"). A clinical term written
in the past or as something to prevent ("a heart attack five years ago", "lower my chances of a stroke", "history of
anaphylaxis", "a stent after his heart attack", "had a heart attack and is on atorvastatin", but not "since her stroke
this morning") raises nothing, unless the question names it again outside the past ("he had a heart attack last year
and I think he is having one now" names it twice) or says it is happening ("suddenly", "presents with", "suspected").
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from medora.compose.wording import stem
from medora.yaml_text import load_yaml

PHRASE_GAP = 2
SOMEONE, THEIR, HER, ONESELF = "someone", "their", "her", "oneself"
BREAK = ","  # a punctuation mark, and the end of the text
_PERSONS = frozenset("someone i me he him she they them we us you u".split())
_POSSESSIVES = frozenset("their my his your our its ur mine yours theirs ours hers".split())
_REFLEXIVES = frozenset("oneself myself himself herself themselves themself ourselves yourself yourselves".split())
_MATCHES = {SOMEONE: frozenset({SOMEONE, HER}), THEIR: frozenset({THEIR, HER})}  # a pattern word → text words
_UNSTEMMED = frozenset({"balls"})  # "balls" are testicles; "the ball of my foot" is not
_SPELLED_OUT = (  # contractions, text-speak and other ways of writing the same words, before the words are cut
    (re.compile(r"[\u2019\u00b4`]"), "'"),
    (re.compile(r"\bcan'?t\b|\bcannot\b"), "can not"),
    (re.compile(r"\bwon'?t\b"), "will not"),
    (re.compile(r"n't\b"), " not"),
    (re.compile(r"\b(do|does|did|is|was|are|were|could|would|should|have|has|had)nt\b"), r"\1 not"),
    (re.compile(r"\bim\b"), "i am"),
    (re.compile(r"\bive\b"), "i have"),
    (re.compile(r"\bwanna\b"), "want to"),
    (re.compile(r"\bgonna\b"), "going to"),
    (re.compile(r"\bkms\b"), "kill myself"),
    (re.compile(r"\bpregg(?:o|ers|y)\b"), "pregnant"),
    (re.compile(r"\br\b"), "are"),
    (re.compile(r"\bconfused (?:about|by|as to|whether|if)\b"), "unsure about"),
    (re.compile(r"\btemps?\b"), "temperature"),
    (re.compile(r"\b(?:tbh|ngl|lol|honestly)\b"), ""),
    (re.compile(r"'(?:m|re|ve|ll|d|s)\b"), ""),
)
_SAME = {"does": "do", "did": "do", "is": "be", "are": "be", "am": "be", "was": "be", "were": "be", "been": "be",
         "has": "have", "had": "have", "gave": "give", "woke": "wake", "woken": "wake"}
_NEGATORS = frozenset({"no", "not", "without", "deni", "denies", "denied", "nor"})
_DOUBT = frozenset({"know", "sure", "certain", "think", "understand"})
_LIST_JOINS = frozenset({"or", "nor", "and"})  # a negation before a list governs it ("no fever or stiff neck")…
_DENYING = frozenset({"deni", "denies", "denied", "without"})  # …and through "and" only when it denies or lacks
_LIST_REACH = 3
_ABLE = frozenset({"can", "could", "will", "would"})
_FILLER = frozenset({"a", "an", "ani", "any", "have", "has", "had", "be", "is", "are", "do", "does", "get", "someone",
                     "real", "realli", "really", "obvious", "obviously"})
# A clinical term is in the past, or something to prevent, when one of these qualifies it in its clause: a word
# shortly before ("history of anaphylaxis", "previous ectopic", "prior stroke", "prevent a heart attack", "lower my
# chances of a stroke") or a time of days or more shortly after ("a heart attack five years ago", "a stroke last year",
# "as a child"; not "a stroke 20 minutes ago"). It is about now whatever else is said when a word of _NOW stands
# outside the term ("suspected meningitis in an adult with prior neurosurgery"; not the "acute" of "previous acute
# coronary syndrome"), or a word of _LATER follows it with more to say ("anaphylaxis as a child and is now wheezing";
# not "a stroke five years ago, can she drive now?").
_BEFORE_PAST = frozenset({"history", "hx", "previous", "previously", "prior", "prevent", "prevents", "preventing",
                          "prevention", "vaccine", "vaccines", "vaccination", "vaccinated", "immunisation",
                          "immunization"})
_ODDS = frozenset({"chance", "chances"})  # not now only when lowered ("lower my chances of"; "any chance it's sepsis?")
_RISK = frozenset({"risk", "risks"})  # not now ("the risk of sepsis after surgery") unless "at (high) risk of suicide"
_LOWERING = frozenset({"lower", "lowering", "reduce", "reducing", "cut", "cutting", "decrease", "minimise", "minimize"})
_NOW = frozenset({"suddenly", "sudden", "presents", "presenting", "presented", "suspected", "acute", "acutely",
                  "again"})
_LATER = frozenset({"now", "today", "tonight", "currently"})
_LONG_AGO = re.compile(
    r"\b(?:days?|weeks?|months?|years?|decades?) ago\b|\blast (?:week|year|month)\b"
    r"|\bas a (?:child|kid|baby|teenager)\b|\bin (?:19|20)\d\d\b"
    # a month named (session 38: "had a heart attack in march, can i go back to the gym yet?" raised the coronary
    # notice)
    r"|\b(?:in|last|since) (?:january|february|march|april|may|june|july|august|september|october|november|december)\b"
    # …or the year written after it, as a note's past history dates it (session 68: "PMH: NSTEMI 2021 (PCI to LAD)"
    # raised the coronary notice over a diabetes review)
    r"|^(?:19[5-9]\d|20[0-4]\d)\b"
)
_CLAUSE_ENDS = frozenset({BREAK, "and", "but", "so", "then"})
# An event named as the time since which, or after which, something is so is over: "a stent after his heart attack",
# "on a statin since my heart attack", "3 months after an NSTEMI", "immobile after a stroke"; up to one word may
# qualify it ("after a minor stroke") beside a determiner
_SINCE_THE_EVENT = frozenset({"after", "since", "following"})
_DETERMINERS = frozenset({"a", "an", "the", "his", "her", "my", "their", "your", "our", "its"})
# …unless it was hours ago ("confused since her stroke this morning")
_RECENT = re.compile(
    r"^(?:this (?:morning|afternoon|evening)|today|tonight|last night|yesterday|earlier|"
    r"(?:an?|\d+|one|two|few) (?:minutes?|hours?|hrs?) ago)\b"
)
# An event someone "had" is over when the question tells of the treatment they are on since: "my husband had a heart
# attack and is on atorvastatin 80", "had a heart attack and they put me on ticagrelor", "...should I keep taking
# metformin?"; not "my dad had a heart attack, he's sweating and grey" (contractions are cut: "he's on" reads "he on")
_HAD = frozenset({"had"})
_UNSURE = frozenset({"just", "think", "thinks", "maybe", "might", "may", "could", "possibly", "probably", "if",
                     "whether"})
_ON_TREATMENT = re.compile(
    r"\b(?:i|he|she|they|we|you|is|am|are|be|been|was|were|now|still|stay|staying) on\b"
    r"|\b(?:put|started|start|kept|keep) (?:\w+ )?on\b|\bprescribed\b"
    r"|\b(?:keep|keeps|still|carry on|continue|stop|stopping|come off) taking\b"
)
# …or asks how life goes on after it: "my dad had a stroke, can he still take his viagra?", "my mum had a stroke, is
# she allowed to drive?", "my dad had a heart attack, can he fly?" (session 39); never "can I give him …", which may
# be asked in the emergency
_LIFE_AFTER = re.compile(
    r"\b(?:can|could|may|should) (?:i|he|she|they|we|you) (?:still )?"
    r"(?:take|fly|drive|drink|travel|exercise|swim|work|go back)\b"
    r"|\b(?:is|am|are) (?:i|he|she|they|we|you) (?:still )?allowed\b|\bstill take\b"
)
_PAST_REACH = 4  # words before a term a past word qualifies it from; a time after it may be a few words further
_TIME_REACH = 6


@dataclass(frozen=True)
class RedFlag:
    name: str
    terms: tuple[str, ...]  # clinical words, matched in the question and in on-topic evidence
    notice: str
    everyday: tuple[str, ...] = ()  # everyday patterns, matched in the question only
    overview: str | None = None  # the library overview on this emergency: first further reading when unanswered
    not_when: tuple[str, ...] = ()  # phrases that make its words something else ("heat stroke", "when I cough"),
    # matched on stems without gaps; "=" before one matches the words as written, "re:" a regular expression
    lasting: bool = False  # its danger outlasts the event: "in ED after an overdose" is a danger today
    assessed_in: tuple[str, ...] = ()  # library overviews on assessing the complaint it presents with: they may
    # answer an account of it as well as its own overview (chest pain evaluation for a suspected heart attack)


# a question on what an emergency is, how it differs from another, what causes or signals it: knowledge asked of no
# one, not an emergency now ("What's the difference between a TIA and a stroke?", "What are the warning signs of a
# stroke?", "What is sepsis?"); on the text as spelled_out writes it ("what's" → "what")
_IN_GENERAL = re.compile(
    r"^(?:(?:so|and|ok|okay|please),?\s+)?(?:"
    r"what(?: is| are)?\s+(?:the\s+)?(?:(?:main|common|commonest|usual|early|earliest|first|warning|typical|key|"
    r"classic)\s+)*(?:differences?|signs?|symptoms?|causes?|risk factors?|types?|definition|meaning)\b"
    r"|what\s+(?:causes|is meant by)\b"
    r"|how\s+(?:common\s+(?:is|are)|(?:is|are)\s+an?\s+[\w-]+\s+different|do(?:es)?\s+[\w\s-]+\s+differ)\b"
    r"|what(?: is| are)?\s+(?:(?:a|an)\s+)?[\w-]+(?:\s+[\w-]+){0,2}\s*\??$)"
)

_TOLD_NOW = _NOW - {"acute", "acutely", "suspected"}  # words of an emergency's name ("acute coronary syndrome")


def asks_in_general(question: str) -> bool:
    """Whether the question asks about an emergency in general (``_IN_GENERAL``): no one is described in it (no
    person, no age, nothing said to happen now), so naming the emergency raises no notice, unless its danger lasts
    (a question on suicide keeps its notice)."""
    text = spelled_out(question).strip()
    words = set(raw_words(question))
    return bool(_IN_GENERAL.match(text)) and not (
        words & (_PERSONS | _POSSESSIVES | _REFLEXIVES | _LATER | _TOLD_NOW) or re.search(r"\d", text)
    )


def spelled_out(text: str) -> str:
    """The text lower-cased with its contractions and text-speak written out ("what's" → what, "can't" → can not)."""
    lowered = text.lower()
    for pattern, replacement in _SPELLED_OUT:
        lowered = pattern.sub(replacement, lowered)
    return lowered


def raw_words(text: str) -> list[str]:
    """The text's lower-cased words as written (contractions spelled out), a BREAK for each punctuation mark and at
    the end: what clinical terms are matched on."""
    return [BREAK if word in ",.:?!;" else word for word in re.findall(r"[a-z0-9]+|[,.:?!;]", spelled_out(text))] + [
        BREAK
    ]


def normalised(text: str) -> list[str]:
    """The words as everyday patterns compare them: stems, one form of "do", "be" and "have", pronouns reduced to
    three words and reflexives to one (the module's docstring)."""
    words: list[str] = []
    for word in raw_words(text):
        if word in _PERSONS:
            words.append(SOMEONE)
        elif word in _POSSESSIVES:
            words.append(THEIR)
        elif word in _REFLEXIVES:
            words.append(ONESELF)
        elif word == BREAK or word in _UNSTEMMED:
            words.append(word)
        else:
            words.append(_SAME.get(word) or stem(word))
    return words


@dataclass(frozen=True)
class Phrase:
    words: tuple[str, ...]
    gap: int


@lru_cache(maxsize=8192)
def _phrase(text: str, *, raw: bool = False) -> Phrase:
    exact = raw or text.startswith("=")
    words = raw_words(text.lstrip("="))[:-1] if raw else normalised(text.lstrip("="))[:-1]  # not the end's BREAK
    if text.rstrip().endswith(","):
        words = [*words, BREAK] if words[-1:] != [BREAK] else words
    return Phrase(tuple(words), 0 if exact else PHRASE_GAP)


def _same(pattern_word: str, word: str) -> bool:
    return word in _MATCHES.get(pattern_word, (pattern_word,))


def _denied(words: list[str], start: int) -> bool:
    """Whether a negation governs the words from ``start`` on: it stands before them with only filler between, or
    before a short list they end ("no fever or stiff neck"; "denies chest pain and shortness of breath")."""
    back = start - 1
    while back >= 0 and words[back] in _FILLER:
        back -= 1
    if back >= 0 and words[back] in _LIST_JOINS:
        joined = words[back]
        for earlier in range(back - 1, max(back - 1 - _LIST_REACH, -1), -1):
            if words[earlier] in _NEGATORS:
                return joined in ("or", "nor") or words[earlier] in _DENYING
            if words[earlier] == BREAK:
                break
        return False
    if back < 0 or words[back] not in _NEGATORS:
        return False
    if words[back] == "not" and back and words[back - 1] in _ABLE:  # "can't get her words out" is a finding
        return False
    return not (words[back] == "not" and back + 1 < len(words) and words[back + 1] in _DOUBT)


def places(words: list[str], phrase: Phrase) -> list[tuple[int, ...]]:
    """Every place the phrase occurs, not denied, as the positions of its words: in order, at most ``phrase.gap``
    other words between two of them, none of those a negation (or a clause's end)."""
    if not phrase.words:
        return []
    found = []

    def extend(taken: tuple[int, ...]) -> tuple[int, ...] | None:
        if len(taken) == len(phrase.words):
            return taken
        for position in range(taken[-1] + 1, min(taken[-1] + 2 + phrase.gap, len(words))):
            if _same(phrase.words[len(taken)], words[position]):
                whole = extend((*taken, position))
                if whole is not None:
                    return whole
            if words[position] in _NEGATORS or words[position] == BREAK:
                return None
        return None

    for start, word in enumerate(words):
        if _same(phrase.words[0], word) and not _denied(words, start):
            whole = extend((start,))
            if whole is not None:
                found.append(whole)
    return found


def _parts(pattern: str) -> tuple[tuple[Phrase, ...], ...]:
    return tuple(tuple(_phrase(option.strip()) for option in part.split("|")) for part in pattern.split("&"))


def matches(pattern: str, segments: list[list[str]]) -> bool:
    """Whether every part of the pattern has one of its phrases in the text's segments, no word standing for two
    parts."""
    per_part = []
    for options in _parts(pattern):
        found = {
            (segment, place) for phrase in options for segment, words in enumerate(segments)
            for place in places(words, phrase)
        }
        if not found:
            return False
        per_part.append(sorted(found))
    return _apart(per_part, [])


def _apart(per_part: list[list[tuple[int, tuple[int, ...]]]], chosen: list[tuple[int, tuple[int, ...]]]) -> bool:
    """Whether one place per part can be chosen, no two sharing a word."""
    if len(chosen) == len(per_part):
        return True
    for segment, words in per_part[len(chosen)]:
        if all(other != segment or not set(words) & set(taken) for other, taken in chosen):
            if _apart(per_part, [*chosen, (segment, words)]):
                return True
    return False


@lru_cache(maxsize=1)
def load_red_flags() -> tuple[RedFlag, ...]:
    text = resources.files("medora.compose").joinpath("data/red_flags.yaml").read_text(encoding="utf-8")
    return tuple(
        RedFlag(
            item["name"],
            tuple(term.lower() for term in item["terms"]),
            item["notice"],
            tuple(item.get("everyday", ())),
            item.get("overview"),
            tuple(phrase.lower() for phrase in item.get("not_when", ())),
            bool(item.get("lasting", False)),
            tuple(item.get("assessed_in", ())),
        )
        for item in load_yaml(text)
    )


def assessing_overviews(emergencies: tuple[str, ...]) -> frozenset[str]:
    """The library overviews on assessing the complaints these emergencies (their overviews' ids) present with
    (``RedFlag.assessed_in``)."""
    return frozenset(
        topic for flag in load_red_flags() if flag.overview in emergencies for topic in flag.assessed_in
    )


def _elsewhere(flag: RedFlag, question: str, words: list[str], stems: list[str]) -> bool:
    """Whether one of the flag's ``not_when`` phrases makes the question's words mean something else (``words`` and
    ``stems``: the question's raw and normalised words)."""
    return any(
        re.search(phrase[3:], question.lower()) if phrase.startswith("re:")
        else places(words, _phrase(phrase[1:], raw=True)) if phrase.startswith("=")
        else places(stems, Phrase(_phrase(phrase).words, 0))
        for phrase in flag.not_when
    )


def _term_places(flag: RedFlag, words: list[str]) -> list[tuple[int, ...]]:
    """Where the flag's clinical terms stand in the words, as written, not denied, and not inside one of its
    ``not_when`` phrases ("heat stroke" in evidence)."""
    other = {
        at for phrase in flag.not_when if not phrase.startswith("re:")
        for place in places(words, _phrase(phrase.lstrip("="), raw=True)) for at in place
    }
    return [
        place for term in flag.terms for place in places(words, _phrase(term, raw=True)) if not other & set(place)
    ]


def evidence_flags(text: str) -> list[RedFlag]:
    """Flags whose clinical terms the (evidence) text names, as whole words, not denied."""
    words = raw_words(text)
    return [flag for flag in load_red_flags() if _term_places(flag, words)]


@dataclass(frozen=True)
class QuestionFlags:
    """The emergencies a question raises (``raised``), and of those the ones it describes in everyday words
    (``described``: its everyday patterns matched) rather than names, and whether it asks of no one
    (``in_general``, ``asks_in_general``)."""

    raised: list[RedFlag]
    described: list[RedFlag]
    in_general: bool = False


def question_flags(question: str, meanings: list[tuple[str, tuple[str, ...]]] = ()) -> QuestionFlags:
    """Flags the question raises: an everyday pattern it matches, or a clinical term it names, itself or through the
    medical words of one of its lay phrases (``meanings``: lay phrase → medical words), that is not in the past or
    something to prevent."""
    words, stems = raw_words(question), normalised(question)
    standing = _standing(stems, meanings)
    segments = [stems, *(normalised(medical) for medical, _ in standing)]
    medical_words = [(raw_words(medical), where) for medical, where in standing]
    raised, described = [], []
    general = asks_in_general(question)
    for flag in load_red_flags():
        if _elsewhere(flag, question, words, stems):
            continue
        if any(matches(pattern, segments) for pattern in flag.everyday):
            raised.append(flag)
            described.append(flag)
            continue
        named = [] if general and not flag.lasting else _named_places(flag, words, medical_words)
        if named and any(not _in_the_past(words, place, lasting=flag.lasting) for place in named):
            raised.append(flag)
    return QuestionFlags(raised, described, general)


def _standing(stems: list[str], meanings: Sequence[tuple[str, tuple[str, ...]]]) -> list[tuple[str, list]]:
    """The medical words of each lay phrase with the places it stands in the question as written (stems and words
    are one to one), not denied."""
    return [(" ".join(medical), found) for lay, medical in meanings if (found := places(stems, _phrase("=" + lay)))]


def _named_places(flag: RedFlag, words: list[str], medical_words: list[tuple[list[str], list]]) -> list:
    """Where the question names the flag's clinical terms: itself, or by a lay phrase whose medical words do ("a
    heart attack": myocardial infarction)."""
    named = _term_places(flag, words)
    for medical, where in medical_words:
        if _term_places(flag, medical):
            named += where
    return named


def _in_the_past(words: list[str], place: tuple[int, ...], *, lasting: bool = False) -> bool:
    """Whether the words at ``place`` are qualified, in their clause, as past or as something to prevent, and
    nothing says it is happening now. An event something has followed (``_since_the_event``) is past unless its
    danger lasts (``lasting``)."""
    start, end = place[0], place[-1]
    if _happening(words, place):
        return False
    if not lasting and (_since_the_event(words, start) or _treated_since(words, start)) and not _RECENT.search(
        " ".join(words[end + 1 : end + 4])
    ):
        return True
    for back in range(start - 1, max(start - 1 - _PAST_REACH, -1), -1):
        word = words[back]
        if word in _CLAUSE_ENDS:
            break
        if word in _BEFORE_PAST and not (word == "prior" and words[back + 1] == "to"):
            return True
        if word in _ODDS and _LOWERING & set(words[max(back - 3, 0) : back]):
            return True
        if word in _RISK and not {"at", "high", "higher", "increased"} & set(words[max(back - 2, 0) : back]):
            return True
    ahead = words[end + 1 : end + 1 + _TIME_REACH]
    clause = " ".join(ahead[: next((i for i, word in enumerate(ahead) if word in _CLAUSE_ENDS), len(ahead))])
    prevented = re.match(r"(?:\w+ )?(?:prevention|prophylaxis|vaccines?|vaccination|jabs?)\b", clause)
    return bool(_LONG_AGO.search(clause) or prevented)  # "a stroke five years ago", "the meningitis B vaccine"


def _since_the_event(words: list[str], start: int, markers: frozenset[str] = _SINCE_THE_EVENT) -> bool:
    """Whether the term starting at ``start`` follows "after", "since" or "following" (or another of ``markers``),
    with a determiner and at most one other word between (``_SINCE_THE_EVENT``)."""
    between = 0
    for back in range(start - 1, max(start - 4, -1), -1):
        word = words[back]
        if word in markers:
            return True
        if word == BREAK or word not in _DETERMINERS and (between := between + 1) > 1:
            return False
    return False


def _treated_since(words: list[str], start: int) -> bool:
    """Whether the term starting at ``start`` is an event someone "had" (a determiner and at most one other word
    between) and the question tells of the treatment they are on since (``_ON_TREATMENT``) or asks how life goes on
    after it (``_LIFE_AFTER``); never one someone only
    thinks was had, or had just ("I think I had a heart attack", "has just had a stroke")."""
    text = " ".join(words)
    if not _since_the_event(words, start, _HAD) or not (_ON_TREATMENT.search(text) or _LIFE_AFTER.search(text)):
        return False
    had = max(at for at in range(max(start - 3, 0), start) if words[at] in _HAD)
    return not _UNSURE & set(words[max(had - 3, 0) : had])


# "…six weeks ago, when is it safe to have sex again?", "how long before we try again for a baby?": an "again" in a
# clause asking to do something is the activity's, not the emergency's; not "can" ("…and can't move her arm again")
_ASKS_TO_DO = frozenset({"when", "safe", "allowed", "ok", "okay", "long", "wait", "try"})


def _asks_to_do_again(words: list[str], at: int) -> bool:
    """Whether the "again" at ``at`` ends a clause asking whether or when to do something ("when can I drive
    again?", "is it safe to fly again?")."""
    before = words[:at]
    clause = before[len(before) - next((i for i, word in enumerate(reversed(before)) if word == BREAK), len(before)):]
    return bool(_ASKS_TO_DO & set(clause))


def _happening(words: list[str], place: tuple[int, ...]) -> bool:
    """Whether the question says the emergency is happening: a word of _NOW outside the term (never the "again" of
    an activity asked about, ``_asks_to_do_again``), or of _LATER after it with more to say."""
    if any(
        word in _NOW and at not in place and not (word == "again" and _asks_to_do_again(words, at))
        for at, word in enumerate(words)
    ):
        return True
    return any(
        word in _LATER and at + 1 < len(words) and words[at + 1] != BREAK
        for at, word in enumerate(words) if at > place[-1]
    )


def only_in_the_past(question: str, meanings: Sequence[tuple[str, tuple[str, ...]]] = ()) -> bool:
    """Whether the question speaks of the past or of prevention and not of now: the evidence's emergencies are not
    raised for it ("Should I take aspirin every day to prevent a heart attack?", "…a stent after his heart attack";
    ``meanings`` as for ``question_flags``)."""
    words = raw_words(question)
    medical_words = [(raw_words(medical), where) for medical, where in _standing(normalised(question), meanings)]
    places_of = [  # its terms, and its name, which raises nothing from the question but may from the evidence:
        # "is it safe to fly after a pulmonary embolism?" is no suspected massive one (session 36)
        (flag, place) for flag in load_red_flags()
        for place in _named_places(flag, words, medical_words) + places(words, _phrase(flag.name, raw=True))
    ]
    terms = tuple(at for _, place in places_of for at in place)
    if _happening(words, (*terms, -1)):
        return False
    return any(
        _in_the_past(words, (at,)) for at in range(len(words))
        if not _since_the_event(words, at) and not _treated_since(words, at)
    ) or any(
        _in_the_past(words, place, lasting=flag.lasting) for flag, place in places_of
    )


def flags_in(notice: str | None) -> list[RedFlag]:
    """The flags an article's urgent notice speaks for (each flag's notice is a sentence of it)."""
    return [flag for flag in load_red_flags() if notice and flag.notice in notice]
