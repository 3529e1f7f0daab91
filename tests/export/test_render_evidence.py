"""Exports show a verdict only when the article has one (else the notice), the certainty line, the key-studies
table, and grouped citation marks as ranges."""

from medora.export.render import citation_marks, to_html, to_markdown
from medora.types import Article, Certainty, KeyStudy, Statement

FINDING = "Tranexamic acid significantly reduced death due to bleeding | in trauma."
NOTICE = "The retrieved studies do not give a clear yes or no answer: the model reaches no such level."


def _with_evidence(article: Article) -> Article:
    article.verdict = None
    article.verdict_notice = NOTICE
    article.certainty = Certainty(level="moderate", reason="2 RCTs (2010–2019); rated down for a single source.")
    article.key_studies = [
        KeyStudy(design="RCT", year=2010, size="20,211 adult trauma patients", participants=20211, population=None,
                 finding=Statement(text=FINDING, citations=["3"]), section="CONCLUSIONS", direction="benefit", citation="3")
    ]
    return article


def test_citation_runs_of_three_or_more_become_ranges():
    assert citation_marks(["2", "3", "4"]) == "2–4"
    assert citation_marks(["1a", "2", "3", "4", "7"]) == "1a, 2–4, 7"
    assert citation_marks(["2", "3"]) == "2, 3"


def test_markdown_gives_the_notice_certainty_and_key_studies_instead_of_a_verdict(article: Article):
    markdown = to_markdown(_with_evidence(article))
    assert "Verdict:" not in markdown
    assert f"> **No yes or no verdict:** {NOTICE}" in markdown
    assert "**Certainty of the evidence: moderate. 2 RCTs (2010–2019); rated down for a single source.**" in markdown
    assert (
        "| [3] 2010 | RCT | 20,211 adult trauma patients | not stated | Tranexamic acid significantly reduced death "
        "due to bleeding \\| in trauma [3]. | benefit |" in markdown
    )


def test_html_gives_the_key_studies_table_and_certainty(article: Article):
    page = to_html(_with_evidence(article))
    assert "<h2>Key studies</h2>" in page and '<td><a href="#ref-3">[3] 2010</a></td><td>RCT</td>' in page
    assert "<strong>Certainty of the evidence: moderate." in page
    assert "<strong>No yes or no verdict:</strong>" in page and "Verdict:" not in page


def test_a_shown_verdict_names_the_studies_that_carry_it(article: Article):
    article.verdict.studies = ["3"]
    assert "Carried by: Guideline, 2024 [3]." in to_markdown(article)


def test_pdf_gives_the_notice_certainty_and_key_studies(article: Article):
    from io import BytesIO

    from pypdf import PdfReader

    from medora.export.pdf import to_pdf

    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(to_pdf(_with_evidence(article)))).pages)
    text = " ".join(text.split())
    assert "No yes or no verdict: The retrieved studies do not give a clear yes or no answer" in text
    assert "Certainty of the evidence: moderate." in text and "Key studies" in text
    assert "RCT · 2010 · 20,211 adult trauma patients · benefit" in text
    assert "Tranexamic acid significantly reduced death due to bleeding" in text
