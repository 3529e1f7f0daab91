"""A prepared app per backend (SQLite, PostgreSQL) with one account of each role, and signed-in TestClients."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from medora.accounts.users import add_user
from medora.settings import Settings
from medora.web.app import create_app
from medora.workspace import Workspace
from tests.conftest import postgres_url

PASSWORD = "correct horse battery"
ACCOUNTS = {"reviewer": "Ada Lovelace", "reviewer2": "Bea Okafor", "editor": "Eve Editor", "admin": "Root Admin"}
ROLE_OF = {"reviewer": "reviewer", "reviewer2": "reviewer", "editor": "editor", "admin": "admin"}


def make_workspace(folder, database_url: str | None) -> Workspace:  # noqa: ANN001 (a Path)
    settings = Settings(home=folder / "home")
    settings.ingest.embed = False
    settings.database_url = database_url
    workspace = Workspace(settings)
    workspace.prepare()
    for key, name in ACCOUNTS.items():
        add_user(workspace.engine, name=name, role=ROLE_OF[key], password=PASSWORD)
    return workspace


def signed_in(app, name: str) -> TestClient:  # noqa: ANN001 (a FastAPI app)
    client = TestClient(app)
    response = client.post("/api/login", json={"name": name, "password": PASSWORD})
    assert response.status_code == 200, response.text
    client.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return client


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def review_app(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory):
    url = postgres_url(request.getfixturevalue("postgres")) if request.param == "postgresql" else None
    return create_app(workspace=make_workspace(tmp_path_factory.mktemp("review-web"), url))


@pytest.fixture(scope="module")
def clients(review_app) -> dict[str, TestClient]:  # noqa: ANN001
    found = {key: signed_in(review_app, name) for key, name in ACCOUNTS.items()}
    found["anonymous"] = TestClient(review_app)
    return found
