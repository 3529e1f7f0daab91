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


def ndcg_by_part(retriever, questions: list[dict], keys: dict[int, str], mode: str) -> dict[str, float]:  # noqa: ANN001
    """BioASQ nDCG@10 of ``mode`` rankings, the tuned and frozen parts of dev apart (medora/eval/split.py)."""
    import numpy as np

    from medora.eval.metrics import ndcg_at_k
    from medora.eval.split import bioasq_part

    scores: dict[str, list[float]] = {"tuned": [], "frozen": []}
    for q in questions:
        ranked = retriever.rank(q["question"], top_k=100, mode=mode)
        found = list(dict.fromkeys(keys[r.passage_id] for r in ranked))
        scores[bioasq_part(q)].append(ndcg_at_k(found, {f"pmid:{p}" for p in q["gold"]}, 10))
    return {part: round(float(np.mean(v)), 4) for part, v in scores.items()}
