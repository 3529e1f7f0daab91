"""The JSON API's input and output models, kept apart from the storage records they are built from."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field

from medora.articles import MAX_QUESTION_LENGTH, ArticleRecord, StoredArticle, VersionSummary
from medora.retrieve.retriever import Filters
from medora.types import Article, Kind

Audience = Literal["clinician", "student", "patient"]
Status = Literal["submitted", "under review", "approved", "changes requested", "rejected"]
Origin = Literal["asked", "library"]
ExportFormat = Literal["md", "pdf", "ris", "bibtex"]
MAX_PAGE_SIZE = 100
EmptyAsNone = BeforeValidator(lambda value: None if value == "" else value)  # an HTML form's unfilled field
ShortText = Annotated[str, Field(max_length=200)]
Year = Annotated[int, Field(ge=1800, le=2100)]


def article_url(slug: str, version: int | None = None) -> str:
    """The article page's path; the one place the URL scheme of articles is spelt out."""
    return f"/articles/{slug}" + (f"?version={version}" if version else "")


class AskRequest(BaseModel):
    question: str = Field(
        description="The clinical question (checked by the answer pipeline: not empty, at most 1,000 characters).",
        json_schema_extra={"minLength": 1, "maxLength": MAX_QUESTION_LENGTH},
    )
    audience: Audience = Field("clinician", description="Who the article is written for.")
    year_from: int | None = Field(None, ge=1800, le=2100, description="Only evidence published in or after this year.")
    year_to: int | None = Field(None, ge=1800, le=2100, description="Only evidence published in or before this year.")
    kinds: list[Kind] = Field(default_factory=list, description="Only evidence of these kinds, e.g. ['guideline'].")
    fresh: bool = Field(False, description="Answer again (a new version) even when the question was answered before.")

    model_config = {
        "json_schema_extra": {
            "examples": [
                {"question": "How should L5 radiculopathy with foot drop be managed?", "audience": "clinician"}
            ]
        }
    }

    def filters(self) -> Filters | None:
        """The retrieval filters asked for, or None when there are none (the common, unfiltered question)."""
        if self.year_from is None and self.year_to is None and not self.kinds:
            return None
        return Filters(year_from=self.year_from, year_to=self.year_to, kinds=frozenset(k.value for k in self.kinds))


class AskForm(AskRequest):
    """The ask page's form: the same fields (empty boxes allowed) plus the article a follow-up comes from."""

    year_from: Annotated[Year | None, EmptyAsNone] = None
    year_to: Annotated[Year | None, EmptyAsNone] = None
    follow_up_of: Annotated[ShortText | None, EmptyAsNone] = None


class LibraryQuery(BaseModel):
    """The library page's search form; an option left at "any" arrives empty."""

    q: Annotated[ShortText | None, EmptyAsNone] = None
    status: Annotated[Status | None, EmptyAsNone] = None
    specialty: Annotated[ShortText | None, EmptyAsNone] = None
    origin: Annotated[Origin | None, EmptyAsNone] = None
    updated_from: Annotated[datetime.date | None, EmptyAsNone] = None
    updated_to: Annotated[datetime.date | None, EmptyAsNone] = None
    page: Annotated[int, Field(ge=1, le=100_000)] = 1


class AskResponse(BaseModel):
    id: int
    slug: str
    url: str
    version: int
    reused: bool = Field(description="True when a stored article answered the question instead of a new answer.")
    article: Article

    @classmethod
    def of(cls, stored: StoredArticle) -> AskResponse:
        record = stored.record
        return cls(
            id=record.id, slug=record.slug, url=article_url(record.slug), version=stored.version,
            reused=stored.reused, article=stored.article,
        )


class ArticleSummary(BaseModel):
    """One row of the library: what a list shows without the article body."""

    id: int
    slug: str
    url: str
    question: str
    title: str
    question_type: str
    origin: str
    status: str
    specialties: list[str]
    created_at: datetime.datetime
    updated_at: datetime.datetime
    version: int = Field(description="The current version number.")

    @classmethod
    def of(cls, record: ArticleRecord) -> ArticleSummary:
        return cls(
            id=record.id, slug=record.slug, url=article_url(record.slug), question=record.question,
            title=record.title, question_type=record.question_type, origin=record.origin, status=record.status,
            specialties=list(record.specialties), created_at=record.created_at, updated_at=record.updated_at,
            version=record.version,
        )


class ArticleResponse(ArticleSummary):
    shown_version: int = Field(description="The version whose article is included (the current one by default).")
    article: Article

    @classmethod
    def of_stored(cls, stored: StoredArticle) -> ArticleResponse:
        summary = ArticleSummary.of(stored.record)
        return cls(**summary.model_dump(), shown_version=stored.version, article=stored.article)


class ArticleListResponse(BaseModel):
    items: list[ArticleSummary]
    total: int = Field(description="Articles matching the filters, across all pages.")
    limit: int
    offset: int


class VersionResponse(BaseModel):
    number: int
    created_at: datetime.datetime
    composer: str
    index_version: str
    url: str

    @classmethod
    def of(cls, slug: str, version: VersionSummary) -> VersionResponse:
        return cls(
            number=version.number, created_at=version.created_at, composer=version.composer,
            index_version=version.index_version, url=article_url(slug, version.number),
        )


class VersionListResponse(BaseModel):
    id: int
    slug: str
    current_version: int
    versions: list[VersionResponse]


class HealthResponse(BaseModel):
    status: Literal["ok"] = "ok"
    version: str = Field(description="The Medora package version serving the API.")


class ErrorResponse(BaseModel):
    detail: str = Field(description="What went wrong and what to change.")
