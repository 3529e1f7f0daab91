import datetime
from pathlib import Path

from medora.library import overview_paths
from medora.library.validate import validate_library

GOOD = """---
id: {id}
title: Example topic {id}
specialty: [primary care]
questions: ["How is the example managed?"]
last_reviewed: 2026-01-01
review_status: pending human review
version: 1
references:
  - id: nice-x
    kind: guideline
    title: Example guideline title
    issuer: NICE
    year: 2020
---

## Bottom line

Treat the example early [@nice-x].
"""


def test_the_packaged_library_is_valid_and_large_enough():
    paths = overview_paths()
    assert len(paths) >= 60
    assert validate_library(paths) == []


def test_seed_topic_ships():
    assert "lumbar-radiculopathy-foot-drop" in {p.stem for p in overview_paths()}


def test_an_uncited_sentence_and_an_unknown_reference_are_reported(tmp_path: Path):
    path = tmp_path / "bad.md"
    path.write_text(GOOD.format(id="bad").replace("early [@nice-x].", "early. Then review [@nice-y]."))
    problems = validate_library([path], today=datetime.date(2026, 11, 24))
    assert any("uncited sentence: 'Treat the example early.'" in p for p in problems)
    assert any("cites unknown reference(s) nice-y" in p for p in problems)


def test_future_dates_wrong_ids_and_duplicate_topics_are_reported(tmp_path: Path):
    first = tmp_path / "one.md"
    first.write_text(GOOD.format(id="one").replace("2026-01-01", "2030-01-01"))
    second = tmp_path / "two.md"
    second.write_text(GOOD.format(id="one"))
    problems = validate_library([first, second], today=datetime.date(2026, 11, 24))
    assert any("is in the future" in p for p in problems)
    assert any("differs from the file name 'two'" in p for p in problems)
    assert any("already used by" in p for p in problems)


def test_an_invented_looking_identifier_must_at_least_be_well_formed(tmp_path: Path):
    path = tmp_path / "ids.md"
    path.write_text(GOOD.format(id="ids").replace("year: 2020", "year: 2020\n    pmid: PM123"))
    assert any("pmid" in p for p in validate_library([path], today=datetime.date(2026, 11, 24)))
