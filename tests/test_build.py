"""The build stamp: the same files give the same fingerprint, a change to what composes an answer another."""

from pathlib import Path

from medora.build import PACKAGE, fingerprint


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


def test_the_package_fingerprint_covers_the_library_and_the_code():
    files = {path.relative_to(PACKAGE).as_posix() for path in PACKAGE.rglob("*") if path.is_file()}
    assert "compose/article.py" in files and "library/overviews/heart-failure.md" in files
