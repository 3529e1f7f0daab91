"""Ingestion on Ray Data: the local runner's pure steps (parse → ``chunk_batch`` → ``embed_batch``) as Ray Data stages
over the input files, their output written as Parquet shards, then bulk-loaded into the store (COPY on PostgreSQL).

Files go through in waves of four per CPU (eight at least); after each wave the finished files are listed in the shard manifest and
loaded in input order, so the store gets the same ids as from the local runner, and a killed run loses at most the
wave in flight (``shards`` explains the resumption). Ray is an optional extra: nothing here imports it until a run
starts, and without it the run stops with the install command."""

from __future__ import annotations

import logging
import os
import shutil
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine

from medora.errors import MedoraError
from medora.ingest.detect import iter_input_files
from medora.ingest.pipeline import IngestReport, file_sha256
from medora.retrieve.embed import Embedder
from medora.settings import IngestSettings
from medora.store import repository

if TYPE_CHECKING:  # shards imports pyarrow, which only the ray extra installs
    from medora.ingest.shards import Manifest

INSTALL_HINT = 'pip install "medora[ray]"'
LOCAL_CPUS = 2
EMBED_BATCH = 128  # sources per embedding call on a worker (the model sorts their passages by length)


@dataclass
class RayIngestReport(IngestReport):
    """The local report, with the time in Ray's stages (parse, chunk and embed overlap there) and in loading."""

    seconds_stages: float = 0.0
    seconds_loading: float = 0.0
    waves: int = 0


def require_ray():  # noqa: ANN201 (the ray module)
    """Ray with Ray Data and pyarrow, or a MedoraError naming the extra that installs them."""
    try:
        import pyarrow  # noqa: F401
        import ray
        import ray.data  # noqa: F401
    except ImportError as error:
        raise MedoraError(
            f"`--engine ray` needs Ray Data and pyarrow, which are not installed ({error.msg}): run `{INSTALL_HINT}`"
        ) from error
    return ray


def start_ray(address: str | None = None, *, num_cpus: int = LOCAL_CPUS) -> bool:
    """Connect to the cluster at ``address``, or start a local Ray with ``num_cpus`` CPUs; True when this call
    started or joined it (so the caller shuts it down), False when the process was connected already."""
    ray = require_ray()
    if ray.is_initialized():
        return False
    logging.getLogger("ray").setLevel(logging.WARNING)
    if address:  # the cluster's workers have their own Medora installed
        ray.init(address=address, logging_level=logging.WARNING, log_to_driver=False)
    else:  # local workers run the very Medora this process imported (a checkout may differ from the installed one)
        root = str(Path(__file__).resolve().parents[2])
        search_path = os.pathsep.join(filter(None, [root, os.environ.get("PYTHONPATH")]))
        ray.init(
            num_cpus=num_cpus,
            include_dashboard=False,
            logging_level=logging.WARNING,
            log_to_driver=False,
            runtime_env={"env_vars": {"PYTHONPATH": search_path}},
        )
    return True


def ingest_paths_with_ray(
    paths: list[Path],
    *,
    engine: Engine,
    settings: IngestSettings,
    staging: Path,
    embedder_factory: Callable[[], Embedder] | None,
    model: str | None,
    address: str | None = None,
    files_per_wave: int | None = None,
    show_progress: bool = False,
) -> RayIngestReport:
    """Ingest every file under ``paths`` on Ray; bad files are reported and skipped as by ``pipeline.ingest_paths``.
    ``embedder_factory`` builds the embedder (whose name is ``model``) on each worker; with either None no vectors
    are stored. On a cluster, ``staging`` must be a folder every node can write (workers write the shards, this
    process reads them)."""
    from medora.ingest.shards import Manifest

    require_ray()
    report, started = RayIngestReport(), time.perf_counter()
    manifest = Manifest.open(staging)
    files = list(iter_input_files(paths))
    queue = _queue(files, engine=engine, report=report)
    if queue:
        started_ray = start_ray(address)
        try:
            _configure_ray_data(show_progress)
            _remove_unlisted_runs(manifest)
            wave = files_per_wave or max(8, 4 * _cluster_cpus())
            embedding = embedder_factory is not None and model is not None and settings.embed
            for begin in range(0, len(queue), wave):
                _run_wave(
                    queue[begin : begin + wave],
                    engine=engine,
                    settings=settings,
                    manifest=manifest,
                    embedder_factory=embedder_factory if embedding else None,
                    model=model if embedding else None,
                    report=report,
                )
        finally:
            if started_ray:
                require_ray().shutdown()
    order = {str(path): position for position, path in enumerate(files)}
    report.failures.sort(key=lambda failure: order[failure[0]])  # in input order, as the local runner lists them
    report.seconds_total = time.perf_counter() - started
    return report


def _queue(files: list[Path], *, engine: Engine, report: IngestReport) -> list[tuple[Path, str]]:
    """(file, sha256) still to ingest, in input order; missing files fail and finished ones are skipped here."""
    queue, seen = [], set()
    with engine.connect() as conn:
        for path in files:
            if not path.is_file():
                report.failures.append((str(path), "no such file"))
                continue
            sha256 = file_sha256(path)
            if sha256 in seen or repository.is_file_ingested(conn, sha256=sha256):
                report.files_skipped += 1
                continue
            seen.add(sha256)
            queue.append((path, sha256))
    return queue


def _run_wave(
    files: list[tuple[Path, str]],
    *,
    engine: Engine,
    settings: IngestSettings,
    manifest: Manifest,
    embedder_factory: Callable[[], Embedder] | None,
    model: str | None,
    report: RayIngestReport,
) -> None:
    """Make the shards the manifest lacks, list them, then load every file of the wave in order."""
    from medora.ingest.shards import load_file, shard_folder

    todo = [(path, sha256) for path, sha256 in files if manifest.shard(sha256) is None]
    tick = time.perf_counter()
    if todo:
        run_folder = manifest.folder / "runs" / uuid.uuid4().hex[:12]
        _run_stages(todo, run_folder, settings=settings, embedder_factory=embedder_factory)
        for path, sha256 in todo:
            manifest.add(sha256, path=path, shard=shard_folder(run_folder, sha256))
        report.waves += 1
    stage_seconds = time.perf_counter() - tick
    report.seconds_stages += stage_seconds
    tick = time.perf_counter()
    for path, sha256 in files:
        shard = manifest.shard(sha256)
        load_file(
            engine, path=path, sha256=sha256, shard=shard, model=model, seconds=stage_seconds / len(files), report=report
        )
        manifest.drop(sha256)
    report.seconds_loading += time.perf_counter() - tick
    _remove_unlisted_runs(manifest)


def _run_stages(
    files: list[tuple[Path, str]],
    run_folder: Path,
    *,
    settings: IngestSettings,
    embedder_factory: Callable[[], Embedder] | None,
) -> None:
    """One Ray Data run: files → records → chunks → vectors → one Parquet folder per file under ``run_folder``."""
    ray = require_ray()
    from medora.ingest import stages

    dataset = ray.data.from_items(
        [{"path": str(path), "file_sha256": sha256} for path, sha256 in files], override_num_blocks=len(files)
    )
    dataset = dataset.map_batches(
        stages.parse_files, batch_size=1, batch_format="pyarrow", fn_kwargs={"batch_size": settings.batch_size}
    )
    dataset = dataset.map_batches(
        stages.chunk_rows,
        batch_size=settings.batch_size,
        batch_format="pyarrow",
        fn_kwargs={"settings": settings.model_dump()},
    )
    if embedder_factory is not None:
        gpu = settings.embed_provider == "CUDAExecutionProvider"
        dataset = dataset.map_batches(
            stages.EmbedRows,
            batch_size=EMBED_BATCH,
            batch_format="pyarrow",
            fn_constructor_kwargs={"factory": embedder_factory},
            compute=ray.data.ActorPoolStrategy(min_size=1, max_size=max(1, _cluster_cpus())),
            num_cpus=1,
            num_gpus=1 if gpu else 0,
        )
    dataset.write_parquet(str(run_folder), partition_cols=["file_sha256"])


def _cluster_cpus() -> int:
    return int(require_ray().cluster_resources().get("CPU", LOCAL_CPUS))


def _configure_ray_data(show_progress: bool) -> None:
    context = require_ray().data.DataContext.get_current()
    context.enable_progress_bars = show_progress
    logging.getLogger("ray.data").setLevel(logging.INFO if show_progress else logging.WARNING)


def _remove_unlisted_runs(manifest: Manifest) -> None:
    """Delete run folders holding no listed shard: a run killed before listing its files, or one fully loaded."""
    runs = manifest.folder / "runs"
    if not runs.is_dir():
        return
    listed = {Path(entry["shard"]).parts[1] for entry in manifest.files.values()}
    for run in runs.iterdir():
        if run.name not in listed:
            shutil.rmtree(run, ignore_errors=True)
