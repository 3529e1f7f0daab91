"""Which build of Medora is running, stamped on every article it composes.

A stored article outlives upgrades: asked again after one, it is served as it was composed, and the version number
of the package (``__version__``) does not change with every fix. So each article records the build that composed it:
the version and a fingerprint of the package's own files that make an answer (code, the editorial library, word
lists and fitted models), everything but the web pages, which only show an answer. A reader can then be told that
an answer comes from an earlier build, and an answer that found nothing can be tried again (medora/articles.py)."""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from medora import __version__

PACKAGE = Path(__file__).resolve().parent
NOT_COMPOSING = frozenset({"web", "__pycache__"})  # folders of the package that do not change what an answer says
FINGERPRINT_LENGTH = 12


def fingerprint(root: Path, *, skip: frozenset[str] = NOT_COMPOSING) -> str:
    """A hash of every file under ``root`` (its path and bytes, in path order), outside the folders in ``skip``:
    the same files give the same hash on any machine, and a changed, added or removed file gives another."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        relative = path.relative_to(root)
        if not path.is_file() or skip.intersection(relative.parts) or path.suffix == ".pyc":
            continue
        digest.update(relative.as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
        digest.update(b"\0")
    return digest.hexdigest()[:FINGERPRINT_LENGTH]


@lru_cache(maxsize=1)
def engine_build() -> str:
    """This build, as ``<version>+<fingerprint>`` (about 20 ms, once a process)."""
    return f"{__version__}+{fingerprint(PACKAGE)}"
