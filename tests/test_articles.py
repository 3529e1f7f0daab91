"""Persisted articles: asked once, stored with a slug and versions, served again, listed; library overviews too."""

from pathlib import Path

import pytest

import medora
from medora import articles, build
from medora.accounts.users import add_user
from medora.errors import ArticleNotFoundError, IndexNotReadyError, QuestionError
from medora.retrieve.retriever import Filters
from medora.review import workflow
from medora.review.states import Actor, Role
from medora.settings import Settings
from medora.workspace import Workspace
from tests.conftest import DATA, postgres_url

SEED = "How should L5 radiculopathy with foot drop be managed?"


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def workspace(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The packaged library, lexical only (these tests are about storage, not ranking), on each backend."""
    settings = Settings(home=tmp_path_factory.mktemp("articles") / "home")
    settings.ingest.embed = False
    if request.param == "postgresql":
        settings.database_url = postgres_url(request.getfixturevalue("postgres"))
    workspace = Workspace(settings)
    workspace.prepare()
    return workspace


def test_opening_a_workspace_writes_nothing_and_says_how_to_prepare(tmp_path: Path):
    workspace = Workspace(Settings(home=tmp_path / "home"))
    with pytest.raises(IndexNotReadyError, match="medora index"):
        workspace.retriever
    assert not (tmp_path / "home" / "index").exists()
    assert workspace.needs_prepare()


def test_prepare_makes_every_packaged_overview_an_article(workspace: Workspace):
    page, total = articles.list_articles(workspace, origin="library", limit=100)
    assert total == 61 and not workspace.needs_prepare()
    heart = articles.get_article(workspace, "heart-failure")
    assert heart.record.origin == "library" and heart.record.status == "submitted"
    assert "cardiology" in heart.record.specialties
    assert heart.article.references[0].source_key == "library:heart-failure"
    asthma = articles.get_article(workspace, "asthma-adults")  # an overview last reviewed before today
    assert asthma.article.editorial.last_updated == "2026-11-24"  # the overview's last_reviewed, not today


def test_asking_stores_an_article_and_a_rewording_serves_it(workspace: Workspace):
    first = articles.ask(workspace, SEED)
    again = articles.ask(workspace, "How to manage L5 radiculopathy and foot drop")
    assert not first.reused and again.reused
    assert again.record.id == first.record.id and again.version == 1
    assert first.record.slug.startswith("how-should-l5-radiculopathy-with-foot-drop-be-managed-")
    assert articles.get_article(workspace, first.record.slug).article == first.article


def test_asking_afresh_adds_a_version_and_keeps_the_old_one(workspace: Workspace):
    question = "When does foot drop from a disc herniation need surgery?"
    first = articles.ask(workspace, question)
    second = articles.ask(workspace, question, fresh=True)
    assert (second.record.id, second.version, second.article.editorial.version) == (first.record.id, 2, 2)
    assert [v.number for v in articles.list_versions(workspace, first.record.id)] == [2, 1]
    assert articles.get_article(workspace, first.record.id, version=1).article.editorial.version == 1
    with pytest.raises(ArticleNotFoundError, match="has no version 3"):
        articles.get_article(workspace, first.record.id, version=3)


def test_after_an_upgrade_what_found_no_answer_is_answered_again_and_an_answer_is_served_with_a_note(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
):
    """A stored article records the build that composed it. After an upgrade (another build), a question the
    earlier build could not answer is tried again, once; an answered one is served as read, marked as earlier."""
    unanswered, answered = "How should a scaphoid fracture be managed?", "Which drugs treat an acute gout flare?"
    first_unanswered, first_answered = articles.ask(workspace, unanswered), articles.ask(workspace, answered)
    assert first_unanswered.article.answer_status == "insufficient"
    assert first_answered.article.answer_status == "answered"
    assert first_answered.article.provenance.engine == build.engine_build()
    assert build.engine_build().startswith(f"{medora.__version__}+")
    assert not articles.ask(workspace, answered).earlier_build

    monkeypatch.setattr(build, "engine_build", lambda: "0.1.0+upgraded")
    again = articles.ask(workspace, unanswered)
    assert (again.reused, again.version, again.article.provenance.engine) == (False, 2, "0.1.0+upgraded")
    assert (articles.ask(workspace, unanswered).reused, articles.ask(workspace, unanswered).version) == (True, 2)
    served = articles.ask(workspace, answered)
    assert (served.reused, served.version, served.earlier_build) == (True, first_answered.version, True)


def test_other_filters_make_another_article(workspace: Workspace):
    plain = articles.ask(workspace, "How should acute gout flares be treated?")
    recent = articles.ask(workspace, "How should acute gout flares be treated?", filters=Filters(year_from=2020))
    assert plain.record.id != recent.record.id and not recent.reused


@pytest.mark.parametrize(
    ("question", "audience", "message"),
    [
        ("   ", "clinician", "the question is empty"),
        ("x" * 2001, "clinician", "2001 characters long; the limit is 2000"),
        ("How is gout treated?", "robot", "unknown audience 'robot'"),
    ],
)
def test_questions_that_cannot_be_answered_are_clear_errors(workspace: Workspace, question, audience, message):
    with pytest.raises(QuestionError, match=message):
        articles.ask(workspace, question, audience=audience)


def test_unknown_article_is_not_found(workspace: Workspace):
    with pytest.raises(ArticleNotFoundError, match="no article with id or slug 'no-such-article'"):
        articles.get_article(workspace, "no-such-article")


def test_library_search_and_filters(workspace: Workspace):
    page, total = articles.list_articles(workspace, query="heart failure", origin="library")
    assert [r.slug for r in page] == ["heart-failure"] and total == 1
    cardiology, _ = articles.list_articles(workspace, specialty="cardiology", limit=100)
    assert "heart-failure" in {r.slug for r in cardiology} and "gout" not in {r.slug for r in cardiology}
    assert "cardiology" in articles.specialties(workspace)
    second_page, total_all = articles.list_articles(workspace, limit=5, offset=5)
    assert len(second_page) == 5 and total_all >= 61


def test_cited_passages_come_back_with_text_and_offsets(workspace: Workspace):
    stored = articles.ask(workspace, SEED)
    statement = stored.article.bottom_line[0]
    view = articles.passages_for(workspace, [statement.passage_id])[statement.passage_id]
    assert statement.text.rstrip('.') in view.text  # the passage keeps the overview's [@ref] markers
    assert view.source_key == "library:lumbar-radiculopathy-foot-drop" and view.end - view.start == len(view.text)


def test_a_running_workspace_sees_a_later_ingest_without_restarting(tmp_path: Path):
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    reader = Workspace(settings, with_library=False)
    writer = Workspace(settings, with_library=False)
    writer.ingest([DATA / "jats_sample.xml"])
    before = reader.retriever.index_version
    writer.ingest([DATA / "pubmed_sample.xml"])
    assert reader.retriever.index_version != before
    assert "pmid:90000001" in {e.source.key for e in reader.retriever.search("foot drop surgery", top_k=10)}


def test_an_article_says_when_retrieval_ran_without_its_dense_half(workspace: Workspace):
    stored = articles.ask(workspace, "Which drugs treat an acute gout flare?", fresh=True)
    assert "retrieval ran lexical-only: dense retrieval is off (embeddings disabled)" in stored.article.provenance.notes[0]


@pytest.mark.parametrize(
    ("front_matter", "state"),
    [("pending human review", "submitted"), ("under review", "under review"), ("approved", "approved"),
     ("changes requested", "changes requested"), (None, "submitted"), ("lost in the post", "submitted")],
)
def test_an_overviews_front_matter_review_status_is_its_initial_state(front_matter, state):
    assert articles._library_status(front_matter) == state


def test_a_library_article_is_created_with_an_audit_event(workspace: Workspace):
    from medora.review.workflow import audit_export

    [event] = audit_export(workspace, "gout")["events"]
    assert (event["actor"], event["action"], event["to_state"], event["reason"]) == (
        "medora", "create", "submitted", "packaged overview (front matter: pending human review)")


def test_an_article_whose_source_was_ingested_again_is_answered_anew(tmp_path: Path):
    """A stored answer quotes passages; once its source is replaced (an updated overview or guideline) those
    passages are gone, and serving the old text would cite what the source no longer says."""
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    workspace = Workspace(settings)
    workspace.prepare()
    guideline = tmp_path / "erythema-migrans.md"
    text = (
        "---\nid: local-lyme-guideline\ntitle: Local guideline on erythema migrans\nkind: guideline\nyear: 2025\n---\n\n"
        "## Treatment\n\nTreat erythema migrans with oral doxycycline for {days} days.\n"
    )
    guideline.write_text(text.format(days=10))
    workspace.ingest([guideline], replace=True)
    question = "How should erythema migrans be treated?"
    first = articles.ask(workspace, question)
    assert "doxycycline for 10 days" in first.article.model_dump_json()
    assert articles.ask(workspace, question).reused
    guideline.write_text(text.format(days=14))
    workspace.ingest([guideline], replace=True)
    second = articles.ask(workspace, question)
    assert second.article.provenance.index_version != first.article.provenance.index_version  # new ids, new index
    assert (second.reused, second.version, second.record.id) == (False, 2, first.record.id)
    assert "doxycycline for 14 days" in second.article.model_dump_json()
    assert articles.ask(workspace, question).reused


def test_an_approved_article_whose_source_was_replaced_gets_one_new_version_not_one_per_ask(tmp_path: Path):
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    workspace = Workspace(settings, with_library=False)
    guideline = tmp_path / "erythema-migrans.md"
    text = "---\nid: local-lyme\ntitle: Local guideline on erythema migrans\n---\n\n## Treatment\n\nTreat erythema migrans with oral doxycycline for {days} days.\n"
    guideline.write_text(text.format(days=10))
    workspace.ingest([guideline], replace=True)
    question = "How should erythema migrans be treated?"
    first = articles.ask(workspace, question)
    add_user(workspace.engine, name="Eve", role="editor", password="correct horse battery")
    reviewer = add_user(workspace.engine, name="Ada", role="reviewer", password="correct horse battery")
    workflow.assign(workspace, first.record.slug, actor=Actor("Eve", Role.EDITOR), reviewers=["Ada"])
    workflow.approve(workspace, first.record.slug, actor=Actor("Ada", Role.REVIEWER, reviewer.id))
    guideline.write_text(text.format(days=14))
    workspace.ingest([guideline], replace=True)
    newer = articles.ask(workspace, question)
    again = articles.ask(workspace, question)
    assert [v.number for v in articles.list_versions(workspace, first.record.id)] == [2, 1]
    assert (newer.reused, again.reused, again.version) == (False, True, 1)  # readers keep the approved version
