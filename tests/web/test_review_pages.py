"""The review workflow's pages: sign-in with its CSRF guard, the queue, the review desk's forms from assignment to
approval, the reader's badge and notices, the diff page, escaping of reviewers' text and refusals."""

from __future__ import annotations

import datetime
import itertools
import re

import pytest
from fastapi.testclient import TestClient

from medora.web.app import create_app
from tests.web.review_fixtures import PASSWORD, make_workspace

_years = itertools.count(1900)  # each article asks the same question with its own year filter: a new article


@pytest.fixture(scope="module")
def app(tmp_path_factory: pytest.TempPathFactory):
    return create_app(workspace=make_workspace(tmp_path_factory.mktemp("review-pages"), None))


def sign_in(app, name: str) -> tuple[TestClient, str]:  # noqa: ANN001
    """A browser-like client signed in through the form; returns it and its session's CSRF token."""
    client = TestClient(app, follow_redirects=False)
    form = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    response = client.post("/login", data={"name": name, "password": PASSWORD, "csrf_token": token, "next": "/review"})
    assert (response.status_code, response.headers["location"]) == (303, "/review"), response.text
    queue = client.get("/review").text
    return client, re.search(r'name="csrf_token" value="([^"]+)"', queue).group(1)


def new_slug(app) -> str:  # noqa: ANN001
    body = {"question": "How should L5 radiculopathy with foot drop be managed?", "year_from": next(_years)}
    slug = TestClient(app).post("/api/ask", json=body).json()["slug"]
    ASKED[slug] = body
    return slug


ASKED: dict[str, dict] = {}


def test_the_sign_in_form_refuses_a_missing_token_and_a_wrong_password(app):
    client = TestClient(app, follow_redirects=False)
    assert client.post("/login", data={"name": "Ada Lovelace", "password": PASSWORD}).status_code == 403
    form = client.get("/login").text
    token = re.search(r'name="csrf_token" value="([^"]+)"', form).group(1)
    wrong = client.post("/login", data={"name": "Ada Lovelace", "password": "nope nope", "csrf_token": token})
    assert wrong.status_code == 401 and 'data-testid="login-error">wrong user name or password<' in wrong.text
    assert "medora_session" not in client.cookies


def test_signing_in_never_redirects_to_another_site(app):
    for target in ("//evil.example/", "https://evil.example/"):
        client = TestClient(app, follow_redirects=False)
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text).group(1)
        response = client.post("/login", data={"name": "Eve Editor", "password": PASSWORD, "csrf_token": token,
                                               "next": target})
        assert response.headers["location"] == "/review"


def test_anonymous_visitors_are_asked_to_sign_in_and_cannot_act(app):
    slug = new_slug(app)
    anonymous = TestClient(app, follow_redirects=False)
    queue = anonymous.get("/review")
    assert queue.status_code == 401 and 'href="/login?next=/review"' in queue.text
    for action in ("approve", "request-changes", "reject", "assign"):
        assert anonymous.post(f"/articles/{slug}/review/{action}", data={"reason": "x"}).status_code == 401
    assert anonymous.post(f"/articles/{slug}/edit", data={"reason": "x"}).status_code == 401
    assert anonymous.get(f"/articles/{slug}/edit").status_code == 401


def test_a_form_post_without_the_session_token_is_refused(app):
    slug = new_slug(app)
    editor, _token = sign_in(app, "Eve Editor")
    response = editor.post(f"/articles/{slug}/review/assign", data={"reviewers": ["Ada Lovelace"]})
    assert response.status_code == 403 and "missing or wrong CSRF token" in response.text


def test_a_reviewer_cannot_use_the_editor_forms(app):
    slug = new_slug(app)
    ada, token = sign_in(app, "Ada Lovelace")
    response = ada.post(f"/articles/{slug}/review/assign", data={"reviewers": ["Bea Okafor"], "csrf_token": token})
    assert response.status_code == 403 and "a reviewer may not assign: only editors and admins may" in response.text
    assert ada.get(f"/articles/{slug}/edit").status_code == 403
    desk = ada.get(f"/articles/{slug}/review").text
    assert 'data-testid="audit-log"' not in desk and 'data-testid="approve"' not in desk  # not assigned yet


def test_from_submission_to_an_approved_badge_through_the_forms(app):
    slug = new_slug(app)
    reader = TestClient(app)
    page = reader.get(f"/articles/{slug}").text
    assert ">Submitted</span>" in page and "Educational purpose only • content pending human review" in page
    editor, editor_token = sign_in(app, "Eve Editor")
    ada, ada_token = sign_in(app, "Ada Lovelace")
    assert editor.post(f"/articles/{slug}/review/assign",
                       data={"reviewers": ["Ada Lovelace"], "csrf_token": editor_token}).status_code == 303
    assert slug in ada.get("/review").text
    changes = ada.post(f"/articles/{slug}/review/request-changes", data={
        "csrf_token": ada_token, "version": "1", "anchor": "b.0", "comment": "Say <b>which</b> nerve."})
    assert changes.status_code == 303, re.findall(r'error-detail"[^>]*>([^<]*)', changes.text)
    desk = editor.get(f"/articles/{slug}/review").text
    assert "Say &lt;b&gt;which&lt;/b&gt; nerve." in desk and ">Changes requested</span>" in desk
    edit_form = editor.get(f"/articles/{slug}/edit").text
    first = re.search(r'name="text:b.0"[^>]*>([^<]+)</textarea>', edit_form).group(1)
    cites = re.search(r'name="cite:b.0" value="([^"]*)"', edit_form).group(1)
    saved = editor.post(f"/articles/{slug}/edit", data={
        "csrf_token": editor_token, "version": "1", "reason": "comment from Ada", "text:b.0": first + " Edited.",
        "cite:b.0": cites})
    assert saved.status_code == 303, saved.text
    assert ada.post(f"/articles/{slug}/review/approve",
                    data={"csrf_token": ada_token, "version": "2"}).status_code == 303
    page = reader.get(f"/articles/{slug}").text
    today = datetime.date.today()
    assert 'data-testid="status-badge">Approved</span>' in page
    assert f"Reviewed by Ada Lovelace, <time datetime=\"{today.isoformat()}\">{today.day} {today:%B %Y}</time>" in page
    assert "content pending human review" not in page and "Edited." in page
    audit = editor.get(f"/articles/{slug}/review").text.split('data-testid="audit-log"')[1]
    assert [m for m in re.findall(r"<td>(create|assign|request changes|revise|approve)</td>", audit)] == [
        "create", "assign", "request changes", "revise", "approve"]


def test_an_update_under_review_keeps_the_approved_version_for_readers(app):
    slug = new_slug(app)
    editor, editor_token = sign_in(app, "Eve Editor")
    ada, ada_token = sign_in(app, "Ada Lovelace")
    editor.post(f"/articles/{slug}/review/assign", data={"reviewers": ["Ada Lovelace"], "csrf_token": editor_token})
    ada.post(f"/articles/{slug}/review/approve", data={"csrf_token": ada_token})
    fresh = TestClient(app).post("/api/ask", json={**ASKED[slug], "fresh": True}).json()
    assert (fresh["slug"], fresh["version"]) == (slug, 2)
    page = TestClient(app).get(f"/articles/{slug}").text
    assert 'data-testid="status-badge">Approved</span>' in page and ">Update under review</span>" in page
    assert "Version 1 of 2" in page
    newest = TestClient(app).get(f"/articles/{slug}", params={"version": 2}).text
    assert 'data-testid="status-badge">Under review</span>' in newest and "content pending human review" in newest


def test_the_diff_page_shows_what_an_edit_changed(app):
    slug = new_slug(app)
    editor, token = sign_in(app, "Eve Editor")
    edit_form = editor.get(f"/articles/{slug}/edit").text
    first = re.search(r'name="text:b.0"[^>]*>([^<]+)</textarea>', edit_form).group(1)
    cites = re.search(r'name="cite:b.0" value="([^"]*)"', edit_form).group(1)
    editor.post(f"/articles/{slug}/edit", data={"csrf_token": token, "reason": "shorter", "text:b.0": "",
                                                "cite:b.0": cites})
    diff = TestClient(app).get(f"/articles/{slug}/diff", params={"from": 1, "to": 2}).text
    assert f'<span class="diff-removed">− - {first} [' in diff
    assert 'class="diff-added"' not in diff



def test_review_pages_have_no_inline_scripts_or_styles_and_escape_nothing_live(app):
    slug = new_slug(app)
    editor, _token = sign_in(app, "Eve Editor")
    for path in ("/login", "/review", f"/articles/{slug}/review", f"/articles/{slug}/edit",
                 f"/articles/{slug}/diff?from=1&to=1"):
        page = editor.get(path).text
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == [], path
        assert " style=" not in page and "<style" not in page, path
    assert 'data-testid="diff-empty">The two versions read the same.<' in editor.get(
        f"/articles/{slug}/diff?from=1&to=1").text
