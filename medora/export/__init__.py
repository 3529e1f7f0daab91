"""Export: an Article rendered for people (Markdown, HTML, PDF) and for reference managers (RIS, BibTeX).

``export_article`` is the one entry point the CLI and the web app share; the writers are imported only for the
format asked for, so a command that never exports never loads fpdf2 or the bibliography libraries.
"""

from __future__ import annotations

from medora.types import Article

EXPORT_FORMATS = ("md", "pdf", "ris", "bibtex")

_MEDIA_TYPES = {
    "md": ("text/markdown; charset=utf-8", "md"),
    "pdf": ("application/pdf", "pdf"),
    "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
    "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
}


def export_article(article: Article, fmt: str) -> tuple[bytes, str, str]:
    """The article in ``fmt`` as (content, media type, file name extension without the dot)."""
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of: {', '.join(EXPORT_FORMATS)}")
    media_type, extension = _MEDIA_TYPES[fmt]
    if fmt == "pdf":
        from medora.export.pdf import to_pdf

        return to_pdf(article), media_type, extension
    if fmt == "md":
        from medora.export.render import to_markdown

        text = to_markdown(article)
    else:
        from medora.export.bibliography import to_bibtex, to_ris

        text = to_ris(article) if fmt == "ris" else to_bibtex(article)
    return text.encode("utf-8"), media_type, extension
