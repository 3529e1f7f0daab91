"""PMC JATS XML articles: front matter for metadata, abstract and body sections for passages."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from medora.errors import IngestError
from medora.ingest.kinds import kind_from_jats
from medora.ingest.reading import ByteProgress, open_maybe_gzip
from medora.ingest.xmltext import flat_text, parse_year
from medora.types import Section, Source

_SKIP_IN_BODY = ("table-wrap", "fig", "disp-formula", "supplementary-material")


def parse_jats_xml(path: Path, *, on_bytes: ByteProgress | None = None) -> Iterator[Source]:
    """Yield the ``<article>`` elements of a JATS file (one article, or a PMC ``pmc-articleset``)."""
    try:
        with open_maybe_gzip(path) as handle:
            tree = etree.parse(handle, etree.XMLParser(resolve_entities=False, no_network=True, recover=False))
    except etree.XMLSyntaxError as error:
        raise IngestError(f"{path}: not well-formed JATS XML ({error})") from error
    if on_bytes:
        on_bytes(path.stat().st_size)
    root = tree.getroot()
    articles = [root] if etree.QName(root).localname == "article" else root.findall(".//article")
    for article in articles:
        _strip_namespaces(article)
        source = _article_to_source(article, origin=str(path))
        if source is not None:
            yield source


def _strip_namespaces(element) -> None:  # noqa: ANN001
    for node in element.iter():
        if isinstance(node.tag, str) and node.tag.startswith("{"):
            node.tag = etree.QName(node).localname


def _article_ids(meta) -> dict[str, str]:  # noqa: ANN001
    return {node.get("pub-id-type"): flat_text(node) for node in meta.findall("article-id")}


def _article_to_source(article, *, origin: str) -> Source | None:  # noqa: ANN001
    meta = article.find("front/article-meta")
    if meta is None:
        return None
    ids = _article_ids(meta)
    title = flat_text(meta.find("title-group/article-title"))
    sections: list[Section] = []
    for abstract in meta.findall("abstract"):
        parts = abstract.findall("sec")
        if parts:
            sections += [_section(part, prefix="Abstract") for part in parts]
        elif flat_text(abstract):
            sections.append(Section(label="Abstract", text=" ".join(flat_text(p) for p in abstract.iter("p"))))
    body = article.find("body")
    if body is not None:
        for part in body.findall("sec"):
            sections += _body_sections(part, trail="")
        loose = [flat_text(p) for p in body.findall("p")]
        if any(loose):
            sections.insert(0, Section(label="Body", text=" ".join(p for p in loose if p)))
    sections = [section for section in sections if section.text]
    if not sections:
        return None
    subjects = [flat_text(node) for node in meta.findall("article-categories//subject")]
    authors = [
        " ".join(p for p in (flat_text(c.find("name/surname")), flat_text(c.find("name/given-names"))) if p)
        for c in meta.findall("contrib-group/contrib[@contrib-type='author']")
    ]
    pub_year = next((parse_year(flat_text(d.find("year"))) for d in meta.findall("pub-date") if d.find("year") is not None), None)
    pmid, doi, pmc = ids.get("pmid"), ids.get("doi"), ids.get("pmc") or ids.get("pmcid")
    licence = flat_text(meta.find("permissions/license")) or None
    license_node = meta.find("permissions/license")
    if license_node is not None:
        href = license_node.get("{http://www.w3.org/1999/xlink}href") or license_node.get("href")
        licence = href or licence
    return Source(
        key=f"pmid:{pmid}" if pmid else f"doi:{doi}" if doi else f"pmc:{pmc}" if pmc else f"title:{title[:180]}",
        kind=kind_from_jats(article.get("article-type"), subjects),
        title=title,
        authors=[a for a in authors if a],
        journal=flat_text(article.find("front/journal-meta/journal-title-group/journal-title")) or None,
        year=pub_year,
        pmid=pmid,
        doi=doi,
        url=f"https://pmc.ncbi.nlm.nih.gov/articles/{pmc if str(pmc).startswith('PMC') else 'PMC' + str(pmc)}/" if pmc else None,
        mesh=[flat_text(k) for k in meta.findall("kwd-group/kwd")],
        licence=(licence or "")[:300] or None,
        origin=origin,
        sections=sections,
    )


def _section(part, *, prefix: str) -> Section:  # noqa: ANN001
    label = flat_text(part.find("title"))
    paragraphs = [flat_text(p) for p in part.iter("p")]
    return Section(label=f"{prefix}: {label}" if label else prefix, text=" ".join(p for p in paragraphs if p))


def _body_sections(part, *, trail: str) -> list[Section]:  # noqa: ANN001
    """Depth-first: each ``sec`` gives its own paragraphs under a 'Parent › Child' label."""
    title = flat_text(part.find("title"))
    label = f"{trail} › {title}" if trail and title else title or trail
    for node in list(part.iter(*_SKIP_IN_BODY)):
        node.getparent().remove(node)
    paragraphs = [flat_text(p) for p in part.findall("p")]
    found = [Section(label=label, text=" ".join(p for p in paragraphs if p))] if any(paragraphs) else []
    for child in part.findall("sec"):
        found += _body_sections(child, trail=label)
    return found
