"""Build the adversarial faithfulness set: real corpus sentences, each rewritten by a rule that either keeps its
meaning (a faithful rewrite) or breaks it (a perturbation), paired with the Medora passage the sentence came from.

Sources are the 1,000 PubMedQA abstracts of ../shared/data/pubmed/corpus.jsonl (MIT licence), chunked into passages
exactly as `medora ingest` chunks them. Every choice is seeded by the source sentence's id, so a re-run writes the same
files. About 30 % of abstracts (chosen by a hash of the PMID, never by what a checker does on them) form the FROZEN
test split: one abstract's passages never sit on both sides.

The rules here are written independently of medora/compose/faithfulness.py (its lexicons are not imported), but by
the same author: read the figures as a regression bench for the rules listed, not as a measure on free-form LLM text.

    python bench/faithfulness_set.py        # -> bench/data/faithfulness_pairs.jsonl, faithfulness_passages.jsonl
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from common import SHARED
from faithfulness_perturb import PERTURBATIONS
from faithfulness_rewrite import REWRITES, quote

from medora.ingest.chunking import chunk_source
from medora.sentences import split_sentences
from medora.types import Section, Source

OUT = Path(__file__).resolve().parent / "data"
TEST_SHARE = 30  # percent of PMIDs in the frozen test split
PER_PERTURBATION = 160  # target pairs per perturbation type
PER_REWRITE = 130  # target pairs per faithful rewrite type
QUOTES = 60

# ---------------------------------------------------------------- assembly

def entity_finders() -> tuple[Callable[[str], list[tuple[str, str]]], Callable[[str], list[tuple[str, str]]]]:
    """(surface, canonical name) finders for drugs and conditions, from the two NER lexicon packages."""
    from drug_named_entity_recognition import find_drugs
    from medical_named_entity_recognition import find_diseases

    def is_medicine(data: dict) -> bool:
        return bool(data.get("drugbank_id") or data.get("medline_plus_id"))

    def is_disease(data: dict) -> bool:
        return any(tree.startswith(("C", "F03")) for tree in data.get("mesh_tree") or [])

    def finder(find: Callable, keep: Callable[[dict], bool]) -> Callable[[str], list[tuple[str, str]]]:
        def found(text: str) -> list[tuple[str, str]]:
            words = re.findall(r"[A-Za-z][A-Za-z0-9'-]*[A-Za-z0-9]|[A-Za-z]", text)
            results = []
            for match in find(words, is_ignore_case=True):
                data = match[0]
                name = data.get("name") or data.get("matching_string") or ""
                spot = re.search(rf"\b{re.escape(data.get('matching_string', ''))}\b", text, re.I)
                if name and spot and len(spot.group(0)) >= 4 and keep(data):
                    results.append((spot.group(0), name.lower()))
            return results
        return found

    return finder(find_drugs, is_medicine), finder(find_diseases, is_disease)


def split_of(pmid: str) -> str:
    return "test" if int(hashlib.sha256(pmid.encode()).hexdigest(), 16) % 100 < TEST_SHARE else "dev"


def source_sentences() -> list[dict]:
    """Every usable sentence of the PubMedQA abstracts, with the passage that holds it."""
    found = []
    for line in (SHARED / "pubmed" / "corpus.jsonl").open(encoding="utf-8"):
        record = json.loads(line)
        if record["origin"] != "pubmedqa":
            continue
        source = Source(key=f"pmid:{record['pmid']}", sections=[Section(**s) for s in record["sections"]])
        for passage in chunk_source(source):
            for index, sentence in enumerate(split_sentences(passage.text)):
                words = sentence.split()
                if 8 <= len(words) <= 60 and sentence[0].isalnum() and sentence.endswith("."):
                    found.append({"id": f"{record['pmid']}:{passage.ordinal}:{index}", "pmid": record["pmid"],
                                  "passage_id": f"{record['pmid']}:{passage.ordinal}", "passage": passage.text,
                                  "sentence": sentence})
    return found


def build(seed: int = 13) -> tuple[list[dict], dict[str, str]]:
    drugs, conditions = entity_finders()
    sentences = source_sentences()
    drug_counts: Counter = Counter()
    condition_counts: Counter = Counter()
    for item in sentences:
        drug_counts.update(drugs(item["sentence"]))
        condition_counts.update(conditions(item["sentence"]))
    drug_pool = sorted(d for d, n in drug_counts.items() if n >= 2)
    condition_pool = sorted(c for c, n in condition_counts.items() if n >= 3 and len(c[0]) >= 5)
    order = random.Random(seed)
    order.shuffle(sentences)
    quotas = {**{k: PER_PERTURBATION for k in PERTURBATIONS}, **{k: PER_REWRITE for k in REWRITES}, "quote": QUOTES}
    made: Counter = Counter()
    pairs, passages = [], {}
    for item in sentences:
        ctx = {"passage": item["passage"], "drugs": drugs, "conditions": conditions, "drug_pool": drug_pool,
               "condition_pool": condition_pool}
        rng = random.Random(f"{seed}:{item['id']}")
        for label, rules in (("perturbed", PERTURBATIONS), ("faithful", {**REWRITES, "quote": quote})):
            kinds = [k for k in rules if made[k] < quotas[k]]
            rng.shuffle(kinds)
            kinds.sort(key=lambda k: made[k] / quotas[k])  # the scarcest kind first, so rare rules fill up
            for kind in kinds:
                result = rules[kind](item["sentence"], rng, ctx)
                if result and result[0] != item["sentence"]:
                    claim, change = result
                    made[kind] += 1
                    passages[item["passage_id"]] = item["passage"]
                    pairs.append({"id": f"{item['id']}:{kind}", "split": split_of(item["pmid"]), "label": label,
                                  "type": kind, "passage_id": item["passage_id"], "claim": claim, "change": change})
                    break
    pairs.sort(key=lambda p: p["id"])
    return pairs, passages


def main() -> int:
    pairs, passages = build()
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "faithfulness_pairs.jsonl").open("w", encoding="utf-8") as handle:
        for pair in pairs:
            handle.write(json.dumps(pair, ensure_ascii=False) + "\n")
    with (OUT / "faithfulness_passages.jsonl").open("w", encoding="utf-8") as handle:
        for key in sorted(passages):
            handle.write(json.dumps({"passage_id": key, "text": passages[key]}, ensure_ascii=False) + "\n")
    counts = Counter((p["split"], p["label"]) for p in pairs)
    print(f"{len(pairs)} pairs over {len(passages)} passages: {dict(counts)}")
    print(dict(Counter(p["type"] for p in pairs)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
