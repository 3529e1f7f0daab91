"""The perturbations of the faithfulness set: rules that each break one thing a sentence says.

Each takes (sentence, seeded rng, context) and returns (claim, what changed) or None when it does not apply.
Written for bench/faithfulness_set.py; independent of medora/compose (no lexicon of the check is imported)."""

from __future__ import annotations

import random
import re
from collections.abc import Callable

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
