"""The JSON API's input and output models, kept apart from the storage records they are built from."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, Field

from medora.articles import MAX_QUESTION_LENGTH, ArticleRecord, StoredArticle, VersionSummary
from medora.followups import Reading, ThreadAnswer, ThreadRecord
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


def article_url(slug: str, version: int | None = None, thread: str | None = None) -> str:
    """The article page's path; the one place the URL scheme of articles is spelt out."""
    query = "&".join(part for part in (f"version={version}" if version else "", f"thread={thread}" if thread else "") if part)
    return f"/articles/{slug}" + (f"?{query}" if query else "")


class AskRequest(BaseModel):
    question: str = Field(
        description="The clinical question (checked by the answer pipeline: not empty, at most 2,000 characters).",
        json_schema_extra={"minLength": 1, "maxLength": MAX_QUESTION_LENGTH},
    )
    audience: Audience = Field("clinician", description="Who the article is written for.")
    year_from: int | None = Field(None, ge=1800, le=2100, description="Only evidence published in or after this year.")
    year_to: int | None = Field(None, ge=1800, le=2100, description="Only evidence published in or before this year.")
    kinds: list[Kind] = Field(default_factory=list, description="Only evidence of these kinds, e.g. ['guideline'].")
    fresh: bool = Field(False, description="Answer again (a new version) even when the question was answered before.")
    thread_id: str | None = Field(
        None, max_length=40, description="Ask in this follow-up thread of yours: the question is made standalone from "
        "the thread's topic before it is answered (another reader's thread is 404)."
    )
    follow_up_of: str | None = Field(
        None, max_length=200, description="Start a follow-up thread from this article (id or slug) and ask in it."
    )

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
    """The ask page's form: the same fields (empty boxes allowed); a follow-up box adds its article or thread."""

    year_from: Annotated[Year | None, EmptyAsNone] = None
    year_to: Annotated[Year | None, EmptyAsNone] = None
    follow_up_of: Annotated[ShortText | None, EmptyAsNone] = None
    thread_id: Annotated[Annotated[str, Field(max_length=40)] | None, EmptyAsNone] = None


class LibraryQuery(BaseModel):
    """The library page's search form; an option left at "any" arrives empty."""

    q: Annotated[ShortText | None, EmptyAsNone] = None
    status: Annotated[Status | None, EmptyAsNone] = None
    specialty: Annotated[ShortText | None, EmptyAsNone] = None
    origin: Annotated[Origin | None, EmptyAsNone] = None
    updated_from: Annotated[datetime.date | None, EmptyAsNone] = None
    updated_to: Annotated[datetime.date | None, EmptyAsNone] = None
    page: Annotated[int, Field(ge=1, le=100_000)] = 1


class ReadingResponse(BaseModel):
    """A consumer-health page on the article's topic (patients only): further reading, not a citation."""

    title: str
    url: str | None
    source_key: str

    @classmethod
    def of(cls, reading: Reading) -> ReadingResponse:
        return cls(title=reading.title, url=reading.url, source_key=reading.source_key)


class ThreadEntry(BaseModel):
    position: int
    asked: str = Field(description="The question as the reader typed it.")
    standalone: str = Field(description="The question as answered: made standalone from the thread's topic.")
    article_id: int
    slug: str
    title: str
    version: int
    url: str


class ThreadResponse(BaseModel):
    """A reader's follow-up thread: visible only to its owner, never listed."""

    id: str
    url: str
    topic: str = Field(description="What the thread is about; follow-ups without a topic of their own lean on it.")
    created_at: datetime.datetime
    updated_at: datetime.datetime
    items: list[ThreadEntry]

    @classmethod
    def of(cls, thread: ThreadRecord) -> ThreadResponse:
        items = [
            ThreadEntry(
                position=i.position, asked=i.asked, standalone=i.standalone, article_id=i.article_id, slug=i.slug,
                title=i.title, version=i.version, url=article_url(i.slug, thread=thread.id),
            )
            for i in thread.items
        ]
        return cls(id=thread.id, url=f"/api/threads/{thread.id}", topic=thread.topic, created_at=thread.created_at,
                   updated_at=thread.updated_at, items=items)


class AskResponse(BaseModel):
    id: int
    slug: str
    url: str
    version: int
    reused: bool = Field(description="True when a stored article answered the question instead of a new answer.")
    article: Article
    follow_ups: list[str] = Field(default_factory=list, description="Suggested next questions the library can answer.")
    thread: ThreadResponse | None = Field(None, description="The thread the question was asked in, if any.")
    further_reading: list[ReadingResponse] = Field(
        default_factory=list, description="Patients: consumer-health pages on the question's topic (not citations)."
    )

    @classmethod
    def of(
        cls, stored: StoredArticle, *, follow_ups: list[str] = (), answer: ThreadAnswer | None = None,
        reading: list[Reading] = (),
    ) -> AskResponse:
        record = stored.record
        thread = answer.thread.id if answer else None
        return cls(
            id=record.id, slug=record.slug, url=article_url(record.slug, thread=thread), version=stored.version,
            reused=stored.reused, article=stored.article, follow_ups=list(follow_ups),
            thread=ThreadResponse.of(answer.thread) if answer else None,
            further_reading=[ReadingResponse.of(item) for item in reading],
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
    follow_ups: list[str] = Field(default_factory=list, description="Suggested next questions the library can answer.")
    further_reading: list[ReadingResponse] = Field(
        default_factory=list, description="Patients: consumer-health pages on the question's topic (not citations)."
    )

    @classmethod
    def of_stored(
        cls, stored: StoredArticle, *, follow_ups: list[str] = (), reading: list[Reading] = ()
    ) -> ArticleResponse:
        summary = ArticleSummary.of(stored.record)
        return cls(**summary.model_dump(), shown_version=stored.version, article=stored.article,
                   follow_ups=list(follow_ups), further_reading=[ReadingResponse.of(item) for item in reading])


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
    process: int = Field(description="The id of the server process that answered (`medora serve --workers N` runs N).")


class ErrorResponse(BaseModel):
    detail: str = Field(description="What went wrong and what to change.")
