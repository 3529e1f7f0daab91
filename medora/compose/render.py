"""Article → Markdown, HTML or JSON. The terminal shows the Markdown through rich."""

from __future__ import annotations

import html

from medora.types import Article, ArticleSection, ReferenceEntry, Statement

FORMATS = ("terminal", "markdown", "json", "html")


def _sentence(statement: Statement) -> str:
    marks = f" [{', '.join(statement.citations)}]" if statement.citations else ""
    text = statement.text.rstrip()
    if marks and text[-1:] in ".!?":
        return f"{text[:-1]}{marks}{text[-1]}"
    return f"{text}{marks}"


def kind_label(kind: str) -> str:
    return "RCT" if kind == "rct" else kind[:1].upper() + kind[1:]


def _reference_line(ref: ReferenceEntry) -> str:
    parts = [f"**{kind_label(ref.kind)}**", ref.title.rstrip(".") + "."]
    if ref.journal:
        parts.append(f"*{ref.journal}*.")
    if ref.year:
        parts.append(f"{ref.year}.")
    ids = [f"PMID {ref.pmid}" if ref.pmid else "", f"doi:{ref.doi}" if ref.doi else ""]
    if any(ids):
        parts.append(" · ".join(i for i in ids if i) + ".")
    elif ref.url:
        parts.append(ref.url)
    if ref.review_status:
        parts.append(f"(Editorial status: {ref.review_status}.)")
    return " ".join(parts)


def _section_markdown(section: ArticleSection, level: int) -> list[str]:
    lines = [f"{'#' * level} {section.heading}", ""]
    if section.statements:
        lines += [" ".join(_sentence(s) for s in section.statements), ""]
    for sub in section.subsections:
        lines += _section_markdown(sub, level + 1)
    return lines


def to_markdown(article: Article) -> str:
    lines = [f"# {article.title}", ""]
    lines += [f"*Editorial status: {article.editorial.status} · Last updated {article.editorial.last_updated}*", ""]
    if article.urgent_notice:
        lines += [f"> **URGENT:** {article.urgent_notice}", ""]
    if article.coverage_notice:
        lines += [f"> **Partial answer:** {article.coverage_notice}", ""]
    if article.verdict:
        lines += [f"## Verdict: {article.verdict.answer.upper()} (model confidence {article.verdict.confidence:.0%})", ""]
        if article.verdict.statements:
            lines += ["Carried by: " + " ".join(_sentence(s) for s in article.verdict.statements), ""]
    if article.bottom_line:
        lines += ["## Bottom line", "", " ".join(_sentence(s) for s in article.bottom_line), ""]
    for section in article.sections:
        lines += _section_markdown(section, 2)
    if article.related_articles:
        lines += ["## Closest articles", ""] + [f"- {item.title} ({kind_label(item.kind)})" for item in article.related_articles]
        lines.append("")
    lines += ["## Evidence", "", article.evidence_summary, ""]
    if article.references:
        lines += ["## References", ""]
        for ref in article.references:
            lines.append(f"{ref.number}. {_reference_line(ref)}")
            for item in ref.summarises:
                detail = ", ".join(str(v) for v in (item.get("issuer"), item.get("year")) if v)
                ident = f" PMID {item['pmid']}." if item.get("pmid") else f" doi:{item['doi']}." if item.get("doi") else ""
                lines.append(f"    - [{item['label']}] {kind_label(item.get('kind', ''))}: {item['title']}. {detail}.{ident}")
        lines.append("")
    lines += [f"*{article.disclaimer}*", ""]
    return "\n".join(lines)


def to_html(article: Article) -> str:
    """A standalone page; the web app (Step 3) renders the same JSON with its own templates."""
    from markdown_it import MarkdownIt

    body = MarkdownIt("commonmark").render(to_markdown(article))
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>{html.escape(article.title)} · Medora</title></head><body><main>{body}</main></body></html>\n"
    )


def to_json(article: Article) -> str:
    return article.model_dump_json(indent=2)


def print_terminal(article: Article) -> None:
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(to_markdown(article)))
