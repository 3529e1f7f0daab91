"""A readable line diff between two versions of an article: each version laid out as plain text (headings,
one sentence per line with its citations, the reference list), compared with difflib. Pure functions."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from medora.review.anchors import anchors, statement_lists
from medora.types import Article


@dataclass
class DiffLine:
    kind: str  # "hunk" (where a change starts), "added", "removed" or "same"
    text: str


def article_lines(article: Article) -> list[str]:
    """The article as lines: '## Heading', '- sentence [1][2]', '[1] Title (journal, year)'."""
    lines = [f"# {article.title}"]
    statements = {
        f"{section}.{index}": statement
        for section, items in statement_lists(article).items()
        for index, statement in enumerate(items)
    }
    for anchor in anchors(article):
        if anchor.kind == "section":
            lines.append(f"{'#' * min(anchor.depth + 2, 6)} {anchor.text}")
        else:
            citations = "".join(f"[{label}]" for label in statements[anchor.id].citations)
            lines.append(f"- {anchor.text} {citations}".rstrip())
    if article.references:
        lines.append("## References")
    for reference in article.references:
        where = ", ".join(str(part) for part in (reference.journal, reference.year) if part)
        lines.append(f"[{reference.number}] {reference.title}" + (f" ({where})" if where else ""))
    return lines


def diff_articles(old: Article, new: Article, *, context: int = 2) -> list[DiffLine]:
    """What changed from ``old`` to ``new``: unified-diff hunks as typed lines (empty when nothing changed)."""
    found: list[DiffLine] = []
    for line in difflib.unified_diff(article_lines(old), article_lines(new), lineterm="", n=context):
        if line.startswith(("---", "+++")):
            continue
        if line.startswith("@@"):
            found.append(DiffLine("hunk", line))
        elif line.startswith("+"):
            found.append(DiffLine("added", line[1:]))
        elif line.startswith("-"):
            found.append(DiffLine("removed", line[1:]))
        else:
            found.append(DiffLine("same", line[1:]))
    return found
