"""The everyday descriptions file: known overviews only, plain lines without digits or question marks; the clinical
presentations file: known overviews only, short signs and symptoms without digits."""

from pathlib import Path

import pytest

from medora.errors import IngestError
from medora.library import overview_paths
from medora.library.descriptions import (
    clinical_presentations,
    description_problems,
    everyday_descriptions,
    read_descriptions,
    read_presentations,
)


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


def test_presentations_are_read_by_overview(tmp_path: Path) -> None:
    path = _write(tmp_path, "urinary-tract-infection: [dysuria, ' loin pain ']\nvaccinations: []\n")
    assert read_presentations(path, topics={"urinary-tract-infection", "vaccinations"}) == {
        "urinary-tract-infection": ("dysuria", "loin pain"), "vaccinations": ()
    }


@pytest.mark.parametrize("entry", ["fever over 38", "pain in the loin that wakes her at night"])
def test_a_reading_or_a_sentence_is_no_sign(tmp_path: Path, entry: str) -> None:
    with pytest.raises(IngestError, match="a sign or symptom of at most 4 words"):
        read_presentations(_write(tmp_path, f"gout: [{entry}]\n"), topics={"gout"})


def test_a_sign_two_overviews_share_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "copd: [wheeze, barrel chest]\nasthma-adults: [Wheeze]\n")
    with pytest.raises(IngestError, match="'Wheeze' is listed under both 'copd' and 'asthma-adults'"):
        read_presentations(path, topics={"copd", "asthma-adults"})


def test_a_presentation_of_an_unknown_overview_is_refused(tmp_path: Path) -> None:
    with pytest.raises(IngestError, match="'gouty-arthritis' is not an overview"):
        read_presentations(_write(tmp_path, "gouty-arthritis: [podagra]\n"), topics={"gout"})


def test_every_overview_has_its_presentation_listed() -> None:
    assert set(clinical_presentations()) == {path.stem for path in overview_paths()}
    assert clinical_presentations()["urinary-tract-infection"]  # a condition that presents: its signs are listed
