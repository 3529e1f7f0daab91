"""Replaced evidence: an ingest that replaces a source marks the stored article versions citing its old passages,
and asking reads that mark, so a marked question is answered anew once and an unmarked one is served without
reading its cited passages again."""

from __future__ import annotations

from pathlib import Path

import pytest

from medora import articles
from medora.accounts.users import add_user
from medora.review import workflow
from medora.review.living import cites_replaced_evidence
from medora.review.states import Actor, Role
from medora.settings import Settings
from medora.store import articles as article_rows
from medora.types import Article, ArticleSection, Statement
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


def _article(*statements: Statement, nested: Statement | None = None) -> Article:
    sections = [ArticleSection.model_construct(heading="Management", statements=[], subsections=[
        ArticleSection.model_construct(heading="Drugs", statements=[nested], subsections=[])])] if nested else []
    return Article.model_construct(verdict=None, bottom_line=list(statements), sections=sections)


QUOTE = Statement(text="Treat with doxycycline for 10 days.", citations=["1"], passage_id=1, quote=True)


def test_an_article_whose_cited_passages_are_stored_as_quoted_cites_nothing_replaced():
    texts = {1: "Treat with doxycycline for 10 days. Review at 4 weeks.", 2: "Amoxicillin is an alternative."}
    grouped = Statement(text="An alternative exists.", citations=["2"], passage_id=2, grouped_passage_ids=[1])
    assert cites_replaced_evidence(_article(QUOTE, nested=grouped), texts) is False


@pytest.mark.parametrize(
    "texts",
    [
        {2: "Amoxicillin is an alternative."},  # the quoted passage is gone
        {1: "Treat with doxycycline for 14 days.", 2: "Amoxicillin is an alternative."},  # no longer says it
        {1: "Treat with doxycycline for 10 days."},  # a passage cited only in a group, in a subsection, is gone
    ],
)
def test_an_article_citing_a_gone_or_changed_passage_cites_replaced_evidence(texts: dict[int, str]):
    grouped = Statement(text="An alternative exists.", citations=["2"], passage_id=None, grouped_passage_ids=[2])
    assert cites_replaced_evidence(_article(QUOTE, nested=grouped), texts) is True


def test_marks_an_ingest_killed_before_marking_left_undone_are_made_by_prepare(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    workspace, guideline = _workspace(tmp_path)
    first = articles.ask(workspace, QUESTION)
    guideline.write_text(GUIDELINE.format(days=14))
    with monkeypatch.context() as patch:  # the process dies after the ingest's transaction, before its marks
        patch.setattr(Workspace, "mark_replaced_evidence", lambda _self: [])
        workspace.ingest([guideline], replace=True, refresh=False)
    assert not _marked(workspace, first.record.id, 1) and workspace.needs_prepare()
    workspace.prepare()
    assert _marked(workspace, first.record.id, 1)
    assert (articles.ask(workspace, QUESTION).version, articles.ask(workspace, QUESTION).reused) == (2, True)
