"""Two processes (two server workers) storing at the same moment on one store: one article per question, a fresh
slug when two questions want the same one, and versions numbered one after the other. Each process answers, then
waits at a shared barrier, so both write at once (tests/concurrent_askers.py)."""

from __future__ import annotations

import pytest

from medora import articles
from medora.settings import Settings
from medora.workspace import Workspace
from tests.concurrent_askers import Asking, ask_at_once
from tests.conftest import postgres_url


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def workspace(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The packaged library, lexical only, prepared once per backend."""
    url = postgres_url(request.getfixturevalue("postgres")) if request.param == "postgresql" else None
    settings = Settings(home=tmp_path_factory.mktemp("askers") / "home", database_url=url)
    settings.ingest.embed = False
    workspace = Workspace(settings)
    workspace.prepare()
    return workspace


def test_the_same_question_stored_at_once_by_two_processes_is_one_article(workspace: Workspace):
    question = "How is heart failure with reduced ejection fraction treated?"
    outcomes = ask_at_once(workspace, [Asking(question), Asking(question)])
    slugs = {outcome[0] for outcome in outcomes}
    assert len(slugs) == 1, outcomes
    assert sorted((version, reused) for _slug, version, reused in outcomes) == [(1, False), (1, True)]
    assert [v.number for v in articles.list_versions(workspace, slugs.pop())] == [1]


def test_one_question_with_and_without_filters_at_once_gets_two_slugs(workspace: Workspace):
    question = "Which antibiotics treat pneumonia in adults?"
    outcomes = ask_at_once(workspace, [Asking(question), Asking(question, year_from=2015)])
    assert all(isinstance(outcome, tuple) for outcome in outcomes), outcomes
    slugs = sorted(slug for slug, _version, _reused in outcomes)
    base = "which-antibiotics-treat-pneumonia-in-adults-"
    assert [slug.startswith(base) for slug in slugs] == [True, True] and slugs[0] != slugs[1]
    assert [reused for _slug, _version, reused in outcomes] == [False, False]


def test_a_question_asked_afresh_at_once_by_two_processes_gets_versions_2_and_3(workspace: Workspace):
    question = "What is the first-line treatment of gout flares?"
    first = articles.ask(workspace, question)
    outcomes = ask_at_once(workspace, [Asking(question, fresh=True), Asking(question, fresh=True)])
    assert all(isinstance(outcome, tuple) for outcome in outcomes), outcomes
    assert sorted(version for _slug, version, _reused in outcomes) == [2, 3]
    assert [v.number for v in articles.list_versions(workspace, first.record.slug)] == [3, 2, 1]  # newest first
