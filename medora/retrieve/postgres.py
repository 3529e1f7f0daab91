"""The PostgreSQL backends behind the search protocols: full-text search (a tsvector weighted title A, text B, under
a GIN index) and pgvector (cosine HNSW), both in the ``search`` schema of the store itself (migration 0005).

Nothing is rebuilt: ``sync`` adds the rows of passages the search table lacks (its tsvector computed by PostgreSQL,
its vector copied from the store's embeddings) and deletes cascade from the passages, so every process reading the
database sees a new record as soon as its ingest is synced. Query words are the same biomedical stems the embedded
BM25 uses, matched as lexemes, and scored by BM25 in SQL over a postings table (migration 0007); PostgreSQL's stemmer
and tokeniser differ from Medora's in places, so rankings are close to, not equal to, the embedded ones."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sqlalchemy import Connection, Engine, bindparam, text

from medora.retrieve.indexes import KIND_CODES, Indexes
from medora.retrieve.protocols import SearchFilter
from medora.retrieve.tokenize import index_tokens
from medora.store import repository

EF_SEARCH, EF_SEARCH_FILTERED = 128, 1000  # HNSW candidates; a filter applies after the scan, so look further


def is_postgres(engine: Engine) -> bool:
    return engine.dialect.name == "postgresql"


def _tsquery(tokens: Sequence[str]) -> str:
    """An OR of exact lexemes as tsquery text (quoted, so PostgreSQL does not re-stem or re-split them)."""
    return " | ".join("'" + token.replace("'", "''").replace("\\", "") + "'" for token in tokens)


def _where(where: SearchFilter | None, params: dict) -> str:
    """SQL conditions for a pushed-down filter (a missing year, stored as 0, fails a year bound)."""
    if where is None or not where.active:
        return ""
    clauses = []
    if where.year_from:
        clauses.append("year >= :year_from")
        params["year_from"] = where.year_from
    if where.year_to:
        clauses.append("year <= :year_to AND year > 0")
        params["year_to"] = where.year_to
    if where.kinds:
        clauses.append("kind = ANY(:kinds)")
        params["kinds"] = sorted(where.kinds)
    return "".join(f" AND {clause}" for clause in clauses)


class PostgresLexical:
    """BM25 (Lucene's variant, as bm25s scores it) computed in SQL: PostgreSQL's own ts_rank ignores how rare a word
    is, which halved nDCG@10 on BioASQ. Document frequencies and the average length come from statistics tables kept
    by triggers; term frequencies and lengths from ``search.postings`` (one index range per question word, read from
    the index alone), not from the tsvector of every matching passage, which cost ten times more at 56 k passages."""

    def __init__(self, engine: Engine, *, k1: float = 0.7, b: float = 0.6) -> None:
        self._engine, self._k1, self._b = engine, k1, b

    def __len__(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(text("SELECT documents FROM search.totals")).scalar())

    def search(self, query: str, *, k: int, where: SearchFilter | None = None) -> list[tuple[int, float]]:
        tokens = sorted(set(index_tokens(query)))
        if not tokens:
            return []
        with self._engine.connect() as conn:
            total, average_length, frequency = _statistics(conn, tokens)
            idf = _idf(total, frequency)
            known = [(token, weight) for token, weight, df in zip(tokens, idf.tolist(), frequency.tolist()) if df]
            if not known:
                return []
            params: dict = {
                "lexemes": [token for token, _ in known],
                "idfs": [weight for _, weight in known],
                "k": k,
                "k1": self._k1,
                "b": self._b,
                "average": average_length or 1.0,
            }
            allowed, kept = "", ""
            if conditions := _where(where, params):
                # a filter first narrows the passages through the GIN index and the row's kind and year (a probe of
                # search.passages per posting cost 4x the unfiltered search); the postings are then kept by a hash
                params["query"] = _tsquery(params["lexemes"])
                allowed = (
                    ", allowed AS MATERIALIZED (SELECT passage_id FROM search.passages "
                    f"WHERE document @@ CAST(:query AS tsquery){conditions})"
                )
                kept = "WHERE p.passage_id IN (SELECT passage_id FROM allowed) "
            sql = (
                "WITH q AS (SELECT * FROM unnest(CAST(:lexemes AS text[]), CAST(:idfs AS float8[])) AS q(lexeme, idf))"
                f"{allowed} "
                "SELECT p.passage_id, sum(q.idf * p.tf / (p.tf + :k1 * (1 - :b + :b * p.length / :average))) AS score "
                f"FROM q JOIN search.postings p ON p.lexeme = q.lexeme {kept}"
                "GROUP BY p.passage_id ORDER BY score DESC, p.passage_id LIMIT :k"
            )
            return [(int(pid), float(score)) for pid, score in conn.execute(text(sql), params)]

    def add(self, ids: Sequence[int]) -> None:
        with self._engine.begin() as conn:
            _insert_rows(conn, ids=list(ids))

    def delete(self, ids: Sequence[int]) -> None:
        with self._engine.begin() as conn:
            conn.execute(text("DELETE FROM search.passages WHERE passage_id = ANY(:ids)"), {"ids": list(ids)})

    def term_weights(self, text_: str) -> dict[str, float]:
        tokens = sorted(set(index_tokens(text_)))
        with self._engine.connect() as conn:
            total, _, frequency = _statistics(conn, tokens)
        return dict(zip(tokens, _idf(total, frequency).tolist()))

    def unheld_tokens(self, text_: str) -> frozenset[str]:
        tokens = sorted(set(index_tokens(text_)))
        with self._engine.connect() as conn:
            _, _, frequency = _statistics(conn, tokens)
        return frozenset(token for token, count in zip(tokens, frequency) if count == 0)

    def term_stats(self, text_: str, candidates: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        tokens = sorted(set(index_tokens(text_)))
        present = np.zeros((len(tokens), len(candidates)), dtype=bool)
        with self._engine.connect() as conn:
            total, _, frequency = _statistics(conn, tokens)
            if tokens and len(candidates):
                params: dict = {"ids": [int(c) for c in candidates]}
                tests = []
                for i, token in enumerate(tokens):
                    params[f"t{i}"] = _tsquery([token])
                    tests.append(f"document @@ CAST(:t{i} AS tsquery)")
                sql = f"SELECT passage_id, {', '.join(tests)} FROM search.passages WHERE passage_id = ANY(:ids)"
                column = {int(pid): j for j, pid in enumerate(candidates)}
                for row in conn.execute(text(sql), params):
                    present[:, column[int(row[0])]] = row[1:]
        return _idf(total, frequency), present


def _statistics(conn: Connection, tokens: list[str]) -> tuple[int, float, np.ndarray]:
    """(passages, their average length in words, document frequency of each token), read from the statistics the
    triggers of migration 0005 keep (no counting at question time)."""
    total, words = conn.execute(text("SELECT documents, words FROM search.totals")).one()
    found = dict(
        conn.execute(text("SELECT lexeme, documents FROM search.terms WHERE lexeme = ANY(:tokens)"), {"tokens": tokens}).all()
    ) if tokens else {}
    frequency = np.array([max(found.get(token, 0), 0) for token in tokens], dtype=float)
    return int(total), float(words) / total if total else 0.0, frequency


def _idf(total: int, frequency: np.ndarray) -> np.ndarray:
    """BM25's (Lucene) inverse document frequency, as the embedded index computes it."""
    return np.log(1 + (max(total, 1) - frequency + 0.5) / (frequency + 0.5))


class PostgresVectors:
    """pgvector HNSW over the vectors of one embedding model."""

    def __init__(self, engine: Engine, *, model: str) -> None:
        self._engine, self._model = engine, model

    def __len__(self) -> int:
        with self._engine.connect() as conn:
            return int(conn.execute(text("SELECT vectors FROM search.totals")).scalar())  # kept by triggers (0006)

    def search(self, vector: np.ndarray, *, k: int, where: SearchFilter | None = None) -> list[tuple[int, float]]:
        params: dict = {"vector": _vector_text(vector), "k": k}
        conditions = _where(where, params)
        ef = max(EF_SEARCH_FILTERED if conditions else EF_SEARCH, min(k, 1000))
        sql = (
            "SELECT passage_id, 1 - (embedding <=> CAST(:vector AS vector)) FROM search.passages "
            f"WHERE embedding IS NOT NULL{conditions} ORDER BY embedding <=> CAST(:vector AS vector) LIMIT :k"
        )
        with self._engine.begin() as conn:
            conn.execute(text(f"SET LOCAL hnsw.ef_search = {int(ef)}"))
            return [(int(pid), float(similarity)) for pid, similarity in conn.execute(text(sql), params)]

    def add(self, ids: Sequence[int]) -> None:
        with self._engine.begin() as conn:
            _copy_vectors(conn, model=self._model, ids=list(ids))

    def delete(self, ids: Sequence[int]) -> None:
        with self._engine.begin() as conn:
            conn.execute(
                text("UPDATE search.passages SET embedding = NULL WHERE passage_id = ANY(:ids)"), {"ids": list(ids)}
            )

    def vectors(self, ids: list[int]) -> np.ndarray:
        """The store's own float32 vectors (exact, as the embedded backend gives them)."""
        if not ids:
            return np.zeros((0, 384), dtype=np.float32)
        with self._engine.connect() as conn:
            rows = dict(
                conn.execute(
                    text("SELECT passage_id, vector FROM embeddings WHERE model = :model AND passage_id = ANY(:ids)"),
                    {"model": self._model, "ids": [int(i) for i in ids]},
                ).all()
            )
        return np.vstack([np.frombuffer(rows[int(i)], dtype=np.float32) for i in ids])


class PostgresFacts:
    """Kinds and years of passages, read from the search table (for the priors and the ranker)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def facts(self, ids: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
        kinds = np.full(len(ids), -1, dtype=np.int16)
        years = np.zeros(len(ids), dtype=np.int16)
        if not len(ids):
            return kinds, years
        with self._engine.connect() as conn:
            rows = {
                int(pid): (kind, year)
                for pid, kind, year in conn.execute(
                    text("SELECT passage_id, kind, year FROM search.passages WHERE passage_id = ANY(:ids)"),
                    {"ids": [int(i) for i in ids]},
                )
            }
        for i, pid in enumerate(ids):
            if int(pid) in rows:
                kind, year = rows[int(pid)]
                kinds[i] = KIND_CODES.index(kind) if kind in KIND_CODES else -1
                years[i] = year
        return kinds, years


def _vector_text(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.8g}" for x in np.asarray(vector, dtype=np.float32).ravel().tolist()) + "]"


def _insert_rows(conn: Connection, *, ids: list[int] | None = None) -> int:
    """Search rows for the given passages (None: every passage that has none yet), the tsvector made by PostgreSQL."""
    chosen = "p.id = ANY(:ids)" if ids is not None else "NOT EXISTS (SELECT 1 FROM search.passages s WHERE s.passage_id = p.id)"
    if ids is not None:  # a changed passage is deleted and re-inserted: the term statistics triggers see both
        conn.execute(text("DELETE FROM search.passages WHERE passage_id = ANY(:ids)"), {"ids": ids})
    result = conn.execute(
        text(
            "INSERT INTO search.passages (passage_id, kind, year, document, length) "
            "SELECT p.id, src.kind, coalesce(src.year, 0), d.document, "
            " (SELECT coalesce(sum(coalesce(array_length(positions, 1), 1)), 0) FROM unnest(d.document)) "
            "FROM passages p JOIN sources src ON src.id = p.source_id "
            "CROSS JOIN LATERAL (SELECT setweight(to_tsvector('english', coalesce(src.title, '')), 'A') || "
            " setweight(to_tsvector('english', p.text), 'B') AS document) AS d "
            f"WHERE {chosen}"
        ),
        {"ids": ids} if ids is not None else {},
    )
    return result.rowcount


def _copy_vectors(conn: Connection, *, model: str, ids: list[int] | None = None, batch: int = 2000) -> int:
    """Copy stored embeddings of ``model`` into search rows that lack them (or into the given passages' rows)."""
    chosen = "s.passage_id = ANY(:ids)" if ids is not None else "s.embedding IS NULL"
    copied = 0
    last = 0
    while True:
        rows = conn.execute(
            text(
                "SELECT e.passage_id, e.vector FROM embeddings e JOIN search.passages s ON s.passage_id = e.passage_id "
                f"WHERE e.model = :model AND {chosen} AND e.passage_id > :last ORDER BY e.passage_id LIMIT :batch"
            ),
            {"model": model, "last": last, "batch": batch} | ({"ids": ids} if ids is not None else {}),
        ).all()
        if not rows:
            return copied
        conn.execute(
            text("UPDATE search.passages SET embedding = CAST(:vector AS vector) WHERE passage_id = :pid").bindparams(
                bindparam("vector"), bindparam("pid")
            ),
            [{"pid": pid, "vector": _vector_text(np.frombuffer(blob, dtype=np.float32))} for pid, blob in rows],
        )
        copied += len(rows)
        last = rows[-1][0]


def sync(engine: Engine, *, model: str | None) -> dict:
    """Bring the search table up to the store in place: rows for new passages, vectors for new embeddings (deleted
    passages cascade). Returns how many of each were added."""
    with engine.begin() as conn:
        added = _insert_rows(conn)
        vectors = _copy_vectors(conn, model=model) if model and _has_vector_column(conn) else 0
    return {"passages": added, "vectors": vectors}


def is_synced(engine: Engine, *, model: str | None) -> bool:
    """True when every passage has its search row and (with a model) every stored vector is searchable."""
    with engine.connect() as conn:
        lagging = conn.execute(
            text(
                "SELECT EXISTS (SELECT 1 FROM passages p WHERE NOT EXISTS "
                "(SELECT 1 FROM search.passages s WHERE s.passage_id = p.id))"
            )
        ).scalar()
        if not lagging and model and _has_vector_column(conn):
            lagging = conn.execute(
                text(
                    "SELECT EXISTS (SELECT 1 FROM search.passages s JOIN embeddings e ON e.passage_id = s.passage_id "
                    "WHERE s.embedding IS NULL AND e.model = :model)"
                ),
                {"model": model},
            ).scalar()
    return not lagging


def _has_vector_column(conn: Connection) -> bool:
    return bool(
        conn.execute(
            text(
                "SELECT 1 FROM information_schema.columns "
                "WHERE table_schema = 'search' AND table_name = 'passages' AND column_name = 'embedding'"
            )
        ).first()
    )


def load_postgres_indexes(engine: Engine, *, model: str | None, bm25: tuple[float, float] = (0.7, 0.6)) -> Indexes:
    """The PostgreSQL backends as the Indexes a Retriever reads; the version names the store's passage state."""
    with engine.connect() as conn:
        state = repository.passage_state(conn)
        vectors = model is not None and _has_vector_column(conn)
    return Indexes(
        lexical=PostgresLexical(engine, k1=bm25[0], b=bm25[1]),
        vectors=PostgresVectors(engine, model=model) if vectors else None,
        table=PostgresFacts(engine),
        manifest={"backend": "postgres", "model": model, "version": f"{state['passages']}-{state['max_passage_id']}"},
    )
