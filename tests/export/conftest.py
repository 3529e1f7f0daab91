"""A hand-built article for the exporters: real references from the packaged library, hostile markup in the
question and title, and the symbols (≥, –, ², µ) that Latin-1 fonts cannot draw."""

from __future__ import annotations

import pytest

from medora.types import (
    Article,
    ArticleSection,
    EditorialStatus,
    Provenance,
    ReferenceEntry,
    Statement,
    Verdict,
)

KDIGO_TITLE = "KDIGO 2024 Clinical Practice Guideline for the Evaluation and Management of Chronic Kidney Disease"
TITLE = "Chronic kidney disease in adults <script>alert(1)</script>"
QUESTION = "Should adults with CKD and eGFR ≥ 20 get an SGLT2 inhibitor? <img src=x onerror=alert(1)>"
STATIN = (
    "Adults aged ≥ 50 years with eGFR below 60 who are not on dialysis should receive a statin or statin "
    "with ezetimibe."
)
SGLT2 = "KDIGO recommends an SGLT2 inhibitor for type 2 diabetes with CKD and eGFR of 20 or more."
STAGES = "GFR categories in mL/min/1.73 m² are G3a 45–59 and G3b 30–44."
REFER = (
    "Refer on the basis of a high estimated kidney failure risk, heavy albuminuria, rapid decline or resistant "
    "hypertension."
)
DAPA = "Dapagliflozin reduced a composite of sustained eGFR decline, kidney failure and kidney or cardiovascular death."

OVERVIEW = ReferenceEntry(
    number=1,
    kind="editorial summary",
    title="Chronic kidney disease in adults",
    journal="Medora editorial library",
    year=2026,
    source_key="library:chronic-kidney-disease",
    passage_ids=[11, 12],
    review_status="pending human review",
    summarises=[
        {
            "label": "1a",
            "id": "kdigo-ckd-2024",
            "kind": "guideline",
            "title": KDIGO_TITLE,
            "issuer": "Kidney Disease Improving Global Outcomes (Kidney International)",
            "year": 2024,
            "pmid": "38490803",
            "doi": "10.1016/j.kint.2023.10.018",
        },
        {
            "label": "1b",
            "id": "dapa-ckd-2020",
            "kind": "rct",
            "title": "Dapagliflozin in patients with chronic kidney disease (DAPA-CKD)",
            "issuer": "New England Journal of Medicine",
            "year": 2020,
        },
    ],
)
NICE = ReferenceEntry(
    number=2,
    kind="guideline",
    title="Chronic kidney disease: assessment and management (NG203)",
    journal="National Institute for Health and Care Excellence",
    year=2021,
    url="https://www.nice.org.uk/guidance/ng203",
    source_key="library-ref:nice-ng203",
    passage_ids=[21],
)
KDIGO = ReferenceEntry(
    number=3,
    kind="guideline",
    title=KDIGO_TITLE,
    journal="Kidney International",
    year=2024,
    pmid="38490803",
    doi="10.1016/j.kint.2023.10.018",
    source_key="pmid:38490803",
    passage_ids=[31],
)


@pytest.fixture
def article() -> Article:
    return Article(
        question=QUESTION,
        question_type="yes_no",
        title=TITLE,
        verdict=Verdict(answer="yes", confidence=0.71, statements=[Statement(text=SGLT2, citations=["3"])]),
        bottom_line=[Statement(text=REFER, citations=["2", "3"])],
        sections=[
            ArticleSection(heading="Assessment and diagnosis", statements=[Statement(text=STAGES, citations=["1a"])]),
            ArticleSection(
                heading="Treatment algorithm",
                subsections=[
                    ArticleSection(
                        heading="Step 1 — Lifestyle and cardiovascular risk",
                        statements=[Statement(text=STATIN, citations=["1a"])],
                    ),
                    ArticleSection(
                        heading="Step 3 — SGLT2 inhibitor", statements=[Statement(text=DAPA, citations=["1b"])]
                    ),
                ],
            ),
        ],
        evidence_summary="Based on 3 sources: 2 guidelines, 1 editorial summary; published 2021–2026.",
        references=[OVERVIEW, NICE, KDIGO],
        editorial=EditorialStatus(status="pending human review", last_updated="2026-11-28"),
        disclaimer="Medora summarises published evidence for health professionals.",
        provenance=Provenance(
            settings_hash="test", index_version="test", models={}, passage_ids=[11, 12, 21, 31], composer="extractive"
        ),
    )
