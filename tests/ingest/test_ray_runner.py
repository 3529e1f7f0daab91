"""The Ray runner stores what the local runner stores: same sources and passages with the same ids, vectors within
1e-5, the same failures for bad files; it resumes per input file. Skipped without Ray (pip install "medora[ray]").

One local Ray (2 CPUs) serves the whole module: starting it costs about 8 s on these machines."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner
from sqlalchemy import select

pytest.importorskip("ray", reason='the Ray runner needs Ray: pip install "medora[ray]"')
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Ray Data's own, about its own settings

from medora.cli import main  # noqa: E402
from medora.ingest import ray_runner  # noqa: E402
from medora.ingest.ray_runner import start_ray  # noqa: E402
from medora.retrieve import postgres  # noqa: E402
from medora.settings import Settings  # noqa: E402
from medora.store.schema import embeddings, passages, sources  # noqa: E402
from medora.workspace import Workspace  # noqa: E402
from tests.conftest import DATA, SHARED, head_lines, postgres_url  # noqa: E402
from tests.review.test_living import pubmed_xml  # noqa: E402


@pytest.fixture(scope="module", autouse=True)
def local_ray():
    started = start_ray(num_cpus=2)
    yield
    if started:
        import ray

        ray.shutdown()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """Real records in four formats, plus a file cut short and a JSONL file with one bad line among good ones."""
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set MEDORA_SHARED)")
    folder = tmp_path_factory.mktemp("inputs")
    questions = (SHARED / "data" / "pubmedqa" / "dev.jsonl").open(encoding="utf-8")
    pmids = [json.loads(line)["pmid"] for line, _ in zip(questions, range(6))]
    truncated = folder / "truncated.xml"
    truncated.write_text((DATA / "pubmed_sample.xml").read_text()[:1500])
    some_bad = head_lines(SHARED / "data" / "medquad" / "qa.jsonl", folder / "medquad.jsonl", 5)
    some_bad.write_text(some_bad.read_text() + "{not json\n")
    return [
        pubmed_xml(pmids, folder / "pubmedqa.xml"),
        DATA / "jats_sample.xml",
        truncated,
        DATA / "guideline.md",
        head_lines(SHARED / "data" / "pubmed" / "corpus.jsonl", folder / "corpus.jsonl", 15),
        some_bad,
        folder / "missing.xml",
    ]


def _stored(workspace: Workspace) -> tuple[list, list, dict]:
    with workspace.engine.connect() as conn:
        stored_sources = conn.execute(select(sources.c.id, sources.c.key, sources.c.title).order_by(sources.c.id)).all()
        stored_passages = conn.execute(
            select(passages.c.id, passages.c.source_id, passages.c.text).order_by(passages.c.id)
        ).all()
        vectors = {row.passage_id: np.frombuffer(row.vector, dtype=np.float32) for row in conn.execute(select(embeddings))}
    return [tuple(row) for row in stored_sources], [tuple(row) for row in stored_passages], vectors


@pytest.fixture(scope="module")
def both(inputs: list[Path], tmp_path_factory: pytest.TempPathFactory):
    """The same inputs ingested by each runner into its own fresh data folder: (local, ray) (workspace, report)."""
    made = []
    for runner in ("local", "ray"):
        workspace = Workspace(Settings(home=tmp_path_factory.mktemp(runner)), with_library=False)
        made.append((workspace, workspace.ingest(inputs, runner=runner)))
    return made


def test_ray_and_local_runners_store_the_same_sources_passages_and_vectors(both):
    (local, _), (ray, _) = both
    local_sources, local_passages, local_vectors = _stored(local)
    ray_sources, ray_passages, ray_vectors = _stored(ray)
    assert (len(local_sources), len(local_passages)) == (28, 55)
    assert ray_sources == local_sources
    assert ray_passages == local_passages
    assert sorted(ray_vectors) == sorted(local_vectors) == [row[0] for row in local_passages]
    assert max(float(np.abs(ray_vectors[i] - local_vectors[i]).max()) for i in local_vectors) <= 1e-5


def test_ray_runner_reports_bad_files_as_the_local_runner_does(both, inputs: list[Path]):
    (_, local_report), (_, ray_report) = both
    assert ray_report.failures == local_report.failures
    assert [Path(path).name for path, _ in ray_report.failures] == ["truncated.xml", "medquad.jsonl", "missing.xml"]
    assert ray_report.failures[2][1] == "no such file"
    counts = ("files_read", "sources_added", "passages_added", "sources_already_stored")
    assert [getattr(ray_report, name) for name in counts] == [getattr(local_report, name) for name in counts]


def test_ray_runner_builds_the_indexes_as_a_local_ingest_does(both):
    (local, _), (ray, _) = both
    assert local.indexes_current() and ray.indexes_current()
    assert len(ray.retriever._indexes.lexical) == len(local.retriever._indexes.lexical) == 55


def test_a_second_ray_run_skips_finished_files_retries_bad_ones_and_drops_unlisted_shards(both, inputs: list[Path]):
    (_, _), (ray, _) = both
    killed_while_writing = ray.settings.home / "ray-ingest" / "runs" / "0123abcd" / "file_sha256=0"
    killed_while_writing.mkdir(parents=True)  # shards of a run killed before it listed them: never loaded, removed
    again = ray.ingest(inputs, runner="ray")
    assert list((ray.settings.home / "ray-ingest" / "runs").iterdir()) == []
    assert (again.files_skipped, again.files_read, again.sources_added, again.waves) == (4, 0, 0, 1)
    assert [Path(path).name for path, _ in again.failures] == ["truncated.xml", "medquad.jsonl", "missing.xml"]


def test_a_file_whose_shard_was_written_is_loaded_without_running_ray_again(
    inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    workspace = Workspace(settings, with_library=False)

    def load_nothing(*args, **kwargs):
        raise RuntimeError("killed while loading")

    monkeypatch.setattr("medora.ingest.shards.load_file", load_nothing)
    with pytest.raises(RuntimeError, match="killed while loading"):
        workspace.ingest(inputs[:2], runner="ray")
    monkeypatch.undo()

    def no_stages(*args, **kwargs):
        raise AssertionError("the shards were written already")

    monkeypatch.setattr(ray_runner, "_run_stages", no_stages)
    report = workspace.ingest(inputs[:2], runner="ray")
    assert (report.files_read, report.sources_added, report.waves) == (2, 7, 0)


def test_medora_ingest_engine_ray_on_the_command_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MEDORA_HOME", str(tmp_path / "home"))
    result = CliRunner().invoke(main, ["ingest", "--engine", "ray", "--no-embed", str(DATA / "jats_sample.xml")])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("1 file(s) read, 0 already ingested; 1 source(s) and ")


def test_ray_runner_bulk_loads_into_postgresql(inputs: list[Path], both, request: pytest.FixtureRequest):
    (local, _), (_, _) = both
    url = postgres_url(request.getfixturevalue("postgres"))
    workspace = Workspace(Settings(home=request.getfixturevalue("tmp_path") / "home", database_url=url), with_library=False)
    report = workspace.ingest(inputs[:2], runner="ray")  # the local runner stored these two files first
    local_sources, local_passages, local_vectors = _stored(local)
    pg_sources, pg_passages, pg_vectors = _stored(workspace)
    assert report.sources_added == len(pg_sources) == 7
    assert (pg_sources, pg_passages) == (local_sources[:7], local_passages[: len(pg_passages)])
    assert max(float(np.abs(pg_vectors[i] - local_vectors[i]).max()) for i in pg_vectors) <= 1e-5
    assert postgres.is_synced(workspace.engine, model=workspace.embedder_model_name)
