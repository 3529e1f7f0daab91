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

from medora.ingest.chunking import chunk_source
from medora.sentences import split_sentences
from medora.types import Section, Source

OUT = Path(__file__).resolve().parent / "data"
TEST_SHARE = 30  # percent of PMIDs in the frozen test split
PER_PERTURBATION = 160  # target pairs per perturbation type
PER_REWRITE = 130  # target pairs per faithful rewrite type
QUOTES = 60

# ---------------------------------------------------------------- word lists (the generator's own)

PAST_TO_BASE = {
    "reduced": "reduce", "increased": "increase", "improved": "improve", "decreased": "decrease", "lowered": "lower",
    "prevented": "prevent", "predicted": "predict", "affected": "affect", "influenced": "influence", "showed": "show",
    "demonstrated": "demonstrate", "caused": "cause", "differed": "differ", "correlated": "correlate",
    "resulted": "result", "led": "lead", "changed": "change", "required": "require", "received": "receive",
    "developed": "develop", "experienced": "experience", "achieved": "achieve", "shortened": "shorten",
    "prolonged": "prolong", "enhanced": "enhance", "impaired": "impair", "worsened": "worsen", "exceeded": "exceed",
}
BASE_TO_PAST = {base: past for past, base in PAST_TO_BASE.items()}
ANTONYMS = {
    "increased": "decreased", "decreased": "increased", "increase": "decrease", "decrease": "increase",
    "increases": "decreases", "decreases": "increases", "increasing": "decreasing", "decreasing": "increasing",
    "reduced": "increased", "reduces": "increases", "reduce": "increase", "reduction": "increase", "reductions": "increases",
    "higher": "lower", "lower": "higher", "highest": "lowest", "lowest": "highest", "high": "low", "low": "high",
    "greater": "smaller", "smaller": "greater", "larger": "smaller", "more": "less", "less": "more", "fewer": "more",
    "improved": "worsened", "improves": "worsens", "improve": "worsen", "improvement": "deterioration",
    "improvements": "deteriorations", "better": "worse", "worse": "better", "superior": "inferior", "inferior": "superior",
    "elevated": "reduced", "longer": "shorter", "shorter": "longer", "positively": "negatively", "negatively": "positively",
    "above": "below", "below": "above", "earlier": "later", "faster": "slower", "slower": "faster", "gain": "loss",
    "underestimated": "overestimated", "overestimated": "underestimated", "rise": "fall", "rose": "fell",
}
ANATOMICAL = re.compile(r"\b(?:lower|upper|higher|low)\s+(?:limbs?|extremit\w+|back|urinary|respiratory|gastrointestinal|"
                        r"abdom\w+|lobe|leg|pole|jaw|lip|eyelid|esophag\w+|oesophag\w+|tract|income|education|"
                        r"order|level of care)", re.I)
SYNONYMS = [
    ("demonstrated", "showed"), ("revealed", "showed"), ("approximately", "about"), ("decreased", "reduced"), ("lowered", "reduced"), ("utilized", "used"),
    ("utilization", "use"), ("administered", "given"), ("evaluated", "assessed"), ("investigated", "examined"),
    ("physicians", "doctors"), ("individuals", "people"), ("therapy", "treatment"), ("frequently", "often"),
    ("prior to", "before"), ("in order to", "to"), ("was associated with", "was linked to"),
    ("were associated with", "were linked to"), ("elevated", "raised"), ("identified", "found"),
    ("observed", "seen"), ("detected", "found"), ("greater", "higher"), ("obtained", "collected"),
    ("performed", "carried out"), ("mortality", "death rate"), ("subsequent", "later"),
    ("majority of", "most of"), ("however, ", ""), ("in addition, ", "additionally, "), ("a total of ", ""),
]
RESULT_CUE = re.compile(r"\b(?:higher|lower|increased|decreased|reduced|improved|significant(?:ly)?|associated|correlated|"
                        r"more|less|than|differ\w*|similar|predict\w*)\b|\d%")
FRAMES = ["The study found that ", "In this study, ", "The authors report that ", "The results showed that ",
          "This study found that "]
CLAUSES = [
    ", which also reduced all-cause mortality", ", particularly in elderly patients", "; this effect was strongest in women",
    ", and it is now recommended as first-line therapy", ", especially among smokers",
    "; the benefit persisted after adjustment for diabetes", ", an effect mediated by reduced inflammation",
    ", and it should replace surgery in routine care", "; the effect was larger in children",
    ", while hospital readmissions doubled",
]
DOSE_UNITS = r"mg/kg|mg/day|mg/d|mg|g/kg|g|mcg|µg|μg|ug|ml/kg|ml|mL|IU|units|mmol|U/kg"
OTHER_UNITS = r"%|percent|hours|hour|h|days|day|weeks|week|months|month|years|year|min|minutes|mmHg|cm|mm|kg"
UNIT_SWAPS = {
    "mg": "g", "g": "mg", "mcg": "mg", "µg": "mg", "μg": "mg", "ug": "mg", "mg/kg": "g/kg", "g/kg": "mg/kg",
    "ml": "l", "mL": "L", "IU": "mg", "units": "mg", "mmol": "mol", "mg/day": "g/day", "mg/d": "g/d", "ml/kg": "l/kg",
    "hours": "days", "hour": "day", "h": "days", "days": "weeks", "day": "week", "weeks": "months", "week": "month",
    "months": "years", "month": "year", "years": "months", "year": "month", "min": "hours", "minutes": "hours",
    "mmHg": "cmH2O", "cm": "mm", "mm": "cm", "kg": "g", "%": " mg", "percent": "mg", "U/kg": "mg/kg",
}
QUANTITY = re.compile(
    rf"(?<![A-Za-z0-9.\-])(?P<num>\d+(?:[.,]\d+)?)(?P<gap>\s?-?\s?)(?P<unit>{DOSE_UNITS}|{OTHER_UNITS})(?![A-Za-z0-9])"
)
NUMBER = re.compile(r"(?<![A-Za-z0-9.\-/])\d+(?:\.\d+)?(?![\d.]*[A-Za-z/])")
GENERIC_CONDITIONS = {"disease", "diseases", "syndrome", "disorder", "disorders", "injury", "pain", "infection",
                      "cancer", "tumor", "tumour", "death", "complications", "lesions", "lesion", "fracture", "fever"}


def base_form(verb: str) -> str:
    return PAST_TO_BASE.get(verb.lower(), verb)


def keep_case(original: str, replacement: str) -> str:
    return replacement[:1].upper() + replacement[1:] if original[:1].isupper() else replacement


# ---------------------------------------------------------------- perturbations: each returns (claim, change) or None

def negation_insert(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    options: list[tuple[re.Match, Callable[[re.Match], str]]] = []
    aux = re.compile(r"\b(was|were|is|are)\s+(?=(?:significantly\s+|statistically\s+significantly\s+)?(?:associated|"
                     r"correlated|related|different|higher|lower|increased|reduced|decreased|improved|effective|"
                     r"superior|inferior|found|observed|detected|able|predictive|present|necessary|required|safe|"
                     r"common|more|less|similar|significant)\b)", re.I)
    options += [(m, lambda m: f"{m.group(1)} not ") for m in aux.finditer(sentence)]
    verb = re.compile(r"(?<=\s)(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bthe )(?<!\ba )(?<!\bis )(?<!\bare )\b(" +
                      "|".join(PAST_TO_BASE) + r")\b(?=\s+(?:the|a|an|their|its|significantly|[a-z]+))")
    auxiliary = re.compile(r"\b(?:was|were|is|are|be|been|being|has|have|had|not|the|a|an)\s+(?:\w+ly\s+)?$", re.I)
    options += [(m, lambda m: f"did not {base_form(m.group(1))}") for m in verb.finditer(sentence)
                if m.start() > 0 and not auxiliary.search(sentence[: m.start()])]
    there = re.compile(r"\b(there (?:was|were)) (a |an )?(significant|statistically significant|difference)", re.I)
    options += [(m, lambda m: f"{m.group(1)} no {m.group(3)}") for m in there.finditer(sentence)]
    modal = re.compile(r"(?<!\bthe )\b(can|may|could|should)\b(?= (?:be|help|improve|reduce|increase|predict|prevent|lead|cause|"
                       r"affect|provide|play|contribute|explain|serve|have|result|influence|identify|detect)\b)")
    options += [(m, lambda m: f"{m.group(1)} not") for m in modal.finditer(sentence)]
    if not options or re.search(r"\bwhether\b", sentence):
        return None
    match, make = rng.choice(options)
    new = make(match)
    return sentence[: match.start()] + new + sentence[match.end():], f"{match.group(0).strip()} → {new.strip()}"


def negation_remove(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    patterns: list[tuple[re.Pattern, Callable[[re.Match], str]]] = [
        (re.compile(r"\b(did|do|does) not (\w+)", re.I), lambda m: BASE_TO_PAST.get(m.group(2), m.group(2) + ("ed" if not m.group(2).endswith("e") else "d")) if m.group(1).lower() == "did" else m.group(2)),
        (re.compile(r"\b(was|were|is|are|could|can|may|has|have|had) not\b", re.I), lambda m: m.group(1)),
        (re.compile(r"\b(no) ((?:statistically )?significant|difference|differences|association|correlation|effect|change|increase|decrease)", re.I), lambda m: keep_case(m.group(1), "a ") + m.group(2)),
        (re.compile(r"\bnot significantly\b", re.I), lambda m: "significantly"),
        (re.compile(r"\b(non-?significant|insignificant)\b", re.I), lambda m: "significant"),
        (re.compile(r"\bfailed to (\w+)", re.I), lambda m: BASE_TO_PAST.get(m.group(1), m.group(1))),
        (re.compile(r"\bcannot\b", re.I), lambda m: "can"),
        (re.compile(r"(?<!/)\bwithout\b"), lambda m: "with"),
    ]
    found = [(m, make) for pattern, make in patterns for m in pattern.finditer(sentence)]
    found = [(m, make) for m, make in found if not re.search(r"\bnot only\b", m.group(0))]
    if not found:
        return None
    match, make = rng.choice(found)
    new = make(match)
    return sentence[: match.start()] + new + sentence[match.end():], f"{match.group(0)} → {new}"


def direction_flip(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    anatomical = [m.span() for m in ANATOMICAL.finditer(sentence)]
    words = [m for m in re.finditer(r"\b[A-Za-z]+\b", sentence) if m.group(0).lower() in ANTONYMS]
    words = [m for m in words if not any(a <= m.start() < b for a, b in anatomical)]
    words = [m for m in words if not (m.group(0).lower() == "more" and re.match(r"more than \d", sentence[m.start():]))]
    if not words:
        return None
    match = rng.choice(words)
    new = keep_case(match.group(0), ANTONYMS[match.group(0).lower()])
    return sentence[: match.start()] + new + sentence[match.end():], f"{match.group(0)} → {new}"


def drug_swap(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    mentions = ctx["drugs"](sentence)
    if not mentions:
        return None
    surface, name = rng.choice(mentions)
    passage_names = {n for _, n in ctx["drugs"](ctx["passage"])}
    choices = [d for d in ctx["drug_pool"] if d[1] not in passage_names and d[1] != name and d[0].lower() not in ctx["passage"].lower()]
    replacement = rng.choice(choices)[0]
    replaced = re.sub(rf"\b{re.escape(surface)}\b", keep_case(surface, replacement), sentence, count=1)
    return (replaced, f"{surface} → {replacement}") if replaced != sentence else None


def condition_swap(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    mentions = [m for m in ctx["conditions"](sentence) if m[0].lower() not in GENERIC_CONDITIONS]
    if not mentions:
        return None
    surface, name = rng.choice(mentions)
    passage_names = {n for _, n in ctx["conditions"](ctx["passage"])}
    choices = [c for c in ctx["condition_pool"] if c[1] not in passage_names and c[1] != name
               and c[0].lower() not in ctx["passage"].lower() and c[0].lower() not in GENERIC_CONDITIONS]
    replacement = rng.choice(choices)[0]
    replaced = re.sub(rf"\b{re.escape(surface)}\b", replacement if not surface[:1].isupper() else keep_case(surface, replacement), sentence, count=1)
    return (replaced, f"{surface} → {replacement}") if replaced != sentence else None


COMPARISON = re.compile(r"\s(?:than|compared (?:with|to)|versus|vs\.?)\s")
FUNCTION_WORDS = frozenset("""a an the that those this these which who was were is are be been had has have in of on at for
with among by from to and or but not no than compared versus vs vs. significantly more less higher lower respectively
receiving using after before during because due when while where as whereas although though if so greater larger
smaller older younger longer shorter better worse fewer both all without seems seem appears appear except""".split())
DIRECTIONAL = re.compile(r"\b(?:higher|lower|more|less|greater|shorter|longer|better|worse|increased|reduced|decreased|"
                         r"superior|inferior|fewer|larger|smaller|earlier|later|faster|slower|older|younger|\w+er than)\b")
SYMMETRIC = re.compile(r"\b(?:not (?:statistically )?significant|no (?:statistically )?significant|similar|differ\w*|"
                       r"comparable)\b", re.I)


def _phrase(words: list[str]) -> list[str]:
    """The short noun phrase (one to four plain words) the words start with; a trailing full stop or comma ends it."""
    phrase: list[str] = []
    for word in words[:5]:
        bare = word.rstrip(".,;:")
        if (bare.lower() in FUNCTION_WORDS and bare != "A") or not re.fullmatch(r"[A-Za-z][A-Za-z0-9'-]*", bare):
            break
        phrase.append(bare)
        if bare != word:
            break
    return phrase if 1 <= len(phrase) <= 4 else []


def comparison_swap(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    """The two groups compared trade places: 'higher in A than in B' -> 'higher in B than in A'."""
    if SYMMETRIC.search(sentence):  # swapping the sides of a non-difference does not change what it says
        return None
    for marker in COMPARISON.finditer(sentence):
        left = sentence[: marker.start()].split(" ")
        a_words = _phrase(left[::-1])[::-1]
        before = [w.lower() for w in left[: len(left) - len(a_words)]][-2:]
        if not a_words or not (before[-1:] and before[-1] in {"in", "among", "for", "with", "receiving", "using", "on"}
                               or before[-2:-1] and before[-2] in {"in", "among", "for", "with"} and before[-1] in {"the", "a", "an"}):
            continue
        right = sentence[marker.end():].split(" ")
        skip = 0
        while skip < len(right) and right[skip].lower() in {"in", "among", "for", "with", "the", "that", "those", "a", "an", "on"}:
            skip += 1
        b_words = _phrase(right[skip:])
        after_b = right[skip + len(b_words)].lower() if skip + len(b_words) < len(right) else ""
        if after_b in {"with", "who", "receiving", "undergoing", "that", "without", "whose", "of"}:
            continue  # 'than in patients with X': the group is named by what follows; too loose to swap by rule
        a, b = " ".join(a_words), " ".join(b_words)
        if not b_words or a.lower() == b.lower() or left[-1] != a_words[-1] or b_words[-1].endswith("ed"):
            continue
        if not DIRECTIONAL.search(sentence[: marker.start()]):
            continue
        a_start = marker.start() - len(a)
        b_start = marker.end() + len(" ".join(right[:skip])) + (1 if skip else 0)
        swapped = sentence[:a_start] + b + sentence[marker.start(): b_start] + a + sentence[b_start + len(b):]
        return swapped, f"{a} ⇄ {b}"
    return None


def _new_number(value: str, rng: random.Random, passage: str) -> str:
    present = set(re.findall(r"\d+(?:\.\d+)?", passage))
    for _ in range(20):
        if "." in value:
            whole, frac = value.split(".")
            candidate = f"{whole}.{(int(frac) + rng.randint(1, 8)) % (10 ** len(frac)):0{len(frac)}d}"
        else:
            n = int(value)
            step = max(1, round(n * rng.uniform(0.2, 0.6)))
            candidate = str(n + step if rng.random() < 0.5 or n - step <= 0 else n - step)
        if candidate != value and candidate not in present:
            return candidate
    return ""


def number_change(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    doses = [m.span("num") for m in QUANTITY.finditer(sentence) if re.fullmatch(DOSE_UNITS, m.group("unit"))]
    numbers = [m for m in NUMBER.finditer(sentence) if m.span() not in doses and not re.fullmatch(r"(19|20)\d\d", m.group(0))]
    numbers = [m for m in numbers if not re.search(r"(?:type|grade|stage|class|phase|day|[A-Za-z]-)\s?$", sentence[: m.start()], re.I)]
    if not numbers:
        return None
    match = rng.choice(numbers)
    new = _new_number(match.group(0), rng, ctx["passage"])
    if not new:
        return None
    return sentence[: match.start()] + new + sentence[match.end():], f"{match.group(0)} → {new}"


def dose_change(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    doses = [m for m in QUANTITY.finditer(sentence) if re.fullmatch(DOSE_UNITS, m.group("unit"))]
    if not doses:
        return None
    match = rng.choice(doses)
    value = match.group("num").replace(",", ".")
    factor = rng.choice([10, 2, 0.5, 0.1, 5])
    changed = float(value) * factor
    new = f"{changed:g}"
    if new in set(re.findall(r"\d+(?:\.\d+)?", ctx["passage"])) or new == value:
        new = _new_number(value, rng, ctx["passage"]) if "." not in value else new
    if not new or new == value:
        return None
    start, end = match.span("num")
    return sentence[:start] + new + sentence[end:], f"{match.group(0)} → {new}{match.group('gap')}{match.group('unit')}"


def unit_change(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    units = [m for m in QUANTITY.finditer(sentence) if m.group("unit") in UNIT_SWAPS
             and not re.match(r"\s?CI\b", sentence[m.end():])]
    if not units:
        return None
    match = rng.choice(units)
    unit = match.group("unit")
    new_unit = UNIT_SWAPS[unit]
    gap = match.group("gap") if unit not in {"%"} else " "
    new = f"{match.group('num')}{gap}{new_unit.strip()}"
    return sentence[: match.start()] + new + sentence[match.end():], f"{match.group(0)} → {new}"


def unsupported_clause(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    passage_words = set(re.findall(r"[a-z]+", ctx["passage"].lower()))
    options = [c for c in CLAUSES if not set(re.findall(r"[a-z]{4,}", c.lower())) <= passage_words]
    if not options or not sentence.endswith("."):
        return None
    clause = rng.choice(options)
    return sentence[:-1] + clause + ".", f"+ '{clause.strip(' ,;')}'"


PERTURBATIONS = {
    "negation_insert": negation_insert, "negation_remove": negation_remove, "direction_flip": direction_flip,
    "drug_swap": drug_swap, "comparison_swap": comparison_swap, "condition_swap": condition_swap,
    "number_change": number_change, "dose_change": dose_change, "unit_change": unit_change,
    "unsupported_clause": unsupported_clause,
}


# ---------------------------------------------------------------- faithful rewrites

def synonym(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    found = [(m, new) for old, new in SYNONYMS for m in re.finditer(rf"(?<![\w-]){re.escape(old)}(?![\w-])", sentence, re.I)]
    if not found:
        return None
    rng.shuffle(found)
    text, changes, used = sentence, [], []
    for match, new in found[:2]:
        if any(a < match.end() and match.start() < b for a, b in used):
            continue
        used.append(match.span())
        changes.append((match, keep_case(match.group(0), new) if new else ""))
    for match, new in sorted(changes, key=lambda c: -c[0].start()):
        text = text[: match.start()] + new + text[match.end():]
    text = text[:1].upper() + text[1:]
    return text, "; ".join(f"{m.group(0)} → {n}" for m, n in changes)


PASSIVE_VERBS = ["reduced", "increased", "improved", "decreased", "lowered", "prevented", "predicted", "affected",
                 "influenced", "caused", "enhanced", "impaired", "shortened", "prolonged"]


SUBJECT = r"(?:The |A |An |Treatment with |Use of |The use of )?[A-Za-z0-9][\w-]*(?: (?!by\b|was\b|were\b)[\w-]+){0,3}"
NOT_A_SUBJECT = re.compile(r"^(?:After|Before|Between|During|In|On|At|For|From|When|While|Although|Need|This|These|It|"
                           r"There|We|Our|Of|Overall|However|Compared|To)\b")


def voice(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    """'A reduced B.' -> 'B was reduced by A.' (and back), only for short, plain subject and object phrases."""
    verbs = "|".join(PASSIVE_VERBS)
    active = re.match(rf"^(?P<subj>{SUBJECT}) (?P<verb>{verbs}) (?P<obj>(?:the |a |an )?[\w-]+(?: [\w-]+){{0,7}})"
                      rf"(?P<tail>,.*|\.)$", sentence)
    if active and (re.search(r"\b(?:to|appears?|seems?)\b|ly\b", active.group("subj")) or re.match(r"\w+ly\b", active.group("obj"))):
        active = None
    if active and not NOT_A_SUBJECT.match(active.group("subj")) and not re.search(
            r"\b(?:and|that|which|than|was|were)\b", active.group("obj")) and not re.match(
            r"(?:after|before|in|at|on|during|from|with|by|to|significantly|markedly|slightly|over|within|when|"
            r"while|between|among|for|from)\b", active.group("obj"), re.I):
        subj = active.group("subj")
        subj = subj if re.match(r"^[A-Z]{2,}|^[A-Z][a-z]*[A-Z]", subj) else subj[0].lower() + subj[1:]
        obj = active.group("obj")
        head = re.split(r" (?:of|in|among|for|with|at)\b", obj)[0].split()[-1]
        verb = "were" if head.endswith("s") and not head.endswith("ss") else "was"
        text = f"{obj[0].upper()}{obj[1:]} {verb} {active.group('verb')} by {subj}{active.group('tail')}"
        return text, "active → passive"
    passive = re.match(rf"^(?P<obj>{SUBJECT}) (?:was|were) (?P<verb>{verbs}) by (?P<subj>(?:the |a |an )?[\w-]+"
                       rf"(?: [\w-]+){{0,5}})(?P<tail>,.*|\.)$", sentence)
    if passive and not NOT_A_SUBJECT.match(passive.group("obj")) and not re.search(r"\b(?:and|that|which|than)\b", passive.group("subj")):
        obj = passive.group("obj")
        obj = obj if re.match(r"^[A-Z]{2,}|^[A-Z][a-z]*[A-Z]", obj) else obj[0].lower() + obj[1:]
        subj = passive.group("subj")
        return f"{subj[0].upper()}{subj[1:]} {passive.group('verb')} {obj}{passive.group('tail')}", "passive → active"
    return None


def frame(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    hedge = re.search(r"\b(is|are) (associated|related|linked)\b", sentence)
    if hedge and not re.search(r"\bwhether\b", sentence) and rng.random() < 0.5:
        new = f"may be {hedge.group(2)}"
        return sentence[: hedge.start()] + new + sentence[hedge.end():], f"{hedge.group(0)} → {new}"
    if re.match(r"^(?:To|We|Our|This|These|The (?:aim|purpose|objective|goal)|Objective|Aim|Purpose|Data|Patients were|"
                r"A total|All|Each|Using|Between|From|During)\b", sentence) or re.search(r"\bwhether\b", sentence):
        return None
    if not RESULT_CUE.search(sentence):  # a framing verb must not turn a method or background sentence into a finding
        return None
    keeps_capital = re.match(r"^(?:[A-Z]{2,}|[A-Z][a-z]*[A-Z]|[A-Z][a-z]+ (?:et|and) )", sentence)
    first = sentence if keeps_capital else sentence[0].lower() + sentence[1:]
    prefix = rng.choice(FRAMES)
    return prefix + first, f"+ '{prefix.strip()}'"


def drop_parenthetical(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    pattern = re.compile(r"\s+\((?=[^()]*\d)[^()]*\)|,?\s*\(?\bp\s*[<=>≤]\s*0?\.\d+\)?|,\s*95%\s*CI[^,;.]*")
    dropped = pattern.sub("", sentence)
    dropped = re.sub(r"\s+([,.;])", r"\1", dropped)
    if dropped == sentence or len(dropped.split()) < 5:
        return None
    return dropped, "statistics dropped"


def truncate(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    cut = re.search(r"(;|, (?:whereas|while|but|although|which|and this|as well as))\s", sentence)
    if not cut:
        return None
    head = sentence[: cut.start()].rstrip()
    if len(head.split()) < 6 or ":" in head or head.count("(") != head.count(")") or re.search(r"\brespectively\b", sentence[cut.start():]):
        return None
    if re.match(r"^(?:Although|While|Whereas|If|When|Because|Since|Unlike|Compared)\b", head):
        return None
    return head + ".", "cut to the main clause"


def clause_reorder(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    lead = re.match(r"^(In|Among|For|During|After|At|Within|Over) ([^,;()]{3,70}), ([a-z][^;]*|[A-Z]{2,}[^;]*)\.$", sentence)
    if lead:
        main = lead.group(3)
        return f"{main[0].upper()}{main[1:]} {lead.group(1).lower()} {lead.group(2)}.", "leading phrase moved to the end"
    concession = re.match(r"^(Although|While|Whereas) ([^,;]{5,120}), ((?:the|a|an|there|it|this|these|we|they|patients|"
                          r"most|all|no|only)\b[^;]*)\.$", sentence)
    if concession:
        main = concession.group(3)
        return f"{main[0].upper()}{main[1:]}, {concession.group(1).lower()} {concession.group(2)}.", "clauses swapped"
    return None


def number_format(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    rules = [(r"(\d)\s?%", r"\1 percent"), (r"(\d),(\d{3})\b", r"\1\2"), (r"(\d) (mg|ml|kg|g)\b", r"\1\2"),
             (r"\bvs\.?(?=\s)", "versus")]
    for pattern, replacement in rules:
        changed = re.sub(pattern, replacement, sentence)
        if changed != sentence:
            return changed, f"format: {pattern}"
    return None


def combined(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    steps = [drop_parenthetical, synonym, truncate, clause_reorder, voice, number_format]
    rng.shuffle(steps)
    text, changes = sentence, []
    for step in steps:
        result = step(text, rng, ctx)
        if result:
            text, change = result
            changes.append(change)
        if len(changes) == 2:
            return text, " + ".join(changes)
    return None


def quote(sentence: str, rng: random.Random, ctx: dict) -> tuple[str, str] | None:
    return sentence + " [" + str(rng.randint(1, 9)) + "]", "verbatim with a citation marker"


REWRITES = {
    "synonym": synonym, "voice": voice, "frame_or_hedge": frame, "drop_statistics": drop_parenthetical,
    "truncate": truncate, "clause_reorder": clause_reorder, "number_format": number_format, "combined": combined,
}


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
