"""Synthetic PubMed baseline files for scale tests: real sentences resampled from the shared corpus.

A generated abstract takes its sentences, in the order of their structure labels, from a few real abstracts of one
topic (a seed record and its nearest neighbours by TF-IDF cosine), until it reaches a length drawn from the real
abstracts. Its title is a real title of that topic; its year and MeSH headings (which carry the study design, so the
kind) are drawn together from one real record. PMIDs start at ``RESERVED_PMID_START``, far above any real PMID, and
the journal is named as synthetic, so a generated record can never pass for a real citation. Deterministic with a
seed: the same seed and corpus give byte-identical files."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

import numpy as np
from scipy import sparse

from medora.ingest.chunking import chunk_source
from medora.ingest.kinds import kind_from_metadata
from medora.sentences import split_sentences
from medora.types import Kind, Section, Source

RESERVED_PMID_START = 90_000_000  # real PMIDs are below 42 M (2026); this range cannot collide
RECORDS_PER_FILE = 30_000  # the real baseline holds about 30,000 records per file
SYNTHETIC_JOURNAL = "Medora Synthetic Scale Corpus (not a real journal)"
NEIGHBOURS = 8

# NLM's structured-abstract categories, in the order an abstract presents them.
CATEGORY_ORDER = ["BACKGROUND", "OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS"]
_CATEGORY_WORDS = [
    ("CONCLUSIONS", ("CONCLUSION",)),
    ("RESULTS", ("RESULT", "FINDING")),
    ("METHODS", ("METHOD", "DESIGN", "SETTING", "PATIENT", "PARTICIPANT", "INTERVENTION", "MEASURE", "SUBJECT")),
    ("OBJECTIVE", ("OBJECTIVE", "PURPOSE", "AIM", "QUESTION", "HYPOTHES")),
    ("BACKGROUND", ("BACKGROUND", "INTRODUCTION", "CONTEXT", "RATIONALE")),
]
_WORD = re.compile(r"[a-z][a-z0-9-]{2,}")
_GLUED_SENTENCE = re.compile(r"\.(?=[A-Z][a-z])")  # BioASQ titles sometimes run into the abstract's first sentence


def category(label: str) -> str | None:
    """The NLM category of a section label ("PATIENTS AND METHODS" → METHODS); None for unstructured text."""
    upper = label.upper()
    for name, words in _CATEGORY_WORDS:
        if any(word in upper for word in words):
            return name
    return None


def design_headings(mesh: tuple[str, ...]) -> tuple[str, ...]:
    """The MeSH headings that name a study design (they decide the source's kind), plus the Humans check tag."""
    return tuple(name for name in mesh if name == "Humans" or kind_from_metadata((), [name]) is not Kind.RESEARCH)


@dataclass(frozen=True)
class Donor:
    """One real corpus record, as the generator reads it."""

    pmid: str
    title: str | None
    year: int | None
    mesh: tuple[str, ...]
    sentences: tuple[tuple[str | None, str], ...]  # (NLM category or None, sentence)

    @property
    def structured(self) -> bool:
        return any(label is not None for label, _ in self.sentences)

    @property
    def words(self) -> int:
        return sum(len(text.split()) for _, text in self.sentences)


@dataclass(frozen=True)
class SyntheticRecord:
    pmid: int
    title: str
    year: int
    mesh: tuple[str, ...]
    sections: tuple[tuple[str | None, str], ...]  # (NLM category or None, text)
    donors: tuple[str, ...]  # real PMIDs whose sentences it holds, seed first

    def to_source(self) -> Source:
        """The Source the real parser would make of it (for counting passages with the real chunker)."""
        return Source(
            key=f"pmid:{self.pmid}",
            title=self.title,
            sections=[Section(label=label or "", text=text) for label, text in self.sections],
        )


def load_donors(corpus: Path) -> list[Donor]:
    """Every corpus record with text, sentences split by Medora's own splitter (so a lookup can find them again)."""
    donors = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            sentences = tuple(
                (category(section["label"]), sentence)
                for section in row["sections"]
                for sentence in split_sentences(section["text"])
            )
            if sentences:
                title = _GLUED_SENTENCE.split(row["title"])[0].strip().rstrip(".") if row.get("title") else None
                donors.append(Donor(str(row["pmid"]), title or None, row.get("year"), tuple(row["mesh"]), sentences))
    return donors


def topic_neighbours(donors: list[Donor], *, k: int = NEIGHBOURS, block: int = 2000) -> np.ndarray:
    """(n, k) indexes of each record's k most similar other records by TF-IDF cosine over title and text."""
    vocabulary: dict[str, int] = {}
    rows, cols = [], []
    for row, donor in enumerate(donors):
        text = " ".join([donor.title or ""] + [sentence for _, sentence in donor.sentences]).lower()
        for word in set(_WORD.findall(text)):
            rows.append(row)
            cols.append(vocabulary.setdefault(word, len(vocabulary)))
    presence = sparse.csr_matrix((np.ones(len(rows), dtype=np.float32), (rows, cols)), (len(donors), len(vocabulary)))
    frequency = np.asarray(presence.sum(axis=0)).ravel()
    weights = presence.multiply(np.log(len(donors) / frequency)[None, :].astype(np.float32)).tocsr()
    norms = np.sqrt(np.asarray(weights.multiply(weights).sum(axis=1)).ravel())
    weights = sparse.diags(1 / np.maximum(norms, 1e-9)).dot(weights).tocsr()
    neighbours = np.zeros((len(donors), k), dtype=np.int64)
    transposed = weights.T.tocsc()
    for begin in range(0, len(donors), block):
        similarity = (weights[begin : begin + block] @ transposed).toarray()
        similarity[np.arange(similarity.shape[0]), np.arange(begin, begin + similarity.shape[0])] = -1
        best = np.argpartition(-similarity, k, axis=1)[:, :k]
        order = np.argsort(-np.take_along_axis(similarity, best, axis=1), axis=1, kind="stable")
        neighbours[begin : begin + block] = np.take_along_axis(best, order, axis=1)
    return neighbours


class AbstractGenerator:
    """Draws synthetic records from real donors; ``records()`` is an endless deterministic stream."""

    def __init__(self, donors: list[Donor], neighbours: np.ndarray, *, seed: int = 0) -> None:
        self.donors, self.neighbours = donors, neighbours
        self.random = np.random.default_rng(seed)
        structured = [d for d in donors if d.structured]
        self.lengths = np.array([d.words for d in structured] or [d.words for d in donors])  # whole real abstracts
        self.metadata = [(d.year, design_headings(d.mesh)) for d in donors if d.year]  # drawn together
        titled = [i for i, d in enumerate(donors) if d.title and len(d.title.split()) <= 40]
        self.titled = set(titled)
        self.fallback_titles = titled

    def records(self, *, first_pmid: int = RESERVED_PMID_START) -> Iterator[SyntheticRecord]:
        pmid = first_pmid
        while True:
            yield self._record(pmid)
            pmid += 1

    def _record(self, pmid: int) -> SyntheticRecord:
        seed = int(self.random.integers(len(self.donors)))
        chosen = self._donors_for(seed, target_words=int(self.random.choice(self.lengths)))
        year, mesh = self.metadata[int(self.random.integers(len(self.metadata)))] if self.metadata else (2000, ())
        return SyntheticRecord(
            pmid=pmid,
            title=self._title(seed, chosen),
            year=int(year),
            mesh=tuple(mesh),
            sections=self._sections(chosen),
            donors=tuple(self.donors[i].pmid for i in chosen),
        )

    def _donors_for(self, seed: int, *, target_words: int) -> list[int]:
        """The seed, then its topic neighbours (structured ones only for a structured seed) until the length."""
        chosen, words = [seed], self.donors[seed].words
        for other in self.neighbours[seed]:
            if words >= target_words:
                break
            if self.donors[seed].structured and not self.donors[int(other)].structured:
                continue
            chosen.append(int(other))
            words += self.donors[int(other)].words
        return chosen

    def _title(self, seed: int, chosen: list[int]) -> str:
        for index in [*chosen, *map(int, self.neighbours[seed])]:
            if index in self.titled:
                return self.donors[index].title or ""
        return self.donors[self.fallback_titles[seed % len(self.fallback_titles)]].title or ""

    def _sections(self, chosen: list[int]) -> tuple[tuple[str | None, str], ...]:
        """Sentences grouped by NLM category in abstract order (each donor's own order kept within a category);
        an unstructured abstract is one section of its donors' sentences in turn."""
        sentences = [pair for index in chosen for pair in self.donors[index].sentences]
        if not self.donors[chosen[0]].structured:
            return ((None, " ".join(text for _, text in sentences)),)
        grouped = {name: [text for label, text in sentences if label == name] for name in CATEGORY_ORDER}
        return tuple((name, " ".join(texts)) for name, texts in grouped.items() if texts)


def record_xml(record: SyntheticRecord) -> str:
    """One ``PubmedArticle`` element shaped like the baseline's (the parts Medora's parser reads, and a few more)."""
    abstract = "".join(
        f"<AbstractText Label={quoteattr(label)} NlmCategory={quoteattr(label)}>{escape(text)}</AbstractText>"
        if label
        else f"<AbstractText>{escape(text)}</AbstractText>"
        for label, text in record.sections
    )
    mesh = "".join(
        f'<MeshHeading><DescriptorName MajorTopicYN="N">{escape(name)}</DescriptorName></MeshHeading>'
        for name in record.mesh
    )
    return (
        '<PubmedArticle><MedlineCitation Status="MEDLINE" Owner="NLM">'
        f'<PMID Version="1">{record.pmid}</PMID><Article PubModel="Print">'
        f'<Journal><JournalIssue CitedMedium="Print"><PubDate><Year>{record.year}</Year></PubDate></JournalIssue>'
        f"<Title>{escape(SYNTHETIC_JOURNAL)}</Title></Journal>"
        f"<ArticleTitle>{escape(record.title)}.</ArticleTitle><Abstract>{abstract}</Abstract>"
        '<Language>eng</Language><PublicationTypeList><PublicationType UI="D016428">Journal Article'
        "</PublicationType></PublicationTypeList></Article>"
        f"{'<MeshHeadingList>' + mesh + '</MeshHeadingList>' if mesh else ''}</MedlineCitation>"
        f'<PubmedData><ArticleIdList><ArticleId IdType="pubmed">{record.pmid}</ArticleId></ArticleIdList>'
        "</PubmedData></PubmedArticle>\n"
    )


def write_baseline(
    generator: AbstractGenerator, folder: Path, *, passages: int, records_per_file: int = RECORDS_PER_FILE
) -> dict:
    """Write gzipped files (``synthetic{n:04d}.xml.gz``) until the real chunker would make ``passages`` passages;
    returns counts. Files are gzipped with mtime 0, so a seed gives the same bytes every time."""
    folder.mkdir(parents=True, exist_ok=True)
    made = records = files = 0
    stream = generator.records()
    while made < passages:
        files += 1
        path = folder / f"synthetic{files:04d}.xml.gz"
        with path.open("wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
            handle.write(b'<?xml version="1.0" encoding="utf-8"?>\n<PubmedArticleSet>\n')
            in_file = 0
            while made < passages and in_file < records_per_file:
                record = next(stream)
                handle.write(record_xml(record).encode())
                made += len(chunk_source(record.to_source()))
                records += 1
                in_file += 1
            handle.write(b"</PubmedArticleSet>\n")
    return {"files": files, "records": records, "passages": made}
