"""POST /api/ask/stream relays the LLM composer's draft as it is written, then the verified article.

The endpoint here is a small OpenAI-compatible double on loopback that streams a fixed draft; the real llama.cpp
path is tested in tests/compose/test_llm.py."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from fastapi.testclient import TestClient

from medora.web.app import create_app
from medora.workspace import Workspace

SENTENCE = "Quillwort tonsillitis is treated with rest and fluids in most reported patients."
DRAFT = json.dumps({"bottom_line": [{"text": SENTENCE, "evidence": ["E1"]}], "sections": []})
PIECES = [DRAFT[i : i + 25] for i in range(0, len(DRAFT), 25)]


class _DraftStream(BaseHTTPRequestHandler):
    """Answers a chat completion request with the draft in chunks, as an OpenAI-compatible server streams."""

    def do_POST(self) -> None:  # noqa: N802 (the http.server hook name)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        for piece in PIECES:
            chunk = {"id": "c1", "object": "chat.completion.chunk", "created": 0, "model": "double",
                     "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}]}
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")

    def log_message(self, *_args) -> None:
        pass


@pytest.fixture
def llm_client(workspace: Workspace) -> Iterator[TestClient]:
    """The session's data folder, opened by a second workspace whose composer is the LLM double."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _DraftStream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    settings = workspace.settings.model_copy(deep=True)
    settings.compose.composer = "llm"
    settings.llm.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield TestClient(create_app(workspace=Workspace(settings)))
    finally:
        server.shutdown()


def _events(text: str) -> list[tuple[str, str]]:
    pairs = []
    for block in filter(None, text.split("\n\n")):
        event, data = block.split("\n")
        pairs.append((event.removeprefix("event: "), data.removeprefix("data: ")))
    return pairs


def test_the_draft_streams_in_pieces_then_the_verified_article_follows(llm_client: TestClient):
    question = {"question": "What treats quillwort tonsillitis?", "fresh": True}  # never the stored answer
    with llm_client.stream("POST", "/api/ask/stream", json=question) as response:
        events = _events(response.read().decode())
    drafts = [json.loads(data) for event, data in events if event == "draft"]
    assert drafts == PIECES
    assert [event for event, _ in events[len(drafts):]] == ["article"]
    article = json.loads(events[-1][1])["article"]
    assert article["provenance"]["composer"] == "llm"
    assert [(s["text"], s["citations"]) for s in article["bottom_line"]] == [(SENTENCE, ["1"])]
