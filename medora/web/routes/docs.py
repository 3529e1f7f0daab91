"""Interactive API docs (Swagger UI) from the files the swagger-ui-bundle-v2 package ships: no CDN, no inline script."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

from medora.web.deps import TemplatesDep

ASSETS = "/api/docs/assets"
router = APIRouter(include_in_schema=False)


def mount_assets(app: FastAPI) -> None:
    """Serve Swagger UI's files when the package is installed; without it /api/docs links to the raw schema."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return
    app.mount(ASSETS, StaticFiles(directory=str(swagger_ui_path)), name="swagger-ui")
    app.state.swagger_ui = True


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request, templates: TemplatesDep) -> HTMLResponse:
    swagger = getattr(request.app.state, "swagger_ui", False)
    return templates.TemplateResponse(
        request, "docs.html", {"swagger": swagger, "assets": ASSETS, "openapi_url": request.app.openapi_url}
    )
