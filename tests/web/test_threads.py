"""Follow-up threads over the API: asked in a thread, made standalone from it, and private to the reader who owns it
(another client gets 404); articles read in any audience with the same citations."""

from __future__ import annotations

from fastapi.testclient import TestClient

SEED = "How should L5 radiculopathy with foot drop be managed?"


def _reader(client: TestClient) -> TestClient:
    """A client of its own (its own cookie jar): another reader of the same server."""
    return TestClient(client.app)


def test_a_follow_up_starts_a_thread_that_only_its_reader_can_read(client: TestClient):
    reader = _reader(client)
    first = reader.post("/api/ask", json={"question": SEED}).json()
    reply = reader.post("/api/ask", json={"question": "what about in a patient with diabetes?", "follow_up_of": first["slug"]})
    assert reply.status_code == 200
    assert "httponly" in reply.headers["set-cookie"].lower() and reply.headers["set-cookie"].startswith("medora_reader=")
    body = reply.json()
    thread = body["thread"]
    assert [item["asked"] for item in thread["items"]] == [SEED, "what about in a patient with diabetes?"]
    assert thread["items"][1]["standalone"] == "How should L5 radiculopathy with foot drop be managed in a patient with diabetes?"
    assert thread["topic"] == "L5 radiculopathy with foot drop"
    assert body["url"] == f"/articles/{body['slug']}?thread={thread['id']}"
    assert body["article"]["references"], "the follow-up cites its own evidence"

    assert reader.get(f"/api/threads/{thread['id']}").json()["items"] == thread["items"]
    stranger = _reader(client)
    missing = stranger.get(f"/api/threads/{thread['id']}")
    assert (missing.status_code, missing.json()["detail"]) == (
        404, f"no thread {thread['id']!r} of yours: start one by asking a follow-up question"
    )
    hijack = stranger.post("/api/ask", json={"question": "and in pregnancy?", "thread_id": thread["id"]})
    assert hijack.status_code == 404
    assert len(reader.get(f"/api/threads/{thread['id']}").json()["items"]) == 2


def test_a_thread_carries_its_context_into_the_next_question(client: TestClient):
    reader = _reader(client)
    first = reader.post("/api/ask", json={"question": SEED}).json()
    thread = reader.post("/api/ask", json={"question": "and if surgery is not possible?", "follow_up_of": str(first["id"])}).json()["thread"]
    third = reader.post("/api/ask", json={"question": "How long does it last?", "thread_id": thread["id"]}).json()
    assert third["thread"]["items"][-1]["standalone"] == "How long does L5 radiculopathy with foot drop last?"
    assert [item["position"] for item in third["thread"]["items"]] == [1, 2, 3]


def test_an_article_reads_the_same_evidence_in_every_audience(client: TestClient):
    slug = client.post("/api/ask", json={"question": SEED}).json()["slug"]

    def cited(audience: str) -> list:
        article = client.get(f"/api/articles/{slug}", params={"audience": audience}).json()["article"]
        assert article["audience"] == audience
        statements = article["bottom_line"] + [s for sec in article["sections"] for s in sec["statements"]]
        statements += [s for sec in article["sections"] for sub in sec["subsections"] for s in sub["statements"]]
        return [(s["citations"], s["passage_id"]) for s in statements], article["references"]

    assert cited("patient") == cited("clinician") == cited("student")
    bad = client.get(f"/api/articles/{slug}", params={"audience": "robot"})
    assert bad.status_code == 422


def test_asking_as_a_patient_returns_the_patient_version_of_the_stored_article(client: TestClient):
    clinician = client.post("/api/ask", json={"question": SEED}).json()
    patient = client.post("/api/ask", json={"question": SEED, "audience": "patient"}).json()
    assert patient["id"] == clinician["id"] and patient["version"] == clinician["version"]
    assert patient["article"]["disclaimer"].startswith("This page explains published medical research in everyday words.")
    assert patient["follow_ups"] == clinician["follow_ups"] and patient["follow_ups"]
