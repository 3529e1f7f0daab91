"""Composer benchmark on BioASQ dev (closed pool): citation precision, verification pass rate, latency by stage.

Citation precision is the share of cited PubMed sources that are among the question's gold documents.
The verification pass rate is verified sentences / all sentences the composer proposed (dropped ones included).

    python bench/prepare_corpus.py                      # once
    python bench/composer.py                            # extractive composer, all BioASQ dev questions
    python bench/composer.py --llm http://127.0.0.1:8080/v1 --limit 30   # the LLM path on a sample
"""

from __future__ import annotations

import argparse
import json
import time

from common import HOME, SHARED, write_results

from medora.answer import answer_question
from medora.eval.datasets import read_jsonl
from medora.eval.metrics import percentile
from medora.settings import Settings
from medora.types import Article
from medora.workspace import Workspace


def statements_of(article: Article) -> list:
    found = list(article.bottom_line)
    for section in article.sections:
        found += section.statements
        for sub in section.subsections:
            found += sub.statements
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--llm", help="OpenAI-compatible base URL: benchmark the LLM composer instead")
    parser.add_argument("--model", default="local")
    parser.add_argument("--limit", type=int, default=0, help="only the first N questions")
    args = parser.parse_args()
    settings = Settings(home=HOME)
    if args.llm:
        settings.compose.composer = "llm"
        settings.llm.base_url, settings.llm.model = args.llm, args.model
    workspace = Workspace(settings, with_library=False)
    retriever = workspace.retriever
    questions = list(read_jsonl(SHARED / "bioasq" / "dev.jsonl"))
    questions = questions[: args.limit] if args.limit else questions
    answer_question("warm up", retriever=retriever, settings=settings)
    cited = gold_cited = proposed = verified = insufficient = fallbacks = 0
    latencies: list[float] = []
    stages: dict[str, list[float]] = {}
    for question in questions:
        started = time.perf_counter()
        article = answer_question(question["question"], retriever=retriever, settings=settings)
        latencies.append((time.perf_counter() - started) * 1000)
        for stage, ms in article.provenance.timings_ms.items():
            stages.setdefault(stage, []).append(ms)
        gold = {str(doc).rsplit("/", 1)[-1] for doc in question["documents"]}
        pmids = [ref.pmid for ref in article.references if ref.pmid]
        cited += len(pmids)
        gold_cited += sum(pmid in gold for pmid in pmids)
        kept = len(statements_of(article)) - (1 if article.insufficient_evidence else 0)
        proposed += kept + len(article.dropped_statements)
        verified += kept
        insufficient += article.insufficient_evidence
        fallbacks += any("fell back" in note for note in article.provenance.notes)
    figures = {
        "composer": "llm" if args.llm else "extractive",
        "questions": len(questions),
        "citation_precision": round(gold_cited / cited, 4) if cited else None,
        "cited_sources_per_article": round(cited / len(questions), 2),
        "verification_pass_rate": round(verified / proposed, 4) if proposed else None,
        "insufficient_evidence_answers": insufficient,
        "llm_fallbacks": fallbacks,
        "latency_ms": {"p50": round(percentile(latencies, 50), 1), "p95": round(percentile(latencies, 95), 1)},
        "stage_p50_ms": {stage: round(percentile(values, 50), 1) for stage, values in stages.items()},
    }
    print(json.dumps(figures, indent=2))
    if not args.limit or args.llm:
        write_results("composer_llm.json" if args.llm else "composer.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
