"""Server-rendered pages: ask, read an article (and its versions), browse the library.

Every page is a template with autoescaping; forms work without JavaScript."""

from __future__ import annotations

import math
from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from medora.articles import (
    AUDIENCES,
    STATUSES,
    StoredArticle,
    ask,
    get_article,
    list_articles,
    list_versions,
    passages_for,
    specialties,
)
from medora.errors import ArticleNotFoundError, ThreadNotFoundError
from medora.followups import ThreadRecord, ask_in_thread, get_thread, plain_reading, suggest
from medora.review.states import EDITING_ROLES, Role, update_under_review
from medora.types import Kind
from medora.web.auth import current_actor
from medora.web.deps import AUDIENCE_COOKIE, AudienceDep, OwnerDep, TemplatesDep, WorkspaceDep, claim_owner
from medora.web.routes.api import article_key
from medora.web.schemas import AskForm, LibraryQuery, article_url

router = APIRouter(include_in_schema=False)
LIBRARY_PAGE_SIZE = 20
LIST_LENGTH = 10  # recent articles on the ask page


def remember_audience(response: Response, audience: str | None) -> None:
    """Keep the reader's choice across pages (a year; not needed by scripts, so HttpOnly)."""
    if audience in AUDIENCES:
        response.set_cookie(AUDIENCE_COOKIE, audience, max_age=365 * 24 * 3600, httponly=True, samesite="lax")


def render(request: Request, templates: TemplatesDep, name: str, context: dict, *, audience: str) -> HTMLResponse:
    response = templates.TemplateResponse(request, name, {"audience": audience, "audiences": AUDIENCES, **context})
    remember_audience(response, request.query_params.get("audience"))
    return response


@router.get("/", response_class=HTMLResponse)
def ask_page(request: Request, workspace: WorkspaceDep, templates: TemplatesDep, audience: AudienceDep) -> HTMLResponse:
    asked, _ = list_articles(workspace, origin="asked", limit=LIST_LENGTH)
    library, library_total = list_articles(workspace, origin="library", limit=LIST_LENGTH)
    context = {"asked": asked, "library": library, "library_total": library_total, "kinds": list(Kind)}
    return render(request, templates, "ask.html", context, audience=audience)


@router.post("/ask")
def ask_form(form: Annotated[AskForm, Form()], workspace: WorkspaceDep, request: Request) -> RedirectResponse:
    """Answer (or find the stored answer), then show it: 303 so a reload never asks twice. A follow-up box posts
    into the reader's thread (started from its article the first time)."""
    response = RedirectResponse("/", status_code=303)
    query: dict[str, object] = {}
    if form.thread_id or form.follow_up_of:
        stored, query["thread"] = _ask_follow_up(workspace, form, owner=claim_owner(request, response))
    else:
        stored = ask(workspace, form.question, filters=form.filters(), audience=form.audience, fresh=form.fresh)
    if stored.reused:  # the page offers "Ask afresh" with the same filters
        query.update(reused=1, year_from=form.year_from or "", year_to=form.year_to or "")
        query["kinds"] = [kind.value for kind in form.kinds]
    query = {name: value for name, value in query.items() if value not in ("", [])}
    response.headers["location"] = article_url(stored.record.slug) + (f"?{urlencode(query, doseq=True)}" if query else "")
    remember_audience(response, form.audience)
    return response


def _ask_follow_up(workspace: WorkspaceDep, form: AskForm, *, owner: str) -> tuple[StoredArticle, str]:
    """Ask in the form's thread; a thread that is not (or no longer) the reader's starts afresh from the article."""
    parent = article_key(form.follow_up_of) if form.follow_up_of else None
    common = {"owner": owner, "audience": form.audience, "filters": form.filters(), "fresh": form.fresh}
    try:
        asked = ask_in_thread(workspace, form.question, thread_id=form.thread_id, follow_up_of=parent, **common)
    except ThreadNotFoundError:
        if parent is None:
            raise
        asked = ask_in_thread(workspace, form.question, follow_up_of=parent, **common)
    return asked.stored, asked.thread.id


@router.get("/articles/{key}", response_class=HTMLResponse)
def article_page(
    request: Request,
    key: str,
    workspace: WorkspaceDep,
    templates: TemplatesDep,
    audience: AudienceDep,
    owner: OwnerDep,
    version: Annotated[int | None, Query(ge=1)] = None,
    reused: bool = False,
    follow_up_of: Annotated[str | None, Query(max_length=200)] = None,
    thread: Annotated[str | None, Query(max_length=40)] = None,
    year_from: int | None = None,
    year_to: int | None = None,
    kinds: Annotated[list[Kind], Query()] = [],  # noqa: B006 (FastAPI copies query defaults)
) -> Response:
    stored = get_article(workspace, article_key(key), version=version, audience=audience)
    if key != stored.record.slug:  # an id or an old link: send readers to the one canonical address
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(article_url(stored.record.slug) + query, status_code=308)
    passage_ids = [pid for ref in stored.article.references for pid in ref.passage_ids]
    shown_thread = _thread(workspace, thread, owner)
    context = {
        "stored": stored,
        "record": stored.record,
        "article": stored.article,
        "passages": passages_for(workspace, passage_ids) if passage_ids else {},
        "reused": reused and version is None,
        "parent": _parent(workspace, follow_up_of),
        "thread": shown_thread,
        "follow_ups": suggest(workspace, stored),
        "reading": plain_reading(workspace, stored) if audience == "patient" else [],
        "afresh": {"year_from": year_from, "year_to": year_to, "kinds": [kind.value for kind in kinds]},
        "review": _review_view(request, stored),
    }
    return render(request, templates, "article.html", context, audience=audience)


def _review_view(request: Request, stored: StoredArticle) -> dict:
    """What the page says about review for the version shown: its badge, whether an update is under review, and
    whether the visitor is staff (who get a link to the review desk)."""
    record = stored.record
    if stored.version == record.approved_version:
        badge = "approved"
    else:
        badge = record.status if stored.version == record.version else "superseded"
    role = current_actor(request).role
    return {
        "badge": badge,
        "update_under_review": stored.version == record.approved_version
        and update_under_review(record.status, record.approved_version),
        "staff": role in (*EDITING_ROLES, Role.REVIEWER),
    }


def _thread(workspace: WorkspaceDep, thread_id: str | None, owner: str | None) -> ThreadRecord | None:
    """The reader's own thread named in the link; someone else's (or a stale one) is simply not shown."""
    if not thread_id or owner is None:
        return None
    try:
        return get_thread(workspace, thread_id, owner=owner)
    except ThreadNotFoundError:
        return None


def _parent(workspace: WorkspaceDep, follow_up_of: str | None) -> StoredArticle | None:
    """The article a follow-up was asked from; a stale or wrong link just loses the "Follow-up to" line."""
    if not follow_up_of:
        return None
    try:
        return get_article(workspace, article_key(follow_up_of))
    except ArticleNotFoundError:
        return None


@router.get("/articles/{key}/versions", response_class=HTMLResponse)
def versions_page(
    request: Request, key: str, workspace: WorkspaceDep, templates: TemplatesDep, audience: AudienceDep
) -> HTMLResponse:
    record = get_article(workspace, article_key(key)).record
    context = {"record": record, "versions": list_versions(workspace, record.id)}
    return render(request, templates, "versions.html", context, audience=audience)


@router.get("/library", response_class=HTMLResponse)
def library_page(
    request: Request,
    workspace: WorkspaceDep,
    templates: TemplatesDep,
    audience: AudienceDep,
    search: Annotated[LibraryQuery, Query()],
) -> HTMLResponse:
    records, total = list_articles(
        workspace, query=search.q, status=search.status, specialty=search.specialty, origin=search.origin,
        updated_from=search.updated_from, updated_to=search.updated_to, limit=LIBRARY_PAGE_SIZE,
        offset=(search.page - 1) * LIBRARY_PAGE_SIZE,
    )
    pages = max(1, math.ceil(total / LIBRARY_PAGE_SIZE))
    filters = {name: value for name, value in search.model_dump(exclude={"page"}).items() if value is not None}

    def page_url(number: int) -> str:
        return "/library?" + urlencode({**filters, "page": number})

    context = {
        "records": records, "total": total, "search": search, "pages": pages, "page_url": page_url,
        "statuses": STATUSES, "specialties": specialties(workspace), "filtered": bool(filters),
    }
    return render(request, templates, "library.html", context, audience=audience)
