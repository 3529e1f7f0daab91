"""How compose.min_relative_score and compose.max_sources were chosen: citation precision and cited recall@10 of the
citable pool (the sources an article may cite) on the tuned part of BioASQ dev only, for a grid of settings, with
the ceilings the evidence gates leave (every on-topic source; every source naming the question's specific terms).

The pool is what the composer cites when every pool source gets a sentence (compose/layout.py), so these figures
track bench/composer.py closely; the frozen part is never read here.

    python bench/citation_sweep.py            # writes bench/results/citation_sweep.json
"""

from __future__ import annotations

import json

from common import HOME, SHARED, write_results

from medora.answer import AnswerSession, select_evidence
from medora.eval.datasets import bioasq_questions, corpus_pmids
from medora.eval.metrics import cited_recall_at_k
from medora.eval.split import bioasq_part
from medora.settings import Settings
from medora.workspace import Workspace

SHARES = (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
MAX_SOURCES = (3, 5, 10)


def pool_sources(candidates: list[tuple[str | None, float]], share: float, limit: int) -> set[str]:
    """The PMIDs of the best-ranked ``limit`` sources scoring at least ``share`` of the best (as compose cites)."""
    best = candidates[0][1] if candidates else 0.0
    return {pmid for pmid, score in [c for c in candidates if c[1] >= share * best][:limit] if pmid}


def figures_for(rows: list[tuple[set[str], list[tuple[str | None, float]]]], share: float, limit: int) -> dict:
    cited = gold_cited = 0
    recall = 0.0
    for gold, candidates in rows:
        pmids = pool_sources(candidates, share, limit)
        cited += len(pmids)
        gold_cited += len(pmids & gold)
        recall += cited_recall_at_k(pmids, gold, 10)
    return {
        "citation_precision": round(gold_cited / cited, 4) if cited else None,
        "cited_recall@10": round(recall / len(rows), 4),
        "sources_per_article": round(cited / len(rows), 2),
    }


def main() -> int:
    settings = Settings(home=HOME)
    settings.compose.min_relative_score, settings.compose.max_sources = 0.0, 1000
    workspace = Workspace(settings, with_library=False)
    workspace.refresh_indexes()
    questions = [q for q in bioasq_questions(SHARED, in_corpus=corpus_pmids(SHARED)) if bioasq_part(q) == "tuned"]
    answering_rows, on_topic_rows = [], []
    for question in questions:
        session = AnswerSession(question["question"])
        selection = select_evidence(session, retriever=workspace.retriever, settings=settings)
        gold = set(question["gold"])
        for evidence, rows in ((selection.answering_evidence, answering_rows), (selection.on_topic, on_topic_rows)):
            first = list({item.source_id: item for item in reversed(evidence)}.values())[::-1]
            rows.append((gold, [(item.source.pmid, item.score) for item in first]))
    results = {
        "questions": len(questions),
        "top_k": settings.retrieve.top_k,
        "ceiling_every_on_topic_source": figures_for(on_topic_rows, 0.0, 1000),
        "ceiling_every_answering_source": figures_for(answering_rows, 0.0, 1000),
        "grid": [
            {"min_relative_score": share, "max_sources": limit, **figures_for(answering_rows, share, limit)}
            for share in SHARES
            for limit in MAX_SOURCES
        ],
    }
    print(json.dumps(results, indent=1))
    write_results("citation_sweep.json", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
