"""BENCH ONLY: vectors for generated passages DERIVED from real ones, never computed by the model.

Embedding 1 M passages with MiniLM takes about 10 hours on 2 cores, so the scale benchmark gives each generated
passage the normalised mean of the REAL stored vectors of the benchmark-workspace sources its sentences were drawn
from (found again by exact sentence, or by a sentence's first 48 characters when the chunker joined two), plus
small seeded noise, then renormalises. It speaks the ``Embedder`` protocol only so that the real ingest pipeline can
run unchanged; it is never used by the product path (nothing under medora/ imports it), and every figure that reads
these vectors is labelled "derived vectors" in bench/results/scale_*.json and docs/scale.md."""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
from sqlalchemy import Engine, func, select

from medora.eval.synthetic_pubmed import Donor
from medora.sentences import split_sentences
from medora.store.schema import embeddings, passages, sources

PREFIX = 48
NOISE = 0.012  # per dimension: noise of norm ≈ 0.24, so a derived vector keeps cosine ≈ 0.97 with its mean


def source_vectors(engine: Engine, *, model: str) -> dict[str, np.ndarray]:
    """PMID → normalised mean of its passages' real vectors, read from the benchmark workspace (read only)."""
    rows = select(sources.c.pmid, embeddings.c.vector).select_from(
        embeddings.join(passages, passages.c.id == embeddings.c.passage_id).join(
            sources, sources.c.id == passages.c.source_id
        )
    ).where(embeddings.c.model == model, sources.c.pmid.is_not(None))
    sums: dict[str, np.ndarray] = {}
    with engine.connect() as conn:
        for pmid, blob in conn.execute(rows):
            vector = np.frombuffer(blob, dtype=np.float32)
            sums[pmid] = sums[pmid] + vector if pmid in sums else vector.copy()
    return {pmid: total / max(float(np.linalg.norm(total)), 1e-12) for pmid, total in sums.items()}


class DerivedEmbedder:
    """``embed(texts)`` → derived vectors (see the module docstring); named after the real model so the index build
    and the question embedder (the real one) read them as that model's vectors."""

    def __init__(self, donors: list[Donor], vectors: dict[str, np.ndarray], *, model_name: str) -> None:
        self.model_name = model_name
        self.matrix = np.vstack([vectors.get(d.pmid, np.zeros(384, dtype=np.float32)) for d in donors])
        self.by_sentence: dict[str, int] = {}
        self.by_prefix: dict[str, int] = {}
        for index, donor in enumerate(donors):
            if donor.pmid not in vectors:
                continue
            for _, sentence in donor.sentences:
                self.by_sentence.setdefault(sentence, index)
                self.by_prefix.setdefault(sentence[:PREFIX], index)
            if donor.title:
                self.by_sentence.setdefault(donor.title, index)
        self.unmatched = 0

    def donors_of(self, text: str) -> list[int]:
        found = []
        for sentence in split_sentences(text):
            index = self.by_sentence.get(sentence.rstrip("."), self.by_sentence.get(sentence))
            if index is None:
                index = self.by_prefix.get(sentence[:PREFIX])
            if index is not None:
                found.append(index)
        return found

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        result = np.zeros((len(texts), self.matrix.shape[1]), dtype=np.float32)
        for row, text in enumerate(texts):
            found = self.donors_of(text)
            random = np.random.default_rng(zlib.crc32(text.encode()))
            if not found:
                self.unmatched += 1
                mean = random.normal(size=self.matrix.shape[1]).astype(np.float32)
            else:
                mean = self.matrix[found].mean(axis=0)
            mean = mean / max(float(np.linalg.norm(mean)), 1e-12)
            noisy = mean + random.normal(scale=NOISE, size=mean.shape).astype(np.float32)
            result[row] = noisy / np.linalg.norm(noisy)
        return result


def count_vectors(engine: Engine, *, model: str) -> int:
    with engine.connect() as conn:
        return int(conn.execute(select(func.count()).select_from(embeddings).where(embeddings.c.model == model)).scalar())
