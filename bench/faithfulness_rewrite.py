"""The faithful rewrites of the faithfulness set: rules that change the wording and keep the meaning.

Each takes (sentence, seeded rng, context) and returns (claim, what changed) or None when it does not apply."""

from __future__ import annotations

import random
import re

from faithfulness_perturb import FRAMES, RESULT_CUE, SYNONYMS, keep_case


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
