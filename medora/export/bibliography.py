"""An article's references for reference managers: RIS (written by rispy) and BibTeX (bibtexparser 2).

Every numbered reference and each of an overview's own lettered references becomes one record, in list order;
a work cited under two labels (an overview's '1a' that was also retrieved as '3') is written once, with the
numbered entry's metadata (it comes from the source record itself) and both labels in its note. Record types
follow what the work is, not only its kind:

- a study or review with a journal → RIS ``JOUR`` / ``@article``;
- a guideline without a PMID, with an issuing body → ``RPRT`` / ``@techreport`` (issuer as publisher /
  institution, ``type = {Guideline}``); a guideline with a PMID was published in a journal, so it is ``JOUR``;
- a consumer-health page with a URL → ``ELEC`` / ``@misc``; anything else (a Medora editorial overview, a work
  with no journal) → ``GEN`` / ``@misc`` with ``howpublished``.

The PMID goes to RIS ``AN`` (accession number) with ``DB  - PubMed``: the RIS fields for a record number in a
named database, which EndNote fills the same way and Zotero keeps as Archive / Loc. in Archive. ``M1`` was ruled
out because Zotero reads it as the issue number of a journal article. In BibTeX it is the ``pmid`` field, which
Zotero and JabRef import as the PMID. The kind becomes a keyword (Zotero makes it a tag).

BibTeX is written in UTF-8 (biber, Zotero and JabRef read it; classic BibTeX needs ``inputenc``); only LaTeX's
special characters are escaped, and ``doi``/``url`` are left verbatim as biblatex expects. Keys are the first
significant word of the title and the year (``oxygen2017``), with 'a', 'b', … added on a clash, so the same
article always exports the same keys. ``ReferenceEntry`` carries no authors yet, so none are written.
"""

from __future__ import annotations

import re
import unicodedata

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from bibtexparser.writer import BibtexFormat

from medora.export.references import CitedWork, cited_works
from medora.types import Article

JOURNAL, REPORT, WEB, GENERIC = "journal", "report", "web", "generic"
RIS_TYPES = {JOURNAL: "JOUR", REPORT: "RPRT", WEB: "ELEC", GENERIC: "GEN"}
BIBTEX_TYPES = {JOURNAL: "article", REPORT: "techreport", WEB: "misc", GENERIC: "misc"}
_CONTAINER_FIELD = {JOURNAL: "journal", REPORT: "institution", WEB: "howpublished", GENERIC: "howpublished"}

_LATEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_FORMAT = BibtexFormat()
_FORMAT.block_separator = "\n"  # one blank line between entries (the default leaves two)
_KEY_STOPWORDS = frozenset("a an and at by for from in of on or the to with".split())


def work_type(work: CitedWork) -> str:
    """journal, report, web or generic (see the module docstring for why)."""
    if work.kind == "guideline" and not work.pmid:
        return REPORT if work.container else GENERIC
    if work.kind == "editorial summary":
        return GENERIC
    if work.kind == "consumer health":
        return WEB if work.url else GENERIC
    return JOURNAL if work.container else GENERIC


def _identity(work: CitedWork) -> str | None:
    if work.pmid:
        return f"pmid:{work.pmid}"
    return f"doi:{work.doi.lower()}" if work.doi else None


def unique_works(works: list[CitedWork]) -> list[tuple[CitedWork, list[str]]]:
    """Each work once, at its first position, with every label it is cited under."""
    groups: dict[str, list[CitedWork]] = {}
    order: list[str] = []
    for position, work in enumerate(works):
        identity = _identity(work) or f"position:{position}"
        if identity not in groups:
            groups[identity] = []
            order.append(identity)
        groups[identity].append(work)
    unique = []
    for identity in order:
        group = groups[identity]
        numbered = [work for work in group if work.label.isdigit()]
        unique.append(((numbered or group)[0], [work.label for work in group]))
    return unique


# --- RIS ------------------------------------------------------------------------------------------------------


def _ris_record(work: CitedWork, labels: list[str]) -> dict[str, object]:
    kind = work_type(work)
    record: dict[str, object] = {"type_of_reference": RIS_TYPES[kind], "title": work.title}
    if work.container:
        record["secondary_title" if kind == JOURNAL else "publisher"] = work.container
    if work.year:
        record["year"] = str(work.year)
    if work.doi:
        record["doi"] = work.doi
    if work.pmid:
        record["accession_number"] = work.pmid
        record["name_of_database"] = "PubMed"
    if work.url:
        record["urls"] = [work.url]
    if work.kind:
        record["keywords"] = [work.kind]
    record["notes"] = [f"Cited as {', '.join(f'[{label}]' for label in labels)} in a Medora article."]
    return record


class _PlainRisWriter(rispy.RisWriter):
    """rispy's writer without the '1.' counter line it puts before each record, which RIS does not define."""

    def set_header(self, count: int) -> str:
        return ""


def to_ris(article: Article) -> str:
    records = [_ris_record(work, labels) for work, labels in unique_works(cited_works(article))]
    return rispy.dumps(records, implementation=_PlainRisWriter)


# --- BibTeX ---------------------------------------------------------------------------------------------------


def latex_escape(text: str) -> str:
    """LaTeX's special characters made literal; braces stay balanced, so no value can end its field early."""
    return "".join(_LATEX_SPECIALS.get(char, char) for char in text)


def _verbatim(text: str) -> str:
    """A DOI or URL as written, except braces, which would unbalance the field (percent-encoded as in URLs)."""
    return text.replace("{", "%7B").replace("}", "%7D")


def _key_stem(work: CitedWork) -> str:
    ascii_title = unicodedata.normalize("NFKD", work.title).encode("ascii", "ignore").decode().lower()
    words = [word for word in re.findall(r"[a-z][a-z0-9]*", ascii_title) if word not in _KEY_STOPWORDS]
    return f"{words[0] if words else 'ref'}{work.year or ''}"


def bibtex_keys(works: list[CitedWork]) -> list[str]:
    """One key per work, unique within the file and the same on every export of the same list."""
    keys: list[str] = []
    for work in works:
        stem = key = _key_stem(work)
        suffix = 0
        while key in keys:
            key = f"{stem}{chr(ord('a') + suffix % 26)}{suffix // 26 or ''}"
            suffix += 1
        keys.append(key)
    return keys


def _bibtex_fields(work: CitedWork) -> list[tuple[str, str]]:
    kind = work_type(work)
    fields = [("title", latex_escape(work.title))]
    if work.container:
        fields.append((_CONTAINER_FIELD[kind], latex_escape(work.container)))
    if kind == REPORT:
        fields.append(("type", "Guideline"))
    if work.year:
        fields.append(("year", str(work.year)))
    if work.doi:
        fields.append(("doi", _verbatim(work.doi)))
    if work.pmid:
        fields.append(("pmid", latex_escape(work.pmid)))
    if work.url:
        fields.append(("url", _verbatim(work.url)))
    if work.kind:
        fields.append(("keywords", latex_escape(work.kind)))
    return fields


def to_bibtex(article: Article) -> str:
    works = [work for work, _ in unique_works(cited_works(article))]
    library = bibtexparser.Library()
    for work, key in zip(works, bibtex_keys(works), strict=True):
        fields = [Field(name, value) for name, value in _bibtex_fields(work)]
        library.add(Entry(BIBTEX_TYPES[work_type(work)], key, fields))
    return bibtexparser.write_string(library, bibtex_format=_FORMAT)
