"""Which of an overview's sentences leads its bottom line, read by meaning as well as by words.

An overview's bottom line is written for its whole topic; a question on one part of it ("tenecteplase dose for acute
ischaemic stroke", "my leg cellulitis: how long on antibiotics?") wants the sentence on that part first. The word
rules of compose/layout.py (a dose or timing stated, the asked part's rare words) find it for about a third of such
questions; the sentence closest in meaning finds it more often. A conditional-logit model (one softmax over the
overview's sentences) weighs the question's cosine to each sentence with its section heading (MiniLM), its cosine to
the sentence's passage, where the sentence sits (the bottom line, its first bullet, a pitfall), the word signals the
rules read, and whether the rules already lead with it. It leads with its best sentence when that sentence's
probability reaches the model's threshold and beats the rules' lead by its margin (``confident``), and only a
sentence that holds for the question's situation and population (``holds_for_the_question``); a broad question ("How
is gout managed?") keeps the overview's own bottom line, which the model learned from broad questions beside the
specific ones. Fitted by bench/train_leads.py on the tuned part of a development set written from the overviews
(bench/data/asked_leads_dev.yaml), never on the blind bench/data/asked_leads.yaml; the guards were chosen on two
reviewers' judgements of the leads it changed (bench/README.md, session 20)."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Protocol

import numpy as np

from medora.compose.ask import Ask, says_ask
from medora.compose.extractive import Candidate
from medora.compose.fitted import load_fitted
from medora.compose.library_words import library_rarity
from medora.compose.terms import (
    MIN_MEMBER_PREFIX,
    POPULATIONS,
    specific_terms,
    spelled_out_abbreviations,
    stem_sequence,
)
from medora.eval.logistic import softmax
from medora.retrieve.tokenize import content_words, raw_tokens
from medora.types import Evidence

MODEL_FILE = "lead_model.json"
FEATURES = (
    "cosine", "passage_cosine", "in_bottom_line", "first_bullet", "relevance", "asked_rarity", "asked_units",
    "says_ask", "pitfall", "rules_lead",
)


class SentenceMeaning(Protocol):
    """What the lead model reads of meaning: the question's vector with the stored passages' (``vectors``, as
    Retriever.vectors gives them) and the sentences' vectors (unit rows); None from each when retrieval runs on
    words only."""

    def vectors(self, passage_ids: list[int]) -> tuple[np.ndarray, np.ndarray] | None: ...

    def sentence_vectors(self, texts: list[str]) -> np.ndarray | None: ...


@lru_cache(maxsize=1)
def lead_model() -> dict:
    return load_fitted(MODEL_FILE, FEATURES, refit="python bench/train_leads.py")


def sentence_with_heading(candidate: Candidate) -> str:
    """What is embedded for a sentence: its section heading, then the sentence ("Management › Duration: …")."""
    return f"{candidate.evidence.section or ''}: {candidate.text}"


def own_sentences(written: list[Candidate], chosen: list[Candidate], overview: Evidence) -> list[Candidate]:
    """The overview's own sentences the lead may be chosen from, each once, its bottom line's first."""
    seen: set[int] = set()
    own = []
    for candidate in written + chosen:
        if candidate.evidence.source_id == overview.source_id and id(candidate) not in seen:
            seen.add(id(candidate))
            own.append(candidate)
    return own


# A class by function ("antihypertensive": ACE inhibitors, sartans, beta-blockers, dihydropyridines) spans several
# classes' stems: one member named is no answer to "first-line antihypertensive?" (the hypertension overview's line
# naming the classes is), members of two are ("Labetalol is first line, nifedipine is the alternative")
MAX_CLASS_STEMS = 3


@lru_cache(maxsize=256)
def _classes_named(question: str) -> tuple[tuple[frozenset[str], tuple[str, ...]], ...]:
    """Each drug class the question names (its stems) with the INN stems its members' names end with."""
    return tuple(
        (frozenset(stem_sequence(term.label)), term.member_stems)
        for term in specific_terms(question) if term.member_stems
    )


def members_as_classes(text: str, question: str, *, by_function: bool = True) -> set[str]:
    """The stems of each drug class of the question whose member the text names by name, as if it named the class:
    the COPD overview's "prednisolone 30 mg daily for 5 days" says what "does he need steroids?" asks (session 37:
    the lead was the overview's first line, "Suspect COPD in people over 35 …"). A class by function is held by
    members of two of its classes, and only with ``by_function`` (``MAX_CLASS_STEMS``)."""
    classes = _classes_named(question) if question else ()
    if not classes:
        return set()
    words = [word.lower() for word in raw_tokens(text)]

    def named(members: tuple[str, ...]) -> int:
        return sum(
            any(word.endswith(member) and len(word) >= len(member) + MIN_MEMBER_PREFIX for word in words)
            for member in members
        )

    return {
        stem for stems, members in classes
        if (len(members) <= MAX_CLASS_STEMS or by_function) and named(members) >= (
            1 if len(members) <= MAX_CLASS_STEMS else 2
        )
        for stem in stems
    }


def lead_features(
    own: list[Candidate],
    written: list[Candidate],
    rules_lead: Candidate | None,
    asked: list[tuple[frozenset[str], ...]],
    ask: Ask | None,
    meaning: SentenceMeaning,
    asking: str = "",
) -> np.ndarray | None:
    """One row of FEATURES per sentence of ``own`` (no bias: the softmax has none); None without vectors.
    ``written`` is the overview's bottom line as written, ``rules_lead`` the sentence compose/layout.py's word rules
    lead with, ``asked`` the units the question asks about beyond the overview's title (layout.asked_beyond_title);
    a sentence naming a member of a class the question (``asking``) names holds the class (``members_as_classes``)."""
    found = meaning.vectors([c.evidence.passage_id for c in own])
    sentences = meaning.sentence_vectors([sentence_with_heading(c) for c in own])
    if found is None or sentences is None:
        return None
    question, passages = found
    in_bottom_line = {id(c) for c in written}
    first = id(written[0]) if written else None
    rows = []
    for candidate, sentence, passage in zip(own, sentences, passages, strict=True):
        held = candidate.words | content_words(candidate.evidence.section or "")
        held |= members_as_classes(candidate.text, asking, by_function=False)  # as the model was fitted: the
        # hypertension overview's line naming the first-line classes stays the confident lead
        rarities = [max(library_rarity(w) for w in phrase) for unit in asked for phrase in unit if phrase <= held]
        rows.append([
            float(sentence @ question),
            float(passage @ question),
            float(id(candidate) in in_bottom_line),
            float(id(candidate) == first),
            candidate.relevance,
            float(sum(rarities)),
            float(len(rarities)),
            float(ask is not None and ask.kind != "names" and says_ask(candidate.text, ask)),
            float("pitfall" in (candidate.evidence.section or "").lower()),
            float(candidate is rules_lead),
        ])
    return np.array(rows, dtype=float)


_NEGATED = re.compile(r"\b(?:non|not|without)[\s-]+\w+|[^\w\s-]")  # a negated group word, and punctuation
# a sentence opening on the situation it holds for ("When DVT is likely, …", "In patients with AF who undergo PCI,
# …"), up to its first comma
_CONDITION = re.compile(r"^(?:when|if|in|for|after|during|once|unless|where)\b(?P<condition>[^,;:]+),", re.IGNORECASE)


def holds_for_the_question(sentence: str, question: str, title: str = "", heading: str = "") -> bool:
    """True unless the sentence opens on a situation the question does not state in its words, grades what the
    question grades otherwise (``other_grade``: "reduced" against "normal ejection fraction"), names a population
    group the question does not, or leaves out one it names (its section ``heading`` may name it; a group the
    overview's ``title`` names is its whole topic): meaning does not read "likely" against "unlikely", and "When DVT
    is likely, arrange ultrasound within 4 hours" must not lead the answer to "Wells DVT score 1 with neg D-dimer -
    still need a doppler?", nor a line for all smokers the answer to a pregnant smoker, nor the four drug classes
    for reduced ejection fraction the answer on heart failure with a normal one. The word rules keep their own
    checks."""
    condition = stated_condition(sentence)
    if condition is not None and not condition <= content_words(question):
        return False
    if other_grade(sentence, question):
        return False
    topic = _groups(title)
    asked = _question_groups(question) - topic
    if _groups(f"{heading} {sentence}") - topic == asked:
        return True
    # an alternative for a group, set after the statement for everyone ("…, with erythromycin in pregnancy"), holds
    # with or without that group asked (session 46)
    plain = _GROUP_ASIDE.sub("", sentence)
    stated = plain != sentence and len(content_words(plain)) >= _STATEMENT_WORDS  # no "Use labetalol, or …"
    return stated and _groups(f"{heading} {plain}") - topic == asked


_STATEMENT_WORDS = 5  # content words a statement for everyone holds before an aside for one group
# the last clause of a sentence giving an alternative for one population group only: ", or erythromycin in pregnancy"
_GROUP_ASIDE = re.compile(
    r",\s+(?:with|or|and)\s+[^,;.]{1,60}?\s(?:in|for|during)\s+[^,;.]{1,30}?"
    r"(?=\s*(?:\[[^\]]*\])?\s*\.?\s*$)",  # up to the citation and full stop that end the sentence
    re.IGNORECASE,
)


def stated_condition(sentence: str) -> set[str] | None:
    """The stemmed content words of the situation a sentence opens on ("For penicillin allergy, …": penicillin,
    allergy), None when it opens on none."""
    match = _CONDITION.match(sentence.strip())
    return None if match is None else content_words(match.group("condition"))


_UNBORN = re.compile(r"\b(?:the|my|our|her|your)\s+bab(?:y|ies)\b", re.IGNORECASE)


def _question_groups(question: str) -> set[str]:
    """The question's population groups, where a pregnant woman's "the baby" is the one she carries, no infant:
    "I'm pregnant … is labetalol safe for the baby?" is led by the labetalol line (session 36)."""
    groups = _groups(question)
    if "pregnancy" in groups and "infants" in groups and not _groups(_UNBORN.sub(" ", question)) >= {"infants"}:
        groups.discard("infants")
    return groups


# modifiers of one scale: a sentence grading its noun other than the question does is for another patient ("heart
# failure with reduced ejection fraction" against "with normal ejection fraction"; mild against severe; upper
# against lower)
GRADES = (
    frozenset({"reduced", "preserved", "normal", "mildly"}),
    frozenset({"mild", "moderate", "severe"}),
    frozenset({"acute", "chronic", "subacute"}),
    frozenset({"upper", "lower"}),
    frozenset({"complicated", "uncomplicated"}),
    frozenset({"typical", "atypical"}),
)
# one grade written two ways: a normal ejection fraction is a preserved one; diarrhea is diarrhoea
SAME_GRADE = {"normal": "preserved", "diarrhea": "diarrhoea"}
# subtypes a condition is written "with" ("IBS with diarrhoea" against "IBS with constipation"): graded like the
# modifiers before it, read after "with"
SUBTYPES = (frozenset({"diarrhoea", "diarrhea", "constipation"}),)
_WORD = re.compile(r"[a-z]+")


_BRACKETED = re.compile(r"\s*\([^()]*\)")


def _graded(text: str) -> dict[tuple[frozenset[str], str], set[str]]:
    """(scale, the word graded) → the modifiers of that ``GRADES`` scale the text writes before it, abbreviations
    read spelled out ("HFpEF": heart failure with preserved ejection fraction)."""
    unbracketed = _BRACKETED.sub("", text)  # "IBS (irritable bowel syndrome) with constipation", as a question is read
    spelled = " . ".join([text, *([unbracketed] if unbracketed != text else []), *spelled_out_abbreviations(text)])
    words = _WORD.findall(spelled.lower())
    graded: dict[tuple[frozenset[str], str], set[str]] = {}
    for word, following in zip(words, words[1:]):
        for scale in GRADES:
            if word in scale and following not in scale:
                graded.setdefault((scale, following), set()).add(SAME_GRADE.get(word, word))
    for condition, joining, subtype in zip(words, words[1:], words[2:]):
        for scale in SUBTYPES:
            if joining == "with" and subtype in scale and condition not in scale:
                graded.setdefault((scale, condition), set()).add(SAME_GRADE.get(subtype, subtype))
    return graded


def other_grade_asked(question: str) -> bool:
    """True when the question grades a word on a ``GRADES`` scale ("preserved ejection fraction", "HFpEF")."""
    return bool(_graded(question))


def other_grade(sentence: str, question: str) -> bool:
    """True when the sentence grades a word the question grades on the same scale, and only otherwise (``GRADES``):
    "reduced or preserved ejection fraction" grades it as a question on a preserved one does."""
    asked = _graded(question)
    written = _graded(sentence)
    return any(
        (scale, graded) in written and not asked[scale, graded] & written[scale, graded] for scale, graded in asked
    )


# a line for an emergency presentation of the question's condition: "for acute severe asthma", "life-threatening
# asthma"; never a line grading severity alone ("moderate-to-severe mitral stenosis", "severe (MRC grade 2 or less)
# weakness"), which is often what a calm question asks about
_EMERGENCY_GRADE = re.compile(r"\b(?:acute[- ]severe|severe[- ]acute|life[- ]threatening)\s+(?P<graded>[a-z]+)",
                              re.IGNORECASE)
_GRAVE_ASKED = re.compile(r"\b(?:severe|acute|acutely|attack|emergency|life[- ]threatening|collapsed?|unconscious)\b",
                          re.IGNORECASE)


def graver_than_asked(sentence: str, question: str) -> bool:
    """True when the sentence is for an emergency presentation of a condition the question names ("for acute severe
    asthma without a good initial response") and the question grades nothing so: "28F, asthma on low-dose ICS, still
    using SABA 4 times a week. Next step?" is no emergency (session 39)."""
    if _GRAVE_ASKED.search(question):
        return False
    asked = content_words(question)
    return any(content_words(match.group("graded")) <= asked for match in _EMERGENCY_GRADE.finditer(sentence))


def _groups(text: str) -> set[str]:
    """The population groups (compose/terms.py POPULATIONS) the text names, not negated ("non-pregnant")."""
    lowered = f" {_NEGATED.sub(' ', text.lower())} "
    return {group for group, words in POPULATIONS.items() if any(f" {word} " in lowered for word in words)}


def lead_probabilities(features: np.ndarray, model: dict) -> np.ndarray:
    """The softmax over the sentences of the model's scores."""
    return softmax(((features - np.asarray(model["mean"])) / np.asarray(model["scale"])) @ np.asarray(model["weights"]))


def meaning_lead(
    written: list[Candidate],
    rules_lead: Candidate | None,
    chosen: list[Candidate],
    overview: Evidence,
    asked: list[tuple[frozenset[str], ...]],
    ask: Ask | None,
    meaning: SentenceMeaning | None,
    question: str,
) -> Candidate | None:
    """The overview sentence the lead model finds most likely to state what is asked, when its probability reaches
    the model's threshold, it holds for the question's situation (``holds_for_the_question``) and it is not already
    the lead; None otherwise, or without vectors."""
    own = own_sentences(written, chosen, overview)
    if meaning is None or rules_lead is None or len(own) < 2:
        return None
    features = lead_features(own, written, rules_lead, asked, ask, meaning, question)
    if features is None:
        return None
    model = lead_model()
    probabilities = lead_probabilities(features, model)
    best = int(np.argmax(probabilities))
    rules = next((index for index, candidate in enumerate(own) if candidate is rules_lead), None)
    title = overview.source.title
    rules_hold = _holds(rules_lead, question, title)
    if own[best] is rules_lead or not confident(probabilities, best, rules if rules_hold else None, model):
        return None
    return own[best] if _holds(own[best], question, title) else None


def _holds(candidate: Candidate, question: str, title: str) -> bool:
    return holds_for_the_question(candidate.text, question, title, candidate.evidence.section or "")


def confident(probabilities: np.ndarray, best: int, rules: int | None, model: dict) -> bool:
    """The model's choice reaches its threshold and beats the word rules' lead (``rules``; None when that lead opens
    on a situation the question does not state, "In patients with AF who undergo PCI, …") by the model's margin: a
    reviewer judged 218 changed leads (session 20), and where the model barely preferred its sentence it was as
    often a sentence for another group or situation ("men and pregnant women need a 7-day course" for a non-pregnant
    woman's cystitis) as a better one."""
    ahead = probabilities[best] - (probabilities[rules] if rules is not None else 0.0)
    return probabilities[best] >= model["threshold"] and ahead >= model["margin"]
