"""Library coverage: does a realistic clinician question find the overview written for it among the top 3 sources?"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml

from medora.retrieve.retriever import Retriever


@dataclass
class CoverageResult:
    question: str
    expected: str
    top_sources: list[str]

    @property
    def hit(self) -> bool:
        return f"library:{self.expected}" in self.top_sources


def coverage_questions(name: str = "library_coverage") -> list[dict]:
    """The coverage set (``library_coverage``) or the second, unseen one (``library_coverage_unseen``)."""
    text = resources.files("medora.eval").joinpath(f"data/{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def run_coverage(retriever: Retriever, questions: list[dict] | None = None, *, top_sources: int = 3) -> list[CoverageResult]:
    results = []
    for item in questions or coverage_questions():
        ranked = retriever.search(item["question"], top_k=30)
        keys = list(dict.fromkeys(evidence.source.key for evidence in ranked))[:top_sources]
        results.append(CoverageResult(item["question"], item["expect"], keys))
    return results
