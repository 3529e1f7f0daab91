"""The words every step speaks: sources and passages in, evidence through, articles out."""

from __future__ import annotations

from enum import Enum

from pydantic import BaseModel, Field


class Kind(str, Enum):
    """What sort of source a document is; drives the evidence-level prior and the reference list."""

    GUIDELINE = "guideline"
    EDITORIAL_SUMMARY = "editorial summary"
    SYSTEMATIC_REVIEW = "systematic review"
    META_ANALYSIS = "meta-analysis"
    RCT = "rct"
    COHORT = "cohort"
    CASE_CONTROL = "case-control"
    CASE_REPORT = "case report"
    NARRATIVE_REVIEW = "narrative review"
    CONSUMER_HEALTH = "consumer health"
    RESEARCH = "research article"


class Section(BaseModel):
    """A labelled piece of a source's text, as the publisher structured it."""

    label: str = ""
    text: str


class Reference(BaseModel):
    """A citable publication an editorial overview summarises (not itself stored as a source)."""

    id: str
    kind: str
    title: str
    issuer: str | None = None
    year: int | None = None
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None


class Source(BaseModel):
    """One document as parsed, before it is chunked into passages."""

    key: str = Field(description="Stable identity: pmid:…, doi:…, medquad:…, library:…, or file:sha256.")
    kind: Kind = Kind.RESEARCH
    title: str = ""
    authors: list[str] = Field(default_factory=list)
    journal: str | None = None
    year: int | None = None
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None
    mesh: list[str] = Field(default_factory=list)
    licence: str | None = None
    origin: str = ""
    sections: list[Section] = Field(default_factory=list)
    references: list[Reference] = Field(default_factory=list)
    review_status: str | None = None
    last_reviewed: str | None = None

    @property
    def body(self) -> str:
        """The text passages' character offsets point into: sections joined by blank lines."""
        return "\n\n".join(section.text for section in self.sections)


class Passage(BaseModel):
    """A section-aware chunk; ``start``/``end`` are offsets into its source's body."""

    id: int | None = None
    source_key: str
    ordinal: int
    section: str
    text: str
    start: int
    end: int


class Evidence(BaseModel):
    """A retrieved passage with its source and the scores that ranked it."""

    passage_id: int
    source_id: int
    source: Source
    section: str
    text: str
    start: int
    end: int
    score: float
    lexical_rank: int | None = None
    dense_rank: int | None = None
    dense_similarity: float | None = None


ARTICLE_SCHEMA_VERSION = "1.7"
LIBRARY_PREFIX = "library:"  # a library overview's source key is this and its id ("library:gout")


class Statement(BaseModel):
    """One sentence of an article with the numbered references it cites (labels such as '1' or '1a')."""

    text: str
    citations: list[str]
    passage_id: int | None = Field(None, description="The retrieved passage the sentence was checked against.")
    support: float = Field(1.0, description="Share of the sentence's content words found in its passage.")
    verified: bool = True
    quote: bool = Field(False, description="Verbatim quote of its passage; False: a rewrite checked for faithfulness.")
    flags: list[str] = Field(default_factory=list, description="Why verification failed, when it did.")
    original: str | None = Field(None, description="The sentence as composed, when the audience's version differs.")
    adaptation: str | None = Field(
        None,
        description="How the text was adapted for its audience: 'plain' (the library's team-written plain version "
        "of the sentence, checked against that sentence, shown while the passage holds it), 'rewritten' (plain language by rule, checked against the "
        "passage), 'explained' (the composed sentence with glossary definitions in brackets) or 'dose' (a dose "
        "replaced by 'your clinician will choose the dose').",
    )
    grouped_passage_ids: list[int] = Field(
        default_factory=list,
        description="Further passages the statement cites: for a quote, other sources' passages that support it as "
        "well; for a count of key studies ('Three RCTs found a benefit [2–4]', no passage_id), the findings it counts.",
    )


class ArticleSection(BaseModel):
    heading: str
    statements: list[Statement] = Field(default_factory=list)
    subsections: list[ArticleSection] = Field(default_factory=list)


class ReferenceEntry(BaseModel):
    """A numbered entry of the reference list; ``summarises`` lists an overview's own references as 'Na'…"""

    number: int
    kind: str
    title: str
    journal: str | None = None
    year: int | None = None
    pmid: str | None = None
    doi: str | None = None
    url: str | None = None
    source_key: str
    passage_ids: list[int] = Field(default_factory=list)
    review_status: str | None = None
    summarises: list[dict] = Field(default_factory=list)


class Verdict(BaseModel):
    """Shown only when earned: the model's confidence reaches the level at which its cross-validated accuracy is at
    least 0.75 (``threshold``)."""

    answer: str = Field(description="yes, no or maybe")
    confidence: float
    statements: list[Statement] = Field(default_factory=list)
    studies: list[str] = Field(
        default_factory=list, description="Citation labels of the sources the verdict was read from (that carry it)."
    )
    threshold: float | None = Field(None, description="The confidence a verdict must reach to be shown.")


class KeyStudy(BaseModel):
    """One row of the key-studies table: what a cited study is and found, each fact as its record states it."""

    design: str = Field(description="RCT, cohort study, meta-analysis…: publication type, else as the record names it")
    year: int | None = None
    size: str | None = Field(None, description="The number of people as written ('n = 1,234', '1,234 patients').")
    participants: int | None = Field(None, description="That number, parsed; None when the record states none.")
    population: str | None = Field(None, description="Who was studied, in the record's words or its MeSH age groups.")
    finding: Statement = Field(description="A verbatim sentence of the study's conclusions or results, cited.")
    section: str = Field("", description="The section label the finding comes from (CONCLUSIONS, RESULTS…).")
    direction: str = Field(description="benefit, harm, no difference or unclear (rules over the finding sentence)")
    citation: str = Field(description="The study's reference label.")


class Certainty(BaseModel):
    """GRADE-style certainty of the body of evidence, from the kinds, number, recency and agreement of its sources."""

    level: str = Field(description="high, moderate, low or very low")
    reason: str


class EditorialStatus(BaseModel):
    status: str = "pending human review"
    last_updated: str
    version: int = 1
    reviewed_by: str | None = Field(None, description="The board member who approved this version, when it is approved.")
    reviewed_on: str | None = Field(None, description="The date (ISO) this version was approved.")


class Provenance(BaseModel):
    """How the article was made, so any answer can be audited and reproduced."""

    settings_hash: str
    index_version: str
    models: dict[str, str]
    passage_ids: list[int]
    composer: str
    timings_ms: dict[str, float] = Field(default_factory=dict)
    notes: list[str] = Field(default_factory=list)
    # the Medora build that composed it (medora/build.py); None for articles stored before builds were stamped
    engine: str | None = None


class RelatedArticle(BaseModel):
    """A source close to the question that the article does not use as its answer (offered for further reading)."""

    title: str
    kind: str
    source_key: str


class Article(BaseModel):
    schema_version: str = ARTICLE_SCHEMA_VERSION
    question: str
    question_type: str
    audience: str = "clinician"
    title: str
    urgent_notice: str | None = None
    bottom_line: list[Statement] = Field(default_factory=list)
    sections: list[ArticleSection] = Field(default_factory=list)
    verdict: Verdict | None = None
    verdict_notice: str | None = Field(
        None, description="For a yes/no question without an earned verdict: why none is given."
    )
    key_studies: list[KeyStudy] = Field(default_factory=list, description="For yes/no and comparison questions.")
    certainty: Certainty | None = None
    evidence_summary: str = ""
    insufficient_evidence: bool = Field(False, description="True only when nothing on topic was found (answer_status insufficient).")
    answer_status: str = Field(
        "answered",
        description="answered; partial: the library covers the topic but not all the question's specific terms; "
        "insufficient: nothing on topic",
    )
    uncovered_terms: list[str] = Field(default_factory=list, description="Specific terms no used source names.")
    coverage_notice: str | None = Field(None, description="What the library does not cover, said first.")
    unnamed_findings: list[str] = Field(
        default_factory=list, description="Details of a described case (a vignette's findings) no cited source names."
    )
    findings_notice: str | None = Field(
        None, description="For an answered case description: which of its details the cited sources never mention."
    )
    related_articles: list[RelatedArticle] = Field(default_factory=list)
    references: list[ReferenceEntry] = Field(default_factory=list)
    editorial: EditorialStatus
    disclaimer: str
    provenance: Provenance
    dropped_statements: list[Statement] = Field(default_factory=list, description="Debug view: failed verification.")
