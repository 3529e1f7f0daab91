"""Article → PDF with fpdf2, set in DejaVu Sans so '≥', '–', 'µ', '→' and Greek letters print as written.

fpdf2's built-in fonts are Latin-1 only, and replacing a clinical symbol with a look-alike could change a
threshold's meaning, so the text is never transliterated. DejaVu Sans comes from matplotlib, the one maintained
PyPI package that ships it (``mpl-data/fonts/ttf``); it is located without importing matplotlib.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import XPos, YPos

from medora.errors import MedoraError
from medora.export.references import CitedWork, numbered_work, summarised_works
from medora.export.render import (
    certainty_line,
    kind_label,
    reference_text,
    sentence_text,
    status_line,
    verdict_heading,
)
from medora.types import Article, ArticleSection, KeyStudy, Statement

FONT = "DejaVu"
_FONT_FILES = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf", "I": "DejaVuSans-Oblique.ttf"}
_HEADING_SIZES = {1: 18, 2: 14, 3: 12, 4: 11}
_BODY_SIZE = 10
_LINE = 5.2  # mm per line of body text
_URGENT_RED = (176, 0, 32)


@lru_cache(maxsize=1)
def font_directory() -> Path:
    """Where matplotlib keeps DejaVu Sans; a clear error with the install command when it is missing."""
    spec = importlib.util.find_spec("matplotlib")
    if spec is not None and spec.submodule_search_locations:
        folder = Path(next(iter(spec.submodule_search_locations))) / "mpl-data" / "fonts" / "ttf"
        if all((folder / name).is_file() for name in _FONT_FILES.values()):
            return folder
    raise MedoraError("PDF export needs the DejaVu Sans fonts that ship with matplotlib: pip install matplotlib")


class _ArticlePDF(FPDF):
    """An A4 document whose footer numbers every page 'Page n of N'."""

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, "", 8)
        self.set_text_color(100)
        self.cell(0, 5, f"Medora · Page {self.page_no()} of {{nb}}", align="C")
        self.set_text_color(0)


def _new_document(article: Article) -> _ArticlePDF:
    pdf = _ArticlePDF(format="A4")
    for style, name in _FONT_FILES.items():
        pdf.add_font(FONT, style, font_directory() / name)
    pdf.set_margins(18, 16, 18)
    pdf.set_auto_page_break(True, margin=18)
    pdf.set_title(article.title)
    pdf.set_subject(article.question)
    pdf.set_creator("Medora")
    pdf.set_lang("en")
    pdf.add_page()
    return pdf


def _paragraph(pdf: FPDF, text: str, *, style: str = "", size: int = _BODY_SIZE, indent: float = 0) -> None:
    pdf.set_font(FONT, style, size)
    pdf.set_x(pdf.l_margin + indent)
    pdf.multi_cell(0, max(_LINE, size * 0.5), text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _heading(pdf: FPDF, text: str, level: int) -> None:
    size = _HEADING_SIZES.get(level, _BODY_SIZE + 1)
    if pdf.will_page_break(size + 6 * _LINE):  # keep a heading (and a sub-heading) with the lines under it
        pdf.add_page()
    pdf.ln(2 if level > 2 else 4)
    pdf.set_font(FONT, "B", size)
    pdf.multi_cell(0, size * 0.5, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _hanging(pdf: FPDF, marker: str, text: str, *, indent: float, marker_width: float, style: str = "") -> None:
    """A list item: the marker in the margin, wrapped lines aligned under the first."""
    pdf.set_font(FONT, style, _BODY_SIZE)
    pdf.set_x(pdf.l_margin + indent)
    pdf.cell(marker_width, _LINE, marker)
    pdf.multi_cell(0, _LINE, text, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(0.8)


def _bullets(pdf: FPDF, statements: list[Statement], indent: float = 0) -> None:
    for statement in statements:
        _hanging(pdf, "•", sentence_text(statement), indent=indent, marker_width=5)


def _section(pdf: FPDF, section: ArticleSection, level: int) -> None:
    _heading(pdf, section.heading, level)
    _bullets(pdf, section.statements)
    for sub in section.subsections:
        _section(pdf, sub, level + 1)


def _work(pdf: FPDF, work: CitedWork, *, indent: float, marker: str) -> None:
    _hanging(pdf, marker, f"{kind_label(work.kind)}. {reference_text(work)}", indent=indent, marker_width=9)


def _urgent(pdf: FPDF, notice: str) -> None:
    pdf.ln(2)
    pdf.set_draw_color(*_URGENT_RED)
    pdf.set_text_color(*_URGENT_RED)
    pdf.set_font(FONT, "B", _BODY_SIZE + 1)
    pdf.multi_cell(
        0, _LINE + 1, f"URGENT: {notice}", border=1, padding=2, align="L", new_x=XPos.LMARGIN, new_y=YPos.NEXT
    )
    pdf.set_text_color(0)
    pdf.set_draw_color(0)


def _key_studies(pdf: FPDF, rows: list[KeyStudy]) -> None:
    """One entry a study (a table would not fit the verbatim findings on A4): design, year, size, population,
    direction, then the finding as quoted, with its citation."""
    _heading(pdf, "Key studies", 2)
    for row in rows:
        facts = [row.design, str(row.year) if row.year else "", row.size or "", row.population or "", row.direction]
        _hanging(pdf, f"[{row.citation}]", " · ".join(fact for fact in facts if fact), indent=0, marker_width=9, style="B")
        _paragraph(pdf, sentence_text(row.finding), indent=9)


def to_pdf(article: Article) -> bytes:
    """The article as a printable A4 PDF: title, status, urgent notice, verdict, sections, references, disclaimer."""
    pdf = _new_document(article)
    _paragraph(pdf, article.title, style="B", size=_HEADING_SIZES[1])
    if article.question.strip() != article.title.strip():
        _paragraph(pdf, f"Question: {article.question}")
    pdf.set_text_color(90)
    _paragraph(pdf, status_line(article), style="I", size=_BODY_SIZE - 1)
    pdf.set_text_color(0)
    if article.urgent_notice:
        _urgent(pdf, article.urgent_notice)
    if article.coverage_notice:
        _paragraph(pdf, f"Partial answer: {article.coverage_notice}", style="B")
    if article.findings_notice:
        _paragraph(pdf, f"Details not covered: {article.findings_notice}", style="B")
    if article.verdict_notice and not article.verdict:
        _paragraph(pdf, f"No yes or no verdict: {article.verdict_notice}", style="B")
    if certainty_line(article):
        _paragraph(pdf, certainty_line(article), style="B")
    if article.verdict:
        _heading(pdf, verdict_heading(article), 2)
        if article.verdict.statements:
            _paragraph(pdf, "Carried by:")
            _bullets(pdf, article.verdict.statements)
    if article.bottom_line:
        _heading(pdf, "Bottom line", 2)
        _bullets(pdf, article.bottom_line)
    if article.key_studies:
        _key_studies(pdf, article.key_studies)
    for section in article.sections:
        _section(pdf, section, 2)
    _heading(pdf, "Evidence", 2)
    _paragraph(pdf, article.evidence_summary)
    if article.references:
        _heading(pdf, "References", 2)
        for entry in article.references:
            _work(pdf, numbered_work(entry), indent=0, marker=f"{entry.number}.")
            for item in summarised_works(entry):
                _work(pdf, item, indent=9, marker=item.label)
    pdf.ln(4)
    pdf.set_text_color(90)
    _paragraph(pdf, article.disclaimer, style="I", size=_BODY_SIZE - 1)
    return bytes(pdf.output())
