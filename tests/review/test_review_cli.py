"""`medora users add/list` and `medora audit` on a prepared, lexical-only data folder."""

from __future__ import annotations

import json
import os

import pytest
from click.testing import CliRunner

from medora.cli import main


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> dict:
    env = {**os.environ, "MEDORA_HOME": str(tmp_path_factory.mktemp("cli") / "home"), "MEDORA_INGEST__EMBED": "false"}
    env.pop("MEDORA_DATABASE_URL", None)
    assert CliRunner().invoke(main, ["init"], env=env).exit_code == 0
    return env


def test_users_add_reads_the_password_from_stdin_and_lists_the_account(env):
    result = CliRunner().invoke(main, ["users", "add", "Ada Lovelace", "--role", "reviewer", "--password-stdin"],
                                input="correct horse battery\n", env=env)
    assert (result.exit_code, result.output) == (0, "Added reviewer 'Ada Lovelace'.\n")
    listed = CliRunner().invoke(main, ["users", "list"], env=env).output
    assert listed.startswith("Ada Lovelace\treviewer\t")


def test_users_add_prompts_twice_and_refuses_a_taken_name(env):
    runner = CliRunner()
    added = runner.invoke(main, ["users", "add", "Eve", "--role", "editor"], input="long enough pw\nlong enough pw\n",
                          env=env)
    assert added.exit_code == 0 and added.output.endswith("Added editor 'Eve'.\n")
    again = runner.invoke(main, ["users", "add", "Eve", "--role", "admin", "--password-stdin"],
                          input="long enough pw\n", env=env)
    assert again.exit_code == 1 and "Error: a user named 'Eve' already exists" in again.output


def test_audit_prints_the_log_as_json(env):
    result = CliRunner().invoke(main, ["audit", "heart-failure"], env=env)
    assert result.exit_code == 0, result.output
    log = json.loads(result.output)
    assert (log["article"], len(log["events"])) == ("heart-failure", 1)
    event = log["events"][0]
    assert (event["actor"], event["action"], event["from_state"], event["to_state"], event["version"]) == (
        "medora", "create", None, "submitted", 1)
    assert event["reason"] == "packaged overview (front matter: pending human review)"


def test_audit_of_an_unknown_article_fails_with_its_name(env):
    result = CliRunner().invoke(main, ["audit", "no-such-article"], env=env)
    assert result.exit_code == 1 and "Error: no article with id or slug 'no-such-article'" in result.output
