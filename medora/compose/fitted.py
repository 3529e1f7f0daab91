"""Models Medora fits offline and ships as JSON (medora/compose/data): read one, refusing one fitted on other
features, since its weights would then be applied to the wrong signals without any error."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from importlib import resources


def load_fitted(filename: str, features: tuple[str, ...], *, refit: str) -> dict:
    """The model in ``data/filename``; ``refit`` names the command that fits it again."""
    text = resources.files("medora.compose").joinpath(f"data/{filename}").read_text(encoding="utf-8")
    model = json.loads(text)
    if tuple(model["features"]) != features:
        raise ValueError(f"{filename} was fitted on other features: re-run {refit}")
    return model


@lru_cache(maxsize=8)
def fingerprint(package: str, filename: str) -> str:
    """'name@first 12 hex digits of its SHA-256' for a model file shipped in ``package``'s data folder: written into
    each article's provenance, so an answer names the exact fitted weights it was made with."""
    data = resources.files(package).joinpath(f"data/{filename}").read_bytes()
    return f"{filename.rsplit('.', 1)[0]}@{hashlib.sha256(data).hexdigest()[:12]}"
