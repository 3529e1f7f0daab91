"""The library validator: front matter schema, every sentence cited, every citation resolvable, no duplicates."""

from __future__ import annotations

import datetime
import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from medora.errors import IngestError
from medora.ingest.markdown import markdown_sections, split_front_matter
from medora.sentences import split_sentences

REVIEW_STATUSES = ("pending human review", "under review", "approved", "changes requested")
REFERENCE_KINDS = (
    "guideline",
    "systematic review",
    "meta-analysis",
    "rct",
    "cohort",
    "case-control",
    "case report",
    "narrative review",
    "consumer health",
)
_CITATION = re.compile(r"\[(@[^\]]+)\]")
_REF_ID = re.compile(r"@([A-Za-z0-9_.:-]+)")


class OverviewReference(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    kind: str
    title: str = Field(min_length=5)
    issuer: str = Field(min_length=2)
    year: int = Field(ge=1950, le=2100)
    pmid: str | None = Field(None, pattern=r"^\d{1,9}$")
    doi: str | None = Field(None, pattern=r"^10\.\d{4,9}/\S+$")
    url: str | None = Field(None, pattern=r"^https?://")

    @field_validator("pmid", "doi", mode="before")
    @classmethod
    def _as_text(cls, value: object) -> object:
        return str(value) if value is not None else None

    @field_validator("kind")
    @classmethod
    def _known_kind(cls, value: str) -> str:
        if value not in REFERENCE_KINDS:
            raise ValueError(f"kind must be one of: {', '.join(REFERENCE_KINDS)}")
        return value


class OverviewFrontMatter(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    title: str = Field(min_length=3)
    specialty: list[str] = Field(min_length=1)
    questions: list[str] = Field(min_length=1)
    last_reviewed: datetime.date
    review_status: str
    version: int = Field(ge=1)
    references: list[OverviewReference] = Field(min_length=1)

    @field_validator("review_status")
    @classmethod
    def _known_status(cls, value: str) -> str:
        if value not in REVIEW_STATUSES:
            raise ValueError(f"review_status must be one of: {', '.join(REVIEW_STATUSES)}")
        return value


def validate_overview(path: Path, *, today: datetime.date | None = None) -> tuple[str | None, list[str]]:
    """(topic id, problems) for one overview file; an empty list means it is valid."""
    today = today or datetime.date.today()
    try:
        meta, body = split_front_matter(path.read_text(encoding="utf-8"), path=path)
    except (IngestError, OSError, UnicodeDecodeError) as error:
        return None, [str(error) if str(error).startswith(str(path)) else f"{path}: {error}"]
    try:
        front = OverviewFrontMatter(**meta)
    except ValidationError as error:
        details = "; ".join(f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in error.errors())
        return meta.get("id"), [f"{path}: front matter: {details}"]
    problems: list[str] = []
    if front.id != path.stem:
        problems.append(f"{path}: id '{front.id}' differs from the file name '{path.stem}'")
    if front.last_reviewed > today:
        problems.append(f"{path}: last_reviewed {front.last_reviewed} is in the future")
    reference_ids = [ref.id for ref in front.references]
    duplicates = {ref for ref in reference_ids if reference_ids.count(ref) > 1}
    if duplicates:
        problems.append(f"{path}: duplicate reference ids: {', '.join(sorted(duplicates))}")
    _title, sections = markdown_sections(body)
    if not sections or sections[0].label != "Bottom line":
        problems.append(f"{path}: the first section must be '## Bottom line'")
    cited: set[str] = set()
    for section in sections:
        for paragraph in section.text.split("\n"):
            if paragraph.rstrip().endswith(":") and not _CITATION.search(paragraph):
                continue  # a lead-in to the list that follows; the list items carry the claims and citations
            for sentence in split_sentences(paragraph):
                ids = [i for marker in _CITATION.findall(sentence) for i in _REF_ID.findall(marker)]
                if not ids:
                    problems.append(f"{path}: [{section.label}] uncited sentence: {sentence[:90]!r}")
                unknown = [i for i in ids if i not in reference_ids]
                if unknown:
                    problems.append(f"{path}: [{section.label}] cites unknown reference(s) {', '.join(unknown)}")
                cited.update(ids)
    return front.id, problems


def validate_library(paths: list[Path], *, today: datetime.date | None = None) -> list[str]:
    """Problems across the whole library, including topics that appear twice."""
    problems: list[str] = []
    seen: dict[str, Path] = {}
    titles: dict[str, Path] = {}
    for path in paths:
        topic, found = validate_overview(path, today=today)
        problems += found
        if topic and topic in seen:
            problems.append(f"{path}: topic id '{topic}' already used by {seen[topic]}")
        if topic:
            seen[topic] = path
        title = _title_of(path)
        if title and title in titles:
            problems.append(f"{path}: duplicate topic title '{title}' (also {titles[title]})")
        elif title:
            titles[title] = path
    return problems


def _title_of(path: Path) -> str | None:
    try:
        meta, _ = split_front_matter(path.read_text(encoding="utf-8"), path=path)
    except (IngestError, OSError, UnicodeDecodeError):
        return None
    return str(meta.get("title", "")).strip().lower() or None
