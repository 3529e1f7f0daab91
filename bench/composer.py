"""Composer benchmark on BioASQ dev (closed pool): citation precision and cited recall, verification, latency.

Citation precision is the share of cited PubMed sources that are among the question's gold documents (pooled over
articles). Cited recall@10 is, per article, the gold documents present in the corpus among its cited sources (at
most 10) divided by min(gold in corpus, 10), then averaged. The verification pass rate is verified sentences / all
sentences the composer proposed (dropped ones included). Figures are reported for the tuned part of BioASQ dev
(settings were chosen on it) and the frozen 30 % (medora/eval/split.py, by question id; never tuned on) apart.

    python bench/prepare_corpus.py                      # once
    python bench/composer.py                            # extractive composer, all BioASQ dev questions
    python bench/composer.py --part tuned --limit 300   # while iterating: the first 300 tuned questions only
    python bench/composer.py --llm http://127.0.0.1:8080/v1 --limit 30   # the LLM path on a sample
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter

from common import HOME, SHARED, write_results

from medora.answer import answer_question
from medora.eval.datasets import bioasq_questions, corpus_pmids
from medora.eval.metrics import cited_recall_at_k, percentile
from medora.eval.split import bioasq_part
from medora.settings import Settings
from medora.types import Article
from medora.workspace import Workspace

PARTS = ("tuned", "frozen")


def statements_of(article: Article) -> list:
    found = list(article.bottom_line)
    for section in article.sections:
        found += section.statements
        for sub in section.subsections:
            found += sub.statements
    return found


class Tally:
    """What one part of the set adds up to, article by article."""

    def __init__(self) -> None:
        self.questions = self.cited = self.gold_cited = self.proposed = self.verified = 0
        self.insufficient = self.fallbacks = self.verdicts = self.key_study_rows = 0
        self.recalls: list[float] = []
        self.latencies: list[float] = []
        self.stages: dict[str, list[float]] = {}
        self.headings: Counter[str] = Counter()  # body sentences (bottom line aside) by section heading

    def add(self, article: Article, gold: set[str], gold_in_corpus: set[str], ms: float) -> None:
        self.questions += 1
        self.latencies.append(ms)
        for stage, value in article.provenance.timings_ms.items():
            self.stages.setdefault(stage, []).append(value)
        pmids = {ref.pmid for ref in article.references if ref.pmid}
        self.cited += len(pmids)
        self.gold_cited += len(pmids & gold)
        self.recalls.append(cited_recall_at_k(pmids, gold_in_corpus, 10))
        kept = len(statements_of(article)) - (1 if article.insufficient_evidence else 0)
        self.proposed += kept + len(article.dropped_statements)
        self.verified += kept
        self.insufficient += article.insufficient_evidence
        self.fallbacks += any("fell back" in note for note in article.provenance.notes)
        self.verdicts += article.verdict is not None
        for section in [] if article.insufficient_evidence else article.sections:
            nested = sum(len(sub.statements) for sub in section.subsections)
            self.headings[section.heading] += len(section.statements) + nested
        self.key_study_rows += len(article.key_studies)

    def figures(self) -> dict:
        count = self.questions or 1
        return {
            "questions": self.questions,
            "citation_precision": round(self.gold_cited / self.cited, 4) if self.cited else None,
            "cited_recall@10": round(sum(self.recalls) / count, 4),
            "cited_sources_per_article": round(self.cited / count, 2),
            "verification_pass_rate": round(self.verified / self.proposed, 4) if self.proposed else None,
            "insufficient_evidence_answers": self.insufficient,
            "verdicts_shown": self.verdicts,
            "key_study_rows_per_article": round(self.key_study_rows / count, 2),
            "llm_fallbacks": self.fallbacks,
            "body_sentences_by_heading": {
                heading: round(count / (self.headings.total() or 1), 3)
                for heading, count in self.headings.most_common()
            },
            "latency_ms": {
                "p50": round(percentile(self.latencies, 50), 1), "p95": round(percentile(self.latencies, 95), 1)
            },
            "stage_p50_ms": {stage: round(percentile(values, 50), 1) for stage, values in self.stages.items()},
        }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--llm", help="OpenAI-compatible base URL: benchmark the LLM composer instead")
    parser.add_argument("--model", default="local")
    parser.add_argument("--part", choices=(*PARTS, "all"), default="all", help="which part of BioASQ dev")
    parser.add_argument("--limit", type=int, default=0, help="only the first N questions of each part")
    args = parser.parse_args()
    settings = Settings(home=HOME)
    if args.llm:
        settings.compose.composer = "llm"
        settings.llm.base_url, settings.llm.model = args.llm, args.model
    workspace = Workspace(settings, with_library=False)
    workspace.refresh_indexes()
    retriever = workspace.retriever
    in_corpus = corpus_pmids(SHARED)
    parts = PARTS if args.part == "all" else (args.part,)
    bioasq = bioasq_questions(SHARED, in_corpus=in_corpus)
    questions = {part: [q for q in bioasq if bioasq_part(q) == part] for part in parts}
    answer_question("warm up", retriever=retriever, settings=settings)
    results: dict = {"composer": "llm" if args.llm else "extractive", "settings": settings.compose.model_dump()}
    for part in parts:
        tally = Tally()
        for question in questions[part][: args.limit or None]:
            started = time.perf_counter()
            article = answer_question(question["question"], retriever=retriever, settings=settings)
            gold = {str(doc).rsplit("/", 1)[-1] for doc in question["documents"]}
            tally.add(article, gold, set(question["gold"]), (time.perf_counter() - started) * 1000)
        results[part] = tally.figures()
        print(part, json.dumps(results[part]), flush=True)
    if (not args.limit and args.part == "all") or args.llm:
        write_results("composer_llm.json" if args.llm else "composer.json", results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
