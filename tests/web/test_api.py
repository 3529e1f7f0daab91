"""The JSON API against a real workspace: every endpoint, its limits and its exact error details."""

from __future__ import annotations

import json
import os

from fastapi.testclient import TestClient

SEED = "How should L5 radiculopathy with foot drop be managed?"


def _ask(client: TestClient, question: str, **fields) -> dict:
    response = client.post("/api/ask", json={"question": question, **fields})
    assert response.status_code == 200, response.text
    return response.json()


def test_health_says_ok_with_the_package_version_and_the_answering_process(client: TestClient):
    response = client.get("/api/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "version": "0.1.0", "process": os.getpid()}


def test_ask_returns_a_stored_article_with_its_page_url(client: TestClient):
    body = _ask(client, SEED)
    assert body["url"] == f"/articles/{body['slug']}"
    assert body["slug"].startswith("how-should-l5-radiculopathy-with-foot-drop-be-managed-")
    assert body["version"] == 1
    assert body["article"]["question"] == SEED
    assert body["article"]["references"][0]["source_key"] == "library:lumbar-radiculopathy-foot-drop"


def test_the_same_question_twice_is_reused_with_the_same_id(client: TestClient):
    first = _ask(client, "How should acute gout flares be treated?")
    second = _ask(client, "How should acute gout flares be treated?")
    assert (second["reused"], second["id"], second["version"]) == (True, first["id"], first["version"])


def test_asking_afresh_stores_version_2_and_both_versions_are_listed(client: TestClient):
    first = _ask(client, "How is iron deficiency anaemia treated in adults?")
    fresh = _ask(client, "How is iron deficiency anaemia treated in adults?", fresh=True)
    assert (fresh["id"], fresh["version"], fresh["reused"]) == (first["id"], 2, False)
    versions = client.get(f"/api/articles/{first['slug']}/versions").json()
    assert versions["current_version"] == 2
    assert [v["number"] for v in versions["versions"]] == [2, 1]
    assert versions["versions"][1]["url"] == f"/articles/{first['slug']}?version=1"
    old = client.get(f"/api/articles/{first['id']}", params={"version": 1}).json()
    assert (old["shown_version"], old["version"], old["article"]["editorial"]["version"]) == (1, 2, 1)


def test_an_article_is_found_by_id_and_by_slug(client: TestClient):
    body = _ask(client, SEED)
    by_id = client.get(f"/api/articles/{body['id']}").json()
    by_slug = client.get(f"/api/articles/{body['slug']}").json()
    assert by_id == by_slug
    assert (by_slug["origin"], by_slug["status"], by_slug["question"]) == ("asked", "submitted", SEED)


def test_bad_questions_are_refused_with_a_clear_detail(client: TestClient):
    cases = [
        ({"question": "   "}, 400, "the question is empty: type a clinical question"),
        ({"question": "x" * 2001}, 400, "the question is 2001 characters long; the limit is 2000: shorten it"),
        ({"question": SEED, "audience": "robot"}, 422, "audience: Input should be 'clinician', 'student' or 'patient'"),
        ({}, 422, "question: Field required"),
        ({"question": SEED, "kinds": ["horoscope"]}, 422, "kinds.0: Input should be 'guideline', 'editorial summary', "
         "'systematic review', 'meta-analysis', 'rct', 'cohort', 'case-control', 'case report', 'narrative review', "
         "'consumer health' or 'research article'"),
    ]
    for body, status, detail in cases:
        response = client.post("/api/ask", json=body)
        assert (response.status_code, response.json()) == (status, {"detail": detail})


def test_a_question_of_exactly_1000_characters_is_accepted(client: TestClient):
    question = ("How should L5 radiculopathy with foot drop be managed " * 20)[:999] + "?"
    assert len(question) == 1000
    assert client.post("/api/ask", json={"question": question}).status_code == 200


def test_unknown_articles_and_versions_are_404(client: TestClient):
    response = client.get("/api/articles/no-such-article")
    assert (response.status_code, response.json()) == (404, {"detail": "no article with id or slug 'no-such-article'"})
    response = client.get("/api/articles/heart-failure", params={"version": 9})
    assert (response.status_code, response.json()) == (
        404, {"detail": "article 'heart-failure' has no version 9 (it has 1 to 1)"}
    )
    assert client.get("/api/articles/no-such-article/versions").status_code == 404
    assert client.get("/api/articles/no-such-article/export/md").status_code == 404


def test_the_library_lists_filters_and_pages(client: TestClient):
    listing = client.get("/api/articles", params={"origin": "library", "limit": 5}).json()
    assert (listing["total"], listing["limit"], listing["offset"], len(listing["items"])) == (61, 5, 0, 5)
    second = client.get("/api/articles", params={"origin": "library", "limit": 5, "offset": 5}).json()
    assert not {i["id"] for i in listing["items"]} & {i["id"] for i in second["items"]}
    heart = client.get("/api/articles", params={"q": "heart failure", "origin": "library"}).json()
    assert "heart-failure" in [item["slug"] for item in heart["items"]]
    cardiology = client.get("/api/articles", params={"specialty": "cardiology"}).json()
    assert cardiology["total"] >= 1 and all("cardiology" in i["specialties"] for i in cardiology["items"])
    approved = client.get("/api/articles", params={"status": "approved"}).json()
    assert all(item["status"] == "approved" for item in approved["items"])
    future = client.get("/api/articles", params={"updated_from": "2999-01-01"}).json()
    assert future == {"items": [], "total": 0, "limit": 20, "offset": 0}


def test_library_limits_are_enforced(client: TestClient):
    cases = [
        ({"limit": 1000}, "limit: Input should be less than or equal to 100"),
        ({"limit": 0}, "limit: Input should be greater than or equal to 1"),
        ({"offset": -1}, "offset: Input should be greater than or equal to 0"),
        ({"status": "done"}, "status: Input should be 'submitted', 'under review', 'approved', 'changes requested' or 'rejected'"),
        ({"updated_from": "yesterday"}, "updated_from: Input should be a valid date or datetime, input is too short"),
    ]
    for params, detail in cases:
        response = client.get("/api/articles", params=params)
        assert (response.status_code, response.json()) == (422, {"detail": detail})
    assert client.get("/api/articles", params={"limit": 100}).status_code == 200


def test_streaming_ask_ends_with_the_article_event(client: TestClient):
    stored = _ask(client, SEED)
    with client.stream("POST", "/api/ask/stream", json={"question": SEED}) as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [block for block in response.read().decode().split("\n\n") if block]
    last = events[-1].split("\n")
    assert last[0] == "event: article"
    body = json.loads(last[1].removeprefix("data: "))
    assert (body["id"], body["reused"]) == (stored["id"], True)


def test_streaming_ask_reports_a_bad_question_as_an_error_event(client: TestClient):
    with client.stream("POST", "/api/ask/stream", json={"question": " "}) as response:
        text = response.read().decode()
    assert text == 'event: error\ndata: {"detail": "the question is empty: type a clinical question"}\n\n'


def test_openapi_documents_every_endpoint(client: TestClient):
    paths = client.get("/api/openapi.json").json()["paths"]
    assert sorted(paths) == [
        "/api/articles", "/api/articles/{key}", "/api/articles/{key}/approve", "/api/articles/{key}/assign",
        "/api/articles/{key}/audit", "/api/articles/{key}/diff", "/api/articles/{key}/edit",
        "/api/articles/{key}/export/{fmt}", "/api/articles/{key}/reject", "/api/articles/{key}/request-changes",
        "/api/articles/{key}/review", "/api/articles/{key}/versions", "/api/ask", "/api/ask/stream", "/api/health",
        "/api/login", "/api/logout", "/api/me", "/api/review/queue", "/api/threads/{thread_id}", "/api/users",
    ]
    docs = client.get("/api/docs")
    assert docs.status_code == 200 and 'src="/api/docs/assets/swagger-ui-bundle.js"' in docs.text
    assert client.get("/api/docs/assets/swagger-ui-bundle.js").status_code == 200


def test_unknown_api_paths_answer_json(client: TestClient):
    response = client.get("/api/nothing-here")
    assert (response.status_code, response.json()) == (404, {"detail": "Not Found"})


def test_every_export_format_downloads_as_an_attachment_named_after_the_slug(client: TestClient):
    body = _ask(client, SEED)
    expected = {
        "md": ("text/markdown; charset=utf-8", "md", b"# "),
        "pdf": ("application/pdf", "pdf", b"%PDF-"),
        "ris": ("application/x-research-info-systems; charset=utf-8", "ris", b"TY  - "),
        "bibtex": ("application/x-bibtex; charset=utf-8", "bib", b"@"),
    }
    for fmt, (media_type, extension, start) in expected.items():
        response = client.get(f"/api/articles/{body['slug']}/export/{fmt}")
        assert response.status_code == 200, fmt
        assert response.headers["content-type"] == media_type
        assert response.headers["content-disposition"] == f'attachment; filename="{body["slug"]}.{extension}"'
        assert response.content.startswith(start), fmt


def test_an_earlier_version_exports_under_its_own_file_name(client: TestClient):
    response = client.get("/api/articles/heart-failure/export/md", params={"version": 1})
    assert response.headers["content-disposition"] == 'attachment; filename="heart-failure-v1.md"'


def test_an_unknown_export_format_is_refused(client: TestClient):
    response = client.get("/api/articles/heart-failure/export/docx")
    assert (response.status_code, response.json()) == (
        422, {"detail": "fmt: Input should be 'md', 'pdf', 'ris' or 'bibtex'"}
    )
