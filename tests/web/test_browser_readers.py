"""Readers in a real browser (Debian's Chromium via Playwright) against a real `medora serve` on a lexical-only data
folder prepared by `medora init`: switch to the patient version without losing the place, ask a follow-up, and see
the thread's context carried into a cited answer that another reader cannot see. Skips when Chromium or Playwright
is missing (never `playwright install`: the browser is the system's)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import httpx
import pytest

from medora.library.plain_versions import plain_version
from tests.web.serving import prepared_env, require_browser, running_server

sync_api = require_browser()
expect = sync_api.expect

SEED = "How should L5 radiculopathy with foot drop be managed?"
FOLLOW_UP = "what about in a patient with diabetes?"


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    home = tmp_path_factory.mktemp("readers-browser") / "home"
    with running_server(prepared_env(home), home / "serve.log") as url:
        yield url


def _page(browser: sync_api.Browser) -> sync_api.Page:
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(20_000)
    return context.new_page()


def test_a_patient_switches_language_keeps_their_place_and_asks_a_follow_up_in_context(browser, base_url):
    page = _page(browser)
    page.goto(base_url + "/")
    page.get_by_label("Your question").fill(SEED)
    page.get_by_test_id("ask-submit").click()
    page.wait_for_url(re.compile(r"/articles/how-should-l5-radiculopathy-with-foot-drop-be-managed-[0-9a-f]{6}$"))
    clinician_citations = page.locator("a.cite").all_inner_texts()
    written = [plain_version(text) for text in page.locator(".article .statement").all_inner_texts()]
    written = [text for text in written if text]
    assert len(written) > 10  # the L5 overview's sentences have team-written plain versions

    # read down to a sentence in the middle, then switch to the patient version: the same sentence is in view
    middle = page.locator(".article .statement").nth(12)
    middle.scroll_into_view_if_needed()
    page.get_by_test_id("audience-form").get_by_label("Patient", exact=True).check()
    page.wait_for_url(re.compile(r"\?audience=patient#at-\d+$"))
    expect(page.get_by_test_id("disclaimer")).to_contain_text("It is not advice about your own care")
    anchor = int(page.url.rsplit("#at-", 1)[1])
    expect(page.locator(".article .statement").nth(anchor)).to_be_in_viewport()
    assert page.locator("a.cite").all_inner_texts() == clinician_citations
    # every sentence with a team-written plain version is shown in it, in the same order, under the same citation
    shown = page.locator(".statement.adapted-plain").all_inner_texts()
    assert len(shown) == len(written)
    assert all(text.startswith(version.rstrip(".")) for text, version in zip(shown, written))
    cookies = {c["name"]: c for c in page.context.cookies()}
    assert cookies["medora_audience"]["value"] == "patient"

    # a follow-up leans on the thread: the answer is about foot drop in diabetes, cited, and still for a patient
    page.get_by_label("Follow-up question", exact=True).fill(FOLLOW_UP)
    page.get_by_role("button", name="Ask follow-up").click()
    page.wait_for_url(re.compile(r"/articles/how-should-l5-radiculopathy-with-foot-drop-be-managed-in-a-p-[0-9a-f]{6}\?thread=[\w-]+"))
    thread = page.get_by_test_id("thread")
    expect(thread.get_by_test_id("thread-item")).to_have_count(2)
    expect(thread.get_by_role("link", name=SEED)).to_be_visible()
    expect(thread.get_by_test_id("standalone")).to_have_text(
        "answered as: How should L5 radiculopathy with foot drop be managed in a patient with diabetes?"
    )
    assert page.locator("a.cite").count() > 0
    expect(page.get_by_test_id("references").get_by_test_id("reference").first).to_be_visible()
    expect(page.get_by_test_id("disclaimer")).to_contain_text("It is not advice about your own care")
    assert "medora_reader" not in cookies  # a reader gets a token only when they start a thread
    reader = {c["name"]: c for c in page.context.cookies()}["medora_reader"]
    assert reader["httpOnly"] is True

    # the thread is this reader's: another browser opening the same address sees the article but not the thread
    stranger = _page(browser)
    stranger.goto(page.url)
    expect(stranger.get_by_test_id("article")).to_be_visible()
    expect(stranger.get_by_test_id("thread")).to_have_count(0)
    thread_id = page.url.rsplit("thread=", 1)[1]
    assert httpx.get(f"{base_url}/api/threads/{thread_id}").status_code == 404
