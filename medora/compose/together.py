"""Terms a source must name together, not merely each somewhere: naming every term is necessary, not sufficient.

- A compound name is one term. "plantar fasciitis" is a condition of its own; the cellulitis overview's
  "necrotising fasciitis" shares half its name and none of its topic, so a source naming "fasciitis" alone has not
  named the question's condition (``compound_fragments``).
- A drug asked for a condition needs one statement joining them, and so does a named treatment written as a run
  of terms ending on its kind ("faecal microbiota transplant in ulcerative colitis", ``INTERVENTION_HEADS``); other
  interventions are not paired, their names being rarely single terms. The obesity overview names semaglutide (as
  a treatment of obesity) and osteoarthritis (as a complication to assess), never semaglutide for osteoarthritis: it
  does not answer "Is semaglutide effective for knee osteoarthritis pain in people with obesity?"
  (``unstated_pairs``). The condition is the phrase after the
  for-word, up to a qualifier ("with hypotension", "in people with obesity"); a statement naming part of it names
  it, and is read with its section heading. Where the source's title names part of it, the whole source is about
  it and the pair needs no one sentence.
- A drug asked about for a population ("DVT in pregnancy - DOAC or LMWH?") needs one statement naming both: the
  DVT overview names pregnancy once, as a cause of a raised D-dimer, and recommends apixaban, never in pregnancy.
- So does pregnancy or breastfeeding with any other term of the question, drug or not ("How should a pregnant
  woman with a DVT be anticoagulated?"): a source that names the population only beside other things (D-dimer's
  false positives) says nothing of the question in it (``population_pairs``). A source whose title names the
  population is about it throughout."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from medora.compose.terms import POPULATIONS, SpecificTerm, TermText
from medora.sentences import split_sentences

_WORDS = re.compile(r"[A-Za-z0-9]+")
CONDITION_KINDS = ("term", "word")  # technical and rare words: conditions, procedures, findings named as terms
_JOINS = re.compile(r" +| *- *")  # what may stand between two words of one name
MAX_BULLET_SENTENCES = 2  # a line of this many sentences at most is a bullet, read as one statement


def compounds(question: str, terms: list[SpecificTerm]) -> list[tuple[SpecificTerm, ...]]:
    """Runs of two or more one-word technical terms in the question with only spaces or a hyphen between them
    ("plantar fasciitis", "erythema migrans"): each run names one thing. A comma or a colon separates two things
    ("Haematuria, proteinuria")."""
    found = list(_WORDS.finditer(question))
    words = [match.group().lower() for match in found]
    one_word = {term.label.lower(): term for term in terms if term.kind in CONDITION_KINDS and len(term.label.split()) == 1}
    at = {index: one_word[word] for index, word in enumerate(words) if word in one_word}  # every place it is written
    runs: list[list[SpecificTerm]] = []
    for index in sorted(at):
        gap = question[found[index - 1].end() : found[index].start()] if index else ""
        if runs and index - 1 in at and at[index - 1] is runs[-1][-1] and _JOINS.fullmatch(gap):
            runs[-1].append(at[index])
        else:
            runs.append([at[index]])
    return [tuple(run) for run in runs if len(run) >= 2]


def compound_fragments(
    question: str, terms: list[SpecificTerm], text: str, labels: set[str], *, title: str = ""
) -> set[str]:
    """The covered ``labels`` that are only part of a compound of the question the text does not name as a run:
    "fasciitis" in a text saying "necrotising fasciitis" for a question on plantar fasciitis. A part the source's
    ``title`` names makes the whole name its topic, not a fragment: the asthma overview is on "asthma exacerbations"
    (its attacks) and on "severe uncontrolled asthma" even where it never writes them as runs."""
    prepared: TermText | None = None
    heading = TermText(title)
    fragments: set[str] = set()
    for run in compounds(question, terms):
        named = [term.label for term in run if term.label in labels]
        if not named or any(heading.covers(term) for term in run):
            continue
        prepared = prepared or TermText(text)
        if not prepared.mentions(" ".join(term.label for term in run)):
            fragments.update(named)
    return fragments


# Words that ask whether a drug acts on what follows: "semaglutide effective for knee osteoarthritis pain", "does
# X help Y", "X to prevent Y". A drug and a condition joined otherwise ("cystitis, which antibiotic?", "nocturia,
# tamsulosin or finasteride?") ask what the condition's source says about its treatment, not whether the drug works.
FOR_WORDS = frozenset(
    """for against treat treats treating help helps helping improve improves improving reduce reduces reducing relieve
    relieves relieving prevent prevents preventing ease eases""".split()
)
# What ends the condition a for-word asks about: "for massive pulmonary embolism | with hypotension", "for knee
# osteoarthritis pain | in people with obesity". What follows qualifies the case; it is not what the drug is for.
PHRASE_ENDS = frozenset("with in and , ; : ? . !".split())
# A drug asked to be safe with a condition: what follows, to the end of its phrase ("safe with his COPD?", "ok in
# someone with myasthenia?")
_SAFE_WITH = re.compile(
    r"\b(?:safe|ok|okay|suitable|alright)\s+(?:to\s+(?:use|take|give|start)\s+)?(?:with|in|for)\s+"
    r"(?:(?:his|her|their|my|a|an|the|someone|somebody|people|patients|with)\s+)*(?P<condition>[^,;:?.!]+)",
    re.IGNORECASE,
)
# The populations a drug asked about must be stated with (by the first word of their group, compose/terms.py)
PAIRED_POPULATIONS = frozenset({POPULATIONS["pregnancy"][0], POPULATIONS["breastfeeding"][0]})
_TOKENS = re.compile(r"[A-Za-z0-9]+|[,;:?.!]")


# The last word of a named procedure or non-drug treatment (session 50: the C. difficile overview names faecal
# microbiota transplantation for recurrent C. difficile and inflammatory bowel disease apart, and answered "What is the
# evidence for faecal microbiota transplant in ulcerative colitis?"): such a treatment written right before "for" or
# "in" and a condition is asked for that condition, as a drug is
INTERVENTION_HEADS = frozenset({
    "transplant", "transplantation", "stimulation", "denervation", "ablation", "therapy", "surgery", "injection",
    "injections", "block", "acupuncture", "embolisation", "embolization", "replacement", "transfusion",
})


@dataclass(frozen=True)
class AskedPair:
    """A drug asked about and the condition it is asked for: the technical words of one phrase ("diabetic
    neuropathy"), any of which names it. Or a population and the question's other terms (``population_pairs``)."""

    asked: SpecificTerm
    condition: tuple[SpecificTerm, ...]


def asked_pairs(question: str, terms: list[SpecificTerm]) -> list[AskedPair]:
    """The drugs the question asks about (not one the patient already takes), each with the technical words between
    the first for-word after it and the end of that phrase (``PHRASE_ENDS``); and a named treatment's last word
    (``INTERVENTION_HEADS``) the same way, or with the phrase right after its "in"."""
    tokens = [token.lower() for token in _TOKENS.findall(question)]

    def position(term: SpecificTerm) -> int:
        first = _WORDS.findall(term.label.lower())
        return tokens.index(first[0]) if first and first[0] in tokens else -1

    def first_for_word(after: int) -> int | None:
        return next((at for at in range(after, len(tokens)) if tokens[at] in FOR_WORDS), None)

    asked: list[tuple[SpecificTerm, int | None]] = [  # what is asked for, and where its for-word stands
        (drug, first_for_word(start + 1) if (start := position(drug)) >= 0 else None)
        for drug in dict.fromkeys(term for term in terms if term.kind == "drug" and not term.context)
    ]
    for run in compounds(question, terms):  # "faecal microbiota transplant in ulcerative colitis"
        head = run[-1]
        if head.label.lower() in INTERVENTION_HEADS and (start := position(head)) >= 0:
            after = start + 1
            asked.append((head, after if after < len(tokens) and tokens[after] == "in" else first_for_word(after)))
    pairs: list[AskedPair] = []
    for term, asks in asked:
        if asks is None:
            continue
        end = next((at for at in range(asks + 1, len(tokens)) if tokens[at] in PHRASE_ENDS), len(tokens))
        condition = sorted(
            (other for other in terms if other.kind in CONDITION_KINDS and asks < position(other) < end), key=position
        )
        if condition and AskedPair(term, tuple(condition)) not in pairs:
            pairs.append(AskedPair(term, tuple(condition)))
    if safe := _SAFE_WITH.search(question):  # "Cardiology want to start a beta-blocker (bisoprolol). Safe with his
        # COPD?" asks about the drug given the condition (session 60), wherever else the condition is written
        said = set(_WORDS.findall(safe.group("condition").lower()))
        condition = tuple(other for other in terms if other.kind in CONDITION_KINDS
                          and set(_WORDS.findall(other.label.lower())) <= said)
        for term, _asks in asked:
            if condition and term.kind == "drug" and AskedPair(term, condition) not in pairs:
                pairs.append(AskedPair(term, condition))
    populations = [  # where a drug's safety differs: another age group's overview is set apart (compose/age_groups.py)
        term for term in terms
        if term.kind == "population" and not term.context and term.forms[0] in PAIRED_POPULATIONS
    ]
    drugs = [term for term in terms if term.kind == "drug" and not term.context and not _is_class(term)
             and not _compared_with(tokens, position(term))]
    for drug in dict.fromkeys(drugs):
        for population in populations:  # "DVT in pregnancy - DOAC or LMWH?": a statement on the drug in pregnancy
            if AskedPair(drug, (population,)) not in pairs:
                pairs.append(AskedPair(drug, (population,)))
    return pairs


def _compared_with(tokens: list[str], at: int) -> bool:
    """True for the drug written after "instead of" or "rather than": what the one asked for would replace, whose
    statement on the population the answer does not turn on (session 60: "im breastfeeding … can i ask the gp for
    that one (xofluza) instead of tamiflu?" turns on baloxavir while breastfeeding)."""
    return at >= 2 and (tokens[at - 2], tokens[at - 1]) in (("instead", "of"), ("rather", "than"))


def population_pairs(terms: list[SpecificTerm]) -> list[AskedPair]:
    """Each population whose care differs (``PAIRED_POPULATIONS``) with the question's other terms, any one of which
    a statement on the population must name; none when the question has no other term ("I'm 30 weeks pregnant and
    my hands go numb, will it go away?")."""
    others = tuple(  # an exam vignette's options are what it asks about the population (session 62)
        term for term in terms if term.kind != "population" and (not term.context or term.offered)
    )
    return [
        AskedPair(term, others)
        for term in dict.fromkeys(terms)
        if others and term.kind == "population" and not term.context and term.forms[0] in PAIRED_POPULATIONS
    ]


def _is_class(term: SpecificTerm) -> bool:
    """A broad class of drugs by what they act on ("antibiotic": anti-bacterial agents; "antidepressants"): a
    statement in pregnancy names its member instead ("erythromycin in pregnancy"), so it is not paired with the
    population. A class guidelines name as such in pregnancy ("LMWH is the treatment") is paired."""
    return any(form.endswith(" agents") or " agents," in form for form in term.forms)


def statements(text: str) -> list[str]:
    """The text's sentences, and each short line (a bullet) whole: a bullet's second sentence often says "it"."""
    found: list[str] = []
    for line in text.splitlines():
        sentences = split_sentences(line)
        found += sentences
        if 1 < len(sentences) <= MAX_BULLET_SENTENCES:
            found.append(line)
    return found


def unstated_pairs(
    pairs: list[AskedPair], *, title: str, passages: list[tuple[str, str]], populations: Sequence[AskedPair] = ()
) -> list[AskedPair]:
    """The ``pairs`` and ``populations`` no statement of ``passages`` ((section heading, text) each; a statement is
    read with its heading: a bullet under "Management › Exacerbations" is on exacerbations) names together, leaving
    out the pairs whose condition the ``title`` (the source's own topic) names in part, and the populations it
    names."""
    if not pairs and not populations:
        return []
    heading = TermText(title)
    wanted = [pair for pair in pairs if not any(heading.covers(term) for term in pair.condition)]
    wanted += [pair for pair in populations if not heading.covers(pair.asked) and pair not in wanted]
    if not wanted:
        return []
    prepared = [TermText(f"{section}\n{sentence}") for section, text in passages for sentence in statements(text)]
    unstated = [
        pair
        for pair in wanted
        if not any(unit.covers(pair.asked) and any(unit.covers(term) for term in pair.condition) for unit in prepared)
    ]
    paired = {term for pair in unstated if pair not in populations for term in pair.condition}
    return [pair for pair in unstated if pair not in populations or pair.asked not in paired]  # a population a drug's
    # pair already leaves unstated is said once: "metformin together with pregnancy"
