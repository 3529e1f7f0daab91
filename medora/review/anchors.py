"""Stable addresses inside an article, for review comments and edits: "b" and "b.0" (the bottom line and its first
sentence), "v" / "v.0" (the verdict), "s2" (the second section), "s2-1" (its first step), "s2-1.0" (that step's
first sentence). Pure functions over an Article."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from medora.types import Article, ArticleSection, Statement


@dataclass
class Anchor:
    id: str
    kind: str  # "section" or "statement"
    text: str  # the heading, or the sentence
    heading: str  # the section a statement sits in (its own heading for a section)
    depth: int


def _section(section: ArticleSection, anchor: str, depth: int) -> Iterator[tuple[Anchor, Statement | None]]:
    yield Anchor(anchor, "section", section.heading, section.heading, depth), None
    for index, statement in enumerate(section.statements):
        yield Anchor(f"{anchor}.{index}", "statement", statement.text, section.heading, depth + 1), statement
    for index, sub in enumerate(section.subsections, start=1):
        yield from _section(sub, f"{anchor}-{index}", depth + 1)


def _walk(article: Article) -> Iterator[tuple[Anchor, Statement | None]]:
    if article.verdict is not None:
        yield from _section(ArticleSection(heading="Verdict", statements=article.verdict.statements), "v", 0)
    if article.bottom_line:
        yield from _section(ArticleSection(heading="Bottom line", statements=article.bottom_line), "b", 0)
    for index, section in enumerate(article.sections, start=1):
        yield from _section(section, f"s{index}", 0)


def anchors(article: Article) -> list[Anchor]:
    """Every section and sentence of the article in reading order."""
    return [anchor for anchor, _statement in _walk(article)]


def find_anchor(article: Article, anchor_id: str) -> Anchor | None:
    return next((anchor for anchor in anchors(article) if anchor.id == anchor_id), None)


def statement_lists(article: Article) -> dict[str, list[Statement]]:
    """Section anchor → the live list of its statements (the article's own lists, so edits change the article)."""
    found: dict[str, list[Statement]] = {}
    if article.verdict is not None:
        found["v"] = article.verdict.statements
    found["b"] = article.bottom_line

    def visit(section: ArticleSection, anchor: str) -> None:
        found[anchor] = section.statements
        for index, sub in enumerate(section.subsections, start=1):
            visit(sub, f"{anchor}-{index}")

    for index, section in enumerate(article.sections, start=1):
        visit(section, f"s{index}")
    return found


def citation_labels(article: Article) -> set[str]:
    """The labels a sentence may cite: each reference's number and its summarised sources' labels ('1a')."""
    labels = {str(reference.number) for reference in article.references}
    for reference in article.references:
        labels.update(str(item["label"]) for item in reference.summarises if item.get("label"))
    return labels
