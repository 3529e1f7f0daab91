"""Urgent notices: is an emergency described in a person's own words flagged, and is a calm question left calm?

A set (eval/data/red_flags_<name>.yaml) holds ``emergencies`` (a question and the flag it should raise) and
``calm`` questions (``other-topic`` or ``same-topic``: on an emergency's topic but not an emergency now) that should
raise none. Each question goes through the whole answer pipeline, so a flag may come from the question's words or
from its on-topic evidence."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources

import yaml

from medora.answer import answer_question
from medora.compose.red_flags import flags_in
from medora.retrieve.retriever import Retriever
from medora.settings import Settings


@dataclass
class UrgentResult:
    question: str
    expected: str | None  # the flag an emergency should raise; None for a calm question
    group: str  # "emergency <style>" or "calm <kind>"
    raised: list[str]

    @property
    def correct(self) -> bool:
        """An emergency raises its own flag (others may come too); a calm question raises none."""
        return self.expected in self.raised if self.expected else not self.raised


def urgent_set(name: str) -> dict[str, list[dict]]:
    text = resources.files("medora.eval").joinpath(f"data/red_flags_{name}.yaml").read_text(encoding="utf-8")
    return yaml.safe_load(text)


def flag_names(notice: str | None) -> list[str]:
    return [flag.name for flag in flags_in(notice)]


def run_urgent(retriever: Retriever, settings: Settings, questions: dict[str, list[dict]]) -> list[UrgentResult]:
    results = []
    for item in questions["emergencies"]:
        article = answer_question(item["question"], retriever=retriever, settings=settings)
        group = f"emergency {item.get('style', 'everyday')}"
        results.append(UrgentResult(item["question"], item["flag"], group, flag_names(article.urgent_notice)))
    for item in questions["calm"]:
        article = answer_question(item["question"], retriever=retriever, settings=settings)
        results.append(UrgentResult(item["question"], None, f"calm {item['kind']}", flag_names(article.urgent_notice)))
    return results


def urgent_rates(results: list[UrgentResult]) -> dict[str, dict[str, float | int]]:
    """Per group: questions, right answers and their share (flagged for emergencies, unflagged for calm ones)."""
    table: dict[str, dict[str, float | int]] = {}
    for group in sorted({r.group for r in results}):
        chosen = [r for r in results if r.group == group]
        right = sum(r.correct for r in chosen)
        table[group] = {"questions": len(chosen), "right": right, "share": round(right / len(chosen), 4)}
    return table
