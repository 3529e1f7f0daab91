"""Ray is an optional extra: the default install never imports it, and asking for it without it names the extra."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from medora.cli import main
from tests.conftest import DATA, ROOT


def test_the_local_runner_imports_neither_ray_nor_pyarrow(tmp_path: Path):
    script = (
        "import sys; from pathlib import Path; from medora.settings import Settings; from medora.workspace import "
        f"Workspace; s = Settings(home=Path({str(tmp_path)!r})); s.ingest.embed = False; "
        f"Workspace(s, with_library=False).ingest([Path({str(DATA / 'jats_sample.xml')!r})]); "
        "print(sorted(m for m in ('ray', 'pyarrow') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, check=True)
    assert result.stdout.strip() == "[]"


def test_engine_ray_without_ray_names_the_extra_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("MEDORA_HOME", str(tmp_path / "home"))
    monkeypatch.setitem(sys.modules, "ray", None)  # what an install without the extra looks like to `import ray`
    result = CliRunner().invoke(main, ["ingest", "--engine", "ray", "--no-embed", str(DATA / "jats_sample.xml")])
    assert result.exit_code == 1
    assert result.output == (
        "Error: `--engine ray` needs Ray Data and pyarrow, which are not installed (import of ray halted; None in "
        'sys.modules): run `pip install "medora[ray]"`\n'
    )


def test_address_without_engine_ray_is_refused():
    result = CliRunner().invoke(main, ["ingest", "--address", "ray://head:10001", str(DATA / "jats_sample.xml")])
    assert result.exit_code == 2
    assert "--address is for --engine ray" in result.output
