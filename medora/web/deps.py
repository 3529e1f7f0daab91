"""Typed dependencies the routers share: the app's one workspace, the reader's chosen audience, and who owns the
reader's follow-up threads."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request, Response
from fastapi.templating import Jinja2Templates

from medora.articles import AUDIENCES
from medora.followups import new_token, owner_of_token
from medora.workspace import Workspace

AUDIENCE_COOKIE = "medora_audience"
READER_COOKIE = "medora_reader"  # an anonymous reader's unguessable token: it is what makes their threads theirs
READER_COOKIE_AGE = 365 * 24 * 3600


def get_workspace(request: Request) -> Workspace:
    return request.app.state.workspace


def get_templates(request: Request) -> Jinja2Templates:
    return request.app.state.templates


def get_audience(request: Request) -> str:
    """``?audience=`` when given and known, else the cookie the selector stored, else clinician.

    An unknown value falls back rather than failing: the selector is a preference, not an input to validate."""
    for value in (request.query_params.get("audience"), request.cookies.get(AUDIENCE_COOKIE)):
        if value in AUDIENCES:
            return value
    return AUDIENCES[0]


WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]
TemplatesDep = Annotated[Jinja2Templates, Depends(get_templates)]
AudienceDep = Annotated[str, Depends(get_audience)]


def thread_owner(request: Request) -> str | None:
    """Who the request speaks for, as a thread owner: the anonymous reader holding the token cookie (an account's
    user id can come first here once accounts exist), or None for someone who owns nothing yet."""
    token = request.cookies.get(READER_COOKIE)
    return owner_of_token(token) if token and 20 <= len(token) <= 100 else None


def claim_owner(request: Request, response: Response) -> str:
    """The request's owner, giving a new reader a token cookie (HttpOnly: page scripts never see it)."""
    owner = thread_owner(request)
    if owner is not None:
        return owner
    token = new_token()
    response.set_cookie(READER_COOKIE, token, max_age=READER_COOKIE_AGE, httponly=True, samesite="lax")
    return owner_of_token(token)


OwnerDep = Annotated[str | None, Depends(thread_owner)]
