"""The plain-version check as the patient reader uses it (``readers.plain_check.check_entry``), on the library itself:
each team-written plain version is perturbed by the rules of the adversarial faithfulness set (a negation inserted
or removed, a direction flipped, a drug or condition swapped, a number, dose or unit changed, a clause added) and
the check must refuse the perturbed version against the sentence it rewrites.

The adversarial set (bench/faithfulness.py) measures the check on PubMed sentences; this measures it where it is
used: library sentences read through the lay glossary and the subsection's group, with the plain wording patients
see. A perturbation that happens to keep the meaning would be counted as missed, so the figures are a floor.
Overviews are split by a salted hash of their id (medora/eval/split.py): the check is tuned on the dev overviews
only; the frozen ones are measured, never tuned on.

    python bench/plain_check.py                    # writes bench/results/plain_check.json
    python bench/plain_check.py --part dev --show 20   # dev overviews only, with misses printed
"""

from __future__ import annotations

import argparse
import json
import random
from collections import Counter, defaultdict

from common import write_results
from faithfulness_perturb import PERTURBATIONS
from faithfulness_set import entity_finders

from medora.eval.split import is_frozen
from medora.library import overview_paths
from medora.library.plain_versions import PlainEntry, plain_dir, read_entries
from medora.readers.plain_check import check_entry

SEED = 29


def entries() -> list[tuple[str, PlainEntry]]:
    """(overview id, entry) for every written plain version of the packaged library."""
    found = []
    for path in overview_paths():
        file = plain_dir() / f"{path.stem}.yaml"
        if file.exists():
            found += [(path.stem, entry) for entry in read_entries(file)[1] if entry.plain]
    return found


def perturbed(all_entries: list[tuple[str, PlainEntry]]) -> list[dict]:
    """Every perturbation that applies to each plain version (seeded by overview and sentence), as pairs."""
    drugs, conditions = entity_finders()
    drug_counts: Counter = Counter()
    condition_counts: Counter = Counter()
    for _topic, entry in all_entries:
        drug_counts.update(drugs(entry.source))
        condition_counts.update(conditions(entry.source))
    drug_pool = sorted(drug_counts)
    condition_pool = sorted(c for c in condition_counts if len(c[0]) >= 5)
    pairs = []
    for topic, entry in all_entries:
        # the sentence and its plain version stand for the passage: a swap must bring in a name neither holds
        ctx = {"passage": f"{entry.source} {entry.plain}", "drugs": drugs, "conditions": conditions,
               "drug_pool": drug_pool, "condition_pool": condition_pool}
        for kind, rule in PERTURBATIONS.items():
            rng = random.Random(f"{SEED}:{topic}:{entry.source}:{kind}")
            result = rule(entry.plain, rng, ctx)
            if result and result[0] != entry.plain:
                pairs.append({"topic": topic, "part": "frozen" if is_frozen(topic) else "dev", "type": kind,
                              "source": entry.source, "plain": entry.plain, "claim": result[0], "change": result[1]})
    return pairs


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("dev", "frozen", "both"), default="both")
    parser.add_argument("--show", type=int, default=0, help="print this many misses (dev part only)")
    args = parser.parse_args()
    all_entries = entries()
    pairs = perturbed(all_entries)
    parts = ("dev", "frozen") if args.part == "both" else (args.part,)
    figures: dict = {"plain_versions": len(all_entries), "perturbed_pairs": {}, "rejected": {}, "by_type": {}}
    for name in parts:
        chosen = [p for p in pairs if p["part"] == name]
        caught: dict[str, list[bool]] = defaultdict(list)
        misses = []
        for pair in chosen:
            refused = bool(check_entry(PlainEntry(source=pair["source"], plain=pair["claim"])))
            caught[pair["type"]].append(refused)
            if not refused:
                misses.append(pair)
        figures["perturbed_pairs"][name] = len(chosen)
        figures["rejected"][name] = round(sum(sum(v) for v in caught.values()) / max(len(chosen), 1), 3)
        figures["by_type"][name] = {k: f"{sum(v)}/{len(v)}" for k, v in sorted(caught.items())}
        if args.show and name == "dev":
            for pair in misses[: args.show]:
                print(f"[{pair['type']}] {pair['change']}\n  source: {pair['source']}\n  claim:  {pair['claim']}")
    written = [check_entry(entry) for _topic, entry in all_entries]
    figures["written_versions_passing"] = f"{sum(not w for w in written)} of {len(written)} (written to pass: not evidence)"
    print(json.dumps(figures, indent=2))
    if args.part == "both":
        write_results("plain_check.json", figures)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
