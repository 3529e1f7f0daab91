"""Faults in input files cost only the bad part: good records are kept and the report names file and place."""

import gzip
import io
import json
import sqlite3
from pathlib import Path

import numpy as np

from medora.errors import IngestError
from medora.ingest import pipeline
from medora.ingest.chunking import chunk_source
from medora.ingest.jsonl import parse_jsonl
from medora.ingest.progress import IngestProgress
from medora.ingest.pubmed import parse_pubmed_xml
from medora.settings import Settings
from medora.store import repository
from medora.types import Section, Source
from medora.workspace import Workspace


def _corpus_line(number: int, text: str | None = None) -> str:
    text = text or f"Ankle foot orthoses helped patient group {number}."
    record = {"pmid": str(100 + number), "title": f"Trial {number}", "sections": [{"label": "", "text": text}]}
    return json.dumps(record, ensure_ascii=False)


def _pubmed_set(count: int) -> str:
    """``count`` minimal PubMed records, one per line after the opening tag (record n is on line n + 1)."""
    records = "".join(
        f"<PubmedArticle><MedlineCitation><PMID>{9100 + n}</PMID><Article><ArticleTitle>Trial {n}</ArticleTitle>"
        f"<Abstract><AbstractText>Orthoses helped group {n}.</AbstractText></Abstract></Article></MedlineCitation>"
        "</PubmedArticle>\n"
        for n in range(1, count + 1)
    )
    return f"<PubmedArticleSet>\n{records}</PubmedArticleSet>\n"


def _stored_keys(workspace: Workspace) -> list[str]:
    with workspace.engine.connect() as conn:
        keys = [f"pmid:{n}" for n in range(90, 10000)]
        return sorted(repository.existing_source_keys(conn, keys=keys))


class _CountingEmbedder:
    """Deterministic unit vectors; ``check`` runs inside every embed call."""

    model_name = "test-embedder"
    dimensions = 384

    def __init__(self, check=None) -> None:  # noqa: ANN001
        self.check, self.calls = check, 0

    def embed(self, texts):  # noqa: ANN001, ANN201
        self.calls += 1
        if self.check:
            self.check()
        vectors = np.ones((len(texts), self.dimensions), dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_line_that_is_not_utf8_costs_only_that_line(lexical_settings: Settings, tmp_path: Path):
    lines = [_corpus_line(n).encode() for n in range(10)]
    lines.insert(5, _corpus_line(99, "Caf\u00e9 au lait spots.").encode("latin-1"))
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    workspace = Workspace(lexical_settings, with_library=False)
    report = workspace.ingest([path])
    assert report.failures == [
        (str(path), "10 good record(s) kept; 1 problem(s): line 6: not UTF-8 text (byte 77 of the line is 0xe9)")
    ]
    assert report.sources_added == 10
    assert _stored_keys(workspace) == [f"pmid:{100 + n}" for n in range(10)]


def test_a_key_repeated_in_one_file_keeps_its_first_record(lexical_settings: Settings, tmp_path: Path):
    path = tmp_path / "repeated.jsonl"
    path.write_text("\n".join([_corpus_line(1), _corpus_line(1, "A later version of trial one."), _corpus_line(2)]) + "\n")
    workspace = Workspace(lexical_settings, with_library=False)
    assert workspace.ingest([path]).sources_added == 2
    with workspace.engine.connect() as conn:
        texts = [text for _, batch in repository.iter_passage_texts(conn) for text in batch]
    assert texts == ["Trial 1\nAnkle foot orthoses helped patient group 1.", "Trial 2\nAnkle foot orthoses helped patient group 2."]


def test_a_truncated_pubmed_file_keeps_every_complete_record(lexical_settings: Settings, tmp_path: Path):
    text = _pubmed_set(6)
    path = tmp_path / "pubmed24n0001.xml"
    path.write_text(text[: text.index("<PMID>9106") + 20])
    workspace = Workspace(lexical_settings, with_library=False)
    report = workspace.ingest([path])
    assert report.failures == [
        (
            str(path),
            "5 good record(s) kept; 1 problem(s): not well-formed PubMed XML after record 5 (line 7, column 53): "
            "Couldn't find end of Start Tag Ar, line 7, column 53",
        )
    ]
    assert _stored_keys(workspace) == ["pmid:9101", "pmid:9102", "pmid:9103", "pmid:9104", "pmid:9105"]


def test_a_gzip_cut_short_keeps_the_records_before_the_break(tmp_path: Path):
    packed = gzip.compress(_pubmed_set(2000).encode())
    path = tmp_path / "pubmed24n0002.xml.gz"
    path.write_bytes(packed[: len(packed) // 2])
    *sources, problem = list(parse_pubmed_xml(path))
    assert len(sources) > 500
    assert [s.pmid for s in sources] == [str(9101 + n) for n in range(len(sources))]
    assert str(problem) == (
        f"the compressed file breaks off after record {len(sources)} "
        "(Compressed file ended before the end-of-stream marker was reached)"
    )


def test_an_empty_jsonl_file_is_an_error_not_a_file_read(lexical_settings: Settings, tmp_path: Path):
    empty, blank = tmp_path / "empty.jsonl", tmp_path / "blank.jsonl"
    empty.write_text("")
    blank.write_text("\n  \n")
    report = Workspace(lexical_settings, with_library=False).ingest([empty, blank])
    assert report.failures == [(str(empty), f"no records in {empty}"), (str(blank), f"no records in {blank}")]
    assert report.files_read == 0


def test_text_without_sentence_breaks_is_cut_into_bounded_passages():
    source = Source(key="x", sections=[Section(label="", text="a" * 10001), Section(label="B", text="word " * 2000)])
    passages = chunk_source(source, max_chars=4000)
    assert [len(p.text) for p in passages] == [4000, 4000, 2001, 3999, 3999, 1999]
    assert all(source.body[p.start : p.end] == p.text for p in passages)


def test_long_sentences_are_not_repeated_as_overlap_beyond_the_cap():
    sentence = "Alpha " * 500 + "end."
    source = Source(key="x", sections=[Section(label="", text=" ".join([sentence] * 3))])
    passages = chunk_source(source, chunk_words=160, overlap_sentences=1, max_chars=4000)
    assert [(p.start, p.end) for p in passages] == [(0, 3004), (3005, 6009), (6010, 9014)]


def test_a_one_megabyte_single_line_record_becomes_bounded_passages(lexical_settings: Settings, tmp_path: Path):
    path = tmp_path / "huge.jsonl"
    path.write_text(_corpus_line(1, "word " * 200_000) + "\n")
    workspace = Workspace(lexical_settings, with_library=False)
    report = workspace.ingest([path])
    with workspace.engine.connect() as conn:
        texts = [text.removeprefix("Trial 1\n") for _ids, part in repository.iter_passage_texts(conn) for text in part]
    assert (report.ok, report.passages_added, len(texts)) == (True, 250, 250)
    assert max(len(text) for text in texts) == 3999


def test_no_write_lock_is_held_while_a_batch_is_embedded(tmp_path: Path):
    settings = Settings(home=tmp_path / "home")
    database = settings.home / "medora.sqlite"
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(_corpus_line(n) for n in range(3)) + "\n")
    Workspace(settings, embedder=_CountingEmbedder(), with_library=False).ingest([path], refresh=False)
    path.write_text("\n".join(_corpus_line(n, f"Revised text {n}.") for n in range(3)) + "\n")

    def another_writer_can_write() -> None:
        other = sqlite3.connect(database, timeout=0, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # raises 'database is locked' while an ingest transaction writes
        other.execute("ROLLBACK")
        other.close()

    embedder = _CountingEmbedder(check=another_writer_can_write)
    report = Workspace(settings, embedder=embedder, with_library=False).ingest([path], replace=True, refresh=False)
    assert (report.ok, report.sources_added, embedder.calls) == (True, 3, 1)


def test_the_progress_bar_counts_bytes_against_the_total_size(tmp_path: Path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.xml"
    first.write_bytes(b"x" * 3000)
    second.write_bytes(b"y" * 1000)
    output = io.StringIO()
    progress = IngestProgress([first, second], enabled=True, output=output)
    progress.start_file(first)
    progress.advance_to(1500)
    assert (progress.done, progress.total) == (1500, 4000)
    progress.finish_file()
    progress.start_file(second)
    progress.advance_to(5000)  # a position past the size recorded at the start never overshoots the total
    progress.show_records(7)
    progress.finish_file()
    progress.close()
    assert progress.done == 4000
    final = output.getvalue().split("\r")[-1]
    assert final.startswith("b.xml: 100%") and "3.91k/3.91k [" in final and final.endswith(", 7 records stored]\n")


def test_jsonl_reports_the_byte_position_after_each_line(tmp_path: Path):
    path = tmp_path / "records.jsonl"
    lines = [_corpus_line(n) + "\n" for n in range(3)]
    path.write_text("".join(lines))
    positions: list[int] = []
    list(parse_jsonl(path, on_bytes=positions.append))
    assert positions == [len(lines[0]), len(lines[0]) + len(lines[1]), path.stat().st_size]


def test_the_bar_moves_within_a_batch_as_its_records_are_embedded(tmp_path: Path, monkeypatch):
    moves: list[int] = []

    class RecordingProgress(IngestProgress):
        def advance_to(self, position: int) -> None:
            moves.append(position)
            super().advance_to(position)

    monkeypatch.setattr(pipeline, "IngestProgress", RecordingProgress)
    path = tmp_path / "records.jsonl"
    lines = [_corpus_line(n) + "\n" for n in range(70)]
    path.write_text("".join(lines))
    ends = np.cumsum([len(line) for line in lines]).tolist()
    Workspace(Settings(home=tmp_path / "home"), embedder=_CountingEmbedder(), with_library=False).ingest(
        [path], refresh=False
    )
    assert moves == [ends[31], ends[63], ends[69], ends[69], ends[69]]


def test_a_parser_error_part_way_keeps_the_records_read_before_it(
    lexical_settings: Settings, tmp_path: Path, monkeypatch
):
    def breaks_after_two(path: Path, *, on_bytes=None):  # noqa: ANN001, ANN202
        yield from list(parse_jsonl(path))[:2]
        raise IngestError(f"{path}: the disk went away")

    monkeypatch.setattr(pipeline, "detect_parser", lambda path: breaks_after_two)
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(_corpus_line(n) for n in range(5)) + "\n")
    workspace = Workspace(lexical_settings, with_library=False)
    report = workspace.ingest([path])
    assert report.failures == [(str(path), "2 good record(s) kept; 1 problem(s): the disk went away")]
    assert _stored_keys(workspace) == ["pmid:100", "pmid:101"]
