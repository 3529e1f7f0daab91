"""Claim verification: is a sentence supported by the passage it cites?

A sentence that is a whole-sentence quote of its passage is supported as it stands and labelled a quote. Any other
sentence (an LLM draft, a rewrite, a summary) goes through the faithfulness check, which compares numbers and units,
drugs and conditions, negation, direction of effect, comparison order and content words, and names each difference.
Callers keep one entry point; ``Support.quote`` tells them which path a sentence took."""

from __future__ import annotations

from medora.compose.faithfulness import Support, check_faithful, is_verbatim, strip_citations

__all__ = ["Support", "check_support", "is_verbatim", "strip_citations"]


def check_support(claim: str, passage: str, *, min_support: float = 0.5) -> Support:
    """Whether ``passage`` supports ``claim``: a quote when verbatim, else checked for faithfulness.

    ``score`` is the share of the claim's content words the passage holds (1.0 for a quote); a claim below
    ``min_support`` fails whatever else it gets right."""
    return check_faithful(claim, passage, min_support=min_support)
