"""The embedded composer: choose sentences from retrieved passages, verbatim, diverse and on-topic.

Numbers, doses and negations are never paraphrased because nothing is: each sentence is a span of its passage."""

from __future__ import annotations

import re
from dataclasses import dataclass

from medora.compose.verify import strip_citations
from medora.retrieve.priors import EVIDENCE_LEVEL
from medora.retrieve.tokenize import content_words
from medora.sentences import inline_label, sentence_spans
from medora.types import Evidence, Kind

_REFERENCE_MARK = re.compile(r"@([A-Za-z0-9_.:-]+)")
_MARKER = re.compile(r"\[(@[^\]]+)\]")
_STRONG_KINDS = {Kind.GUIDELINE.value, Kind.EDITORIAL_SUMMARY.value, Kind.SYSTEMATIC_REVIEW.value, Kind.META_ANALYSIS.value}


@dataclass
class Candidate:
    """A sentence of a retrieved passage, scored for how well it answers the question."""

    text: str
    evidence: Evidence
    reference_ids: list[str]
    relevance: float
    order: int
    words: frozenset[str]

    @property
    def is_strong(self) -> bool:
        return self.evidence.source.kind.value in _STRONG_KINDS


def candidates_from(evidence: list[Evidence], question: str) -> list[Candidate]:
    """Every usable sentence of every passage, with a relevance score (question words covered, rank, evidence level)."""
    question_words = content_words(question)
    found: list[Candidate] = []
    seen: set[tuple[int, str]] = set()  # chunks overlap by a sentence; each sentence is a candidate once
    for rank, item in enumerate(evidence):
        rank_weight = 1.0 / (1.0 + 0.15 * rank)
        level = EVIDENCE_LEVEL.get(item.source.kind.value, 0.4)
        labelled = item  # the passage as its latest inline label describes the sentences that follow it
        for order, (begin, end) in enumerate(sentence_spans(item.text, glued_labels=True)):
            raw, labelled = _without_inline_label(item.text[begin:end], item, labelled)
            text = strip_citations(raw)
            words = content_words(text)
            if len(text.split()) < 6 or len(text.split()) > 90 or not text[0].isalnum():
                continue
            if (item.source_id, text) in seen:
                continue
            seen.add((item.source_id, text))
            coverage = len(question_words & words) / len(question_words) if question_words else 0.0
            relevance = (0.6 * coverage + 0.4 * rank_weight) * (0.8 + 0.2 * level)
            references = [m for marker in _MARKER.findall(raw) for m in _REFERENCE_MARK.findall(marker)]
            found.append(Candidate(text, labelled, references, relevance, order, frozenset(words)))
    return found


def _without_inline_label(sentence: str, passage: Evidence, current: Evidence) -> tuple[str, Evidence]:
    """The sentence without a leading structured-abstract label (still a verbatim span of the passage), and the
    passage relabelled with that section, so a BACKGROUND or METHODS sentence is never taken for a finding."""
    label, rest = inline_label(sentence)
    if label is None:
        return sentence, current
    return rest, passage.model_copy(update={"section": label})


def is_redundant(candidate: Candidate, chosen: list[Candidate], *, threshold: float = 0.6) -> bool:
    """True when the sentence mostly repeats one already chosen (Jaccard overlap of content words)."""
    for other in chosen:
        union = candidate.words | other.words
        if union and len(candidate.words & other.words) / len(union) >= threshold:
            return True
    return False


def select_diverse(candidates: list[Candidate], *, limit: int) -> list[Candidate]:
    """Greedy maximal-marginal-relevance pick: best first, skipping near-duplicates."""
    chosen: list[Candidate] = []
    for candidate in sorted(candidates, key=lambda c: -c.relevance):
        if len(chosen) >= limit:
            break
        if not is_redundant(candidate, chosen):
            chosen.append(candidate)
    return chosen
