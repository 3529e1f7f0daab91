"""YAML read with libyaml's C parser when PyYAML was built with it. The first patient article reads the 61
plain-version files and the overviews' front matter; the pure-Python parser spent most of a second on them."""

from __future__ import annotations

from typing import Any

import yaml

_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # the same safe constructors, parsed in C


def load_yaml(text: str) -> Any:
    """``yaml.safe_load`` of ``text``, parsed in C where available; errors are still ``yaml.YAMLError``."""
    return yaml.load(text, Loader=_LOADER)
