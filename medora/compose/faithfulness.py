"""Is a rewritten sentence faithful to the passage it cites? A check built to fail on the ways rewrites go wrong.

A sentence copied whole from its passage is a quote and needs no judgement (``is_verbatim``). Anything else — an LLM
draft, a patient-level rewrite, a summary — is aligned to the passage sentence(s) it most resembles and compared:
numbers with their units, drugs and conditions, negation, direction of effect, comparison order, and content words
the passage does not hold. Every failure is named in ``flags``; ``supported`` means there were none.
Deterministic: lexicons and rules, no model. Pure functions over strings."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from medora.compose.entities import missing_entities
from medora.compose.polarity import comparison_flags, direction_flags, negation_flags
from medora.compose.quantities import normalise_symbols, quantities_in, quantity_flags
from medora.compose.wording import content_terms, is_framing, shares_root
from medora.sentences import inline_label, sentence_spans

_CITATION = re.compile(r"\s*\[(?:@[^\]]+|\d+[a-z]?(?:\s*[,;–-]\s*\d+[a-z]?)*)\]")
MAX_ALIGNED_SENTENCES = 3


@dataclass
class Support:
    """The verdict on one claim: ``score`` is the share of its content words the passage holds."""

    supported: bool
    score: float
    flags: list[str] = field(default_factory=list)
    quote: bool = False


def strip_citations(text: str) -> str:
    """The sentence without '[1]', '[1a, 2]' or '[@ref-id]' markers."""
    return _CITATION.sub("", text).strip()


def normalised(text: str) -> str:
    """The sentence as quotes are compared: no citations, one form of symbols and quote marks, single spaces."""
    text = normalise_symbols(strip_citations(text)).replace("’", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip()


def is_verbatim(claim: str, passage: str) -> bool:
    """True when the claim is one or more whole, consecutive sentences of the passage (citations and spacing aside).

    Whole sentences only: 'aspirin reduces mortality' is a substring of 'It is not true that aspirin reduces mortality.'
    but not a quote of it. An inline structured-abstract label ("RESULTS: …") is not part of the sentence."""
    wanted = normalised(inline_label(claim)[1]).rstrip(".")
    if not wanted:
        return False
    sentences = [normalised(inline_label(passage[begin:end])[1]) for begin, end in sentence_spans(passage, glued_labels=True)]
    for first in range(len(sentences)):
        joined = ""
        for sentence in sentences[first:]:
            joined = f"{joined} {sentence}".strip()
            if joined.rstrip(".") == wanted:
                return True
            if len(joined) > len(wanted):
                break
    return False


def align(claim: str, passage: str) -> list[str]:
    """The passage sentences the claim rewrites, in passage order: the one sharing most of its content words (its
    numbers break ties), then any others that add at least two more of its words (a claim may join sentences)."""
    wanted = set(content_terms(claim))
    wanted_values = {q.value for q in quantities_in(claim)}
    sentences = [strip_citations(passage[b:e]) for b, e in sentence_spans(passage)]
    if not sentences:
        return []
    terms = [set(content_terms(s)) & wanted for s in sentences]
    values = [len({q.value for q in quantities_in(s)} & wanted_values) for s in sentences]
    best = max(range(len(sentences)), key=lambda i: (len(terms[i]) + 0.5 * values[i], -i))
    chosen, covered = [best], set(terms[best])
    while len(chosen) < min(MAX_ALIGNED_SENTENCES, len(sentences)):
        rest = [i for i in range(len(sentences)) if i not in chosen]
        index = max(rest, key=lambda i: (len(terms[i] - covered), -i))
        if len(terms[index] - covered) < 2:
            break
        chosen.append(index)
        covered |= terms[index]
    return [sentences[i] for i in sorted(chosen)]


def unsupported_words(claim: str, passage: str) -> list[str]:
    """Claim words (as written) whose stem, synonym or root the passage lacks; framing words excepted."""
    have = set(content_terms(passage))
    missing = []
    for term, word in content_terms(claim).items():
        if term in have or is_framing(term) or any(shares_root(term, other) for other in have):
            continue
        missing.append(word)
    return missing


def check_faithful(claim: str, passage: str, *, min_support: float = 0.5, allow_new_words: bool = False) -> Support:
    """Whether ``passage`` says what ``claim`` says; each difference found is named in ``flags``.

    ``allow_new_words`` is for a plain-language version a person wrote and the board reviews: its everyday words
    ("the muscles that lift the foot") are not in the passage by design, so content words the passage lacks are
    not flagged; numbers, units, drugs, conditions, negation, direction and comparisons still are."""
    if is_verbatim(claim, passage):
        return Support(supported=True, score=1.0, quote=True)
    claim_text, passage_text = strip_citations(claim), strip_citations(passage)
    aligned = " ".join(align(claim_text, passage))
    flags = quantity_flags(claim_text, aligned, elsewhere=passage_text)
    flags += missing_entities(claim_text, aligned, passage=passage_text)
    flags += negation_flags(claim_text, aligned)
    flags += direction_flags(claim_text, aligned)
    flags += comparison_flags(claim_text, aligned)
    terms = content_terms(claim_text)
    missing = unsupported_words(claim_text, passage_text)
    named = " ".join(flags).lower()
    unnamed = [word for word in missing if word not in named]  # a missing drug is flagged once, as a drug
    if unnamed and not allow_new_words:
        flags.append(f"unsupported content: {', '.join(unnamed)}")
    score = 1 - len(missing) / len(terms) if terms else 0.0
    if score < min_support and not allow_new_words:
        flags.append(f"only {score:.0%} of its content words are in the passage")
    return Support(supported=not flags, score=round(score, 3), flags=flags)
