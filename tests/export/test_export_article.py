import pytest

from medora.export import EXPORT_FORMATS, export_article
from medora.types import Article


def test_each_format_has_its_media_type_and_extension(article: Article):
    found = {fmt: export_article(article, fmt)[1:] for fmt in EXPORT_FORMATS}
    assert found == {
        "md": ("text/markdown; charset=utf-8", "md"),
        "pdf": ("application/pdf", "pdf"),
        "ris": ("application/x-research-info-systems; charset=utf-8", "ris"),
        "bibtex": ("application/x-bibtex; charset=utf-8", "bib"),
    }


def test_exported_content_is_the_format_asked_for(article: Article):
    assert export_article(article, "pdf")[0][:5] == b"%PDF-"
    assert export_article(article, "ris")[0].startswith(b"TY  - GEN\n")
    assert export_article(article, "bibtex")[0].startswith(b"@misc{chronic2026,")
    assert export_article(article, "md")[0].startswith("# Chronic kidney disease in adults".encode())


def test_an_unknown_format_names_the_allowed_ones(article: Article):
    with pytest.raises(ValueError, match=r"^unknown export format 'docx'; choose one of: md, pdf, ris, bibtex$"):
        export_article(article, "docx")
