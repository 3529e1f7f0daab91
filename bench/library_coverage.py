"""Library coverage: realistic clinician questions (medora/eval/data/library_coverage.yaml) against a fresh install;
a hit is the question's overview among the top 3 retrieved sources. Target: 95 % or more.

    python bench/library_coverage.py     # writes bench/results/library_coverage.json
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

from common import write_results

from medora.eval.coverage import run_coverage
from medora.library import overview_paths
from medora.settings import Settings
from medora.workspace import Workspace


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace(Settings(home=Path(scratch) / "home"))
        workspace.prepare()
        results = run_coverage(workspace.retriever)
    figures = {
        "overviews": len(overview_paths()),
        "questions": len(results),
        "hit_rate_top3": round(sum(r.hit for r in results) / len(results), 4),
        "misses": [{"question": r.question, "expected": r.expected, "top_sources": r.top_sources} for r in results if not r.hit],
    }
    print(json.dumps(figures, indent=2))
    write_results("library_coverage.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
