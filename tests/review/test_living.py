"""Living evidence with real PubMed records: an approved article is flagged when a later ingest brings a newer
source that ranks among its cited evidence, and the flag reaches the queue, the page and the audit log.

The records are real PubMedQA abstracts from ../shared (PMID, year, MeSH, labelled sections), written out as
PubMed XML; the corpus keeps no titles, so each record's PubMedQA question (its article's title) stands in."""

from __future__ import annotations

import json
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
from fastapi.testclient import TestClient

from medora import articles
from medora.accounts.users import add_user
from medora.review import workflow
from medora.review.living import flag_new_evidence, newest_source_id
from medora.review.states import Actor, Role
from medora.settings import Settings
from medora.web.app import create_app
from medora.workspace import Workspace
from tests.conftest import SHARED

OLDER, NEWER = "9444542", "16151770"  # hippocampal atrophy on MRI (1997); memory-provoked rCBF-SPECT (2006)
QUESTION = "Does hippocampal atrophy on MRI predict cognitive decline in Alzheimer disease?"


def pubmed_xml(pmids: list[str], target: Path) -> Path:
    """The corpus records with these PMIDs as a PubmedArticleSet file."""
    corpus, questions = SHARED / "data" / "pubmed" / "corpus.jsonl", SHARED / "data" / "pubmedqa" / "dev.jsonl"
    if not corpus.is_file():
        pytest.skip(f"shared data not found at {SHARED} (set MEDORA_SHARED)")
    titles = {row["pmid"]: row["question"] for row in map(json.loads, questions.open(encoding="utf-8"))}
    records = {row["pmid"]: row for row in map(json.loads, corpus.open(encoding="utf-8")) if row["pmid"] in pmids}
    parts = ["<?xml version='1.0'?>\n<PubmedArticleSet>"]
    for pmid in pmids:
        row = records[pmid]
        abstract = "".join(f'<AbstractText Label="{escape(s["label"])}">{escape(s["text"])}</AbstractText>'
                           for s in row["sections"])
        mesh = "".join(f"<MeshHeading><DescriptorName>{escape(m)}</DescriptorName></MeshHeading>" for m in row["mesh"])
        parts.append(
            f"<PubmedArticle><MedlineCitation><PMID>{pmid}</PMID><Article><Journal><JournalIssue><PubDate>"
            f"<Year>{row['year']}</Year></PubDate></JournalIssue></Journal>"
            f"<ArticleTitle>{escape(titles[pmid])}</ArticleTitle><Abstract>{abstract}</Abstract>"
            f"<PublicationTypeList><PublicationType>Journal Article</PublicationType></PublicationTypeList>"
            f"</Article><MeshHeadingList>{mesh}</MeshHeadingList></MedlineCitation></PubmedArticle>"
        )
    target.write_text("".join(parts) + "</PubmedArticleSet>\n", encoding="utf-8")
    return target


@pytest.fixture
def approved(tmp_path: Path) -> tuple[Workspace, str]:
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    workspace = Workspace(settings, with_library=False)
    workspace.ingest([pubmed_xml([OLDER], tmp_path / "older.xml")])
    stored = articles.ask(workspace, QUESTION)
    assert [r.source_key for r in stored.article.references] == [f"pmid:{OLDER}"]
    add_user(workspace.engine, name="Eve", role="editor", password="correct horse battery")
    reviewer = add_user(workspace.engine, name="Ada", role="reviewer", password="correct horse battery")
    workflow.assign(workspace, stored.record.slug, actor=Actor("Eve", Role.EDITOR), reviewers=["Ada"])
    workflow.approve(workspace, stored.record.slug, actor=Actor("Ada", Role.REVIEWER, reviewer.id))
    return workspace, stored.record.slug


def test_a_newer_source_ingested_after_approval_flags_the_article(approved, tmp_path: Path):
    workspace, slug = approved
    before = newest_source_id(workspace)
    workspace.ingest([pubmed_xml([NEWER], tmp_path / "newer.xml")])
    flagged = flag_new_evidence(workspace, since_source_id=before)
    assert [record.slug for record in flagged] == [slug]
    record = articles.get_article(workspace, slug).record
    [item] = record.new_evidence
    assert (item["source_key"], item["pmid"], item["year"], item["kind"]) == (
        f"pmid:{NEWER}", NEWER, 2006, "research article")
    assert item["reason"] == "newer: 2006, the newest cited source is from 1997"
    assert flag_new_evidence(workspace, since_source_id=before) == []  # known already: flagged once
    editor = Actor("Eve", Role.EDITOR)
    assert slug in {entry.record.slug for entry in workflow.review_queue(workspace, actor=editor)}
    last = workflow.audit_log(workspace, slug, actor=editor)[-1]
    assert (last.actor, last.action, last.details) == ("medora", "new evidence", {"sources": [f"pmid:{NEWER}"]})
    page = TestClient(create_app(workspace=workspace)).get(f"/articles/{slug}").text
    assert "New evidence available." in page and f"PMID {NEWER}" in page


def test_sources_already_there_at_approval_flag_nothing(approved):
    workspace, _slug = approved
    assert flag_new_evidence(workspace, since_source_id=0) == []  # the cited source itself is no news
    assert flag_new_evidence(workspace, since_source_id=newest_source_id(workspace)) == []


def test_medora_ingest_names_the_articles_with_new_evidence(approved, tmp_path: Path):
    from click.testing import CliRunner

    from medora.cli import main

    workspace, slug = approved
    env = {"MEDORA_HOME": str(workspace.settings.home), "MEDORA_INGEST__EMBED": "false"}
    result = CliRunner().invoke(main, ["ingest", str(pubmed_xml([NEWER], tmp_path / "newer.xml"))], env=env)
    assert result.exit_code == 0, result.output
    assert f"new evidence for approved article {slug} (listed in the review queue)" in result.output
