"""One prepared workspace for the whole web test session (lexical only: these tests are about the web edge, not
ranking), with a few real PubMed records and one hostile document, and a TestClient over it."""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from medora.settings import Settings
from medora.web.app import create_app
from medora.workspace import Workspace
from tests.conftest import SHARED

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
# A document written to attack the page: its title and abstract carry markup, its URL a script.
HOSTILE_RECORD = {
    "id": "xss-probe",
    "title": f"{SCRIPT} Quillwort tonsillitis {IMG}",
    "year": 2021,
    "mesh": [],
    "url": "javascript:alert(1)",
    "sections": [
        {
            "label": "ABSTRACT",
            "text": f"Quillwort tonsillitis is treated with rest and fluids {IMG} in most reported patients. "
            f"Quillwort tonsillitis resolves within two weeks {SCRIPT} in most reported patients.",
        }
    ],
}
HOSTILE_QUESTION = "How is quillwort tonsillitis treated?"
PUBMED_RECORDS = 5


def _pubmedqa_records(count: int) -> list[str]:
    """The first ``count`` PubMedQA records of the shared corpus (they have year, MeSH and labelled sections)."""
    corpus = SHARED / "data" / "pubmed" / "corpus.jsonl"
    if not corpus.is_file():
        pytest.skip(f"shared data not found at {SHARED} (set MEDORA_SHARED)")
    found = []
    with corpus.open(encoding="utf-8") as handle:
        for line in handle:
            if '"origin": "pubmedqa"' in line:
                found.append(line)
                if len(found) == count:
                    break
    return found


@pytest.fixture(scope="session")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    folder = tmp_path_factory.mktemp("web")
    corpus = folder / "corpus.jsonl"
    corpus.write_text("".join(_pubmedqa_records(PUBMED_RECORDS)) + json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    settings = Settings(home=folder / "home")
    settings.ingest.embed = False
    workspace = Workspace(settings)
    workspace.prepare()
    report = workspace.ingest([corpus])
    assert report.ok and report.sources_added == PUBMED_RECORDS + 1
    return workspace


@pytest.fixture(scope="session")
def client(workspace: Workspace) -> TestClient:
    return TestClient(create_app(workspace=workspace))



@pytest.fixture(scope="module")
def browser():  # noqa: ANN201 (a playwright Browser)
    """Debian's Chromium through Playwright, for the browser tiers (each module skips itself when either is missing)."""
    from playwright.sync_api import sync_playwright

    from tests.web.serving import CHROMIUM

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox", "--disable-gpu"])
        yield chromium
        chromium.close()
