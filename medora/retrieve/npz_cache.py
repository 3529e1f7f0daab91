"""Arrays kept beside the indexes for the next process (the everyday descriptions' vectors and model,
retrieve/described.py; the lead model's sentence vectors, retrieve/sentence_vectors.py): a cache, never a source of
truth, so a file that cannot be read or written only means making its arrays again."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np


def read_arrays(path: Path | None) -> dict[str, np.ndarray] | None:
    """Every array kept in ``path``; None when there is no file or it is damaged (truncated, empty, another format)."""
    if path is None or not path.is_file():
        return None
    try:
        with np.load(path) as stored:
            return {name: stored[name] for name in stored.files}
    except Exception:  # noqa: BLE001 - a damaged cache is only a cache
        return None


def write_arrays(path: Path | None, **arrays: np.ndarray) -> None:
    """Keep ``arrays`` in ``path`` atomically (a concurrent reader sees the old file or the new one, whole); a
    read-only home only loses the cache."""
    if path is None:
        return
    partial = path.with_name(f".{path.stem}.{os.getpid()}.npz")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez(partial, **arrays)
        os.replace(partial, path)
    except OSError:
        partial.unlink(missing_ok=True)
