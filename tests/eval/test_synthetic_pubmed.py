"""The synthetic PubMed generator for scale tests: deterministic, read by the real parser, reserved PMIDs, and every
sentence taken from real corpus abstracts."""

import gzip
from pathlib import Path

import pytest

from medora.eval.synthetic_pubmed import (
    RESERVED_PMID_START,
    SYNTHETIC_JOURNAL,
    AbstractGenerator,
    category,
    load_donors,
    topic_neighbours,
    write_baseline,
)
from medora.ingest.pubmed import parse_pubmed_xml
from tests.conftest import SHARED


@pytest.fixture(scope="module")
def donors(tmp_path_factory):
    """300 BioASQ excerpt records and 40 structured PubMedQA abstracts (the only ones with years) from ../shared."""
    corpus = SHARED / "data" / "pubmed" / "corpus.jsonl"
    if not corpus.is_file():
        pytest.skip(f"shared data not found at {SHARED}")
    lines = corpus.read_text(encoding="utf-8").splitlines()
    sample = lines[:300] + [line for line in lines if '"origin": "pubmedqa"' in line][:40]
    path = tmp_path_factory.mktemp("donors") / "corpus.jsonl"
    path.write_text("\n".join(sample) + "\n", encoding="utf-8")
    return load_donors(path)


def generate(donors, folder: Path, *, seed: int = 5, passages: int = 120) -> dict:
    generator = AbstractGenerator(donors, topic_neighbours(donors), seed=seed)
    return write_baseline(generator, folder, passages=passages, records_per_file=40)


def test_section_labels_map_to_nlm_categories():
    assert [category(label) for label in ("PATIENTS AND METHODS", "AIMS", "CONCLUSION", "INTRODUCTION", "EXCERPT")] == [
        "METHODS", "OBJECTIVE", "CONCLUSIONS", "BACKGROUND", None
    ]


def test_the_same_seed_writes_the_same_bytes_and_another_seed_does_not(donors, tmp_path):
    counts = generate(donors, tmp_path / "a")
    generate(donors, tmp_path / "b")
    generate(donors, tmp_path / "c", seed=6)
    first = (tmp_path / "a" / "synthetic0001.xml.gz").read_bytes()
    assert counts["passages"] >= 120 and counts["files"] == -(-counts["records"] // 40)
    assert first == (tmp_path / "b" / "synthetic0001.xml.gz").read_bytes()
    assert first != (tmp_path / "c" / "synthetic0001.xml.gz").read_bytes()


def test_the_real_parser_reads_every_record_with_a_reserved_pmid(donors, tmp_path):
    counts = generate(donors, tmp_path)
    sources = [s for path in sorted(tmp_path.glob("*.xml.gz")) for s in parse_pubmed_xml(path)]
    real_years = {d.year for d in donors if d.year}
    assert len(sources) == counts["records"]
    assert [s.pmid for s in sources[:2]] == [str(RESERVED_PMID_START), str(RESERVED_PMID_START + 1)]
    assert all(int(s.pmid) >= RESERVED_PMID_START and s.journal == SYNTHETIC_JOURNAL for s in sources)
    assert all(s.title and s.year in real_years for s in sources)
    assert gzip.decompress((tmp_path / "synthetic0001.xml.gz").read_bytes()).startswith(b"<?xml")


def test_every_sentence_comes_from_the_record_s_real_donors_in_label_order(donors, tmp_path):
    by_pmid = {d.pmid: d for d in donors}
    generator = AbstractGenerator(donors, topic_neighbours(donors), seed=5)
    records = [next(generator.records()) for _ in range(60)]
    structured = 0
    for record in records:
        chosen = [by_pmid[pmid] for pmid in record.donors]
        sentences = [pair for donor in chosen for pair in donor.sentences]
        if record.sections[0][0] is None:
            assert record.sections == ((None, " ".join(text for _, text in sentences)),)
        else:
            structured += 1
            labels = [label for label, _ in record.sections]
            assert labels == sorted(labels, key=["BACKGROUND", "OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS"].index)
            for label, text in record.sections:
                assert text == " ".join(t for lab, t in sentences if lab == label)
    assert structured > 0 and len({r.donors[0] for r in records}) > 40
