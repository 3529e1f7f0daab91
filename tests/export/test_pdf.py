import io

from pypdf import PdfReader

from medora.export.pdf import to_pdf
from medora.export.render import to_html, to_markdown
from medora.types import Article
from tests.export.conftest import STATIN, TITLE


def _pages(article: Article) -> list[str]:
    reader = PdfReader(io.BytesIO(to_pdf(article)))
    return [" ".join(page.extract_text().split()) for page in reader.pages]


def test_pdf_text_holds_the_title_a_cited_sentence_and_a_pmid(article: Article):
    text = " ".join(_pages(article))
    assert TITLE in text
    assert f"{STATIN[:-1]} [1a]." in text
    assert "PMID 38490803 · doi:10.1016/j.kint.2023.10.018." in text


def test_pdf_keeps_symbols_that_latin1_fonts_cannot_draw(article: Article):
    text = " ".join(_pages(article))
    assert "mL/min/1.73 m² are G3a 45–59" in text
    assert "Step 1 — Lifestyle and cardiovascular risk" in text


def test_pdf_numbers_every_page_and_ends_with_the_disclaimer(article: Article):
    article.sections *= 12  # long enough to need a second page
    pages = _pages(article)
    assert len(pages) > 1
    assert all(f"Medora · Page {number} of {len(pages)}" in page for number, page in enumerate(pages, 1))
    assert "Medora summarises published evidence for health professionals." in pages[-1]


def test_pdf_metadata_carries_the_title(article: Article):
    assert PdfReader(io.BytesIO(to_pdf(article))).metadata.title == TITLE


def test_every_format_says_which_details_of_the_case_the_sources_never_mention(article: Article):
    notice = ("The question describes “tendon xanthomata”, which the sources cited here never mention. The answer "
              "below is to what the question asks; check whether that detail changes it.")
    article = article.model_copy(update={"unnamed_findings": ["tendon xanthomata"], "findings_notice": notice})
    assert f"Details not covered: {notice}" in " ".join(_pages(article))
    assert f"> **Details not covered:** {notice}" in to_markdown(article)
    assert f"<strong>Details not covered:</strong> {notice}</aside>" in to_html(article)
