import json
import os
import subprocess
import sys
from pathlib import Path

import click
from click.testing import CliRunner

from medora.cli import main
from tests.conftest import DATA


def _commands(group: click.Group, prefix: str = "") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        found.append((f"{prefix}{name}", command))
        if isinstance(command, click.Group):
            found += _commands(command, f"{prefix}{name} ")
    return found


def test_every_command_has_help_with_an_example():
    for name, command in _commands(main):
        if isinstance(command, click.Group):
            continue
        assert "Example" in (command.help or ""), f"`medora {name}` help has no example"


def test_every_command_is_documented_in_the_readme():
    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text()
    for name, command in _commands(main):
        if not isinstance(command, click.Group):
            assert f"medora {name}" in readme, f"`medora {name}` is missing from the README"


def test_ingest_exits_non_zero_and_names_a_bad_file(tmp_path: Path):
    bad = tmp_path / "broken.xml"
    bad.write_text("<PubmedArticleSet><PubmedArticle>")
    env = {**os.environ, "MEDORA_HOME": str(tmp_path / "home")}
    result = CliRunner().invoke(main, ["ingest", "--no-embed", str(bad), str(DATA / "jats_sample.xml")], env=env)
    assert result.exit_code == 1
    assert "1 source(s)" in result.output
    assert f"error: {bad}: not well-formed PubMed XML" in result.output


def test_ask_json_on_a_fresh_home_answers_from_the_packaged_library(tmp_path: Path):
    env = {**os.environ, "MEDORA_HOME": str(tmp_path / "home")}
    result = subprocess.run(
        [sys.executable, "-m", "medora.cli", "ask", "--json", "How should acute gout flares be treated?"],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr
    article = json.loads(result.stdout)
    assert article["schema_version"] == "1.1"
    assert article["references"][0]["source_key"] == "library:gout"


def test_a_bad_setting_is_a_clear_error(tmp_path: Path):
    env = {**os.environ, "MEDORA_HOME": str(tmp_path / "home"), "MEDORA_RETRIEVE__TOP_K": "0"}
    result = CliRunner().invoke(main, ["stats"], env=env)
    assert result.exit_code == 1
    assert "invalid configuration" in result.output and "top_k" in result.output
