"""Which retrieved evidence an article may use: on-topic passages, the sources that answer the question's specific
terms, a matching editorial overview, the citable pool, and what no source covers.

Two gates, both lexical at heart (dense similarity alone never makes a passage on-topic):
- on topic: the passage holds enough of the question's topic words (IDF-weighted), helped by similarity;
- answering: its source names the question's specific terms (compose/terms.py: drugs, populations, technical words).
On-topic evidence that answers nothing makes a partial answer: the article says what is not covered.

Pure functions over Evidence, the question's IDF weights and its specific terms; medora/answer.py does the retrieval."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from medora.compose.case_findings import with_listed_history
from medora.compose.described import body_parts, is_body_part, is_long_story, split_asking
from medora.compose.drugs import find_drugs
from medora.compose.exam_options import options_span
from medora.compose.lay import LayEquivalent, lay_equivalents
from medora.compose.note_sections import PAST_HISTORY, SOCIAL_HISTORY, listed_history
from medora.compose.red_flags import RedFlag
from medora.compose.subject import NOTE_CLIPPINGS, others_stories, shorthand_equivalents, told_jobs
from medora.compose.terms import (
    ABBREVIATION,
    EVERYDAY_WORDS,
    GENERIC_WORDS,
    HEPATITIS_KIND,
    POPULATION_STEMS,
    SpecificTerm,
    TermText,
    answers_terms,
    asks_about_drug,
    asks_for_a_drug,
    drug_form_words,
    is_common_word,
    meanings_of,
    other_spellings,
    population_group,
    population_term,
    spelled_out_abbreviations,
    stem,
    stem_sequence,
    told_birth,
)
from medora.compose.variants import class_names, member_class_names, treated_condition
from medora.retrieve.described import DescribedMatch
from medora.retrieve.expand import load_own_abbreviations
from medora.retrieve.tokenize import STOPWORDS, content_words, raw_tokens
from medora.sentences import split_sentences
from medora.types import LIBRARY_PREFIX, Evidence, Kind, Source

MIN_QUESTION_COVERAGE = 0.5  # share of the question's topic words a passage must contain to count as on-topic
MIN_DENSE_SIMILARITY = 0.35  # with this cosine similarity to the question, a passage needs fewer of its words…
MIN_DENSE_COVERAGE = 0.25  # …but at least this share: similarity alone never makes a passage on-topic
MIN_CLOSE_SIMILARITY = 0.55  # a passage this close in meaning (lay wording: "stay off alcohol after detox")…
MIN_CLOSE_COVERAGE = 0.125  # …needs only this share of the question's words, still never none
MIN_DENSE_WITH_WORDS = 0.25  # the lowest similarity an on-topic passage may have when dense retrieval ran…
MIN_FAR_SIMILARITY = 0.15  # …unless it holds this share of the question's words: "NT-proBNP 2500 in GP - how fast does
MIN_FAR_COVERAGE = 0.75  # echo need to be?" is 0.17 from the heart-failure overview's NT-proBNP passage (session 32)
OVERVIEW_MATCH = 0.6  # an overview this on-topic (word coverage, or similarity with some coverage) is laid out
OVERVIEW_SIMILARITY = 0.45
TITLE_BONUS = 1.5  # in choosing the topic overview, a question word its title holds counts this much more
OVERVIEW_SEARCH_DEPTH = 5  # only an overview among the top passages can be the article's backbone

_WORDS = re.compile(r"[A-Za-z0-9]+")
ANSWERED, PARTIAL, INSUFFICIENT = "answered", "partial", "insufficient"

# Words that describe the patient, not the topic ("60-year-old man"): left out of the topic words, like numbers.
DESCRIPTOR_WORDS = frozenset(stem(w) for w in "year years old aged man woman men women male female boy girl".split())
# The verb a question asks about a drug with ("can he take ibuprofen?"): no topic of its own once the drug is named,
# yet it weighed as much as "heart" in the share of the question's words a passage holds, and kept the heart-failure
# overview's "NSAIDs such as ibuprofen … worsen HFrEF" below half of "Dad has heart failure and his knees are really
# sore. Can he take ibuprofen for them?" (session 42). Without a drug it asks for one ("what can I safely take for
# it?") and stays a word of the topic: dropped there, it put the hypertension-in-pregnancy overview on a pregnant
# woman's heartburn
ASKING_VERBS = frozenset(stem(w) for w in ("take", "takes", "taking"))
AGE_SEX = re.compile(r"\d+(?:m|f|yo|yr|yrs|y)")  # a vignette's "67M", "72yo": no topic word (the index never saw it)
# an amount with its unit written as one word ("1L crystalloid", "2h away", "lost 20kg"), or a time of day ("woke at
# 3am"): a number, not a topic word
QUANTITY = re.compile(
    r"\d+(?:\.\d+)?(?:mg|mcg|g|kg|ml|l|h|hr|hrs|min|mins|d|wk|wks|mo|mth|mths|cm|mm|mmol|iu|am|pm)"
    r"|x\d+"  # a note's "x2/7" (for two days), "x3h" (session 62)
)


@dataclass
class Selection:
    """What the composer receives: every retrieved passage, the on-topic ones, those whose source answers the
    question's specific terms, a matching overview, the citable pool, and what no source covers."""

    retrieved: list[Evidence]
    on_topic: list[Evidence]
    overview: Evidence | None
    pool: list[Evidence]
    terms: list[SpecificTerm] = field(default_factory=list)
    answering: list[Evidence] | None = None  # None: not judged (every on-topic passage answers)
    uncovered_terms: list[str] = field(default_factory=list)
    covered_terms: list[str] = field(default_factory=list)  # of the closest source, when the answer is partial
    further: list[Evidence] = field(default_factory=list)  # on topic, not answering: never leads the bottom line
    reason: str = ""  # why the closest source does not answer, when a rule says it plainly (another age group)
    unnamed_findings: list[str] = field(default_factory=list)  # an answered vignette's findings that no source it
    # cites names (compose/case_findings.py): the article says so
    citation_model: str = ""  # the file of the citation model that chose the cited studies (compose/relevance.py):
    # the vector model's or the words-only one's; empty when none did
    answered_from: list[Evidence] = field(default_factory=list)  # the overview's passages an answer cited before it
    # was laid out whole (answer.py ``_sole_cited_overview``): the best of them says what the question asks

    @property
    def citable_source_ids(self) -> set[int]:
        return {item.source_id for item in self.pool}

    @property
    def answering_evidence(self) -> list[Evidence]:
        return self.on_topic if self.answering is None else self.answering

    @property
    def answer_status(self) -> str:
        if self.overview is not None or self.answering_evidence:
            return ANSWERED
        return PARTIAL if self.on_topic else INSUFFICIENT


class QuestionWeights(dict):
    """The question's topic words (stem → IDF weight) and the lay phrases among them with their medical words
    (compose/lay.py): "bee sting" counts as named by a passage saying "insect venom"."""

    def __init__(
        self,
        weights: dict[str, float],
        equivalents: list[LayEquivalent] | None = None,
        phrases: list[tuple[str, str]] | None = None,
        qualified: frozenset[str] = frozenset(),
        parts: frozenset[str] = frozenset(),
        denied: frozenset[str] = frozenset(),
    ) -> None:
        super().__init__(weights)
        self.equivalents = tuple(equivalents or ())
        self.phrases = tuple(phrases or ())  # neighbouring topic words of the question ("dog bite", "bite wound")
        self.qualified = qualified  # the lettered or numbered kinds it names ("hepatitis c": ``qualified_kinds``)
        self.parts = parts  # the body parts it speaks of ("Dad's shin": described.body_parts)
        self.denied = denied  # the states it denies of the patient ("never had gout": ``_denied``)


# A condition of several kinds told apart by a letter or a number: one kind is not another ("hepatitis C" is not the
# hepatitis B overview's topic, "type 1 diabetes" not the type 2 diabetes overview's)
_QUALIFIED = (
    HEPATITIS_KIND,  # the one pattern the specific terms read a lettered hepatitis by (compose/terms.py)
    re.compile(r"\btype[ -]?([12])(?=(?:,? (?:or|and) (?:type[ -]?)?[12])? ?(?:diabet|dm\b))", re.IGNORECASE),
    # …and prevention before or after a first event: the stroke overview's secondary prevention does not answer
    # "Aspirin for primary prevention in over 70s?" (session 38)
    re.compile(r"\b(primary|secondary)(?= (?:cardiovascular |stroke )?prevention\b)", re.IGNORECASE),
)
_KIND_NAMES = ("hepatitis", "diabetes", "prevention")


# …and kidney disease by its course: a staged kidney disease is the chronic one, whose ACE inhibitor a creatinine rise
# of under 30% does not stop, not the acute injury whose overview suspends it (session 66: "my mum … has kidney
# disease stage 3 … creatinine went from 110 to 126 … should she stop the ramipril?" was answered by the AKI overview)
_KIDNEY_COURSE = re.compile(r"\b(acute|chronic)\s+(?:kidney|renal)\s+(?:injury|disease|failure|impairment)\b",
                            re.IGNORECASE)
_KIDNEY_ABBREVIATED = re.compile(r"\b(AKI|CKD)\b", re.IGNORECASE)
_STAGED_KIDNEY = re.compile(
    r"\b(?:kidney|renal)\s+disease,?\s+(?:stage|G)\s*[1-5]|\bstage\s+[1-5][ab]?\s+(?:chronic\s+)?(?:kidney|renal)\b",
    re.IGNORECASE,
)


def qualified_kinds(text: str) -> frozenset[str]:
    """The lettered or numbered kinds of a condition the text names, as "hepatitis c", "diabetes 1"; and a kidney
    disease's course, as "kidney chronic"."""
    kinds = {
        f"{name} {match.group(1).lower()}"
        for pattern, name in zip(_QUALIFIED, _KIND_NAMES, strict=True) for match in pattern.finditer(text)
    }
    kinds |= {f"kidney {match.group(1).lower()}" for match in _KIDNEY_COURSE.finditer(text)}
    kinds |= {"kidney acute" if match.group(1).upper() == "AKI" else "kidney chronic"
              for match in _KIDNEY_ABBREVIATED.finditer(text)}
    return frozenset(kinds | ({"kidney chronic"} if _STAGED_KIDNEY.search(text) else set()))


def other_kind(title: str, asked: frozenset[str]) -> bool:
    """Whether the title names only other kinds of a condition the question names a kind of (``asked``, as
    ``qualified_kinds`` reads the question)."""
    return _only_other_kinds(qualified_kinds(title), asked)


def _only_other_kinds(named: frozenset[str], asked: frozenset[str]) -> bool:
    """Whether ``named`` holds kinds of a condition ``asked`` names a kind of, none of them an asked kind."""
    for name in {kind.split()[0] for kind in asked}:
        titled = {kind for kind in named if kind.startswith(name)}
        if titled and not titled & asked:
            return True
    return False


def names_other_kinds_only(texts: list[str], asked: frozenset[str]) -> bool:
    """Whether the texts (an overview's whole text) name kinds of a condition the question names a kind of, and
    never the asked one: the obesity overview speaks of type 2 diabetes only, so its semaglutide does not answer "is
    semaglutide safe in type 1 diabetes?"; an overview naming no kind of it (diabetic ketoacidosis) still may."""
    named = set().union(*(qualified_kinds(text) for text in texts)) if asked and texts else set()
    return _only_other_kinds(frozenset(named), asked)


def kinds_reason(question: str, title: str, texts: list[str]) -> str:
    """Why an overview naming only other kinds of the question's condition does not answer, in plain words
    ("Hypertension in adults speaks of type 2 diabetes only; the question is about type 1 diabetes."); else ""."""
    asked = qualified_kinds(question)
    if not names_other_kinds_only(texts, asked):
        return ""
    named = set().union(*(qualified_kinds(text) for text in texts))
    conditions = {kind.split()[0] for kind in asked}
    spoken = sorted(kind for kind in named if kind.split()[0] in conditions)
    return (
        f"{title.rstrip('.')} speaks of {_joined_kinds(spoken)} only; the question is about "
        f"{_joined_kinds(sorted(asked))}."
    )


def _joined_kinds(kinds: list[str]) -> str:
    """Kinds as ``qualified_kinds`` writes them ("diabetes 1") in a reader's words ("type 1 diabetes")."""
    readable = {
        "diabetes": lambda kind: f"type {kind} diabetes",
        "hepatitis": lambda kind: f"hepatitis {kind.upper()}",
        "prevention": lambda kind: f"{kind} prevention",
        "kidney": lambda kind: "acute kidney injury" if kind == "acute" else "chronic kidney disease",
    }
    said = [readable[name](kind) for name, kind in (item.split() for item in kinds)]
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " or " + said[-1]


# A state denied of the patient ("he isn't diabetic", "she's not pregnant") or of the people asked about ("SGLT2
# inhibitors in heart failure without diabetes", session 51: answered by the type 2 diabetes overview, its title
# holding the denied word): the word right after the denial
_DENIED_STATE = re.compile(
    r"\b(?:isn'?t|is not|not|aren'?t|are not|wasn'?t|was not|without|never\s+had|never\s+been|nothing)\s+"
    r"(?:an?\s+)?([A-Za-z-]+)", re.IGNORECASE
)


# A result said to be normal: what the case is not either (session 66: "her potassium was normal" put the
# hyperkalaemia overview, its title read as "high potassium", on a question about ramipril in kidney disease)
_NORMAL_RESULT = re.compile(
    r"\b(potassium|sodium|calcium|glucose|ferritin|haemoglobin|hemoglobin|TSH)\s+(?:level\s+|levels\s+)?"
    r"(?:was|is|were|are|came\s+back)\s+(?:completely\s+|totally\s+|all\s+)?(?:normal|fine|ok|okay)\b",
    re.IGNORECASE,
)


# Words that are only the frame of a set phrase, no topic, unless the question writes them elsewhere too (session 70):
# a view doubted, "my sister thinks she should come off it, is that right?" (no side of the body; never "is it
# right-sided?"), and "she's fed up going to the surgery" (no feeding)
_FRAMED_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:is|are|am|was|were)\s+(?:that|this|it|she|he|they|i|we|you|the \w+|my \w+|her \w+|his \w+)"
                r"\s+right\b(?!-)", re.IGNORECASE), "right"),
    (re.compile(r"\bfed\s+up\b", re.IGNORECASE), "fed"),
)


def _framed_only(question: str) -> set[str]:
    """The stems of ``_FRAMED_WORDS`` the question writes only inside their set phrase."""
    return {
        word for phrase, word in _FRAMED_WORDS
        if phrase.search(question) and word not in stem_sequence(phrase.sub(" ", question))
    }


def _denied(question: str) -> set[str]:
    """The stems of a state the question denies of the patient and never names otherwise: what the case is not,
    never its topic (the diabetic ketoacidosis overview's title took "Dad's potassium was 6.3 and they put insulin in
    his drip even though he isn't diabetic" from the hyperkalaemia overview). Only a state after "isn't", "not" or
    "without": "no urinary symptoms, no fever" still points at the topic (asymptomatic bacteriuria). A common word is
    no state ("my cholesterol still isn't low enough"), unless it names an overview's title after "without"
    (``_condition_lacked``)."""
    denied = {
        token for match in _DENIED_STATE.finditer(question)
        if not is_common_word(word := match.group(1)) or population_group(word) or _condition_lacked(match)
        or match.group(0).lower().startswith("nothing")  # however common: "nothing broken luckily" (session 70)
        for token in stem_sequence(word)
    } | {token for match in _NORMAL_RESULT.finditer(question) for token in stem_sequence(match.group(1))}
    if not denied:
        return set()
    rest = _NORMAL_RESULT.sub(" ", _DENIED_STATE.sub(" ", question))
    return denied - set(stem_sequence(rest))


def _condition_lacked(match: re.Match[str]) -> bool:
    """True for a word after "without" that names a library overview's topic, however common ("heart failure
    without diabetes"): the overview titled with it is not on the question's topic for it."""
    from medora.compose.library_words import overview_title_words

    stems = stem_sequence(match.group(1))
    return match.group(0).lower().startswith("without") and bool(stems) and set(stems) <= (
        overview_title_words() - GENERIC_WORDS - _POPULATION_STEMS
    )


# what a tablet is called in an account ("they gave me pred tabs", session 63): a form of whatever medicine, no
# topic (the months stay, as the weekdays do: "flying to spain in june" kept a question on in-flight oxygen off the
# COPD overview, session 63)
_TABLET_WORDS = frozenset({"tab", "tabs", "gummi"})


def question_weights(
    question: str, idf: dict[str, float], generic_names: list[LayEquivalent] | None = None
) -> QuestionWeights:
    """The IDF weights of the question's own topic words (expansions, frame words such as 'role' and amounts such as
    "1L" excluded), with the lay phrases that hold some of them, and the drugs named by a name no passage holds with
    their generic name (``generic_names``, from ``drug_name_equivalents``)."""
    words = content_words(question) - GENERIC_WORDS - DESCRIPTOR_WORDS - EVERYDAY_WORDS - NOTE_CLIPPINGS
    words -= _TABLET_WORDS
    words -= set(stem_sequence(" ".join(listed_history(question, (SOCIAL_HISTORY,))))) - set(
        stem_sequence(split_asking(question)[1])
    )
    # "SH taxi driver, ex-smoker": the case's life, as a job told (session 62)
    denied = _denied(question)
    words -= denied
    words -= _framed_only(question)
    words -= set(stem_sequence(told_birth(question)))  # whom it is about: a postpartum population term (terms.py)
    weights = {
        token: weight for token, weight in idf.items()
        if token in words and not token.isdigit() and not AGE_SEX.fullmatch(token) and not QUANTITY.fullmatch(token)
    }
    found = (
        lay_equivalents(question) + _spelled_out(question) + _population_groups(question)
        + shorthand_equivalents(question) + member_classes(question) + _treated_conditions(question)
        + list(generic_names or ())
    )
    equivalents = [item for item in found if set(item.stems) & weights.keys()]
    stems = stem_sequence(question)
    phrases = [(a, b) for a, b in zip(stems, stems[1:]) if a in weights and b in weights and a != b]
    return QuestionWeights(
        weights, equivalents, phrases, qualified_kinds(question), frozenset(body_parts(question)), frozenset(denied)
    )


# a long account's story outweighs what it asks: past this share of the asking part's weight, the words told only
# where it describes are scaled down to it (session 64: "my husband is 52 and drives a delivery van, we live with our
# two teenagers and a very spoilt labrador … if the urate was normal during the attack does that rule gout out?" held
# "van", "spoilt", "labrador", "biscuit" and "50th" at the rarest weight, and no gout passage held a sixth of it)
STORY_SHARE = 1.0
# …and a story of 40 words or more, shorter than a long one, past 2.5 times it when what it asks names a term of its
# own (session 69: "my dad is 68 and had a heart attack in june … hes on aspirin and brilique now plus his amlodipine
# … how long does he have to stay on both the aspirin and the brilique? he still goes down his allotment every day"
# found no passage on topic; 2.5 chosen on six development questions, 2.0 lost "…wants us to just do calpol and
# nurofen and wait. how long do we wait before she should get antibiotics", 3.0 the heart attack again)
MIN_MEDIUM_STORY_WORDS = 40
MEDIUM_STORY_SHARE = 2.5
MIN_ASKED_WORDS = 2  # the asking part's topic words needed to read a story by it ("what should we do?" has none)


def without_unheld_story_words(question: str, weights: QuestionWeights, unheld: frozenset[str]) -> QuestionWeights:
    """A long story's words that no passage of the library holds (``unheld``) weigh nothing: no source can hold
    them, so they only lower every source's share of the story alike ("a gap year in Vietnam … a ground-floor flat"),
    and the asking part's terms, not its weight, judge a word asked that no source writes."""
    unheld = unheld - {stem for item in weights.equivalents for stem in item.stems}  # a brand no passage holds is
    # weighed by its generic name ("brilique": ticagrelor)
    if not is_long_story(question) or not unheld & weights.keys():
        return weights
    return QuestionWeights(
        {token: weight for token, weight in weights.items() if token not in unheld},
        [item for item in weights.equivalents if set(item.stems) - unheld],
        [(a, b) for a, b in weights.phrases if a not in unheld and b not in unheld],
        weights.qualified, weights.parts, weights.denied,
    )


def asking_focused(
    question: str, weights: QuestionWeights, terms: list[SpecificTerm] | None = None
) -> QuestionWeights:
    """``weights`` with the words told only where a long question describes scaled down, when they outweigh those
    of the part that asks by more than ``STORY_SHARE`` (``MEDIUM_STORY_SHARE`` for a medium story whose ask names one
    of its ``terms``): what a long account asks is its topic, the story around it only partly."""
    describing, asking = split_asking(question)
    asking_stems = set(stem_sequence(asking))
    asked = asking_stems & weights.keys()
    names_its_own = any(  # a medium story is its ask's only when the ask names a term of its own: "how does that
        # work?" after "thinking about prep … mild asthma with a blue inhaler" asks about the story's PrEP
        term.kind != "population" and not term.context and (stems := set(stem_sequence(term.label)))
        and stems <= asking_stems for term in terms or []
    )
    share = STORY_SHARE if is_long_story(question) else (
        MEDIUM_STORY_SHARE if len(describing.split()) >= MIN_MEDIUM_STORY_WORDS and names_its_own else None
    )
    if len(asked) < MIN_ASKED_WORDS or share is None or options_span(question) is not None:
        return weights  # an exam stem's lettered options are what it offers, not what it is about: its case is
        # ("A 67-year-old retired bus driver had 20 minutes of left arm weakness … A) Aspirin 300 mg now …")
    asked_total = sum(weights[token] for token in asked)
    told_total = sum(weight for token, weight in weights.items() if token not in asked)
    if told_total <= share * asked_total:
        return weights
    scale = share * asked_total / told_total
    return QuestionWeights(
        {token: weight if token in asked else weight * scale for token, weight in weights.items()},
        list(weights.equivalents), list(weights.phrases), weights.qualified, weights.parts, weights.denied,
    )


def without_case_drugs(weights: QuestionWeights, terms: list[SpecificTerm], question: str = "") -> QuestionWeights:
    """The topic words without those of the drugs the patient already takes (``context`` drug terms): "a woman on
    zopiclone and amitriptyline has fallen three times" is on falls; no overview on falls repeats her drugs, yet
    those rare names outweighed "fallen" and "floor" in each passage's share of the question's words. The patient's
    job is the case too ("im 42, a primary school teacher, been on …": compose/subject.py ``told_jobs``), so is the
    form a drug is given in ("semaglutide jabs": ``terms.drug_form_words``), and the verb a drug asked about is
    taken with (``ASKING_VERBS``). A class
    keeps its weight: "I'm on a statin since my heart attack but my bad cholesterol still isn't low enough" is on
    the lipid overview's topic, which its frame words alone ("still", "enough") never reached; and so does every
    drug of the patient's beside a drug asked for (``terms.asks_for_a_drug``). The illnesses a note lists under its
    past history (``_listed_illnesses``), the patient's home and pastimes and another person's own story told in an
    account (compose/subject.py ``others_stories``) are the case too (session 63)."""
    terms = with_listed_history(question, terms) if question else terms
    case = set() if asks_for_a_drug(terms) or _asks_to_stop(question) else {  # a class ("a statin") names the
        # topic, not only the case
        s for term in terms if term.kind == "drug" and term.context and not term.member_stems
        for s in stem_sequence(term.label)
    }
    case |= told_jobs(question) | drug_form_words(question) | others_stories(question) if question else set()
    listed = set(stem_sequence(" ".join(listed_history(question)))) if question else set()
    case |= {  # what a note lists as the case's history ("PMH HTN, OA knees. DH levo"): background, no topic
        stem for term in terms if term.context and (stems := set(stem_sequence(term.label))) and stems <= listed
        for stem in stems
    }
    if any(term.kind == "drug" and not term.context for term in terms):
        case |= ASKING_VERBS
    own = {s for term in terms if not term.context for s in stem_sequence(term.label)}
    dropped = (case - own) | _listed_illnesses(question)
    if not dropped:
        return weights
    return QuestionWeights(
        {token: weight for token, weight in weights.items() if token not in dropped},
        [item for item in weights.equivalents if set(item.stems) - dropped],
        [(a, b) for a, b in weights.phrases if a not in dropped and b not in dropped],
        weights.qualified,
        weights.parts,
        weights.denied,
    )


def _listed_illnesses(question: str) -> set[str]:
    """The stems of the illnesses a note lists under its past history ("PMH COPD, BPH, HTN"), as written and spelled
    out, that the question does not ask about: its background, not the complaint it is about, in what it weighs
    (session 63: "PMH HTN, hypothyroid, OA" outweighed a new AF and its apixaban), even where an illness listed stays
    a term the answer may turn on (``case_findings.with_listed_history``)."""
    if not question:
        return set()
    listed = set(stem_sequence(" ".join(listed_history(question, (PAST_HISTORY,)))))
    return listed - set(stem_sequence(split_asking(question)[1]))


# the clause that asks is about stopping, pausing or going on with what the patient takes ("on denosumab for 4 yrs,
# fed up with injections. OK to just stop?"): the patient's own drug is then what is asked about
_STOP_OR_GO_ON = re.compile(
    r"\b(?:stop(?:ping)?|come\s+off|coming\s+off|keep\s+(?:taking|going|on)|carry\s+on|continu(?:e|ing)|pause"
    r"|hold\s+off|stay(?:ing)?\s+on|be\s+on)\b",  # "how long does he stay on the two together?" (session 63)
    re.IGNORECASE,
)


def _asks_to_stop(question: str) -> bool:
    """True when the clause that asks is about stopping or going on with a treatment (session 58: "72F on denosumab
    60 mg 6-monthly for 4 yrs … wants to stop. OK to just stop?" weighed denosumab as the case's, not the topic, and
    met no passage on topic; the osteoporosis overview says what stopping it does)."""
    return bool(question) and bool(_STOP_OR_GO_ON.search(split_asking(question)[1]))


def _population_groups(question: str) -> list[LayEquivalent]:
    """A population word of the question, as an equivalent: any word of its group names it ("primigravida" is
    covered by "pregnancy"), as in the specific-term gate (terms.POPULATIONS)."""
    words = _WORDS.findall(question)
    found: dict[str, LayEquivalent] = {}
    for index in range(len(words)):
        if (term := population_term(words, index)) is not None:  # never a negated one ("not pregnant")
            found.setdefault(term.label, LayEquivalent(lay=term.label, stems=tuple(stem_sequence(term.label)), medical=term.forms))
    return list(found.values())


@dataclass(frozen=True)
class ClassEquivalent(LayEquivalent):
    """A drug of the question and the words of its class (``member_classes``): it puts a passage on topic, but never
    makes its overview the question's topic over one naming the drug itself (``topic_overview``): the stroke
    overview's "lower LDL cholesterol with a statin" is not the topic of "on atorvastatin 80 after a heart attack,
    cholesterol still not low enough"; the lipid overview, naming atorvastatin, is."""


def without_classes(weights: QuestionWeights) -> QuestionWeights:
    """The weights whose words are covered only as written or by lay phrases, not by a drug's class."""
    kept = [item for item in weights.equivalents if not isinstance(item, ClassEquivalent)]
    return weights if len(kept) == len(weights.equivalents) else QuestionWeights(
        dict(weights), kept, weights.phrases, weights.qualified, weights.parts, weights.denied
    )


_ACID_NAME = re.compile(r"\b[a-z]+ acid\b")


def member_classes(question: str) -> list[LayEquivalent]:
    """A drug of the question that a class names (compose/variants.py ``class_names``), as an equivalent covered by
    the class: "dad has heart failure and takes naproxen for his knees, is that bad for his heart?" is on the topic
    of the heart-failure overview's line on NSAIDs, as the specific-term gate already read it; the drug's rare name
    alone outweighed the question's other words. A class by what it does is covered by its member classes
    (compose/variants.py ``FUNCTION_CLASS_MEMBERS``): "Which antihypertensive should I start first?" had no topic
    word but the class, which the hypertension overview writes as "an ACE inhibitor or ARB" (session 52). As
    ClassEquivalents, neither makes an overview the question's topic (``topic_overview``): the kidney overview's "stop
    ACE inhibitors in pregnancy" is not the topic of "Which antihypertensive is best in pregnancy?"."""
    found = []
    lowered = question.lower()
    acids = _ACID_NAME.findall(lowered)  # a British name in two words: "alendronic acid" is a bisphosphonate (session
    # 66: "my mum has been on alendronic acid for 5 years, can she stop it now?" met no passage on topic)
    for word in dict.fromkeys(_WORDS.findall(lowered) + acids):
        stems = tuple(stem_sequence(word))
        if len(stems) != len(word.split()):
            continue
        if names := class_names(word):
            found.append(ClassEquivalent(lay=word, stems=stems, medical=names))
        members, shorts = member_class_names(word)
        if members:
            found.append(ClassEquivalent(lay=word, stems=stems, medical=members, abbreviations=shorts))
    return found


def _treated_conditions(question: str) -> list[LayEquivalent]:
    """A class of the question named for the condition it treats (compose/variants.py ``TREATED_CONDITIONS``), as an
    equivalent covered by the condition's words: a title naming the condition names the class's topic ("Hypertension
    in adults" for "Which antihypertensive should I start first in a 50-year-old with no diabetes?", which the kidney
    overview's one "antihypertensives" took, session 53). Not a ClassEquivalent: the condition is the topic."""
    found = []
    for word in dict.fromkeys(_WORDS.findall(question.lower())):
        stems = tuple(stem_sequence(word))
        if len(stems) == 1 and (condition := treated_condition(word)):
            found.append(LayEquivalent(lay=word, stems=stems, medical=condition))
    return found


def drug_name_equivalents(question: str, unheld: frozenset[str]) -> list[LayEquivalent]:
    """A drug the question names by a name no passage of the library holds (``unheld``: a brand, "Prolia"), as an
    equivalent covered by its generic name ("denosumab"): "ive had prolia injections for 4 years now, can i just stop
    having them" met no passage on its topic, though the osteoporosis overview says when denosumab may be stopped. Any
    other name of the generic covers it too: Calpol is acetaminophen, which the otitis-media overview writes as
    "paracetamol" (session 58: "wants us to just do calpol and nurofen and wait" held Calpol on no passage)."""
    if not unheld:
        return []
    words = raw_tokens(question)
    found = []
    for match in find_drugs(words):
        written = " ".join(words[match.begin:match.end])
        stems = tuple(stem_sequence(written))
        generic = match.name.lower()
        if stems and set(stems) <= unheld and generic != written.lower():
            others = (name.lower() for name in match.synonyms if len(name) >= 4 and name.lower() != written.lower())
            found.append(LayEquivalent(lay=written, stems=stems, medical=tuple(dict.fromkeys([generic, *others]))))
    return found


def _spelled_out(question: str) -> list[LayEquivalent]:
    """An abbreviation of the question, as an equivalent covered by any of its spelled-out meanings: "EF 30%" is
    covered by a passage saying "ejection fraction", "BP 168/112" by one saying "blood pressure" (the abbreviation
    alone is a rare token that would outweigh the question's other words; a source spelling out one meaning of an
    ambiguous abbreviation says which one the question meant). Medora's own abbreviations with one capital count too:
    "routine O2 or hold off?" is covered by a passage on oxygen."""
    found = []
    own = load_own_abbreviations()
    one_capital = [word for word in re.findall(r"\b[A-Z][A-Za-z0-9]+\b", question) if word in own]  # "O2", "Abx"
    for word in dict.fromkeys(ABBREVIATION.findall(question) + one_capital):
        meanings = meanings_of(word) or own.get(word, ())
        if len(meanings) > 1:  # of an ambiguous one, only the phrases: a one-word meaning is too often another word
            meanings = tuple(meaning for meaning in meanings if len(meaning.split()) >= 2)
        stems = tuple(stem_sequence(word))
        if meanings and len(stems) == 1:
            found.append(LayEquivalent(lay=word, stems=stems, medical=meanings, abbreviations=(word,)))
    return found



def names_key_phrase(text: str, weights: QuestionWeights) -> bool:
    """True when the text holds two neighbouring topic words of the question as a run ("blood tests") or the
    medical words of one of its lay phrases ("first metatarsophalangeal joint" for "big toe")."""
    prepared = TermText(text)
    return any(f" {a} {b} " in prepared.sequence for a, b in weights.phrases) or any(
        any(prepared.mentions(word) for word in item.medical)
        or any(prepared.names_abbreviation(short) for short in item.abbreviations)
        for item in weights.equivalents
    )


def joined_words(text: str) -> set[str]:
    """The text's hyphenated words written as one, stemmed: the question's "xray" is the overview's "X-ray" (topic words
    are read without hyphenated tokens, ``content_words``, so "gp says no xray needed … shouldnt i have a scan?" did
    not find its "xray" in the back-pain overview's "Do not offer imaging (X-ray, CT or MRI)")."""
    return {stem(token.replace("-", "")) for token in raw_tokens(text) if "-" in token}


def covered_words(text: str, weights: QuestionWeights, *, spelled: bool = False) -> set[str]:
    """The question's topic words the text holds, as written or, for a lay phrase, by one of its medical words; with
    ``spelled`` (for a title), also by the one meaning of an abbreviation it holds ("HFrEF": ejection fraction) and
    by the word forms the specific-term gate reads (``TermText.mentions``: a compound's tail, "thromboprophylaxis" by
    "thromboembolism prophylaxis"; a plural; a longer word it begins)."""
    prepared = TermText(text) if spelled else None
    words = content_words(text) | joined_words(text) | (prepared.words if prepared else set())
    covered = {token for token in weights if token in words or other_spellings(token) & words}  # or spelt another
    # way: a question's "hyperkalemia" by the overview's "hyperkalaemia"
    if prepared:
        covered |= {token for token in weights if token not in covered and prepared.mentions(token)}
    equivalents = [
        item for item in weights.equivalents
        if any(stem in weights and stem not in covered for stem in item.stems)
    ]
    if equivalents:
        prepared = prepared or TermText(text)
        for item in equivalents:
            if any(prepared.mentions(word) for word in item.medical) or any(
                prepared.names_abbreviation(short) for short in item.abbreviations
            ):
                covered |= set(item.stems) & weights.keys()
    return covered


def text_coverage(text: str, weights: QuestionWeights) -> float:
    """IDF-weighted share of the question's topic words that the text contains."""
    total = sum(weights.values())
    return sum(weights[token] for token in covered_words(text, weights)) / total if total else 0.0


def topic_coverage(evidence: Evidence, weights: QuestionWeights) -> float:
    """IDF-weighted share of the question's topic words that the passage (with its title) contains."""
    return text_coverage(f"{evidence.source.title} {evidence.text} {' '.join(evidence.source.mesh)}", weights)


def is_on_topic(evidence: Evidence, weights: QuestionWeights, *, dense_used: bool) -> bool:
    """Word coverage decides; similarity (when dense retrieval ran; a passage outside its candidates counts as 0)
    lowers the share of words needed but never replaces them: the otitis-media analgesia passage is close in meaning
    to a question about pain in newborns (0.39) yet holds none of its words. A passage the dense search did not
    return (found by its words only; its exact similarity from the retriever) must be close in meaning on its own
    (0.35): the one YUTIQ record (0.43) answers "What is Yutiq?", the carpal-tunnel overview's line naming
    rheumatoid arthritis as a cause (0.26) does not answer how to treat it."""
    coverage = topic_coverage(evidence, weights)
    if not dense_used:
        return coverage >= MIN_QUESTION_COVERAGE
    similarity = evidence.dense_similarity or 0.0
    words_only = evidence.dense_rank is None and evidence.lexical_rank is not None  # BM25 found it, dense did not
    if similarity < (MIN_DENSE_SIMILARITY if words_only else MIN_DENSE_WITH_WORDS):
        return not words_only and similarity >= MIN_FAR_SIMILARITY and coverage >= MIN_FAR_COVERAGE
    return (
        coverage >= MIN_QUESTION_COVERAGE
        or (similarity >= MIN_DENSE_SIMILARITY and coverage >= MIN_DENSE_COVERAGE)
        or (similarity >= MIN_CLOSE_SIMILARITY and coverage >= MIN_CLOSE_COVERAGE)
    )


def whole_coverages(whole_texts: dict[int, str], weights: QuestionWeights) -> dict[int, float]:
    """Source id → the share of the question's topic words an editorial overview's whole text holds (computed once
    a question, for the on-topic gate and the choice of the overview)."""
    return {source_id: text_coverage(text, weights) for source_id, text in whole_texts.items()}


def on_topic_evidence(
    retrieved: list[Evidence],
    weights: QuestionWeights,
    whole_coverage: dict[int, float] | None = None,
    terms: list[SpecificTerm] | None = None,
) -> list[Evidence]:
    """The on-topic passages; with ``whole_coverage`` (source id → an editorial overview's ``whole_coverages``),
    also an overview's passage close in meaning that names one of the question's specific ``terms`` when it has some
    (``is_in_overview_topic``)."""
    dense_used = any(item.dense_similarity is not None for item in retrieved)
    whole_coverage = whole_coverage or {}
    return [
        item
        for item in retrieved
        if is_on_topic(item, weights, dense_used=dense_used)
        or is_in_overview_topic(item, weights, whole_coverage.get(item.source_id, 0.0)) and names_a_term(item, terms)
    ]


def names_a_term(evidence: Evidence, terms: list[SpecificTerm] | None) -> bool:
    """True without terms, else when the passage names one of them other than a population: the dementia overview's
    passages on memory tests are close in meaning to "How is early Parkinson disease treated?" and the overview
    names Parkinson disease once, yet those passages are not on it."""
    wanted = [term for term in terms or [] if term.kind != "population"]
    if not wanted:
        return True
    prepared = TermText(evidence.text)
    return any(prepared.covers(term) for term in wanted)


def is_in_overview_topic(evidence: Evidence, weights: QuestionWeights, whole_coverage: float) -> bool:
    """A vignette spreads its words over an overview's sections ("throat swelling and hives after a bee sting, what
    dose of adrenaline?": the venom trigger in Assessment, the dose in Management). An overview's passage close in
    meaning to the question (similarity ≥ 0.35) that holds some of its words is on topic when the overview as a whole
    holds most of them (half, IDF-weighted)."""
    return is_close_overview_passage(evidence, weights) and whole_coverage >= MIN_QUESTION_COVERAGE


def is_close_overview_passage(evidence: Evidence, weights: QuestionWeights) -> bool:
    """An overview's passage close in meaning to the question that holds some of its words: its overview is on topic
    if the whole holds most of them (``is_in_overview_topic``)."""
    return (
        evidence.source.kind is Kind.EDITORIAL_SUMMARY
        and (evidence.dense_similarity or 0.0) >= MIN_DENSE_SIMILARITY
        and topic_coverage(evidence, weights) >= MIN_CLOSE_COVERAGE
    )


def overview_candidates(retrieved: list[Evidence], weights: QuestionWeights) -> list[int]:
    """The editorial overviews with a retrieved passage that may be on topic (``on_topic_evidence`` keeps no other
    overview's passage): only their whole text is ever read."""
    dense_used = any(item.dense_similarity is not None for item in retrieved)
    return list(
        dict.fromkeys(
            item.source_id
            for item in retrieved
            if item.source.kind is Kind.EDITORIAL_SUMMARY
            and (is_on_topic(item, weights, dense_used=dense_used) or is_close_overview_passage(item, weights))
        )
    )


def source_texts(evidence: list[Evidence], whole_sources: dict[int, list[Evidence]] | None = None) -> dict[int, str]:
    """Source id → the text that may name the question's terms: title, MeSH and its retrieved passages, or for a
    source whose every passage is given (an editorial overview), its whole text."""
    whole_sources = whole_sources or {}
    texts: dict[int, list[str]] = {}
    for item in evidence:
        parts = texts.setdefault(item.source_id, [item.source.title, " ".join(item.source.mesh)])
        if item.source_id not in whole_sources:
            parts.append(item.text)
    for source_id, passages in whole_sources.items():
        if source_id in texts:  # its section headings too: "Vasopressors and steroids" names the steroids asked for
            headings = dict.fromkeys(p.section.rsplit("›", 1)[-1].strip() for p in passages if p.section)
            texts[source_id] += [p.text for p in passages] + list(headings)
    return {source_id: "\n".join(parts) for source_id, parts in texts.items()}


def terms_by_source(texts: dict[int, str], terms: list[SpecificTerm]) -> dict[int, set[str]]:
    """Source id → labels of the specific terms its text names."""
    found = {}
    for source_id, text in texts.items():
        prepared = TermText(text)
        found[source_id] = {term.label for term in terms if prepared.covers(term)}
    return found


def passage_answers(evidence: Evidence, terms: list[SpecificTerm]) -> bool:
    """True when the passage itself (with its source's title and MeSH) names the question's specific terms: the
    test for the sentences a verdict or an evidence-borne red flag may rest on."""
    prepared = TermText(f"{heading(evidence.source)} {evidence.text}")
    return answers_terms({term.label for term in terms if prepared.covers(term)}, terms)


def sentence_answers(evidence: Evidence, terms: list[SpecificTerm], excused: frozenset[str] = frozenset()) -> bool:
    """True when one sentence of the passage names the question's specific terms together: stricter than
    ``passage_answers``, for laying out an overview whose title names none of the question's words. The ``excused``
    labels (signs of the overview's condition, answer.select_evidence) count as named in every sentence."""
    return any(
        answers_terms(
            {term.label for term in terms if TermText(sentence).covers(term)} | excused, terms, one_sentence=True
        )
        for sentence in with_antecedents(split_sentences(evidence.text))
    )


# A sentence opening with a pronoun goes on with the one before: "Lecanemab is considered only for … Alzheimer's
# disease. It … is not recommended for people taking anticoagulants" says both of lecanemab
POINTS_BACK = re.compile(r"^(?:it|its|this|these|they|their|such)\b", re.IGNORECASE)


def with_antecedents(sentences: list[str]) -> list[str]:
    """The sentences, each one that opens with a pronoun ("It requires …") read together with the sentence before
    it, whose subject it continues."""
    return [
        f"{sentences[index - 1]} {sentence}" if index and POINTS_BACK.match(sentence.lstrip("-* ")) else sentence
        for index, sentence in enumerate(sentences)
    ]


def names_terms_together(
    source_id: int | None,
    evidence: list[Evidence],
    terms: list[SpecificTerm],
    weights: QuestionWeights | None = None,
    excused: frozenset[str] = frozenset(),
) -> bool:
    """True when the overview is on the question by more than one stray passage: one sentence names two or more of
    the question's terms together, or two or more of its passages are on the question's topic; for a question in
    everyday words only (no specific term), its one passage holds a phrase of the question (``names_key_phrase``):
    the cellulitis overview's one line on "animal bites" does not answer "How should a dog bite wound be managed?". The kidney overview, on topic only
    by one passage naming metformin in one bullet and pregnancy in the next, does not answer "Is metformin safe in
    pregnancy?"; the osteoporosis overview, several passages on topic, answers "Who should get a DXA scan and when
    are bisphosphonates indicated?"."""
    own = [item for item in evidence if item.source_id == source_id]
    if len(own) >= 2:
        return True
    if not terms:  # everyday words only: the one passage must hold a phrase of the question, not a word it shares
        return weights is not None and any(names_key_phrase(item.text, weights) for item in own)
    # one passage: its sentence must join two or more terms; a lone term in a lone passage is a mention, not the
    # topic (the dementia overview's one line on Parkinson disease does not answer how Parkinson disease is treated),
    # unless the passage is a section about it (``section_answers``)
    return any(section_answers(item, terms) for item in own) or len(terms) >= 2 and any(
        sentence_answers(item, terms, excused) for item in own
    )


def section_answers(evidence: Evidence, terms: list[SpecificTerm]) -> bool:
    """True when the passage's own section heading names a specific term of the question and the heading and passage
    together name them all: the heart-failure overview's section "Mildly reduced and preserved ejection fraction
    (HFmrEF, HFpEF)" is the overview's word on "What drugs help HFpEF?", not a stray mention."""
    own_heading = evidence.section.rsplit("›", 1)[-1]
    prepared = TermText(own_heading)
    return any(prepared.covers(term) for term in terms) and answers_terms(
        {term.label for term in terms if TermText(f"{own_heading} {evidence.text}").covers(term)}, terms
    )


MANY_TERMS = 3  # an overview naming this many of a question's specific terms, and all of them, is on the question


def names_many_terms(labels: set[str], terms: list[SpecificTerm]) -> bool:
    """True when the overview's text names every one of the question's specific terms and there are
    ``MANY_TERMS`` or more: a vignette's findings and drugs ("LVEF 30%, NYHA II, on ramipril and bisoprolol, eGFR
    62") spread over the heart-failure overview's sections, never joined in one sentence, yet no stray mention names
    three of them; the kidney overview's metformin and pregnancy are two."""
    own = {term.label for term in terms if not term.context and not (term.finding and term.label not in labels)}
    return len(own) >= MANY_TERMS and own <= labels


def answering_evidence(
    on_topic: list[Evidence],
    terms: list[SpecificTerm],
    covered: dict[int, set[str]],
    weights: QuestionWeights,
    presented: Mapping[int, set[str]] | None = None,
) -> list[Evidence]:
    """The on-topic passages whose source names the question's specific terms. An editorial overview is one topic:
    past the first one retrieved, an overview answers only when its title or specialties name a topic word of the
    question (the obesity overview mentions contraception and adolescents; it does not answer contraception), and
    the topic overview found by its passages' words alone must name the question's terms together (the kidney
    overview's "metformin during dehydrating illness" and "stopped when pregnancy is planned" do not answer
    "Is metformin safe in pregnancy?"; ``names_terms_together``; the signs of its condition
    the case presents with count as named in every sentence: ``presented``, answer.select_evidence)."""
    if terms and all(term.kind == "population" for term in terms):  # whom it is about is no subject: a passage
        # must also hold a topic word of the question beside them (session 38: the ear-infection overview's children
        # for "my child has worms, what treatment?")
        populations = {stem for term in terms for form in (term.label, *term.forms) for stem in stem_sequence(form)}
        on_topic = [item for item in on_topic if _beside_populations(item, populations, weights)]
    first_overview = topic_overview(on_topic, weights)
    excused = frozenset((presented or {}).get(first_overview, ())) if first_overview is not None else frozenset()
    first_answers = names_terms_together(first_overview, on_topic, terms, weights, excused) or names_many_terms(
        covered.get(first_overview, set()), terms
    )
    return [
        item
        for item in on_topic
        if answers_terms(covered.get(item.source_id, set()), terms)
        and (
            item.source.kind is not Kind.EDITORIAL_SUMMARY
            or names_topic_in_title(item, weights)
            or (item.source_id == first_overview and first_answers)
        )
        and not on_a_denied_condition(item, weights)
    ]


def on_a_denied_condition(evidence: Evidence, weights: QuestionWeights) -> bool:
    """True for an editorial overview whose title's condition (before its dash or colon) the question denies of the
    patient: what it says is said of people with it (session 58: "non-diabetic CKD G3b, serum urate 560 but has never
    had gout or kidney stones. Should allopurinol be started to slow his CKD progression?" was answered by the gout
    overview's urate-lowering therapy for people with gout and CKD). Not when the title's condition holds another
    topic word of the question: "Dementia and cognitive impairment" is still the topic of "mild cognitive impairment,
    not dementia"."""
    if evidence.source.kind is not Kind.EDITORIAL_SUMMARY or not weights.denied:
        return False
    condition = re.split(r"\s[—–:-]\s|:", evidence.source.title, maxsplit=1)[0]
    glosses = " ".join(TITLE_GLOSSES[word.lower()] for word in _GLOSSED.findall(condition))  # "high potassium"
    head = set(stem_sequence(f"{condition} {glosses}"))
    return bool(head & weights.denied) and not (head - weights.denied - GENERIC_WORDS) & set(weights)


def _beside_populations(evidence: Evidence, populations: set[str], weights: QuestionWeights) -> bool:
    """True when the passage (with its title) holds a topic word of the question that is none of the populations'
    stems."""
    return bool(covered_words(f"{evidence.source.title} {evidence.text}", weights) - populations)


def title_weight(evidence: Evidence, weights: QuestionWeights) -> float:
    """IDF weight of the question's topic words that the source's title holds."""
    return sum(weights[token] for token in title_words(evidence.source.title, evidence.source, weights))


def topic_overview(evidence: list[Evidence], weights: QuestionWeights) -> int | None:
    """The source id of the editorial overview holding most of the question's topic words in a passage, a title word
    counting extra (then: the one closest in meaning, then the best ranked): the one overview that may answer without
    naming a non-population topic word in its title ("Hypertension in pregnancy" is not the topic of heart failure in
    pregnancy). By the title alone, a vignette's context picked the wrong one ("after a stroke, heparin to prevent
    clots?" is not the stroke overview's topic)."""
    total = sum(weights.values()) or 1.0
    weights = without_classes(weights)
    overviews = [
        (
            topic_coverage(item, weights) + TITLE_BONUS * title_weight(item, weights) / total,
            item.dense_similarity or 0.0,
            -rank,
            item.source_id,
        )
        for rank, item in enumerate(evidence)
        if item.source.kind is Kind.EDITORIAL_SUMMARY
    ]
    return max(overviews)[3] if overviews else None


_POPULATION_STEMS = frozenset(POPULATION_STEMS)


# A condition a title names by its medical word, with the everyday words that say what it is: "Hypertension in adults"
# is on blood pressure (session 51: "What blood pressure target should I aim for?", one of its own front-matter
# questions, was partial, the pregnancy overview's title holding no more of it than the adults' one)
TITLE_GLOSSES: dict[str, str] = {"hypertension": "high blood pressure", "hyperkalaemia": "high potassium"}
# A title's condition by the abbreviations of its kinds, as a clinician writes them: only as written, never through
# the lay words they also name (session 66: "Suspected NSTEMI in 64M … routine O2 or hold off?" found the oxygen advice
# of "Acute coronary syndrome", whose title named no word of it; as a gloss, "STEMI" also named the "heart attack" of
# "Should I take aspirin every day to prevent a heart attack?", no question on the syndrome)
TITLE_ABBREVIATIONS: dict[str, tuple[str, ...]] = {"acute coronary syndrome": ("stemi", "nstemi")}
_GLOSSED = re.compile(rf"\b(?:{'|'.join(TITLE_GLOSSES)})\b", re.IGNORECASE)


def heading(source: Source) -> str:
    """A source's title and MeSH terms, and what a title's medical word means (``TITLE_GLOSSES``): what names its
    own topic."""
    glosses = " ".join(TITLE_GLOSSES[word.lower()] for word in _GLOSSED.findall(source.title))
    return f"{source.title} {' '.join(source.mesh)} {glosses}".rstrip()


def names_topic_in_title(evidence: Evidence, weights: QuestionWeights) -> bool:
    """True when the source's title or MeSH/specialties hold a topic word of the question other than a population,
    and not only as the head of another compound (``_other_compound_heads``) or through a gloss the question's own
    phrase contradicts (``_glossed_otherwise``); or the question writes the abbreviation of a kind of the title's
    condition (``TITLE_ABBREVIATIONS``)."""
    source = evidence.source
    words = title_words(heading(source), source, weights) - _POPULATION_STEMS
    title = source.title.lower()
    abbreviated = any(short in weights for kind, shorts in TITLE_ABBREVIATIONS.items() if kind in title
                      for short in shorts)  # "NSTEMI" as written: a kind of "Acute coronary syndrome"
    return abbreviated or bool(words - _glossed_otherwise(source, weights, words))


def _glossed_otherwise(source: Source, weights: QuestionWeights, words: set[str]) -> set[str]:
    """The question's words a heading holds only through its gloss (``TITLE_GLOSSES``) that the question writes
    inside a lay phrase whose medical words the heading does not name: "my blood pressure drops when I stand up" is
    orthostatic hypotension, not the "high blood pressure" of "Hypertension in adults" (session 53)."""
    glossed = words - title_words(f"{source.title} {' '.join(source.mesh)}", source, weights)
    if not glossed:
        return set()
    text = TermText(heading(source))
    phrases = [item for item in weights.equivalents if not isinstance(item, ClassEquivalent)]
    return {
        word for word in glossed
        if any(word in item.stems and not any(text.mentions(medical) for medical in item.medical) for item in phrases)
    }


def title_words(text: str, source: Source, weights: QuestionWeights) -> set[str]:
    """The question's topic words a source's title (or heading, ``text``) holds, less those it holds only as the head
    of another compound (``_other_compound_heads``); none from a title on another kind of the question's condition
    (``other_kind``: "Hepatitis B" for "is there a vaccine for hepatitis C?")."""
    if other_kind(source.title, weights.qualified):
        return set()
    covered = covered_words(text, weights, spelled=True)
    return covered - _other_compound_heads(source.title, weights, covered) - _other_parts_words(source.title, weights)


def _other_parts_words(title: str, weights: QuestionWeights) -> set[str]:
    """The question's words a title holds only beside a body part the question does not name, when the question
    speaks of another part: the "sore" of "Acute sore throat" is not "Dad's shin is red, hot and sore" (session 49),
    nor the "pain" of "Acute chest pain" a knee's."""
    if not weights.parts:
        return set()
    words = [word for word in raw_tokens(title) if "-" not in word]
    asked = {stem(part) for part in weights.parts} | set(weights)
    elsewhere = {
        index for index, word in enumerate(words) if is_body_part(word) and stem(word) not in asked
    }
    return {
        stem(word) for index, word in enumerate(words)
        if stem(word) in weights and (index - 1 in elsewhere or index + 1 in elsewhere)
    }


def _other_compound_heads(title: str, weights: QuestionWeights, covered: set[str]) -> set[str]:
    """The question's words a title holds only after another word of its own, when the question holds them inside a
    lay phrase (``weights.equivalents``) whose other words, and so whose medical words, the title lacks: the "attack"
    of "Stroke and TIA" (transient ischaemic attack) is not the question's "heart attack" ("my husband had a heart
    attack and is on atorvastatin 80, is that dose too high?" was answered by the stroke overview). Only a lay
    phrase's: any word before a head word reads as another compound ("a mini stroke" is the stroke overview's)."""
    lay_runs = {f" {' '.join(item.stems)} " for item in weights.equivalents}
    heads = {
        b for a, b in weights.phrases
        if b in covered and a not in covered and any(f" {a} {b} " in run for run in lay_runs)
    }
    if not heads:
        return set()
    spelled = spelled_out_abbreviations(title)  # "TIA" holds its "attack"
    preceding: dict[str, set[str | None]] = {head: set() for head in heads}
    for part in [title, *spelled]:
        words = [word for word in raw_tokens(part) if "-" not in word]
        for index, word in enumerate(words):
            if (head := stem(word)) in preceding:
                before = words[index - 1] if index else None
                plain = before is None or before in STOPWORDS or before.isdigit()
                preceding[head].add(None if plain else stem(before))
    return {
        head for head, before in preceding.items()
        if before and None not in before and not before & {a for a, b in weights.phrases if b == head}
    }


def matching_overview(
    evidence: list[Evidence],
    weights: QuestionWeights,
    *,
    terms: list[SpecificTerm] | None = None,
    covered: dict[int, set[str]] | None = None,
    whole_coverage: dict[int, float] | None = None,
) -> Evidence | None:
    """The best-ranked editorial overview among the top passages that is squarely on the question's topic and names
    its specific terms (besides the topic overview, only one whose title names a topic word of the question); an
    overview on the topic but not the question is a partial answer's closest source, never its backbone. The topic
    overview whose title names a topic word is also squarely on a vignette's topic when, as a whole (``whole_coverage``),
    it holds most of the question's words: "sudden breathlessness and pleuritic pain after surgery, how do I rule out
    a clot in the lung?" spreads over the pulmonary embolism overview's sections."""
    first_overview = topic_overview(evidence, weights)
    whole = (whole_coverage or {}).get(first_overview) if first_overview is not None else None
    populations = [term for term in terms or [] if term.kind == "population"]
    titled = {  # an overview written for the question's population comes first: "I'm pregnant, will my high blood
        # pressure go away after the baby?" is hypertension in pregnancy's, though the hypertension overview names it
        item.source_id for item in evidence
        if populations and any(TermText(heading(item.source)).covers(term) for term in populations)
    }
    for item in sorted(evidence[:OVERVIEW_SEARCH_DEPTH], key=lambda item: item.source_id not in titled):
        if item.source.kind is not Kind.EDITORIAL_SUMMARY or other_kind(item.source.title, weights.qualified) or (
            on_a_denied_condition(item, weights)
        ):
            continue
        coverage = topic_coverage(item, weights)
        squarely = coverage >= OVERVIEW_MATCH or (
            (item.dense_similarity or 0.0) >= OVERVIEW_SIMILARITY and coverage >= MIN_DENSE_COVERAGE
        ) or (
            item.source_id == first_overview and whole is not None and whole >= OVERVIEW_MATCH
            and coverage >= MIN_DENSE_COVERAGE and names_topic_in_title(item, weights)
        )
        answers = not terms or answers_terms((covered or {}).get(item.source_id, set()), terms)
        if not (squarely and answers):
            continue
        if names_topic_in_title(item, weights):
            return item
        if item.source_id == first_overview and names_terms_together(item.source_id, evidence, terms or [], weights):
            return item  # found by its passages' words alone, it must name the question's terms together
    return None


def sole_answering_overview(
    answering: list[Evidence],
    on_topic: list[Evidence],
    weights: QuestionWeights,
    terms: list[SpecificTerm],
    covered: dict[int, set[str]] | None = None,
    presented: Mapping[int, set[str]] | None = None,
) -> Evidence | None:
    """The topic overview when it is the only source that answers: a vignette ("hot swollen big toe overnight") holds
    words no overview repeats, so it is not squarely on the overview's topic by its words, yet the question is
    answered and only by that overview, which is then laid out whole. Never used when nothing answers, nor when the
    question's terms meet only across the overview's passages: the kidney overview naming metformin in one passage
    and pregnancy in another, even within one passage, does not answer "Is metformin safe in pregnancy?". The signs
    of its condition the case presents with (``presented``, answer.select_evidence) count as named in every
    sentence, as in ``answering_evidence``."""
    sources = {item.source_id for item in answering}
    if len(sources) != 1 or answering[0].source.kind is not Kind.EDITORIAL_SUMMARY:
        return None
    source_id = answering[0].source_id
    excused = frozenset((presented or {}).get(source_id, ()))
    if not names_terms_together(source_id, answering, terms, weights, excused) and not names_many_terms(
        (covered or {}).get(source_id, set()), terms
    ):
        return None
    return answering[0] if answering[0].source_id == topic_overview(on_topic, weights) else None


LAY_SIMILARITY = 0.40  # the closest passage of an overview asked about in everyday words…
LAY_MARGIN = 0.05  # …ahead of any other source's closest passage by this much, unless its next passage is as close


def closest_in_meaning(retrieved: list[Evidence]) -> Evidence | None:
    """The overview a question in everyday words is about, by meaning alone: the dense search's closest passage, when
    it is an editorial overview's, close (``LAY_SIMILARITY``), and its overview clearly ahead: the next-closest
    passage is its own, or another source's is ``LAY_MARGIN`` further. "my thumb and fingers go numb at night" shares
    no word with "carpal tunnel syndrome" yet is closest to its passages. Only a fallback: words decide first, and
    the overview must still name every specific term of the question (``everyday_overview``)."""
    ranked = _dense_ranked(retrieved)
    top = _close_overview_passage(ranked)
    if top is None:
        return None
    if len(ranked) == 1 or ranked[1].source_id == top.source_id:
        return top
    return top if (top.dense_similarity or 0.0) - (ranked[1].dense_similarity or 0.0) >= LAY_MARGIN else None


def near_in_meaning(retrieved: list[Evidence]) -> list[Evidence]:
    """When ``closest_in_meaning`` finds no overview clearly ahead: the closest passage of each overview within
    ``LAY_MARGIN`` of the closest passage (itself an overview's, at ``LAY_SIMILARITY`` or more), closest first; else
    none. Another test may then tell them apart ("red hot swollen lower leg": cellulitis 0.515, sore throat 0.514)."""
    ranked = _dense_ranked(retrieved)
    if _close_overview_passage(ranked) is None:
        return []
    top = ranked[0].dense_similarity or 0.0
    near: dict[int, Evidence] = {}
    for item in ranked:
        if top - (item.dense_similarity or 0.0) >= LAY_MARGIN:
            break
        if item.source.kind is Kind.EDITORIAL_SUMMARY:
            near.setdefault(item.source_id, item)
    return list(near.values())


def _close_overview_passage(ranked: list[Evidence]) -> Evidence | None:
    """The dense search's closest passage (``ranked``: closest first) when it is an overview's and close
    (``LAY_SIMILARITY``); else None."""
    if not ranked or ranked[0].source.kind is not Kind.EDITORIAL_SUMMARY:
        return None
    return ranked[0] if (ranked[0].dense_similarity or 0.0) >= LAY_SIMILARITY else None


DESCRIBED_SCORE = 0.45  # the mean cosine of a question and an overview's three closest everyday descriptions…
DESCRIBED_MARGIN = 0.05  # …ahead of every other overview's by this much (both chosen on the tuned coverage sets)
DESCRIBED_PROBABILITY = 0.5  # the description model's probability that brings an overview (chosen with
# retrieve/described.py MODEL_L2 on the tuned coverage sets' everyday questions: the model alone routed 193 right and
# 5 wrong, the closest lines alone 157 and 6; together they keep what each finds)
DESCRIBED_FLOOR = 0.40  # the likeness below which the descriptions neither bring nor confirm an overview


def closest_described(matches: list[DescribedMatch]) -> DescribedMatch | None:
    """The overview a question in everyday words describes, by the everyday descriptions of each overview's complaint
    (library/descriptions.py; ``matches``: each overview's likeness and the description model's probability). The
    model's likeliest overview, at ``DESCRIBED_PROBABILITY`` or more, still close to its own lines
    (``DESCRIBED_FLOOR``: a model of lines extrapolates far from them): "hot, shivery, confused and breathing fast
    after a water infection" is sepsis, though the pneumonia lines are as close; else the overview whose closest lines
    are close (``DESCRIBED_SCORE``) and clearly ahead of the next (``DESCRIBED_MARGIN``): "shared needles, what should
    I be checked for?" splits the model between the hepatitis and HIV overviews. Either way no complaint the library
    does not cover within the margin ("my shoulder is so stiff"). "It stings when I wee and I'm going every half
    hour" is 0.3 from any passage of the urinary tract infection overview and about 0.6 from "it burns when I pee and
    I keep needing to go". Only a fallback, after the passages' meaning, with the same checks after it
    (answer._by_meaning)."""
    outside = max((match.score for match in matches if match.outside), default=0.0)
    likely = max(matches, key=lambda match: match.probability, default=None)
    if (
        likely is not None and not likely.outside and likely.probability >= DESCRIBED_PROBABILITY
        and likely.score >= DESCRIBED_FLOOR and likely.score - outside >= DESCRIBED_MARGIN
    ):
        return likely
    if not matches or matches[0].outside or matches[0].score < DESCRIBED_SCORE:
        return None  # nothing close, or closest to a complaint no overview covers
    if len(matches) > 1 and matches[0].score - matches[1].score < DESCRIBED_MARGIN:
        return None
    rival = max((match for match in matches if not match.outside), key=lambda match: match.probability, default=None)
    if rival is not None and matches[0].probability < rival.probability / 2:
        return None  # the model clearly prefers another overview: "my doctor says my heart pumps at 35% and wants me
        # on four heart pills" is closest to a hyperkalaemia line on heart medicines (probability 0.10), the
        # model's likeliest overview another (0.27)
    return matches[0]


def described_first(matches: list[DescribedMatch], key: str) -> bool:
    """True when the everyday descriptions put this overview (its source key, "library:hypertension") first, at
    ``DESCRIBED_FLOOR`` or closer, with no complaint the library does not cover within ``DESCRIBED_MARGIN`` of it:
    the descriptions confirm what the passages' meaning found ("I get anxious before speaking in public" is as close
    to stage fright as to the anxiety overview)."""
    first = matches[0] if matches else None
    if first is None or first.outside or f"{LIBRARY_PREFIX}{first.topic}" != key or first.score < DESCRIBED_FLOOR:
        return False
    outside = max((match.score for match in matches if match.outside), default=0.0)
    return first.score - outside >= DESCRIBED_MARGIN


COMPLAINT_RANK = 3  # without its population words, a question keeps its overview among this many closest…


def complaint_keeps(matches: list[DescribedMatch], topic: str) -> bool:
    """True when the overview is still among the ``COMPLAINT_RANK`` closest overviews (complaints outside the library
    aside) at ``DESCRIBED_FLOOR`` or closer, by a question read without its population words (answer._complaint_decides)."""
    overviews = [match for match in matches if not match.outside][:COMPLAINT_RANK]
    return any(match.topic == topic and match.score >= DESCRIBED_FLOOR for match in overviews)


def closest_two_agree(retrieved: list[Evidence], source_id: int) -> bool:
    """True when the dense search's two closest passages are both of the source: its meaning is not one passage's."""
    ranked = _dense_ranked(retrieved)
    return len(ranked) >= 2 and ranked[0].source_id == ranked[1].source_id == source_id


def _dense_ranked(retrieved: list[Evidence]) -> list[Evidence]:
    """The passages the dense search found, closest first."""
    return sorted((item for item in retrieved if item.dense_rank is not None), key=lambda item: item.dense_rank)


MIN_NAMING_PASSAGES = 2  # an overview answering by meaning names each term of the question in this many passages


def everyday_overview(
    terms: list[SpecificTerm], passages: list[str], *, agree: bool, described: bool = False
) -> bool:
    """True when the overview closest in meaning (``closest_in_meaning``; ``passages``: its heading and passages)
    may answer a question its words did not reach: it names the question's specific terms (``answers_terms``), so
    a lay question about a treatment the overview does not address stays partial, and names each of them it names
    in two passages or more: the dementia overview is close in meaning to "How is early Parkinson disease
    treated?" and names Parkinson disease once, in passing. A drug asked about needs ``agree`` too (the
    dense search's two closest passages are the overview's, ``closest_two_agree``): "would melatonin help mum's
    confusion in hospital?" is closest in meaning to one passage of the insomnia overview, which names melatonin but
    is not on confusion. A case's own drugs (``context``) may be named in passing, and so may its findings once a
    term of the question itself, not a drug, is named in full ("reperfusion plan?" beside "the nearest cath lab is 3
    hours away"); findings alone must be named like a subject (a tongue swelling on ramipril, "voice slightly
    hoarse", is not the sore-throat overview's, nor "erythema … after a cat bite. Which antibiotic?" cellulitis's).
    An everyday account's findings (``told``) may be named in passing once its descriptions or its two closest
    passages agree on the overview (session 72: "… can barely get round the supermarket … he's done the physio …
    too old and too heavy for a new hip?" beside the osteoarthritis overview, which names physiotherapy once)."""
    if not agree and asks_about_drug(terms):
        return False
    prepared = [TermText(text) for text in passages]
    naming = {term.label: sum(text.covers(term) for text in prepared) for term in terms}
    if not answers_terms({label for label, count in naming.items() if count}, terms):
        return False
    asked_in_full = any(  # a drug or a class alone ("which antibiotic?") says only that a drug is wanted
        naming[term.label] >= MIN_NAMING_PASSAGES for term in terms
        if not term.context and not term.finding and term.kind in ("term", "word")
    )
    return all(
        count >= MIN_NAMING_PASSAGES for term in terms
        if (count := naming[term.label]) and not term.context
        and not (term.finding and (asked_in_full or (described or agree) and term.told))
    )


def closest_source(
    on_topic: list[Evidence], terms: list[SpecificTerm], covered: dict[int, set[str]], topic: int | None = None
) -> int | None:
    """The on-topic source naming most of the question's specific terms besides its populations, then most of all,
    then the topic overview (``topic``), then the better ranked: "my 6 year old has flu, can he have tamiflu?" is
    closest to the influenza overview, which names flu and tamiflu though never children, not to the children's
    ear-infection overview; "does magnesium help with insomnia?" to the insomnia overview, not to the overview on
    hypertension in pregnancy that names magnesium (session 36)."""
    order = list(dict.fromkeys(item.source_id for item in on_topic))
    if not order:
        return None
    populations = {term.label for term in terms if term.kind == "population"}

    def naming(source_id: int) -> tuple[int, int, bool, int]:
        named = covered.get(source_id, set())
        return len(named - populations), len(named), source_id == topic, -order.index(source_id)

    return max(order, key=naming)


def naming_score(text: str, section: str, terms: list[SpecificTerm]) -> int:
    """2 when the text or its section heading holds a term's whole phrase ("preserved ejection fraction"), 1 when
    the text names one of the terms, else 0."""
    body, heading = TermText(text), TermText(section)
    if any(t.phrase and (body.mentions(t.phrase) or heading.mentions(t.phrase)) for t in terms):
        return 2
    return int(any(body.covers(term) for term in terms))


def partial_pool(
    passages: list[Evidence], terms: list[SpecificTerm], covered_labels: set[str], *, limit: int = 4
) -> list[Evidence]:
    """The closest source's passages that best name the terms it covers (the given order when it covers none)."""
    wanted = [term for term in terms if term.label in covered_labels]
    if not wanted:
        return passages[:limit]
    scored = [(naming_score(item.text, item.section, wanted), order, item) for order, item in enumerate(passages)]
    naming = [item for score, _order, item in sorted(scored, key=lambda entry: (-entry[0], entry[1])) if score > 0]
    return (naming or passages)[:limit]


def citable_pool(
    on_topic: list[Evidence],
    *,
    overview: Evidence | None,
    overview_passages: list[Evidence],
    min_relative_score: float,
    max_sources: int,
) -> list[Evidence]:
    """The passages an article may cite: a whole matching overview plus other answering evidence, or else the
    answering sources scoring close to the best (``on_topic`` is the answering evidence when terms were judged)."""
    if overview is not None:
        return overview_passages + [item for item in on_topic if item.source_id != overview.source_id]
    best = on_topic[0].score if on_topic else 0.0
    close_to_best = [item for item in on_topic if item.score >= min_relative_score * best]
    top_sources = list(dict.fromkeys(item.source_id for item in close_to_best))[:max_sources]
    return [item for item in on_topic if item.source_id in top_sources]


def flag_in_question_topic(flag: RedFlag, question: str) -> bool:
    """Evidence-borne flags count only when the question holds most of the flag's name: a question on a diabetes
    drug shares "diabetic" with "diabetic ketoacidosis" but is not about ketoacidosis."""
    name = content_words(flag.name)
    return len(name & content_words(question)) * 2 > len(name)
