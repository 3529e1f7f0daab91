"""The review workflow in a real browser: Debian's Chromium, driven by Playwright, against a real `medora serve`.

A reviewer signs in and requests changes with a comment anchored to a sentence, an editor edits that sentence (a
new version), the reviewer approves, and the reader's badge reads Approved with the reviewer's name; an anonymous
reader's approve request is refused. Skips when Chromium or Playwright is missing (never `playwright install`)."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator

import httpx
import pytest

from tests.web.serving import MEDORA, ROOT, prepared_env, require_browser, running_server

sync_api = require_browser()
expect = sync_api.expect

QUESTION = "How should L5 radiculopathy with foot drop be managed?"
PASSWORD = "correct horse battery staple"
REVIEWER, EDITOR = "Ada Lovelace", "Eve Editor"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`medora init` on a fresh lexical-only folder, two accounts added with `medora users add`, then a real server."""
    home = tmp_path_factory.mktemp("review-browser") / "home"
    env = prepared_env(home)
    for name, role in ((REVIEWER, "reviewer"), (EDITOR, "editor")):
        subprocess.run([*MEDORA, "users", "add", name, "--role", role, "--password-stdin"], cwd=ROOT, env=env,
                       input=PASSWORD + "\n", text=True, check=True, capture_output=True)
    with running_server(env, home / "serve.log") as url:
        yield url


def signed_in_page(browser: sync_api.Browser, base_url: str, name: str, next_path: str) -> sync_api.Page:
    """A fresh browser context (its own cookies) signed in through the form, landing on ``next_path``."""
    page = browser.new_context(base_url=base_url).new_page()
    page.goto(f"/login?next={next_path}")
    page.get_by_test_id("login-name").fill(name)
    page.get_by_test_id("login-password").fill(PASSWORD)
    page.get_by_test_id("login-submit").click()
    page.wait_for_url(f"**{next_path}")
    return page


def test_request_changes_edit_approve_and_the_badge_names_the_reviewer(browser, base_url: str):
    slug = httpx.post(f"{base_url}/api/ask", json={"question": QUESTION}, timeout=60).json()["slug"]
    desk_path = f"/articles/{slug}/review"

    editor = signed_in_page(browser, base_url, EDITOR, desk_path)
    editor.get_by_test_id("assign-reviewers").select_option(REVIEWER)
    editor.get_by_test_id("assign").click()
    expect(editor.get_by_test_id("assigned-reviewers")).to_have_text(REVIEWER)

    reviewer = signed_in_page(browser, base_url, REVIEWER, "/review")
    reviewer.goto(desk_path)
    reviewer.get_by_test_id("comment-anchor").select_option("b.0")
    reviewer.get_by_test_id("comment-body").fill("Name the two commonest causes of foot drop explicitly.")
    reviewer.get_by_test_id("request-changes").click()
    expect(reviewer.get_by_test_id("status-badge")).to_have_text("Changes requested")
    expect(reviewer.get_by_test_id("review-comments")).to_contain_text("Name the two commonest causes")

    editor.get_by_test_id("edit-link").click()
    sentence = editor.get_by_test_id("edit-text-b.0")
    sentence.fill(sentence.input_value().rstrip(".") + " of foot drop.")
    editor.get_by_test_id("edit-reason").fill("Ada's comment on b.0")
    editor.get_by_test_id("edit-submit").click()
    expect(editor.get_by_test_id("review-version")).to_have_text("Version 2")
    expect(editor.get_by_test_id("status-badge")).to_have_text("Under review")
    expect(editor.get_by_test_id("audit-log")).to_contain_text("Ada's comment on b.0")

    reviewer.goto(desk_path)
    reviewer.get_by_test_id("approve").click()
    expect(reviewer.get_by_test_id("status-badge")).to_have_text("Approved")

    reader = browser.new_context(base_url=base_url).new_page()
    reader.goto(f"/articles/{slug}")
    expect(reader.get_by_test_id("status-badge")).to_have_text("Approved")
    expect(reader.get_by_test_id("reviewed-by")).to_contain_text(f"Reviewed by {REVIEWER}, ")
    expect(reader.get_by_test_id("pending-review")).to_have_count(0)
    expect(reader.get_by_test_id("bottom-line")).to_contain_text("of foot drop.")


def test_an_anonymous_readers_approve_request_is_refused(browser, base_url: str):
    slug = httpx.post(f"{base_url}/api/ask", json={"question": "How is foot drop from a peroneal palsy treated?"},
                      timeout=60).json()["slug"]
    reader = browser.new_context(base_url=base_url).new_page()
    reader.goto(f"/articles/{slug}")
    expect(reader.get_by_test_id("status-badge")).to_have_text("Submitted")
    expect(reader.get_by_test_id("pending-review")).to_have_text(
        "Educational purpose only • content pending human review")
    expect(reader.get_by_test_id("review-link")).to_have_count(0)
    form = reader.request.post(f"/articles/{slug}/review/approve", form={"reason": "looks fine"})
    api = reader.request.post(f"/api/articles/{slug}/approve", data={})
    assert (form.status, api.status) == (401, 401)
    assert api.json() == {"detail": "sign in first: this needs a reviewer's, editor's or admin's account"}
    reader.goto(f"/articles/{slug}/review")
    expect(reader.get_by_test_id("error-detail")).to_have_text(
        "sign in first: this needs a reviewer's, editor's or admin's account")
    expect(reader.get_by_test_id("error-sign-in")).to_be_visible()
    reader.goto(f"/articles/{slug}")
    expect(reader.get_by_test_id("status-badge")).to_have_text("Submitted")
