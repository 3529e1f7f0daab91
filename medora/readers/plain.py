"""Plain-language moves that never add a claim: long sentences split where a clause ends, asides in brackets and
doses taken out.

Each function returns candidate text; the caller checks it against the cited passage (``check_faithful``) before
using it. Splits happen only outside brackets: at a semicolon, at a comma followed by a conjunction that starts a
clause of its own ('…, and X is …', '…, because …'), at ', or' / ', then' / ', and do not' between two instructions
('Add X, or add Y' → 'Add X. Or add Y.'), at ', which' + verb ('…, which improves …' → '… This improves …'), and
before a list introduced by 'such as' ('These include …').
A sentence opening with 'If'/'When'/'Unless' is never split, since its condition governs the whole. Pure functions
over strings."""

from __future__ import annotations

import re

from medora.compose.entities import drugs_in
from medora.sentences import split_sentences

MIN_CLAUSE_WORDS = 4
_CONDITIONAL_OPENING = re.compile(r"^\W*(?:if|when|unless|whether|although|though|while|where|once|until|after|before)\b", re.I)
_CONJUNCTION = re.compile(r",\s+(and|but|so|whereas|while|although|because|or|then)\s+", re.I)
# ', which improves symptoms' describes what came before: 'This improves symptoms' says the same of it
# (a verb in lower case: ', which NASS regards as …' has its own subject and is no 'This …' sentence)
_WHICH = re.compile(r",\s+which\s+(?=(?:is|are|was|were|has|have|can|may|might|should|does|did|also|often|usually|"
                    r"(?-i:[a-z]+s))\b)", re.I)
_BARE_BECAUSE = re.compile(r"(?<=\w)\s+because\s+(?!of\b)", re.I)  # '…review because tendon transfer helps …'
# '…can add information but a normal result does not …': 'but' before a clause with its own subject
_BARE_BUT = re.compile(r"(?<=\w)\s+but\s+(?=(?:a|an|the|this|these|it|they|there|its|their|most|some|many)\b)", re.I)
_SUCH_AS = re.compile(r",?\s+such as\s+|,\s+including\s+", re.I)
# 'the signs are: …' leaves no sentence before the colon; 'all eight criteria are met: …' does
_OPEN_BEFORE_COLON = re.compile(r"is|are|was|were|be|include|includes|including|of|with|for|to|as|and|or|the|a|an|by|"
                                r"in|on|at|from|like|namely|both|either|than")
_COLON_LIST = re.compile(r":\s+(?=[^:;]*,)")  # 'criteria are met: age under 50, heart rate …' (a list follows)
# A clause of its own has a finite verb near its start: an auxiliary or modal, or a common clinical verb.
_FINITE = re.compile(
    r"\b(?:is|are|was|were|has|have|had|does|do|did|can|could|should|would|may|might|must|will|shall|needs?|"
    r"remains?|helps?|reduces?|increases?|lowers?|raises?|causes?|improves?|prevents?|suggests?|recommends?|"
    r"advises?|includes?|depends?|works?|occurs?|requires?|carries|carry|means?|shows?|gives?|makes?|takes?|"
    r"follows?|starts?|stops?|affects?|lasts?|refer|give|offer|start|stop|check|consider|use|avoid|review|repeat|"
    r"arrange|measure|treat|assess|advise|add|obtain|record|fit|continue|seek|take|test|ask|tell|keep|switch|"
    r"monitor|discuss|explain|reassess|confirm|document|teach|encourage|support|provide|prescribe|examine|involve|"
    r"diagnose|aim|try|guide|increase|look|screen|exclude|admit|transfer|inform|escalate|restart|send|get|think|"
    r"drain|choose|image|book|plan|grade|remove|watch|limit|it|they|this|"
    r"these|there)\b",
    re.I,
)
_DOSE_NUMBER = r"\d+(?:[.,]\d+)?(?:/\d+(?:[.,]\d+)?)?(?:\s*(?:-|–|to|or)\s*\d+(?:[.,]\d+)?)?"
_DOSE_UNIT = (
    r"(?:mg|milligrams?|g|grams?|mcg|micrograms?|µg|μg|ug|ng|nanograms?|units?|IU|international units|mL|ml|"
    r"millilitres?|milliliters?|mmol)"
)
# a ratio or a concentration ('5.5 mmol/L', '30 mL/min', '200 mg/g', '3 mg/mmol') measures, it is not given
_NOT_A_DOSE_AFTER = (
    r"(?!\s*/\s*(?:l|L|dl|dL|min|ml|mL|mol|mmol|h\b|g\b)|\s+per\s+(?:litre|liter|minute))"
    r"(?!\s+(?:[a-z]+\s+){0,3}(?:test|load)\b)"  # 'a 75 g oral glucose tolerance test' names a test, not a dose
)
_PER = r"(?:\s*/\s*(?:kg|day|d|dose|hour|h|m2|m²|week|wk)\b|\s+per\s+(?:kg|day|dose|hour|week)\b)*"
_FREQUENCY = (
    r"(?:\s+(?:once|twice|three times|four times|two times)\s+(?:a\s+)?(?:daily|day|weekly|week)|\s+daily|"
    r"\s+(?:a|each|every|per)\s+day|\s+weekly|\s+at night|\s+(?:orally|intramuscularly|intravenously|"
    r"subcutaneously|by mouth(?!\s+or\b)|IM|IV|SC|PO)\b|\s+every\s+\d+\s*(?:-|–|to)?\s*\d*\s*hours?)*"
)
_ONE_AMOUNT = rf"\b{_DOSE_NUMBER}\s*{_DOSE_UNIT}\b{_NOT_A_DOSE_AFTER}{_PER}"
# '500 mg to 1 g', '200 mg on day 1 then 100 mg': one regimen, taken out whole
_AMOUNT = (
    rf"{_ONE_AMOUNT}(?:\s*(?:-|–|to|or)\s*{_ONE_AMOUNT})?{_FREQUENCY}"
    rf"(?:(?:\s+(?:on day \d+|initially|at first))?,?\s+(?:then|followed by|or)\s+{_ONE_AMOUNT}{_FREQUENCY})*"
    r"(?:\s+as a single dose)?"
)
_DOSE = re.compile(
    # 'at a dose of 5 mg' goes whole; 'a loading dose of 300 mg' loses 'of 300 mg'; 'up to 4 g daily' goes whole
    rf"\b(?:at|in|with)\s+an?\s+(?:\w+\s+)?dose\s+of\s+{_AMOUNT}|(?<=dose)\s+of\s+{_AMOUNT}"
    # 'an infusion of 0.1 units/kg/hour' loses 'of …'; '30 mL/kg of crystalloid' loses '… of'
    rf"|\bof\s+{_AMOUNT}(?=\s*(?:[,.;)]|$)|\s+(?:based|for|over|in|when|if|until|and|as)\b)"
    rf"|(?:\b(?:up to|to a maximum of|a maximum of|maximum|starting at|at least|at|to)\s+)?{_AMOUNT}(?:\s+of\b)?",
    re.I,
)
# an amount after these is a threshold or a size ('a prostate larger than 30 g', 'sodium below 2 g a day'), not a
# dose to give
_THRESHOLD_BEFORE = re.compile(
    r"(?:\b(?:below|above|under|over|less than|more than|larger than|smaller than|greater than|reaches|intake(?: of)?|output"
    r"(?: of| below| above)?)\s*)$",
    re.I,
)


def _doses(text: str) -> list[re.Match[str]]:
    """The amounts given, not those a condition is measured by ('when norepinephrine of 0.25 µg/kg/min or more has
    been needed', 'when the dose reaches 0.5 µg/kg/min')."""
    return [
        m for m in _DOSE.finditer(text)
        if not _THRESHOLD_BEFORE.search(text[: m.start()]) and not _THRESHOLD_AFTER.match(text[m.end() :])
    ]


_CONDITION_SEGMENT = re.compile(r"^\W*(?:if|unless|when|only|except|provided|but not|not)\b", re.I)


def split_long(sentence: str, *, max_words: int = 10) -> list[str]:
    """The sentence as shorter sentences, split at safe clause boundaries while it is longer than ``max_words``."""
    if len(sentence.split()) <= max_words or _CONDITIONAL_OPENING.match(sentence):
        return [sentence]
    for cut_start, cut_end, keep in _boundaries(sentence):
        left, right = sentence[:cut_start].rstrip(" ,;"), sentence[cut_end:].strip()
        if len(left.split()) < MIN_CLAUSE_WORDS or len(right.split()) < MIN_CLAUSE_WORDS:
            continue
        right = (keep + " " + right if keep else right[:1].upper() + right[1:])
        return split_long(_end(left), max_words=max_words) + split_long(right, max_words=max_words)
    return [sentence]


def _boundaries(sentence: str) -> list[tuple[int, int, str]]:
    """(cut start, cut end, words to open the next sentence with) for each safe boundary outside brackets."""
    found = []
    for match in re.finditer(r";\s+", sentence):
        if _depth(sentence, match.start()) == 0:
            found.append((match.start(), match.end(), ""))
    for match in _CONJUNCTION.finditer(sentence):
        rest = sentence[match.end() :]
        subordinate = match.group(1).lower() == "because"  # 'because' always brings its own subject
        # 'whereas' and 'while' join two findings, whose second subject can run long ('three or four positive
        # cluster items substantially raise …'): its verb is looked for further on
        reach = 9 if match.group(1).lower() in {"whereas", "while"} else 6
        if match.group(1).lower() in {"and", "or"} and _ends_a_list(sentence[: match.start()]) and not _OWN_SUBJECT.match(
            rest
        ):
            continue
        if match.group(1).lower() == "and" and _depth(sentence, match.start()) == 0 and _shares_subject(rest):
            body = _BODY_SAYS.match(sentence)
            verb_list = re.search(r",\s+[a-z]+s\b", sentence[body.end() : match.start()]) if body else None
            if body and re.match(r"[a-z]+s\b", rest) and not verb_list:
                found.append((match.start(), match.end(), body.group(1)))  # 'The AAOS … , and supports …'
            continue
        if _depth(sentence, match.start()) or (not subordinate and not _FINITE.search(" ".join(rest.split()[:reach]))) or (
            not subordinate and _shares_subject(rest)
        ):
            continue
        word = match.group(1).lower()
        if word == "because" and _NEGATION.search(sentence[: match.start()]):
            continue  # 'Do not withhold antivirals, because 48 hours have passed' means 'not just because': one claim
        opens_do_not = rest.lower().startswith("do not")
        if (word in {"or", "then"} or opens_do_not) and not _is_instruction(sentence, rest):
            continue  # '…, or more' and '…, then 2 mg' go on with the same clause; only a second instruction stands
        opening = {"but": "But", "although": "But", "so": "So", "because": "This is because", "or": "Or",
                   "then": "Then"}.get(word, "")
        found.append((match.start(), match.end(), opening))
    if _opens_instruction(sentence):
        for match in _AND_INSTRUCTION.finditer(sentence):
            before = sentence[: match.start()]
            # 'Do not crush and chew …': a negation before the bare 'and' may govern both verbs, so no cut
            if _depth(sentence, match.start()) == 0 and match.group(1).lower() in _IMPERATIVE and not _NEGATION.search(
                before
            ):
                found.append((match.start(), match.end() - len(match.group(1)), ""))
    for match in _BARE_BECAUSE.finditer(sentence):
        before, rest = sentence[: match.start()], sentence[match.end() :]
        # 'Do not withhold antivirals because 48 hours have passed' means 'not just because': no cut after a negation;
        # 'Missing cauda equina because …' (a pitfall named by its gerund) has no sentence before the 'because'
        opener = re.match(r"\W*(\w+)", before)
        gerund = opener is not None and opener.group(1).lower().endswith("ing")
        if _depth(sentence, match.start()) == 0 and not _NEGATION.search(before) and not gerund and _FINITE.search(
            " ".join(rest.split()[:8])
        ):
            found.append((match.start(), match.end(), "This is because"))
    for match in _BARE_BUT.finditer(sentence):
        before, rest = sentence[: match.start()], sentence[match.end() :]
        # 'is not A but B' contrasts inside one claim; a second clause needs its own verb
        if _depth(sentence, match.start()) == 0 and not _NEGATION.search(before) and _FINITE.search(
            " ".join(rest.split()[1:6])
        ):
            found.append((match.start(), match.end(), "But"))
    for match in _WHICH.finditer(sentence):
        if _depth(sentence, match.start()) == 0:
            found.append((match.start(), match.end(), _which_names(sentence[: match.start()])))
    for match in _SUCH_AS.finditer(sentence):
        rest = sentence[match.end() :]
        # '…complications such as retention or infection, or when treatment has failed': the sentence goes on
        # after the list, which 'These include …' would swallow
        goes_on = re.search(r",\s+(?:(?:or|and)\s+)?(?:when|if|unless|where|because)\b", rest)
        if _depth(sentence, match.start()) == 0 and not _list_then_verb(rest) and not goes_on:
            found.append((match.start(), match.end(), "These include"))
    for match in _COLON_LIST.finditer(sentence):
        last = re.findall(r"[\w'-]+", sentence[: match.start()])[-1:] or [""]
        rest = sentence[match.end() :]
        # 'Sciatic nerve or lumbosacral plexus: added weakness …' is a label and its signs: 'These are' would say the
        # nerve is the weakness; only a sentence with its own verb before the colon stands alone
        labelled = not _FINITE.search(sentence[: match.start()])
        if _depth(sentence, match.start()) == 0 and not _OPEN_BEFORE_COLON.fullmatch(last[0].lower()) and not (
            _list_then_verb(rest)
        ) and not labelled:
            found.append((match.start(), match.end(), "These are"))
    # the boundary nearest the middle first, so the two halves come out even
    middle = len(sentence) / 2
    return sorted(found, key=lambda item: abs(item[0] - middle))


# '…, and it should …', '…, and a non-fasting sample is …': a clause with its own subject, after a list or not
_OWN_SUBJECT = re.compile(
    r"(?:it|they|this|these|there)\b|(?:a|an|the)\s+(?:[\w-]+\s+){1,3}?(?:is|are|was|were|should|can|may|must|will|has|"
    r"have|does|do)\b",
    re.I,
)


def _which_names(before: str) -> str:
    """What ', which …' speaks of, to open its own sentence: a medicine named just before it ('… more effective than
    levonorgestrel, which is licensed up to 72 hours' → 'Levonorgestrel is licensed …', not 'This is licensed …',
    which would read as the sentence's first medicine), otherwise 'This' for what the clause said."""
    tail = " ".join(before.split()[-3:])
    for surface in drugs_in(tail).values():
        if before.rstrip().endswith(surface):
            return surface[:1].upper() + surface[1:]
    return "This"


def _ends_a_list(before: str) -> bool:
    """'Treat with fluids, an insulin infusion, potassium guided by measurement, and treatment of the cause': two
    or more short items without a verb before the ', and' make it the list's last item, not a new clause."""
    items = [" ".join(item.split()) for item in re.split(r",\s+", before)]
    items = [item for item in items[1:] if _depth(before, before.find(item)) == 0]
    last = items[-2:]
    return len(last) == 2 and all(len(item.split()) <= 8 and not _FINITE.search(item) for item in last)


# a guideline body as the subject ('The AAOS advises …', 'IDSA and SHEA prefer …', 'The ACC/AHA guideline …'):
# named again, it can open the second of its two statements
_BODY_SAYS = re.compile(
    r"^((?:The\s+)?(?:[A-Z][\w/-]*[A-Z][\w/-]*)(?:\s+and\s+[A-Z][\w/-]*[A-Z][\w/-]*)?(?:\s+guidelines?)?)"
    r"\s+(?:strongly\s+|conditionally\s+|also\s+)?[a-z]+s\b"
)


# a verb after the list whose subject the list is ('… such as A, B or C should prompt …', '…: A, B or C point to …')
_VERB_AFTER_LIST = re.compile(
    r"(?<!who )(?<!that )(?<!which )\b(?:is|are|was|were|should|must|may|might|can|could|would|will|need|needs|point|"
    r"points|warrant|warrants|suggest|suggests|prompt|prompts|mean|means|call|calls|make|makes|raise|raises)\b",
    re.IGNORECASE,
)


def _list_then_verb(rest: str) -> bool:
    """Whether the list that opens ``rest`` is the subject of a verb after it: cut before it and no sentence is left."""
    return _VERB_AFTER_LIST.search(rest) is not None


_ASIDE = re.compile(r"\s*\(([^()]*)\)")
_KEEP_ASIDE = re.compile(r"\d|\b(?:not|no|never|without|except|unless|if|only|but|or|and|avoid|should|must|when)\b", re.I)


def without_asides(text: str) -> str:
    """``text`` without short bracketed asides that only name or illustrate ('(tibialis posterior)'): an aside
    holding a number, a negation, a condition or a second clause stays, since taking it out could change the claim."""
    def drop(match: re.Match[str]) -> str:
        inner = match.group(1)
        if _KEEP_ASIDE.search(inner) or len(inner.split()) > 8 or inner.startswith("@"):
            return match.group(0)
        return ""

    return _ASIDE.sub(drop, text)


_STATISTIC = re.compile(
    r"\b(?:a?HR|a?OR|a?RR|IRR|RRR|ARR|NNT|NNH|CI|SMD|WMD|MD|I2|I²)\b|\b[pP]\s*[<=>≤≥]|\bn\s*=|"
    r"\b(?:confidence interval|hazard ratio|odds ratio|relative risk|risk ratio|number needed to)",
)
_CONDITION_WORDS = re.compile(r"\b(?:not|no|never|only|except|unless|if|but|without|among|in those)\b", re.IGNORECASE)
_NUMBER = r"[<>≤≥~]?\s*\d+(?:[.,]\d+)?"
# '(26.5 µmol/L)' after '0.3 mg/dL': the same amount again in another unit of measurement (never a second age,
# time or score: '65 years (75 years)' says something new)
_UNIT = r"(?:mg/dL|mg/dl|mmol/L|mmol/l|µmol/L|μmol/L|umol/L|mmol/mol|g/L|g/dL|mg/L|mmHg|kPa|%|°C|°F|kg|lb|cm|inches)"
_SAME_AMOUNT = re.compile(rf"\s*\(({_NUMBER}(?:\s*(?:to|-|–)\s*{_NUMBER})?\s*({_UNIT}))\)")
_AMOUNT_BEFORE = re.compile(rf"\d\s*({_UNIT})(?:\s+or\s+(?:more|less|above|below|higher|lower))?\s*$")


def without_statistics(text: str) -> str:
    """``text`` without the figures a patient does not need: a bracket holding a statistic ('(HR 0.80, 95% CI
    0.71-0.90)', '[n = 1204]', '(P < 0.001)') or repeating the amount just given in another unit ('0.3 mg/dL
    (26.5 µmol/L)'). Only whole brackets go; no number is changed, and the claim around them is kept as written."""
    def drop_statistic(match: re.Match[str]) -> str:
        inner = match.group(0)
        keep = _CONDITION_WORDS.search(inner)  # '(only in women; HR 0.8)' narrows the claim: it stays
        return "" if re.search(r"\d", inner) and _STATISTIC.search(inner) and not keep else inner

    text = re.sub(r"\s*(?:\([^()]*\)|\[[^\[\]@]*\])", drop_statistic, text)
    out, cursor = "", 0
    for match in _SAME_AMOUNT.finditer(text):
        before = _AMOUNT_BEFORE.search(text[: match.start()])
        if before and before.group(1).lower() != match.group(2).lower():
            out += text[cursor : match.start()]
            cursor = match.end()
    return re.sub(r"\s+([,.;:])", r"\1", out + text[cursor:])


_IMPERATIVE = frozenset(
    """refer give offer start stop check consider use avoid review repeat arrange measure treat assess advise add obtain
    record fit continue seek take test ask tell keep switch monitor discuss explain reassess confirm document teach
    encourage support provide prescribe examine involve diagnose aim try guide increase look screen exclude admit transfer
    inform escalate restart send get think drain choose image book plan grade remove watch limit""".split()
)


# 'Get MRI within days and refer urgently …': a second instruction joined by a bare 'and'; the word after it must
# not make the verb a noun ('and review of …', 'and support from …', 'and test results')
_AND_INSTRUCTION = re.compile(
    r"\s+and\s+([a-z]+)\b(?!\s+(?:of|in|from|and|or|by|is|are|was|were|has|have|on|at|results?|levels?)\b)(?!-)"
)


_NEGATION = re.compile(r"\b(?:not|no|never|avoid|without|neither|nor)\b|n't\b", re.I)


def _opens_instruction(text: str) -> bool:
    words = [w.lower() for w in re.findall(r"[A-Za-z'-]+", text)[:2]]
    return bool(words) and (words[0] in _IMPERATIVE or words[:2] == ["do", "not"])


def _is_instruction(sentence: str, rest: str) -> bool:
    """Both halves are instructions: the sentence opens with one ('Add…', 'Do not…') and so does ``rest``."""
    return _opens_instruction(sentence) and _opens_instruction(rest)


# '…, and it becomes …' names its subject: these open a clause of their own, they do not continue one
_SUBJECT_PRONOUNS = frozenset("it they this these there".split())


def _shares_subject(rest: str) -> bool:
    """'…, and conditionally recommends against…' or '…, and offering it to…' goes on with the same subject: cut
    there and the second half has none. An instruction ('…, and refer…') stands alone."""
    words = [w.lower() for w in re.findall(r"[A-Za-z'-]+", rest)[:2]]
    first = words[1] if words and words[0].endswith("ly") and len(words) > 1 else (words[0] if words else "")
    if first in _IMPERATIVE or first in _SUBJECT_PRONOUNS or [w for w in words[:2]] == ["do", "not"]:
        return False
    if len(words) > 1 and words[1] == "that" and first.endswith("s"):  # '…, and notes that …' reports, same subject
        return True
    if first == "that":  # '… concludes that X, and that Y': a second thing concluded, by the same subject
        return True
    if first.endswith("s") and len(words) > 1 and words[1] in {"for", "on", "to", "with", "against", "up"}:
        return True  # '…, and calls for senior review': a verb and its preposition, the subject said before
    return bool(_FINITE.fullmatch(first)) or first.endswith("ing") or (
        first.endswith("s") and first[:-1] in _IMPERATIVE | {"recommend", "suggest", "advise", "support", "reduce"}
    )


def _depth(text: str, position: int) -> int:
    before = text[:position]
    return before.count("(") - before.count(")") + before.count("[") - before.count("]")


def _end(text: str) -> str:
    text = text.rstrip(" ,;:")
    return text if text.endswith((".", "!", "?")) else text + "."


def states_a_dose(text: str) -> bool:
    """True when ``text`` gives an amount of a medicine ('500 mg', '0.5 mg/kg', '10 units'), not a lab value
    ('5.5 mmol/L', '30 mL/min')."""
    return bool(_doses(text))


def without_doses(sentence: str) -> str | None:
    """The sentence with its doses taken out; None when nothing but the dose would be left; the sentence unchanged
    when the doses cannot be taken out without losing something else.

    Only the amounts go, with their 'at a dose of', 'up to' and frequency words ('fidaxomicin 200 mg twice daily for
    10 days' → 'fidaxomicin for 10 days'), and brackets holding one. A clause after a comma goes whole only when,
    without its amounts, it has nothing left to say ('…, which the ESC sets at 150–300 mg, …') and names no medicine
    the rest of the sentence does not; a dose clause with a condition ('…, unless the dose exceeds 40 mg') cannot be
    taken out."""
    segments = _segments(sentence.rstrip(". "))
    if any(states_a_dose(s) and _CONDITION_SEGMENT.match(s) for s in segments[1:]):
        return None
    kept: list[str] = []
    dropped: list[str] = []
    for index, segment in enumerate(segments):
        if dropped and dropped[-1] is segments[index - 1] and re.match(r"\s*or\b", segment) and not drugs_in(segment):
            dropped.append(segment)  # ', or lower in kidney disease' spoke of the dose just dropped
            continue
        if not states_a_dose(segment):
            kept.append(segment)
            continue
        cut = _without_amounts(segment)
        if cut is not None and (len(_content_words(cut)) >= 2 or drugs_in(cut)):
            kept.append(cut)
        elif index == 0:
            return None  # the main clause was the dose: 'The adult dose of oseltamivir is 75 mg twice daily.'
        else:
            dropped.append(segment)
    rest = ", ".join(segment.strip() for segment in kept)
    if any(name not in drugs_in(rest) for segment in dropped for name in drugs_in(segment)):
        return sentence  # dropping the clause would drop a medicine ('…, or doxycycline 200 mg on day 1 then …')
    text = re.sub(r"\s+([,.;:)])", r"\1", re.sub(r"\s{2,}", " ", rest)).strip(" ,;")
    if states_a_dose(text) or len(text.split()) < MIN_CLAUSE_WORDS:
        return None
    return _end(text)


# a word that cannot stand just before a removed amount: 'is 75 mg …', 'giving 500 mL over …', 'sets at 150 mg'
_NEEDS_AN_AMOUNT = re.compile(
    r"\b(?:is|are|was|were|be|of|with|to|giving|give|gives|add|adding|reaches|reached|using|uses|from|by|than|sets?|"
    r"and|or|then)$",
    re.I,
)
_THRESHOLD_AFTER = re.compile(r"(?:/\w+)*\s*(?:or|and)\s+(?:more|less|higher|lower|above|below|over|under)\b", re.I)
_FUNCTION_WORDS = frozenset(
    """a an the and or of at to in on for with by from which who that is are was were be sets set as then its their
    it this these those each per""".split()
)


def _without_amounts(segment: str) -> str | None:
    """``segment`` without its amounts, or None when a word is left needing one."""
    text = re.sub(r"\s*\([^()]*\)", lambda m: "" if states_a_dose(m.group(0)) else m.group(0), segment)
    out, cursor = "", 0
    for match in _doses(text):
        before = (out + text[cursor : match.start()]).rstrip()
        after = text[match.end() :]
        # 'with 90 mg/kg of amoxicillin', 'an infusion of 30 mL/kg crystalloid': a noun follows, so nothing is missing
        noun_after = match.group(0).endswith(" of") or (
            re.match(r"\s+([a-z][\w-]*)", after) and re.match(r"\s+([a-z][\w-]*)", after).group(1) not in _FUNCTION_WORDS
            and before.endswith(" of")
        )
        if _NEEDS_AN_AMOUNT.search(before) and not noun_after:
            return None
        out, cursor = before + " ", match.end()
    out = re.sub(r"\s{2,}", " ", out + text[cursor:]).strip()
    return None if re.search(r"\b(?:of|at|to|with|and|or|then)\s*$", out) else out


def _content_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z][\w'-]*", text) if w.lower() not in _FUNCTION_WORDS and not w.isupper()]


def _segments(sentence: str) -> list[str]:
    """The sentence cut at commas outside brackets (not the comma of '1,000')."""
    parts, depth, current = [], 0, ""
    for index, char in enumerate(sentence):
        depth += char in "([" and 1 or 0
        depth -= char in ")]" and 1 or 0
        thousands = current[-1:].isdigit() and sentence[index + 1 : index + 2].isdigit()
        if char == "," and depth == 0 and not thousands:
            parts.append(current)
            current = ""
        else:
            current += char
    return [part for part in parts + [current] if part.strip()]


def sentences_of(text: str) -> list[str]:
    return split_sentences(text) or [text]
