"""The review workflow's JSON API: sign in and out, the queue, assign, approve, request changes, reject, edit,
comments, diffs, the audit log and accounts. Every handler calls one library function; who may do what is decided
there (401 without an account, 403 for the wrong role, 409 when the article's state does not allow it)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from medora.accounts import sessions
from medora.accounts.users import add_user, authenticate, list_users, require_admin
from medora.articles import get_article
from medora.review import workflow
from medora.review.workflow import StatementEdit
from medora.web.auth import (
    SESSION_COOKIE,
    AccountDep,
    clear_session_cookie,
    client_address,
    current_session,
    set_session_cookie,
)
from medora.web.deps import WorkspaceDep
from medora.web.review_schemas import (
    AccountResponse,
    AssignmentOut,
    AssignRequest,
    AuditEventOut,
    AuditResponse,
    ChangesRequest,
    CommentOut,
    DecisionRequest,
    DiffLineOut,
    DiffResponse,
    EditRequest,
    LoginRequest,
    QueueEntry,
    ReviewDetail,
    ReviewState,
    UserCreate,
    UserOut,
)
from medora.web.routes.api import ERRORS, article_key
from medora.web.schemas import ArticleResponse, ErrorResponse

RESPONSES = ERRORS | {code: {"model": ErrorResponse} for code in (401, 403, 409, 429)}
router = APIRouter(prefix="/api", tags=["review"], responses=RESPONSES)


@router.post("/login", response_model=AccountResponse, tags=["accounts"])
def login(body: LoginRequest, request: Request, response: Response, workspace: WorkspaceDep) -> AccountResponse:
    """Sign in: sets the session cookie and returns the CSRF token to send with every POST."""
    user = authenticate(workspace.engine, name=body.name, password=body.password, address=client_address(request))
    token, session = sessions.start_session(workspace.engine, user=user)
    set_session_cookie(request, response, token)
    return AccountResponse(name=user.name, role=user.role, csrf_token=session.csrf_token)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT, tags=["accounts"])
def logout(request: Request, actor: AccountDep, workspace: WorkspaceDep) -> Response:
    """End the session (the cookie stops working everywhere at once)."""
    sessions.end_session(workspace.engine, token=request.cookies.get(SESSION_COOKIE))
    response = Response(status_code=status.HTTP_204_NO_CONTENT)
    clear_session_cookie(response)
    return response


@router.get("/me", response_model=AccountResponse, tags=["accounts"])
def me(request: Request, actor: AccountDep) -> AccountResponse:
    return AccountResponse(name=actor.name, role=actor.role.value, csrf_token=current_session(request).csrf_token)


@router.get("/review/queue", response_model=list[QueueEntry])
def queue(actor: AccountDep, workspace: WorkspaceDep) -> list[QueueEntry]:
    """Reviewers: the articles assigned to them that wait on review. Editors and admins: everything waiting, and
    approved articles with new evidence."""
    return [QueueEntry.of_item(item) for item in workflow.review_queue(workspace, actor=actor)]


@router.get("/articles/{key}/review", response_model=ReviewDetail)
def review_detail(key: str, actor: AccountDep, workspace: WorkspaceDep) -> ReviewDetail:
    """The article's review: state, assigned reviewers and comments (for signed-in reviewers, editors, admins)."""
    record = get_article(workspace, article_key(key)).record
    return ReviewDetail(
        **ReviewState.of(record).model_dump(),
        reviewers=[AssignmentOut.of(a) for a in workflow.assignments(workspace, record.id)],
        comments=[CommentOut.of(c) for c in workflow.comments(workspace, record.id)],
    )


@router.post("/articles/{key}/assign", response_model=ReviewState)
def assign(key: str, body: AssignRequest, actor: AccountDep, workspace: WorkspaceDep) -> ReviewState:
    """Editors and admins: give the article to reviewers (accounts with the reviewer role)."""
    return ReviewState.of(workflow.assign(workspace, article_key(key), actor=actor, reviewers=body.reviewers,
                                          reason=body.reason))


@router.post("/articles/{key}/approve", response_model=ReviewState)
def approve(key: str, body: DecisionRequest, actor: AccountDep, workspace: WorkspaceDep) -> ReviewState:
    """Assigned reviewers: approve the newest version; readers see it with "Reviewed by NAME, DATE"."""
    return ReviewState.of(workflow.approve(workspace, article_key(key), actor=actor, reason=body.reason,
                                           version=body.version))


@router.post("/articles/{key}/request-changes", response_model=ReviewState)
def request_changes(key: str, body: ChangesRequest, actor: AccountDep, workspace: WorkspaceDep) -> ReviewState:
    """Assigned reviewers: send the newest version back with comments anchored to sections or sentences."""
    comments = [(comment.anchor, comment.body) for comment in body.comments]
    return ReviewState.of(workflow.request_changes(workspace, article_key(key), actor=actor, comments=comments,
                                                   reason=body.reason, version=body.version))


@router.post("/articles/{key}/reject", response_model=ReviewState)
def reject(key: str, body: DecisionRequest, actor: AccountDep, workspace: WorkspaceDep) -> ReviewState:
    """Assigned reviewers: reject the article (a reason is required)."""
    return ReviewState.of(workflow.reject(workspace, article_key(key), actor=actor, reason=body.reason,
                                          version=body.version))


@router.post("/articles/{key}/edit", response_model=ArticleResponse)
def edit(key: str, body: EditRequest, actor: AccountDep, workspace: WorkspaceDep) -> ArticleResponse:
    """Editors and admins: rewrite or remove sentences (text and citations), making a new version for review."""
    edits = [StatementEdit(e.anchor, e.text, list(e.citations)) for e in body.edits]
    stored = workflow.edit(workspace, article_key(key), actor=actor, edits=edits, reason=body.reason,
                           version=body.version)
    return ArticleResponse.of_stored(stored)


@router.get("/articles/{key}/diff", response_model=DiffResponse, tags=["articles"])
def diff(
    key: str,
    workspace: WorkspaceDep,
    from_version: Annotated[int, Query(alias="from", ge=1)],
    to_version: Annotated[int, Query(alias="to", ge=1)],
) -> DiffResponse:
    """What changed between two versions: unified-diff lines over the articles laid out as text."""
    record = get_article(workspace, article_key(key)).record
    lines = workflow.version_diff(workspace, record.id, old=from_version, new=to_version)
    return DiffResponse(slug=record.slug, from_version=from_version, to_version=to_version,
                        lines=[DiffLineOut.of(line) for line in lines])


@router.get("/articles/{key}/audit", response_model=AuditResponse)
def audit(key: str, actor: AccountDep, workspace: WorkspaceDep) -> AuditResponse:
    """Editors and admins: every transition and edit, oldest first (who, when, from → to, why)."""
    events = workflow.audit_log(workspace, article_key(key), actor=actor)
    record = get_article(workspace, article_key(key)).record
    return AuditResponse(id=record.id, slug=record.slug, events=[AuditEventOut.of(e) for e in events])


@router.get("/users", response_model=list[UserOut], tags=["accounts"])
def users(actor: AccountDep, workspace: WorkspaceDep) -> list[UserOut]:
    """Admins: every account and its role."""
    require_admin(actor)
    return [UserOut.of(user) for user in list_users(workspace.engine)]


@router.post("/users", response_model=UserOut, status_code=status.HTTP_201_CREATED, tags=["accounts"])
def create_user(body: UserCreate, actor: AccountDep, workspace: WorkspaceDep) -> UserOut:
    """Admins: add an account (the password is hashed with argon2id; at least 10 characters)."""
    require_admin(actor)
    user = add_user(workspace.engine, name=body.name, role=body.role, password=body.password, added_by=actor.name,
                    added_by_role=actor.role.value)
    return UserOut.of(user)
