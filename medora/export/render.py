"""Article → Markdown, HTML or JSON; the terminal shows the Markdown through rich.

Statements are listed one per bullet under their section, subsections (steps, severity classes) nested under
their section, each sentence carrying its citation marks ('[1]', '[1a]') before its final full stop. Text from
documents and questions is data: the HTML page comes from an autoescaping Jinja2 template, and the Markdown
backslash-escapes '<' so that no Markdown viewer can turn it into a tag.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from medora.export.references import CitedWork, numbered_work, summarised_works
from medora.types import Article, ArticleSection, KeyStudy, ReferenceEntry, Statement

if TYPE_CHECKING:
    import jinja2

FORMATS = ("terminal", "markdown", "json", "html")


def kind_label(kind: str) -> str:
    return "RCT" if kind == "rct" else kind[:1].upper() + kind[1:]


@dataclass(frozen=True)
class CitedSentence:
    """A statement split so its citation marks can sit before its final punctuation: 'Text [1, 2a].'"""

    text: str
    labels: list[str]
    end: str


def cited_sentence(statement: Statement) -> CitedSentence:
    text = statement.text.strip()
    if statement.citations and text[-1:] in (".", "!", "?"):
        return CitedSentence(text[:-1].rstrip(), list(statement.citations), text[-1])
    return CitedSentence(text, list(statement.citations), "")


def citation_marks(labels: list[str]) -> str:
    """'1a, 2, 3, 4, 7' → '1a, 2–4, 7': runs of three or more consecutive numbers become a range."""
    parts: list[str] = []
    run: list[int] = []

    def close() -> None:
        if len(run) >= 3:
            parts.append(f"{run[0]}–{run[-1]}")
        else:
            parts.extend(str(number) for number in run)
        run.clear()

    for label in labels:
        if label.isdigit() and (not run or int(label) == run[-1] + 1):
            run.append(int(label))
            continue
        close()
        if label.isdigit():
            run.append(int(label))
        else:
            parts.append(label)
    close()
    return ", ".join(parts)


def sentence_text(statement: Statement) -> str:
    """The statement as plain text with its marks, e.g. 'Give aspirin [1a, 1b].', 'Three RCTs found a benefit [2–4].'"""
    parts = cited_sentence(statement)
    marks = f" [{citation_marks(parts.labels)}]" if parts.labels else ""
    return f"{parts.text}{marks}{parts.end}"


def reference_text(work: CitedWork) -> str:
    """Everything after the kind: 'Title. Journal. 2020. PMID 123 · doi:10.1/x.' (plain text)."""
    parts = [work.title.rstrip(".") + "."]
    if work.container:
        parts.append(work.container.rstrip(".") + ".")
    if work.year:
        parts.append(f"{work.year}.")
    identifiers = [f"PMID {work.pmid}"] if work.pmid else []
    identifiers += [f"doi:{work.doi}"] if work.doi else []
    if identifiers:
        parts.append(" · ".join(identifiers) + ".")
    elif work.url:
        parts.append(work.url)
    if work.review_status:
        parts.append(f"(Editorial status: {work.review_status}.)")
    return " ".join(parts)


def article_statements(article: Article) -> list[Statement]:
    """Every shown sentence: verdict, bottom line, sections and their subsections."""
    found = list(article.verdict.statements if article.verdict else []) + list(article.bottom_line)

    def walk(sections: list[ArticleSection]) -> None:
        for section in sections:
            found.extend(section.statements)
            walk(section.subsections)

    walk(article.sections)
    return found


def verification_line(article: Article) -> str:
    """How the sentences were checked: verbatim quotes of their passage versus rewrites checked for faithfulness."""
    statements = [s for s in article_statements(article) if s.passage_id is not None]
    if not statements:
        return ""
    quotes = sum(s.quote for s in statements)
    rewrites = len(statements) - quotes
    noun = "sentence" if len(statements) == 1 else "sentences"
    quoted = "is a verbatim quote of the passage it cites" if quotes == 1 else "are verbatim quotes of the passage they cite"
    checked = "is a rewrite checked against its passage" if rewrites == 1 else "are rewrites checked against their passage"
    return f"{quotes} of {len(statements)} {noun} {quoted}" + (
        f"; {rewrites} {checked} for numbers, direction, negation and names." if rewrites else "."
    )


def status_line(article: Article) -> str:
    editorial = article.editorial
    reviewed = f" · Reviewed by {editorial.reviewed_by}, {editorial.reviewed_on}" if editorial.reviewed_by else ""
    return f"Editorial status: {editorial.status}{reviewed} · Last updated {editorial.last_updated}"


def verdict_heading(article: Article) -> str:
    verdict = article.verdict
    return f"Verdict: {verdict.answer.upper()} (model confidence {verdict.confidence:.0%})" if verdict else ""


def carried_by(article: Article) -> str:
    """The studies a shown verdict was read from: 'Carried by: RCT, 2019 [1]; Cohort, 2015 [3].'"""
    if article.verdict is None or not article.verdict.studies:
        return "Carried by:" if article.verdict and article.verdict.statements else ""
    entries = {str(ref.number): ref for ref in article.references}
    named = []
    for label in article.verdict.studies:
        ref = entries.get(label)
        about = [kind_label(ref.kind), str(ref.year) if ref.year else ""] if ref else []
        named.append(f"{', '.join(x for x in about if x)} [{label}]".strip())
    return "Carried by: " + "; ".join(named) + "."


def certainty_line(article: Article) -> str:
    """'Certainty of the evidence: moderate. 2 RCTs and 1 cohort study (2010–2019); rated down for …'"""
    if article.certainty is None:
        return ""
    return f"Certainty of the evidence: {article.certainty.level}. {article.certainty.reason}"


def key_study_cells(row: KeyStudy) -> list[str]:
    """Study, design, size, population, finding (with its mark), direction: plain text, 'not stated' when absent."""
    study = f"[{row.citation}]" + (f" {row.year}" if row.year else "")
    size, population = row.size or "not stated", row.population or "not stated"
    return [study, row.design, size, population, sentence_text(row.finding), row.direction]


# --- Markdown -------------------------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Data text made inert for Markdown viewers: '<' can no longer open a tag (backslashes escaped first)."""
    return text.replace("\\", "\\\\").replace("<", "\\<")


def _md_bullets(statements: list[Statement]) -> list[str]:
    return [f"- {_md(sentence_text(statement))}" for statement in statements] + ([""] if statements else [])


def _md_section(section: ArticleSection, level: int) -> list[str]:
    lines = [f"{'#' * min(level, 6)} {_md(section.heading)}", ""]
    lines += _md_bullets(section.statements)
    for sub in section.subsections:
        lines += _md_section(sub, level + 1)
    return lines


def _md_cell(text: str) -> str:
    """Data text for a Markdown table cell: inert, and a pipe cannot end the cell."""
    return _md(text).replace("|", "\\|")


def _md_key_studies(rows: list[KeyStudy]) -> list[str]:
    lines = ["## Key studies", "", "| Study | Design | Size | Population | Finding | Direction |"]
    lines += ["| --- | --- | --- | --- | --- | --- |"]
    lines += ["| " + " | ".join(_md_cell(text) for text in key_study_cells(row)) + " |" for row in rows]
    return lines + [""]


def _md_reference(entry: ReferenceEntry) -> list[str]:
    work = numbered_work(entry)
    lines = [f"{entry.number}. **{kind_label(work.kind)}** {_md(reference_text(work))}"]
    for item in summarised_works(entry):
        lines.append(f"    - [{_md(item.label)}] **{kind_label(item.kind)}** {_md(reference_text(item))}")
    return lines


def to_markdown(article: Article) -> str:
    lines = [f"# {_md(article.title)}", ""]
    if article.question.strip() != article.title.strip():
        lines += [f"Question: {_md(article.question)}", ""]
    lines += [f"*{_md(status_line(article))}*", ""]
    if article.urgent_notice:
        lines += [f"> **URGENT:** {_md(article.urgent_notice)}", ""]
    if article.coverage_notice:
        lines += [f"> **Partial answer:** {_md(article.coverage_notice)}", ""]
    if article.findings_notice:
        lines += [f"> **Details not covered:** {_md(article.findings_notice)}", ""]
    if article.verdict:
        lines += [f"## {verdict_heading(article)}", ""]
        if carried_by(article):
            lines += [_md(carried_by(article)), ""] + _md_bullets(article.verdict.statements)
    elif article.verdict_notice:
        lines += [f"> **No yes or no verdict:** {_md(article.verdict_notice)}", ""]
    if article.bottom_line:
        lines += ["## Bottom line", ""] + _md_bullets(article.bottom_line)
    if certainty_line(article):
        lines += [f"**{_md(certainty_line(article))}**", ""]
    if article.key_studies:
        lines += _md_key_studies(article.key_studies)
    for section in article.sections:
        lines += _md_section(section, 2)
    if article.related_articles:
        lines += ["## Closest articles", ""]
        lines += [f"- {_md(item.title)} ({kind_label(item.kind)})" for item in article.related_articles] + [""]
    lines += ["## Evidence", "", _md(article.evidence_summary), ""]
    if verification_line(article):
        lines += [_md(verification_line(article)), ""]
    if article.references:
        lines += ["## References", ""]
        for entry in article.references:
            lines += _md_reference(entry)
        lines.append("")
    lines += [f"*{_md(article.disclaimer)}*", ""]
    return "\n".join(lines)


# --- HTML -----------------------------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2

    return jinja2.Environment(
        loader=jinja2.PackageLoader("medora.export", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def to_html(article: Article) -> str:
    """A standalone page from an autoescaping template: document text can never become markup."""
    template = _environment().get_template("article.html")
    references = [(numbered_work(entry), summarised_works(entry)) for entry in article.references]
    return template.render(
        article=article,
        references=references,
        status_line=status_line(article),
        verdict_heading=verdict_heading(article),
        carried_by=carried_by(article),
        certainty_line=certainty_line(article),
        key_study_cells=key_study_cells,
        show_question=article.question.strip() != article.title.strip(),
        cited_sentence=cited_sentence,
        kind_label=kind_label,
    )


# --- JSON and terminal ----------------------------------------------------------------------------------------


def to_json(article: Article) -> str:
    return article.model_dump_json(indent=2)


def print_terminal(article: Article) -> None:
    from rich.console import Console
    from rich.markdown import Markdown

    Console().print(Markdown(to_markdown(article)))
