"""JSON Lines: Medora's corpus format (``pmid``, ``title``, ``sections``…) and MedQuAD question/answer records."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from pathlib import Path

from medora.errors import IngestError
from medora.ingest.kinds import kind_from_label, kind_from_metadata
from medora.ingest.reading import ByteProgress
from medora.types import Kind, Section, Source

_MEDQUAD_ISSUERS = {
    "CancerGov": "National Cancer Institute (cancer.gov)",
    "GARD": "Genetic and Rare Diseases Information Center (NIH)",
    "GHR": "Genetics Home Reference (NLM)",
    "MPlus": "MedlinePlus (NLM)",
    "NIDDK": "National Institute of Diabetes and Digestive and Kidney Diseases",
    "NINDS": "National Institute of Neurological Disorders and Stroke",
    "SeniorHealth": "NIHSeniorHealth (NIH)",
    "NHLBI": "National Heart, Lung, and Blood Institute",
    "CDC": "Centers for Disease Control and Prevention",
}
_SPACE = re.compile(r"[ \t]+")


def parse_jsonl(path: Path, *, on_bytes: ByteProgress | None = None) -> Iterator[Source | IngestError]:
    """Yield a Source per good line and an IngestError per bad one (not UTF-8, not JSON, not a known record),
    so one bad line costs only itself."""
    position = 0
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            position += len(raw)
            if on_bytes:
                on_bytes(position)
            try:
                line = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                byte = f"byte {error.start + 1} of the line is {raw[error.start]:#04x}"
                yield IngestError(f"line {number}: not UTF-8 text ({byte})")
                continue
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                source = _record_to_source(record, origin=str(path))
            except (json.JSONDecodeError, IngestError, TypeError, ValueError, KeyError) as error:
                yield IngestError(f"line {number}: {error}")
                continue
            yield source


def _record_to_source(record: dict, *, origin: str) -> Source:
    if not isinstance(record, dict):
        raise IngestError("a line must be a JSON object")
    if "sections" in record:
        return _corpus_record(record, origin=origin)
    if "question" in record and "answer" in record:
        return _medquad_record(record, origin=origin)
    raise IngestError(f"unknown record shape with fields {sorted(record)[:8]} (expected corpus or MedQuAD)")


def _corpus_record(record: dict, *, origin: str) -> Source:
    sections = [Section(label=s.get("label") or "", text=s["text"].strip()) for s in record["sections"] if s.get("text")]
    if not sections and (record.get("title") or "").strip():
        sections = [Section(label="TITLE", text=record["title"].strip())]
    if not sections:
        raise IngestError(f"record {record.get('pmid') or record.get('id')} has no section text")
    pmid = str(record["pmid"]) if record.get("pmid") else None
    mesh = list(record.get("mesh") or [])
    kind = kind_from_label(record["kind"]) if record.get("kind") else kind_from_metadata(
        record.get("publication_types") or [], mesh
    )
    key = f"pmid:{pmid}" if pmid else f"doi:{record['doi']}" if record.get("doi") else f"doc:{record['id']}"
    return Source(
        key=key,
        kind=kind,
        title=(record.get("title") or "").strip(),
        authors=list(record.get("authors") or []),
        journal=record.get("journal"),
        year=int(record["year"]) if record.get("year") else None,
        pmid=pmid,
        doi=record.get("doi"),
        url=record.get("url") or (f"https://pubmed.ncbi.nlm.nih.gov/{pmid}/" if pmid else None),
        mesh=mesh,
        licence=record.get("licence"),
        origin=f"{origin}#{record.get('origin')}" if record.get("origin") else origin,
        sections=sections,
    )


def medquad_question(record: dict) -> str:
    return str(record["question"]).replace(" ?", "?").strip()


def medquad_answer(record: dict) -> str:
    """The answer as stored: runs of spaces folded, blank lines dropped."""
    return "\n".join(_SPACE.sub(" ", line).strip() for line in str(record["answer"]).splitlines() if line.strip())


def medquad_key(record: dict) -> str:
    """MedQuAD ids are not unique (one id can carry several different question/answer pairs), so the key adds a
    hash of the pair: distinct pairs are all kept, and the same pair ingested twice is still stored once."""
    digest = hashlib.sha256(f"{medquad_question(record)}\n{medquad_answer(record)}".encode()).hexdigest()[:12]
    return f"medquad:{record['id']}:{digest}"


def _medquad_record(record: dict, *, origin: str) -> Source:
    answer = medquad_answer(record)
    if not answer:
        raise IngestError(f"MedQuAD record {record.get('id')} has an empty answer")
    collection = str(record.get("source") or "")
    issuer = next((name for tag, name in _MEDQUAD_ISSUERS.items() if f"_{tag}_" in f"_{collection}_"), collection)
    return Source(
        key=medquad_key(record),
        kind=Kind.CONSUMER_HEALTH,
        title=medquad_question(record),
        journal=issuer or None,
        url=record.get("url"),
        mesh=[record["focus"]] if record.get("focus") else [],
        licence="CC BY 4.0 (MedQuAD)",
        origin=origin,
        sections=[Section(label=str(record.get("qtype") or "answer"), text=answer)],
    )
