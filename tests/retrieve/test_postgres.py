"""Search inside PostgreSQL (full-text search + pgvector, a real PostgreSQL 16 from pgserver): same protocols and
retrieval API as the embedded backends, rankings close to theirs, and new records searchable without a rebuild."""

import itertools
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from medora.retrieve import protocols
from medora.retrieve.indexes import KIND_CODES
from medora.retrieve.postgres import PostgresLexical
from medora.retrieve.retriever import Filters
from medora.workspace import Workspace
from tests.conftest import postgres_url
from tests.retrieve import parity


@pytest.fixture(scope="module")
def library(postgres, tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    if not (parity.SHARED / "data").is_dir():
        pytest.skip("shared data not found (set MEDORA_SHARED)")
    return parity.workspace(tmp_path_factory.mktemp("pg") / "home", database_url=postgres_url(postgres))


def overlap(found: list, expected: list) -> float:
    """Share of the expected top ids also found (1.0 when both lists are empty)."""
    ids, wanted = {pid for pid, _ in found}, {pid for pid, _ in expected}
    return len(ids & wanted) / len(wanted) if wanted else float(not ids)


def test_a_postgresql_store_searches_in_the_database_and_writes_no_index_files(library: Workspace):
    indexes = library.retriever._indexes
    assert library.search_backend == "postgres" and not library.index_dir.exists()
    assert isinstance(indexes.lexical, protocols.LexicalIndex) and isinstance(indexes.vectors, protocols.VectorIndex)
    assert isinstance(indexes.table, protocols.PassageFacts)
    assert (len(indexes.lexical), len(indexes.vectors)) == (363, 363)
    with library.engine.connect() as conn:
        assert conn.execute(text("SELECT extversion FROM pg_extension WHERE extname = 'vector'")).scalar() == "0.6.2"


def test_top_ten_overlap_with_the_embedded_backend(library: Workspace):
    """Dense lists are the same (same vectors, HNSW exact at this size); BM25 in SQL over PostgreSQL's lexemes, so lexical
    lists differ in places. Figures on this library: hybrid 0.95, lexical 0.98, dense 1.00 (unfiltered)."""
    embedded = json.loads(parity.PINNED.read_text())
    found = parity.rankings(library.retriever)
    shares = {
        mode: sum(overlap(found[key], embedded[key]) for key in found if key.endswith(f"| none | {mode}")) / 6
        for mode in parity.MODES
    }
    assert {mode: round(share, 2) for mode, share in shares.items()} == {"hybrid": 0.95, "lexical": 0.98, "dense": 1.0}
    assert all(overlap(found[key], embedded[key]) == 1.0 for key in found if key.endswith("| dense"))


def test_filters_are_pushed_down_to_postgresql(library: Workspace):
    indexes = library.retriever._indexes
    recent = indexes.lexical.search("sciatica decompression guideline", k=10, where=Filters(year_from=2015))
    trials = indexes.vectors.search(library.embedder.embed(["sciatica"])[0], k=10, where=Filters(kinds=frozenset({"rct"})))
    kinds, years = indexes.table.facts([pid for pid, _ in recent + trials])
    assert len(recent) >= 1 and min(years[: len(recent)].tolist()) >= 2015
    assert len(trials) >= 1 and set(kinds[len(recent) :].tolist()) == {KIND_CODES.index("rct")}


def test_term_stats_come_from_the_database(library: Workspace):
    lexical = library.retriever._indexes.lexical
    top = [pid for pid, _ in lexical.search("bleomycin lung fibrosis", k=3)]
    idf, present = lexical.term_stats("bleomycin fibrosis", top)
    assert list(lexical.term_weights("bleomycin fibrosis")) == ["bleomycin", "fibrosi"]
    assert idf.round(3).tolist() == [3.156, 4.393]  # the embedded BM25's IDFs: same stems, same counts
    assert present.any(axis=0).all()
    assert lexical.unheld_tokens("bleomycin zzprolia fibrosis") == {"zzprolia"}


def test_fifty_more_records_are_searchable_in_place_without_a_rebuild(library: Workspace, tmp_path: Path):
    question = "Is nitrofurantoin associated with pulmonary toxicity?"
    assert "2981942" not in _pmids(library, question)
    more = tmp_path / "more.jsonl"
    with (parity.SHARED / "data" / "pubmed" / "corpus.jsonl").open(encoding="utf-8") as handle:
        more.write_text("".join(itertools.islice(handle, parity.CORPUS_RECORDS, parity.CORPUS_RECORDS + 50)))
    with library.engine.connect() as conn:
        before = conn.execute(text("SELECT count(*), min(xmin::text) FROM search.passages")).one()
    report = library.ingest([more])
    with library.engine.connect() as conn:
        after = conn.execute(text("SELECT count(*), count(embedding) FROM search.passages")).one()
        first = conn.execute(text("SELECT xmin::text FROM search.passages WHERE passage_id = 1")).scalar()
    assert (report.sources_added, report.passages_added) == (50, 60) and after[0] == after[1] == before[0] + 60
    assert first == before[1]  # the first row was written once, at the first sync: nothing was rebuilt
    assert _pmids(library, question)[0] == "2981942" and not library.index_dir.exists()


def _pmids(workspace: Workspace, question: str) -> list[str]:
    return [evidence.source.pmid for evidence in workspace.retriever.search(question, top_k=5)]


def test_term_statistics_follow_deletes_and_re_adds(library: Workspace):
    lexical = library.retriever._indexes.lexical
    holders = [pid for pid, _ in lexical.search("bleomycin", k=50)]
    lexical.delete(holders[:2])
    assert (lexical.term_weights("bleomycin")["bleomycin"], len(lexical)) == (pytest.approx(_idf(library)), _rows(library))
    lexical.add(holders[:2])
    with library.engine.connect() as conn:
        counted = conn.execute(text("SELECT count(*) FROM search.passages WHERE document @@ 'bleomycin'")).scalar()
        kept = conn.execute(text("SELECT documents FROM search.terms WHERE lexeme = 'bleomycin'")).scalar()
    assert kept == counted == len(holders)


def _rows(workspace: Workspace) -> int:
    with workspace.engine.connect() as conn:
        return conn.execute(text("SELECT count(*) FROM search.passages")).scalar()


def _idf(workspace: Workspace) -> float:
    """BM25's IDF of 'bleomycin' counted from the rows themselves."""
    import math

    with workspace.engine.connect() as conn:
        holders = conn.execute(text("SELECT count(*) FROM search.passages WHERE document @@ 'bleomycin'")).scalar()
    total = _rows(workspace)
    return math.log(1 + (total - holders + 0.5) / (holders + 0.5))


def test_the_vector_count_is_kept_by_triggers_not_counted(library: Workspace):
    vectors, lexical = library.retriever._indexes.vectors, library.retriever._indexes.lexical
    with library.engine.connect() as conn:
        some = conn.execute(text("SELECT passage_id FROM search.passages WHERE embedding IS NOT NULL LIMIT 3")).scalars().all()
    before = _counted_vectors(library)
    assert len(vectors) == before
    vectors.delete(some)  # an UPDATE to NULL
    assert (len(vectors), _counted_vectors(library)) == (before - 3, before - 3)
    vectors.add(some)  # an UPDATE from NULL
    lexical.delete(some[:1])  # a DELETE of a row holding a vector
    assert (len(vectors), _counted_vectors(library)) == (before - 1, before - 1)
    lexical.add(some[:1])  # an INSERT without one, then the vector copied in
    vectors.add(some[:1])
    assert (len(vectors), _counted_vectors(library)) == (before, before)


def _counted_vectors(workspace: Workspace) -> int:
    with workspace.engine.connect() as conn:
        return conn.execute(text("SELECT count(embedding) FROM search.passages")).scalar()


def _bm25_from_tsvectors(workspace: Workspace, question: str, k: int, *, kinds: set[str] | None = None) -> list:
    """BM25 (k1 0.7, b 0.6) recounted in Python from the passages' own tsvectors: frequencies, lengths and document
    counts read from the documents, not from the postings or the statistics tables (with ``kinds``, only passages of
    those kinds are ranked; every passage counts in the statistics)."""
    import math

    from medora.retrieve.tokenize import index_tokens

    tokens = sorted(set(index_tokens(question)))
    with workspace.engine.connect() as conn:
        rows = conn.execute(
            text(
                "SELECT passage_id, length, u.lexeme, coalesce(array_length(u.positions, 1), 1) "
                "FROM search.passages, unnest(document) AS u WHERE u.lexeme = ANY(:tokens)"
            ),
            {"tokens": tokens},
        ).all()
        total, words = conn.execute(text("SELECT count(*), sum(length) FROM search.passages")).one()
        kind_of = dict(conn.execute(text("SELECT passage_id, kind FROM search.passages")).all())
    holders = {token: sum(1 for row in rows if row[2] == token) for token in tokens}
    scores: dict[int, float] = {}
    for pid, length, lexeme, tf in rows:
        if kinds and kind_of[pid] not in kinds:
            continue
        idf = math.log(1 + (total - holders[lexeme] + 0.5) / (holders[lexeme] + 0.5))
        scores[pid] = scores.get(pid, 0.0) + idf * tf / (tf + 0.7 * (1 - 0.6 + 0.6 * length * total / words))
    return sorted(scores.items(), key=lambda item: (-item[1], item[0]))[:k]


def _rounded(found: list[tuple[int, float]]) -> list[tuple[int, float]]:
    return [(pid, round(score, 6)) for pid, score in found]


@pytest.mark.parametrize("question", ["What is the treatment of the disease in patients?", "bleomycin lung fibrosis"])
def test_bm25_from_the_postings_equals_bm25_recounted_from_the_tsvectors(library: Workspace, question: str):
    """A question of common words only (every word in dozens of passages) still ranks a full list, the same one."""
    lexical = PostgresLexical(library.engine, k1=0.7, b=0.6)
    found = lexical.search(question, k=10)
    assert len(found) == 10 and _rounded(found) == _rounded(_bm25_from_tsvectors(library, question, 10))


def test_a_filtered_search_ranks_the_passages_that_pass_the_filter_by_the_same_bm25(library: Workspace):
    lexical = PostgresLexical(library.engine, k1=0.7, b=0.6)
    kinds = {"rct", "guideline", "narrative review"}  # 8 of the library's passages, the rest research articles
    question = "randomised trial of surgery for sciatica"
    found = lexical.search(question, k=5, where=Filters(kinds=frozenset(kinds)))
    assert [pid for pid, _ in found] == [2, 3, 4, 1]
    assert _rounded(found) == _rounded(_bm25_from_tsvectors(library, question, 5, kinds=kinds))


def test_a_passage_added_after_sync_gets_postings_and_loses_them_when_deleted(library: Workspace):
    lexical = PostgresLexical(library.engine, k1=0.7, b=0.6)
    texts = {1000: "zorblattin binds zorblattin receptors and zorblattin is studied", 1001: "zorblattin binds receptors"}
    with library.engine.begin() as conn:
        ids = [
            conn.execute(
                text(
                    'INSERT INTO passages (source_id, ordinal, section, text, start, "end") '
                    "VALUES (1, :ordinal, 'abstract', :text, 0, 0) RETURNING id"
                ),
                {"ordinal": ordinal, "text": passage},
            ).scalar()
            for ordinal, passage in texts.items()
        ]
    lexical.add(ids)
    found = lexical.search("zorblattin", k=5)
    assert [pid for pid, _ in found] == ids  # three mentions rank above one, though that passage is longer
    assert _rounded(found) == _rounded(_bm25_from_tsvectors(library, "zorblattin", 5))
    with library.engine.begin() as conn:
        conn.execute(text("DELETE FROM passages WHERE id = ANY(:ids)"), {"ids": ids})  # cascades to the search rows
        left = conn.execute(text("SELECT count(*) FROM search.postings WHERE passage_id = ANY(:ids)"), {"ids": ids})
        assert left.scalar() == 0
    assert lexical.search("zorblattin", k=5) == []


def test_the_postings_hold_every_lexeme_of_every_search_row(library: Workspace):
    with library.engine.connect() as conn:
        expected = conn.execute(text("SELECT count(*) FROM search.passages, unnest(document)")).scalar()
        held = conn.execute(text("SELECT count(*) FROM search.postings")).scalar()
        counts = conn.execute(
            text(
                "SELECT count(*) FROM search.terms t WHERE t.documents > 0 AND t.documents <> "
                "(SELECT count(*) FROM search.postings p WHERE p.lexeme = t.lexeme)"
            )
        ).scalar()
    assert held == expected and held > 5_000 and counts == 0


def test_a_search_table_synced_before_the_postings_gets_them_on_upgrade(postgres):
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from medora.retrieve.postgres import sync
    from medora.store import open_store

    engine = create_engine(postgres_url(postgres))
    config = Config()
    config.set_main_option("script_location", "medora.store:migrations")
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "0006")
        conn.execute(text("INSERT INTO sources (id, key, kind, title, authors, mesh, origin, sections, \"references\") "
                          "VALUES (1, 'pmid:1', 'rct', 'Warfarin trial', '[]', '[]', '', '[]', '[]')"))
        conn.execute(text("INSERT INTO passages (source_id, ordinal, section, text, start, \"end\") "
                          "VALUES (1, 0, 'abstract', 'warfarin and warfarin bleeding', 0, 0)"))
    sync(engine, model=None)
    upgraded = open_store(str(engine.url.render_as_string(hide_password=False)))
    with upgraded.connect() as conn:
        postings = conn.execute(text("SELECT lexeme, tf, length FROM search.postings ORDER BY lexeme")).all()
    assert [tuple(row) for row in postings] == [("bleed", 1, 5), ("trial", 1, 5), ("warfarin", 3, 5)]
    assert PostgresLexical(upgraded).search("warfarin bleeding", k=3)[0][0] == 1
