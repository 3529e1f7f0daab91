"""Server-rendered pages of the review workflow: sign in and out, the review queue, an article's review desk
(decide, comment, assign, audit log), the editor's edit form, and the diff between two versions.

Every form posts the session's CSRF token (a hidden field) and ends in a 303 redirect, so a reload never acts twice."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.exceptions import HTTPException

from medora.accounts import sessions
from medora.accounts.users import authenticate
from medora.articles import get_article, list_versions
from medora.errors import MedoraError
from medora.review import workflow
from medora.review.anchors import anchors, statement_lists
from medora.review.states import EDITING_ROLES, Role, update_under_review
from medora.review.workflow import StatementEdit
from medora.web.auth import (
    CSRF_FIELD,
    LOGIN_CSRF_COOKIE,
    SESSION_COOKIE,
    AccountDep,
    ActorDep,
    clear_session_cookie,
    client_address,
    current_session,
    login_csrf_token,
    set_session_cookie,
)
from medora.web.deps import AudienceDep, TemplatesDep, WorkspaceDep
from medora.web.errors import STATUS_OF_ERROR
from medora.web.routes.api import article_key
from medora.web.routes.pages import render
from medora.web.schemas import article_url

router = APIRouter(include_in_schema=False)
ShortField = Annotated[str, Form(max_length=4000)]


def _local(path: str | None) -> str:
    """Where to go after signing in: only a path on this site (never '//elsewhere' or 'https://…')."""
    return path if path and path.startswith("/") and not path.startswith(("//", "/\\")) else "/review"


def review_url(slug: str) -> str:
    return f"{article_url(slug)}/review"


@router.get("/login", response_class=HTMLResponse)
def login_page(
    request: Request, templates: TemplatesDep, audience: AudienceDep,
    next_path: Annotated[str | None, Query(alias="next", max_length=500)] = None, error: str | None = None,
) -> HTMLResponse:
    token = login_csrf_token(request)
    response = render(request, templates, "login.html",
                      {"login_token": token, "next_path": _local(next_path), "error": None}, audience=audience)
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax", secure=request.url.scheme == "https")
    return response


@router.post("/login")
def login_form(
    request: Request, workspace: WorkspaceDep, templates: TemplatesDep, audience: AudienceDep,
    name: Annotated[str, Form(max_length=80)], password: Annotated[str, Form(max_length=1000)],
    csrf_token: Annotated[str, Form(max_length=100)] = "",
    next_path: Annotated[str, Form(alias="next", max_length=500)] = "/review",
) -> Response:
    """Sign in from the form; a wrong pair shows the form again with the reason (401, or 429 when throttled)."""
    cookie = request.cookies.get(LOGIN_CSRF_COOKIE)
    if not cookie or not csrf_token or cookie != csrf_token:
        raise HTTPException(403, "the sign-in form expired: reload it and try again")
    try:
        user = authenticate(workspace.engine, name=name, password=password, address=client_address(request))
    except MedoraError as error:
        status = next((code for kind, code in STATUS_OF_ERROR if isinstance(error, kind)), 400)
        context = {"login_token": cookie, "next_path": _local(next_path), "error": str(error), "name": name}
        response = render(request, templates, "login.html", context, audience=audience)
        response.status_code = status
        return response
    token, _session = sessions.start_session(workspace.engine, user=user)
    response = RedirectResponse(_local(next_path), status_code=303)
    set_session_cookie(request, response, token)
    response.delete_cookie(LOGIN_CSRF_COOKIE)
    return response


@router.post("/logout")
def logout_form(request: Request, actor: AccountDep, workspace: WorkspaceDep) -> RedirectResponse:
    sessions.end_session(workspace.engine, token=request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse("/", status_code=303)
    clear_session_cookie(response)
    return response


@router.get("/review", response_class=HTMLResponse)
def queue_page(
    request: Request, actor: AccountDep, workspace: WorkspaceDep, templates: TemplatesDep, audience: AudienceDep
) -> HTMLResponse:
    items = workflow.review_queue(workspace, actor=actor)
    context = {"items": items, "actor": actor, "csrf_token": current_session(request).csrf_token}
    return render(request, templates, "review_queue.html", context, audience=audience)


@router.get("/articles/{key}/review", response_class=HTMLResponse)
def review_page(
    request: Request, key: str, actor: AccountDep, workspace: WorkspaceDep, templates: TemplatesDep,
    audience: AudienceDep,
) -> HTMLResponse:
    """The review desk: the newest version with its anchors, comments, assignment, decisions and the audit log."""
    newest = get_article(workspace, article_key(key))
    record = newest.record
    newest = get_article(workspace, record.id, version=record.version)
    assigned = workflow.assignments(workspace, record.id)
    editing = actor.role in EDITING_ROLES
    context = {
        "record": record, "article": newest.article, "actor": actor, "editing": editing,
        "anchors": anchors(newest.article),
        "comments": workflow.comments(workspace, record.id),
        "assigned": assigned,
        "may_decide": actor.role is Role.REVIEWER and any(a.reviewer == actor.name for a in assigned),
        "free_reviewers": [n for n in workflow.reviewers(workspace) if n not in {a.reviewer for a in assigned}],
        "events": workflow.audit_log(workspace, record.id, actor=actor) if editing else [],
        "versions": list_versions(workspace, record.id),
        "update_under_review": update_under_review(record.status, record.approved_version),
        "csrf_token": current_session(request).csrf_token, "csrf_field": CSRF_FIELD,
    }
    return render(request, templates, "review.html", context, audience=audience)


@router.post("/articles/{key}/review/assign")
def assign_form(
    key: str, actor: AccountDep, workspace: WorkspaceDep,
    reviewers: Annotated[list[str], Form()] = [],  # noqa: B006 (FastAPI copies form defaults)
    reason: ShortField = "",
) -> RedirectResponse:
    record = workflow.assign(workspace, article_key(key), actor=actor, reviewers=reviewers, reason=reason)
    return RedirectResponse(review_url(record.slug), status_code=303)


@router.post("/articles/{key}/review/approve")
def approve_form(
    key: str, actor: AccountDep, workspace: WorkspaceDep, reason: ShortField = "",
    version: Annotated[int | None, Form(ge=1)] = None,
) -> RedirectResponse:
    record = workflow.approve(workspace, article_key(key), actor=actor, reason=reason, version=version)
    return RedirectResponse(review_url(record.slug), status_code=303)


@router.post("/articles/{key}/review/request-changes")
def request_changes_form(
    key: str, actor: AccountDep, workspace: WorkspaceDep,
    anchor: Annotated[str, Form(max_length=40)] = "", comment: ShortField = "", reason: ShortField = "",
    version: Annotated[int | None, Form(ge=1)] = None,
) -> RedirectResponse:
    comments = [(anchor, comment)] if anchor and comment.strip() else []
    record = workflow.request_changes(workspace, article_key(key), actor=actor, comments=comments, reason=reason,
                                      version=version)
    return RedirectResponse(review_url(record.slug), status_code=303)


@router.post("/articles/{key}/review/reject")
def reject_form(
    key: str, actor: AccountDep, workspace: WorkspaceDep, reason: ShortField = "",
    version: Annotated[int | None, Form(ge=1)] = None,
) -> RedirectResponse:
    record = workflow.reject(workspace, article_key(key), actor=actor, reason=reason, version=version)
    return RedirectResponse(review_url(record.slug), status_code=303)


@router.get("/articles/{key}/edit", response_class=HTMLResponse)
def edit_page(
    request: Request, key: str, actor: AccountDep, workspace: WorkspaceDep, templates: TemplatesDep,
    audience: AudienceDep,
) -> HTMLResponse:
    workflow.require_editor(actor, "edit articles")
    record = get_article(workspace, article_key(key)).record
    newest = get_article(workspace, record.id, version=record.version).article
    statements = {f"{sid}.{i}": s for sid, items in statement_lists(newest).items() for i, s in enumerate(items)}
    context = {
        "record": record, "article": newest, "anchors": anchors(newest), "statements": statements,
        "csrf_token": current_session(request).csrf_token, "csrf_field": CSRF_FIELD,
    }
    return render(request, templates, "edit.html", context, audience=audience)


@router.post("/articles/{key}/edit")
async def edit_form(request: Request, key: str, actor: AccountDep, workspace: WorkspaceDep) -> RedirectResponse:
    """Fields ``text:ANCHOR`` and ``cite:ANCHOR`` (labels separated by commas) for every sentence; only the changed
    ones become edits."""
    form = await request.form()
    edits = []
    for name, value in form.multi_items():
        if name.startswith("text:") and isinstance(value, str):
            anchor = name.removeprefix("text:")[:40]
            citations = str(form.get(f"cite:{anchor}", "")).replace(";", ",").split(",")
            edits.append(StatementEdit(anchor, value[:4000], [c.strip() for c in citations if c.strip()]))
    version = str(form.get("version", ""))
    stored = workflow.edit(
        workspace, article_key(key), actor=actor, edits=edits, reason=str(form.get("reason", ""))[:4000],
        version=int(version) if version.isdigit() else None,
    )
    return RedirectResponse(review_url(stored.record.slug), status_code=303)


@router.get("/articles/{key}/diff", response_class=HTMLResponse)
def diff_page(
    request: Request, key: str, workspace: WorkspaceDep, templates: TemplatesDep, audience: AudienceDep,
    actor: ActorDep,
    from_version: Annotated[int, Query(alias="from", ge=1)] = 1,
    to_version: Annotated[int | None, Query(alias="to", ge=1)] = None,
) -> HTMLResponse:
    record = get_article(workspace, article_key(key)).record
    to_version = to_version or record.version
    lines = workflow.version_diff(workspace, record.id, old=from_version, new=to_version)
    context = {"record": record, "lines": lines, "from_version": from_version, "to_version": to_version,
               "versions": list_versions(workspace, record.id)}
    return render(request, templates, "diff.html", context, audience=audience)
