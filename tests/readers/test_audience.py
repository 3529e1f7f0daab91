"""Adapting an article to its reader: clinician unchanged, student definitions, patient rewrites that are checked
against the cited passage (and refused when they change the claim), citations identical across audiences."""

import pytest

from medora.library import plain_versions
from medora.readers.audience import DISCLAIMERS, DOSE_NOTICE, adapt_article, patient_notice, reading_order
from medora.types import Article, ArticleSection, EditorialStatus, Provenance, Statement

OXYGEN = (
    "In the DETO2X-AMI trial, routine oxygen in patients with suspected myocardial infarction and normal saturation "
    "did not reduce one-year mortality."
)
ASPIRIN = "Give aspirin to all patients with myocardial infarction unless they are allergic to it."
LOADING = "Give aspirin as a loading dose of 300 mg, followed by a low daily dose."
HYPERTENSION = "Hypertension raises the risk of stroke and myocardial infarction."
PASSAGES = {
    1: f"{OXYGEN} Give oxygen only if saturation is below 90% [@esc].",
    2: f"{ASPIRIN} {LOADING} [@esc; @aha]",
    3: f"{HYPERTENSION} Treat it early [@nice].",
}


@pytest.fixture(autouse=True)
def no_plain_versions(tmp_path, monkeypatch):
    """These tests pin the rule-based rewriter; some of their sentences are library sentences whose team-written
    plain versions would otherwise be shown instead (those are pinned in tests/library/test_plain_versions.py)."""
    monkeypatch.setattr(plain_versions, "plain_dir", lambda: tmp_path)
    plain_versions._versions.cache_clear()
    yield
    plain_versions._versions.cache_clear()


def _article() -> Article:
    return Article(
        question="What is the initial management of myocardial infarction?",
        question_type="management",
        title="Myocardial infarction",
        urgent_notice="Suspected acute coronary syndrome needs an ECG within 10 minutes and emergency care.",
        bottom_line=[Statement(text=HYPERTENSION, citations=["3"], passage_id=3, quote=True)],
        sections=[
            ArticleSection(
                heading="Treatment algorithm",
                statements=[
                    Statement(text=ASPIRIN, citations=["2"], passage_id=2, quote=True),
                    Statement(text=LOADING, citations=["2"], passage_id=2, quote=True),
                    Statement(text=OXYGEN, citations=["1", "1a"], passage_id=1, quote=True),
                ],
            )
        ],
        editorial=EditorialStatus(last_updated="2026-11-24"),
        disclaimer="For health professionals.",
        provenance=Provenance(settings_hash="x", index_version="v", models={}, passage_ids=[1, 2, 3], composer="extractive"),
    )


def test_clinicians_read_the_article_as_composed():
    article = _article()
    assert adapt_article(article, "clinician", passages=PASSAGES) == article.model_copy(update={"audience": "clinician"})


@pytest.mark.parametrize("audience", ["student", "patient"])
def test_every_audience_keeps_the_same_citations_and_passages(audience):
    composed = [(s.citations, s.passage_id) for s in reading_order(_article())]
    adapted = adapt_article(_article(), audience, passages=PASSAGES)
    assert [(s.citations, s.passage_id) for s in reading_order(adapted)] == composed
    assert adapted.references == _article().references and adapted.provenance == _article().provenance


def test_patients_get_everyday_words_checked_against_the_passage():
    adapted = adapt_article(_article(), "patient", passages=PASSAGES)
    first = adapted.bottom_line[0]
    assert first.text == "High blood pressure raises the risk of stroke and heart attack. (Stroke: brain damage from a blocked or burst blood vessel in the brain; an emergency.)"
    assert (first.adaptation, first.original, first.quote, first.citations) == ("rewritten", HYPERTENSION, False, ["3"])


def test_patients_get_no_dose_but_who_chooses_it():
    loading = adapt_article(_article(), "patient", passages=PASSAGES).sections[0].statements[1]
    assert loading.text == f"Give aspirin as a loading dose, followed by a low daily dose. {DOSE_NOTICE}"
    assert "300" not in loading.text and loading.adaptation == "rewritten"


def _flip_negation(text: str) -> list[str]:
    return [text.replace("did not reduce", "reduced")]


def _swap_drug(text: str) -> list[str]:
    return [text.replace("aspirin", "clopidogrel")]


def test_a_rewrite_that_flips_a_negation_is_refused_and_the_sentence_explained_instead():
    oxygen = adapt_article(_article(), "patient", passages=PASSAGES, rewrite=_flip_negation).sections[0].statements[2]
    assert oxygen.text.startswith(OXYGEN + " (")
    assert "did not reduce" in oxygen.text and oxygen.adaptation == "explained" and oxygen.quote
    assert "Myocardial infarction: heart attack." in oxygen.text or "Saturation: blood oxygen level." in oxygen.text


def test_a_rewrite_that_swaps_the_drug_is_refused():
    adapted = adapt_article(_article(), "patient", passages=PASSAGES, rewrite=_swap_drug)
    assert not any("clopidogrel" in s.text for s in reading_order(adapted))
    aspirin = adapted.sections[0].statements[0]  # its one term was explained in the bottom line already
    assert (aspirin.text, aspirin.adaptation, aspirin.quote) == (ASPIRIN, None, True)


def test_students_get_each_definition_once_on_first_use():
    adapted = adapt_article(_article(), "student", passages=PASSAGES)
    texts = [s.text for s in reading_order(adapted)]
    assert texts[0] == (
        f"{HYPERTENSION} (Hypertension: blood pressure that stays higher than the healthy range. Stroke: brain damage "
        "from a blocked or burst blood vessel in the brain; an emergency. Myocardial infarction: death of part of the "
        "heart muscle because its blood supply was blocked.)"
    )
    assert sum("Myocardial infarction:" in text for text in texts) == 1
    assert adapted.disclaimer == DISCLAIMERS["student"]


def test_urgent_notices_tell_patients_what_to_do_now():
    adapted = adapt_article(_article(), "patient", passages=PASSAGES)
    assert adapted.urgent_notice.startswith("Call emergency services now if you have chest pain")
    assert adapted.disclaimer == DISCLAIMERS["patient"]
    assert patient_notice("An emergency Medora has no patient wording for.") == (
        "If you feel very unwell or your symptoms get worse quickly, call emergency services or go to A&E now."
    )
    assert adapted.sections[0].heading == "Treatment, step by step"


def test_a_statement_whose_passage_is_missing_is_explained_never_rewritten():
    adapted = adapt_article(_article(), "patient", passages={})
    assert {s.adaptation for s in reading_order(adapted)} <= {"explained", "dose", None}


def test_a_term_the_everyday_words_could_not_replace_in_a_rewrite_is_explained():
    composed = (
        "Severe weakness needs prompt MRI and urgent spinal referral because earlier decompression is linked to "
        "better recovery."
    )
    article = _article().model_copy(
        update={"bottom_line": [Statement(text=composed, citations=["4"], passage_id=4, quote=True)], "sections": []}
    )
    statement = adapt_article(article, "patient", passages={4: composed}).bottom_line[0]
    assert (statement.adaptation, statement.text) == (
        "rewritten",
        "Severe weakness needs prompt MRI and urgent spinal referral. This is because earlier decompression is linked "
        "to better recovery. (MRI: a scan that uses a strong magnet to take detailed pictures inside the body. "
        "Decompression: surgery to take pressure off the nerve.)",
    )
