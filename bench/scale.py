"""Ingest and query a generated PubMed baseline at scale (issue 17): 100 k and 1 M passages on 2 cores.

    PYTHONPATH=. python bench/generate_pubmed.py /work/scale/xml-100k --passages 100000
    PYTHONPATH=. nice -n 10 python bench/scale.py /work/scale/xml-100k /work/scale/ws-100k --name 100k
    # -> bench/results/scale_100k.json (the same for 1m); the workspace stays for later queries, opened without the
    # packaged library (the CLI would add it: a write and a full index rebuild):
    #   Workspace(Settings(home=Path("/work/scale/ws-1m")), with_library=False).retriever  + answer.answer_question

Stages, each timed on its own and saved as it finishes (a crash keeps the earlier figures):
  parse, chunk   the real PubMed parser and chunker over the first file alone
  embed          the real MiniLM int8 ONNX model on a sample of passages, extrapolated to all of them
  ingest         the real ingest pipeline (parse → chunk → store, one transaction per batch) with the vectors
                 DERIVED from real ones (bench/derived_vectors.py: never the product path); the store's share is the
                 total minus parsing, chunking and deriving
  index          lexical (bm25s) and vector (faiss HNSW; int8 from 200 k passages by default) builds, sizes on disk
  query          BioASQ dev questions: rank p50/p95 in lexical, dense and hybrid mode (question embedding included)
  ask            medora's answer pipeline (retrieve → compose → verify → adapt) p50/p95
Everything that reads vectors (vector index build and size, dense, hybrid, ask) is on derived vectors."""

from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

import numpy as np
from common import SHARED, write_results
from derived_vectors import DerivedEmbedder, source_vectors
from sqlalchemy import create_engine

from medora.answer import answer_question
from medora.eval.datasets import bioasq_questions, corpus_pmids
from medora.eval.metrics import percentile
from medora.eval.synthetic_pubmed import load_donors
from medora.ingest.chunking import chunk_source
from medora.ingest.pubmed import parse_pubmed_xml
from medora.retrieve.embed import MiniLMEmbedder, passage_text_for_embedding
from medora.retrieve.indexes import current_folder
from medora.settings import Settings
from medora.workspace import Workspace

BENCH_STORE = "sqlite:///file:/work/benchhome/home/medora.sqlite?mode=ro&uri=true"


def stage_parse_chunk_embed(files: list[Path], sample: int, derived: DerivedEmbedder) -> dict:
    tick = time.perf_counter()
    parsed = [s for s in parse_pubmed_xml(files[0]) if not isinstance(s, Exception)]
    parse_seconds = time.perf_counter() - tick
    tick = time.perf_counter()
    chunked = [(s, chunk_source(s)) for s in parsed]
    chunk_seconds = time.perf_counter() - tick
    count = sum(len(p) for _, p in chunked)
    texts = [passage_text_for_embedding(s.title, p.text) for s, ps in chunked for p in ps][:sample]
    embedder = MiniLMEmbedder()
    embedder.embed(["warm up"])
    tick = time.perf_counter()
    real = np.vstack([embedder.embed(texts[i : i + 64]) for i in range(0, len(texts), 64)])
    embed_seconds = time.perf_counter() - tick
    tokens = sum(len(e.ids) for e in embedder._tokenizer.encode_batch(texts))  # truncated at 128 as the model sees them
    cosines = (real * derived.embed(texts)).sum(axis=1)
    return {
        "parse": {"file": files[0].name, "records": len(parsed), "seconds": round(parse_seconds, 1),
                  "records_per_second": round(len(parsed) / parse_seconds), "passages_per_second": round(count / parse_seconds)},
        "chunk": {"passages": count, "seconds": round(chunk_seconds, 1), "passages_per_second": round(count / chunk_seconds)},
        "embed_sampled": {"passages": len(texts), "seconds": round(embed_seconds, 1), "tokens": tokens,
                          "passages_per_second": round(len(texts) / embed_seconds, 1),
                          "tokens_per_second": round(tokens / embed_seconds)},
        "derived_vs_real_cosine": {"mean": round(float(cosines.mean()), 3),
                                   "p10_p50_p90": [round(float(x), 3) for x in np.percentile(cosines, [10, 50, 90])]},
    }


def stage_ingest(workspace: Workspace, files: list[Path]) -> dict:
    report = workspace.ingest(files, refresh=False)
    store = report.seconds_total - report.seconds_parsing - report.seconds_embedding
    return {
        "files": report.files_read, "records": report.sources_added, "passages": report.passages_added,
        "failures": report.failures, "seconds_total": round(report.seconds_total, 1),
        "seconds_parse_and_chunk": round(report.seconds_parsing, 1),
        "seconds_deriving_vectors": round(report.seconds_embedding, 1), "seconds_store": round(store, 1),
        "store_passages_per_second": round(report.passages_added / store) if store else None,
        "overall_passages_per_second_without_embedding": round(
            report.passages_added / (report.seconds_total - report.seconds_embedding)),
    }


def stage_index(workspace: Workspace) -> dict:
    tick = time.perf_counter()
    manifest = workspace.refresh_indexes(force=True)
    seconds = time.perf_counter() - tick
    folder = current_folder(workspace.index_dir)
    sizes = {path.relative_to(folder).as_posix(): path.stat().st_size for path in folder.rglob("*") if path.is_file()}
    lexical = sum(size for name, size in sizes.items() if name.startswith("lexical/"))
    total = sum(sizes.values())
    store = sum(p.stat().st_size for p in workspace.settings.home.glob("medora.sqlite*"))
    passages = manifest["state"]["passages"]
    return {
        "seconds": round(seconds, 1), "stage_seconds": manifest["stage_seconds"],
        "vector_storage": manifest["vector_storage"], "passages": passages,
        "hnsw_neighbours": manifest.get("hnsw_neighbours", 32), "bm25_scores": manifest.get("bm25_scores", "float32"),
        "bm25_frequency_fixes": manifest.get("bm25_frequency_fixes", 0),
        "lexical_passages_per_second": round(passages / manifest["stage_seconds"]["lexical"]),
        "vector_passages_per_second": round(passages / manifest["stage_seconds"]["vectors"]),
        "mb": {"lexical": round(lexical / 1e6, 1), "vectors": round(sizes.get("vectors.faiss", 0) / 1e6, 1),
               "passage_table": round(sizes.get("passages.npz", 0) / 1e6, 1), "index_total": round(total / 1e6, 1),
               "sqlite_store_with_vectors": round(store / 1e6, 1)},
        "index_mb_per_million_passages": round(total / 1e6 * 1e6 / passages, 1),
    }


def stage_query(workspace: Workspace, questions: list[str], ask_count: int) -> dict:
    retriever = workspace.retriever
    retriever.rank("warm up the model and the indexes")
    figures: dict = {}
    for mode in ("lexical", "dense", "hybrid"):
        times = []
        for question in questions:
            tick = time.perf_counter()
            retriever.rank(question, mode=mode)
            times.append((time.perf_counter() - tick) * 1000)
        figures[mode] = {"p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1)}
    times = []
    for question in questions[:ask_count]:
        tick = time.perf_counter()
        answer_question(question, retriever=retriever, settings=workspace.settings)
        times.append((time.perf_counter() - tick) * 1000)
    figures["ask"] = {"p50_ms": round(percentile(times, 50), 1), "p95_ms": round(percentile(times, 95), 1),
                      "questions": len(times)}
    figures["questions"] = len(questions)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("xml", type=Path, help="folder of generated baseline files (bench/generate_pubmed.py)")
    parser.add_argument("home", type=Path, help="workspace to build (kept for later queries; outside the repo)")
    parser.add_argument("--name", required=True, help="results go to bench/results/scale_NAME.json")
    parser.add_argument("--stages", default="sample,ingest,index,query")
    parser.add_argument("--embed-sample", type=int, default=2000)
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--ask", type=int, default=100)
    args = parser.parse_args()
    stages = args.stages.split(",")
    result_name = f"scale_{args.name}.json"
    results_path = Path(__file__).parent / "results" / result_name
    results = json.loads(results_path.read_text()) if results_path.exists() else {}
    results["note"] = ("Generated PubMed XML (bench/generate_pubmed.py, seed in generated.json); vectors of the stored "
                       "passages are DERIVED vectors (bench/derived_vectors.py), not model output; embed is sampled.")
    if (args.xml / "generated.json").exists():  # written when the generator finishes
        results["generated"] = json.loads((args.xml / "generated.json").read_text())
    files = sorted(args.xml.glob("*.xml.gz"))
    donors = load_donors(SHARED / "pubmed" / "corpus.jsonl")
    derived = DerivedEmbedder(donors, source_vectors(create_engine(BENCH_STORE), model=MiniLMEmbedder.model_name),
                              model_name=MiniLMEmbedder.model_name)
    settings = Settings(home=args.home)

    def save(stage: str, figures: dict) -> None:
        results[stage] = figures
        peak = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
        results.setdefault("peak_rss_mb_of_the_process_after_stage", {})[stage] = peak
        results.setdefault("load_average_1min_after_stage", {})[stage] = round(os.getloadavg()[0], 1)
        write_results(result_name, results)
        print(stage, json.dumps(figures), flush=True)

    if "sample" in stages:
        save("sample", stage_parse_chunk_embed(files, args.embed_sample, derived))
    if "ingest" in stages:
        save("ingest", stage_ingest(Workspace(settings, embedder=derived, with_library=False), files))
        results["ingest"]["vectors_derived_unmatched"] = derived.unmatched
    if "index" in stages:
        save("index", stage_index(Workspace(settings, embedder=derived, with_library=False)))
    if "query" in stages:
        questions = [q["question"] for q in bioasq_questions(SHARED, in_corpus=corpus_pmids(SHARED))][: args.questions]
        save("query", stage_query(Workspace(settings, with_library=False), questions, args.ask))
    if "sample" in results and "ingest" in results:
        rate = results["sample"]["embed_sampled"]["passages_per_second"]
        passages = results["ingest"]["passages"]
        results["embed_extrapolated"] = {"passages": passages, "hours_on_these_2_cores": round(passages / rate / 3600, 1)}
        write_results(result_name, results)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
