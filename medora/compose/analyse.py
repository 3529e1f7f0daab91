"""Question analysis: what sort of question it is, what it names, and whether it points at an emergency."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from medora.compose.red_flags import RedFlag, only_in_the_past, question_flags

QUESTION_TYPES = (
    "management",
    "diagnosis",
    "drug_dose",
    "prognosis",
    "aetiology",
    "comparison",
    "yes_no",
    "overview",
)

# The labelling rules behind these patterns are in bench/README.md ("Question types"); bench/question_types.py measures
# them. Order matters: a dose question stays a dose question whatever its grammar; named options weighed against each
# other make a comparison even in a closed question; other closed questions are yes/no; open questions go by topic.


def _words(*alternatives: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(alternatives) + r")\b", re.I)


_AUXILIARY = r"(?:is|are|am|was|were|does|do|did|can|could|should|would|will|may|might|must|has|have|had)(?:n'?t|'t)?"
_QUESTION_WORD = r"(?:what|whats|what's|how|which|when|why|who|where|whom|whose)"
_FILLER = re.compile(
    r"^(?:(?:and|also|so|but|ok(?:ay)?|no|oh|alright|well|or|one (?:last|quick) question|question-?)\b[\s,:-]*)+", re.I
)
_OPENS_ASKING = re.compile(rf"^(?:{_AUXILIARY}|{_QUESTION_WORD})\b", re.I)
_OPENS_CLOSED = re.compile(rf"^{_AUXILIARY}\b", re.I)
_OPENS_NOT_WITH_OPTIONS = re.compile(
    rf"^(?:{_AUXILIARY}|{_QUESTION_WORD}|please|list|describe|tell|explain|i|my|if)\b", re.I
)
_HAS_QUESTION_WORD = re.compile(rf"\b{_QUESTION_WORD}\b", re.I)

_DOSE = _words(
    r"doses?", r"dosage\w*", r"dosing", r"dosed", r"titrat\w*", r"up-titrat\w*", r"taper\w*", r"adjust\w*", r"how much",
    r"mg", r"mcg", r"micrograms?", r"milligrams?", r"units of", r"how many units", r"strength of",
    r"(?:how many|\d+|one|two|three|half an?) (?:pills?|tablets?)", r"(?:pills?|tablets?) at once",
    r"route of administration", r"how (?:should|do|to) (?:i )?take", r"time to take",
    r"when (?:should|do|to) (?:i )?take", r"(?:once|twice|daily|weekly) (?:injection|tablet|dose)s?",
    r"how often should .+ be (?:given|taken|injected)", r"how long should .+ (?:be taken|be given|course)",
    r"(?:different|what|which|best) time", r"hours? (?:in )?between", r"how (?:long|many hours) (?:should|do) i wait",
    r"stop (?:the |my )?[\w-]+ and (?:then )?start", r"switch(?:ing)? from [\w-]+ to",
    r"how (?:am i supposed to|should i|do i|to) (?:put|apply|insert|use) (?:the |my |this )?(?:ointment|cream|gel|drops|spray|patch|inhaler|suppositor\w*)",
)
_NOT_A_DRUG_DOSE = _words(r"radio\w*", r"radiation", r"irradiat\w*", r"contrast", r"gy")
_TELLING_APART = _words(
    r"how (?:do|can|would|to) (?:i|you|we|one)? ?(?:know|tell|distinguish|differentiate)", r"distinguish",
    r"tell .+ apart",
)
_COMPARING = _words(
    r"vs\.?", r"versus", r"compared? (?:with|to)", r"compare", r"comparison", r"diff(?:erence)?s? between",
    r"differences? between", r"different from", r"differ", r"better than", r"worse than", r"superior", r"inferior",
    r"non-?inferior", r"(?:better|worse|more|less) (?:[\w-]+ ){1,6}than", r"equal to", r"equivalent to",
    r"alternative to", r"as (?:effective|safe|good|accurate|sensitive|efficacious) as", r"outperform\w*",
    r"pros and cons", r"differently (?:than|from)",
)
_CHOOSING = _words(
    r"better", r"best", r"prefer\w*", r"safer", r"worse", r"faster", r"first", r"choose", r"choice",
    r"which (?:is|one|of|works|would|should|do)", r"the same",
)
_NO_OPTION = _words(r"placebo", r"no treatment", r"sham", r"nothing")  # "compared with placebo" asks whether X works
_YES_OR_NO = re.compile(r"\byes,? or no\W*$", re.I)
# "Cue-induced behavioural activation: a novel model of alcohol craving?": a title, then the claim put to the test.
_TITLE_THEN_HYPOTHESIS = re.compile(rf":\s+(?!.*\b{_QUESTION_WORD}\b)[^:]+\?$", re.I)
_STATEMENT_VERB = _words(_AUXILIARY, r"causes?", r"helps?", r"works?", r"affects?", r"increases?", r"reduces?")
# Requests worded as closed questions ("Is there anything I can take for…?", "Can you recommend…?") are not yes/no.
_ASKING_FOR_OPTIONS = re.compile(
    r"^(?:(?:is|are) there (?:[\w-]+ ){0,6}?|(?:is|are) any |any ?\w* |a |an )?(?:anything|something|treatments?|medications?|"
    r"medicines?|drugs?|cures?|ways?|options?|creams?|remed\w+|pills?|reasons?|brands?|products?|supplements?)\b",
    re.I,
)
_ASKING_YOU = _words(
    r"(?:can|could|would|will)(?:n'?t|'t)? you (?:please )?(?:recommend|suggest|prescribe|tell|give|help|explain)",
    r"(?:can|could|would|will)(?:n'?t|'t)? you (?:please )?(?:provide|summari[sz]e)", r"any thoughts on",
    r"do you (?:have|know|recommend)", r"tell me (?:more )?about",
    r"(?:would|will|is) it (?:be )?possible (?:for you )?to (?:prescribe|recommend|suggest|give|get)",
)
# A request for something to take or use ("Is there any way I can get some medicine for…?", "Any thoughts on taking
# activated charcoal…?", "Can you suggest something natural that could help…?") asks for treatment, whatever it names.
_REQUESTS_TREATMENT = _words(r"take", r"use", r"try", r"get", r"recommend", r"suggest", r"prescribe", r"help\w*",
                             r"any thoughts on")
_DEFINITION = re.compile(
    r"^(?:what(?:'?s| is| are)(?: \(are\))?|what exactly (?:is|are)|define|describe|summari[sz]e|explain|"
    r"tell me about)\s+(?:a |an |the )?(?P<thing>[^?]*?)\s*\??$",
    re.I,
)
_RELATION = _words(r"of", r"for", r"in", r"after", r"with", r"to", r"when", r"between", r"during", r"from", r"by")
_WHAT_A_DRUG_IS_FOR = re.compile(
    r"\b(?:which|what) (?:\w+ )?(?:diseases?|conditions?|cancers?|disorders?|infections?)\b"
    r".*\b(?:treated|used|approved|indicated)\b"
    r"|\b(?:treated|used|approved|indicated|developed) (?:\w+ )?for (?:the )?(?:treatment of )?(?:which|what)\b"
    r"|\bindications? (?:for|of)\b",
    re.I,
)
# Open questions: the first topic whose words appear decides (cause, then outcome, then test, then treatment).
_TOPICS: list[tuple[str, re.Pattern[str]]] = [
    (
        "aetiology",
        _words(
            r"caus\w*", r"risk factors?", r"at risk", r"who gets", r"a?etiolog\w*", r"pathophysiolog\w*",
            r"pathogenesis", r"mechanism of (?!action)", r"why (?:do|does|did|is|are|would|can)", r"inherit\w*",
            r"genetic (?:cause|changes|basis)", r"mutat\w*", r"organisms?", r"bacteria", r"trigger\w*", r"linked to",
            r"exposures?", r"predispos\w*", r"how (?:do|did) (?:you|i|people) get", r"increases? the risk",
            r"reasons? (?:why|for)", r"link between",
        ),
    ),
    (
        "prognosis",
        _words(
            r"prognos\w*", r"outlook", r"surviv\w*", r"life expectancy", r"mortality", r"outcomes?", r"recover\w*",
            r"recur", r"recurren\w*", r"relaps\w*", r"natural history", r"complications?", r"last", r"go away",
            r"heal\w*", r"chances?", r"progress\w*", r"evolution", r"what happens to", r"untreated", r"resolve",
            r"expect\w*", r"how likely", r"go on to", r"(?:what is|what's) the (?:risk|likelihood|probability) (?:of|for)",
            r"long-term", r"how long (?:does|do|will|would) (?:it|they|this) take",
        ),
    ),
    (
        "diagnosis",
        _words(
            r"diagnos\w*", r"tests?", r"testing", r"investigat\w*", r"work-?up", r"imaging", r"scans?", r"x-rays?",
            r"ct", r"mri", r"ultrasound", r"ecg", r"troponin", r"d-dimer", r"biops\w*", r"screen\w*", r"symptoms?",
            r"signs?", r"red flags?", r"criteria", r"differential", r"what could (?:it|this) be", r"indicate",
            r"suggest\w*", r"what does .+ mean", r"mean for", r"present\w* with", r"examination", r"findings?",
            r"sensitiv\w*", r"specificity", r"accura\w*", r"confirm\w*", r"assess\w*", r"evaluat\w*", r"rule out",
            r"exclud\w*", r"\w+scop(?:y|ies)", r"echocardiogra\w*", r"urinalysis", r"measur\w*", r"characteristic\w*",
            r"features?", r"manifestations?", r"presentation", r"laborator\w*", r"lab (?:tests?|results?|values?)",
            r"(?:seen|found) in (?:patients|people|children|adults)",
        ),
    ),
    (
        "management",
        _words(
            r"treat\w*", r"therap\w*", r"manag\w*", r"prevent\w*", r"prophyla\w*", r"what to do",
            r"what (?:can|should) (?:\w+ )?do", r"(?:can|could|should) (?:i|we|you) do",
            r"(?:i|we|you) (?:can|could|should) (?:do|take)", r"how soon", r"what next", r"next step", r"first-line",
            r"prescri\w*", r"recommend\w*", r"offer\w*", r"options?", r"antibiotics?", r"surgery", r"surgical",
            r"operat\w*", r"theatre", r"refer\w*", r"(?:re-?)?start\w*", r"stop\w*", r"help (?:with|the)", r"good for",
            r"get rid of", r"vaccin\w*", r"lifestyle", r"(?:can|should) i take", r"cure", r"remed\w*", r"approach",
            r"medications?", r"solutions? (?:for|to|that)", r"what about [\w-]+(?: [\w-]+)? for",
            r"which (?:doctor|specialist)", r"(?:go to|see) (?:a |the )?(?:doctor|specialist|gp)",
        ),
    ),
]


@dataclass
class QuestionAnalysis:
    question: str
    question_type: str
    entities: list[str] = field(default_factory=list)
    red_flags: list[RedFlag] = field(default_factory=list)
    described_flags: list[RedFlag] = field(default_factory=list)  # of red_flags, those described in everyday words
    in_the_past: bool = False  # it speaks of an emergency past or to prevent, not of now: the evidence's are not raised
    in_general: bool = False  # it asks what an emergency is or how it shows, of no one: the evidence's are not raised


def _form_clause(question: str) -> str:
    """The clause that carries the grammar: the last one opening with a question word or an auxiliary
    ("Ovarian torsion in children: is oophorectomy necessary?"), else the first."""
    parts = re.split(r"[.:;?!]+\s*|\s*--\s*|,\s+", question)
    clauses = [_FILLER.sub("", part.strip()) for part in parts if part.strip()]
    asking = [clause for clause in clauses if _OPENS_ASKING.match(clause)]
    return asking[-1] if asking else (clauses[0] if clauses else "")


def _offers_a_choice(text: str, clause: str) -> bool:
    """An 'X or Y' that offers a choice: with a choosing word, after 'should', or leading the question ("Apixaban or
    warfarin for AF?"), unlike "Can analgesics or antipyretics be taken…?"."""
    if not re.search(r"\bor\b", text, re.I):
        return False
    if _CHOOSING.search(text) or re.match(r"^should\b", clause, re.I):
        return True
    if _TITLE_THEN_HYPOTHESIS.search(text):  # "Metformin or AICAR in the ewe: potential involvement of AMPK?"
        return False
    opening = _FILLER.sub("", text)
    lead = re.split(rf"\b{_AUXILIARY}\b|\b{_QUESTION_WORD}\b", opening, maxsplit=1, flags=re.I)[0]
    return not _OPENS_NOT_WITH_OPTIONS.match(opening) and bool(re.search(r"\bor\b", lead, re.I))


def _is_closed(text: str, clause: str) -> bool:
    """A yes/no question: it opens with an auxiliary, ends "yes or no?", or is a statement with a question mark."""
    if _YES_OR_NO.search(text):
        return True
    opening = _FILLER.sub("", text)
    if _is_request(text, clause):
        return False
    if _OPENS_CLOSED.match(clause) or _TITLE_THEN_HYPOTHESIS.search(text) and not _HAS_QUESTION_WORD.match(opening):
        return True
    return text.endswith("?") and not _HAS_QUESTION_WORD.search(text) and bool(_STATEMENT_VERB.search(text))


def opens_closed(question: str) -> bool:
    """True when the question opens with an auxiliary verb, as a yes/no or either/or question does ('Does…', 'Is…')."""
    return bool(_OPENS_CLOSED.match(question.strip()))


def classify_question(question: str) -> str:
    """One of QUESTION_TYPES; an open question that names no topic gets an overview."""
    text = re.sub(r"\s+", " ", question.replace("\u2019", "'")).strip()
    clause = _form_clause(text)
    if _DOSE.search(text) and not _NOT_A_DRUG_DOSE.search(text):
        return "drug_dose"
    if _TELLING_APART.search(text):
        return "diagnosis"
    options = _YES_OR_NO.sub("", text)
    compares = _COMPARING.search(options) and not _NO_OPTION.search(options)
    if not re.match(r"^why\b", clause, re.I) and (compares or _offers_a_choice(options, clause)):
        return "comparison"
    if _is_closed(text, clause):
        return "yes_no"
    definition = _DEFINITION.match(clause)
    if definition and not _RELATION.search(definition["thing"]) or _WHAT_A_DRUG_IS_FOR.search(text):
        return "overview"
    if _is_request(text, clause) and _REQUESTS_TREATMENT.search(clause):
        return "management"
    return _topic_asked(text)


def _topic_asked(text: str) -> str:
    """The first ``_TOPICS`` topic whose words the part that asks writes, else the first the whole question writes:
    an account's history is no topic ("I had a TIA last week, the scan found a hole in my heart. What treatment
    should I have?" asks for treatment, not how long something lasts nor which test)."""
    from medora.compose.described import split_asking  # described builds on the term modules, which use analyse

    asking = split_asking(text)[1]
    for part in (asking, text) if asking and asking != text else (text,):
        topic = next((name for name, pattern in _TOPICS if pattern.search(part)), None)
        if topic is not None:
            return topic
    return "overview"


def _is_request(text: str, clause: str) -> bool:
    """A request worded as a closed question ("Is there anything…?", "Can you suggest…?", "Any thoughts on…?")."""
    opening = _FILLER.sub("", text)
    return bool(_ASKING_FOR_OPTIONS.match(clause) or _ASKING_FOR_OPTIONS.match(opening) or _ASKING_YOU.search(text))


_LEADING = re.compile(
    r"^(what|how|which|when|why|who|is|are|does|do|can|should|could|was|were|in|for|the|a|an)\b\s*", re.I
)


def extract_entities(question: str) -> list[str]:
    """The question's noun phrases, crudely: word runs between function words (condition, intervention…)."""
    stop = r"\b(?:is|are|does|do|can|should|be|the|a|an|of|in|for|with|to|and|or|what|how|which|when|why|best|approach|managing|manage|managed|treat|treated|treating|treatment|management|patients?|adults?|people)\b"
    text = _LEADING.sub("", question.strip().rstrip("?"))
    parts = [p.strip(" ,;:-") for p in re.split(stop, text, flags=re.I)]
    return [p for p in parts if len(p) > 2][:6]


def analyse_question(question: str) -> QuestionAnalysis:
    meanings = _lay_meanings(question)
    flags = question_flags(question, meanings)
    return QuestionAnalysis(
        question=question,
        question_type=classify_question(question),
        entities=extract_entities(question),
        red_flags=flags.raised,
        described_flags=flags.described,
        in_the_past=only_in_the_past(question, meanings),
        in_general=flags.in_general,
    )


def _lay_meanings(question: str) -> list[tuple[str, tuple[str, ...]]]:
    """Each lay phrase of the question with its medical words: a red flag named in a patient's words ("his face
    went lopsided", "a stent after his heart attack") is read as when a clinician names it ("facial weakness")."""
    from medora.compose.lay import lay_equivalents  # it builds on the term modules, which build on this one

    return [(item.lay, tuple(item.medical)) for item in lay_equivalents(question)]
