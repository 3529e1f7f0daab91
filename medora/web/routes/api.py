"""The JSON API: ask (alone or in a follow-up thread), read, list, version and export articles, read a thread.
Every handler calls one library function."""

from __future__ import annotations

import asyncio
import datetime
import json
import logging
import os
import threading
from collections.abc import AsyncIterator
from importlib.metadata import version as package_version
from typing import Annotated

from fastapi import APIRouter, Query, Request, Response
from fastapi.responses import StreamingResponse

from medora.articles import ask, get_article, list_articles, list_versions
from medora.errors import MedoraError, ThreadNotFoundError
from medora.export import export_article
from medora.followups import ask_in_thread, get_thread, plain_reading, suggest
from medora.web.deps import OwnerDep, WorkspaceDep, claim_owner
from medora.web.schemas import (
    MAX_PAGE_SIZE,
    ArticleListResponse,
    ArticleResponse,
    ArticleSummary,
    AskRequest,
    AskResponse,
    Audience,
    ErrorResponse,
    ExportFormat,
    HealthResponse,
    Origin,
    Status,
    ThreadResponse,
    VersionListResponse,
    VersionResponse,
)

log = logging.getLogger(__name__)
ERRORS = {400: {"model": ErrorResponse}, 404: {"model": ErrorResponse}, 422: {"model": ErrorResponse}}
router = APIRouter(prefix="/api", tags=["articles"], responses=ERRORS)


def article_key(key: str) -> str | int:
    """A path key is an id when it is all digits, else a slug."""
    return int(key) if key.isdigit() else key


@router.post("/ask", response_model=AskResponse)
def ask_question(body: AskRequest, workspace: WorkspaceDep, request: Request, response: Response) -> AskResponse:
    """Answer a question with a cited article, or return the stored one when it was asked before.

    With `thread_id` the question is asked in that follow-up thread of yours (made standalone from the thread's
    topic first); `follow_up_of` starts a thread from an article. Threads are yours through an HttpOnly cookie set
    the first time; another client gets 404."""
    owner = claim_owner(request, response) if body.thread_id or body.follow_up_of else None
    return answer(workspace, body, owner=owner)


def answer(workspace: WorkspaceDep, body: AskRequest, *, owner: str | None, on_text=None) -> AskResponse:  # noqa: ANN001
    """The ask, alone or in a thread, with the follow-ups to suggest under its article."""
    filters = body.filters()
    asked = None
    if owner is None:
        stored = ask(workspace, body.question, filters=filters, audience=body.audience, fresh=body.fresh, on_text=on_text)
    else:
        asked = ask_in_thread(
            workspace, body.question, owner=owner, thread_id=body.thread_id,
            follow_up_of=article_key(body.follow_up_of) if body.follow_up_of else None, audience=body.audience,
            filters=filters, fresh=body.fresh, on_text=on_text,
        )
        stored = asked.stored
    reading = plain_reading(workspace, stored) if body.audience == "patient" else []
    return AskResponse.of(stored, follow_ups=suggest(workspace, stored), answer=asked, reading=reading)


@router.post(
    "/ask/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "draft, then article or error events"}},
)
async def ask_question_streaming(body: AskRequest, workspace: WorkspaceDep, request: Request) -> StreamingResponse:
    """Server-sent events: `draft` (a JSON string, the LLM composer's text as it is written), then `article`
    (the same JSON as POST /api/ask) or `error` ({"detail": ...})."""
    cookies = Response()
    owner = claim_owner(request, cookies) if body.thread_id or body.follow_up_of else None
    response = StreamingResponse(
        _ask_events(workspace, body, owner), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
    )
    for name, value in cookies.raw_headers:
        if name == b"set-cookie":
            response.raw_headers.append((name, value))
    return response


async def _ask_events(workspace: WorkspaceDep, body: AskRequest, owner: str | None = None) -> AsyncIterator[str]:
    """Run the ask in a worker thread (it blocks on retrieval and the LLM) and relay what it reports."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[tuple[str, str] | None] = asyncio.Queue()

    def put(item: tuple[str, str] | None) -> None:
        try:
            loop.call_soon_threadsafe(queue.put_nowait, item)
        except RuntimeError:  # the client went away and the loop closed; nothing to tell
            pass

    def work() -> None:
        try:
            reply = answer(workspace, body, owner=owner, on_text=lambda text: put(("draft", json.dumps(text))))
            put(("article", reply.model_dump_json()))
        except MedoraError as error:
            put(("error", json.dumps({"detail": str(error)})))
        except Exception:  # an edge: a stream must end with an event, never hang or leak a traceback
            log.exception("streamed ask failed")
            put(("error", json.dumps({"detail": "Medora failed while answering; the server log has the details."})))
        finally:
            put(None)

    threading.Thread(target=work, name="medora-ask", daemon=True).start()
    while (item := await queue.get()) is not None:
        event, data = item
        yield f"event: {event}\ndata: {data}\n\n"


@router.get("/articles", response_model=ArticleListResponse)
def list_library(
    workspace: WorkspaceDep,
    q: Annotated[str | None, Query(max_length=200, description="Words of the question or title.")] = None,
    status: Status | None = None,
    specialty: str | None = None,
    updated_from: datetime.date | None = None,
    updated_to: datetime.date | None = None,
    origin: Origin | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE_SIZE)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> ArticleListResponse:
    """The library, newest first: search and filter every stored article."""
    records, total = list_articles(
        workspace, query=q or None, status=status, specialty=specialty or None, updated_from=updated_from,
        updated_to=updated_to, origin=origin, limit=limit, offset=offset,
    )
    return ArticleListResponse(items=[ArticleSummary.of(r) for r in records], total=total, limit=limit, offset=offset)


@router.get("/articles/{key}", response_model=ArticleResponse)
def read_article(
    key: str,
    workspace: WorkspaceDep,
    version: Annotated[int | None, Query(ge=1)] = None,
    audience: Audience = "clinician",
) -> ArticleResponse:
    """One article by id or slug; `?version=N` shows an earlier version, `?audience=` adapts it to its reader (the
    evidence and citations stay the same)."""
    stored = get_article(workspace, article_key(key), version=version, audience=audience)
    reading = plain_reading(workspace, stored) if audience == "patient" else []
    return ArticleResponse.of_stored(stored, follow_ups=suggest(workspace, stored), reading=reading)


@router.get("/threads/{thread_id}", response_model=ThreadResponse, tags=["threads"])
def read_thread(thread_id: str, workspace: WorkspaceDep, owner: OwnerDep) -> ThreadResponse:
    """Your follow-up thread: its questions in order, as asked and as answered, with their articles. Threads are
    never listed, and another reader's thread is 404."""
    if owner is None:
        raise ThreadNotFoundError(f"no thread {thread_id[:60]!r} of yours: start one by asking a follow-up question")
    return ThreadResponse.of(get_thread(workspace, thread_id, owner=owner))


@router.get("/articles/{key}/versions", response_model=VersionListResponse)
def read_versions(key: str, workspace: WorkspaceDep) -> VersionListResponse:
    record = get_article(workspace, article_key(key)).record
    versions = [VersionResponse.of(record.slug, v) for v in list_versions(workspace, record.id)]
    return VersionListResponse(id=record.id, slug=record.slug, current_version=record.version, versions=versions)


@router.get(
    "/articles/{key}/export/{fmt}",
    response_class=Response,
    responses={200: {"description": "The article as a file download", "content": {"application/octet-stream": {}}}},
)
def export(
    key: str, fmt: ExportFormat, workspace: WorkspaceDep, version: Annotated[int | None, Query(ge=1)] = None
) -> Response:
    """Download the article as Markdown, PDF, RIS or BibTeX."""
    stored = get_article(workspace, article_key(key), version=version)
    content, media_type, extension = export_article(stored.article, fmt)
    name = stored.record.slug + (f"-v{version}" if version else "")
    return Response(
        content, media_type=media_type, headers={"Content-Disposition": f'attachment; filename="{name}.{extension}"'}
    )


@router.get("/health", response_model=HealthResponse, tags=["service"])
def health() -> HealthResponse:
    return HealthResponse(version=package_version("medora"), process=os.getpid())
