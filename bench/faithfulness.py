"""Faithfulness check on the adversarial set: how many perturbed sentences it rejects, how many faithful rewrites it
accepts, on the dev split (tuned on) and the frozen test split (never tuned on), beside the old bag-of-words check.

    python bench/faithfulness_set.py                 # (re)build the set; deterministic
    python bench/faithfulness.py                     # both splits -> results/faithfulness.json
    python bench/faithfulness.py --split dev --show 20   # while tuning: dev only, with failures printed
"""

from __future__ import annotations

import argparse
import json
import re
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

from common import write_results

from medora.compose.entities import drugs_in
from medora.compose.faithfulness import Support, check_faithful, strip_citations
from medora.compose.verify import check_support
from medora.eval.metrics import percentile
from medora.retrieve.tokenize import content_words
from medora.sentences import split_sentences

DATA = Path(__file__).resolve().parent / "data"


def bag_of_words_check(claim: str, passage: str, *, min_support: float = 0.5) -> Support:
    """The verifier Medora shipped before this check (commit 4067c40), kept here only for contrast: bare numbers
    present, drugs present, negation of the closest sentence, half the content words present."""
    claim, passage = strip_citations(claim), strip_citations(passage)
    number = re.compile(r"(?<![A-Za-z])\d+(?:[.,]\d+)?")
    negation = re.compile(
        r"\b(no|not|none|never|neither|nor|without|cannot|can't|didn't|doesn't|don't|isn't|wasn't|aren't|weren't|"
        r"fail(?:ed|s)? to|absence of|lack of|unlikely|ineffective|did not|does not|do not|was not|were not|is not|are not)\b",
        re.I,
    )
    flags = []
    if {n.replace(",", ".") for n in number.findall(claim)} - {n.replace(",", ".") for n in number.findall(passage)}:
        flags.append("numbers")
    if set(drugs_in(claim)) - set(drugs_in(passage)):
        flags.append("drugs")
    claim_words, passage_words = content_words(claim), content_words(passage)
    score = len(claim_words & passage_words) / len(claim_words) if claim_words else 0.0
    if score < min_support:
        flags.append("support")
    sentences = split_sentences(passage)
    closest = max(sentences, key=lambda s: len(claim_words & content_words(s)), default=None)
    if closest is not None and bool(negation.search(claim)) != bool(negation.search(closest)):
        flags.append("negation")
    return Support(supported=not flags, score=score, flags=flags)


def plain_version_check(claim: str, passage: str, *, min_support: float = 0.5) -> Support:
    """The check as the team's plain-language versions get it: new content words allowed (a person wrote them and the
    board reviews them), everything else as for any rewrite. Measured to show what that allowance lets through."""
    return check_faithful(claim, passage, min_support=min_support, allow_new_words=True)


def load() -> list[dict]:
    passages = {}
    with (DATA / "faithfulness_passages.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            passages[row["passage_id"]] = row["text"]
    pairs = []
    with (DATA / "faithfulness_pairs.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            pair = json.loads(line)
            pair["passage"] = passages[pair["passage_id"]]
            pairs.append(pair)
    return pairs


def score(pairs: list[dict], check: Callable[..., Support], show: int = 0) -> dict:
    """Reject rate on perturbed pairs (overall, by type), accept rate on faithful rewrites (quotes apart)."""
    outcomes: dict[str, list[bool]] = defaultdict(list)
    quotes_labelled: list[bool] = []
    latencies: list[float] = []
    shown = 0
    for pair in pairs:
        started = time.perf_counter()
        result = check(pair["claim"], pair["passage"], min_support=0.5)
        latencies.append((time.perf_counter() - started) * 1000)
        correct = result.supported if pair["label"] == "faithful" else not result.supported
        outcomes[pair["type"]].append(correct)
        if pair["type"] == "quote":
            quotes_labelled.append(result.quote)
        elif pair["label"] == "faithful":
            outcomes["faithful"].append(correct)
        else:
            outcomes["perturbed"].append(correct)
        if not correct and shown < show:
            shown += 1
            print(f"[{pair['label']} {pair['type']}] {pair['change']}\n  claim: {pair['claim'][:300]}\n  flags: {result.flags}\n")

    def rate(values: list[bool]) -> dict:
        return {"rate": round(sum(values) / len(values), 3), "n": len(values)} if values else {"rate": None, "n": 0}

    by_type = {kind: rate(values) for kind, values in sorted(outcomes.items()) if kind not in {"faithful", "perturbed"}}
    return {
        "perturbed_rejected": rate(outcomes["perturbed"]),
        "faithful_accepted": rate(outcomes["faithful"]),
        "quotes_accepted": by_type.pop("quote", rate([])),
        "quotes_labelled_quote": rate(quotes_labelled),
        "by_type": by_type,
        "p50_ms": round(percentile(latencies, 50), 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--show", type=int, default=0, help="print this many misjudged dev pairs")
    args = parser.parse_args()
    pairs = load()
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    figures: dict = {"pairs": len(pairs)}
    for split in splits:
        part = [p for p in pairs if p["split"] == split]
        figures[split] = {
            "faithfulness_check": score(part, check_support, show=args.show if split == "dev" else 0),
            "plain_version_check": score(part, plain_version_check),
            "bag_of_words_check": score(part, bag_of_words_check),
        }
        for name, result in figures[split].items():
            print(
                f"{split:4} {name:19} perturbed rejected {result['perturbed_rejected']['rate']} "
                f"(n={result['perturbed_rejected']['n']}), faithful accepted {result['faithful_accepted']['rate']} "
                f"(n={result['faithful_accepted']['n']}), quotes accepted {result['quotes_accepted']['rate']}"
            )
            print("      " + ", ".join(f"{k} {v['rate']}" for k, v in result["by_type"].items()))
    if args.split == "all":
        write_results("faithfulness.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
