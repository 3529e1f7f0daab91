"""Replaced evidence: the ingest transaction that deletes a replaced source's passages marks the stored article
versions citing them, and asking reads that mark, so a marked question is answered anew once (when search covers
the store) and an unmarked one is served without reading its cited passages again."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from sqlalchemy import event

from medora import articles
from medora import workspace as workspace_module
from medora.accounts.users import add_user
from medora.ingest.pipeline import ingest_paths
from medora.library import overview_paths
from medora.review import workflow
from medora.review.states import Actor, Role
from medora.settings import Settings
from medora.store import articles as article_rows
from medora.workspace import Workspace
from tests.conftest import DATA, postgres_url

QUESTION = "How should erythema migrans be treated?"
GUIDELINE = ("---\nid: local-lyme\ntitle: Local guideline on erythema migrans\nkind: guideline\nyear: 2025\n---\n\n"
             "## Treatment\n\nTreat erythema migrans with oral doxycycline for {days} days.\n")


def _workspace(tmp_path: Path, database_url: str | None = None) -> tuple[Workspace, Path]:
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    if database_url:
        settings.database_url = database_url
    workspace = Workspace(settings, with_library=False)
    guideline = tmp_path / "erythema-migrans.md"
    guideline.write_text(GUIDELINE.format(days=10))
    workspace.ingest([guideline], replace=True)
    return workspace, guideline


def _marked(workspace: Workspace, article_id: int, number: int) -> bool:
    with workspace.engine.connect() as conn:
        return article_rows.version_state(conn, article_id=article_id, number=number)[1]


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_ingest_replacing_a_cited_source_marks_the_article_and_the_next_ask_answers_anew(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
):
    url = postgres_url(request.getfixturevalue("postgres")) if backend == "postgresql" else None
    workspace, guideline = _workspace(tmp_path, url)
    first = articles.ask(workspace, QUESTION)
    report = workspace.ingest([DATA / "pubmed_sample.xml"])
    assert (report.sources_replaced, report.replaced_evidence, _marked(workspace, first.record.id, 1)) == (0, [], False)
    guideline.write_text(GUIDELINE.format(days=14))
    report = workspace.ingest([guideline], replace=True)
    assert (report.sources_replaced, report.replaced_evidence) == (1, [first.record.slug])
    assert _marked(workspace, first.record.id, 1)
    second = articles.ask(workspace, QUESTION)
    assert (second.reused, second.version, "doxycycline for 14 days" in second.article.model_dump_json()) == (False, 2, True)
    assert not _marked(workspace, first.record.id, 2)
    assert articles.ask(workspace, QUESTION).reused


def test_asking_after_an_ingest_reads_the_mark_not_the_cited_passages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    workspace, _guideline = _workspace(tmp_path)
    first = articles.ask(workspace, QUESTION)
    workspace.ingest([DATA / "pubmed_sample.xml"])  # a new index version, nothing replaced

    def no_passage_reads(*_args, **_kwargs):
        raise AssertionError("asking read the cited passages")

    monkeypatch.setattr(articles, "passages_for", no_passage_reads)
    again = articles.ask(workspace, QUESTION)
    assert (again.reused, again.version, again.article.provenance.index_version) == (
        True, 1, first.article.provenance.index_version)


def test_an_approved_article_answered_anew_is_not_answered_again_after_an_unrelated_ingest(tmp_path: Path):
    workspace, guideline = _workspace(tmp_path)
    first = articles.ask(workspace, QUESTION)
    add_user(workspace.engine, name="Eve", role="editor", password="correct horse battery")
    reviewer = add_user(workspace.engine, name="Ada", role="reviewer", password="correct horse battery")
    workflow.assign(workspace, first.record.slug, actor=Actor("Eve", Role.EDITOR), reviewers=["Ada"])
    workflow.approve(workspace, first.record.slug, actor=Actor("Ada", Role.REVIEWER, reviewer.id))
    guideline.write_text(GUIDELINE.format(days=14))
    workspace.ingest([guideline], replace=True)
    assert (articles.ask(workspace, QUESTION).version, articles.ask(workspace, QUESTION).version) == (2, 1)
    workspace.ingest([DATA / "pubmed_sample.xml"])  # the index moves again; version 2 cites nothing replaced
    again = articles.ask(workspace, QUESTION)
    assert (again.reused, again.version) == (True, 1)
    assert [v.number for v in articles.list_versions(workspace, first.record.id)] == [2, 1]


def test_the_mark_is_made_with_the_deletion_so_a_run_dying_before_the_index_refresh_cannot_lose_it(tmp_path: Path):
    workspace, guideline = _workspace(tmp_path)
    first = articles.ask(workspace, QUESTION)
    guideline.write_text(GUIDELINE.format(days=14))
    # the ingest's own transaction and nothing after it (the run dies there), then `medora index` refreshes
    ingest_paths([guideline], engine=workspace.engine, settings=workspace.settings.ingest, embedder=None, replace=True)
    assert _marked(workspace, first.record.id, 1)
    workspace.refresh_indexes()
    workspace.prepare()
    second = articles.ask(workspace, QUESTION)
    assert (second.reused, second.version, "doxycycline for 14 days" in second.article.model_dump_json()) == (False, 2, True)


def test_asking_before_the_indexes_move_serves_the_marked_version_and_the_new_text_comes_after(tmp_path: Path):
    workspace, guideline = _workspace(tmp_path)
    first = articles.ask(workspace, QUESTION)
    guideline.write_text(GUIDELINE.format(days=14))
    workspace.ingest([guideline], replace=True, refresh=False)
    during = articles.ask(workspace, QUESTION)
    assert (during.reused, during.version, "doxycycline for 10 days" in during.article.model_dump_json()) == (True, 1, True)
    workspace.refresh_indexes()
    after = articles.ask(workspace, QUESTION)
    text = after.article.model_dump_json()
    assert (after.reused, after.version, "14 days" in text, "10 days" in text) == (False, 2, True, False)
    assert (_marked(workspace, first.record.id, 1), _marked(workspace, first.record.id, 2)) == (True, False)


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_a_mark_made_after_an_unrelated_ingest_moved_the_index_waits_for_search_to_cover_the_store(
    backend: str, tmp_path: Path, request: pytest.FixtureRequest
):
    url = postgres_url(request.getfixturevalue("postgres")) if backend == "postgresql" else None
    workspace, guideline = _workspace(tmp_path, url)
    first = articles.ask(workspace, QUESTION)
    workspace.ingest([DATA / "pubmed_sample.xml"])  # the index moves past the one v1 was answered from
    guideline.write_text(GUIDELINE.format(days=14))
    workspace.ingest([guideline], replace=True, refresh=False)  # marked; search lacks the new text (PostgreSQL too)
    during = articles.ask(workspace, QUESTION)
    served = (during.reused, during.version, "doxycycline for 10 days" in during.article.model_dump_json())
    assert served == (True, 1, True)
    workspace.refresh_indexes()
    after = articles.ask(workspace, QUESTION)
    text = after.article.model_dump_json()
    assert (after.reused, after.version, "14 days" in text, "10 days" in text) == (False, 2, True, False)
    assert (_marked(workspace, first.record.id, 1), _marked(workspace, first.record.id, 2)) == (True, False)


def test_a_version_citing_a_passage_already_gone_when_stored_is_marked_at_once(tmp_path: Path):
    workspace, _guideline = _workspace(tmp_path)
    first = articles.ask(workspace, QUESTION)
    content = first.article.model_dump(mode="json") | {"bottom_line": [{"text": "Gone.", "citations": ["1"],
                                                                         "passage_id": 999_999}]}
    with workspace.engine.begin() as conn:
        number = article_rows.add_version(conn, article_id=first.record.id, content=content, composer="extractive",
                                          index_version="v")
    assert (number, _marked(workspace, first.record.id, 1), _marked(workspace, first.record.id, 2)) == (2, False, True)


def test_the_cited_passages_of_a_stored_article_are_read_from_its_json_leaving_out_dropped_sentences():
    content = {"verdict": {"statements": [{"passage_id": 3}]}, "bottom_line": [{"passage_id": 1}],
               "sections": [{"statements": [], "subsections": [{"statements": [
                   {"passage_id": None, "grouped_passage_ids": [4, 5]}]}]}],
               "dropped_statements": [{"passage_id": 9}]}
    assert article_rows.cited_passage_ids(content) == {1, 3, 4, 5}


def test_an_ingest_replacing_a_source_finds_the_citing_versions_without_reading_any_article(tmp_path: Path):
    workspace, guideline = _workspace(tmp_path)
    first = articles.ask(workspace, QUESTION)
    guideline.write_text(GUIDELINE.format(days=14))
    statements: list[str] = []

    def record(_conn, _cursor, statement: str, *_rest) -> None:  # noqa: ANN001 (before_cursor_execute's arguments)
        statements.append(statement)

    event.listen(workspace.engine, "before_cursor_execute", record)
    try:
        report = workspace.ingest([guideline], replace=True, refresh=False)
    finally:
        event.remove(workspace.engine, "before_cursor_execute", record)
    assert (report.replaced_evidence, _marked(workspace, first.record.id, 1)) == ([first.record.slug], True)
    assert [s for s in statements if "article_versions.content" in s] == []


def test_two_concurrent_asks_of_a_marked_question_store_one_new_version(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    workspace, guideline = _workspace(tmp_path)
    first = articles.ask(workspace, QUESTION)
    guideline.write_text(GUIDELINE.format(days=14))
    workspace.ingest([guideline], replace=True)
    both_answering = threading.Barrier(2, timeout=30)
    answer = articles.run_pipeline

    def answer_together(*args, **kwargs):  # noqa: ANN002, ANN003
        both_answering.wait()  # each asker has read version 1 and decided to answer again
        return answer(*args, **kwargs)

    monkeypatch.setattr(articles, "run_pipeline", answer_together)
    served: list[int] = []

    def ask() -> None:
        served.append(articles.ask(workspace, QUESTION).version)

    askers = [threading.Thread(target=ask) for _ in range(2)]
    for asker in askers:
        asker.start()
    for asker in askers:
        asker.join()
    stored = [version.number for version in articles.list_versions(workspace, first.record.id)]
    assert (sorted(served), stored) == ([2, 2], [2, 1])


def test_preparing_after_an_overview_changed_counts_the_asked_articles_quoting_it_not_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    overview = tmp_path / "syncope.md"
    packaged = next(path for path in overview_paths() if path.stem == "syncope")
    overview.write_text(packaged.read_text())
    monkeypatch.setattr(workspace_module, "overview_paths", lambda: [overview])
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    workspace = Workspace(settings)
    workspace.prepare()
    asked = articles.ask(workspace, "Which features of syncope suggest a cardiac cause?")
    overview.write_text(packaged.read_text().replace("last_reviewed: 2026-11-24", "last_reviewed: 2026-11-25"))
    steps: list[str] = []
    workspace.prepare(on_step=steps.append)
    assert steps[1] == "1 asked article(s) quote an overview that changed: answered anew when next asked"
    assert (_marked(workspace, asked.record.id, 1), articles.ask(workspace, asked.record.question).version) == (True, 2)
