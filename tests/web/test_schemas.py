"""The API's models agree with the library's vocabularies, and form input is read the way a browser sends it."""

from __future__ import annotations

from typing import get_args

import pytest
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError

from medora.articles import AUDIENCES, STATUSES
from medora.export import EXPORT_FORMATS
from medora.retrieve.retriever import Filters
from medora.web.errors import readable
from medora.web.schemas import AskForm, AskRequest, Audience, ExportFormat, LibraryQuery, Status
from medora.web.templating import kind_label, long_date, web_url


def test_api_vocabularies_match_the_library():
    assert get_args(Audience) == AUDIENCES
    assert get_args(Status) == STATUSES


def test_no_filters_means_none_and_filters_are_passed_as_kind_values():
    assert AskRequest(question="q").filters() is None
    asked = AskRequest(question="q", year_from=2015, kinds=["guideline", "rct"])
    assert asked.filters() == Filters(year_from=2015, year_to=None, kinds=frozenset({"guideline", "rct"}))


def test_empty_form_fields_are_absent_values():
    form = AskForm(question="q", year_from="", year_to="", follow_up_of="")
    assert (form.year_from, form.year_to, form.follow_up_of) == (None, None, None)
    assert LibraryQuery(q="", status="", specialty="", updated_from="").model_dump() == {
        "q": None, "status": None, "specialty": None, "origin": None, "updated_from": None, "updated_to": None,
        "page": 1,
    }


def test_validation_errors_read_as_one_sentence_per_problem():
    with pytest.raises(ValidationError) as caught:
        AskForm(question="q", year_from="1700", audience="robot")
    error = RequestValidationError(caught.value.errors())
    assert readable(error) == (
        "audience: Input should be 'clinician', 'student' or 'patient'; "
        "year_from: Input should be greater than or equal to 1800"
    )


def test_reference_badges_dates_and_links_for_display():
    assert [kind_label(k) for k in ("rct", "narrative review", "guideline", "new kind")] == [
        "RCT", "Review", "Guideline", "New kind"
    ]
    assert long_date("2025-03-07") == "7 March 2025"
    assert (web_url("https://example.org/a"), web_url("javascript:alert(1)"), web_url(" JavaScript:x")) == (
        "https://example.org/a", None, None
    )


def test_export_formats_match_the_export_package():
    assert get_args(ExportFormat) == EXPORT_FORMATS
