"""The workflow over a real store (SQLite and PostgreSQL): assign, request changes with anchored comments, edit
(a new version, re-verified), approve; readers keep an approved version while an update is reviewed; the audit log
records every step."""

from __future__ import annotations

import pytest

from medora import articles
from medora.errors import AuthenticationError, PermissionDeniedError, ReviewError, ReviewInputError
from medora.review import workflow
from medora.review.states import ANONYMOUS
from medora.review.workflow import StatementEdit

SEED = "How should L5 radiculopathy with foot drop be managed?"


def _fresh_article(workspace, question: str) -> str:
    return articles.ask(workspace, question).record.slug


def test_a_review_from_submission_to_approval(workspace, people):
    slug = _fresh_article(workspace, SEED)
    ada, eve = people["ada"], people["eve"]
    assert workflow.assign(workspace, slug, actor=eve, reviewers=["Ada Lovelace"]).status == "under review"
    first = articles.get_article(workspace, slug).article.bottom_line[0]
    record = workflow.request_changes(workspace, slug, actor=ada, comments=[("b.0", "Name the third common cause.")])
    assert (record.status, record.approved_version) == ("changes requested", None)
    [comment] = workflow.comments(workspace, slug)
    assert (comment.anchor, comment.anchor_text, comment.body, comment.version) == (
        "b.0", first.text, "Name the third common cause.", 1)
    edited_text = first.text.replace("the two commonest causes", "the two commonest causes of foot drop")
    stored = workflow.edit(workspace, slug, actor=eve, reason="comment 1",
                           edits=[StatementEdit("b.0", edited_text, ["1c"])])
    assert (stored.version, stored.record.status) == (2, "under review")
    assert stored.article.bottom_line[0].text == edited_text and stored.article.bottom_line[0].verified is True
    record = workflow.approve(workspace, slug, actor=ada, version=2)
    assert (record.status, record.approved_version, record.approved_by) == ("approved", 2, "Ada Lovelace")
    served = articles.get_article(workspace, slug).article.editorial
    assert (served.status, served.reviewed_by, served.reviewed_on) == ("approved", "Ada Lovelace", record.approved_at.date().isoformat())
    from medora.export.render import to_markdown

    assert f"Reviewed by Ada Lovelace, {served.reviewed_on}" in to_markdown(articles.get_article(workspace, slug).article)
    assert articles.get_article(workspace, slug, version=1).article.editorial.reviewed_by is None
    log = workflow.audit_log(workspace, slug, actor=eve)
    assert [(e.actor, e.action, e.from_state, e.to_state, e.version) for e in log] == [
        ("medora", "create", None, "submitted", 1),
        ("Eve Editor", "assign", "submitted", "under review", 1),
        ("Ada Lovelace", "request changes", "under review", "changes requested", 1),
        ("Eve Editor", "revise", "changes requested", "under review", 2),
        ("Ada Lovelace", "approve", "under review", "approved", 2),
    ]
    assert log[1].details == {"reviewers": ["Ada Lovelace"]}
    assert log[3].reason == "comment 1" and log[3].details["edits"][0]["after"] == edited_text


def test_an_edited_sentence_is_checked_against_its_passage_again(workspace, people):
    slug = _fresh_article(workspace, "What are the common causes of foot drop?")
    original = articles.get_article(workspace, slug).article.bottom_line[0]
    unsupported = original.text.rstrip(".") + " in 90% of patients."
    stored = workflow.edit(workspace, slug, actor=people["eve"], reason="add a figure",
                           edits=[StatementEdit("b.0", unsupported, original.citations + ["1"])])
    edited = stored.article.bottom_line[0]
    assert (edited.citations, edited.verified, edited.flags) == (
        original.citations + ["1"], False, ["number 90% not in passage", "unsupported content: patients"])


def test_an_approved_article_keeps_its_version_for_readers_while_an_update_is_reviewed(workspace, people):
    slug = _fresh_article(workspace, "When does foot drop need urgent surgery?")
    workflow.assign(workspace, slug, actor=people["root"], reviewers=["Bea Okafor"])
    workflow.approve(workspace, slug, actor=people["bea"])
    fresh = articles.ask(workspace, "When does foot drop need urgent surgery?", fresh=True)
    assert (fresh.version, fresh.record.status, fresh.record.approved_version) == (2, "under review", 1)
    reader = articles.get_article(workspace, slug)
    assert (reader.version, reader.article.editorial.status) == (1, "approved")
    assert articles.get_article(workspace, slug, version=2).article.editorial.status == "pending human review"
    again = articles.ask(workspace, "When does foot drop need urgent surgery?")
    assert (again.reused, again.version) == (True, 1)
    log = workflow.audit_log(workspace, slug, actor=people["eve"])
    assert (log[-1].actor, log[-1].action, log[-1].from_state, log[-1].to_state, log[-1].reason) == (
        "medora", "revise", "approved", "under review", "answered afresh")


def test_only_assigned_reviewers_decide(workspace, people):
    slug = _fresh_article(workspace, "Which nerve is injured in foot drop after knee surgery?")
    workflow.assign(workspace, slug, actor=people["eve"], reviewers=["Ada Lovelace"])
    with pytest.raises(PermissionDeniedError, match="^Bea Okafor is not assigned to review this article"):
        workflow.approve(workspace, slug, actor=people["bea"])
    with pytest.raises(PermissionDeniedError, match="^an editor may not approve: only reviewers may$"):
        workflow.approve(workspace, slug, actor=people["eve"])
    with pytest.raises(PermissionDeniedError, match="^a reviewer may not assign: only editors and admins may$"):
        workflow.assign(workspace, slug, actor=people["ada"], reviewers=["Bea Okafor"])
    with pytest.raises(AuthenticationError, match="^sign in to approve$"):
        workflow.approve(workspace, slug, actor=ANONYMOUS)
    with pytest.raises(PermissionDeniedError, match="^only editors and admins may read the audit log$"):
        workflow.audit_log(workspace, slug, actor=people["ada"])
    with pytest.raises(PermissionDeniedError, match="^only editors and admins may edit articles$"):
        workflow.edit(workspace, slug, actor=people["ada"], reason="x", edits=[StatementEdit("b.0", "x", ["1"])])


def test_decisions_the_state_does_not_allow_are_refused(workspace, people):
    slug = _fresh_article(workspace, "Is an ankle-foot orthosis useful for foot drop?")
    with pytest.raises(ReviewError, match="^an article that is submitted cannot approve; it can: assign, revise$"):
        workflow.approve(workspace, slug, actor=people["ada"])
    workflow.assign(workspace, slug, actor=people["eve"], reviewers=["Ada Lovelace"])
    workflow.edit(workspace, slug, actor=people["eve"], reason="typo", version=1,
                  edits=[StatementEdit("b.0", "Changed.", ["1"])])
    with pytest.raises(ReviewError, match="^version 1 is no longer the newest: review version 2$"):
        workflow.approve(workspace, slug, actor=people["ada"], version=1)
    workflow.reject(workspace, slug, actor=people["ada"], reason="Off topic for the board.")
    with pytest.raises(ReviewError, match="^an article that is rejected cannot assign; it can: revise$"):
        workflow.assign(workspace, slug, actor=people["eve"], reviewers=["Bea Okafor"])


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        ([StatementEdit("b.0", "Foot drop is common.", ["9"])], "^sentence b.0: the article has no reference 9 "),
        ([StatementEdit("b.0", "Foot drop is common.", [])], "^sentence b.0: every sentence must cite"),
        ([StatementEdit("s99.0", "Foot drop is common.", ["1"])], "^no sentence 's99.0' in the newest version$"),
        ([], "^no sentence was changed$"),
    ],
)
def test_edits_that_cannot_be_applied_are_clear_errors(workspace, people, edits, message):
    slug = _fresh_article(workspace, SEED)
    with pytest.raises(ReviewInputError, match=message):
        workflow.edit(workspace, slug, actor=people["eve"], reason="fix", edits=edits)


def test_comments_need_a_real_anchor_and_assignment_needs_a_reviewer(workspace, people):
    slug = _fresh_article(workspace, "How is common peroneal neuropathy diagnosed?")
    with pytest.raises(ReviewInputError, match="^'Eve Editor' is not a reviewer's account$"):
        workflow.assign(workspace, slug, actor=people["eve"], reviewers=["Eve Editor"])
    workflow.assign(workspace, slug, actor=people["eve"], reviewers=["Ada Lovelace"])
    with pytest.raises(ReviewInputError, match="^no section or sentence 's42' in version 1$"):
        workflow.request_changes(workspace, slug, actor=people["ada"], comments=[("s42", "Where is this?")])
    with pytest.raises(ReviewInputError, match="^say what should change"):
        workflow.request_changes(workspace, slug, actor=people["ada"], comments=[("b.0", "  ")])
    assert workflow.comments(workspace, slug) == []


def test_removing_a_sentence_makes_a_version_without_it(workspace, people):
    slug = _fresh_article(workspace, "What is the prognosis of foot drop from L5 radiculopathy?")
    before = articles.get_article(workspace, slug).article
    stored = workflow.edit(workspace, slug, actor=people["root"], reason="duplicate",
                           edits=[StatementEdit("b.1", "", [])])
    assert [s.text for s in stored.article.bottom_line] == [s.text for s in before.bottom_line][:1] + [
        s.text for s in before.bottom_line][2:]


def test_the_queue_shows_reviewers_their_assignments_and_editors_everything_waiting(workspace, people):
    slug = _fresh_article(workspace, "Should foot drop be investigated with nerve conduction studies?")
    workflow.assign(workspace, slug, actor=people["eve"], reviewers=["Bea Okafor"])
    bea = {item.record.slug: item.reviewers for item in workflow.review_queue(workspace, actor=people["bea"])}
    ada = {item.record.slug for item in workflow.review_queue(workspace, actor=people["ada"])}
    editor = {item.record.slug for item in workflow.review_queue(workspace, actor=people["eve"])}
    assert bea[slug] == ["Bea Okafor"] and slug not in ada and slug in editor
    assert "heart-failure" in editor  # a packaged overview pending review waits too
    with pytest.raises(AuthenticationError, match="^sign in to see the review queue$"):
        workflow.review_queue(workspace, actor=ANONYMOUS)
