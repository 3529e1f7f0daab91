"""Who is asking: the session cookie, the signed-in actor, and the CSRF check every state-changing request with a
session must pass.

The cookie holds a random token (HttpOnly, SameSite=Lax, Secure over HTTPS); the store holds its hash and the
session's CSRF token. Forms send the CSRF token as a hidden ``csrf_token`` field, the JSON API as an
``X-CSRF-Token`` header (``POST /api/login`` and ``GET /api/me`` return it)."""

from __future__ import annotations

import secrets
from typing import Annotated

from fastapi import Depends, Request, Response
from starlette.exceptions import HTTPException

from medora.accounts.sessions import SESSION_LIFETIME, csrf_matches, session_for
from medora.errors import AuthenticationError
from medora.review.states import ANONYMOUS, Actor, Role
from medora.store.users import SessionRecord

SESSION_COOKIE = "medora_session"
LOGIN_CSRF_COOKIE = "medora_login_csrf"  # the sign-in form has no session yet: a double-submit token guards it
CSRF_HEADER = "x-csrf-token"
CSRF_FIELD = "csrf_token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_REFUSED = "missing or wrong CSRF token: reload the page (or GET /api/me for the token) and try again"


def current_session(request: Request) -> SessionRecord | None:
    """The live session of the request's cookie, looked up once per request."""
    if not hasattr(request.state, "medora_session"):
        engine = request.app.state.workspace.engine
        request.state.medora_session = session_for(engine, token=request.cookies.get(SESSION_COOKIE))
    return request.state.medora_session


def current_actor(request: Request) -> Actor:
    session = current_session(request)
    if session is None:
        return ANONYMOUS
    return Actor(session.user.name, Role(session.user.role), session.user.id)


async def submitted_csrf_token(request: Request) -> str | None:
    token = request.headers.get(CSRF_HEADER)
    if token is None and request.headers.get("content-type", "").startswith(
        ("application/x-www-form-urlencoded", "multipart/form-data")
    ):
        value = (await request.form()).get(CSRF_FIELD)
        token = value if isinstance(value, str) else None
    return token


async def require_account(request: Request) -> Actor:
    """The signed-in actor (401 without a session); a state-changing request must also carry the CSRF token."""
    session = current_session(request)
    if session is None:
        raise AuthenticationError("sign in first: this needs a reviewer's, editor's or admin's account")
    if request.method not in SAFE_METHODS and not csrf_matches(session, await submitted_csrf_token(request)):
        raise HTTPException(403, CSRF_REFUSED)
    return current_actor(request)


def set_session_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(
        SESSION_COOKIE, token, max_age=int(SESSION_LIFETIME.total_seconds()), httponly=True, samesite="lax",
        secure=request.url.scheme == "https", path="/",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="lax")


def login_csrf_token(request: Request) -> str:
    """The sign-in form's token: the one already in the browser's cookie, or a new one."""
    token = request.cookies.get(LOGIN_CSRF_COOKIE)
    return token if token and len(token) <= 100 else secrets.token_urlsafe(32)


def client_address(request: Request) -> str:
    """The peer address that sign-in throttling counts against (a proxy in front should pass the real one)."""
    return request.client.host if request.client else "unknown"


ActorDep = Annotated[Actor, Depends(current_actor)]
AccountDep = Annotated[Actor, Depends(require_account)]
