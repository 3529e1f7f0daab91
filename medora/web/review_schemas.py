"""The review API's input and output models: sign-in, workflow actions, the queue, comments, diffs, the audit log
and accounts. Kept apart from the stored records they are built from."""

from __future__ import annotations

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field

from medora.review.diff import DiffLine
from medora.review.states import update_under_review
from medora.review.workflow import MAX_TEXT, QueueItem
from medora.store.articles import ArticleRecord
from medora.store.review import AssignmentRecord, AuditEvent, CommentRecord
from medora.store.users import UserRecord
from medora.web.schemas import article_url

Text = Annotated[str, Field(max_length=MAX_TEXT)]
Name = Annotated[str, Field(min_length=1, max_length=80)]
AccountRole = Literal["reviewer", "editor", "admin"]


class LoginRequest(BaseModel):
    name: Name
    password: Annotated[str, Field(min_length=1, max_length=1000)]


class AccountResponse(BaseModel):
    name: str
    role: str
    csrf_token: str = Field(description="Send it as the X-CSRF-Token header on every POST made with this session.")


class AssignRequest(BaseModel):
    reviewers: Annotated[list[Name], Field(min_length=1, max_length=20)]
    reason: Text = ""


class DecisionRequest(BaseModel):
    reason: Text = ""
    version: int | None = Field(None, ge=1, description="The version reviewed; refused (409) if a newer one exists.")


class CommentIn(BaseModel):
    anchor: Annotated[str, Field(max_length=40, description='A section ("s2") or sentence ("s2.0", "b.1").')]
    body: Text


class ChangesRequest(DecisionRequest):
    comments: Annotated[list[CommentIn], Field(max_length=100)] = Field(default_factory=list)


class StatementEditIn(BaseModel):
    anchor: Annotated[str, Field(max_length=40)]
    text: Text = Field(description="The new sentence; empty removes it.")
    citations: Annotated[list[Annotated[str, Field(max_length=10)]], Field(max_length=20)] = Field(default_factory=list)


class EditRequest(BaseModel):
    edits: Annotated[list[StatementEditIn], Field(min_length=1, max_length=200)]
    reason: Text
    version: int | None = Field(None, ge=1, description="The version edited; refused (409) if a newer one exists.")


class ReviewState(BaseModel):
    """Where an article stands in review."""

    id: int
    slug: str
    url: str
    title: str
    status: str
    version: int = Field(description="The newest version.")
    approved_version: int | None = Field(description="The version readers see, once one is approved.")
    approved_by: str | None
    approved_at: datetime.datetime | None
    update_under_review: bool
    new_evidence: list[dict] = Field(default_factory=list, description="Sources found since approval.")

    @classmethod
    def of(cls, record: ArticleRecord) -> ReviewState:
        return cls(
            id=record.id, slug=record.slug, url=article_url(record.slug), title=record.title, status=record.status,
            version=record.version, approved_version=record.approved_version, approved_by=record.approved_by,
            approved_at=record.approved_at, update_under_review=update_under_review(record.status, record.approved_version),
            new_evidence=record.new_evidence or [],
        )


class QueueEntry(ReviewState):
    reviewers: list[str]

    @classmethod
    def of_item(cls, item: QueueItem) -> QueueEntry:
        return cls(**ReviewState.of(item.record).model_dump(), reviewers=item.reviewers)


class CommentOut(BaseModel):
    id: int
    version: int
    author: str
    anchor: str
    anchor_text: str
    body: str
    created_at: datetime.datetime

    @classmethod
    def of(cls, comment: CommentRecord) -> CommentOut:
        return cls(**vars(comment))


class AssignmentOut(BaseModel):
    reviewer: str
    assigned_by: str
    assigned_at: datetime.datetime

    @classmethod
    def of(cls, assignment: AssignmentRecord) -> AssignmentOut:
        return cls(**vars(assignment))


class ReviewDetail(ReviewState):
    reviewers: list[AssignmentOut]
    comments: list[CommentOut]


class DiffLineOut(BaseModel):
    kind: Literal["hunk", "added", "removed", "same"]
    text: str

    @classmethod
    def of(cls, line: DiffLine) -> DiffLineOut:
        return cls(kind=line.kind, text=line.text)


class DiffResponse(BaseModel):
    slug: str
    from_version: int
    to_version: int
    lines: list[DiffLineOut]


class AuditEventOut(BaseModel):
    id: int
    at: datetime.datetime
    actor: str
    actor_role: str
    action: str
    from_state: str | None
    to_state: str | None
    version: int | None
    reason: str
    details: dict

    @classmethod
    def of(cls, event: AuditEvent) -> AuditEventOut:
        return cls(**{name: value for name, value in vars(event).items() if name != "article_id"})


class AuditResponse(BaseModel):
    id: int
    slug: str
    events: list[AuditEventOut]


class UserCreate(BaseModel):
    name: Name
    role: AccountRole
    password: Annotated[str, Field(min_length=1, max_length=1000)]


class UserOut(BaseModel):
    name: str
    role: str
    created_at: datetime.datetime

    @classmethod
    def of(cls, user: UserRecord) -> UserOut:
        return cls(name=user.name, role=user.role, created_at=user.created_at)
