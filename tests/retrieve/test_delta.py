"""Incremental updates of the embedded indexes: a later ingest adds a delta segment; scores use global statistics,
so a store with deltas ranks as a from-scratch build of the same passages; a compaction is a from-scratch build."""

from pathlib import Path

import numpy as np
import pytest
from sqlalchemy import select

from medora.retrieve import delta
from medora.retrieve.embed import passage_text_for_embedding
from medora.retrieve.indexes import build_indexes, current_folder, load_indexes
from medora.retrieve.retriever import Filters
from medora.settings import Settings
from medora.store import repository
from medora.store.schema import sources
from medora.workspace import Workspace
from tests.conftest import DATA
from tests.retrieve.test_indexes import HashEmbedder

QUESTIONS = [
    "Lyme disease erythema migrans doxycycline",
    "sciatica early decompression surgery",
    "common peroneal neuropathy foot drop",
    "guideline for sciatica management",
    "sciatica pain, sciatica surgery or sciatica physiotherapy",  # a repeated word counts each time, as in bm25s
]


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    settings = Settings(home=tmp_path / "home", retrieve={"delta_share": 1.0})
    built = Workspace(settings, embedder=HashEmbedder(), with_library=False)
    built.ingest([DATA / "pubmed_sample.xml", DATA / "jats_sample.xml"])
    return built


def _from_scratch(workspace: Workspace, directory: Path):
    build_indexes(directory, engine=workspace.engine, model="hash-test", bm25=(0.7, 0.6))
    return load_indexes(directory)


def _assert_same_ranking(got: list[tuple[int, float]], expected: list[tuple[int, float]]) -> None:
    """Same passages in the same order, equal scores up to float32 rounding (bm25s orders exact ties arbitrarily)."""
    got, expected = (sorted(hits, key=lambda hit: (-round(hit[1], 4), hit[0])) for hits in (got, expected))
    assert [pid for pid, _ in got] == [pid for pid, _ in expected]
    np.testing.assert_allclose([score for _, score in got], [score for _, score in expected], rtol=1e-5)


def _main_files(folder: Path) -> dict[str, tuple[int, int]]:
    return {
        name: ((folder / name).stat().st_ino, (folder / name).stat().st_mtime_ns)
        for name in ("lexical/data.csc.index.npy", "lexical/passage_ids.npy", "passages.npz", "vectors.faiss")
    }


def test_an_ingest_adds_a_delta_segment_and_leaves_the_main_files_untouched(workspace: Workspace):
    before = _main_files(current_folder(workspace.index_dir))
    workspace.ingest([DATA / "lyme_guideline.md"])
    folder = current_folder(workspace.index_dir)
    manifest = load_indexes(workspace.index_dir).manifest
    assert (len(manifest["deltas"]), manifest["delta_passages"], manifest["deleted"], manifest["version"]) == (
        1,
        2,
        0,
        "10-10",
    )
    assert _main_files(folder) == before
    assert sorted(p.name for p in workspace.index_dir.iterdir()) == ["CURRENT", folder.name]


def test_a_new_record_is_found_first_for_its_own_question(workspace: Workspace):
    workspace.ingest([DATA / "lyme_guideline.md"])
    top = workspace.retriever.search("Lyme disease erythema migrans", mode="lexical", top_k=1)[0]
    assert (top.source.title, top.passage_id > 8) == ("Lyme disease guideline (test document)", True)
    indexes = load_indexes(workspace.index_dir)
    own = HashEmbedder().embed([passage_text_for_embedding(top.source.title, top.text)])[0]
    assert indexes.vectors.search(own, k=1)[0][0] == top.passage_id


def test_scores_with_a_delta_equal_a_from_scratch_build(workspace: Workspace, tmp_path: Path):
    workspace.ingest([DATA / "guideline.md"])
    workspace.ingest([DATA / "lyme_guideline.md"])
    segmented, scratch = load_indexes(workspace.index_dir), _from_scratch(workspace, tmp_path / "scratch")
    assert len(segmented.manifest["deltas"]) == 2
    for question in QUESTIONS:
        _assert_same_ranking(segmented.lexical.search(question, k=20), scratch.lexical.search(question, k=20))
        assert segmented.lexical.term_weights(question) == pytest.approx(scratch.lexical.term_weights(question))
        assert segmented.lexical.unheld_tokens(f"{question} zzprolia") == scratch.lexical.unheld_tokens(
            f"{question} zzprolia"
        )
    ids = [pid for pid, _ in scratch.lexical.search(QUESTIONS[0], k=20)]
    for got, expected in zip(
        segmented.lexical.term_stats(QUESTIONS[0], ids), scratch.lexical.term_stats(QUESTIONS[0], ids)
    ):
        np.testing.assert_allclose(got, expected)
    np.testing.assert_allclose(segmented.vectors.vectors(ids), scratch.vectors.vectors(ids))
    guidelines = Filters(kinds=frozenset({"guideline"}))
    _assert_same_ranking(
        segmented.lexical.search(QUESTIONS[3], k=5, where=guidelines),
        scratch.lexical.search(QUESTIONS[3], k=5, where=guidelines),
    )


def test_a_deleted_source_is_hidden_and_left_out_of_the_statistics(workspace: Workspace, tmp_path: Path):
    workspace.ingest([DATA / "lyme_guideline.md"])
    with workspace.engine.begin() as conn:
        key = conn.execute(select(sources.c.key).where(sources.c.id == 1)).scalar_one()
        gone = repository.passage_ids_of_source(conn, source_id=1)
        repository.delete_source(conn, key=key)
    workspace.refresh_indexes()
    segmented, scratch = load_indexes(workspace.index_dir), _from_scratch(workspace, tmp_path / "scratch")
    assert (segmented.manifest["deleted"], len(segmented.lexical), len(segmented.manifest["deltas"])) == (
        len(gone),
        10 - len(gone),
        1,
    )
    for question in QUESTIONS:
        got, expected = segmented.lexical.search(question, k=20), scratch.lexical.search(question, k=20)
        assert not {pid for pid, _ in got} & set(gone)
        _assert_same_ranking(got, expected)


def test_a_compaction_ranks_exactly_as_a_from_scratch_build(workspace: Workspace, tmp_path: Path):
    workspace.ingest([DATA / "lyme_guideline.md"])
    workspace.refresh_indexes(force=True)
    compacted, scratch = load_indexes(workspace.index_dir), _from_scratch(workspace, tmp_path / "scratch")
    assert "deltas" not in compacted.manifest
    for question in QUESTIONS:
        assert compacted.lexical.search(question, k=20) == scratch.lexical.search(question, k=20)


def test_a_delta_past_the_share_of_the_main_index_rebuilds_it(workspace: Workspace):
    workspace.settings.retrieve.delta_share = 0.1  # 2 new passages on a main index of 8
    before = current_folder(workspace.index_dir)
    workspace.ingest([DATA / "lyme_guideline.md"])
    manifest = load_indexes(workspace.index_dir).manifest
    assert ("deltas" in manifest, manifest["version"], before.exists()) == (False, "10-10", False)


def test_an_update_that_dies_part_way_leaves_the_previous_version_in_use(workspace: Workspace, monkeypatch):
    before = current_folder(workspace.index_dir)

    def killed(*_args, **_kwargs) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(delta.np, "save", killed)  # dies while the new version folder is being written
    workspace.ingest([DATA / "lyme_guideline.md"], refresh=False)
    with pytest.raises(KeyboardInterrupt):
        workspace.refresh_indexes()
    assert sorted(p.name for p in workspace.index_dir.iterdir()) == ["CURRENT", before.name]
    assert load_indexes(workspace.index_dir).manifest["version"] == "8-8"


def test_past_the_most_deltas_they_are_merged_into_one(workspace: Workspace, tmp_path: Path, monkeypatch):
    monkeypatch.setattr(delta, "MAX_DELTAS", 1)
    workspace.ingest([DATA / "guideline.md"])
    first = load_indexes(workspace.index_dir).manifest["deltas"]
    workspace.ingest([DATA / "lyme_guideline.md"])
    merged, scratch = load_indexes(workspace.index_dir), _from_scratch(workspace, tmp_path / "scratch")
    assert (len(merged.manifest["deltas"]), merged.manifest["delta_passages"], merged.manifest["deltas"] == first) == (
        1,
        len(merged.table.ids) - 8,
        False,
    )
    for question in QUESTIONS:
        _assert_same_ranking(merged.lexical.search(question, k=20), scratch.lexical.search(question, k=20))
