"""Errors become responses here and only here: JSON `{"detail": ...}` under /api, an error page elsewhere."""

from __future__ import annotations

from fastapi import Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException

from medora.errors import (
    ArticleNotFoundError,
    AuthenticationError,
    MedoraError,
    PermissionDeniedError,
    ReviewError,
    ThreadNotFoundError,
    ThrottledError,
)

# Most specific first: a ReviewPermissionError is both a PermissionDeniedError (403) and a ReviewError (409).
STATUS_OF_ERROR: list[tuple[type[MedoraError], int]] = [
    (ArticleNotFoundError, 404),
    (ThreadNotFoundError, 404),
    (AuthenticationError, 401),
    (PermissionDeniedError, 403),
    (ThrottledError, 429),
    (ReviewError, 409),
]


def _respond(request: Request, status_code: int, detail: str) -> Response:
    if request.url.path.startswith("/api"):
        return JSONResponse({"detail": detail}, status_code=status_code)
    templates = request.app.state.templates
    return templates.TemplateResponse(
        request, "error.html", {"status_code": status_code, "detail": detail}, status_code=status_code
    )


async def medora_error(request: Request, error: Exception) -> Response:
    """A MedoraError's message already says what to change: a missing article or thread is 404, no account 401, the wrong
    role 403, a workflow state that does not allow the action 409, too many failed sign-ins 429, anything else 400."""
    assert isinstance(error, MedoraError)
    status = next((code for kind, code in STATUS_OF_ERROR if isinstance(error, kind)), 400)
    return _respond(request, status, str(error))


def readable(error: RequestValidationError) -> str:
    """Pydantic's error list as one sentence per problem: 'limit: Input should be less than or equal to 100'."""
    parts = []
    for item in error.errors():
        where = ".".join(str(part) for part in item.get("loc", ()) if part not in ("body", "query", "path", "form"))
        parts.append(f"{where}: {item.get('msg', 'invalid value')}" if where else item.get("msg", "invalid value"))
    return "; ".join(parts) or "invalid request"


async def validation_error(request: Request, error: Exception) -> Response:
    assert isinstance(error, RequestValidationError)
    return _respond(request, 422, readable(error))


async def http_error(request: Request, error: Exception) -> Response:
    """Starlette's own errors (an unknown path, a wrong method) in the same two shapes."""
    assert isinstance(error, HTTPException)
    response = _respond(request, error.status_code, str(error.detail))
    response.headers.update(error.headers or {})
    return response
