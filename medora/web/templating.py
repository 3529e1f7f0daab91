"""The Jinja2 environment: autoescaping always on, and the few filters the templates need to show article data.

No filter returns markup: every value a template prints goes through autoescaping."""

from __future__ import annotations

import datetime
import re
from urllib.parse import urlsplit

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined

from medora import build
from medora.export.render import verification_line
from medora.types import Kind
from medora.web.schemas import article_url

_KIND_LABELS = {
    Kind.GUIDELINE.value: "Guideline",
    Kind.EDITORIAL_SUMMARY.value: "Editorial summary",
    Kind.SYSTEMATIC_REVIEW.value: "Systematic review",
    Kind.META_ANALYSIS.value: "Meta-analysis",
    Kind.RCT.value: "RCT",
    Kind.COHORT.value: "Cohort",
    Kind.CASE_CONTROL.value: "Case-control",
    Kind.CASE_REPORT.value: "Case report",
    Kind.NARRATIVE_REVIEW.value: "Review",
    Kind.CONSUMER_HEALTH.value: "Consumer health",
    Kind.RESEARCH.value: "Research article",
}


def kind_label(kind: str | None) -> str:
    """The reference-list badge for a source kind ('rct' → 'RCT'); unknown kinds are shown capitalised."""
    kind = kind or ""
    return _KIND_LABELS.get(kind, kind[:1].upper() + kind[1:])


def css_token(value: str | None) -> str:
    """A value as a CSS class fragment: 'under review' → 'under-review'."""
    return re.sub(r"[^a-z0-9]+", "-", (value or "").lower()).strip("-")


def status_label(status: str | None) -> str:
    status = status or ""
    return status[:1].upper() + status[1:]


def long_date(value: datetime.date | datetime.datetime | str | None) -> str:
    """'2025-11-28' or a date → '28 November 2025'; anything unparseable is shown as given."""
    if value is None:
        return ""
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return f"{value.day} {value:%B %Y}"


def iso_date(value: datetime.date | datetime.datetime | str | None) -> str:
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return (value or "")[:10]


def web_url(value: str | None) -> str | None:
    """The URL when it is http(s), else None: a document's own URL must never become a javascript: link."""
    if not value:
        return None
    return value if urlsplit(value.strip()).scheme.lower() in ("http", "https") else None


def account_of(request):  # noqa: ANN001, ANN201 (a Request → its SessionRecord or None)
    """The signed-in session of the request being rendered (for the navigation), looked up once per request."""
    from medora.web.auth import current_session

    return current_session(request)


def running_build() -> str:
    """The Medora build serving the page, to set beside the one that composed an article (medora/build.py)."""
    return build.engine_build()


def make_templates() -> Jinja2Templates:
    environment = Environment(
        loader=PackageLoader("medora.web", "templates"), autoescape=True, undefined=StrictUndefined, trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters.update(
        kind_label=kind_label, css_token=css_token, status_label=status_label, long_date=long_date,
        iso_date=iso_date, web_url=web_url, verification_line=verification_line,
    )
    environment.globals.update(article_url=article_url, kind_labels=_KIND_LABELS, account_of=account_of,
                               running_build=running_build)
    return Jinja2Templates(env=environment)
