"""A fixed dev / frozen-test split of question sets: tune on dev, report frozen, never look at frozen while tuning."""

from __future__ import annotations

import hashlib

FROZEN_SHARE = 33  # percent of questions, chosen by hash, held out as the frozen test part
SALT = "medora-eval:"


def is_frozen(question: str) -> bool:
    """True for the frozen part: the first 8 hex digits of the salted question's SHA-256, modulo 100, under
    FROZEN_SHARE."""
    digest = hashlib.sha256(f"{SALT}{question.strip()}".encode("utf-8")).hexdigest()
    return int(digest[:8], 16) % 100 < FROZEN_SHARE


def split_name(question: str) -> str:
    return "frozen" if is_frozen(question) else "dev"
