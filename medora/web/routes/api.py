"""The JSON API: ask, read, list, version and export articles. Every handler calls one library function."""

from __future__ import annotations

import asyncio
import datetime
import json
import logging
import threading
from collections.abc import AsyncIterator
from importlib.metadata import version as package_version
from typing import Annotated

from fastapi import APIRouter, Query, Response
from fastapi.responses import StreamingResponse

from medora.articles import ask, get_article, list_articles, list_versions
from medora.errors import MedoraError
from medora.export import export_article
from medora.web.deps import WorkspaceDep
from medora.web.schemas import (
    MAX_PAGE_SIZE,
    ArticleListResponse,
    ArticleResponse,
    ArticleSummary,
    AskRequest,
    AskResponse,
    ErrorResponse,
    ExportFormat,
    HealthResponse,
    Origin,
    Status,
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
def ask_question(body: AskRequest, workspace: WorkspaceDep) -> AskResponse:
    """Answer a question with a cited article, or return the stored one when it was asked before."""
    stored = ask(workspace, body.question, filters=body.filters(), audience=body.audience, fresh=body.fresh)
    return AskResponse.of(stored)


@router.post(
    "/ask/stream",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}, "description": "draft, then article or error events"}},
)
async def ask_question_streaming(body: AskRequest, workspace: WorkspaceDep) -> StreamingResponse:
    """Server-sent events: `draft` (a JSON string, the LLM composer's text as it is written), then `article`
    (the same JSON as POST /api/ask) or `error` ({"detail": ...})."""
    return StreamingResponse(
        _ask_events(workspace, body), media_type="text/event-stream", headers={"Cache-Control": "no-cache"}
    )


async def _ask_events(workspace: WorkspaceDep, body: AskRequest) -> AsyncIterator[str]:
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
            stored = ask(
                workspace, body.question, filters=body.filters(), audience=body.audience, fresh=body.fresh,
                on_text=lambda text: put(("draft", json.dumps(text))),
            )
            put(("article", AskResponse.of(stored).model_dump_json()))
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
    key: str, workspace: WorkspaceDep, version: Annotated[int | None, Query(ge=1)] = None
) -> ArticleResponse:
    """One article by id or slug; `?version=N` shows an earlier version."""
    return ArticleResponse.of_stored(get_article(workspace, article_key(key), version=version))


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
    return HealthResponse(version=package_version("medora"))
