"""Hostile text in a question or in an ingested document stays text; pages load nothing from elsewhere."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from medora.export.render import to_html
from medora.types import Article
from tests.web.conftest import HOSTILE_QUESTION, IMG, SCRIPT

ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"


def _article_page(client: TestClient, question: str) -> tuple[dict, str]:
    body = client.post("/api/ask", json={"question": question}).json()
    return body, client.get(body["url"]).text


def _assert_no_live_markup(page: str) -> None:
    assert SCRIPT not in page and IMG not in page
    assert "onerror=alert" not in page.replace(ESCAPED_IMG, "")


def test_markup_in_a_question_is_escaped_on_the_page_and_kept_verbatim_in_the_api(client: TestClient):
    question = f"{SCRIPT} How should foot drop be managed? {IMG}"
    body, page = _article_page(client, question)
    assert body["article"]["question"] == question  # JSON carries the text as typed; escaping is the page's job
    assert f"{ESCAPED_SCRIPT} How should foot drop be managed? {ESCAPED_IMG}" in page
    _assert_no_live_markup(page)
    _assert_no_live_markup(client.get("/").text)  # the recent-questions list
    _assert_no_live_markup(client.get("/library", params={"q": "foot drop"}).text)
    _assert_no_live_markup(client.get(f"{body['url']}/versions").text)


def test_markup_in_a_document_title_and_abstract_is_escaped(client: TestClient):
    body, page = _article_page(client, HOSTILE_QUESTION)
    reference = body["article"]["references"][0]
    assert reference["source_key"] == "doc:xss-probe" and reference["title"].startswith(SCRIPT)
    assert f'<cite class="ref-title">{ESCAPED_SCRIPT} Quillwort tonsillitis {ESCAPED_IMG}</cite>' in page
    assert ESCAPED_IMG in page.split('data-testid="cited-passages"')[1]  # the passage text, escaped
    _assert_no_live_markup(page)


def test_a_document_url_with_a_script_scheme_never_becomes_a_link(client: TestClient):
    _body, page = _article_page(client, HOSTILE_QUESTION)
    assert "javascript:" not in page


def test_markup_in_a_follow_up_link_is_escaped(client: TestClient):
    body, _page = _article_page(client, HOSTILE_QUESTION)
    page = client.get(body["url"], params={"follow_up_of": '"><script>alert(1)</script>'}).text
    _assert_no_live_markup(page)


def test_every_response_carries_the_security_headers(client: TestClient):
    for path in ("/", "/library", "/api/health", "/static/medora.css", "/articles/no-such-article"):
        headers = client.get(path).headers
        assert headers["content-security-policy"].startswith("default-src 'self'; script-src 'self'; style-src 'self';")
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "same-origin"


def test_pages_have_no_inline_scripts_and_load_nothing_from_other_hosts(client: TestClient):
    body = client.post("/api/ask", json={"question": "How should acute gout flares be treated?"}).json()
    for path in ("/", "/library", body["url"], f"{body['url']}/versions", "/api/docs"):
        page = client.get(path).text
        assert re.findall(r"<script(?![^>]*\bsrc=)[^>]*>", page) == [], path
        loaded = re.findall(r'\ssrc="([^"]*)"', page) + re.findall(r'<link[^>]*\shref="([^"]*)"', page)
        remote = [url for url in loaded if url != "data:," and (not url.startswith("/") or url.startswith("//"))]
        assert loaded and remote == [], path
        assert " style=" not in page and "<style" not in page, path


def test_markup_stays_text_in_the_standalone_html_and_markdown_exports(client: TestClient):
    body, _page = _article_page(client, HOSTILE_QUESTION)
    standalone = to_html(Article.model_validate(body["article"]))
    assert ESCAPED_SCRIPT in standalone
    _assert_no_live_markup(standalone)
    markdown = client.get(f"/api/articles/{body['slug']}/export/md").text
    assert "\\<script>alert(1)\\</script>" in markdown  # backslash-escaped: a Markdown renderer shows it as text
    assert re.findall(r"(?<!\\)<(?:script|img|/script)", markdown) == []
