"""Urgent notices on a fresh install: emergencies described without their names must raise their flag; calm
questions (other topics, or an emergency's topic but no emergency now) must raise none.

    python bench/urgent_notices.py          # the blind set (written by a helper who read no code): rates only
                                            # -> results/urgent_notices.json
    python bench/urgent_notices.py --dev    # the development set (tuned on): wrong answers listed, printed only
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from common import write_results

from medora.eval.urgent import run_urgent, urgent_rates, urgent_set
from medora.settings import Settings
from medora.workspace import Workspace


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", action="store_true", help="the development set; wrong answers listed, not saved")
    args = parser.parse_args()
    questions = urgent_set("dev" if args.dev else "blind")
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace(Settings(home=Path(scratch) / "home"))
        workspace.prepare()
        tick = time.perf_counter()
        results = run_urgent(workspace.retriever, workspace.settings, questions)
        seconds = time.perf_counter() - tick
    figures: dict = {"rates": urgent_rates(results), "seconds_per_question": round(seconds / len(results), 3)}
    if args.dev:  # the blind set is never read: no question of it is printed
        figures["wrong"] = [
            {"question": r.question, "expected": r.expected, "raised": r.raised} for r in results if not r.correct
        ]
    print(json.dumps(figures, indent=2))
    if not args.dev:
        write_results("urgent_notices.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
