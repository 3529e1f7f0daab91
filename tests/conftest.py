"""Shared fixtures: real data from ../shared (skipped with a reason when absent) and fresh data directories."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from medora.settings import Settings
from medora.types import Evidence, Kind, Source

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


def make_evidence(passage_id: int, text: str) -> Evidence:
    """A retrieved RCT passage with its own source, for composer tests that need no store."""
    source = Source(key=f"pmid:{passage_id}", kind=Kind.RCT, title="Trial", pmid=str(passage_id))
    return Evidence(
        passage_id=passage_id, source_id=passage_id, source=source, section="", text=text, start=0, end=len(text), score=1.0
    )
