"""Shared fixtures: real data from ../shared (skipped with a reason when absent) and fresh data directories."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from medora.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("MEDORA_SHARED", ROOT.parent / "shared"))
DATA = Path(__file__).parent / "data"


@pytest.fixture
def shared() -> Path:
    if not (SHARED / "data").is_dir():
        pytest.skip(f"shared data not found at {SHARED} (set MEDORA_SHARED); CI always has it")
    return SHARED / "data"


def head_lines(source: Path, target: Path, count: int) -> Path:
    """The first ``count`` lines of a JSONL file, written to ``target`` (samples cut from ../shared)."""
    with source.open(encoding="utf-8") as handle:
        lines = [next(handle) for _ in range(count)]
    target.write_text("".join(lines), encoding="utf-8")
    return target


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(home=tmp_path / "home")


@pytest.fixture
def lexical_settings(tmp_path: Path) -> Settings:
    """Settings that skip embedding, for tests about storage rather than dense retrieval."""
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    return settings


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
