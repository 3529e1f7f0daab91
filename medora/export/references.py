"""One flat view of an article's references, so every exporter reads the same fields the same way.

A numbered ``ReferenceEntry`` and each of an overview's own references (its ``summarises`` items, labelled '1a',
'1b', …) become a ``CitedWork``; the renderers nest the lettered ones under their number, the bibliography
writers list them all.
"""

from __future__ import annotations

from dataclasses import dataclass

from medora.types import Article, ReferenceEntry


@dataclass(frozen=True)
class CitedWork:
    """A publication as it is cited: its label in the article ('1', '1a') and what identifies it."""

    label: str
    kind: str
    title: str
    container: str | None = None
    year: int | None = None
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None
    review_status: str | None = None


def _clean(value: object) -> str | None:
    """Whitespace collapsed (a newline would end a RIS line or a PDF cell early); empty becomes None."""
    text = " ".join(str(value).split()) if value is not None else ""
    return text or None


def _year(value: object) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


def numbered_work(entry: ReferenceEntry) -> CitedWork:
    return CitedWork(
        label=str(entry.number),
        kind=entry.kind,
        title=_clean(entry.title) or "(untitled)",
        container=_clean(entry.journal),
        year=entry.year,
        pmid=_clean(entry.pmid),
        doi=_clean(entry.doi),
        url=_clean(entry.url),
        review_status=_clean(entry.review_status),
    )


def summarised_works(entry: ReferenceEntry) -> list[CitedWork]:
    """An overview's own references; their ``issuer`` is the journal or the issuing body."""
    return [
        CitedWork(
            label=str(item.get("label", "")),
            kind=str(item.get("kind", "")),
            title=_clean(item.get("title")) or "(untitled)",
            container=_clean(item.get("issuer") or item.get("journal")),
            year=_year(item.get("year")),
            pmid=_clean(item.get("pmid")),
            doi=_clean(item.get("doi")),
            url=_clean(item.get("url")),
        )
        for item in entry.summarises
    ]


def cited_works(article: Article) -> list[CitedWork]:
    """Every reference in list order: each number followed by its lettered references."""
    works: list[CitedWork] = []
    for entry in article.references:
        works.append(numbered_work(entry))
        works.extend(summarised_works(entry))
    return works
