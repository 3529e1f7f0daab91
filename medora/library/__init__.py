"""Medora's packaged editorial library: guideline-directed topic overviews (Markdown) and their validator."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def overviews_dir() -> Path:
    """The folder of packaged overview files (a real folder: the package is installed unzipped)."""
    return Path(str(resources.files("medora.library").joinpath("overviews")))


def overview_paths() -> list[Path]:
    return sorted(overviews_dir().glob("*.md"))
