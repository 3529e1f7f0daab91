"""Askers in separate processes that store at the same moment, as two server workers do.

Each process opens its own workspace on the shared store, answers its question, then waits at a barrier shared by
all of them before storing: every process reaches the write at once, after each has seen that nothing was stored."""

from __future__ import annotations

import multiprocessing
from dataclasses import dataclass
from pathlib import Path

from medora import articles
from medora.retrieve.retriever import Filters
from medora.settings import Settings
from medora.workspace import Workspace


@dataclass(frozen=True)
class Asking:
    question: str
    year_from: int | None = None
    fresh: bool = False


def _ask_at_the_barrier(home: str, database_url: str, asking: Asking, barrier, results) -> None:  # noqa: ANN001
    settings = Settings(home=Path(home), database_url=database_url)
    settings.ingest.embed = False
    workspace = Workspace(settings)
    answer = articles.run_pipeline

    def answer_then_wait(*args, **options):  # noqa: ANN002, ANN003, ANN202
        session = answer(*args, **options)
        barrier.wait(timeout=60)
        return session

    articles.run_pipeline = answer_then_wait
    try:
        stored = articles.ask(workspace, asking.question, filters=Filters.parse(year_from=asking.year_from),
                              fresh=asking.fresh)
        results.put((stored.record.slug, stored.version, stored.reused))
    except Exception as error:  # noqa: BLE001 (reported to the test, which fails with it)
        results.put(f"{type(error).__name__}: {error}")


def ask_at_once(workspace: Workspace, askings: list[Asking]) -> list:
    """Each asking in its own (spawned) process, all storing at once; their (slug, version, reused) or errors."""
    context = multiprocessing.get_context("spawn")
    barrier, results = context.Barrier(len(askings)), context.Queue()
    home, url = str(workspace.settings.home), workspace.settings.resolved_database_url
    processes = [
        context.Process(target=_ask_at_the_barrier, args=(home, url, asking, barrier, results)) for asking in askings
    ]
    for process in processes:
        process.start()
    outcomes = [results.get(timeout=180) for _ in processes]
    for process in processes:
        process.join(timeout=30)
    return outcomes
