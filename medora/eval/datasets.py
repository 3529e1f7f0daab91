"""Loaders for the public benchmark sets in ../shared/data (see its README for fields and licences)."""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from pathlib import Path


def read_jsonl(path: Path) -> Iterator[dict]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def corpus_pmids(data: Path) -> set[str]:
    return {str(row["pmid"]) for row in read_jsonl(data / "pubmed" / "corpus.jsonl")}


def bioasq_questions(data: Path, *, in_corpus: set[str]) -> list[dict]:
    """BioASQ dev questions with their gold PMIDs restricted to the corpus; questions with none are left out."""
    questions = []
    for row in read_jsonl(data / "bioasq" / "dev.jsonl"):
        gold = {str(doc).rsplit("/", 1)[-1] for doc in row["documents"]} & in_corpus
        if gold:
            questions.append({**row, "gold": gold})
    return questions


def pubmedqa_questions(data: Path) -> list[dict]:
    return list(read_jsonl(data / "pubmedqa" / "dev.jsonl"))


def medquad_sample(data: Path, *, size: int = 2000, seed: int = 13) -> list[dict]:
    """A fixed random sample (same seed, same questions on every machine)."""
    rows = list(read_jsonl(data / "medquad" / "qa.jsonl"))
    return random.Random(seed).sample(rows, size)
