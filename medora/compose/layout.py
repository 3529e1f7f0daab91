"""The extractive layout: which verified sentences an article shows, under which heading, citing which sources.

A library overview brings its own sections (compose/templates.py maps their headings). Outside the library, sections
come from what each source is and what part of it a sentence is taken from, never from one keyword of the sentence:
- a guideline's sentences are recommendations: "Management"; when two or more of them are steps (a step label, first-
  or second-line, "if … fails"), those form a "Treatment algorithm";
- a research record's RESULTS, CONCLUSIONS and unlabelled findings (BioASQ excerpts, titles): "What the evidence
  shows"; its BACKGROUND: "Background"; its METHODS are not shown (they feed the key-studies table);
- a consumer page goes by its own label (treatment, symptoms, causes, outlook, prevention).
The bottom line comes from the conclusions of the highest-level on-topic sources; a library overview's own bottom
line is led by what the question asks for (a timing, a dose, a choice, the population, or the overview's sentence on
the part of its topic asked about: recurrence of cellulitis, the PERC rule). Every source in the pool gets its
best sentence (so the article cites the body of evidence, not its single best abstract); a sentence another source
also supports is cited to both instead of being repeated."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from medora.compose.analyse import QuestionAnalysis
from medora.compose.ask import Ask, says_ask, specific_ask
from medora.compose.citations import CitationBook
from medora.compose.described import FIRST_PERSON, pointed_clause, split_asking
from medora.compose.entities import drugs_in
from medora.compose.exam_options import options_span
from medora.compose.extractive import Candidate, candidates_from, is_redundant, select_diverse
from medora.compose.lay import SIDE_EFFECT_FORMS, lay_equivalents, side_effect_words, two_antiplatelets
from medora.compose.leads import (
    SentenceMeaning,
    graver_than_asked,
    holds_for_the_question,
    meaning_lead,
    members_as_classes,
    stated_condition,
)
from medora.compose.library_words import library_rarity
from medora.compose.red_flags import RedFlag, evidence_flags
from medora.compose.select import POINTS_BACK, section_answers
from medora.compose.subject import SHORTHAND
from medora.compose.templates import SECTION_ORDER, section_for_overview_label
from medora.compose.terms import (
    EVERYDAY_WORDS,
    GENERIC_WORDS,
    SpecificTerm,
    TermText,
    covered_terms,
    is_common_word,
    spelled_out_abbreviations,
)
from medora.compose.value_ranges import band_fit
from medora.compose.variants import class_names
from medora.compose.verify import check_support
from medora.retrieve.expand import load_own_abbreviations
from medora.retrieve.priors import EVIDENCE_LEVEL
from medora.retrieve.tokenize import content_words
from medora.settings import Settings
from medora.types import ArticleSection, Evidence, Kind, Statement

EVIDENCE_SHOWS = "What the evidence shows"
MIN_ASKED_PART_WORDS = 2  # one shared word ("leg", "night") is chance; two name the part of the topic asked about…
SPELLED_UNIT = 2  # what an abbreviation of the asking part counts for (``lead_with_asked_part``)
MIN_ASKED_PART_RARITY = 3.0  # …when rare in the library (summed library_rarity): "ultrasound first" (about 2) is not
# "CHA2DS2-VASc of 2 in a man with AF: DOAC or warfarin?" and "worry for six months, first-line treatment?" ask after it
_LAST_PART = re.compile(r"[:,]\s|\s[-–—]\s")
MIN_ASKING_SENTENCE_WORDS = 2  # topic words of the sentence a case asks in, for its lead to be read by them
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_GOING_ON = re.compile(r"\s*(?:and|or|but|like)\b", re.IGNORECASE)  # a part going on from the one before
_LIST_INTRO = re.compile(r"\b(?:below|following)\b", re.IGNORECASE)  # "The features below suggest a cardiac cause."

MANAGEMENT, ALGORITHM, BACKGROUND = "Management", "Treatment algorithm", "Background"
_CONSUMER_HEADINGS = {
    "treatment": MANAGEMENT,
    "symptoms": "Symptoms and diagnosis",
    "exams and tests": "Symptoms and diagnosis",
    "causes": "Causes",
    "genetic changes": "Causes",
    "inheritance": "Causes",
    "susceptibility": "Causes",
    "outlook": "Outlook",
    "stages": "Outlook",
    "complications": "Outlook",
    "prevention": "Prevention",
}
_CONCLUSION = re.compile(r"conclusion|interpretation|implication", re.I)
_RESULT = re.compile(r"result|finding|outcome", re.I)
_BACKGROUND = re.compile(
    r"background|introduction|context|rationale|objective|purpose|\baims?\b|importance|hypothes", re.I
)
_MEASURES = re.compile(r"outcome measure|end ?points?\b", re.I)  # what was to be measured, not what was found
_METHODS = re.compile(
    r"method|design|setting|patients|participants|subjects|materials|intervention|measure|procedure|data source|"
    r"study selection|data extraction|eligib|search",
    re.I,
)
_STEP_LABEL = re.compile(r"\bstep\b|\b(?:first|second|third)[- ]line\b|\bstage\b", re.I)
_STEP_SENTENCE = re.compile(
    r"^(?:step \d|(?:first|second|third)[- ]line\b)|\b(?:first|second|third)[- ]line (?:treatment|therapy|option)|"
    r"\bif (?:\w+ ){0,6}(?:fails|persists|is not tolerated|does not respond|do not respond)\b",
    re.I,
)
MIN_STEPS = 2  # a treatment algorithm needs at least this many step sentences
BACKGROUND_SENTENCES = 2
UNCLEAN_PENALTY = -0.3  # a fragment is shown only when a source has nothing better
ROLE_BONUS = {"conclusion": 0.15, "result": 0.1, "finding": 0.1, "recommendation": 0.1, "background": -0.1}
_ORDER_BY_TYPE = {
    "management": [MANAGEMENT, ALGORITHM, EVIDENCE_SHOWS],
    "diagnosis": ["Symptoms and diagnosis", EVIDENCE_SHOWS],
    "aetiology": ["Causes", EVIDENCE_SHOWS],
    "prognosis": ["Outlook", EVIDENCE_SHOWS],
}
_DEFAULT_ORDER = [
    EVIDENCE_SHOWS, MANAGEMENT, ALGORITHM, "Symptoms and diagnosis", "Causes", "Outlook", "Prevention", "Key points",
    BACKGROUND,
]


def sentence_role(evidence: Evidence) -> str:
    """What a passage's sentences are, from its source's kind and its section label: recommendation, conclusion,
    result, finding, background or methods, or a consumer page's own label."""
    kind, label = evidence.source.kind, (evidence.section or "").strip()
    if kind is Kind.GUIDELINE:
        return "recommendation"
    if kind is Kind.CONSUMER_HEALTH:
        return label.lower() if label.lower() in _CONSUMER_HEADINGS else "information"
    if _CONCLUSION.search(label):
        return "conclusion"
    if _MEASURES.search(label):
        return "methods"
    if _RESULT.search(label):
        return "result"
    if _BACKGROUND.search(label):
        return "background"
    if _METHODS.search(label):
        return "methods"
    return "finding"


def heading_for(candidate: Candidate) -> str | None:
    """The section a sentence of a non-overview source goes to (None: not shown, e.g. methods)."""
    role = sentence_role(candidate.evidence)
    if role == "recommendation":
        return ALGORITHM if is_step(candidate) else MANAGEMENT
    if role in ("conclusion", "result", "finding"):
        return EVIDENCE_SHOWS
    if role == "background":
        return BACKGROUND
    if role == "methods":
        return None
    return _CONSUMER_HEADINGS.get(role, "Key points")


def is_step(candidate: Candidate) -> bool:
    """A sentence that is a step of a treatment sequence, by its section label or its own wording."""
    return bool(_STEP_LABEL.search(candidate.evidence.section or "") or _STEP_SENTENCE.search(candidate.text))


@dataclass
class Layout:
    bottom_line: list[Statement]
    sections: list[ArticleSection]
    dropped: list[Statement] = field(default_factory=list)
    used: list[Candidate] = field(default_factory=list)  # the sentences shown (a key-studies table avoids them)


def lay_out(
    analysis: QuestionAnalysis,
    pool: list[Evidence],
    overview: Evidence | None,
    book: CitationBook,
    settings: Settings,
    *,
    terms: list[SpecificTerm] | None = None,
    tabled: set[int] | None = None,
    further: list[Evidence] | None = None,
    meaning: SentenceMeaning | None = None,
    answered_from: list[Evidence] | None = None,
) -> Layout:
    """Bottom line and sections from the pool; sources in ``tabled`` (a key-studies table cites them) need no
    sentence of their own in the body. ``further`` sources (on topic, not answering the question's specific terms)
    give the body a sentence each, or join a sentence they support, but never the bottom line. ``meaning`` (the
    question's and sentences' vectors) lets the lead model choose an overview's lead (compose/leads.py);
    ``answered_from``, the overview's passages an answer cited before the overview was laid out whole, leads with
    their best sentence when no rule chose another lead (``lead_with_answering_passage``)."""
    further_ids = {item.source_id for item in further or []}
    candidates = [
        c
        for c in candidates_from(pool + [item for item in further or [] if overview is None], analysis.question)
        if c.evidence.source.kind is Kind.EDITORIAL_SUMMARY or heading_for(c)
    ]
    if overview is not None:
        from_overview = [c for c in candidates if c.evidence.source_id == overview.source_id]
        others = [c for c in candidates if c.evidence.source.kind is not Kind.EDITORIAL_SUMMARY]
        chosen = from_overview + select_diverse(others, limit=max(settings.compose.max_sentences // 3, 2))
        bottom = [c for c in chosen if _overview_heading(c) == "Bottom line"] or _strongest(chosen, 2)
    else:
        bottom = _bottom_line([c for c in candidates if c.evidence.source_id not in further_ids])
        chosen = bottom + _body(candidates, bottom, settings.compose.max_sentences, tabled or set())
    answering = [c for c in chosen if c.evidence.source_id not in further_ids]
    ask = specific_ask(analysis.question, terms)
    written = list(bottom)
    bottom = lead_with_ask(bottom, answering, ask, analysis.question)
    side_effect_led = False
    if ask is None:
        led = lead_with_side_effect(bottom, answering, analysis.question)
        side_effect_led, bottom = led[:1] != bottom[:1], led
    if overview is not None and (ask is None or bottom[:1] == written[:1]):  # what is asked, when no sentence says
        # the kind of answer asked for ("When should NIV be started?" has no timing line: its criteria answer it)
        bottom = lead_with_asked_part(bottom, answering, analysis.question, overview)
    if overview is not None:
        bottom = lead_with_titled_section(bottom, answering, terms or [], overview)
    bottom = lead_with_population(bottom, answering, terms or [], analysis.question)
    if overview is not None and not side_effect_led:  # the side effect the question tells is what it asks about
        bottom = lead_by_meaning(written, bottom, answering, analysis.question, overview, ask, meaning)
    if overview is not None and bottom[:1] == written[:1]:  # a lead chosen for what is asked stays
        bottom = lead_on_the_stated_situation(bottom, answering, analysis.question, overview)
    if overview is not None and answered_from and bottom[:1] == written[:1]:
        bottom = lead_with_answering_passage(bottom, answering, answered_from, analysis.question)
    bottom = lead_with_the_patients_band(bottom, answering, analysis.question)
    if not analysis.red_flags:
        bottom = lead_as_grave_as_asked(bottom, analysis.question)
    bottom = lead_standing_alone(bottom)
    bottom = lead_with_emergency(bottom, answering, analysis.red_flags, ask)
    layout = Layout([], [])
    for candidate in bottom:
        if statement := verified_statement(candidate, book, settings, layout.dropped):
            layout.bottom_line.append(statement)
            layout.used.append(candidate)
    placed: dict[str, ArticleSection] = {}
    shown: list[tuple[Candidate, Statement]] = list(zip(layout.used, layout.bottom_line, strict=True))
    for candidate in chosen:
        if candidate in bottom or _cited_alongside(candidate, shown, book, settings):
            continue
        statement = verified_statement(candidate, book, settings, layout.dropped)
        if statement is None:
            continue
        shown.append((candidate, statement))
        layout.used.append(candidate)
        heading, sub = _placement(candidate)
        section = placed.setdefault(heading, ArticleSection(heading=heading))
        if sub:
            target = next((s for s in section.subsections if s.heading == sub), None)
            if target is None:
                target = ArticleSection(heading=sub)
                section.subsections.append(target)
            target.statements.append(statement)
        else:
            section.statements.append(statement)
    _fold_lone_steps(placed)
    order = SECTION_ORDER if overview is not None else _ORDER_BY_TYPE.get(analysis.question_type, []) + _DEFAULT_ORDER
    position = {heading: index for index, heading in reversed(list(enumerate(order)))}
    layout.sections = sorted(placed.values(), key=lambda s: position.get(s.heading, len(order)))
    return layout


def _placement(candidate: Candidate) -> tuple[str, str | None]:
    if candidate.evidence.source.kind is Kind.EDITORIAL_SUMMARY:
        return section_for_overview_label(candidate.evidence.section)
    return heading_for(candidate) or EVIDENCE_SHOWS, None


def _fold_lone_steps(placed: dict[str, ArticleSection]) -> None:
    """A single step is no algorithm: it joins the management recommendations."""
    algorithm = placed.get(ALGORITHM)
    if algorithm is None or algorithm.subsections or len(algorithm.statements) >= MIN_STEPS:
        return
    del placed[ALGORITHM]
    placed.setdefault(MANAGEMENT, ArticleSection(heading=MANAGEMENT)).statements.extend(algorithm.statements)


def _level(candidate: Candidate) -> float:
    return EVIDENCE_LEVEL.get(candidate.evidence.source.kind.value, 0.4)


def _score(candidate: Candidate) -> float:
    clean = 0.0 if is_clean(candidate.text) else UNCLEAN_PENALTY
    return candidate.relevance + ROLE_BONUS.get(sentence_role(candidate.evidence), 0.0) + clean


_GLUED_LABEL = re.compile(r"(?:^|[.:;]\s*)[A-Z]{4,}(?: [A-Z]{2,})*:")


def is_clean(sentence: str) -> bool:
    """A sentence that starts as a sentence and carries no section label glued into it ('in uncertain.METHODS AND
    ANALYSIS: …', 'ONCLUSIONS: …', as some published excerpts are cut)."""
    return (sentence[:1].isupper() or sentence[:1].isdigit()) and not _GLUED_LABEL.search(sentence)


def _best_per_source(candidates: list[Candidate]) -> dict[int, Candidate]:
    """Each source's best sentence (relevance, conclusions and results first), in the order sources were ranked."""
    best: dict[int, Candidate] = {}
    for candidate in candidates:
        current = best.get(candidate.evidence.source_id)
        if current is None or _score(candidate) > _score(current):
            best[candidate.evidence.source_id] = candidate
    return best


def _bottom_line(candidates: list[Candidate], size: int = 2) -> list[Candidate]:
    """The conclusions of the highest-level sources: the best sentence of each of the ``size`` sources ranked by
    evidence level, then by whether the sentence is a conclusion, then by relevance, none repeating another. Steps
    stay in their algorithm."""
    answering = [
        c for c in candidates if sentence_role(c.evidence) not in ("background", "methods") and not is_step(c)
    ] or candidates
    best = _best_per_source(answering)
    ranked = sorted(
        best.values(),
        key=lambda c: (-_level(c), not is_clean(c.text), sentence_role(c.evidence) != "conclusion", -c.relevance),
    )
    chosen: list[Candidate] = []
    for candidate in ranked:  # a source repeating a chosen finding is cited on it (_cited_alongside), not repeated
        if len(chosen) < size and not is_redundant(candidate, chosen):
            chosen.append(candidate)
    return chosen


def _body(candidates: list[Candidate], bottom: list[Candidate], limit: int, tabled: set[int]) -> list[Candidate]:
    """One sentence for every source not yet cited (its best, unless it repeats a chosen one), then the most
    relevant others up to ``limit`` sentences; background at most BACKGROUND_SENTENCES."""
    cited = {c.evidence.source_id for c in bottom} | tabled
    chosen: list[Candidate] = []
    for source_id, candidate in _best_per_source(candidates).items():
        if source_id not in cited:
            chosen.append(candidate)
    background = sum(sentence_role(c.evidence) == "background" for c in chosen)
    for candidate in sorted(candidates, key=lambda c: -_score(c)):
        if len(chosen) >= limit:
            break
        if candidate in chosen or candidate in bottom or is_redundant(candidate, chosen + bottom):
            continue
        if sentence_role(candidate.evidence) == "background":
            if background >= BACKGROUND_SENTENCES:
                continue
            background += 1
        chosen.append(candidate)
    return chosen


def _cited_alongside(
    candidate: Candidate, shown: list[tuple[Candidate, Statement]], book: CitationBook, settings: Settings
) -> bool:
    """When ``candidate`` repeats a sentence already shown and its own passage supports that sentence, cite its
    source there instead of repeating it (True); otherwise leave it to be shown on its own (False)."""
    for other, statement in shown:
        if other.evidence.source_id == candidate.evidence.source_id or not is_redundant(candidate, [other]):
            continue
        support = check_support(statement.text, candidate.evidence.text, min_support=settings.compose.min_support)
        if support.supported:
            for label in book.cite(candidate.evidence):
                if label not in statement.citations:
                    statement.citations.append(label)
            statement.grouped_passage_ids.append(candidate.evidence.passage_id)
            return True
    return False


def _overview_heading(candidate: Candidate) -> str | None:
    if candidate.evidence.source.kind is not Kind.EDITORIAL_SUMMARY:
        return None
    return section_for_overview_label(candidate.evidence.section)[0]


def _strongest(chosen: list[Candidate], size: int) -> list[Candidate]:
    """Guideline and systematic-review evidence first, then the most relevant."""
    return sorted(chosen, key=lambda c: (not c.is_strong, -c.relevance))[:size]


_HOW = re.compile(r"\bhow\s+(long|soon|often|quickly|fast|many|much)\b", re.IGNORECASE)
# what one does for the time asked ("how long should I take alendronate for?", "how long can she stay on it?"): the
# asking's own verbs, no word a sentence must share (session 40)
_FOR_HOW_LONG = frozenset(content_words("take taking stay staying keep continue continuing use using remain"))


_ASKED_STEMS = {
    "dose": frozenset(content_words("dose doses dosage dosing")),
    "target": frozenset(content_words("target targets goal goals")),
}


def _how_words(question: str) -> set[str]:
    """The word of "how long", "how soon"…: it asks for an amount, so a sentence sharing it ("long-acting") shares
    nothing asked: "…no fever or loin pain. Which antibiotic and how long?" was led by a pyelonephritis regimen's
    "long-acting agent"."""
    found = _HOW.findall(question)
    return {word for match in found for word in content_words(match)} | (_FOR_HOW_LONG if found else set())


def _spelled_out(text: str) -> set[str]:
    """The words of what the text's abbreviations stand for: "NSAIDs such as ibuprofen … can worsen HFrEF" names the
    heart failure of "Dad has heart failure … can he take ibuprofen?" (session 42)."""
    return {word for spelled in spelled_out_abbreviations(text) for word in content_words(spelled)}


def lead_with_ask(bottom: list[Candidate], chosen: list[Candidate], ask: Ask | None, question: str) -> list[Candidate]:
    """The bottom line, led by the sentence that states what the question specifically asks (a timing, a dose, both
    options of a choice, the drugs it names) and shares most of the question's words (at least two; the heading of
    its section counts: "prednisolone 30 mg daily for 5 days" under "Management › Exacerbations" answers how long to
    give prednisolone for a COPD exacerbation), when one of the chosen sentences does. Words its source's title
    already names count last: every sentence of the gout overview shares "gout", only the one about starting
    treatment shares "start". Of a case, the words of what it asks count first. Bottom-line sentences win ties."""
    if ask is None or not bottom:
        return bottom
    words = content_words(question) - _how_words(question)
    # the drugs asked for; for a timing or a dose, those the question names, which a sentence may name by class only
    # ("Reassess … after 3 to 5 years of bisphosphonate treatment" for "How long should I take alendronate for?")
    drugs = [forms[0] for forms in ask.options] if ask.kind == "names" else list(drugs_in(question).values())
    read: dict[int, set[str]] = {}  # each candidate's words read once: shared() is asked several times per candidate
    naming = _naming_units(question)
    words |= {token for token, _ in naming}
    together = two_antiplatelets(question)

    def shared(candidate: Candidate) -> set[str]:
        if id(candidate) not in read:
            held = candidate.words | content_words(candidate.evidence.section or "") | _spelled_out(candidate.text)
            held = held | {token for token, named in naming if any(phrase <= held for phrase in named)}
            if ask.kind in _ASKED_STEMS:  # a sentence stating a dose holds the question's "dose": "Adrenaline dose?"
                # after a wasp sting is answered by "Give intramuscular adrenaline … 500 micrograms"; one aiming for
                # a value holds its "target" (session 41)
                held = held | _ASKED_STEMS[ask.kind]
            prepared = TermText(candidate.text) if ask.kind == "names" else None
            for forms in ask.options if prepared else ():  # a synonym completes an option the sentence half names:
                # "recombinant zoster vaccine" holds the "shingles" of "Shingles vaccine at 65, which one?" beside its
                # "vaccine"; a pitfall on hypnotics holds no word of "sleeping pills" (session 41)
                asked = content_words(forms[0])
                if asked & held and asked - held and any(prepared.mentions(form) for form in forms[1:]):
                    held = held | asked
            for pair in together:  # "dual antiplatelet therapy" names the aspirin and the ticagrelor taken together
                if any(TermText(candidate.text).mentions(form) for form in pair.medical):
                    held = held | content_words(pair.lay)
            by_class = _named_by_class_only(candidate.text, drugs) if drugs else []
            if by_class:  # a drug named only by its class ("NSAIDs … worsen HFrEF" for "heart failure … can he take
                # ibuprofen?") counts as named (session 29)
                held = held | {word for drug in by_class for word in content_words(drug)}
            if by_class or ask.kind != "names":  # its source's title names the condition: "Give intramuscular
                # adrenaline … 500 micrograms" states the dose "how much adrenaline in anaphylaxis?" asks, in the
                # anaphylaxis overview, which never repeats its topic in the sentence (session 37); a sentence merely
                # naming the drugs asked about needs two words of its own ("i dont want sleeping pills" is not
                # answered by a pitfall on hypnotics)
                held = held | content_words(candidate.evidence.source.title)
            read[id(candidate)] = held & words
        return read[id(candidate)]

    saying = [c for c in bottom + chosen if says_ask(c.text, ask) and len(shared(c)) >= min(2, len(words))]
    if not saying:
        return bottom

    def beyond_title(candidate: Candidate) -> int:
        return len(shared(candidate) - content_words(candidate.evidence.source.title))

    regions = regions_named(question)

    def of_the_region(candidate: Candidate) -> bool:  # "treated at home in the UK. Antibiotic and dose?": NICE's
        return bool(regions & regions_named(candidate.text, issuers=True))  # amoxicillin, not ATS/IDSA's (session 41)

    asked = words  # …the sentence a case asks in first, beside all it describes: "… Given … prednisolone 40 mg; PEF
    # still 45%. Plan IV magnesium sulphate: what dose and over how long?" (session 65); not an exam's options, which
    # offer the wrong answers too, nor a sentence asking in everyday words ("how should she be taking it")
    if split_asking(question)[1].strip() and options_span(question) is None:
        last = _SENTENCE_END.split(question.strip())[-1]  # typed without capitals too: "…the problem? how should she"
        sentence = content_words(last) - _how_words(question) - GENERIC_WORDS - EVERYDAY_WORDS
        asked = sentence if len(sentence) >= MIN_ASKING_SENTENCE_WORDS else words

    def of_the_asking(candidate: Candidate) -> int:
        return len(shared(candidate) & asked)

    lead = max(saying, key=lambda c: (
        of_the_region(c), of_the_asking(c), beyond_title(c), len(shared(c)), c in bottom, c.relevance
    ))
    return [lead] + [c for c in bottom if c is not lead]


_REGION_WORDS = {
    "uk": re.compile(r"\b(?:UK|NHS|Britain|British|England|Scotland|Wales)\b", re.IGNORECASE),
    "us": re.compile(r"\b(?:US|USA|United States|America)\b"),
}
# the issuers whose guidance holds in each region, as the overviews cite them
_REGION_ISSUERS = {
    "uk": re.compile(r"\b(?:NICE|SIGN|BTS|BSG|MHRA|BHIVA|BASHH|RCOG|UKHSA|UK|NHS)\b"),
    "us": re.compile(r"\b(?:ACIP|CDC|USPSTF|ACC|AHA|ATS|IDSA|ADA|AAP|ACOG|AASLD|FDA|US)\b"),
}


def regions_named(text: str, *, issuers: bool = False) -> set[str]:
    """The countries a question names ("in the UK", "on the NHS"), or with ``issuers`` those whose guidance a
    sentence gives (NICE for the UK, ACIP for the US)."""
    patterns = _REGION_ISSUERS if issuers else _REGION_WORDS
    return {region for region, pattern in patterns.items() if pattern.search(text)}


def lead_with_side_effect(bottom: list[Candidate], chosen: list[Candidate], question: str) -> list[Candidate]:
    """A question telling what a medicine makes the person feel and asking nothing specific ("the iron tablets make me
    constipated and feel sick. Is there a better way to take them?") is led by the chosen sentence on that side effect
    (``_naming_units``) sharing most of the question's other words (at least one: the medicine, its form)."""
    naming = _naming_units(question)
    if not naming or not bottom:
        return bottom
    words = content_words(question) - _how_words(question)

    def score(candidate: Candidate) -> tuple[int, int]:
        held = candidate.words | content_words(candidate.evidence.section or "")
        named = sum(any(phrase <= held for phrase in phrases) for _, phrases in naming)
        return named, len(held & words)

    saying = [c for c in bottom + chosen if score(c)[0] and score(c)[1] >= 1]
    if not saying:
        return bottom
    lead = max(saying, key=lambda c: (*score(c), c in bottom, c.relevance))
    return [lead] + [c for c in bottom if c is not lead]


@lru_cache(maxsize=64)
def _naming_units(question: str) -> tuple[tuple[str, tuple[frozenset[str], ...]], ...]:
    """What a medicine makes the person feel (compose/lay.py ``side_effect_words``), as tokens each counted as one
    shared word, with the medical phrases that name them: a sentence saying "side effects" shares "the iron tablets
    make me constipated"; one saying "muscle symptoms" shares the everyday phrase of "my statin is giving me achy
    legs" (compose/data/lay_naming.yaml) too. Only these: counted for every everyday phrase, the sentences naming what
    a question describes ("burns when I pee": urine) led questions asking something else."""
    caused = side_effect_words(question)
    if not caused:
        return ()
    units = [
        (f"<{item.lay}>", [frozenset(content_words(phrase)) for phrase in item.medical])
        for item in lay_equivalents(question, naming=True)
        if set(item.stems) <= caused
    ]
    units.append(("<side effect>", [frozenset(content_words(phrase)) for phrase in SIDE_EFFECT_FORMS]))
    return tuple((token, tuple(phrase for phrase in named if phrase)) for token, named in units)


def _named_by_class_only(text: str, drugs: list[str]) -> list[str]:
    """The ``drugs`` the text names by their class (compose/variants.py ``class_names``) and never by name."""
    prepared = TermText(text)
    return [
        drug for drug in drugs
        if not prepared.mentions(drug) and any(prepared.mentions(name) for name in class_names(drug))
    ]


def asked_beyond_title(question: str, title: str) -> list[tuple[frozenset[str], ...]]:
    """The part of the question that asks (after a closing colon, comma or dash: "Heartburn with weight loss and
    dysphagia: urgent endoscopy?"; a clinician's phrase that asks nothing, "PERC rule criteria for PE", is asked
    whole), as the units it asks about that its overview's title does not name: none when a patient only describes
    ("the skin on my shin is red, hot and swollen"). A unit is a choice of stemmed phrases, any of which names it:
    a topic word alone, or a lay phrase's medical phrases ("stop it coming back": recurrence, relapse…), so one lay
    phrase never counts as several words, and "brain scan" is named by "structural imaging", not by "structured".
    What the question describes is left out: "potassium 6.8 with peaked T waves, what is the immediate treatment?"
    asks for the treatment, not for the ECG signs it already gives."""
    asking = split_asking(question)[1] or ("" if FIRST_PERSON.search(question) else question)
    asking = pointed_clause(question) or _last_part(asking)  # "…will rescan in a week. is that safe?"
    titled = content_words(title)
    words = content_words(asking) - GENERIC_WORDS - EVERYDAY_WORDS - titled
    units: list[tuple[frozenset[str], ...]] = []
    for item in lay_equivalents(asking, naming=True):
        words -= set(item.stems)
        stemmed = (frozenset(content_words(phrase) - titled) for phrase in item.medical)
        phrases = tuple(dict.fromkeys(phrase for phrase in stemmed if phrase))
        if phrases and phrases not in units:
            units.append(phrases)
    for short, meanings in _abbreviations_in(asking):  # "when to start NIV?" is named by "non-invasive ventilation"
        own = frozenset(content_words(short))
        words -= own
        stemmed = (frozenset(content_words(meaning) - titled) for meaning in meanings)
        phrases = tuple(dict.fromkeys(phrase for phrase in (own - titled, *stemmed) if phrase))
        if phrases and phrases not in units:
            units.append(phrases)
    return [(frozenset({word}),) for word in sorted(words)] + units


def _last_part(asking: str) -> str:
    """The asking part after its last colon, comma or dash, with what that part goes on from ("should i stop the
    painkillers all at once or wean off slowly, and for how long": all of it, session 65)."""
    parts = _LAST_PART.split(asking)
    index = len(parts) - 1
    while index and _GOING_ON.match(parts[index]):
        index -= 1
    return " ".join(parts[index:])


def _abbreviations_in(text: str) -> list[tuple[str, tuple[str, ...]]]:
    """The text's abbreviations and clipped words that Medora spells out (retrieve/data/abbreviations.tsv,
    compose/subject.py ``SHORTHAND``), each with its meanings."""
    own = load_own_abbreviations()
    found = []
    for word in dict.fromkeys(re.findall(r"[A-Za-z][A-Za-z0-9-]*[A-Za-z0-9]", text)):
        meanings = own.get(word) or SHORTHAND.get(word.lower())
        if meanings:
            found.append((word, meanings))
    return found


def lead_with_asked_part(
    bottom: list[Candidate], chosen: list[Candidate], question: str, overview: Evidence
) -> list[Candidate]:
    """An overview's bottom line is written for its whole topic; a question on one part of it ("How can recurrent
    leg cellulitis be prevented?", "PERC rule criteria for PE") is led by the overview's sentence naming most of
    what the asking part names beyond the title (``asked_beyond_title``): at least MIN_ASKED_PART_WORDS of its units,
    rare enough in the library together (MIN_ASKED_PART_RARITY), and more than the present lead. A word written in
    over a third of the overview's sentences is its topic in other words ("blood pressure" in the hypertension
    overview) and counts for none; a pitfall ("Missing orthostatic hypotension…" reads as advice out of its section)
    or a sentence introducing a list ("the features below") never leads. Bottom-line sentences win ties."""
    own = [c for c in bottom + chosen if c.evidence.source_id == overview.source_id]
    if not bottom or not own:
        return bottom

    # each sentence read once (the present lead too: a bottom line without the overview's own may be another source's)
    words = {
        id(c): c.words | content_words(c.evidence.section or "") | members_as_classes(c.text, question)
        for c in own + bottom
    }  # "prednisolone" holds the "steroids" asked for

    def common(stem: str) -> bool:
        return sum(stem in words[id(c)] for c in own) * 3 > len(own)

    asked = asked_beyond_title(question, overview.source.title)
    units = [kept for unit in asked if (kept := tuple(p for p in unit if not all(common(word) for word in p)))]
    # an abbreviation of a thing of several words ("NIV": non-invasive ventilation) counts as two; a clipped word
    # ("abx": antibiotics) as one
    spelled = {
        frozenset(content_words(short)) for short, meanings in _abbreviations_in(question)
        if all(len(content_words(meaning)) >= 2 for meaning in meanings)
    }
    weights = [SPELLED_UNIT if spelled & set(unit) else 1 for unit in units]
    if sum(weights) < MIN_ASKED_PART_WORDS:
        return bottom

    def named(candidate: Candidate) -> list[tuple[float, int]]:
        held = words[id(candidate)]
        rarities = [[max(library_rarity(w) for w in phrase) for phrase in unit if phrase <= held] for unit in units]
        return [(max(found), weight) for found, weight in zip(rarities, weights, strict=True) if found]

    named_by = {id(c): named(c) for c in own + bottom}

    def shared(candidate: Candidate) -> float:
        return sum(rarity * weight for rarity, weight in named_by[id(candidate)])

    leads = [
        c for c in own
        if sum(weight for _, weight in named_by[id(c)]) >= MIN_ASKED_PART_WORDS
        and not _LIST_INTRO.search(c.text)
        and _overview_heading(c) != "Common pitfalls"
    ]
    lead = max(leads, key=lambda c: (shared(c), c in bottom, c.relevance), default=None)
    if lead is None or shared(lead) < MIN_ASKED_PART_RARITY or shared(lead) <= shared(bottom[0]):
        return bottom
    return [lead] + [c for c in bottom if c is not lead]


def lead_with_titled_section(
    bottom: list[Candidate], chosen: list[Candidate], terms: list[SpecificTerm], overview: Evidence
) -> list[Candidate]:
    """A question on a part of the overview's topic that only one of its sections speaks of, under a heading naming
    it ("What drugs help HFpEF?": the heart-failure overview's "Mildly reduced and preserved ejection fraction
    (HFmrEF, HFpEF)"), is led by that section's first sentence: the overview's bottom line is written for the title's
    topic (HFrEF's four drug classes). Not for a term the title names ("Distal DVT" does not lead "How is DVT
    treated?"), nor one the overview names in other sections too ("Exacerbations" does not lead a question on CURB65
    in a COPD exacerbation, nor "Preferred reliever track" an asthma attack the blue inhaler does not help), nor a
    word of common language ("Injections" does not lead "does she need injections?" on a knee replacement)."""
    titled = TermText(overview.source.title)
    own_terms = [term for term in terms if not term.context and not titled.covers(term)]
    own = [c for c in chosen if c.evidence.source_id == overview.source_id]
    lead = next(
        (
            c for c in own
            if _overview_heading(c) not in ("Bottom line", "Common pitfalls")
            and not _LIST_INTRO.search(c.text)
            and section_answers(c.evidence, own_terms)
        ),
        None,
    ) if own_terms else None
    if lead is None or (bottom and bottom[0] is lead):
        return bottom
    headed = TermText(lead.evidence.section.rsplit("›", 1)[-1])
    subjects = [term for term in own_terms if headed.covers(term)]
    if any(is_common_word(term.label) or is_common_word(term.label.removesuffix("s")) for term in subjects) or any(
        TermText(c.text).covers(term) for c in own if c.evidence.section != lead.evidence.section for term in subjects
    ):
        return bottom
    return [lead] + [c for c in bottom if c is not lead]


def lead_by_meaning(
    written: list[Candidate],
    bottom: list[Candidate],
    chosen: list[Candidate],
    question: str,
    overview: Evidence,
    ask: Ask | None,
    meaning: SentenceMeaning | None,
) -> list[Candidate]:
    """The bottom line led by the overview sentence the lead model chooses by meaning and words (compose/leads.py),
    when it is confident and the sentence does not introduce a list; ``written`` is the bottom line as the overview
    writes it, ``bottom`` as the word rules above lead it."""
    if meaning is None:
        return bottom
    asked = asked_beyond_title(question, overview.source.title)
    lead = meaning_lead(written, bottom[0] if bottom else None, chosen, overview, asked, ask, meaning, question)
    if lead is None or _LIST_INTRO.search(lead.text):
        return bottom
    if ask is not None and ask.kind in ("dose", "target") and bottom and says_ask(bottom[0].text, ask) and not says_ask(
        lead.text, ask
    ):  # the dose or target asked, stated by the lead the words chose, is not traded for a line without it; a timing
        # may be (the conditions of "When should his renal tract be scanned?" answer it, not "within 48 hours")
        return bottom
    return [lead] + [c for c in bottom if c is not lead]


def lead_with_answering_passage(
    bottom: list[Candidate], chosen: list[Candidate], answered_from: list[Evidence], question: str
) -> list[Candidate]:
    """An overview laid out because the answer cited its passages alone is led by the sentence those passages would
    have led with (``_bottom_line``), when no rule chose a lead for what is asked: "they found a small clot on my lung
    and want to send me home on tablets tonight" is answered by the PE overview's "Low risk: … early discharge and
    home treatment can be considered", not by its first line on haemodynamic stability."""
    best = _bottom_line(candidates_from(answered_from, question), size=1)
    if not best:
        return bottom
    lead = next((c for c in chosen if c.text == best[0].text), None)
    if lead is None or (bottom and bottom[0] is lead):
        return bottom
    return [lead] + [c for c in bottom if c is not lead]


def lead_on_the_stated_situation(
    bottom: list[Candidate], chosen: list[Candidate], question: str, overview: Evidence
) -> list[Candidate]:
    """A question stating a situation an overview sentence opens on ("… cellulitis in an adult with penicillin
    allergy?" and "For penicillin allergy, NICE lists clarithromycin …") is led by that sentence, when the lead is the
    overview's own first line and does not name the situation: that line is written for everyone (flucloxacillin,
    session 46), while a lead another rule chose for what is asked stays ("… sciatica and foot drop … L5 or
    peroneal?" is not led by "For sciatica, NICE advises against gabapentinoids"). The situation
    must name a word beyond the overview's title that is no word of its topic (written in over a third of its
    sentences), and the sentence must hold for the question (``holds_for_the_question``); the one naming most of the
    situation wins. An exam's options state no situation of the case ("B) Aspirin from 12 weeks until birth" is not
    "After birth, …": session 65)."""
    if not bottom:
        return bottom
    own = [c for c in bottom + chosen if c.evidence.source_id == overview.source_id]
    offered = options_span(question)
    asked = content_words(question[: offered[0]] if offered else question)
    titled = content_words(overview.source.title)

    def common(word: str) -> bool:
        return sum(word in c.words for c in own) * 3 > len(own)

    def situation(candidate: Candidate) -> set[str]:
        condition = stated_condition(candidate.text)
        if condition is None or not condition <= asked:
            return set()
        return {word for word in condition - titled if not common(word)}

    situations = {id(c): situation(c) for c in own}  # each sentence read once
    leads = [
        c for c in own
        if situations[id(c)] and not _LIST_INTRO.search(c.text) and _overview_heading(c) != "Common pitfalls"
        and holds_for_the_question(c.text, question, overview.source.title, c.evidence.section or "")
    ]
    lead = max(leads, key=lambda c: (len(situations[id(c)]), c in bottom, c.relevance), default=None)
    if lead is None or lead is bottom[0] or situations[id(lead)] <= bottom[0].words:
        return bottom
    return [lead] + [c for c in bottom if c is not lead]


def lead_with_the_patients_band(bottom: list[Candidate], chosen: list[Candidate], question: str) -> list[Candidate]:
    """A question giving a measured value ("NT-proBNP 2,600 ng/L") is never led by a line for another band of it
    ("Between 400 and 2000 ng/L: … within 6 weeks"), but by the chosen line whose band holds for the value
    (compose/value_ranges.py); lines for other bands leave the bottom line for the body."""
    if not bottom or band_fit(bottom[0].text, question) is not False:
        return bottom
    fitting = next((c for c in bottom + chosen if band_fit(c.text, question)), None)
    rest = [c for c in bottom if c is not fitting and band_fit(c.text, question) is not False]
    return ([fitting] if fitting is not None else []) + rest or bottom


def lead_as_grave_as_asked(bottom: list[Candidate], question: str) -> list[Candidate]:
    """A calm question is not led by a line for a graver case than it states (compose/leads.py
    ``graver_than_asked``: IV magnesium "for acute severe asthma" does not lead a question on stepping up a preventer),
    but by the next line of the bottom line that is not; it stays in the bottom line."""
    if not bottom or not graver_than_asked(bottom[0].text, question):
        return bottom
    lead = next((c for c in bottom[1:] if not graver_than_asked(c.text, question)), None)
    return bottom if lead is None else [lead] + [c for c in bottom if c is not lead]


_ITSELF = re.compile(r"^this (?:overview|guideline|guidance|article|review)\b", re.IGNORECASE)  # what a source
# says of itself stands alone ("This overview follows the US ACIP and CDC adult schedule …")


def _points_back(sentence: str) -> bool:
    return bool(POINTS_BACK.match(sentence)) and not _ITSELF.match(sentence)


def lead_standing_alone(bottom: list[Candidate]) -> list[Candidate]:
    """The bottom line never holds a sentence that points back at one the reader does not see just before it ("These
    drugs should not be used by anyone who has had a complex sleep behaviour", written after the Z-drugs' boxed
    warning, read alone as if about the Nytol asked about): such a sentence leaves the bottom line for the body, and
    the next one that stands alone leads. One that follows its own antecedent in the bottom line stays. What a source
    says of itself ("This overview follows the US ACIP and CDC adult schedule …") stands alone but never leads: it
    qualifies the advice after it, which comes first (``_itself_second``)."""
    bottom = _itself_second(bottom)
    if not any(_points_back(c.text) for c in bottom):
        return bottom
    lead = next((c for c in bottom if not _points_back(c.text)), None)
    if lead is None:
        return bottom
    kept = [lead]
    for candidate in bottom:
        if candidate is not lead and (not _points_back(candidate.text) or _follows(candidate, kept[-1])):
            kept.append(candidate)
    return kept


def _itself_second(bottom: list[Candidate]) -> list[Candidate]:
    """The bottom line with a lead that describes its own source moved after the next sentence (session 68: "is the
    shingles jab one shot or more than one?" was led by the vaccination overview's note on which schedule it follows,
    the two recombinant zoster doses coming second)."""
    if len(bottom) > 1 and _ITSELF.match(bottom[0].text) and not _ITSELF.match(bottom[1].text):
        return [bottom[1], bottom[0], *bottom[2:]]
    return bottom


def _follows(candidate: Candidate, before: Candidate) -> bool:
    """True when ``candidate`` is the sentence right after ``before`` in the same passage."""
    return before.evidence.passage_id == candidate.evidence.passage_id and before.order == candidate.order - 1


def lead_with_emergency(
    bottom: list[Candidate], chosen: list[Candidate], flags: list[RedFlag], ask: Ask | None = None
) -> list[Candidate]:
    """A question that raises an urgent notice is led by a chosen sentence naming that emergency, when the lead does
    not: "the worst headache of my life, like being hit on the head" is answered by the headache overview, whose
    bottom line is about migraine ("do not refer people with migraine for neuroimaging"); its line on thunderclap
    headache as an emergency leads instead. A lead that states what the question specifically asks (``ask``) keeps
    its place and the emergency's sentence comes second: "STEMI, PCI centre over 2 hours away - lyse or transfer?"
    is answered by the fibrinolysis-then-transfer line, not by the 10-minute ECG the asker has already done."""
    if not flags or not bottom:
        return bottom
    names = {flag.name for flag in flags}
    def urgent(candidate: Candidate) -> bool:
        return any(flag.name in names for flag in evidence_flags(candidate.text))

    if urgent(bottom[0]):
        return bottom
    lead = next((c for c in bottom + chosen if urgent(c)), None)
    if lead is None:
        return bottom
    rest = [c for c in bottom if c is not lead]
    if ask is not None and says_ask(bottom[0].text, ask):
        return rest[:1] + [lead] + rest[1:]
    return [lead] + rest


_NEGATED_GROUP = re.compile(r"\b(?:non|not|without)[\s-]+(\w+)", re.I)


def names_population(text: str, term: SpecificTerm) -> bool:
    """True when the sentence names the population group itself, not its negation ("non-pregnant women")."""
    prepared = TermText(_NEGATED_GROUP.sub(" ", text))  # "non-pregnant" goes; "pregnant women" elsewhere stays
    return any(prepared.mentions(form) for form in term.forms)


def lead_with_population(
    bottom: list[Candidate], chosen: list[Candidate], terms: list[SpecificTerm], question: str
) -> list[Candidate]:
    """A question about a population ("… in pregnancy?") is led by a sentence naming that population, when the lead
    does not and a chosen sentence does (sharing most of the question's words): "For cystitis in non-pregnant
    women, …" does not answer "What antibiotic for a UTI in pregnancy?". A sentence only under a population's
    heading is not taken: out of its section, it would read as advice for everyone."""
    groups = [term for term in terms if term.kind == "population"]
    lead_text = f"{bottom[0].evidence.source.title} {bottom[0].text}" if bottom else ""
    if not groups or not bottom or any(names_population(lead_text, group) for group in groups):
        return bottom  # the lead (or its whole source: "Hypertension in pregnancy") is about the group already
    words = content_words(question)
    naming = [
        c for c in bottom + chosen
        if all(names_population(c.text, group) for group in groups) and sentence_role(c.evidence) not in ("background", "methods")
    ]
    if not naming:
        return bottom
    lead = max(naming, key=lambda c: (len(covered_terms(c.text, terms)), len(c.words & words), c in bottom, c.relevance))
    return [lead] + [c for c in bottom if c is not lead]


def verified_statement(
    candidate: Candidate, book: CitationBook, settings: Settings, dropped: list[Statement]
) -> Statement | None:
    """The candidate as a cited Statement when its passage supports it; else None (and it joins ``dropped``)."""
    support = check_support(candidate.text, candidate.evidence.text, min_support=settings.compose.min_support)
    statement = Statement(
        text=candidate.text,
        citations=[],
        passage_id=candidate.evidence.passage_id,
        support=support.score,
        verified=support.supported,
        quote=support.quote,
        flags=support.flags,
    )
    if not support.supported:
        dropped.append(statement)
        return None
    statement.citations = book.cite(candidate.evidence, reference_ids=candidate.reference_ids)
    return statement
