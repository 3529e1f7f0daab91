"""The web app in a real browser: Debian's Chromium, driven by Playwright, against a real `medora serve` process.

One lexical-only data folder is prepared with `medora init` for the module and one server serves it; each test
opens a fresh browser context (no cookies carried between tests). Skips when Chromium or Playwright is missing."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import bibtexparser
import httpx
import pytest
import rispy

from tests.web.serving import prepared_env, require_browser, running_server

sync_api = require_browser()
expect = sync_api.expect

SEED_QUESTION = "What is the best approach to managing L5 radiculopathy with foot drop?"
OVERVIEW_TITLE = "Lumbar (L5) radiculopathy with foot drop"
XSS_QUESTION = '<img src=x onerror="window.__xss=1">'
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 740}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real server on a prepared fresh data folder, stopped when the module is done."""
    home = tmp_path_factory.mktemp("browser") / "home"
    with running_server(prepared_env(home), home / "serve.log") as url:
        yield url


@pytest.fixture
def page(browser: sync_api.Browser) -> Iterator[sync_api.Page]:
    context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


@pytest.fixture(scope="module")
def seed_slug(base_url: str) -> str:
    """The seed question, asked once through the API: the article most tests read."""
    reply = httpx.post(f"{base_url}/api/ask", json={"question": SEED_QUESTION}, timeout=60)
    assert reply.status_code == 200
    return reply.json()["slug"]


def _press_tab_until(page: sync_api.Page, testid: str, limit: int = 12) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.dataset.testid") == testid:
            return
    raise AssertionError(f"Tab never reached [data-testid={testid}]")


def test_a_question_typed_and_submitted_with_the_keyboard_opens_its_article(page, base_url):
    question = "How should a gout flare be treated?"
    page.goto(base_url + "/")
    page.get_by_label("Your question").focus()
    page.keyboard.type(question)
    _press_tab_until(page, "ask-submit")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/articles/how-should-a-gout-flare-be-treated-[0-9a-f]{6}$"))
    expect(page.get_by_test_id("article-title")).to_have_text(question)
    expect(page).to_have_title(f"{question} · Medora")
    expect(page.get_by_test_id("status-badge")).to_have_text("Submitted")
    expect(page.get_by_test_id("pending-review")).to_have_text("Educational purpose only • content pending human review")
    expect(page.get_by_test_id("disclaimer")).to_contain_text(
        "Medora summarises published evidence for health professionals. It is not a substitute for clinical judgement"
    )


def test_a_citation_jumps_to_its_reference_and_opens_the_passage_it_rests_on(page, base_url, seed_slug):
    page.goto(f"{base_url}/articles/{seed_slug}")
    citation = page.locator("a.cite").first
    href, passage_id = citation.get_attribute("href"), citation.get_attribute("data-passage")
    sentence = page.locator("span.statement").first.inner_text()
    citation.click()
    expect(page).to_have_url(re.compile(re.escape(href) + "$"))
    assert re.fullmatch(r"#ref-\d+[a-z]?", href)
    reference = page.locator(f"[id='{href[1:]}']")
    expect(reference).to_be_in_viewport()
    passage = page.locator(f"#passage-{passage_id}")
    expect(passage.locator("xpath=ancestor::details")).to_have_attribute("open", "")
    expect(passage).to_be_visible()
    expect(passage).to_be_in_viewport()
    expect(passage).to_have_class(re.compile(r"\bis-cited\b"))
    assert sentence.rstrip(".") in passage.locator("blockquote").inner_text()


def test_a_followed_citation_shows_only_its_passage_until_show_all(page, base_url, seed_slug):
    page.goto(f"{base_url}/articles/{seed_slug}")
    citation = page.locator("a.cite").first
    passage_id = citation.get_attribute("data-passage")
    citation.click()
    details = page.locator(f"#passage-{passage_id}").locator("xpath=ancestor::details")
    total = details.locator(".passage").count()
    expect(details.locator(".passage:visible")).to_have_count(1)
    details.get_by_test_id("show-all-passages").click()
    expect(details.locator(".passage:visible")).to_have_count(total)
    expect(details.get_by_test_id("show-all-passages")).to_be_hidden()
    assert total > 1


def test_the_audience_chosen_on_an_article_is_kept_after_visiting_the_library(page, base_url, seed_slug):
    page.goto(f"{base_url}/articles/{seed_slug}")
    expect(page.get_by_label("Clinician", exact=True)).to_be_checked()
    audience = page.get_by_role("group", name="Which best describes you?")
    audience.get_by_label("Patient", exact=True).check()
    audience.get_by_role("button", name="Apply").click()
    page.wait_for_url(re.compile(r"\?audience=patient(#[\w-]+)?$"))  # the anchor brings the reader back to their place
    page.get_by_test_id("nav-library").click()
    page.wait_for_url(re.compile(r"/library$"))
    page.locator(f"a.article-link[href='/articles/{seed_slug}']").click()
    page.wait_for_url(re.compile(re.escape(seed_slug) + "$"))
    expect(page.get_by_label("Patient", exact=True)).to_be_checked()
    page.get_by_test_id("nav-ask").click()
    expect(page.get_by_label("Written for")).to_have_value("patient")


@pytest.mark.parametrize("fmt, extension", [("ris", "ris"), ("bibtex", "bib"), ("pdf", "pdf")])
def test_an_export_button_downloads_the_article_as_a_file(page, base_url, seed_slug, fmt, extension):
    page.goto(f"{base_url}/articles/{seed_slug}")
    references = page.locator("li.reference, li.sub-reference").count()
    with page.expect_download() as info:
        page.get_by_test_id(f"export-{fmt}").click()
    download = info.value
    assert download.suggested_filename == f"{seed_slug}.{extension}"
    content = Path(download.path()).read_bytes()
    if fmt == "pdf":
        assert content[:5] == b"%PDF-"
    elif fmt == "ris":
        entries = rispy.loads(content.decode("utf-8"))
        assert (len(entries), entries[0]["title"]) == (references, OVERVIEW_TITLE)
    else:
        library = bibtexparser.parse_string(content.decode("utf-8"))
        assert (len(library.failed_blocks), len(library.entries)) == (0, references)
        assert library.entries[0]["title"] == OVERVIEW_TITLE


def test_searching_the_library_page_narrows_the_list(page, base_url):
    total = httpx.get(f"{base_url}/api/articles", params={"limit": 1}).json()["total"]
    page.goto(base_url + "/library")
    expect(page.get_by_test_id("result-count")).to_have_text(f"{total} articles")
    page.get_by_label("Search questions and titles").fill("anaphylaxis")
    page.get_by_label("Search questions and titles").press("Enter")
    page.wait_for_url(re.compile(r"q=anaphylaxis"))
    expect(page.get_by_test_id("result-count")).to_have_text("1 article")
    expect(page.locator("[data-testid=library-results] a.article-link")).to_have_text(
        ["Anaphylaxis — emergency treatment and follow-up"]
    )


@pytest.mark.parametrize("name", ["ask", "article", "library"])
def test_pages_fit_a_phone_screen_without_sideways_scrolling(browser, base_url, seed_slug, name):
    path = {"ask": "/", "article": f"/articles/{seed_slug}", "library": "/library"}[name]
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        phone = context.new_page()
        phone.goto(base_url + path)
        phone.locator("details").evaluate_all("all => all.forEach(d => { d.open = true; })")  # hidden parts too
        widths = phone.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert widths[0] <= widths[1] == PHONE["width"]
    finally:
        context.close()


def test_tab_reaches_the_skip_link_first_and_then_the_question_box(page, base_url):
    page.goto(base_url + "/")
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_text("Skip to content")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main$"))
    page.keyboard.press("Tab")
    expect(page.locator(":focus")).to_have_id("question")


def test_markup_in_a_question_is_shown_as_text_and_never_runs(page, base_url):
    page.goto(base_url + "/")
    page.get_by_label("Your question").fill(XSS_QUESTION)
    page.get_by_test_id("ask-submit").click()
    page.wait_for_url(re.compile(r"/articles/img-src-x-onerror-window-xss-1-[0-9a-f]{6}$"))
    expect(page.get_by_test_id("article-title")).to_have_text(XSS_QUESTION)
    assert page.evaluate("typeof window.__xss") == "undefined"
    assert page.locator("img").count() == 0
    page.get_by_test_id("nav-ask").click()
    expect(page.get_by_test_id("recent-articles")).to_contain_text(XSS_QUESTION)
    assert (page.evaluate("typeof window.__xss"), page.locator("img").count()) == ("undefined", 0)
