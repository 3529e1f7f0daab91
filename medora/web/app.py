"""The web app factory: settings built at the edge, one workspace opened, routers and error handlers attached.

Serving (`medora serve`) runs ``workspace.prepare()`` first; the app itself never writes on start-up."""

from __future__ import annotations

from importlib.metadata import version as package_version

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from medora.errors import MedoraError
from medora.settings import Settings
from medora.web import errors
from medora.web.routes import api, docs, pages, review_api, review_pages
from medora.web.security import SecurityHeadersMiddleware
from medora.web.templating import make_templates
from medora.workspace import Workspace


def create_app(settings: Settings | None = None, workspace: Workspace | None = None) -> FastAPI:
    """An app over ``workspace`` (default: one opened from ``settings``, default: the MEDORA_* environment)."""
    if workspace is None:
        workspace = Workspace(settings or Settings())
    app = FastAPI(
        title="Medora",
        version=package_version("medora"),
        summary="Clinical questions answered with structured, cited articles.",
        docs_url=None,  # Swagger UI is served from local files by routes/docs.py, never from a CDN
        redoc_url=None,
        openapi_url="/api/openapi.json",
    )
    app.state.workspace = workspace
    app.state.templates = make_templates()
    app.add_middleware(SecurityHeadersMiddleware)
    app.mount("/static", StaticFiles(packages=[("medora.web", "static")]), name="static")
    docs.mount_assets(app)
    app.include_router(api.router)
    app.include_router(review_api.router)
    app.include_router(docs.router)
    app.include_router(pages.router)
    app.include_router(review_pages.router)
    app.add_exception_handler(MedoraError, errors.medora_error)
    app.add_exception_handler(RequestValidationError, errors.validation_error)
    app.add_exception_handler(HTTPException, errors.http_error)
    return app
