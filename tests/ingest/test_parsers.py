import json
from pathlib import Path

import pytest

from medora.errors import IngestError, UnsupportedFormatError
from medora.ingest.detect import detect_parser
from medora.ingest.html import parse_html
from medora.ingest.jats import parse_jats_xml
from medora.ingest.jsonl import parse_jsonl
from medora.ingest.kinds import kind_from_label
from medora.ingest.markdown import parse_markdown
from medora.ingest.pdf import parse_pdf, publication_year_from_text
from medora.ingest.pubmed import parse_pubmed_xml
from medora.types import Kind
from tests.conftest import DATA, head_lines


def test_pubmed_xml_record_keeps_metadata_and_labelled_sections():
    first, second = list(parse_pubmed_xml(DATA / "pubmed_sample.xml"))
    assert first.key == "pmid:90000001"
    assert first.title == "Early decompression for foot drop due to lumbar disc herniation: a randomized trial"
    assert first.kind is Kind.RCT
    assert (first.year, first.doi, first.journal) == (2019, "10.9999/jst.2019.001", "Journal of Spine Testing")
    assert first.authors == ["Garcia A", "Spine Trial Group"]
    assert first.mesh == ["Peroneal Neuropathies", "Humans"]
    assert [s.label for s in first.sections] == ["BACKGROUND", "METHODS", "RESULTS"]
    assert second.kind is Kind.GUIDELINE and second.year == 2015


def test_pubmed_xml_reads_gzip(tmp_path: Path):
    import gzip

    packed = tmp_path / "pubmed24n0001.xml.gz"
    packed.write_bytes(gzip.compress((DATA / "pubmed_sample.xml").read_bytes()))
    assert detect_parser(packed) is parse_pubmed_xml
    assert [s.pmid for s in parse_pubmed_xml(packed)] == ["90000001", "90000002"]


def test_truncated_pubmed_xml_yields_the_complete_records_then_where_it_broke(tmp_path: Path):
    text = (DATA / "pubmed_sample.xml").read_text()
    broken = tmp_path / "broken.xml"
    broken.write_text(text[: text.index("</PubmedArticle>") + 400])
    first, problem = list(parse_pubmed_xml(broken))
    assert first.key == "pmid:90000001"
    assert str(problem) == (
        "not well-formed PubMed XML after record 1 (line 50, column 48): "
        "Premature end of data in tag ArticleTitle line 50, line 50, column 48"
    )


def test_jats_article_sections_nest_and_tables_are_skipped():
    (article,) = list(parse_jats_xml(DATA / "jats_sample.xml"))
    assert article.key == "pmid:90000003"
    assert article.kind is Kind.NARRATIVE_REVIEW
    assert (article.year, article.doi, article.journal) == (2021, "10.9999/nr.2021.7", "Neurology Reviews")
    assert article.licence == "https://creativecommons.org/licenses/by/4.0/"
    assert [s.label for s in article.sections] == ["Abstract", "Anatomy", "Diagnosis", "Diagnosis › Electrodiagnosis"]
    assert "ignored table text" not in article.body


def test_markdown_guideline_sections_follow_headings_and_drop_markup():
    (doc,) = list(parse_markdown(DATA / "guideline.md"))
    assert doc.kind is Kind.GUIDELINE and doc.journal == "Example Health Service" and doc.year == 2020
    assert [s.label for s in doc.sections] == ["Recommendations", "Imaging"]
    assert doc.sections[0].text.startswith("Offer an exercise programme")


def test_html_uses_citation_metadata_and_ignores_scripts_and_navigation():
    (doc,) = list(parse_html(DATA / "guideline.html"))
    assert doc.title == "Foot drop: assessment guidance"
    assert (doc.year, doc.journal) == (2018, "Example Neurology Society")
    assert [s.label for s in doc.sections] == ["Examination", "Referral"]
    assert "tracking" not in doc.body and "Home | About" not in doc.body


def test_html_article_type_names_the_study_design(tmp_path: Path):
    page = tmp_path / "trial.html"
    page.write_text(
        '<html><head><meta name="citation_title" content="Orthoses after stroke">'
        '<meta name="citation_article_type" content="Randomized Controlled Trial"></head>'
        "<body><h2>Results</h2><p>Falls fell by a third.</p></body></html>"
    )
    (doc,) = list(parse_html(page))
    assert doc.kind is Kind.RCT


@pytest.mark.parametrize(
    ("label", "kind"),
    [
        ("Randomised controlled trial", Kind.RCT),
        ("Review Article", Kind.NARRATIVE_REVIEW),
        ("Systematic Review", Kind.SYSTEMATIC_REVIEW),
        ("Meta-Analysis", Kind.META_ANALYSIS),
        ("Case Reports", Kind.CASE_REPORT),
        ("Practice Guideline", Kind.GUIDELINE),
        ("Cohort Study", Kind.COHORT),
        ("Research Article", Kind.RESEARCH),
        ("Letter", Kind.RESEARCH),
    ],
)
def test_article_type_labels_map_to_kinds(label: str, kind: Kind):
    assert kind_from_label(label) is kind


def test_markdown_that_is_not_utf8_names_the_byte(tmp_path: Path):
    notes = tmp_path / "notes.md"
    notes.write_bytes("# Caf\u00e9\n\nText.\n".encode("latin-1"))
    with pytest.raises(IngestError, match=r"notes.md: not UTF-8 text \(byte 6 is 0xe9\); save it as UTF-8"):
        list(parse_markdown(notes))


def _tiny_pdf(*lines: str, creation_date: str = "", xmp: str = "") -> bytes:
    """A one-page PDF with lines of text (and optionally an Info /CreationDate and an XMP packet), written by
    hand so the test needs no PDF writer."""
    stream = " ".join(f"BT /F1 12 Tf 72 {720 - 20 * n} Td ({line}) Tj ET" for n, line in enumerate(lines)).encode()
    metadata = b" /Metadata 7 0 R" if xmp else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R%s >>" % metadata,
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /CreationDate (%s) >>" % creation_date.encode(),
        b"<< /Type /Metadata /Subtype /XML /Length %d >>\nstream\n" % len(xmp) + xmp.encode() + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_pdf_text_is_read_page_by_page(tmp_path: Path):
    pdf = tmp_path / "guideline.pdf"
    pdf.write_bytes(_tiny_pdf("Ankle foot orthoses reduce falls in foot drop."))
    assert detect_parser(pdf) is parse_pdf
    (doc,) = list(parse_pdf(pdf))
    assert doc.sections[0].label == "Page 1"
    assert doc.sections[0].text == "Ankle foot orthoses reduce falls in foot drop."


def test_pdf_year_is_the_published_year_on_page_one_not_the_file_creation_date(tmp_path: Path):
    pdf = tmp_path / "guideline.pdf"
    pdf.write_bytes(_tiny_pdf("Foot drop guideline.", "Published 12 March 2016", creation_date="D:20260105120000Z"))
    (doc,) = list(parse_pdf(pdf))
    assert doc.year == 2016


def test_pdf_year_prefers_the_xmp_publication_date(tmp_path: Path):
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
        '<rdf:Description xmlns:prism="http://prismstandard.org/namespaces/basic/2.0/" '
        'prism:publicationDate="2014-06-01"/></rdf:RDF></x:xmpmeta>'
    )
    pdf = tmp_path / "paper.pdf"
    pdf.write_bytes(_tiny_pdf("Orthoses after stroke.", "Copyright 2015 The Authors", xmp=xmp))
    (doc,) = list(parse_pdf(pdf))
    assert doc.year == 2014


def test_pdf_without_a_publication_year_has_none(tmp_path: Path):
    pdf = tmp_path / "notes.pdf"
    pdf.write_bytes(_tiny_pdf("Orthoses reduce falls in 2020 cohorts.", creation_date="D:20260105120000Z"))
    (doc,) = list(parse_pdf(pdf))
    assert doc.year is None


@pytest.mark.parametrize(
    ("line", "year"),
    [
        ("(c) 2015 The Authors", 2015),
        ("Published online May 3, 2016", 2016),
        ("Published 12/03/2016", 2016),
        ("Updated 2019", None),
    ],
)
def test_publication_year_lines(line: str, year: int | None):
    assert publication_year_from_text(f"A guideline title\n{line}\nBody 2021.") == year


def test_pdf_that_is_not_a_pdf_is_reported(tmp_path: Path):
    fake = tmp_path / "fake.pdf"
    fake.write_bytes(b"%PDF-1.4\nthis is not really a pdf")
    with pytest.raises(IngestError, match="fake.pdf"):
        list(parse_pdf(fake))


def test_corpus_jsonl_rows_from_shared_data(shared: Path, tmp_path: Path):
    sample = head_lines(shared / "pubmed" / "corpus.jsonl", tmp_path / "corpus.jsonl", 20)
    sources = [s for s in parse_jsonl(sample) if not isinstance(s, IngestError)]
    assert len(sources) == 20
    assert all(s.key.startswith("pmid:") and s.sections for s in sources)


def test_medquad_jsonl_rows_are_consumer_health(shared: Path, tmp_path: Path):
    sample = head_lines(shared / "medquad" / "qa.jsonl", tmp_path / "qa.jsonl", 5)
    first = next(iter(parse_jsonl(sample)))
    assert first.kind is Kind.CONSUMER_HEALTH
    assert first.key.startswith("medquad:0000001_1-0000001_1-1:")
    assert first.journal == "National Cancer Institute (cancer.gov)"
    assert first.title == "What is (are) Adult Acute Lymphoblastic Leukemia?"


def test_medquad_pairs_sharing_an_id_are_all_kept(tmp_path: Path):
    path = tmp_path / "qa.jsonl"
    rows = [
        {"id": "7", "source": "1_CancerGov_QA", "question": "What is (are) Polycythemia Vera ?", "answer": "A blood cancer."},
        {"id": "7", "source": "1_CancerGov_QA", "question": "What is (are) Primary Myelofibrosis ?", "answer": "A marrow disease."},
    ]
    path.write_text("\n".join(json.dumps(row) for row in rows) + "\n")
    keys = [source.key for source in parse_jsonl(path)]
    assert len(set(keys)) == 2 and all(key.startswith("medquad:7:") for key in keys)
    assert keys == [source.key for source in parse_jsonl(path)]


def test_bad_jsonl_lines_are_yielded_as_errors_between_good_records(tmp_path: Path):
    path = tmp_path / "mixed.jsonl"
    path.write_text('{"pmid": "1", "title": "A", "sections": [{"label": "", "text": "Text one."}]}\n{oops\n')
    items = list(parse_jsonl(path))
    assert items[0].key == "pmid:1"
    assert isinstance(items[1], IngestError) and "line 2" in str(items[1])


def test_unknown_format_says_which_formats_are_supported(tmp_path: Path):
    odd = tmp_path / "notes.docx"
    odd.write_bytes(b"PK\x03\x04 binary")
    with pytest.raises(UnsupportedFormatError, match="Medora reads PubMed/MEDLINE XML"):
        detect_parser(odd)
