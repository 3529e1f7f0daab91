"""The everyday descriptions file: known overviews only, plain lines without digits or question marks."""

from pathlib import Path

import pytest

from medora.errors import IngestError
from medora.library import overview_paths
from medora.library.descriptions import description_problems, everyday_descriptions, read_descriptions


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "everyday_descriptions.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_descriptions_are_read_by_overview(tmp_path: Path) -> None:
    path = _write(tmp_path, "gout:\n  - my big toe went red and hot overnight\n  - ' a swollen, agonising joint in my foot '\n")
    assert read_descriptions(path, topics={"gout", "asthma-adults"}) == {
        "gout": ("my big toe went red and hot overnight", "a swollen, agonising joint in my foot")
    }


def test_an_unknown_overview_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "gouty-arthritis:\n  - my big toe went red overnight\n")
    with pytest.raises(IngestError, match="'gouty-arthritis' is not an overview"):
        read_descriptions(path, topics={"gout"})


@pytest.mark.parametrize("line", ["my blood pressure was 160 over 100", "is my big toe gouty and swollen?"])
def test_a_reading_or_a_question_is_refused(tmp_path: Path, line: str) -> None:
    with pytest.raises(IngestError, match="digit or a question mark"):
        read_descriptions(_write(tmp_path, f"gout:\n  - {line}\n"), topics={"gout"})


def test_a_keyword_is_no_description(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="6 to 25 words"):
        read_descriptions(_write(tmp_path, "gout:\n  - red toe\n"), topics={"gout"})


def test_a_topic_without_a_list_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="plain text lines"):
        read_descriptions(_write(tmp_path, "gout: my big toe went red\n"), topics={"gout"})


def test_every_overview_is_described_in_eight_lines_or_more() -> None:
    described = everyday_descriptions()
    assert set(described) == {path.stem for path in overview_paths()}
    assert min(len(lines) for lines in described.values()) >= 8
    assert description_problems() == []
