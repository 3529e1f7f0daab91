"""Honest answers on a fresh install: near-miss detection (a library topic, a term its overview does not address →
partial or insufficient, overview not laid out) and coverage (a clinician question → answered with its overview),
on the dev and the frozen parts separately. Targets: detection ≥ 90 %, coverage ≥ 95 %.

    python bench/near_miss.py            # writes bench/results/near_miss.json
    python bench/near_miss.py --dev      # dev questions only (for tuning; never tune on the frozen part)
    python bench/near_miss.py --unseen   # the second sets (45 near-miss, 54 coverage): scored once, then tuned on
    python bench/near_miss.py --holdout  # the third sets (24 near-miss, 35 coverage), never tuned on
    python bench/near_miss.py --fourth   # the fourth sets (30 near-miss + 6 out of scope, 40 coverage): dev half tuned
                                         # on since 2026-11-29, frozen half never
    python bench/near_miss.py --fifth    # the fifth sets, written blind on 2026-11-29 (session 7), read and tuned on
                                         # since session 8: their wrong answers are listed
    python bench/near_miss.py --sixth    # the sixth sets, written blind in session 8, measured once, read and tuned on
                                         # since session 9: their wrong answers are listed
    python bench/near_miss.py --seventh  # the seventh sets, written blind in session 9: rates by style, never read
    python bench/near_miss.py --eighth   # the eighth sets, written blind in session 9: rates by style, never read
    python bench/near_miss.py --ninth    # the ninth sets, written blind in session 10: rates by style, never read
    python bench/near_miss.py --eleventh # the eleventh sets, written blind in session 11: rates by style, never read
    python bench/near_miss.py --twelfth  # the twelfth sets, written blind in session 13: rates by style, never read
    python bench/near_miss.py --thirteenth # the thirteenth sets, everyday words, written blind in session 13 as a
                                           # development set: tuned on, wrong answers listed
    python bench/near_miss.py --fourteenth # the fourteenth sets, clinicians' questions and vignettes, written blind in
                                           # session 13 as a development set: tuned on, wrong answers listed
    python bench/near_miss.py --fifteenth # the fifteenth sets, written blind in session 20: rates by style, never read
    python bench/near_miss.py --sixteenth # the sixteenth sets, clinicians' questions, everyday words and vignettes,
                                          # written in session 23 as a development set: tuned on, wrong answers listed
    python bench/near_miss.py --seventeenth # the seventeenth sets, vignettes (half the near-misses' twists only in the
                                            # findings), written in session 23 as a development set: tuned on
    python bench/near_miss.py --eighteenth # the eighteenth sets, vignettes (half the near-misses' twists only in the
                                           # findings), written in session 24 as a development set: tuned on
    python bench/near_miss.py --nineteenth # the nineteenth sets, everyday words (half the near-misses' twists only in
                                           # the account), written in session 25 as a development set: tuned on
    python bench/near_miss.py --twentieth # the twentieth sets, everyday words (many twists a child's or a teenager's
                                          # age), written in session 25 as a development set
    python bench/near_miss.py --twentyfirst # the twenty-first sets, clinicians' questions, vignettes and everyday
                                            # words, written blind in session 26, printed in session 27: a
                                            # development set since
    python bench/near_miss.py --twentysecond # the twenty-second sets, clinicians' questions, vignettes and everyday
                                             # words, written blind in session 43, read by rates in sessions 43
                                             # and 44: a development set since session 45
    python bench/near_miss.py --twentythird # the twenty-third sets, clinicians' questions, vignettes and everyday
                                            # words, written blind in session 45, read by rates in sessions 45
                                            # to 53: a development set since session 54
    python bench/near_miss.py --twentyfourth # the twenty-fourth sets, clinicians' questions, vignettes and everyday
                                             # words, written blind in session 49, read by rates in sessions 49
                                             # to 54: a development set since session 55
    python bench/near_miss.py --twentyfifth # the twenty-fifth sets, clinicians' questions, vignettes and everyday
                                            # words, written blind in session 54: rates by style, never read
    python bench/near_miss.py --twentysixth # the twenty-sixth sets, clinicians' questions, vignettes and everyday
                                            # words, written blind in session 55, read by rates in sessions 55
                                            # to 65: a development set since session 66
    python bench/near_miss.py --twentyseventh # the twenty-seventh sets, everyday accounts that describe more than they
                                              # name, written in session 55 as a development set
    python bench/near_miss.py --twentyeighth # the twenty-eighth sets, everyday accounts, written in session 57 as a
                                             # development set
    python bench/near_miss.py --twentyninth # the twenty-ninth sets, everyday accounts, clinicians' questions and
                                            # vignettes, written in session 58 as a development set
    python bench/near_miss.py --thirtieth   # the thirtieth sets, the same three styles, written in session 59 as a
                                            # development set
    python bench/near_miss.py --thirtyfirst # the thirty-first sets, the same three styles, each case telling
                                            # background that does not change the answer: written in session 61 as
                                            # a development set
    python bench/near_miss.py --thirtysecond # the thirty-second sets, the same three styles typed untidily
                                             # (misspellings, shorthand, note abbreviations, exam options):
                                             # written in session 62 as a development set
    python bench/near_miss.py --thirtythird # the thirty-third sets, the same three styles on medicines in real
                                            # life (side effects, interactions, monitoring, stopping): written in
                                            # session 63 as a development set
    python bench/near_miss.py --thirtyfourth # the thirty-fourth sets, the same three styles as long accounts
                                             # (the question buried in a story, a handover or a long stem):
                                             # written in session 64 as a development set
    python bench/near_miss.py --thirtyfifth # the thirty-fifth sets, the twenty-sixth's three styles written again
                                            # blind in session 66: rates by style, never read
    python bench/near_miss.py --thirtysixth # the thirty-sixth sets, half of its coverage questions everyday accounts
                                            # that describe more than they name: written in session 69 as a
                                            # development set (first read on session 68's code)
    python bench/near_miss.py --thirtyseventh # the thirty-seventh sets, written like the thirty-sixth: a
                                              # development set written in session 70 (first read on session
                                              # 69's code)
    python bench/near_miss.py --thirtyeighth # the thirty-eighth sets, written like the thirty-sixth: a
                                             # development set written in session 71 (first read on session
                                             # 70's code)
    python bench/near_miss.py --thirtyninth # the thirty-ninth sets, written like the thirty-sixth: a
                                            # development set written in session 72 (first read on session
                                            # 71's code)
    python bench/near_miss.py --fortieth    # the fortieth sets, written like the thirty-sixth: a development
                                            # set written in session 73 (first read on session 72's code)
    python bench/near_miss.py --tenth    # the tenth sets, everyday words, written blind in session 10 as a
                                         # development set: tuned on, wrong answers listed
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

from common import write_results

from medora.eval.coverage import coverage_questions
from medora.eval.near_miss import near_miss_questions, rates, run_honesty
from medora.eval.split import is_frozen
from medora.settings import Settings
from medora.workspace import Workspace


# Each set besides the first: its help line and how it is read. "whole": read unsplit (no --dev); "listed": read
# and tuned on, every wrong answer listed; "rates": never read, rates only, no question named.
# how a set is read: whole (never split by --dev), and either its rates only (blind) or its wrong answers listed
BLIND = frozenset({"whole", "rates"})
DEVELOPMENT = frozenset({"whole", "listed"})
SETS: dict[str, tuple[str, frozenset[str]]] = {
    "unseen": ("the second question sets (tuned on since)", frozenset({"listed"})),
    "holdout": ("the third question sets, never tuned on", BLIND),
    "fourth": ("the fourth sets: dev half tuned on, frozen half never", frozenset()),
    "fifth": ("the fifth sets: blind on 2026-11-29, tuned on since session 8", DEVELOPMENT),
    "sixth": ("the sixth sets: blind in session 8, tuned on since session 9", DEVELOPMENT),
    "seventh": ("the seventh sets, written blind in session 9: rates only", BLIND),
    "eighth": ("the eighth sets, written blind in session 9: rates only", BLIND),
    "ninth": ("the ninth sets, written blind in session 10: rates only", BLIND),
    "tenth": ("the tenth sets, everyday words: a development set", DEVELOPMENT),
    "eleventh": ("the eleventh sets, written blind in session 11: rates only", BLIND),
    "twelfth": ("the twelfth sets, written blind in session 13: rates only", BLIND),
    "fifteenth": ("the fifteenth sets, written blind in session 20: rates only", BLIND),
    "thirteenth": ("the thirteenth sets, everyday words: a development set written in session 13", DEVELOPMENT),
    "fourteenth": ("the fourteenth sets, clinicians' questions: a development set written in session 13", DEVELOPMENT),
    "sixteenth": ("the sixteenth sets, three styles: a development set written in session 23", DEVELOPMENT),
    "seventeenth": ("the seventeenth sets, vignettes: a development set written in session 23", DEVELOPMENT),
    "eighteenth": ("the eighteenth sets, vignettes: a development set written in session 24", DEVELOPMENT),
    "nineteenth": ("the nineteenth sets, everyday words: a development set written in session 25", DEVELOPMENT),
    "twentieth": ("the twentieth sets, everyday words: a development set written in session 25", DEVELOPMENT),
    "twentyfirst": (
        "the twenty-first sets, three styles: written blind in session 26, printed whole in session 27's review, a "
        "development set since", DEVELOPMENT,
    ),
    "twentysecond": (
        "the twenty-second sets, three styles: written blind in session 43, read twice by rates, a development set "
        "since session 45", DEVELOPMENT,
    ),
    "twentythird": (
        "the twenty-third sets, three styles: written blind in session 45, read by rates to session 53, a development "
        "set since session 54", DEVELOPMENT,
    ),
    "twentyfourth": (
        "the twenty-fourth sets, three styles: written blind in session 49, read by rates to session 54, a "
        "development set since session 55", DEVELOPMENT,
    ),
    "twentyfifth": ("the twenty-fifth sets, three styles, written blind in session 54: rates only", BLIND),
    "twentysixth": (
        "the twenty-sixth sets, three styles: written blind in session 55, read by rates to session 65, a "
        "development set since session 66", DEVELOPMENT,
    ),
    "twentyseventh": (
        "the twenty-seventh sets, everyday accounts: a development set written in session 55", DEVELOPMENT,
    ),
    "twentyeighth": (
        "the twenty-eighth sets, everyday accounts: a development set written in session 57", DEVELOPMENT,
    ),
    "twentyninth": (
        "the twenty-ninth sets, three styles: a development set written in session 58", DEVELOPMENT,
    ),
    "thirtieth": (
        "the thirtieth sets, three styles: a development set written in session 59", DEVELOPMENT,
    ),
    "thirtyfirst": (
        "the thirty-first sets, three styles with background that does not change the answer: a development set "
        "written in session 61", DEVELOPMENT,
    ),
    "thirtysecond": (
        "the thirty-second sets, three styles typed untidily (misspellings, shorthand, note abbreviations, exam "
        "options): a development set written in session 62", DEVELOPMENT,
    ),
    "thirtythird": (
        "the thirty-third sets, three styles on medicines in real life (side effects, interactions, monitoring, "
        "stopping and switching): a development set written in session 63", DEVELOPMENT,
    ),
    "thirtyfourth": (
        "the thirty-fourth sets, three styles as long accounts from real life (the question buried in a story, a "
        "handover or a long exam stem): a development set written in session 64", DEVELOPMENT,
    ),
    "thirtysixth": (
        "the thirty-sixth sets, three styles (half of the coverage questions everyday accounts): a development set "
        "written in session 69", DEVELOPMENT,
    ),
    "thirtyseventh": (
        "the thirty-seventh sets, three styles (half of the coverage questions everyday accounts): a development set "
        "written in session 70", DEVELOPMENT,
    ),
    "thirtyeighth": (
        "the thirty-eighth sets, three styles (half of the coverage questions everyday accounts): a development set "
        "written in session 71", DEVELOPMENT,
    ),
    "thirtyninth": (
        "the thirty-ninth sets, three styles (half of the coverage questions everyday accounts): a development set "
        "written in session 72", DEVELOPMENT,
    ),
    "fortieth": (
        "the fortieth sets, three styles (half of the coverage questions everyday accounts): a development set "
        "written in session 73", DEVELOPMENT,
    ),
    "thirtyfifth": (
        "the thirty-fifth sets, three styles (the twenty-sixth's, written again), written blind in session 66: rates "
        "only", BLIND,
    ),
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", action="store_true", help="dev questions only; results are printed, not saved")
    sets = parser.add_mutually_exclusive_group()
    for set_name, (help_line, _reading) in SETS.items():
        sets.add_argument(f"--{set_name}", action="store_true", help=help_line)
    args = parser.parse_args()
    name = next((n for n in SETS if getattr(args, n)), "")
    reading = SETS[name][1] if name else frozenset()
    if args.dev and "whole" in reading:
        parser.error("--dev would split a set that is read whole: run it without --dev")
    near_miss = near_miss_questions(f"near_miss_{name}" if name else "near_miss")
    coverage = coverage_questions(f"library_coverage_{name}" if name else "library_coverage")
    if args.dev:
        near_miss = [q for q in near_miss if not is_frozen(q["question"])]
        coverage = [q for q in coverage if not is_frozen(q["question"])]
    with tempfile.TemporaryDirectory() as scratch:
        workspace = Workspace(Settings(home=Path(scratch) / "home"))
        workspace.prepare()
        tick = time.perf_counter()
        results = run_honesty(workspace.retriever, workspace.settings, near_miss=near_miss, coverage=coverage)
        seconds = time.perf_counter() - tick
    figures = {
        "rates": rates(results),
        "seconds_per_question": round(seconds / len(results), 3),
        "wrong": [
            {
                "question": r.question,
                "kind": r.kind,
                "topic": r.topic,
                "split": r.split,
                "answer_status": r.answer_status,
                "overview": r.overview_key,
                "uncovered_terms": r.uncovered_terms,
            }
            for r in results
            if not r.correct and (args.dev or "listed" in reading or r.split == "dev") and "rates" not in reading
        ],
        "by_style": _rates_by_style(results, near_miss + coverage),
        "misses": _misses(results),
        "frozen_wrong": sum(not r.correct for r in results if r.split == "frozen"),
    }
    print(json.dumps(figures, indent=2))
    if not args.dev:  # a dev-only run is printed, never saved over a whole set's figures
        write_results(f"near_miss_{name}.json" if name else "near_miss.json", figures)
    return 0


def _misses(results: list) -> dict[str, int]:
    """How the wrong answers went wrong, counted ("coverage partial", "coverage other overview", "near_miss answered,
    naming details unmentioned"): which gate to look at on a set read for rates only, without naming a question."""
    counts: dict[str, int] = {}
    for result in results:
        if result.correct:
            continue
        how = result.answer_status
        if result.kind == "near_miss" and how == "answered":
            # an answer that names the case's details its sources never mention warns its reader (findings_notice)
            how = "answered, naming details unmentioned" if result.unnamed_findings else "answered"
        if result.kind == "coverage" and how == "answered":
            how = "other overview" if result.overview_key else "answered without its overview"
        elif result.kind == "coverage" and how == "partial":
            how = "partial, a word unnamed" if result.uncovered_terms else "partial, off topic"
        counts[f"{result.kind} {how}"] = counts.get(f"{result.kind} {how}", 0) + 1
    return dict(sorted(counts.items()))


def _rates_by_style(results: list, items: list[dict]) -> dict[str, dict[str, int]]:
    """Right / asked per kind and writing style ('near_miss lay', 'coverage vignette'), for sets that carry a style:
    where the gate fails, without naming a question."""
    styles = {  # a vignette near-miss's twist, where a set says where it sits: "vignette (twist in the findings)"
        item["question"]: f"{item['style']} (twist {item['twist']})" if item.get("twist") else item.get("style")
        for item in items
    }
    counts: dict[str, dict[str, int]] = {}
    for result in results:
        style = styles.get(result.question)
        if style:
            tally = counts.setdefault(f"{result.kind} {style}", {"right": 0, "asked": 0})
            tally["asked"] += 1
            tally["right"] += int(result.correct)
    return dict(sorted(counts.items()))


if __name__ == "__main__":
    raise SystemExit(main())
