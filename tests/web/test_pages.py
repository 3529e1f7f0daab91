"""Server-rendered pages: they answer 200 and carry the elements a reader (and the browser tests) rely on."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from medora import build
from tests.web.conftest import HOSTILE_QUESTION

SEED = "How should L5 radiculopathy with foot drop be managed?"
VACCINES = "How well are vaccines stored in general practices and child health clinics?"


def _ask(client: TestClient, question: str, **fields) -> str:
    """POST the ask form; returns the redirect target."""
    response = client.post("/ask", data={"question": question, **fields}, follow_redirects=False)
    assert response.status_code == 303, response.text
    return response.headers["location"]


def test_ask_page_has_a_labelled_question_box_filters_and_article_lists(client: TestClient):
    _ask(client, SEED)
    page = client.get("/").text
    assert '<label for="question">Your question</label>' in page
    assert re.search(r'<textarea id="question" name="question" maxlength="1000" required', page)
    assert '<label for="audience">Written for</label>' in page
    assert '<details class="filters">' in page and 'name="kinds" value="guideline"' in page
    assert 'data-testid="recent-articles"' in page and 'data-testid="library-articles"' in page
    assert '<a href="/library?origin=library">All 61 library articles</a>' in page
    assert 'class="skip-link" href="#main"' in page and '<main id="main"' in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_asking_redirects_to_the_article_and_asking_again_says_it_was_reused(client: TestClient):
    first = _ask(client, VACCINES)
    assert re.fullmatch(r"/articles/how-well-are-vaccines-stored-in-general-practices-and-child-[0-9a-f]{6}", first)
    assert "This question was answered before" not in client.get(first).text
    again = _ask(client, VACCINES)
    assert again == f"{first}?reused=1"
    page = client.get(again).text
    assert re.search(r"This question was answered before on \d{1,2} \w+ \d{4}; showing the stored article", page)
    assert '<input type="hidden" name="fresh" value="1">' in page and ">Ask afresh</button>" in page


def test_an_article_from_an_earlier_build_says_so_beside_ask_afresh(client: TestClient, monkeypatch):
    question = "How is hypothyroidism treated in adults?"
    first = _ask(client, question)
    stamped = build.engine_build()
    assert f'data-testid="engine-build">{stamped}</dd>' in client.get(first).text
    monkeypatch.setattr(build, "engine_build", lambda: "0.1.0+upgraded")
    page = client.get(_ask(client, question)).text
    assert f"by an earlier build of Medora ({stamped}; this one is 0.1.0+upgraded); showing the stored" in page
    assert ">Ask afresh</button>" in page
    assert f"{stamped} (an earlier build than this one, 0.1.0+upgraded)</dd>" in page


def test_ask_afresh_from_the_reused_page_makes_version_2(client: TestClient):
    question = "What is the effect of hyperbaric oxygen in necrotizing fasciitis?"
    first = _ask(client, question)
    assert _ask(client, question, fresh="1") == first
    page = client.get(first).text
    assert 'data-testid="version">Version 2' in page
    versions = client.get(f"{first}/versions").text
    assert f'<a href="{first}?version=1">Version 1</a>' in versions
    assert f'<a href="{first}?version=2">Version 2</a>' in versions
    old = client.get(f"{first}?version=1").text
    assert "You are reading version 1." in old and "Version 1 of 2" in old


def test_article_page_shows_status_date_references_and_cited_passages(client: TestClient):
    page = client.get(_ask(client, VACCINES)).text
    assert f'<h1 data-testid="article-title">{VACCINES}</h1>' in page
    assert '<span class="badge status status-submitted" data-testid="status-badge">Submitted</span>' in page
    assert "Educational purpose only • content pending human review" in page
    assert re.search(r'Last updated <time datetime="\d{4}-\d\d-\d\d">', page)
    assert "<legend>Which best describes you?</legend>" in page
    assert 'id="ref-1"' in page and 'href="#ref-1"' in page
    assert '<a class="pmid" href="https://pubmed.ncbi.nlm.nih.gov/1571683/">PMID 1571683</a>' in page
    assert re.search(r"characters \d+–\d+ of pmid:1571683", page)
    assert '<details class="cited-passages" id="passages-1"' in page
    assert 'data-testid="disclaimer"' in page and 'data-testid="evidence-summary"' in page
    for fmt in ("md", "pdf", "ris", "bibtex"):
        assert f'/export/{fmt}" download data-testid="export-{fmt}"' in page
    assert '<input type="hidden" name="follow_up_of"' in page


def test_overview_article_lists_its_sub_references_under_the_parent(client: TestClient):
    page = client.get(_ask(client, SEED)).text
    parent = page.index('<li class="reference" id="ref-1"')
    assert page.index('<li class="sub-reference" id="ref-1a"') > parent
    assert 'href="#ref-1a"' in page
    assert '<span class="badge kind kind-editorial-summary">Editorial summary</span>' in page
    assert '<span class="badge kind kind-guideline">Guideline</span>' in page
    assert '<ol class="steps">' in page


def test_urgent_notice_is_an_alert(client: TestClient):
    page = client.get(_ask(client, "How should suspected cauda equina syndrome be managed?")).text
    notice = '<div class="urgent" role="alert" data-testid="urgent-notice"><strong>Urgent:</strong> Possible cauda'
    assert notice in page


def test_insufficient_evidence_is_said_plainly(client: TestClient):
    page = client.get(_ask(client, "What is the airspeed velocity of an unladen swallow?")).text
    assert '<h2>Insufficient evidence in the library</h2>' in page
    assert "gives no answer rather than a guess" in page


def test_a_follow_up_is_asked_in_the_readers_thread_which_the_page_shows(client: TestClient):
    parent = _ask(client, SEED).split("?")[0].removeprefix("/articles/")
    target = _ask(client, "and if surgery is not possible?", follow_up_of=parent)
    assert re.fullmatch(
        r"/articles/how-should-l5-radiculopathy-with-foot-drop-be-managed-if-sur-[0-9a-f]{6}\?thread=[\w-]{16}", target
    )
    thread_id = target.split("thread=")[1]
    page = client.get(target).text
    assert 'data-testid="thread"' in page and f'<a href="/articles/{parent}?thread={thread_id}">' in page
    assert "answered as: How should L5 radiculopathy with foot drop be managed if surgery is not possible?" in page
    assert f'<input type="hidden" name="thread_id" value="{thread_id}">' in page
    stranger = TestClient(client.app)
    assert stranger.get(target).status_code == 200 and 'data-testid="thread"' not in stranger.get(target).text


def test_an_old_follow_up_link_still_shows_the_article_it_follows(client: TestClient):
    parent = _ask(client, SEED).split("?")[0].removeprefix("/articles/")
    target = _ask(client, "When is surgery needed for foot drop?").split("?")[0]
    page = client.get(target, params={"follow_up_of": parent}).text
    assert re.search(rf'Follow-up to: <a href="/articles/{parent}">[^<]+</a>', page)
    assert "Follow-up to:" not in client.get(target, params={"follow_up_of": "no-such-article"}).text


def test_the_article_page_suggests_follow_ups_the_library_can_answer(client: TestClient):
    page = client.get(_ask(client, SEED)).text
    assert 'data-testid="suggested-follow-ups"' in page
    # the overview covers diagnosis, referral and special populations; what it leaves is the dose of what it names
    assert re.findall(r'data-testid="suggested-follow-up">([^<]+)</button>', page) == [
        "What is the dose of antiepileptics for L5 radiculopathy with foot drop?"
    ]


def test_the_patient_page_is_in_plain_words_with_the_same_citations(client: TestClient):
    url = _ask(client, SEED)
    clinician = client.get(url, params={"audience": "clinician"}).text
    patient = client.get(url, params={"audience": "patient"}).text
    assert re.findall(r'class="cite" href="#ref-(\w+)"', patient) == re.findall(r'class="cite" href="#ref-(\w+)"', clinician)
    assert "It is not advice about your own care" in patient and "It is not advice" not in clinician
    assert 'title="Plain-language version written by Medora&#39;s editors and checked against the cited passage"' in patient
    assert 'action="/articles/' in patient and '#audience-form"' in patient


def test_the_audience_choice_is_kept_in_a_cookie_across_pages(client: TestClient):
    url = _ask(client, SEED)
    client.cookies.clear()
    response = client.get(url, params={"audience": "patient"})
    assert response.cookies["medora_audience"] == "patient"
    assert '<input type="radio" name="audience" value="patient" checked>' in response.text
    client.cookies.set("medora_audience", "patient")
    assert '<option value="patient" selected>' in client.get("/").text
    client.cookies.clear()
    ignored = client.get(url, params={"audience": "robot"})
    assert "medora_audience" not in ignored.cookies
    assert '<input type="radio" name="audience" value="clinician" checked>' in ignored.text


def test_an_article_id_redirects_to_its_slug(client: TestClient):
    slug_url = _ask(client, SEED).split("?")[0]
    article_id = client.get(f"/api{slug_url}").json()["id"]
    response = client.get(f"/articles/{article_id}", follow_redirects=False)
    assert (response.status_code, response.headers["location"]) == (308, slug_url)


def test_library_page_searches_filters_and_pages(client: TestClient):
    page = client.get("/library", params={"origin": "library"}).text
    assert 'data-testid="result-count">61 articles</p>' in page
    assert "Page 1 of 4" in page and 'href="/library?origin=library&amp;page=2"' in page
    assert '<option value="cardiology">cardiology</option>' in page
    assert '<option value="under review">Under review</option>' in page
    last = client.get("/library", params={"origin": "library", "page": 4}).text
    assert "Page 4 of 4" in last and 'data-testid="page-prev"' in last and 'data-testid="page-next"' not in last
    heart = client.get("/library", params={"q": "heart failure", "status": "", "specialty": ""}).text
    assert 'href="/articles/heart-failure"' in heart
    none = client.get("/library", params={"updated_to": "1999-12-31"}).text
    assert 'data-testid="result-count">0 articles</p>' in none and "No article matches these filters." in none


def test_page_errors_are_pages_with_the_reason(client: TestClient):
    missing = client.get("/articles/no-such-article")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html")
    assert "no article with id or slug &#39;no-such-article&#39;" in missing.text
    empty = client.post("/ask", data={"question": "  "})
    assert empty.status_code == 400 and "the question is empty: type a clinical question" in empty.text
    bad = client.get("/library", params={"status": "done"})
    assert bad.status_code == 422 and "status: Input should be" in bad.text
    assert client.get("/no-such-page").status_code == 404


def test_hostile_question_page_cites_plain_numbers(client: TestClient):
    page = client.get(_ask(client, HOSTILE_QUESTION)).text
    assert 'href="#ref-1"' in page and 'id="ref-1"' in page


def test_static_files_are_served_locally(client: TestClient):
    css = client.get("/static/medora.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/medora.js").status_code == 200


def test_filters_from_the_form_are_kept_for_ask_afresh(client: TestClient):
    question = "How should acute gout flares be treated with guideline evidence?"
    fields = {"year_from": "2010", "year_to": "", "kinds": ["guideline", "editorial summary"]}
    first = _ask(client, question, **fields)
    again = _ask(client, question, **fields)
    assert again == f"{first}?reused=1&year_from=2010&kinds=guideline&kinds=editorial+summary"
    page = client.get(again).text
    assert '<input type="hidden" name="year_from" value="2010">' in page
    assert '<input type="hidden" name="kinds" value="editorial summary">' in page
    assert _ask(client, question) != first  # without the filters it is another question


def test_article_page_says_which_sentences_are_verbatim_quotes(client):
    created = client.post("/api/ask", json={"question": "How should acute gout flares be treated?"}).json()
    page = client.get(f"/articles/{created['slug']}").text
    assert 'class="statement quote"' in page and 'title="Verbatim quote of the cited passage"' in page
    assert "sentences are verbatim quotes of the passage they cite" in page


def test_a_partial_answer_says_what_is_not_covered_and_offers_the_closest_articles(client):
    question = "What is the role of tirzepatide in heart failure with preserved ejection fraction?"
    created = client.post("/api/ask", json={"question": question}).json()
    assert created["article"]["answer_status"] == "partial"
    page = client.get(f"/articles/{created['slug']}").text
    assert 'data-testid="coverage-notice"' in page and "No source here addresses tirzepatide" in page
    assert "Insufficient evidence in the library" not in page


def test_a_yes_no_answer_shows_certainty_key_studies_and_no_unearned_verdict(client):
    created = client.post("/api/ask", json={"question": "Should general practitioners call patients by their first names?"}).json()
    article = created["article"]
    assert article["verdict"] is None and article["verdict_notice"].startswith("The retrieved studies do not give a clear")
    page = client.get(f"/articles/{created['slug']}").text
    assert 'data-testid="verdict-notice"' in page and 'data-testid="verdict"' not in page
    assert 'data-testid="certainty"' in page and f"Certainty of the evidence: {article['certainty']['level']}." in page
    assert article["key_studies"] and 'data-testid="key-studies"' in page
    row = article["key_studies"][0]
    assert f'<a href="#ref-{row["citation"]}">[{row["citation"]}]</a>' in page


def test_an_answered_case_says_which_of_its_details_the_sources_never_mention(client):
    question = ("66-year-old man with exertional breathlessness and ankle swelling, NT-proBNP 2,600 ng/L, not yet "
                "treated. How quickly should he have an echo?")
    created = client.post("/api/ask", json={"question": question}).json()
    article = created["article"]
    assert article["answer_status"] == "answered" and article["unnamed_findings"] == ["exertional breathlessness"]
    page = client.get(f"/articles/{created['slug']}").text
    assert 'data-testid="findings-notice"' in page and "The question describes “exertional breathlessness”" in page
    assert 'data-testid="coverage-notice"' not in page
