"""The build stamp: the same files give the same fingerprint, a change to what composes an answer another."""

import shutil
from pathlib import Path

from medora import __version__
from medora.build import PACKAGE, engine_build, fingerprint


def _package(root: Path) -> Path:
    (root / "compose").mkdir(parents=True)
    (root / "web" / "templates").mkdir(parents=True)
    (root / "compose" / "lead.py").write_text("THRESHOLD = 0.5\n")
    (root / "web" / "templates" / "article.html").write_text("<h1>{{ title }}</h1>\n")
    return root


def test_the_same_files_anywhere_give_the_same_fingerprint(tmp_path: Path):
    assert fingerprint(_package(tmp_path / "a")) == fingerprint(_package(tmp_path / "b"))


def test_a_changed_added_or_renamed_file_that_composes_gives_another(tmp_path: Path):
    root = _package(tmp_path / "medora")
    before = fingerprint(root)
    (root / "compose" / "lead.py").write_text("THRESHOLD = 0.6\n")
    changed = fingerprint(root)
    (root / "compose" / "extra.yaml").write_text("- word\n")
    added = fingerprint(root)
    (root / "compose" / "extra.yaml").rename(root / "compose" / "other.yaml")
    assert len({before, changed, added, fingerprint(root)}) == 4


def test_web_pages_and_compiled_files_do_not_change_it(tmp_path: Path):
    root = _package(tmp_path / "medora")
    before = fingerprint(root)
    (root / "web" / "templates" / "article.html").write_text("<h1 class='title'>{{ title }}</h1>\n")
    (root / "compose" / "__pycache__").mkdir()
    (root / "compose" / "__pycache__" / "lead.cpython-311.pyc").write_bytes(b"\x00\x01")
    assert fingerprint(root) == before


def test_the_running_build_is_the_package_fingerprinted_and_an_overview_edit_changes_it(tmp_path: Path):
    """On a copy of the real package: the library and code count, the web pages do not."""
    assert engine_build() == f"{__version__}+{fingerprint(PACKAGE)}"
    copy = tmp_path / "medora"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    assert fingerprint(copy) == fingerprint(PACKAGE)
    (copy / "web" / "templates" / "article.html").write_text("<p>restyled</p>\n")
    assert fingerprint(copy) == fingerprint(PACKAGE)
    overview = copy / "library" / "overviews" / "heart-failure.md"
    overview.write_text(overview.read_text(encoding="utf-8") + "\n- One more line.\n", encoding="utf-8")
    assert fingerprint(copy) != fingerprint(PACKAGE)
