"""One Settings object, built once at the edge (CLI, app factory) and passed down.

Every field can be set from the environment with the ``MEDORA_`` prefix; nested groups use ``__``
(``MEDORA_RETRIEVE__TOP_K=20``). Nothing below this module reads the environment.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Literal

from platformdirs import user_data_dir
from pydantic import BaseModel, ConfigDict, Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class IngestSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    batch_size: int = Field(256, ge=1, description="Records per transaction; a kill loses at most one batch.")
    chunk_words: int = Field(160, ge=20, description="Target passage length in words (section-aware chunks).")
    chunk_overlap_sentences: int = Field(1, ge=0, description="Sentences repeated between consecutive chunks.")
    chunk_max_chars: int = Field(
        4000,
        ge=200,
        description="Longest passage in characters (about 600 words, far above the 160-word target): a longer "
        "sentence, or text with no sentence breaks, is cut at whitespace, so one huge record cannot become "
        "one huge passage.",
    )
    embed: bool = Field(True, description="Embed passages while ingesting (needed for dense retrieval).")
    embed_provider: Literal["CPUExecutionProvider", "CUDAExecutionProvider"] = Field(
        "CPUExecutionProvider",
        description="onnxruntime execution provider of the embedding model: CUDA needs onnxruntime-gpu and an NVIDIA "
        "GPU (Medora says so when either is missing); CPU is the default and the tested path.",
    )


class RetrieveSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    top_k: int = Field(
        20, ge=1, description="Passages returned to the composer (enough for an article to cite up to 10 sources)."
    )
    candidates: int = Field(100, ge=10, description="Candidates taken from each of BM25 and dense before fusion.")
    fusion: Literal["rrf", "convex"] = Field("convex", description="convex: scaled-score mix (measured best); rrf: rank fusion.")
    rrf_k: int = Field(60, ge=1, description="Reciprocal rank fusion constant (Cormack et al., 2009).")
    lexical_weight: float = Field(0.55, ge=0, description="Weight of the BM25 list in fusion.")
    dense_weight: float = Field(0.45, ge=0, description="Weight of the dense list in fusion.")
    bm25_k1: float = Field(0.7, gt=0, description="BM25 term-frequency saturation (tuned on BioASQ dev).")
    bm25_b: float = Field(0.6, ge=0, le=1, description="BM25 length normalisation (tuned on BioASQ dev).")
    delta_share: float = Field(
        0.1,
        ge=0,
        description="An ingest adds a delta segment to the embedded indexes until new plus deleted passages pass this "
        "share of the main index; then it rebuilds them whole (0: always rebuild).",
    )
    evidence_weight: float = Field(0.05, ge=0, description="Strength of the evidence-level prior.")
    recency_weight: float = Field(0.02, ge=0, description="Strength of the recency prior.")
    recency_half_life_years: float = Field(10.0, gt=0, description="Years after which the recency prior halves.")
    rerank: bool = Field(
        True, description="Hybrid mode: re-score the candidates with the shipped linear ranker instead of fixed fusion."
    )
    expand_queries: bool = Field(True, description="Add abbreviation and synonym expansions to the BM25 query.")
    mode: Literal["hybrid", "lexical", "dense"] = Field("hybrid", description="hybrid, lexical or dense.")
    patient_consumer_health_boost: float = Field(
        1.0,
        ge=0,
        description="Patients' plain-language reading list: consumer-health passages score × (1 + this). The "
        "article's own evidence and citations are the same for every audience.",
    )
    backend: Literal["auto", "embedded", "postgres"] = Field(
        "auto",
        description="Where search runs: embedded (bm25s and faiss files in the data folder) or postgres (full-text "
        "search and pgvector in the store's database); auto picks postgres when the store is PostgreSQL.",
    )
    vector_storage: Literal["auto", "float32", "int8"] = Field(
        "auto",
        description="Embedded vector index: float32, or int8 (faiss 8-bit scalar quantizer, a quarter of the size); "
        "auto uses int8 from int8_from_passages on and keeps small stores exact.",
    )
    int8_from_passages: int = Field(
        200_000,
        ge=0,
        description="Store size (passages) from which the large-store index layout applies: int8 vectors under "
        "vector_storage auto, HNSW M 16 and float16 BM25 scores (docs/scale.md).",
    )


class ComposeSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    max_sentences: int = Field(10, ge=1, description="Sentences in an extractive article body.")
    max_sources: int = Field(10, ge=1, description="Best-ranked on-topic sources an extractive article may cite.")
    min_relative_score: float = Field(
        0.5, ge=0, le=1, description="A source is citable only if its retrieval score is at least this share of the best."
    )
    min_support: float = Field(0.5, ge=0, le=1, description="Share of a claim's content words its passage must hold.")
    cite_by_model: bool = Field(
        True,
        description="Choose the cited sources with the fitted citation model (compose/relevance.py) instead of "
        "min_relative_score alone; max_sources still caps them.",
    )
    composer: Literal["extractive", "llm"] = Field(
        "extractive", description="extractive (embedded) or llm (OpenAI-compatible endpoint)."
    )


class LLMSettings(BaseModel):
    model_config = ConfigDict(extra="forbid")
    base_url: str | None = Field(None, description="OpenAI-compatible endpoint, e.g. http://127.0.0.1:8080/v1.")
    model: str = Field("local", description="Model name sent to the endpoint.")
    api_key: str = Field("not-needed", description="API key for the endpoint (local servers ignore it).")
    timeout_seconds: float = Field(60.0, gt=0, description="Request timeout before falling back to extractive.")
    max_tokens: int = Field(800, ge=16, description="Completion budget.")
    json_mode: Literal["schema", "object", "off"] = Field(
        "schema",
        description="schema: JSON constrained to the draft's shape (llama.cpp, vLLM); object: any JSON (OpenAI); off.",
    )


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="MEDORA_", env_nested_delimiter="__", extra="forbid")
    home: Path = Field(default_factory=lambda: Path(user_data_dir("medora")), description="Data directory.")
    database_url: str | None = Field(None, description="SQLAlchemy URL; defaults to SQLite in the data directory.")
    mesh_descriptors: Path | None = Field(
        None, description="Optional MeSH descriptors TSV (id, name, entry terms) for synonym expansion."
    )
    ingest: IngestSettings = Field(default_factory=IngestSettings)
    retrieve: RetrieveSettings = Field(default_factory=RetrieveSettings)
    compose: ComposeSettings = Field(default_factory=ComposeSettings)
    llm: LLMSettings = Field(default_factory=LLMSettings)

    @property
    def resolved_database_url(self) -> str:
        return self.database_url or f"sqlite:///{self.home / 'medora.sqlite'}"

    @property
    def index_dir(self) -> Path:
        return self.home / "index"

    def fingerprint(self) -> str:
        """A short hash of the settings that shape answers, recorded on every article."""
        shaping = {k: v for k, v in self.model_dump(mode="json").items() if k in ("retrieve", "compose")}
        return hashlib.sha256(json.dumps(shaping, sort_keys=True).encode()).hexdigest()[:12]
