"""Search inside PostgreSQL (full-text search + pgvector, a real PostgreSQL 16 from pgserver): same protocols and
retrieval API as the embedded backends, rankings close to theirs, and new records searchable without a rebuild."""

import itertools
import json
from pathlib import Path

import pytest
from sqlalchemy import text

from medora.retrieve import protocols
from medora.retrieve.indexes import KIND_CODES
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
