import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from medora.ingest.chunking import chunk_source
from medora.ingest.pipeline import file_sha256
from medora.settings import Settings
from medora.store import repository
from medora.types import Section, Source
from medora.workspace import Workspace
from tests.conftest import DATA, head_lines


def _counts(workspace: Workspace) -> tuple[int, int]:
    with workspace.engine.connect() as conn:
        return repository.count_sources(conn), repository.count_passages(conn)


def test_passage_offsets_point_at_the_exact_text_of_the_source():
    source = Source(
        key="x",
        sections=[Section(label="A", text="First sentence here. Second one follows."), Section(label="B", text="Third.")],
    )
    passages = chunk_source(source, chunk_words=3, overlap_sentences=0)
    assert [(p.section, p.text) for p in passages] == [
        ("A", "First sentence here."),
        ("A", "Second one follows."),
        ("B", "Third."),
    ]
    assert all(source.body[p.start : p.end] == p.text for p in passages)


def test_ingesting_the_same_files_twice_adds_nothing(lexical_settings: Settings):
    workspace = Workspace(lexical_settings)
    first = workspace.ingest([DATA / "pubmed_sample.xml", DATA / "jats_sample.xml", DATA / "guideline.md"])
    counts = _counts(workspace)
    second = workspace.ingest([DATA / "pubmed_sample.xml", DATA / "jats_sample.xml", DATA / "guideline.md"])
    assert (first.sources_added, first.ok) == (4, True)
    assert (second.sources_added, second.files_skipped) == (0, 3)
    assert _counts(workspace) == counts


def test_same_records_in_another_file_are_not_stored_twice(lexical_settings: Settings, tmp_path: Path):
    workspace = Workspace(lexical_settings)
    copy = tmp_path / "copy.xml"
    copy.write_text((DATA / "pubmed_sample.xml").read_text() + "\n<!-- a different file -->\n")
    workspace.ingest([DATA / "pubmed_sample.xml"])
    report = workspace.ingest([copy])
    assert (report.sources_added, report.sources_already_stored) == (0, 2)


def test_a_malformed_file_is_reported_and_the_others_are_kept(lexical_settings: Settings, tmp_path: Path):
    broken = tmp_path / "broken.xml"
    broken.write_text("<PubmedArticleSet><PubmedArticle><MedlineCitation>")
    workspace = Workspace(lexical_settings)
    report = workspace.ingest([broken, DATA / "jats_sample.xml"])
    assert report.failures == [(str(broken), report.failures[0][1])]
    assert "not well-formed PubMed XML" in report.failures[0][1]
    assert report.sources_added == 1 and _counts(workspace)[0] == 1


def test_ingest_resumes_after_being_killed(shared: Path, tmp_path: Path):
    corpus = head_lines(shared / "pubmed" / "corpus.jsonl", tmp_path / "corpus.jsonl", 8000)
    home = tmp_path / "home"
    env = {**os.environ, "MEDORA_HOME": str(home), "MEDORA_INGEST__BATCH_SIZE": "50"}
    process = subprocess.Popen(
        [sys.executable, "-m", "medora.cli", "ingest", "--no-embed", str(corpus)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    workspace = Workspace(Settings(home=home))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        time.sleep(0.05)
        if (home / "medora.sqlite").exists() and _counts(workspace)[0] >= 100:
            break
    process.send_signal(signal.SIGKILL)
    process.wait()
    stored_at_kill = _counts(workspace)[0]
    assert 0 < stored_at_kill < 8000
    rerun = subprocess.run(
        [sys.executable, "-m", "medora.cli", "ingest", "--no-embed", str(corpus)], env=env, capture_output=True, text=True
    )
    assert rerun.returncode == 0, rerun.stderr
    sources, passages = _counts(workspace)
    assert sources == 8000
    with workspace.engine.connect() as conn:
        assert repository.passage_state(conn)["passages"] == passages


def test_passages_ingested_without_vectors_can_be_embedded_later(tmp_path: Path):
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    workspace = Workspace(settings, with_library=False)
    workspace.ingest([DATA / "jats_sample.xml"])
    assert workspace.embed_missing() == _counts(workspace)[1]
    assert workspace.embed_missing() == 0
    settings.ingest.embed = True
    manifest = workspace.refresh_indexes(force=True)
    assert manifest["embedded_passages"] == _counts(workspace)[1]


OVERVIEW = """---
id: example-topic
title: Example topic
specialty: [primary care]
questions: ["How is the example managed?"]
last_reviewed: 2026-01-01
review_status: pending human review
version: {version}
references:
  - {{id: nice-x, kind: guideline, title: Example guideline title, issuer: NICE, year: 2020}}
---

## Bottom line

{text} [@nice-x].
"""


def test_a_new_version_of_an_overview_replaces_the_old_one(lexical_settings: Settings, tmp_path: Path):
    path = tmp_path / "example-topic.md"
    workspace = Workspace(lexical_settings, with_library=False)
    path.write_text(OVERVIEW.format(version=1, text="Treat the example early"))
    workspace.ingest([path], replace=True)
    path.write_text(OVERVIEW.format(version=2, text="Treat the example within a week"))
    report = workspace.ingest([path], replace=True)
    assert report.sources_added == 1
    with workspace.engine.connect() as conn:
        (row,) = repository.fetch_passages(conn, passage_ids=list(range(1, 10))).values()
    assert _counts(workspace) == (1, 1)
    assert row[0].text == "Treat the example within a week [@nice-x]."


def test_an_overview_edit_reverted_is_read_again(lexical_settings: Settings, tmp_path: Path):
    # session 40: bytes ingested before were skipped, so a reverted edit left the edit's passages in the store
    path = tmp_path / "example-topic.md"
    workspace = Workspace(lexical_settings, with_library=False)
    original = OVERVIEW.format(version=1, text="Treat the example early")
    path.write_text(original)
    workspace.ingest([path], replace=True)
    path.write_text(OVERVIEW.format(version=1, text="Treat the example within a week"))
    workspace.ingest([path], replace=True)
    path.write_text(original)
    assert workspace.ingest([path], replace=True).sources_added == 1
    with workspace.engine.connect() as conn:
        texts = [row[0].text for row in repository.fetch_passages(conn, passage_ids=list(range(1, 20))).values()]
        assert repository.is_current_file(conn, sha256=file_sha256(path), path=str(path))
    assert texts == ["Treat the example early [@nice-x]."]
    assert workspace.ingest([path], replace=True).files_skipped == 1  # read once, then current
