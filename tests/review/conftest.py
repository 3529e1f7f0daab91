"""A prepared workspace (packaged library, lexical only) on each backend, SQLite and PostgreSQL, with one account
of each role; the workflow tests run once per backend."""

from __future__ import annotations

import pytest

from medora.accounts.users import add_user
from medora.review.states import Actor, Role
from medora.settings import Settings
from medora.workspace import Workspace
from tests.conftest import postgres_url

PASSWORD = "correct horse battery"
PEOPLE = {"Ada Lovelace": "reviewer", "Bea Okafor": "reviewer", "Eve Editor": "editor", "Root Admin": "admin"}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def workspace(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    settings = Settings(home=tmp_path_factory.mktemp("review") / "home")
    settings.ingest.embed = False
    if request.param == "postgresql":
        settings.database_url = postgres_url(request.getfixturevalue("postgres"))
    workspace = Workspace(settings)
    workspace.prepare()
    for name, role in PEOPLE.items():
        add_user(workspace.engine, name=name, role=role, password=PASSWORD)
    return workspace


@pytest.fixture(scope="module")
def people(workspace: Workspace) -> dict[str, Actor]:
    from medora.store.users import user_by_name

    with workspace.engine.connect() as conn:
        found = {name: user_by_name(conn, name=name) for name in PEOPLE}
    return {name.split()[0].lower(): Actor(u.name, Role(u.role), u.id) for name, u in found.items()}
