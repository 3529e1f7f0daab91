"""Filters from what a person typed: kinds in any case and common spellings, clear errors for the rest."""

import pytest

from medora.errors import FilterError
from medora.retrieve.retriever import Filters


def test_kinds_are_read_case_insensitively_with_common_spellings():
    filters = Filters.parse(kinds=["RCT", "Systematic-Review", "Meta analysis", " Guideline "])
    assert filters.kinds == frozenset({"rct", "systematic review", "meta-analysis", "guideline"})


def test_an_unknown_kind_is_refused_with_the_list_of_kinds():
    with pytest.raises(FilterError, match="unknown kind 'banana'; choose from: guideline, editorial summary"):
        Filters.parse(kinds=["banana"])


def test_a_reversed_year_range_is_refused():
    with pytest.raises(FilterError, match=r"the year range is reversed \(2020 to 2010\)"):
        Filters.parse(year_from=2020, year_to=2010)
