"""The review API on SQLite and PostgreSQL: every role against every action (401 anonymous, 403 wrong role,
success for the right one), CSRF, sign-in throttling, state conflicts, diffs and the audit log."""

from __future__ import annotations

import itertools

import pytest
from fastapi.testclient import TestClient

from tests.web.review_fixtures import PASSWORD, clients, review_app  # noqa: F401 (fixtures)

_numbers = itertools.count(100)
_years = itertools.count(1800)  # each article asks the same question with its own year filter: a new article
ROLES = ("anonymous", "reviewer", "editor", "admin")
SIGN_IN = "sign in first: this needs a reviewer's, editor's or admin's account"


def new_article(clients: dict[str, TestClient], state: str = "submitted") -> dict:
    """A fresh article (answered from the packaged library) brought to ``state``, assigned to Ada when reviewed."""
    body = clients["anonymous"].post(
        "/api/ask", json={"question": "How should L5 radiculopathy with foot drop be managed?", "year_from": next(_years)}
    ).json()
    assert body["article"]["bottom_line"], body["slug"]
    if state == "under review":
        assigned = clients["editor"].post(f"/api/articles/{body['slug']}/assign", json={"reviewers": ["Ada Lovelace"]})
        assert assigned.status_code == 200, assigned.text
    return body


def _edit_body(article: dict) -> dict:
    first = article["article"]["bottom_line"][0]
    return {"edits": [{"anchor": "b.0", "text": first["text"] + " Edited.", "citations": first["citations"]}],
            "reason": "clarity"}


# action → (state the article needs, method, path, body maker, expected status per role)
MATRIX = {
    "assign": ("submitted", "post", "assign", lambda a: {"reviewers": ["Bea Okafor"]},
               {"anonymous": 401, "reviewer": 403, "editor": 200, "admin": 200}),
    "approve": ("under review", "post", "approve", lambda a: {},
                {"anonymous": 401, "reviewer": 200, "editor": 403, "admin": 403}),
    "request changes": ("under review", "post", "request-changes",
                        lambda a: {"comments": [{"anchor": "b.0", "body": "Cite the guideline."}]},
                        {"anonymous": 401, "reviewer": 200, "editor": 403, "admin": 403}),
    "reject": ("under review", "post", "reject", lambda a: {"reason": "Out of scope."},
               {"anonymous": 401, "reviewer": 200, "editor": 403, "admin": 403}),
    "edit": ("submitted", "post", "edit", _edit_body,
             {"anonymous": 401, "reviewer": 403, "editor": 200, "admin": 200}),
    "audit log": ("submitted", "get", "audit", None, {"anonymous": 401, "reviewer": 403, "editor": 200, "admin": 200}),
    "review detail": ("submitted", "get", "review", None,
                      {"anonymous": 401, "reviewer": 200, "editor": 200, "admin": 200}),
}
FORBIDDEN_DETAIL = {
    "assign": "a reviewer may not assign: only editors and admins may",
    "approve": "{article} {role} may not approve: only reviewers may",
    "request changes": "{article} {role} may not request changes: only reviewers may",
    "reject": "{article} {role} may not reject: only reviewers may",
    "edit": "only editors and admins may edit articles",
    "audit log": "only editors and admins may read the audit log",
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(MATRIX))
def test_every_role_against_every_article_action(clients, action, role):
    state, method, path, body, expected = MATRIX[action]
    article = new_article(clients, state)
    url = f"/api/articles/{article['slug']}/{path}"
    client = clients[role]
    response = client.get(url) if method == "get" else client.post(url, json=body(article))
    assert response.status_code == expected[role], response.text
    if expected[role] == 401:
        assert response.json() == {"detail": SIGN_IN}
    elif expected[role] == 403:
        detail = FORBIDDEN_DETAIL[action].format(article="an" if role in ("editor", "admin") else "a", role=role)
        assert response.json() == {"detail": detail}


@pytest.mark.parametrize(
    ("role", "listed", "created"),
    [("anonymous", 401, 401), ("reviewer", 403, 403), ("editor", 403, 403), ("admin", 200, 201)],
)
def test_only_admins_manage_accounts(clients, role, listed, created):
    client = clients[role]
    response = client.get("/api/users")
    assert response.status_code == listed
    if listed == 200:
        assert {(u["name"], u["role"]) for u in response.json()} >= {("Ada Lovelace", "reviewer"), ("Root Admin", "admin")}
    name = f"New Member {next(_numbers)}"
    response = client.post("/api/users", json={"name": name, "role": "reviewer", "password": PASSWORD})
    assert response.status_code == created, response.text
    if created == 201:
        assert (response.json()["name"], response.json()["role"]) == (name, "reviewer")
    elif created == 403:
        assert response.json() == {"detail": "only admins manage accounts"}


@pytest.mark.parametrize(("role", "expected"), [("anonymous", 401), ("reviewer", 200), ("editor", 200), ("admin", 200)])
def test_the_queue_needs_an_account(clients, role, expected):
    assert clients[role].get("/api/review/queue").status_code == expected


def test_a_reviewer_not_assigned_is_refused(clients):
    article = new_article(clients, "under review")
    response = clients["reviewer2"].post(f"/api/articles/{article['slug']}/approve", json={})
    assert (response.status_code, response.json()) == (
        403, {"detail": "Bea Okafor is not assigned to review this article: an editor assigns reviewers"})


def test_a_post_without_the_csrf_token_is_refused_even_when_signed_in(clients, review_app):
    article = new_article(clients, "under review")
    ada = TestClient(review_app, cookies=clients["reviewer"].cookies)
    for headers in ({}, {"X-CSRF-Token": "forged"}):
        response = ada.post(f"/api/articles/{article['slug']}/approve", json={}, headers=headers)
        assert response.status_code == 403
        assert response.json()["detail"].startswith("missing or wrong CSRF token")
    assert clients["anonymous"].get(f"/api/articles/{article['slug']}").json()["status"] == "under review"


def test_the_session_cookie_is_httponly_and_samesite_lax(review_app):
    response = TestClient(review_app).post("/api/login", json={"name": "Eve Editor", "password": PASSWORD})
    cookie = response.headers["set-cookie"]
    assert cookie.startswith("medora_session=") and "HttpOnly" in cookie and "SameSite=lax" in cookie
    assert (response.json()["name"], response.json()["role"]) == ("Eve Editor", "editor")


def test_a_wrong_password_is_401_and_the_sixth_try_is_throttled(clients, review_app):
    admin = clients["admin"]
    admin.post("/api/users", json={"name": "Target", "role": "editor", "password": PASSWORD})
    client = TestClient(review_app)
    for _ in range(5):
        response = client.post("/api/login", json={"name": "Target", "password": "not the password"})
        assert (response.status_code, response.json()) == (401, {"detail": "wrong user name or password"})
    response = client.post("/api/login", json={"name": "Target", "password": PASSWORD})
    assert response.status_code == 429
    assert response.json()["detail"].startswith("too many failed sign-ins for 'Target' from this address")


def test_signing_out_ends_the_session(review_app):
    from tests.web.review_fixtures import signed_in

    client = signed_in(review_app, "Eve Editor")
    assert client.get("/api/me").json()["name"] == "Eve Editor"
    assert client.post("/api/logout").status_code == 204
    assert client.get("/api/me").status_code == 401


def test_a_decision_the_state_does_not_allow_is_a_conflict(clients):
    article = new_article(clients, "submitted")
    response = clients["reviewer"].post(f"/api/articles/{article['slug']}/approve", json={})
    assert (response.status_code, response.json()) == (
        409, {"detail": "an article that is submitted cannot approve; it can: assign, revise"})


def test_the_whole_review_over_the_api(clients):
    article = new_article(clients, "under review")
    slug = article["slug"]
    changes = clients["reviewer"].post(f"/api/articles/{slug}/request-changes", json={
        "comments": [{"anchor": "b.0", "body": "Say which nerve."}], "version": 1})
    assert changes.json()["status"] == "changes requested"
    edited = clients["editor"].post(f"/api/articles/{slug}/edit", json={**_edit_body(article), "version": 1})
    assert (edited.status_code, edited.json()["version"], edited.json()["status"]) == (200, 2, "under review")
    approved = clients["reviewer"].post(f"/api/articles/{slug}/approve", json={"version": 2}).json()
    assert (approved["status"], approved["approved_version"], approved["approved_by"]) == ("approved", 2, "Ada Lovelace")
    public = clients["anonymous"].get(f"/api/articles/{slug}").json()
    assert (public["shown_version"], public["article"]["editorial"]["status"]) == (2, "approved")
    diff = clients["anonymous"].get(f"/api/articles/{slug}/diff", params={"from": 1, "to": 2}).json()
    removed = [line["text"] for line in diff["lines"] if line["kind"] == "removed"]
    added = [line["text"] for line in diff["lines"] if line["kind"] == "added"]
    assert len(removed) == len(added) == 1 and added[0].startswith("- ") and " Edited. [" in added[0]
    detail = clients["reviewer"].get(f"/api/articles/{slug}/review").json()
    assert [(c["author"], c["anchor"], c["body"]) for c in detail["comments"]] == [
        ("Ada Lovelace", "b.0", "Say which nerve.")]
    assert [r["reviewer"] for r in detail["reviewers"]] == ["Ada Lovelace"]
    events = clients["editor"].get(f"/api/articles/{slug}/audit").json()["events"]
    assert [(e["actor"], e["action"], e["to_state"]) for e in events] == [
        ("medora", "create", "submitted"),
        ("Eve Editor", "assign", "under review"),
        ("Ada Lovelace", "request changes", "changes requested"),
        ("Eve Editor", "revise", "under review"),
        ("Ada Lovelace", "approve", "approved"),
    ]
