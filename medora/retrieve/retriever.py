"""Question → ranked Evidence: BM25 and dense candidates, fused or re-scored by the learned ranker, then evidence and
recency priors."""

from __future__ import annotations

import datetime
import threading
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np
from sqlalchemy import Engine

from medora.errors import FilterError
from medora.retrieve.described import DescribedIndex, DescribedMatch
from medora.retrieve.embed import Embedder
from medora.retrieve.expand import QueryExpander
from medora.retrieve.fuse import convex_combination, reciprocal_rank_fusion
from medora.retrieve.indexes import KIND_CODES, Indexes
from medora.retrieve.priors import evidence_prior, recency_prior
from medora.retrieve.rerank import CandidateSignals, LinearRanker, feature_matrix
from medora.retrieve.sentence_vectors import read_sentence_vectors, text_key, write_sentence_vectors
from medora.settings import RetrieveSettings
from medora.store import repository
from medora.types import LIBRARY_PREFIX, Evidence, Kind

MODES = ("hybrid", "lexical", "dense")


@dataclass(frozen=True)
class Filters:
    """Restrict evidence to a year range and/or a set of kinds (values of ``medora.types.Kind``)."""

    year_from: int | None = None
    year_to: int | None = None
    kinds: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if self.year_from and self.year_to and self.year_from > self.year_to:
            raise FilterError(f"the year range is reversed ({self.year_from} to {self.year_to}): swap the two years")
        unknown = sorted(set(self.kinds) - set(KIND_CODES))
        if unknown:
            raise FilterError(f"unknown kind {unknown[0]!r}; choose from: {', '.join(KIND_CODES)}")

    @classmethod
    def parse(cls, *, year_from: int | None = None, year_to: int | None = None, kinds: Iterable[str] = ()) -> Filters:
        """Filters from what a person typed: kinds case-insensitively, with the common names ('RCT',
        'systematic-review', 'meta analysis') accepted."""
        return cls(year_from=year_from, year_to=year_to, kinds=frozenset(normalise_kind(kind) for kind in kinds))

    @property
    def active(self) -> bool:
        return bool(self.year_from or self.year_to or self.kinds)


def normalise_kind(text: str) -> str:
    """'RCT' → 'rct', 'Systematic-Review' → 'systematic review'; unknown names pass through (and are refused)."""
    return " ".join(text.strip().lower().replace("_", " ").split()).replace("meta analysis", "meta-analysis").replace(
        "systematic-review", "systematic review"
    ).replace("case control", "case-control")


@dataclass
class Ranked:
    passage_id: int
    score: float
    lexical_rank: int | None
    dense_rank: int | None
    dense_similarity: float | None


MAX_KEPT_SENTENCES = 20_000  # sentence vectors kept for the lead model before the store starts again


class Retriever:
    """Holds the loaded indexes and the embedder; one instance serves many questions."""

    def __init__(
        self,
        *,
        engine: Engine,
        indexes: Indexes,
        embedder: Embedder | None,
        settings: RetrieveSettings,
        expander: QueryExpander | None = None,
        ranker: LinearRanker | None = None,
        current_year: int | None = None,
        descriptions: Mapping[str, tuple[str, ...]] | None = None,
        outside: Mapping[str, tuple[str, ...]] | None = None,
        descriptions_cache: Path | None = None,
        sentences_cache: Path | None = None,
    ) -> None:
        self._engine, self._indexes, self._embedder, self._settings = engine, indexes, embedder, settings
        self._descriptions = dict(descriptions or {})  # overview id → everyday descriptions (library/descriptions.py)
        self._outside = dict(outside or {})  # complaints no overview covers → their everyday descriptions
        self._descriptions_cache = descriptions_cache  # their vectors, kept for the next process
        self._described: DescribedIndex | None = None  # embedded on first use (about 2 s)
        self._described_lock = threading.Lock()
        self._expander = expander if expander is not None else QueryExpander()
        self._current_year = current_year or datetime.date.today().year
        # the last entry is the prior of an unknown kind (code -1): none
        self._kind_prior = np.array([evidence_prior(k, weight=settings.evidence_weight) for k in KIND_CODES] + [1.0])
        self._consumer_code = KIND_CODES.index(Kind.CONSUMER_HEALTH.value)
        self._ranker = ranker if ranker is not None else (LinearRanker.load() if settings.rerank else None)
        self._last_vector: tuple[str, np.ndarray] | None = None  # the last question embedded, read again by vectors()
        self._sentences_cache = sentences_cache  # the lead model's sentence vectors, kept for the next process
        self._sentences: dict[bytes, np.ndarray] | None = None  # by text_key; read from the cache on first use
        self._sentences_lock = threading.Lock()

    def term_weights(self, question: str) -> dict[str, float]:
        """IDF weight of each content word of the question in this library."""
        return self._indexes.lexical.term_weights(question)

    def unheld_words(self, question: str) -> frozenset[str]:
        """The question's content words (as the index tokenizes them) that no passage of this library holds."""
        return self._indexes.lexical.unheld_tokens(question)

    @property
    def degraded(self) -> str | None:
        """Why retrieval runs with less than the configured mode, or None when it runs as configured."""
        if self._settings.mode == "lexical" or (self._embedder is not None and self._indexes.vectors is not None):
            return None
        missing = "dense retrieval is off (embeddings disabled)" if self._embedder is None else "the store has no vectors"
        return f"retrieval ran lexical-only: {missing}; run `medora index --embed-missing` for {self._settings.mode} search"

    @property
    def models(self) -> dict[str, str]:
        """The models that rank this retriever's results, for an article's provenance: the embedding unless retrieval
        runs on words only, and the ranker when hybrid ranking uses one (by the hash of its weights)."""
        mode = self._mode(None)
        if mode == "lexical":
            return {}
        found = {"embedding": self._embedder.model_name}
        if mode == "hybrid" and self._ranker is not None:
            found["ranker"] = self._ranker.fingerprint
        return found

    @property
    def index_version(self) -> str:
        return str(self._indexes.manifest.get("version"))

    def rank(
        self,
        question: str,
        *,
        top_k: int | None = None,
        filters: Filters | None = None,
        mode: str | None = None,
        kind_boost: Mapping[str, float] | None = None,
        lexical_words: str = "",
    ) -> list[Ranked]:
        """Fused (and, in hybrid mode, re-scored), prior-weighted passage ranking: ids and scores, no passage texts read.
        ``kind_boost`` multiplies the scores of passages of those kinds by 1 + its value (a reader's preference,
        e.g. consumer-health pages for patients). ``lexical_words`` join the BM25 query only: the medical words of
        the question's everyday phrases (compose/lay.py), which the dense model reads in the question itself."""
        mode = self._mode(mode)
        top_k = top_k or self._settings.top_k
        lexical, dense, vector = self._candidates(question, mode=mode, filters=filters, lexical_words=lexical_words)
        exact: dict[int, float] = {}  # every candidate's exact cosine, when the ranker's signals computed it
        if mode == "hybrid" and self._ranker is not None:
            signals = self._signals(question, lexical, dense, vector)
            fused = dict(zip(signals.ids.tolist(), self._ranker.probabilities(feature_matrix(signals)).tolist()))
            exact = dict(zip(signals.ids.tolist(), signals.cosine.tolist()))
        elif self._settings.fusion == "convex":
            share = self._settings.lexical_weight / ((self._settings.lexical_weight + self._settings.dense_weight) or 1.0)
            fused = convex_combination(lexical, dense, lexical_share=share)
        else:
            fused = reciprocal_rank_fusion(
                [[pid for pid, _ in lexical], [pid for pid, _ in dense]],
                weights=[self._settings.lexical_weight, self._settings.dense_weight],
                k=self._settings.rrf_k,
            )
        lexical_rank = {pid: rank for rank, (pid, _) in enumerate(lexical, start=1)}
        dense_rank = {pid: rank for rank, (pid, _) in enumerate(dense, start=1)}
        similarity = dict(dense) | exact
        priors = self._priors(list(fused), kind_boost)
        ranked = [
            Ranked(pid, score * prior, lexical_rank.get(pid), dense_rank.get(pid), similarity.get(pid))
            for (pid, score), prior in zip(fused.items(), priors)
        ]
        ranked.sort(key=lambda item: (-item.score, item.passage_id))
        ranked = ranked[:top_k]
        # a passage the approximate dense search missed gets its exact cosine: without it the on-topic gate read it
        # as 0 and dropped a source holding every word of the question ("What is Yutiq?": the one YUTIQ record,
        # cosine 0.43, fell outside the dense candidates); dense_rank stays None, so it is still known as outside
        missing = [item.passage_id for item in ranked if item.dense_similarity is None]
        if vector is None or not missing:
            return ranked
        cosines = self._exact_cosines(missing, vector)
        return [replace(item, dense_similarity=cosines.get(item.passage_id, item.dense_similarity)) for item in ranked]

    def _exact_cosines(self, ids: list[int], vector: np.ndarray) -> dict[int, float]:
        """Each passage's exact cosine to the question, from its stored vector (one read for all of them)."""
        if not ids or self._indexes.vectors is None:
            return {}
        return dict(zip(ids, (self._indexes.vectors.vectors(ids) @ vector).tolist()))

    def vectors(self, question: str, passage_ids: list[int]) -> tuple[np.ndarray, np.ndarray] | None:
        """The question's vector and the stored vectors of these passages (rows in that order), for the citation
        model's vector signals and the lead model (compose/leads.py); None unless dense retrieval runs (``mode =
        "lexical"`` embeds nothing, and the citation model is then the words-only one). The question just searched is
        not embedded again."""
        if self._mode(None) == "lexical":
            return None
        return self._question_vector(question), self._indexes.vectors.vectors(passage_ids)

    def _question_vector(self, question: str) -> np.ndarray:
        """The question's vector; the question just searched is not embedded again."""
        last = self._last_vector
        return last[1] if last is not None and last[0] == question else self._embedder.embed([question])[0]

    def sentence_vectors(self, texts: list[str]) -> np.ndarray | None:
        """Unit vectors of these sentences, rows in that order (an overview's, for the lead model: compose/leads.py),
        each embedded once a data folder: kept in memory and in ``sentences_cache`` (retrieve/sentence_vectors.py;
        the library's overviews hold about 3,000: about 5 MB); None when dense retrieval does not run."""
        if self._mode(None) == "lexical":
            return None
        with self._sentences_lock:
            if self._sentences is None:
                cache = self._sentences_cache
                self._sentences = read_sentence_vectors(cache, self._embedder) if cache is not None else {}
            keys = [text_key(text) for text in texts]
            missing = {key: text for key, text in zip(keys, texts) if key not in self._sentences}
            if len(self._sentences) + len(missing) > MAX_KEPT_SENTENCES:
                self._sentences.clear()  # sentences of ingested sources asked about one by one: start again
                missing = dict(zip(keys, texts))
            if missing:
                self._sentences.update(zip(missing, self._embedder.embed(list(missing.values()))))
                if self._sentences_cache is not None:
                    write_sentence_vectors(self._sentences_cache, self._embedder, self._sentences)
            return np.array([self._sentences[key] for key in keys])

    def described_matches(self, question: str) -> list[DescribedMatch]:
        """How close the question is to each library overview's everyday descriptions (the mean cosine of its three
        closest lines) and to each complaint outside the library, closest first (retrieve/described.py); empty when
        dense retrieval does not run or the library has no descriptions."""
        if self._mode(None) == "lexical" or not self._descriptions:
            return []
        with self._described_lock:  # one build, however many requests ask at once (the web server's threads)
            if self._described is None:
                self._described = DescribedIndex(
                    self._descriptions, self._embedder, self._outside, cache=self._descriptions_cache
                )
        return self._described.matches(self._question_vector(question))

    def descriptions_of(self, key: str) -> tuple[str, ...]:
        """The everyday descriptions of a library overview by its source key ("library:gout"); none for other sources."""
        return self._descriptions.get(key.removeprefix(LIBRARY_PREFIX), ()) if key.startswith(LIBRARY_PREFIX) else ()

    def source_id_of(self, key: str) -> int | None:
        """The stored id of the source with this key ("library:gout"), or None when it is not stored."""
        with self._engine.connect() as conn:
            return repository.source_id_of(conn, key=key)

    def candidate_signals(self, question: str, *, filters: Filters | None = None) -> CandidateSignals:
        """The ranker's inputs for every hybrid candidate of ``question`` (what bench/train_ranker.py fits on)."""
        if self._mode("hybrid") != "hybrid":
            raise ValueError("ranking signals need dense retrieval: ingest with embeddings first")
        lexical, dense, vector = self._candidates(question, mode="hybrid", filters=filters)
        return self._signals(question, lexical, dense, vector)

    def _mode(self, mode: str | None) -> str:
        mode = mode or self._settings.mode
        if mode not in MODES:
            raise ValueError(f"unknown retrieval mode {mode!r}; choose one of {', '.join(MODES)}")
        if mode != "lexical" and (self._embedder is None or self._indexes.vectors is None):
            return "lexical"
        return mode

    def _candidates(
        self, question: str, *, mode: str, filters: Filters | None, lexical_words: str = ""
    ) -> tuple[list[tuple[int, float]], list[tuple[int, float]], np.ndarray | None]:
        """BM25 list (on the expanded question), dense list (on the question as asked) and the question vector;
        the filters are pushed down to each index."""
        where = filters if filters is not None and filters.active else None
        lexical: list[tuple[int, float]] = []
        dense: list[tuple[int, float]] = []
        vector = None
        if mode in ("hybrid", "lexical"):
            query = f"{question} {lexical_words}" if lexical_words else question
            query = self._expander.expand(query) if self._settings.expand_queries else query
            lexical = self._indexes.lexical.search(query, k=self._settings.candidates, where=where)
        if mode in ("hybrid", "dense"):
            vector = self._embedder.embed([question])[0]
            self._last_vector = (question, vector)
            dense = self._indexes.vectors.search(vector, k=self._settings.candidates, where=where)
        return lexical, dense, vector

    def _signals(
        self, question: str, lexical: list[tuple[int, float]], dense: list[tuple[int, float]], vector: np.ndarray
    ) -> CandidateSignals:
        bm25, cosine = dict(lexical), dict(dense)
        ids = list(dict.fromkeys([pid for pid, _ in lexical] + [pid for pid, _ in dense]))
        cosine |= self._exact_cosines([pid for pid in ids if pid not in cosine], vector)
        lexical_rank = {pid: rank for rank, (pid, _) in enumerate(lexical)}
        dense_rank = {pid: rank for rank, (pid, _) in enumerate(dense)}
        term_idf, term_present = self._indexes.lexical.term_stats(question, ids)
        kinds, _years = self._indexes.table.facts(ids)
        return CandidateSignals(
            ids=np.array(ids, dtype=np.int64),
            bm25=np.array([bm25.get(pid, np.nan) for pid in ids]),
            cosine=np.array([cosine[pid] for pid in ids]),
            lexical_rank=np.array([lexical_rank.get(pid, -1) for pid in ids]),
            dense_rank=np.array([dense_rank.get(pid, -1) for pid in ids]),
            term_idf=term_idf,
            term_present=term_present,
            consumer_health=kinds == self._consumer_code,
            list_length=self._settings.candidates,
        )

    def search(
        self,
        question: str,
        *,
        top_k: int | None = None,
        filters: Filters | None = None,
        mode: str | None = None,
        kind_boost: Mapping[str, float] | None = None,
        lexical_words: str = "",
    ) -> list[Evidence]:
        """The top passages as Evidence, each with its full Source, best first."""
        return self._to_evidence(
            self.rank(question, top_k=top_k, filters=filters, mode=mode, kind_boost=kind_boost,
                      lexical_words=lexical_words)
        )

    def whole_source(self, source_id: int) -> list[Evidence]:
        """Every passage of a retrieved source, in reading order (used to lay out an editorial overview)."""
        with self._engine.connect() as conn:
            ids = repository.passage_ids_of_source(conn, source_id=source_id)
        return self._to_evidence([Ranked(pid, 0.0, None, None, None) for pid in ids])

    def _to_evidence(self, ranked: list[Ranked]) -> list[Evidence]:
        with self._engine.connect() as conn:
            rows = repository.fetch_passages(conn, passage_ids=[item.passage_id for item in ranked])
        evidence = []
        for item in ranked:
            if item.passage_id not in rows:
                continue  # deleted since the index was built; never cite what the store no longer holds
            row, source_id, source = rows[item.passage_id]
            evidence.append(
                Evidence(
                    passage_id=item.passage_id,
                    source_id=source_id,
                    source=source,
                    section=row.section,
                    text=row.text,
                    start=row.start,
                    end=row.end,
                    score=item.score,
                    lexical_rank=item.lexical_rank,
                    dense_rank=item.dense_rank,
                    dense_similarity=item.dense_similarity,
                )
            )
        return evidence

    def _priors(self, ids: list[int], kind_boost: dict[str, float] | None = None) -> list[float]:
        """Evidence-level times recency prior of each passage (1.0 for a passage the backend does not know), times
        an optional boost by kind (patients' further reading)."""
        kinds, years = self._indexes.table.facts(ids)
        boost = kind_boost or {}
        return [
            float(self._kind_prior[kind]) * recency_prior(
                int(year) or None,
                current_year=self._current_year,
                weight=self._settings.recency_weight,
                half_life_years=self._settings.recency_half_life_years,
            ) * (1.0 + boost.get(KIND_CODES[kind], 0.0))
            if kind >= 0
            else 1.0
            for kind, year in zip(kinds.tolist(), years.tolist())
        ]
