"""Index files: built into a new version folder and switched to atomically; damage is reported, not a traceback."""

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from medora.errors import IndexDamagedError, IndexNotReadyError
from medora.retrieve import indexes
from medora.retrieve.dense import VectorIndex
from medora.retrieve.indexes import build_indexes, current_folder, is_current, load_indexes
from medora.retrieve.lexical import LexicalIndex
from medora.settings import Settings
from medora.workspace import Workspace
from tests.conftest import DATA

DAMAGED = "index files are damaged: run `medora index --force`"


class HashEmbedder:
    """Deterministic unit vectors from a hash of the text: no model needed."""

    model_name = "hash-test"
    dimensions = 384

    def embed(self, texts):  # noqa: ANN001, ANN201
        vectors = np.stack(
            [np.random.default_rng(int(hashlib.sha256(t.encode()).hexdigest()[:8], 16)).normal(size=384) for t in texts]
        ).astype(np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    built = Workspace(Settings(home=tmp_path / "home"), embedder=HashEmbedder(), with_library=False)
    built.ingest([DATA / "pubmed_sample.xml", DATA / "jats_sample.xml"])
    return built


def _is_current(workspace: Workspace) -> bool:
    bm25 = (workspace.settings.retrieve.bm25_k1, workspace.settings.retrieve.bm25_b)
    return is_current(workspace.index_dir, engine=workspace.engine, model="hash-test", bm25=bm25)


def test_a_build_writes_one_version_folder_named_by_the_pointer(workspace: Workspace):
    folder = current_folder(workspace.index_dir)
    assert sorted(p.name for p in workspace.index_dir.iterdir()) == ["CURRENT", folder.name]
    assert sorted(p.name for p in folder.iterdir()) == ["lexical", "manifest.json", "passages.npz", "vectors.faiss"]
    loaded = load_indexes(workspace.index_dir)
    assert (len(loaded.lexical), len(loaded.vectors), loaded.manifest["version"]) == (8, 8, "8-8")


def test_a_build_that_dies_part_way_leaves_the_previous_index_in_use(workspace: Workspace, monkeypatch):
    before = current_folder(workspace.index_dir)

    def killed(*_args, **_kwargs) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(indexes.np, "savez", killed)
    workspace.ingest([DATA / "guideline.md"], refresh=False)
    with pytest.raises(KeyboardInterrupt):
        workspace.refresh_indexes()
    assert current_folder(workspace.index_dir) == before
    assert sorted(p.name for p in workspace.index_dir.iterdir()) == ["CURRENT", before.name]
    assert load_indexes(workspace.index_dir).manifest["version"] == "8-8"


KILL_DURING_BUILD = """
import os, signal, sys
from pathlib import Path
from medora.retrieve import indexes
from medora.store import open_store

def die(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

real_replace = os.replace
if sys.argv[3] == "table":
    indexes.np.savez = die  # the lexical index is written, the passage table not yet: the state the bug left
else:
    indexes.os.replace = lambda src, dst: die() if Path(dst).name == "CURRENT" else real_replace(src, dst)
indexes.build_indexes(Path(sys.argv[1]), engine=open_store(sys.argv[2]), model="hash-test", bm25=(0.7, 0.6))
"""


@pytest.mark.parametrize("moment", ["table", "pointer"])
def test_a_build_killed_by_sigkill_leaves_the_previous_index_in_use(workspace: Workspace, moment: str):
    workspace.ingest([DATA / "guideline.md"], refresh=False)
    killed = subprocess.run(
        [sys.executable, "-c", KILL_DURING_BUILD, str(workspace.index_dir), workspace.settings.resolved_database_url]
        + [moment],
        cwd=Path(__file__).resolve().parents[2],
        env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])},
        capture_output=True,
    )
    assert killed.returncode == -9, killed.stderr
    assert len(list(workspace.index_dir.glob("v-*"))) == 2  # the old version and the unfinished one
    assert load_indexes(workspace.index_dir).manifest["version"] == "8-8"
    assert not _is_current(workspace)
    assert workspace.refresh_indexes()["version"] == "10-10"
    assert len(list(workspace.index_dir.glob("v-*"))) == 1


def test_an_unfinished_build_folder_is_ignored_and_cleared_by_the_next_build(workspace: Workspace):
    before = current_folder(workspace.index_dir)
    unfinished = workspace.index_dir / "v-20990101T000000-1-1"  # what a SIGKILL mid-build leaves behind
    unfinished.mkdir()
    (unfinished / "manifest.json").write_text(json.dumps({"format": 2, "files": {}}))
    (unfinished / "vectors.faiss").write_bytes(b"\0" * 100)
    assert load_indexes(workspace.index_dir).manifest["version"] == "8-8"
    assert _is_current(workspace)
    workspace.refresh_indexes(force=True)
    assert not unfinished.exists() and not before.exists()


def test_the_folder_of_a_build_still_running_elsewhere_is_left_alone(workspace: Workspace):
    builder = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        running = workspace.index_dir / f"v-20990101T000000-{builder.pid}-1"
        running.mkdir()
        workspace.refresh_indexes(force=True)
        assert running.is_dir()
    finally:
        builder.kill()
        builder.wait()
    workspace.refresh_indexes(force=True)
    assert not running.exists()


def test_an_index_in_the_old_layout_is_not_current_and_is_rebuilt(workspace: Workspace):
    directory = workspace.index_dir
    for entry in directory.iterdir():
        entry.unlink() if entry.is_file() else shutil.rmtree(entry)
    (directory / "manifest.json").write_text(json.dumps({"format": 1, "state": {}}))
    (directory / "vectors.faiss").write_bytes(b"\0" * 100)
    with pytest.raises(IndexNotReadyError, match="no index in"):
        load_indexes(directory)
    assert not _is_current(workspace)
    workspace.refresh_indexes()
    assert sorted(p.name for p in directory.iterdir()) == ["CURRENT", current_folder(directory).name]


def test_a_missing_passage_table_is_damage_and_the_next_refresh_rebuilds(workspace: Workspace):
    folder = current_folder(workspace.index_dir)
    (folder / "passages.npz").unlink()
    with pytest.raises(IndexDamagedError) as caught:
        load_indexes(workspace.index_dir)
    assert str(caught.value) == f"{DAMAGED} ({folder / 'passages.npz'}: missing)"
    assert not _is_current(workspace)
    assert workspace.refresh_indexes()["version"] == "8-8"
    assert len(load_indexes(workspace.index_dir).table.ids) == 8


def test_a_truncated_vector_file_is_damage(workspace: Workspace):
    path = current_folder(workspace.index_dir) / "vectors.faiss"
    size = path.stat().st_size
    path.write_bytes(path.read_bytes()[:1000])
    with pytest.raises(IndexDamagedError) as caught:
        load_indexes(workspace.index_dir)
    assert str(caught.value) == f"{DAMAGED} ({path}: 1000 bytes, the manifest says {size})"
    with pytest.raises(IndexDamagedError, match=r"vectors.faiss: unreadable vector index: cut short, or not a faiss"):
        VectorIndex.load(path)


def test_a_corrupt_lexical_file_of_the_right_size_is_damage(workspace: Workspace):
    lexical = current_folder(workspace.index_dir) / "lexical"
    vocabulary = lexical / "vocab.index.json"
    vocabulary.write_bytes(b"x" * vocabulary.stat().st_size)
    with pytest.raises(IndexDamagedError) as caught:
        load_indexes(workspace.index_dir)
    assert str(caught.value) == f"{DAMAGED} ({vocabulary}: contents differ from the manifest)"
    with pytest.raises(IndexDamagedError, match=r"lexical: unreadable lexical index \(JSONDecodeError\)"):
        LexicalIndex.load(lexical)


def test_a_deleted_vector_index_is_damage_not_lexical_only_search(workspace: Workspace):
    path = current_folder(workspace.index_dir) / "vectors.faiss"
    path.unlink()
    with pytest.raises(IndexDamagedError, match="vectors.faiss: missing"):
        load_indexes(workspace.index_dir)
    assert not _is_current(workspace)


def test_with_embeddings_off_no_vector_index_is_expected(tmp_path: Path):
    settings = Settings(home=tmp_path / "home")
    settings.ingest.embed = False
    workspace = Workspace(settings, with_library=False)
    workspace.ingest([DATA / "pubmed_sample.xml"])
    loaded = load_indexes(workspace.index_dir)
    assert (loaded.vectors, loaded.manifest["model"], len(loaded.lexical)) == (None, None, 4)


def test_an_empty_store_has_no_index_to_build(tmp_path: Path):
    workspace = Workspace(Settings(home=tmp_path / "home"), with_library=False)
    with pytest.raises(IndexNotReadyError, match="the store has no passages yet"):
        build_indexes(workspace.index_dir, engine=workspace.engine, model=None, bm25=(0.7, 0.6))
    assert list(workspace.index_dir.iterdir()) == []


def test_a_passage_table_that_is_not_a_zip_is_index_damage(tmp_path: Path):
    from medora.retrieve.indexes import PassageTable

    PassageTable(ids=np.array([7]), source_ids=np.array([1]), kinds=np.array([0]), years=np.array([2020])).write(tmp_path)
    assert PassageTable.read(tmp_path).ids.tolist() == [7]
    (tmp_path / PassageTable.FILE).write_bytes(b"PK\x03\x04 cut short")
    with pytest.raises(IndexDamagedError) as caught:
        PassageTable.read(tmp_path)
    assert str(caught.value).endswith("unreadable passage table (BadZipFile))")
