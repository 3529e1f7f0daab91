"""What every benchmark script shares: where the data and the benchmark workspace live, and how results are saved."""

from __future__ import annotations

import json
import os
from pathlib import Path

from sqlalchemy import select

from medora.store.schema import passages, sources
from medora.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MEDORA_SHARED", ROOT.parent / "shared")) / "data"
HOME = Path(os.environ.get("MEDORA_BENCH_HOME", ROOT / "bench" / ".cache" / "home"))
RESULTS = ROOT / "bench" / "results"


def write_results(name: str, figures: dict) -> None:
    """Save ``figures`` as bench/results/``name`` (committed with the README figures they back)."""
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / name).write_text(json.dumps(figures, indent=2) + "\n")


def passage_to_key(workspace: Workspace) -> dict[int, str]:
    """Passage id → its source's key (``pmid:…``, ``medquad:…``): benchmarks judge sources, not passages."""
    with workspace.engine.connect() as conn:
        rows = conn.execute(select(passages.c.id, sources.c.key).join(sources, sources.c.id == passages.c.source_id))
        return {pid: key for pid, key in rows}
