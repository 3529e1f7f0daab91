import json
import os
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from medora import build
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
    assert article["schema_version"] == "1.7"
    assert article["references"][0]["source_key"] == "library:gout"


def test_a_bad_setting_is_a_clear_error(tmp_path: Path):
    env = {**os.environ, "MEDORA_HOME": str(tmp_path / "home"), "MEDORA_RETRIEVE__TOP_K": "0"}
    result = CliRunner().invoke(main, ["stats"], env=env)
    assert result.exit_code == 1
    assert "invalid configuration: MEDORA_RETRIEVE__TOP_K: Input should be greater than or equal to 1" in result.output


def _run(args: list[str], home: Path, input: str | None = None, **env: str):
    return CliRunner().invoke(main, args, env={**os.environ, "MEDORA_HOME": str(home), **env}, input=input)


def test_a_corrupt_store_is_one_line_that_says_what_to_do(tmp_path: Path):
    home = tmp_path / "home"
    home.mkdir()
    (home / "medora.sqlite").write_bytes(b"this is not a database" * 100)
    result = _run(["stats"], home)
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "cannot be read (file is not a database): restore it from a backup" in result.output


def test_a_data_folder_that_cannot_be_created_is_a_clear_error(tmp_path: Path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    result = _run(["stats"], blocker / "home")
    assert result.exit_code == 1
    assert f"cannot create the data folder {blocker / 'home'} (Not a directory)" in result.output


def test_an_unknown_retrieval_mode_names_the_variable_and_the_choices(tmp_path: Path):
    result = _run(["stats"], tmp_path / "home", MEDORA_RETRIEVE__MODE="foo")
    assert result.exit_code == 1
    assert "MEDORA_RETRIEVE__MODE: Input should be 'hybrid', 'lexical' or 'dense' (got 'foo')" in result.output


def test_an_empty_question_is_an_error_not_a_blank_article(tmp_path: Path):
    result = _run(["ask", "   "], tmp_path / "home", MEDORA_INGEST__EMBED="false")
    assert result.exit_code == 1
    assert "the question is empty" in result.output


def test_asking_twice_serves_the_stored_article_and_fresh_answers_again(tmp_path: Path):
    question = ["ask", "--format", "markdown", "How should acute gout flares be treated?"]
    first = _run(question, tmp_path / "home", MEDORA_INGEST__EMBED="false")
    second = _run(question, tmp_path / "home", MEDORA_INGEST__EMBED="false")
    fresh = _run(question + ["--fresh"], tmp_path / "home", MEDORA_INGEST__EMBED="false")
    assert first.exit_code == second.exit_code == fresh.exit_code == 0
    assert "answered before" not in first.output and "answered before" in second.output
    assert "(version 2)" in fresh.output
    listed = _run(["articles", "-q", "gout"], tmp_path / "home")
    assert "how-should-acute-gout-flares-be-treated-" in listed.output
    assert "earlier build" not in second.output


def test_an_answer_from_an_earlier_build_says_so_and_how_to_answer_with_this_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    question = ["ask", "--format", "markdown", "How should acute gout flares be treated?"]
    first = _run(question, tmp_path / "home", MEDORA_INGEST__EMBED="false")
    stamped = build.engine_build()
    monkeypatch.setattr(build, "engine_build", lambda: "0.1.0+upgraded")
    served = _run(question, tmp_path / "home", MEDORA_INGEST__EMBED="false")
    assert first.exit_code == served.exit_code == 0
    assert f"by an earlier build of Medora ({stamped})" in served.output
    assert "Use --fresh to answer again with this build (0.1.0+upgraded)" in served.output


def test_export_writes_a_stored_article_and_names_a_missing_one(tmp_path: Path):
    import rispy

    home = tmp_path / "home"
    asked = _run(["ask", "--format", "json", "How should acute gout flares be treated?"], home, MEDORA_INGEST__EMBED="false")
    slug = next(line.split()[1] for line in asked.output.splitlines() if line.startswith("article: "))
    target = tmp_path / "gout.ris"
    result = _run(["export", slug, "--format", "ris", "-o", str(target)], home)
    assert result.exit_code == 0, result.output
    titles = [entry["title"] for entry in rispy.loads(target.read_text())]
    assert titles[0] == "Gout — diagnosis, flare treatment and urate-lowering therapy"
    missing = _run(["export", "no-such-article"], home)
    assert missing.exit_code == 1 and "no article with id or slug 'no-such-article'" in missing.output


def test_an_unknown_kind_is_refused_and_listed_in_help(tmp_path: Path):
    result = _run(["ask", "--kind", "banana", "How should gout be treated?"], tmp_path / "home", MEDORA_INGEST__EMBED="false")
    assert result.exit_code == 1 and "unknown kind 'banana'; choose from: guideline" in result.output
    assert "systematic review" in _run(["ask", "--help"], tmp_path / "home").output


def test_ask_answers_from_a_read_only_data_folder_without_storing(tmp_path: Path):
    home, mount = tmp_path / "home", tmp_path / "readonly"
    assert _run(["init"], home, MEDORA_INGEST__EMBED="false").exit_code == 0
    mount.mkdir()
    bound = subprocess.run(["mount", "--bind", "-o", "ro", str(home), str(mount)], capture_output=True)
    if bound.returncode != 0:
        pytest.skip(f"a read-only bind mount needs root: {bound.stderr.decode().strip()}")
    try:
        result = subprocess.run(
            [sys.executable, "-m", "medora.cli", "ask", "--json", "How should acute gout flares be treated?"],
            env={**os.environ, "MEDORA_HOME": str(mount), "MEDORA_INGEST__EMBED": "false"},
            capture_output=True, text=True, timeout=300,
        )
    finally:
        subprocess.run(["umount", str(mount)], check=True)
    assert result.returncode == 0, result.stderr
    assert "is read-only; the article was not stored" in result.stderr
    assert json.loads(result.stdout)["references"][0]["source_key"] == "library:gout"


def test_ask_for_a_patient_and_chat_through_a_pipe_keeps_the_thread(tmp_path: Path):
    home = tmp_path / "home"
    patient = _run(["ask", "--json", "--audience", "patient", "How should acute gout flares be treated?"], home,
                   MEDORA_INGEST__EMBED="false")
    assert patient.exit_code == 0, patient.output
    article = json.loads(patient.output[patient.output.index("{"):])
    assert article["audience"] == "patient" and article["disclaimer"].startswith("This page explains published")
    chat = _run(["chat", "--format", "markdown"], home, MEDORA_INGEST__EMBED="false",
                input="How is gout treated?\nwhat about in kidney disease?\n")
    assert chat.exit_code == 0, chat.output
    thread_id = chat.output.split("thread: ", 1)[1].split(" ", 1)[0]
    assert "asked as: How is gout treated in kidney disease?" in chat.output
    assert chat.output.count("# Gout") >= 1 and chat.output.count("article: ") == 2
    more = _run(["ask", "--thread", thread_id, "--format", "markdown", "and in pregnancy?"], home,
                MEDORA_INGEST__EMBED="false")
    assert more.exit_code == 0 and "asked as: How is gout treated in pregnancy?" in more.output
    missing = _run(["ask", "--thread", "no-such-thread", "How is gout treated?"], home, MEDORA_INGEST__EMBED="false")
    assert missing.exit_code == 1 and "no thread 'no-such-thread' of yours" in missing.output


def test_library_plain_prints_the_file_to_fill_in_and_names_an_unknown_topic():
    result = CliRunner().invoke(main, ["library", "plain", "gout"])
    assert result.exit_code == 0
    assert result.output.startswith("overview: gout\nreview_status: pending human review\nsentences:\n- source: Suspect gout")
    unknown = CliRunner().invoke(main, ["library", "plain", "gouty"])
    assert unknown.exit_code == 1
    assert "no library overview 'gouty'" in unknown.output


def test_library_plain_write_keeps_what_is_written_and_adds_the_missing_sentences(tmp_path, monkeypatch):
    from medora.library import plain_versions

    monkeypatch.setattr(plain_versions, "plain_dir", lambda: tmp_path)
    first = "Suspect gout with rapid-onset severe pain, redness and swelling of the first metatarsophalangeal joint, or with tophi, and always consider septic arthritis."
    (tmp_path / "gout.yaml").write_text(f"overview: gout\nreview_status: pending human review\nsentences:\n- source: {first}\n  plain: Gout is likely.\n")
    result = CliRunner().invoke(main, ["library", "plain", "gout", "--write"])
    assert (result.exit_code, result.output) == (0, f"wrote {tmp_path / 'gout.yaml'}\n")
    written = plain_versions.read_entries(tmp_path / "gout.yaml")[1]
    assert (written[0].plain, len(written), written[1].plain) == ("Gout is likely.", 30, "")


def test_library_plain_on_a_malformed_file_says_so_and_writes_nothing(tmp_path, monkeypatch):
    from medora.library import plain_versions

    monkeypatch.setattr(plain_versions, "plain_dir", lambda: tmp_path)
    (tmp_path / "gout.yaml").write_text("overview: gout\nsentences:\n  - just a line\n")
    result = CliRunner().invoke(main, ["library", "plain", "gout", "--write"])
    assert result.exit_code == 1
    assert "'sentences' must be a list of entries with 'source' and 'plain'; mend it by hand first" in result.output
    assert (tmp_path / "gout.yaml").read_text() == "overview: gout\nsentences:\n  - just a line\n"
