"""Which retrieved evidence an article may use: on-topic passages, a matching editorial overview, the citable pool.

Pure functions over Evidence and the question's IDF weights; the answer pipeline does the retrieval calls."""

from __future__ import annotations

from dataclasses import dataclass

from medora.compose.analyse import RedFlag
from medora.retrieve.tokenize import content_words
from medora.types import Evidence, Kind

MIN_QUESTION_COVERAGE = 0.5  # share of the question's content words a passage must contain to count as on-topic
MIN_DENSE_SIMILARITY = 0.35  # cosine similarity of passage and question that makes a passage on-topic by itself
MIN_DENSE_WITH_WORDS = 0.25  # a lower similarity suffices when the passage also covers the question's words
OVERVIEW_MATCH = 0.6  # an overview this on-topic (word coverage or similarity) is laid out section by section
OVERVIEW_SIMILARITY = 0.5


@dataclass
class Selection:
    """What the composer receives: every retrieved passage, the on-topic ones, a matching overview and the pool."""

    retrieved: list[Evidence]
    on_topic: list[Evidence]
    overview: Evidence | None
    pool: list[Evidence]

    @property
    def citable_source_ids(self) -> set[int]:
        return {item.source_id for item in self.pool}


def question_weights(question: str, idf: dict[str, float]) -> dict[str, float]:
    """The IDF weights of the question's own content words (expansions excluded)."""
    words = content_words(question)
    return {token: weight for token, weight in idf.items() if token in words}


def topic_coverage(evidence: Evidence, weights: dict[str, float]) -> float:
    """IDF-weighted share of the question's content words that the passage (with its title) contains."""
    words = content_words(f"{evidence.source.title} {evidence.text} {' '.join(evidence.source.mesh)}")
    total = sum(weights.values())
    return sum(w for token, w in weights.items() if token in words) / total if total else 0.0


def is_on_topic(evidence: Evidence, weights: dict[str, float], *, dense_used: bool) -> bool:
    """Semantic similarity decides when dense retrieval ran (a passage outside its candidates counts as 0);
    word coverage alone decides in lexical-only mode. Measured on the library coverage set: on-topic questions
    reach a cosine of 0.48 or more, off-topic ones stay under 0.19."""
    coverage = topic_coverage(evidence, weights)
    if not dense_used:
        return coverage >= MIN_QUESTION_COVERAGE
    similarity = evidence.dense_similarity or 0.0
    return similarity >= MIN_DENSE_SIMILARITY or (similarity >= MIN_DENSE_WITH_WORDS and coverage >= MIN_QUESTION_COVERAGE)


def on_topic_evidence(retrieved: list[Evidence], weights: dict[str, float]) -> list[Evidence]:
    dense_used = any(item.dense_similarity is not None for item in retrieved)
    return [item for item in retrieved if is_on_topic(item, weights, dense_used=dense_used)]


def matching_overview(evidence: list[Evidence], weights: dict[str, float]) -> Evidence | None:
    """The top-ranked editorial overview, when it is squarely on the question's topic."""
    for item in evidence[:5]:
        if item.source.kind is Kind.EDITORIAL_SUMMARY and (
            topic_coverage(item, weights) >= OVERVIEW_MATCH or (item.dense_similarity or 0.0) >= OVERVIEW_SIMILARITY
        ):
            return item
    return None


def citable_pool(
    on_topic: list[Evidence],
    *,
    overview: Evidence | None,
    overview_passages: list[Evidence],
    min_relative_score: float,
    max_sources: int,
) -> list[Evidence]:
    """The passages an article may cite: a whole matching overview plus other on-topic evidence, or else the
    on-topic sources scoring close to the best."""
    if overview is not None:
        return overview_passages + [item for item in on_topic if item.source_id != overview.source_id]
    best = on_topic[0].score if on_topic else 0.0
    close_to_best = [item for item in on_topic if item.score >= min_relative_score * best]
    top_sources = list(dict.fromkeys(item.source_id for item in close_to_best))[:max_sources]
    return [item for item in on_topic if item.source_id in top_sources]


def flag_in_question_topic(flag: RedFlag, question: str) -> bool:
    """Evidence-borne flags count only when the question shares a word with the flag's name."""
    return bool(content_words(flag.name) & content_words(question))
