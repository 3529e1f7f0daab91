"""PubMed/MEDLINE XML (``PubmedArticleSet``, plain or .gz as in the baseline files), streamed record by record."""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from medora.errors import IngestError
from medora.ingest.kinds import kind_from_metadata
from medora.ingest.reading import ByteProgress, open_tracked
from medora.ingest.xmltext import flat_text, parse_year
from medora.types import Section, Source


def parse_pubmed_xml(path: Path, *, on_bytes: ByteProgress | None = None) -> Iterator[Source | IngestError]:
    """Yield one Source per ``PubmedArticle``; memory stays flat on baseline-sized files. A file that breaks off
    (a truncated download, a full disk) keeps every complete record before the break and ends with an IngestError
    saying after which record and where it broke."""
    complete = 0
    with open_tracked(path) as (handle, position):
        try:
            for _event, element in etree.iterparse(handle, events=("end",), tag="PubmedArticle", recover=False):
                complete += 1
                source = _article_to_source(element, origin=str(path))
                element.clear()
                while element.getprevious() is not None:
                    del element.getparent()[0]
                if on_bytes:
                    on_bytes(position())
                if source is not None:
                    yield source
        except etree.XMLSyntaxError as error:
            line, column = error.position
            yield IngestError(
                f"not well-formed PubMed XML after record {complete} (line {line}, column {column}): {error.msg}"
            )
        except (EOFError, OSError, zlib.error) as error:  # a truncated or damaged .gz
            yield IngestError(f"the compressed file breaks off after record {complete} ({error})")


def _article_to_source(element, *, origin: str) -> Source | None:  # noqa: ANN001
    citation = element.find("MedlineCitation")
    if citation is None:
        return None
    pmid = flat_text(citation.find("PMID")) or None
    article = citation.find("Article")
    if article is None:
        return None
    sections = [
        Section(label=(node.get("Label") or node.get("NlmCategory") or "").upper(), text=flat_text(node))
        for node in article.findall("Abstract/AbstractText")
        if flat_text(node)
    ]
    title = flat_text(article.find("ArticleTitle")).rstrip(".") or flat_text(article.find("VernacularTitle"))
    if not sections and title:
        sections = [Section(label="TITLE", text=title)]
    if not sections:
        return None
    publication_types = [flat_text(node) for node in article.findall("PublicationTypeList/PublicationType")]
    mesh = [flat_text(node) for node in citation.findall("MeshHeadingList/MeshHeading/DescriptorName")]
    year = parse_year(flat_text(article.find("Journal/JournalIssue/PubDate/Year"))) or parse_year(
        flat_text(article.find("Journal/JournalIssue/PubDate/MedlineDate"))
    )
    doi = next(
        (flat_text(node) for node in element.findall("PubmedData/ArticleIdList/ArticleId") if node.get("IdType") == "doi"),
        None,
    ) or next((flat_text(node) for node in article.findall("ELocationID") if node.get("EIdType") == "doi"), None)
    authors = [
        " ".join(part for part in (flat_text(a.find("LastName")), flat_text(a.find("Initials"))) if part)
        or flat_text(a.find("CollectiveName"))
        for a in article.findall("AuthorList/Author")
    ]
    return Source(
        key=f"pmid:{pmid}" if pmid else f"doi:{doi}" if doi else f"title:{title[:180]}",
        kind=kind_from_metadata(publication_types, mesh),
        title=title,
        authors=[a for a in authors if a],
        journal=flat_text(article.find("Journal/Title")) or flat_text(article.find("Journal/ISOAbbreviation")) or None,
        year=year,
        pmid=pmid,
        doi=doi,
        url=f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else None,
        mesh=mesh,
        origin=origin,
        sections=sections,
    )
