"""Typed dependencies the routers share: the app's one workspace and the reader's chosen audience."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.templating import Jinja2Templates

from medora.articles import AUDIENCES
from medora.workspace import Workspace

AUDIENCE_COOKIE = "medora_audience"


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
