"""What a new user waits for: `medora ask` as a fresh process, on a fresh data folder and then on a prepared one.

Runs the real command (`python -m medora.cli ask …`) in subprocesses, so start-up (imports, opening the store,
loading indexes and the embedding model) is part of every figure, as it is for a user.

    python bench/startup.py          # writes bench/results/startup.json
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import write_results

FIRST = "How should L5 radiculopathy with foot drop be managed?"
NEW_QUESTIONS = [
    "How should acute gout flares be treated?",
    "What is the first-line treatment for community-acquired pneumonia in adults?",
    "When should anticoagulation be started for atrial fibrillation?",
    "How is diabetic ketoacidosis managed in adults?",
    "What are the red flags in low back pain?",
    "How should hyperkalaemia be treated urgently?",
    "Which patients need a DXA scan for osteoporosis?",
]


def _ask(home: Path, question: str) -> float:
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "medora.cli", "ask", question],
        env={**os.environ, "MEDORA_HOME": str(home)},
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main() -> int:
    with tempfile.TemporaryDirectory() as scratch:
        home = Path(scratch) / "home"
        first = _ask(home, FIRST)
        new = [_ask(home, question) for question in NEW_QUESTIONS]
        repeated = [_ask(home, question) for question in NEW_QUESTIONS[:3]]
    figures = {
        "first_ask_on_empty_folder_s": round(first, 1),
        "new_question_p50_s": round(statistics.median(new), 2),
        "new_question_max_s": round(max(new), 2),
        "stored_question_p50_s": round(statistics.median(repeated), 2),
        "questions": len(NEW_QUESTIONS),
        "cores": os.cpu_count(),
        "what": "wall time of `python -m medora.cli ask` as a fresh process, packaged library only",
    }
    print(figures)
    write_results("startup.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
