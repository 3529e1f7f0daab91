"""Numbers with their units, so a rewrite that changes a value, a dose or a unit can be named.

'5 mg' and '5 g' hold the same number: comparing bare numbers (as the first verifier did) misses a changed unit, and
comparing raw strings misses '45%' written as '45 percent' or '1,000' as '1000'. Each number is read with the unit
that follows it (a range or list such as '5-10 mg' or '0.1 or 1 mg/kg' lends its unit to every member), and units
are reduced to one spelling. Pure functions over strings."""

from __future__ import annotations

import re
from dataclasses import dataclass

_UNIT_SPELLINGS = {
    "mg": "mg milligram milligrams", "g": "g gram grams gm", "kg": "kg kilogram kilograms", "ng": "ng nanogram nanograms",
    "pg": "pg", "mcg": "mcg ug µg μg microg microgram micrograms", "ml": "ml millilitre millilitres milliliter milliliters",
    "l": "l litre litres liter liters", "dl": "dl", "ul": "ul µl μl", "mmol": "mmol", "umol": "umol µmol μmol",
    "nmol": "nmol", "mol": "mol", "meq": "meq", "iu": "iu", "u": "u unit units", "%": "% percent",
    "mmhg": "mmhg", "cmh2o": "cmh2o", "mm": "mm millimetre millimetres millimeter millimeters",
    "cm": "cm centimetre centimetres centimeter centimeters", "m": "m metre metres meter meters",
    "km": "km", "m2": "m2 m²", "s": "s sec secs second seconds", "min": "min mins minute minutes", "h": "h hr hrs hour hours",
    "d": "d day days", "wk": "wk wks week weeks", "mo": "mo mos month months", "y": "y yr yrs year years",
    "gy": "gy", "kcal": "kcal", "bpm": "bpm", "mgy": "mgy", "msv": "msv", "cc": "cc", "fold": "fold",
}
UNIT_CANONICAL = {spelling: unit for unit, spellings in _UNIT_SPELLINGS.items() for spelling in spellings.split()}
_UNIT_ALTERNATIVES = "|".join(sorted((re.escape(s) for s in UNIT_CANONICAL), key=len, reverse=True))
_UNIT = rf"(?:{_UNIT_ALTERNATIVES})(?:(?:\s?/\s?|\s+per\s+)(?:{_UNIT_ALTERNATIVES}))*"
_WORD_NUMBERS = {
    "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11,
    "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100,
}
_NUMBER = re.compile(
    r"(?<![A-Za-z0-9.])(?<![A-Za-z]-)(?P<digits>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d)|\d+(?:\.\d+)?|\.\d+)"
    rf"|(?<!hundred )(?<!thousand )(?<!-)\b(?P<word>{'|'.join(_WORD_NUMBERS)})\b(?![ -](?:hundred|thousand)|-)",
    re.I,
)
_UNIT_AFTER = re.compile(rf"[\s-]?(?P<unit>{_UNIT})(?![A-Za-z0-9])", re.I)
_LIST_JOIN = re.compile(r"\s*(?:-|to|and|or|,|vs\.?|versus)\s*$", re.I)
_GLUED_LETTERS = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Quantity:
    """A number as read from text, with its canonical unit ('' when it has none)."""

    value: float
    unit: str
    text: str


def normalise_symbols(text: str) -> str:
    """One spelling for the characters numbers hide behind: middle-dot decimals, minus signs, micro signs."""
    text = re.sub(r"(%|percent)-(?=\d)", r"\1 - ", text)  # '75%-86%' is a range, not a name like 'IL-6'
    return (
        text.replace("·", ".").replace("−", "-").replace("–", "-").replace("—", "-").replace("\u00a0", " ")
        .replace("µ", "u").replace("μ", "u")
    )


def quantities_in(text: str) -> list[Quantity]:
    """Every number of ``text`` with the unit it carries; numbers inside names ('IL-6', 'COVID-19', 'T2') are skipped."""
    text = normalise_symbols(text)
    found: list[tuple[int, int, float, str, str]] = []  # start, end, value, unit, text
    for match in _NUMBER.finditer(text):
        if match.group("word"):
            value, number_text = float(_WORD_NUMBERS[match.group("word").lower()]), match.group("word")
        else:
            number_text = match.group("digits")
            value = float(number_text.replace(",", ""))
        unit_match = _UNIT_AFTER.match(text, match.end())
        if unit_match is None and _GLUED_LETTERS.match(text[match.end() : match.end() + 1]):
            continue  # '3D', '5th', 'T2DM': part of a word, not a quantity
        unit = _canonical_unit(unit_match.group("unit")) if unit_match else ""
        end = unit_match.end() if unit_match else match.end()
        found.append((match.start(), end, value, unit, text[match.start() : end].strip()))
    # '5-10 mg', '0.1 or 1 mg/kg', '20 vs 30%': a bare number takes the unit of the number it is listed with
    for index in range(len(found) - 2, -1, -1):
        start, end, value, unit, shown = found[index]
        following = found[index + 1]
        if not unit and following[3] and _LIST_JOIN.fullmatch(text[end : following[0]]):
            found[index] = (start, end, value, following[3], shown)
    return [Quantity(value, unit, shown) for _, _, value, unit, shown in found]


def without_quantities(text: str) -> str:
    """``text`` with each number and its unit blanked out (they are compared by ``quantity_flags``, not as words)."""
    text = normalise_symbols(text)
    spans = []
    for match in _NUMBER.finditer(text):
        unit = _UNIT_AFTER.match(text, match.end())
        spans.append((match.start(), unit.end() if unit else match.end()))
    for start, end in reversed(spans):
        text = text[:start] + " " + text[end:]
    return text


def _canonical_unit(raw: str) -> str:
    parts = re.split(r"\s*/\s*|\s+per\s+", raw.lower())
    return "/".join(UNIT_CANONICAL.get(part.strip(), part.strip()) for part in parts)


def quantity_flags(claim: str, source: str, *, elsewhere: str = "") -> list[str]:
    """Why the claim's numbers are not the source's: a value it lacks, or the same value in another unit.

    ``elsewhere`` is the rest of the passage: a value found only there is named as out of place, not as invented."""
    source_quantities = quantities_in(source)
    other_values = {q.value for q in quantities_in(elsewhere)} if elsewhere else set()
    flags: list[str] = []
    for quantity in quantities_in(claim):
        same_value = [q for q in source_quantities if _same(q.value, quantity.value)]
        if not same_value:
            where = "the sentence it rewrites" if any(_same(v, quantity.value) for v in other_values) else "passage"
            flags.append(f"number {quantity.text} not in {where}")
        elif quantity.unit and all(q.unit != quantity.unit for q in same_value):
            other_unit = next((q for q in same_value if q.unit), None)
            if other_unit is not None:  # only bare numbers of that value: nothing says the unit differs
                flags.append(f"unit changed: {quantity.text} vs {other_unit.text}")
    return list(dict.fromkeys(flags))


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))
