"""Patients get consumer-health pages on their question to read (the patient prior in retrieval), while the article's
evidence and citations stay those of the clinician version."""

from pathlib import Path

import pytest

from medora import articles, followups
from medora.readers.audience import reading_order
from medora.settings import Settings
from medora.workspace import Workspace

GOUT_PAGES = 4  # MedQuAD (CC BY 4.0) NIHSeniorHealth answers on gout: what it is, causes, symptoms, treatments


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    from tests.conftest import SHARED

    corpus = SHARED / "data" / "medquad" / "qa.jsonl"
    if not corpus.is_file():
        pytest.skip(f"shared data not found at {SHARED} (set MEDORA_SHARED)")
    folder = tmp_path_factory.mktemp("reading")
    lines = [line for line in corpus.read_text(encoding="utf-8").splitlines() if '"source": "7_SeniorHealth_QA"' in line
             and '"focus": "Gout"' in line][:GOUT_PAGES]
    sample = Path(folder / "gout.jsonl")
    sample.write_text("\n".join(lines) + "\n", encoding="utf-8")
    settings = Settings(home=folder / "home")
    settings.ingest.embed = False
    workspace = Workspace(settings)
    workspace.prepare()
    assert workspace.ingest([sample]).sources_added == GOUT_PAGES
    return workspace


def test_patients_are_offered_consumer_health_pages_that_are_not_citations(workspace: Workspace):
    stored = articles.ask(workspace, "How is gout treated?", audience="patient")
    reading = followups.plain_reading(workspace, stored)
    assert reading and all(item.source_key.startswith("medquad:") for item in reading)
    assert {item.url for item in reading} == {"http://nihseniorhealth.gov/gout/toc.html"}
    cited = {ref.source_key for ref in stored.article.references}
    assert not cited & {item.source_key for item in reading}
    clinician = articles.get_article(workspace, stored.record.id)
    assert [(s.citations, s.passage_id) for s in reading_order(stored.article)] == [
        (s.citations, s.passage_id) for s in reading_order(clinician.article)
    ]


def test_no_consumer_pages_on_the_topic_means_no_reading_list(workspace: Workspace):
    stored = articles.ask(workspace, "How is atrial fibrillation anticoagulated?", audience="patient")
    assert followups.plain_reading(workspace, stored) == []
