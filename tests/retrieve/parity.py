"""A small fixed library and question set whose rankings pin retrieval across backends and refactors.

``python -m tests.retrieve.parity PATH`` writes the rankings of the code as it is to PATH (how
data/rankings_embedded.json was made, before search went behind protocols)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from medora.retrieve.retriever import Filters, Retriever
from medora.settings import Settings
from medora.workspace import Workspace
from tests.conftest import DATA, SHARED, head_lines
from tests.retrieve.test_indexes import HashEmbedder

PINNED = Path(__file__).parent / "data" / "rankings_embedded.json"
CORPUS_RECORDS = 300
QUESTIONS = (
    "Does early decompression help sciatica?",
    "What is the guideline for sciatica management?",
    "Is curare a specific antagonist of the nicotinic acetylcholine receptor?",
    "Does bleomycin cause interstitial lung fibrosis?",
    "How sensitive is MRI compared with evoked potentials for multiple sclerosis?",
    "Peyer's patches M cells in the jejunum",
)
FILTERS = {
    "none": None,
    "since-2015": Filters(year_from=2015),
    "rct": Filters(kinds=frozenset({"rct"})),
}
MODES = ("hybrid", "lexical", "dense")


def library_paths(folder: Path) -> list[Path]:
    """tests/data's PubMed and JATS samples and the first CORPUS_RECORDS of the shared PubMed corpus."""
    corpus = head_lines(SHARED / "data" / "pubmed" / "corpus.jsonl", folder / "corpus.jsonl", CORPUS_RECORDS)
    return [DATA / "pubmed_sample.xml", DATA / "jats_sample.xml", corpus]


def workspace(home: Path, *, database_url: str | None = None) -> Workspace:
    built = Workspace(Settings(home=home, database_url=database_url), embedder=HashEmbedder(), with_library=False)
    home.mkdir(parents=True, exist_ok=True)
    built.ingest(library_paths(home))
    return built


def rankings(retriever: Retriever, *, top_k: int = 10) -> dict[str, list[list]]:
    """'question | filter | mode' → [[passage id, score rounded to 6 places], …] best first."""
    found = {}
    for question in QUESTIONS:
        for filter_name, filters in FILTERS.items():
            for mode in MODES:
                ranked = retriever.rank(question, top_k=top_k, filters=filters, mode=mode)
                found[f"{question} | {filter_name} | {mode}"] = [[r.passage_id, round(r.score, 6)] for r in ranked]
    return found


if __name__ == "__main__":
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        built = workspace(Path(folder) / "home")
        Path(sys.argv[1]).write_text(json.dumps(rankings(built.retriever), indent=1) + "\n")
