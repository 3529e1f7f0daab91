"""Fixed dev / frozen-test splits of question sets: tune on dev, report frozen, never look at frozen while tuning.

Both splits hash with the same salt: question wordings (the near-miss and coverage sets) and question ids (BioASQ,
whose ids are stable while a wording may be corrected between releases)."""

from __future__ import annotations

import hashlib

FROZEN_SHARE = 33  # percent of questions, chosen by hash of the wording, held out as the frozen test part
BIOASQ_FROZEN_SHARE = 30  # percent of BioASQ dev questions (by hash of the question id) that nothing is fitted on
SALT = "medora-eval:"


def hash_bucket(key: str) -> int:
    """0–99: the first 8 hex digits of the salted key's SHA-256, modulo 100 (the same on every machine)."""
    digest = hashlib.sha256(f"{SALT}{key.strip()}".encode()).hexdigest()
    return int(digest[:8], 16) % 100


def is_frozen(question: str) -> bool:
    """True for the frozen part of a set split by question wording (FROZEN_SHARE of it)."""
    return hash_bucket(question) < FROZEN_SHARE


def split_name(question: str) -> str:
    return "frozen" if is_frozen(question) else "dev"


def is_frozen_id(question_id: str, *, share: int = BIOASQ_FROZEN_SHARE) -> bool:
    """True for the frozen part of BioASQ dev, by question id: no ranker, verdict model, threshold or setting is fitted
    or tuned on these questions; benchmarks report them apart."""
    return hash_bucket(f"id:{question_id}") < share


def bioasq_part(question: dict) -> str:
    """'frozen' or 'tuned' for a BioASQ dev question (a row with an ``id``)."""
    return "frozen" if is_frozen_id(str(question["id"])) else "tuned"


def is_frozen_pubmedqa(pmid: str, *, share: int = BIOASQ_FROZEN_SHARE) -> bool:
    """True for the held-out part of PubMedQA's labelled set (a fixed 30 % by hash of the PMID): the verdict model
    and its threshold are never fitted on these questions; they are the check."""
    return hash_bucket(f"pubmedqa:{pmid}") < share
