"""The one answer pipeline: analyse → retrieve → select → compose (with verification) → adapt to the reader.

CLI, web server and benchmarks all call :func:`answer_question`. It is the only place that talks to both the
retriever and the composer, so compose receives data and retrieval never sees an article."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from medora.compose.abbreviations import with_abbreviations_spelled_out
from medora.compose.age_groups import (
    CHILD,
    TEEN,
    clash_reason,
    group_of_question,
    group_of_title,
    other_group,
    speaks_of_the_young,
    young_patient,
)
from medora.compose.analyse import QuestionAnalysis, analyse_question
from medora.compose.article import compose_article
from medora.compose.ask import Ask, dosed_drugs, says_ask, targeted_terms
from medora.compose.case_findings import (
    with_case_findings,
    with_everyday_findings_as_background,
    with_unheld_findings_as_background,
)
from medora.compose.described import (
    account_stems,
    account_unnamed,
    asks_of_an_occasion,
    body_parts,
    broader_parts,
    described_labels,
    describing_labels,
    felt_labels,
    labels_within_signs,
    proposed_words,
    proposes_drug,
    split_asking,
    unnamed_asking_words,
    unnamed_body_parts,
    unnamed_occasion_words,
    unnamed_occasions,
    unnamed_words,
    without_population,
    written_signs,
)
from medora.compose.idioms import without_figures_of_speech
from medora.compose.lay import lay_equivalents
from medora.compose.leads import other_grade, other_grade_asked
from medora.compose.population_overviews import for_another_population
from medora.compose.red_flags import assessing_overviews, flags_in, load_red_flags
from medora.compose.relevance import CANDIDATE_DEPTH, cited_pool, cited_sources, model_limit, source_signals
from medora.compose.select import (
    ANSWERED,
    DESCRIBED_MARGIN,
    DESCRIBED_PROBABILITY,
    MIN_NAMING_PASSAGES,
    OVERVIEW_MATCH,
    OVERVIEW_SEARCH_DEPTH,
    PARTIAL,
    QuestionWeights,
    Selection,
    answering_evidence,
    asking_focused,
    citable_pool,
    closest_described,
    closest_in_meaning,
    closest_source,
    closest_two_agree,
    complaint_keeps,
    described_first,
    drug_name_equivalents,
    everyday_overview,
    heading,
    is_long_story,
    kinds_reason,
    matching_overview,
    names_other_kinds_only,
    names_topic_in_title,
    near_in_meaning,
    on_a_denied_condition,
    on_topic_evidence,
    other_kind,
    overview_candidates,
    partial_pool,
    qualified_kinds,
    question_weights,
    sole_answering_overview,
    source_texts,
    terms_by_source,
    topic_overview,
    whole_coverages,
    without_case_drugs,
    without_unheld_story_words,
)
from medora.compose.sexes import other_sex
from medora.compose.spelling import with_spelling_corrected
from medora.compose.subject import SAFETY, WAITING
from medora.compose.terms import (
    YOUNG_FORMS,
    SpecificTerm,
    TermText,
    answers_terms,
    asks_about_drug,
    interacting_own_drugs,
    specific_terms,
)
from medora.compose.together import AskedPair, asked_pairs, compound_fragments, population_pairs, unstated_pairs
from medora.compose.variants import with_abbreviations, with_spellings
from medora.compose.vectors import QuestionVectors
from medora.errors import QuestionError
from medora.library.descriptions import clinical_presentations
from medora.readers.audience import AUDIENCES, adapt_article
from medora.retrieve.described import DescribedMatch
from medora.retrieve.retriever import Filters, Retriever
from medora.sentences import split_sentences
from medora.settings import Settings
from medora.types import LIBRARY_PREFIX, Article, Evidence, Kind, RelatedArticle

MAX_QUESTION_LENGTH = 2000  # a referral letter or a carer's long account of the days before (session 64: 1,000
# turned away a 1,006-character exam stem of a development set)


@dataclass
class AnswerSession:
    """A question as it moves through the pipeline; each step fills in its part (and its time)."""

    question: str
    filters: Filters | None = None
    audience: str = "clinician"
    analysis: QuestionAnalysis | None = None
    selection: Selection | None = None
    article: Article | None = None
    timings_ms: dict[str, float] = field(default_factory=dict)


def validate_question(question: str, *, audience: str = "clinician") -> str:
    """The question stripped of surrounding space; a clear error for what cannot be answered."""
    text = (question or "").strip()
    if not text:
        raise QuestionError("the question is empty: type a clinical question")
    if len(text) > MAX_QUESTION_LENGTH:
        raise QuestionError(
            f"the question is {len(text)} characters long; the limit is {MAX_QUESTION_LENGTH}: shorten it"
        )
    if audience not in AUDIENCES:
        raise QuestionError(f"unknown audience {audience!r}; choose one of {', '.join(AUDIENCES)}")
    return text


def select_evidence(session: AnswerSession, *, retriever: Retriever, settings: Settings) -> Selection:
    """Retrieve once; keep the on-topic passages, judge which sources name the question's specific terms, and build
    the pool an article may cite (the closest source's relevant passages when nothing answers the question). The
    question is read without its figures of speech (compose/idioms.py), with its misspellings corrected
    (compose/spelling.py) and Medora's own abbreviations spelled out
    (compose/abbreviations.py); a vignette's or an everyday account's technical words written only where it
    describes the case are its findings (compose/case_findings.py)."""
    question = with_abbreviations_spelled_out(with_spelling_corrected(without_figures_of_speech(session.question)))
    depth = max(settings.retrieve.top_k, 10)
    unheld = retriever.unheld_words(question)  # read once: the brands, the long story's words and findings below
    generic_names = drug_name_equivalents(question, unheld)  # a drug named by a brand no
    # passage holds, by its generic name ("prolia": denosumab), searched for and weighed as the question's words
    everyday = " ".join(word for item in lay_equivalents(question) + generic_names for word in item.medical)
    deeper = retriever.search(
        question, top_k=max(depth, CANDIDATE_DEPTH), filters=session.filters, lexical_words=everyday
    )  # the words a source writes for the question's everyday phrases ("a clot on my lung": pulmonary embolism)
    # are searched for too, as its abbreviations are: the on-topic gate already counts them as the question's
    retrieved = deeper[:depth]  # what every gate reads (the same top passages: the ranker sorts the whole fused
    # list before cutting); the citation model's candidates reach CANDIDATE_DEPTH, at about 10-18 ms an article
    idf = retriever.term_weights(question)
    terms = specific_terms(question, idf)
    weights = asking_focused(question, without_unheld_story_words(  # a long story weighed by what it asks, its
        # words no passage holds by none (compose/select.py)
        question, without_case_drugs(question_weights(question, idf, generic_names), terms, question),
        unheld,
    ), terms)
    whole = {  # each overview that may be on topic read once, however many of its passages were retrieved
        source_id: retriever.whole_source(source_id) for source_id in overview_candidates(retrieved, weights)
    }
    whole_texts = {
        source_id: _whole_text(passages)
        for source_id, passages in whole.items()
        if passages
    }
    whole_coverage = whole_coverages(whole_texts, weights)
    on_topic = [  # an overview on a condition of the other sex than the case's is on no topic of it (compose/sexes.py),
        # nor one written for a population the question does not state (compose/population_overviews.py)
        item for item in on_topic_evidence(retrieved, weights, whole_coverage, terms)
        if not (item.source.kind is Kind.EDITORIAL_SUMMARY and (
            other_sex(question, item.source.title) or for_another_population(question, item.source.title)
        ))
    ]
    evidence_text = "\n".join(f"{item.source.title}\n{item.text}" for item in retrieved)
    terms = with_spellings(with_abbreviations(question, terms, evidence_text), evidence_text)
    terms = with_case_findings(question, terms)
    if is_long_story(question):  # a long story's life no source writes (compose/case_findings.py)
        terms = with_unheld_findings_as_background(terms, unheld)
        terms = with_everyday_findings_as_background(terms, idf)
    overviews = _overviews_read_whole(on_topic[:OVERVIEW_SEARCH_DEPTH], whole)
    texts = source_texts(on_topic, _as_graded(overviews, question))
    covered = terms_by_source(texts, terms)
    signs = _signs_named(question, terms, overviews)
    presented = {  # the overview must name every other term: the one technical word a long question may leave
        # unnamed (compose/terms.py ``answers_terms``) is never the word left once the signs are excused ("45F,
        # 6 weeks postpartum, orthopnoea, PND, ankle oedema: which drugs?" is no question the heart-failure overview
        # answers); its signs still count as named in what a partial answer reports
        source_id: labels for source_id, labels in signs.items()
        if all(term.label in covered.get(source_id, set()) | labels or term.context for term in terms)
    }
    for source_id, labels in presented.items():
        covered[source_id] = covered.get(source_id, set()) | labels
    unstated, other_age = _set_apart(question, terms, on_topic, whole)
    answering = [
        item
        for item in answering_evidence(on_topic, terms, covered, weights, presented)
        if not unstated.get(item.source_id) and item.source_id not in other_age
        and not (item.source.kind is Kind.EDITORIAL_SUMMARY and other_kind(item.source.title, weights.qualified))
    ]  # an overview on another kind of the question's condition answers none of it (type 2 diabetes for type 1)
    overview = matching_overview(on_topic, weights, terms=terms, covered=covered, whole_coverage=whole_coverage)
    age_topic = overview.source_id if overview is not None and overview.source_id in other_age else None
    if age_topic is not None:  # the question's topic is an overview for another age group: the other overviews naming
        # only the drug ("amoxicillin" in pneumonia) do not answer it either; an ingested guideline or study still may
        answering = [item for item in answering if item.source.kind is not Kind.EDITORIAL_SUMMARY]
    if overview is not None and (unstated.get(overview.source_id) or age_topic is not None):
        overview = None  # it names the drug and the condition, never the one for the other; or another age group
    overview = overview or sole_answering_overview(answering, on_topic, weights, terms, covered, presented)
    presenting = _overviews_read_whole(on_topic, whole)  # however deep: the peroneal overview's passage may come sixth
    overview = _presenting_overview(
        overview, on_topic, terms, covered, signs, _signs_written(question, presenting),
        answering={item.source_id for item in answering},
    )
    if overview is not None and _complaint_elsewhere(question, terms, overview, whole, retriever):
        answering = [item for item in answering if item.source_id != overview.source_id]
        overview = None
    if overview is None:  # nor does an overview answer among others whose complaint it never names (session 55:
        # "my 19 yo son had swollen cheeks by his ears … now one of his balls is swollen and sore, what antibiotics
        # does he need" was laid out from the sore-throat overview, cited beside the ear-infection one)
        answering = _without_complaints_elsewhere(question, terms, answering, whole, retriever)
    if overview is not None and _meaning_overrules(question, terms, retrieved, overview, retriever, whole_coverage):
        overview = None  # common words chose it; what the question means is another overview's (checked below)
        answering = [item for item in answering if item.source.kind is not Kind.EDITORIAL_SUMMARY]
    analysis = session.analysis or analyse_question(question)
    emergency_kept: tuple[Evidence, list[Evidence]] | None = None  # an emergency's overview a calm question may mean
    # another overview instead of; it stays when meaning answers by none (checked below)
    no_overview_on = _emergency_no_overview_is_on(overview, analysis) if overview is not None else ""
    if no_overview_on:
        overview = None
        answering = [item for item in answering if item.source.kind is not Kind.EDITORIAL_SUMMARY]
    if overview is not None and _emergency_for_a_calm_question(question, retrieved, overview, analysis):
        emergency_kept = (overview, answering)
        overview = None
        answering = [item for item in answering if item.source.kind is not Kind.EDITORIAL_SUMMARY]
    described = analysis.described_flags
    emergencies = tuple(dict.fromkeys(flag.overview for flag in described if flag.overview))
    if overview is not None and len(emergencies) == 1 and overview.source.key != f"{LIBRARY_PREFIX}{emergencies[0]}":
        found = _by_meaning(question, retrieved, terms, weights, retriever, whole, MeaningScope(by_descriptions=True),
                            felt_labels(question, terms), emergencies, forced=True)
        if found is not None:  # an emergency described in everyday words is answered from its own overview, not a
            # neighbour's ("lost control of my bowels with back pain": cauda equina, not low back pain's routine care)
            overview, passages = found
            overviews[overview.source_id] = passages
            answering = [item for item in answering if item.source.kind is not Kind.EDITORIAL_SUMMARY]
    felt = felt_labels(question, terms)
    if overview is None:
        scope = _meaning_scope(question, on_topic, answering, terms, covered, felt, whole_coverage)
        found = (
            _by_meaning(question, retrieved, terms, weights, retriever, whole, scope, felt, emergencies) if scope.open else None
        )
        if found is not None:
            overview, passages = found
            overviews[overview.source_id] = passages
            if not answering:
                on_topic = [overview]
        elif emergency_kept is not None:
            overview, answering = emergency_kept
    if overview is None and (presented := _presented_topic(question)) and all(
        item.source.key == f"{LIBRARY_PREFIX}{presented}" for item in answering
    ):  # none answering, or only passages of the overview whose signs the case writes ("now shes suddenly confused
        # and seeing things": the delirium overview's passage on hip fracture answered, meaning left it unconfirmed)
        shown = labels_within_signs(
            describing_labels(question, terms), account_stems(question), tuple(clinical_presentations()[presented])
        )
        found = _by_meaning(question, retrieved, terms, weights, retriever, whole, MeaningScope(by_descriptions=True),
                            felt | shown, (presented,), forced=True)
        if found is not None and asks_about_drug(terms) and not _names_beyond_signs(found[1], terms, shown):
            found = None  # a drug asked for a case of signs alone: "spreading erythema of the hand after a cat bite.
            # Which antibiotic?" is no case the cellulitis overview's antibiotics are for (its bite is no term)
        if found is not None:  # the case presents with the signs of one overview's condition, which the words and
            # the meaning of the whole question missed: "84F day 2 post hip fracture fixation, drowsy, inattentive,
            # muddled at night" is the delirium overview's, though its fracture brings osteoporosis first
            overview, passages = found
            overviews[overview.source_id] = passages
            on_topic = on_topic or [overview]
    if overview is None and not answering:
        overview = _subject_of_overview(question, on_topic, weights, terms, whole, unstated, other_age, felt)
    unproposed = (
        _unproposed(question, terms, overview, answering, texts, overviews)
        or _undosed(question, terms, overview, answering, texts, overviews)
        or _untargeted(question, terms, overview, answering, texts, overviews)
        or _unstopped(question, [_own_texts(i, texts, overviews) for i in _answering_sources(overview, answering)])
    )
    set_aside = (  # the source that answered but for what is proposed: the closest source of the partial answer
        next((item.source_id for item in ([overview] if overview else []) + answering), None) if unproposed else None
    )
    if unproposed:  # what the question proposes, no answering source names: at most a partial answer, whose
        # closest source is the one set aside (the PE overview for "a clot on my lung 6 weeks ago, when can I go
        # back to the gym?", not the pneumonia overview that shares "lung")
        overview, answering = None, []
    pool = citable_pool(
        answering,
        overview=overview,
        overview_passages=_laid_out_passages(overview, overviews, whole, retriever),
        min_relative_score=settings.compose.min_relative_score,
        max_sources=settings.compose.max_sources,
    )
    selection = Selection(
        retrieved=retrieved, on_topic=on_topic, overview=overview, pool=pool, terms=terms, answering=answering
    )
    if overview is None and answering and settings.compose.cite_by_model:
        vectors = QuestionVectors.of(retriever.vectors(question, [item.passage_id for item in deeper]), deeper)
        signals = source_signals(deeper, on_topic, answering, weights, terms, vectors)
        cited = cited_sources(signals, limit=model_limit(pool, settings.compose.max_sources))
        selection.pool = cited_pool(answering, pool, cited)
        selection.further = [passage for item in cited.further for passage in item.passages]
        selection.citation_model = cited.model_file
        cited_overview = _sole_cited_overview(selection.pool, selection.further, on_topic, weights)
        if cited_overview is not None:  # the answer rests on one overview's passages alone: it is laid out whole
            overview = selection.overview = cited_overview
            selection.answered_from = selection.pool
            selection.pool = citable_pool(
                answering, overview=overview,
                overview_passages=_laid_out_passages(overview, overviews, whole, retriever),
                min_relative_score=settings.compose.min_relative_score, max_sources=settings.compose.max_sources,
            )
            selection.further, selection.citation_model = [], ""
    if selection.answer_status == ANSWERED:
        selection.unnamed_findings = _unnamed_findings(terms, selection.pool, covered, overviews)
    if selection.answer_status == PARTIAL:
        closest = next((source for source in (age_topic, set_aside) if source is not None), None)
        closest = closest if closest is not None else closest_source(
            on_topic, terms, covered, topic_overview(on_topic, weights)
        )
        if closest not in covered and overviews.get(closest):  # an overview meaning brought, never read for its terms
            covered.update(terms_by_source({closest: _whole_text(overviews[closest])}, terms))
        labels = covered.get(closest, set()) | signs.get(closest, set())
        title = next((heading(e.source) for e in on_topic if e.source_id == closest), "")
        labels = labels - compound_fragments(question, terms, texts.get(closest, ""), labels, title=title)
        shared = labels - {term.label for term in terms if term.kind == "population"}
        if terms and not shared and closest != set_aside:
            selection.on_topic = []  # it shares at most the population ('infants') or half a name: not the topic
            return selection
        passages = overviews.get(closest) if (labels or closest == set_aside) and closest in overviews else None
        passages = passages or [item for item in on_topic if item.source_id == closest]
        uncovered = [term.label for term in terms if term.label not in labels]
        if not uncovered and unstated.get(closest):  # every term named, the drug never for the condition
            uncovered = list(dict.fromkeys(pair.asked.label for pair in unstated[closest]))
            labels = {term.label for pair in unstated[closest] for term in pair.condition}
        if not uncovered and not unproposed:  # every term named: the occasion asked about may be what is not
            uncovered = unnamed_occasions(question, [item.text for item in passages],
                                          lay_equivalents(question, naming=True))
        if passages:  # the complaint another overview's signs or a body part say it is not the closest's
            elsewhere = _complaint_elsewhere(question, terms, passages[0], whole, retriever)
            uncovered = list(dict.fromkeys(elsewhere + [word for word in uncovered if f"the {word}" not in elsewhere]))
        selection.pool = partial_pool(passages, terms, labels)
        selection.covered_terms = [term.label for term in terms if term.label in labels]
        selection.uncovered_terms = uncovered + [word for word in unproposed if word not in uncovered]
        if closest == age_topic:
            selection.reason = clash_reason(question, selection.pool[0].source.title) if selection.pool else ""
        if not selection.reason and no_overview_on:
            selection.reason = f"No overview here is on {no_overview_on}; the closest names it only in passing."
        if not selection.reason and selection.pool:  # the overview names only other kinds of the question's condition
            selection.reason = kinds_reason(question, selection.pool[0].source.title, [
                item.text for item in whole.get(closest) or overviews.get(closest) or []
            ])
    return selection


def _unnamed_findings(
    terms: list[SpecificTerm], pool: list[Evidence], covered: dict[int, set[str]], overviews: dict[int, list[Evidence]]
) -> list[str]:
    """The labels of a case's findings (compose/case_findings.py) and of its context (the patient's own drugs, a
    negated or bracketed detail: compose/subject.py) that no source of the answer names: they were allowed to go
    unnamed, and the reader is told which ("exertional" for the heart-failure overview's answer on how soon to
    arrange an echo; "warfarin" for the gout overview's answer on a flare in a patient who takes it)."""
    findings = [term for term in terms if term.finding or term.context]
    if not findings:
        return []
    named: set[str] = set()
    for source_id in dict.fromkeys(item.source_id for item in pool):
        if source_id in covered:
            named |= covered[source_id]
        elif overviews.get(source_id):  # an overview meaning brought, never read for its terms
            named |= terms_by_source({source_id: _whole_text(overviews[source_id])}, findings)[source_id]
    return [term.label for term in findings if term.label not in named]


def _whole_text(passages: list[Evidence]) -> str:
    """A source read whole for its terms: its title, then each of its passages."""
    return "\n".join([passages[0].source.title, *(passage.text for passage in passages)])


def _emergency_for_a_calm_question(
    question: str, retrieved: list[Evidence], overview: Evidence, analysis: QuestionAnalysis
) -> bool:
    """True when the words chose an emergency's overview (compose/data/red_flags.yaml ``overview``) for a question
    raising no emergency, while the two passages closest in meaning are another overview's: "I've had sciatica for 8
    weeks and it's not getting better, will I need an operation?" names sciatica, which the cauda equina overview
    names often, yet means the lumbar radiculopathy overview; "LDL target for secondary prevention NICE" means the
    lipid overview, not the stroke overview's secondary prevention (session 36). That overview must then answer by
    meaning (``_by_meaning``), else the emergency's overview stays: "a stent after a heart attack … how long on
    both?" is the coronary overview's."""
    if analysis.red_flags or overview.source.key.removeprefix(LIBRARY_PREFIX) not in {
        flag.overview for flag in load_red_flags()
    }:
        return False
    closest = closest_in_meaning(retrieved)
    return closest is not None and closest.source_id != overview.source_id and closest_two_agree(
        retrieved, closest.source_id
    )


def _emergency_no_overview_is_on(overview: Evidence, analysis: QuestionAnalysis) -> str:
    """The name of an emergency the question raises that no library overview is on (compose/data/red_flags.yaml, no
    ``overview``: meningitis) when the chosen overview's title does not name it, else "": the ear-infection overview,
    naming meningitis among its complications, answered "Meningitis in a 5-year-old, which antibiotic?" with its
    amoxicillin plan (session 40). The urgent notice stays; the answer is at most partial, and says why."""
    title = TermText(overview.source.title)
    return next((
        flag.name for flag in analysis.red_flags
        if flag.overview is None and not any(title.mentions(term) for term in (flag.name, *flag.terms))
    ), "")


def _meaning_overrules(
    question: str,
    terms: list[SpecificTerm],
    retrieved: list[Evidence],
    overview: Evidence,
    retriever: Retriever,
    whole_coverage: dict[int, float],
) -> bool:
    """True when everyday words alone chose the overview (the question has no specific term of its own) and both
    readings of its meaning point to one other overview: the dense search's closest passage
    (select.closest_in_meaning) and the everyday descriptions of the complaints (select.closest_described). "my back
    has been sore for a week, what's the best thing to take?" holds "sore", "week" and "take" of the sore-throat
    overview's bottom line, and means low back pain by both. The other overview must then pass every check of the
    everyday path (``_by_meaning``), else the answer says nothing is found. Not when the overview names every topic
    word of the question and the other does not: "Can I take the pill if I'm 36 and smoke?" means the smoking
    cessation overview to both readings, yet the contraception overview names the pill and smoking (session 38)."""
    if any(not term.context for term in terms):
        return _told_findings_described_elsewhere(question, terms, retrieved, overview, retriever, whole_coverage)
    closest = closest_in_meaning(retrieved)
    if closest is None or closest.source_id == overview.source_id:
        return False
    if whole_coverage.get(overview.source_id, 0.0) >= 1.0 > whole_coverage.get(closest.source_id, 0.0):
        return False
    described = closest_described(retriever.described_matches(question))
    return described is not None and f"{LIBRARY_PREFIX}{described.topic}" == closest.source.key


def _told_findings_described_elsewhere(
    question: str, terms: list[SpecificTerm], retrieved: list[Evidence], overview: Evidence, retriever: Retriever,
    whole_coverage: dict[int, float],
) -> bool:
    """True when an everyday account names nothing but what it feels or notices (told findings, besides the case's
    drugs), the everyday descriptions point to another retrieved overview (select.closest_described) and that
    overview, as a whole, holds more of the question's words: "woke up after sitting cross legged for ages and now my
    foot flops … no back pain at all" shares "foot drop" with the L5 overview's title and passages, yet describes the
    peroneal overview's complaint, whose text holds the leg crossing and the recovery (session 49)."""
    if not terms or any(not (term.context or term.finding and term.told) for term in terms):
        return False
    described = closest_described(retriever.described_matches(question))
    if described is None or f"{LIBRARY_PREFIX}{described.topic}" == overview.source.key:
        return False
    other = next((item for item in retrieved if item.source.key == f"{LIBRARY_PREFIX}{described.topic}"), None)
    return other is not None and whole_coverage.get(other.source_id, 0.0) > whole_coverage.get(overview.source_id, 0.0)


_TREATED_PART = re.compile(r"\bfor (?:his|her|my|their|your|our) (\w+)", re.IGNORECASE)  # "antibiotics for her chest"


def _complaint_elsewhere(
    question: str, terms: list[SpecificTerm], overview: Evidence, whole: dict[int, list[Evidence]],
    retriever: Retriever,
) -> list[str]:
    """What of the question's complaint the overview does not answer when the question names only whom it is about
    and a drug, besides its case's findings: the signs of another overview's condition it writes, or a body part the
    overview never names. "My 3-year-old has a red, swollen patch on her leg. What antibiotic do they give small
    children?" is no question the ear-infection overview's antibiotics for children answer, nor "4 yo child with
    fever, cough and right basal crackles … Which oral antibiotic?" the sore-throat overview's (session 48). A drug
    asked with no one named besides the findings is read for its body parts only. Empty when the question names
    anything else, or lacks the drug asked ("after my knee operation … on rivaroxaban": the knee is no complaint),
    or the overview names the complaint."""
    kinds = {  # a condition asked by name beside the drug ("the antibiotics they give for epididymitis") is what the
        # drug is for, no complaint of its own (session 69)
        term.kind for term in terms
        if not term.finding and not (term.asked and term.kind in ("term", "word") and any(
            other.kind == "drug" and other.asked for other in terms))
    }
    drug_alone = kinds == {"drug"} and all(not term.context for term in terms if term.kind == "drug")
    if not (kinds == {"population", "drug"} or drug_alone) or overview.source.kind is not Kind.EDITORIAL_SUMMARY:
        return []  # an ingested source has no library topic whose signs to tell apart
    presented = _presented_topic(question)
    if not drug_alone and presented is not None and presented != _topic_of(overview):
        return written_signs(account_stems(question), tuple(clinical_presentations()[presented]))
    if not body_parts(question):
        return []
    passages = whole.get(overview.source_id) or retriever.whole_source(overview.source_id)
    texts = [heading(overview.source), *(passage.text for passage in passages)]
    unnamed = unnamed_body_parts(question, texts, lay_equivalents(question, naming=True))
    if drug_alone:  # a drug asked with no one named (session 54: "my 17 yr old son had puffy swollen cheeks … now
        # one of his testicles is swollen and really sore, does he need antibiotics" is no sore throat's); the part
        # an earlier medicine was for is history ("c diff after antibiotics for her chest")
        earlier = {match.group(1).lower() for match in _TREATED_PART.finditer(question)}
        unnamed = [part for part in unnamed if part not in earlier]
    return [f"the {part}" for part in unnamed]  # one word each (described.body_parts), named as the notice reads:
    # "No source here addresses the leg"


def _without_complaints_elsewhere(
    question: str, terms: list[SpecificTerm], answering: list[Evidence], whole: dict[int, list[Evidence]],
    retriever: Retriever,
) -> list[Evidence]:
    """``answering`` without the library overviews whose answer misses the complaint (``_complaint_elsewhere``)."""
    missing: dict[int, bool] = {}
    for item in answering:
        if item.source.kind is Kind.EDITORIAL_SUMMARY and item.source_id not in missing:
            missing[item.source_id] = bool(_complaint_elsewhere(question, terms, item, whole, retriever))
    return [item for item in answering if not missing.get(item.source_id, False)]


def _overviews_read_whole(items: list[Evidence], whole: dict[int, list[Evidence]]) -> dict[int, list[Evidence]]:
    """Each library overview among ``items`` with its passages read whole, in their order."""
    return {
        item.source_id: whole[item.source_id]
        for item in items
        if item.source.kind is Kind.EDITORIAL_SUMMARY and item.source_id in whole
    }


def _signs_named(
    question: str, terms: list[SpecificTerm], overviews: dict[int, list[Evidence]]
) -> dict[int, set[str]]:
    """For each library overview on topic, the question's describing words its condition presents with
    (library/clinical_presentations.yaml; compose/described.py ``labels_within_signs``); only overviews with some.
    "34F, 2 days of dysuria and frequency, no loin pain. Which antibiotic and how many days?" is answered by the
    urinary tract infection overview, which never writes "dysuria". Only words of the account inside a sign written
    whole, never of the clause that asks, a drug or a population, nor in a case naming a drug, even the patient's own:
    a reviewer's "on cyclophosphamide, dysuria and haematuria" is a drug's harm, not the overview's infection."""
    presentations = clinical_presentations()
    describing = describing_labels(question, terms)
    if not describing:
        return {}
    account = account_stems(question)
    found: dict[int, set[str]] = {}
    for source_id, passages in overviews.items():
        signs = presentations.get(_topic_of(passages[0]), ()) if passages else ()
        if signs and (labels := labels_within_signs(describing, account, signs)):
            found[source_id] = labels
    return found


def _presented_topic(question: str) -> str | None:
    """The one library topic whose signs (library/clinical_presentations.yaml) the question's account writes whole;
    None when it writes none, or signs of more than one."""
    account = account_stems(question)
    topics = [topic for topic, signs in clinical_presentations().items() if written_signs(account, tuple(signs))]
    return topics[0] if len(topics) == 1 else None


def _names_beyond_signs(passages: list[Evidence], terms: list[SpecificTerm], shown: set[str]) -> bool:
    """Whether the overview names a term of the case besides its signs (``shown``) and the drugs asked."""
    texts = [TermText(item.text) for item in passages]
    return any(
        any(text.covers(term) for text in texts) for term in terms if term.label not in shown and term.kind != "drug"
    )


def _topic_of(item: Evidence) -> str:
    """A library overview's topic id ("library:gout" → "gout")."""
    return item.source.key.removeprefix(LIBRARY_PREFIX)


def _signs_written(question: str, overviews: dict[int, list[Evidence]]) -> set[int]:
    """The overviews on topic with a sign of their condition (library/clinical_presentations.yaml) written whole in
    the question's account, whatever its words' terms ("ankle jerk present" holds none)."""
    presentations, account = clinical_presentations(), account_stems(question)
    return {
        source_id for source_id, passages in overviews.items()
        if passages and written_signs(account, presentations.get(_topic_of(passages[0]), ()))
    }


def _presenting_overview(
    overview: Evidence | None,
    on_topic: list[Evidence],
    terms: list[SpecificTerm],
    covered: dict[int, set[str]],
    signs: dict[int, set[str]],
    written: set[int],
    *,
    answering: set[int] | frozenset[int] = frozenset(),
) -> Evidence | None:
    """The other overview in place of the chosen one when the case presents with a sign of that one's condition only
    (``written``; the chosen one's signs none) and it answers the terms as well, its signs' words named
    (``signs``): "woke with a painless foot drop, eversion weak, inversion normal" is the peroneal neuropathy
    overview's, though the title of the L5 radiculopathy overview names foot drop. Never when more than one other
    presents. With none chosen, the one overview the case presents with among those the words found answering
    (``answering``) is laid out (session 60: "woke with a right foot drop … weak dorsiflexion and eversion, normal
    inversion and hip abduction … no back pain" after losing 38 kg was answered by two overviews naming foot drop,
    and neither was laid out); never one the words left partial (a seizure at a stroke's onset, a teenager's
    self-harm beside an adults' overview), nor for a drug asked about: signs say what the condition is, not that the
    drug suits it ("I feel low and tearful, would sertraline help?")."""
    if overview is not None and overview.source_id in written or overview is None and asks_about_drug(terms):
        return overview
    others = [
        source_id for source_id in written
        if (source_id != overview.source_id if overview is not None else source_id in answering)
        and answers_terms(covered.get(source_id, set()) | signs.get(source_id, set()), terms)
    ]
    if len(others) != 1:
        return overview
    return next((item for item in on_topic if item.source_id == others[0]), overview)


def _as_graded(overviews: dict[int, list[Evidence]], question: str) -> dict[int, list[Evidence]]:
    """The overviews' passages without the sentences that grade what the question grades otherwise, in the sentence
    or its section's heading (compose/leads.py ``other_grade``): what the heart-failure overview says of
    sacubitril-valsartan under "Four pillars for HFrEF" does not name it for a question on HFpEF, though the overview
    names both."""
    if not other_grade_asked(question):
        return overviews
    return {
        source_id: [
            item.model_copy(update={"text": " ".join(
                sentence for sentence in split_sentences(item.text)
                if not other_grade(f"{item.section.rsplit('›', 1)[-1]}: {sentence}", question)
            )})
            for item in passages
        ]
        for source_id, passages in overviews.items()
    }


def _unproposed(
    question: str,
    terms: list[SpecificTerm],
    overview: Evidence | None,
    answering: list[Evidence],
    texts: dict[int, str],
    overviews: dict[int, list[Evidence]],
) -> list[str]:
    """The words of what the question proposes ("would a special pillow help?") that neither the overview laid out
    nor any answering source names (compose/described.py ``proposed_words``, ``unnamed_words``); empty when one
    names them all or the question proposes nothing. A long story's plans are its background when what it asks has a
    subject of its own (session 65: "we're meant to be going to spain for my sisters hen do next month … should i be
    changing my levothyroxine dose now?" asks nothing of Spain), unless it asks of an occasion ("before the tooth
    comes out", which the story's dentist plans)."""
    subject_asked = is_long_story(question) and not asks_of_an_occasion(question) and any(
        term.asked and not term.offered and term.kind in ("drug", "term", "word") for term in terms
    )
    words = proposed_words(question, plans=not subject_asked)
    if not words:
        return []
    equivalents = lay_equivalents(question, naming=True)
    sources = _answering_sources(overview, answering)
    missing: list[str] | None = None
    for source_id in sources:
        unnamed = unnamed_words(words, _own_texts(source_id, texts, overviews), equivalents)
        if not unnamed:
            return []
        missing = unnamed if missing is None else [word for word in missing if word in unnamed]
    return sorted(missing or [])


# what the clause that asks would stop doing ("when can i stop using contraception?", "can he come off it?"), never
# what a treatment would stop ("does that stop the attacks?" asks whether it prevents them)
_STOPPING_ASKED = re.compile(
    r"\b(?:stop(?:ping)?\s+(?:using|taking|having|getting|wearing|injecting)|come\s+off|coming\s+off)\b", re.IGNORECASE
)
# how a source says a treatment is stopped
_STOPPING_SAID = re.compile(
    r"\b(?:stop(?:s|ped|ping)?|discontinu\w*|withdr[ae]w\w*|ceas(?:e|ed|es|ing)|taper\w*|drug\s+holidays?"
    r"|come\s+off|coming\s+off|no\s+longer\s+needed)\b",
    re.IGNORECASE,
)


def _unstopped(question: str, sources_texts: list[list[str]]) -> list[str]:
    """["stopping"] when the clause that asks is about stopping a treatment and no answering source (each one's
    ``sources_texts``) ever says when or how one is stopped: "i'm 51 and my periods are all over the place … when
    can i stop using contraception?" was answered from the contraception overview, which never speaks of stopping
    it (session 46)."""
    _describing, asking = split_asking(question)
    if not sources_texts or not _STOPPING_ASKED.search(asking or question):
        return []
    said = any(_STOPPING_SAID.search(text) for own in sources_texts for text in own)
    return [] if said else ["stopping"]


def _own_texts(source_id: int, texts: dict[int, str], overviews: dict[int, list[Evidence]]) -> list[str]:
    """A source's text as the checks of what is asked read it: an overview's passages, else its on-topic text."""
    return [p.text for p in overviews.get(source_id, [])] or [texts.get(source_id, "")]


def _sole_cited_overview(
    pool: list[Evidence], further: list[Evidence], on_topic: list[Evidence], weights: QuestionWeights
) -> Evidence | None:
    """The editorial overview an answer without a laid-out overview cites alone, when it is also the question's topic
    overview and its title names a topic word: the answer already rests on it, and its own layout says it whole
    (session 52: "they found a small clot on my lung and want to send me home on tablets tonight" cited the PE
    overview's passages as findings, never as the PE overview)."""
    sources = {item.source_id for item in pool + further}
    if not pool or len(sources) != 1 or pool[0].source.kind is not Kind.EDITORIAL_SUMMARY:
        return None
    if pool[0].source_id != topic_overview(on_topic, weights) or not names_topic_in_title(pool[0], weights):
        return None
    return pool[0]


def _laid_out_passages(
    overview: Evidence | None, overviews: dict[int, list[Evidence]], whole: dict[int, list[Evidence]],
    retriever: Retriever,
) -> list[Evidence]:
    """Every passage of the overview the article lays out, read whole even when it answered from deeper than the
    overviews read first (session 47: the kidney overview, sixth among the on-topic passages, answered alone
    "Creatinine doubled after starting an ACE inhibitor and a diuretic, what should I do?" and was laid out from no
    passage at all, an empty article)."""
    if overview is None:
        return []
    return overviews.get(overview.source_id) or whole.get(overview.source_id) or retriever.whole_source(
        overview.source_id
    )


def _answering_sources(overview: Evidence | None, answering: list[Evidence]) -> set[int]:
    """The sources an answer rests on: each answering source's and the overview laid out."""
    return {item.source_id for item in answering} | ({overview.source_id} if overview is not None else set())


def _undosed(
    question: str,
    terms: list[SpecificTerm],
    overview: Evidence | None,
    answering: list[Evidence],
    texts: dict[int, str],
    overviews: dict[int, list[Evidence]],
) -> list[str]:
    """The drugs whose dose the question asks (compose/ask.py ``dosed_drugs``) that no answering source states:
    none of its passages names the drug with a dose in one sentence (a number and its unit, compose/ask.py
    ``says_ask``). "what dose of colchicine for a gout flare?" was answered by the gout overview, which advises only "a
    low-dose regimen" (session 37): the answer is partial, and says no source here gives the colchicine dose."""
    drugs = dosed_drugs(question, terms)
    if not drugs:
        return []
    sources = _answering_sources(overview, answering)
    if not sources:
        return []
    if _stated_by_a_source(Ask("dose"), drugs, sources, texts, overviews):
        return []  # one sentence names the drug with a dose: not a passage that doses another drug beside it
    return [f"{drug.label} dose" for drug in drugs]


def _untargeted(
    question: str,
    terms: list[SpecificTerm],
    overview: Evidence | None,
    answering: list[Evidence],
    texts: dict[int, str],
    overviews: dict[int, list[Evidence]],
) -> list[str]:
    """The measure whose target the question asks (the term written right beside "target": "What is the target INR
    for AF?") when no answering source states a target for it in one sentence (a target word and a number, compose/
    ask.py ``says_ask``). The AF overview names INR only as "labile INR": the answer is partial, and says no source
    here gives the INR target, rather than leading with aspirin (session 41)."""
    measures = targeted_terms(question, terms)
    sources = _answering_sources(overview, answering)
    if not measures or not sources or _stated_by_a_source(Ask("target"), measures, sources, texts, overviews):
        return []
    return [f"{term.label} target" for term in measures]


def _stated_by_a_source(
    ask: Ask,
    terms: list[SpecificTerm],
    sources: set[int],
    texts: dict[int, str],
    overviews: dict[int, list[Evidence]],
) -> bool:
    """True when one source has, for every term, a sentence naming it that states what ``ask`` asks (a dose, a
    target)."""
    for source_id in sources:
        passages = [p.text for p in overviews.get(source_id, [])] or [texts.get(source_id, "")]
        stating = [
            TermText(sentence) for text in passages for sentence in split_sentences(text) if says_ask(sentence, ask)
        ]
        if all(any(held.covers(term) for held in stating) for term in terms):
            return True
    return False


@dataclass(frozen=True)
class MeaningScope:
    """Which overviews meaning may lay out when the words laid out none: by the passages' meaning, any or only those
    ``among``; by the everyday descriptions of their complaints (``by_descriptions``), any."""

    anywhere: bool = False
    among: frozenset[int] = frozenset()
    confirming: bool = False  # ``among`` is the one overview the words found answering: meaning only lays it out
    by_descriptions: bool = False  # nothing answers: the descriptions may bring any overview

    @property
    def open(self) -> bool:
        return self.anywhere or self.by_descriptions or bool(self.among)

    def allows(self, source_id: int) -> bool:
        return self.anywhere or source_id in self.among


def _meaning_scope(
    question: str,
    on_topic: list[Evidence],
    answering: list[Evidence],
    terms: list[SpecificTerm],
    covered: dict[int, set[str]],
    felt: set[str],
    whole_coverage: dict[int, float],
) -> MeaningScope:
    """Which overview meaning may lay out when the words laid out none.

    - Any, when the words found nothing on topic and the question names a term of its own, not a feeling: "do I need
      an x-ray?" or "my ears are ringing and buzzing, what helps?" is never answered by whichever overview's
      passages are closest. The everyday descriptions of the overviews' complaints may still bring one then
      (``by_descriptions``): "It stings when I wee and I'm going every half hour" names no term.
    - Only an overview the words found on topic naming every term but the feelings and the patient's own drugs
      (``context``), when nothing answers and the question describes in everyday words: feelings no overview writes
      ("my fingers go tingly at night", on topic by "fingers"), or a body part of its own an overview names by a
      broader part ("the soles of my feet"); or when the overview as a whole holds most of the question's words
      (``OVERVIEW_MATCH``). Or any the descriptions bring: the words' topic is often a neighbour's ("I'm thirsty all
      the time and up at night to pee" is on the prostate overview's topic by "night" and "pee").
    - Only the one overview the words found answering: "my 18 month old keeps pulling at his ear, does he need
      antibiotics?" is answered by the otitis overview's passages and is closest to it in meaning.
    - None when the words left it partial on a term no source names ("my mum is confused after her op, would
      melatonin help?" finds the insomnia overview by "melatonin"), and for a question on the safety of a drug or for
      a population ("is it ok to drink alcohol while on antibiotics?", "I'm pregnant, is it safe to fly?"): no
      closeness in meaning vouches for a pairing. A question on safety naming neither ("I shake every morning until
      I've had a drink, is it safe to just stop?") pairs nothing: the overview still needs to name what it asks; nor
      does one on whether to wait ("I'm pregnant and it stings when I wee, is it ok to wait and see?"): waiting is no
      drug or activity paired with the population, and whether it is safe is the overview's to say."""
    if SAFETY.search(question) and not WAITING.search(question) and any(
        term.kind in ("drug", "population") for term in terms
    ):
        return MeaningScope()
    if not on_topic:
        own = [term for term in terms if not term.context and term.kind != "population" and term.label not in felt]
        return MeaningScope(anywhere=bool(own), by_descriptions=True)
    overviews = {item.source_id for item in on_topic if item.source.kind is Kind.EDITORIAL_SUMMARY}
    if not answering:
        described = bool(felt) or any(
            broader_parts(question, term.label) for term in terms if term.kind in ("term", "word")
        )
        asked = {term.label for term in terms if term.label not in felt and not term.context}
        return MeaningScope(
            among=frozenset(
                i for i in overviews
                if asked <= covered.get(i, set()) and (described or whole_coverage.get(i, 0.0) >= OVERVIEW_MATCH)
            ),
            by_descriptions=True,
        )
    sources = {item.source_id for item in answering}
    if len(sources) == 1 and sources <= overviews:
        return MeaningScope(among=frozenset(sources), confirming=True)
    return MeaningScope()


def _subject_of_overview(
    question: str,
    on_topic: list[Evidence],
    weights: QuestionWeights,
    terms: list[SpecificTerm],
    whole: dict[int, list[Evidence]],
    unstated: dict[int, object],
    other_age: set[int],
    felt: set[str],
) -> Evidence | None:
    """The topic overview, when neither the words nor the meaning found an answer and the question's one term, a drug
    or a technical word but not a feeling (``felt``: "bad period pains" is no subject of the ectopic pregnancy
    overview, which names pain often), is named in two passages or more of its whole text: a subject of the
    overview, though only one of its passages was retrieved ("CRB-65 of 2 in general practice: home or hospital?",
    "on alendronate for 5 years: does she have to stay on it for life?"); the dementia overview names Parkinson
    disease once, in passing. Tried first, it took the questions meaning sends elsewhere (sciatica with numbness
    when wiping is the cauda equina overview's, not the lumbar radiculopathy overview's that names sciatica often).
    Never for a drug the question proposes (compose/described.py ``proposes_drug``): the stroke overview names
    aspirin often, but its aspirin is for a suspected TIA, not "should I give him an aspirin before the ambulance
    comes?"; the insomnia overview names melatonin often, but "my mum is confused after her op, would melatonin
    help?" is not on sleep."""
    first = topic_overview(on_topic, weights)
    if first is None or unstated.get(first) or first in other_age:
        return None
    if any(item.source_id == first and other_kind(item.source.title, weights.qualified) for item in on_topic):
        return None
    asked = [term for term in terms if not term.context]
    if len(asked) != 1 or asked[0].kind == "population" or asked[0].label in felt:
        return None
    if asked[0].kind == "drug" and proposes_drug(question, terms):
        return None
    passages = whole.get(first, [])
    if unnamed_occasions(question, [item.text for item in passages], lay_equivalents(question, naming=True)):
        return None  # the occasion the question turns on ("need a tooth out") is no subject of the overview
    if asked[0].kind == "drug" and _interacting_unnamed(terms, passages):
        return None  # nor a drug asked for beside the patient's own that interacts (session 60: "I'm on tramadol
        # for my back and my gp wants to start me on sertraline for anxiety. Is that ok?" was the anxiety overview's)
    named = sum(TermText(item.text).covers(asked[0]) for item in passages)
    return next((item for item in on_topic if item.source_id == first), None) if named >= MIN_NAMING_PASSAGES else None


def _interacting_unnamed(terms: list[SpecificTerm], passages: list[Evidence]) -> bool:
    """True when a drug of the patient's own that interacts with the drug asked for (terms.interacting_own_drugs)
    goes unnamed by the overview's passages, as terms.answers_terms requires."""
    own = interacting_own_drugs(terms)
    prepared = [TermText(item.text) for item in passages] if own else []
    return any(not any(text.covers(term) for text in prepared) for term in own)


def _by_meaning(
    question: str,
    retrieved: list[Evidence],
    terms: list[SpecificTerm],
    weights: QuestionWeights,
    retriever: Retriever,
    whole: dict[int, list[Evidence]],
    scope: MeaningScope,
    felt: set[str],
    emergencies: tuple[str, ...] = (),
    *,
    forced: bool = False,
) -> tuple[Evidence, list[Evidence]] | None:
    """The overview closest in meaning to a question in everyday words, with its passages, when ``scope`` allows it,
    its whole text names the question's specific terms and, for a drug asked about, its passages are the two closest
    (select.closest_in_meaning, select.everyday_overview). The ``felt`` words (what the patient feels: "tingly") need
    not be named, but then the two closest passages must be the overview's. Unless a drug is asked about (its name
    and the agreement of the closest passages decide), it must name the body parts the question speaks of and,
    unless the words found it answering, the topic words of the clause that asks (compose/described.py). Never an
    overview naming the drug and the condition but not the one for the other, nor one for another age group: a
    child's question needs a children's overview (or one for all ages naming children) and only a child's question
    gets one ("my ear aches when I fly" is not about the otitis media overview's children). The overview found by
    its everyday descriptions, or found by its passages and put first by them, is checked on its own text, but for
    what the question describes: a word of its describing part that a description line names without negation may
    go unnamed like a feeling ("I'm always thirsty, peeing loads"; compose/described.py ``described_labels``); a
    body part, a drug, a population and what the question asks must be the overview's own ("I'm pregnant and my calf
    is swollen" is a description of the deep vein thrombosis overview, which names pregnancy once, in passing). When
    the overview closest in meaning fails these checks, the one its descriptions find is checked next."""
    found = (
        _emergency_overview(emergencies[0], retriever, whole) if forced
        else _closest_overview(question, retrieved, retriever, whole, scope, terms, emergencies)
    )
    if found is None:
        return None
    topic = found[0].source.key.removeprefix(LIBRARY_PREFIX)
    if emergencies and not forced and topic not in emergencies and topic not in assessing_overviews(emergencies):
        # an emergency described in everyday words is answered from its own overview or from none, never a calm
        # neighbour's: "my 4 year old has a temperature and is very sleepy and floppy" raises sepsis, whose overview
        # is for adults; the ear-infection overview close in meaning is no answer (session 36); an overview on
        # assessing its complaint may answer too ("crushing tight pain in her chest yesterday … 18 hours … seen
        # today or wait for the GP?" is chest pain evaluation's, the heart attack's red flag raised). The one
        # emergency's own overview is checked instead of the neighbour: "woke up unable to move his arm, speech all
        # slurred … the clot-busting drug depending on an MRI scan" met the VTE prevention lines on hospital clots
        if len(emergencies) != 1:
            return None
        found = _emergency_overview(emergencies[0], retriever, whole)
        if found is None:
            return None
    checked = _meaning_checked(question, found, retrieved, terms, weights, retriever, scope, felt)
    found_by_descriptions = found[3]
    if checked is None and not forced and not found_by_descriptions and scope.by_descriptions:
        # the passages' closest overview fails its checks: the one the descriptions find instead, if another, is
        # tried ("my 84 yr old mum has an irregular heartbeat and keeps falling over … blood thinners": the falls
        # overview is closest in meaning, the atrial fibrillation overview's lines describe it), and the same
        # overview closest in meaning to "my legs are numb and tingly in both feet", its closest passages not
        # agreeing, is checked again when its descriptions agree on it (session 36)
        other = _closest_overview(question, retrieved, retriever, whole, scope, terms, emergencies, by_passages=False)
        if other is not None and (other[0].source_id != found[0].source_id or other[2] and not found[2]):
            checked = _meaning_checked(question, other, retrieved, terms, weights, retriever, scope, felt)
    return checked


def _meaning_checked(
    question: str,
    found: tuple[Evidence, list[Evidence], bool, bool],
    retrieved: list[Evidence],
    terms: list[SpecificTerm],
    weights: QuestionWeights,
    retriever: Retriever,
    scope: MeaningScope,
    felt: set[str],
) -> tuple[Evidence, list[Evidence]] | None:
    """The overview ``_closest_overview`` found, with its passages, when it passes the checks of ``_by_meaning``."""
    closest, passages, agree, by_descriptions = found
    kinds = qualified_kinds(question)
    if other_kind(closest.source.title, kinds) or names_other_kinds_only([item.text for item in passages], kinds):
        return None  # the type 2 diabetes overview is no answer on type 1 diabetes, however close in meaning; nor is
        # one that speaks of type 2 only (the hypertension overview for "what blood pressure target in type 1?")
    if on_a_denied_condition(closest, weights):
        return None  # nor the gout overview for a man who "has never had gout" (session 58)
    if by_descriptions and proposes_drug(question, terms):  # the descriptions say what the complaint is, never
        agree = closest_two_agree(retrieved, closest.source_id)  # that the drug asked for is given for it: "his face
        # has dropped, should I give him an aspirin before the ambulance comes?" met the stroke overview's aspirin for
        # a suspected TIA
    texts = [heading(closest.source), *(p.text for p in passages)]  # its own words, and once each the headings of
    # its sections: a term heading a section is a subject of the overview ("will injections help?" beside the
    # osteoarthritis overview's "Management › Injections", session 36), as in select.section_answers
    texts += list(dict.fromkeys(p.section for p in passages if p.section))
    confirmed = by_descriptions or described_first(retriever.described_matches(question), closest.source.key)
    lines = retriever.descriptions_of(closest.source.key) if confirmed else ()  # the passages' overview, its
    # descriptions agreeing, reads them too: "my throat is killing me and my glands are up" (its lines: "glands up")
    felt = felt | described_labels(question, terms, lines)
    unfelt = [term for term in terms if term.label not in felt]
    if not passages or not everyday_overview(unfelt, texts, agree=agree, described=confirmed) or felt and not agree:
        return None
    equivalents = lay_equivalents(question, naming=True)
    drug_asked = asks_about_drug(terms)
    if not drug_asked and (
        unnamed_body_parts(question, texts, equivalents)
        or not scope.confirming and unnamed_asking_words(question, texts, equivalents)
    ):
        return None
    if drug_asked and unnamed_occasion_words(question, texts, equivalents):
        return None  # the drug's overview must speak of the occasion it is asked about for
    if not confirmed and all(term.kind == "population" for term in terms) and account_unnamed(
        question, texts, equivalents
    ):
        return None  # close in meaning only by whom the account is about, its descriptions not agreeing
    group = group_of_title(closest.source.title)
    for_all_ages = group is None and any(  # the overview names the child's group, checked above (everyday_overview)
        term.kind == "population" and set(term.forms) & set(YOUNG_FORMS) for term in unfelt
    )
    if young_patient(question) != (group == CHILD) and not for_all_ages or other_group(question, closest.source.title) \
            or other_sex(question, closest.source.title):
        return None  # a child's question needs a children's overview or one for all ages that speaks of children
        # (anaphylaxis: "what strength epipen should our 8 year old carry?"), and only a child's question has one;
        # an adolescent's is not answered by an adults' overview
    if group is None and group_of_question(question) == TEEN and not speaks_of_the_young(texts):
        return None  # nor by one whose title states no group but that never speaks of the young: the alcohol
        # overview screens adults, not "our son is 16 and drinking heavily most weekends" (session 29)
    unstated, _ = _set_apart(question, terms, [closest], {closest.source_id: passages})  # its age: checked above
    if unstated.get(closest.source_id):
        return None
    return closest, passages


DESCRIPTIONS_OVERRULE = 4.0  # the description model's probability for another overview, as a multiple of the
# passages' closest overview's, at which the descriptions decide (session 49)


def _descriptions_overrule(matches: list[DescribedMatch], closest: Evidence) -> bool:
    """True when the everyday descriptions bring another overview (select.closest_described) that the description
    model clearly prefers to the passages' closest one: "after losing a lot of weight my foot started slapping when I
    walk … I cross my legs a lot" is closest to the L5 overview's foot-drop passages (0.44), yet its lines describe
    peroneal palsy (probability 0.86 against 0.06)."""
    described = closest_described(matches)
    if described is None or f"{LIBRARY_PREFIX}{described.topic}" == closest.source.key:
        return False
    own = next((match.probability for match in matches if f"{LIBRARY_PREFIX}{match.topic}" == closest.source.key), 0.0)
    return described.probability >= max(DESCRIBED_PROBABILITY, DESCRIPTIONS_OVERRULE * own)  # never a faint model


def _closest_overview(
    question: str,
    retrieved: list[Evidence],
    retriever: Retriever,
    whole: dict[int, list[Evidence]],
    scope: MeaningScope,
    terms: list[SpecificTerm],
    emergencies: tuple[str, ...] = (),
    *,
    by_passages: bool = True,
) -> tuple[Evidence, list[Evidence], bool, bool] | None:
    """The overview closest in meaning that ``scope`` allows, its passages, whether the meaning agrees on it, and
    whether its everyday descriptions found it: by its passages (select.closest_in_meaning; agreed when its two
    closest passages are the overview's), else by the everyday descriptions of its complaint
    (select.closest_described; agreed: three lines alike, clearly ahead): "my wee stings and I keep going" is far
    from every clinical passage. Where the descriptions may bring an overview (``scope.by_descriptions``: nothing
    answers), the passages' closest one is also taken when the descriptions put it first (select.described_first):
    "my blood pressure was 152/95, do I need tablets?" names no term, and both point to hypertension. Either way the
    complaint, not the population, must bring it (``_complaint_decides``). When the passages of several overviews
    are nearly as close and no description decides, the only one naming the question's body parts or technical terms
    (``_naming_the_body_part``), else the one its account describes (``_described_among_near``), is taken. Without
    ``by_passages``, only the descriptions are read."""
    closest = closest_in_meaning(retrieved) if by_passages else None
    matches = retriever.described_matches(question) if scope.by_descriptions else []

    def allowed(item: Evidence) -> bool:
        return scope.allows(item.source_id) or scope.by_descriptions and described_first(
            matches, item.source.key
        ) and _complaint_decides(question, terms, item.source.key.removeprefix(LIBRARY_PREFIX), retriever)

    if closest is not None and allowed(closest) and not _descriptions_overrule(matches, closest):
        passages = whole.get(closest.source_id) or retriever.whole_source(closest.source_id)
        agree = closest_two_agree(retrieved, closest.source_id) or _account_describes(
            question, retriever
        ) == closest.source.key  # its two closest passages, or its account's descriptions, agree on it
        return closest, passages, agree, False
    described = closest_described(matches) or (
        _described_by_its_account(question, retriever)
        if scope.by_descriptions and not proposes_drug(question, terms) else None
    )
    by_part = (
        _naming_the_body_part(question, retrieved, terms, retriever, whole)
        if by_passages and closest is None and described is None else None
    )
    by_account = (
        _described_among_near(question, retrieved, retriever)
        if by_passages and closest is None and described is None and by_part is None else None
    )
    if described is not None and _complaint_decides(question, terms, described.topic, retriever):
        topic = described.topic
    elif by_part is not None and allowed(by_part):
        passages = whole.get(by_part.source_id) or retriever.whole_source(by_part.source_id)
        agree = closest_two_agree(retrieved, by_part.source_id) or described_first(matches, by_part.source.key) or (
            not body_parts(question) and not asks_about_drug(terms)
        )  # agreed when the everyday descriptions put it first too, or when it alone names the question's terms and
        # no drug is asked about: "a bus driver … add gliclazide to my metformin" is answered by no overview naming
        # both drugs (everyday_overview)
        return by_part, passages, agree, False
    elif by_account is not None and (scope.allows(by_account.source_id) or scope.by_descriptions and _complaint_decides(
        question, terms, by_account.source.key.removeprefix(LIBRARY_PREFIX), retriever
    )):  # its account's descriptions put it first, as the whole question's may (``allowed``)
        passages = whole.get(by_account.source_id) or retriever.whole_source(by_account.source_id)
        return by_account, passages, True, False  # its account's descriptions agree on it
    elif scope.by_descriptions and len(emergencies) == 1:
        return _emergency_overview(emergencies[0], retriever, whole)  # the one emergency its everyday words
        # describe (compose/red_flags.py): "lips and tongue swelled up after a nut and he went floppy" is the
        # anaphylaxis overview's, however far its descriptions
    else:
        return None
    source_id = retriever.source_id_of(f"{LIBRARY_PREFIX}{topic}")
    if source_id is None:
        return None
    passages = whole.get(source_id) or retriever.whole_source(source_id)
    return (passages[0], passages, True, True) if passages else None  # three lines alike, clearly ahead: agreed


MIN_DECIDING_TERMS = 2  # without a body part, the question's technical terms (no everyday word, no population) that
# the only near overview naming all of its terms must name ("couldn't catch my breath … blue inhaler … nebulisers
# and steroid tablets": asthma, not COPD)


def _naming_the_body_part(
    question: str,
    retrieved: list[Evidence],
    terms: list[SpecificTerm],
    retriever: Retriever,
    whole: dict[int, list[Evidence]],
) -> Evidence | None:
    """When neither the passages nor the everyday descriptions set one overview apart: of the overviews nearly as
    close in meaning as the closest (select.near_in_meaning), the closest passage of the only one whose text names
    every body part the question speaks of, and every term of the question but the patient's own drugs: "red hot
    swollen lower leg, oral antibiotics or IV?" is as close to the sore-throat overview's antibiotic lines as to
    cellulitis's, which alone names a leg; "cranberry capsules to stop my bladder infections coming back" is not
    the UTI overview's, which never names cranberry. A question speaking of no body part is decided so by its
    technical terms (``MIN_DECIDING_TERMS``), and the overview must name the case's own too: "a lorry driver …
    gliclazide to my metformin" is no question the diabetes overview, naming both drugs, answers (session 73)."""
    near = near_in_meaning(retrieved)
    by_terms = not body_parts(question)
    deciding = [term for term in terms if not term.context and term.kind not in ("word", "population")]
    if len(near) < 2 or by_terms and len(deciding) < MIN_DECIDING_TERMS:
        return None

    def names_all(item: Evidence) -> bool:
        passages = whole.get(item.source_id) or retriever.whole_source(item.source_id)
        texts = [heading(item.source), *(passage.text for passage in passages)]
        prepared = [TermText(text) for text in texts]
        return not unnamed_body_parts(question, texts) and all(
            any(text.covers(term) for text in prepared) for term in terms if by_terms or not term.context
        )

    naming = [item for item in near if names_all(item)]
    return naming[0] if len(naming) == 1 else None


MIN_ACCOUNT_WORDS = 4  # a describing part this long says enough of the complaint to be matched on its own


MIN_AGREEING_ACCOUNT_WORDS = 10  # an account this long tells more than a feeling (``_account_describes``)


def _described_among_near(question: str, retrieved: list[Evidence], retriever: Retriever) -> Evidence | None:
    """When the passages of several overviews are nearly as close in meaning (select.near_in_meaning): the closest
    passage of the one the question's account describes (``_account_describes``): "started sertraline 10 days ago
    because I've been feeling flat and not enjoying anything … how long should I give it?" is as close to the anxiety
    overview's review interval as to the depression overview's, and its account is a description of depression's
    (0.44, the anxiety lines 0.38). The overview must still pass every check of ``_by_meaning``."""
    near = near_in_meaning(retrieved)
    if len(near) < 2:
        return None
    described = _account_describes(question, retriever)  # the account read once, whichever overview it is
    return next((item for item in near if item.source.key == described), None)


def _account_describes(question: str, retriever: Retriever) -> str | None:
    """The source key of the overview the question's describing part alone puts first by its everyday descriptions
    (select.described_first), clearly ahead (``DESCRIBED_MARGIN``) of every other overview's lines, or None: the
    account agrees on the overview its passages found, as two closest passages do (select.closest_two_agree). Only an
    account of ``MIN_AGREEING_ACCOUNT_WORDS``: "I feel low and tearful, would sertraline help?" tells a feeling, no
    complaint that a drug is asked for (tests/compose/test_by_meaning.py)."""
    describing, asking = split_asking(question)
    if not asking or len(describing.split()) < MIN_AGREEING_ACCOUNT_WORDS:
        return None
    matches = retriever.described_matches(describing)
    inside = [match for match in matches if not match.outside]
    if not inside or len(inside) > 1 and inside[0].score - inside[1].score < DESCRIBED_MARGIN:
        return None  # the account is as like another overview's lines: it decides nothing ("couldn't catch my
        # breath … nebulisers … steroid tablets": anaphylaxis 0.476, pneumonia 0.474)
    key = f"{LIBRARY_PREFIX}{inside[0].topic}"
    return key if described_first(matches, key) else None


def _described_by_its_account(question: str, retriever: Retriever) -> DescribedMatch | None:
    """The overview the question's describing part alone is a description of (select.closest_described), when the
    whole question is not clearly one: what is asked pulls the whole away from every complaint ("I'm 64 and up 3-4
    times a night to wee, and the flow is really weak. what tablets can help with this?" is the prostate lines' at
    the description model's probability 0.30, its account alone at 0.66). The overview must still pass every check
    of answer._by_meaning on the whole question. Never for a drug the asking clause proposes (``_closest_overview``):
    a reviewer's "his face has dropped and his speech is slurred, should I give him an aspirin before the ambulance
    comes?" reached the stroke overview, whose "aspirin at once" is for a suspected TIA."""
    describing, asking = split_asking(question)
    if not asking or len(describing.split()) < MIN_ACCOUNT_WORDS:
        return None
    return closest_described(retriever.described_matches(describing))


def _emergency_overview(
    topic: str, retriever: Retriever, whole: dict[int, list[Evidence]]
) -> tuple[Evidence, list[Evidence], bool, bool] | None:
    """The library overview on an emergency the question describes, as _closest_overview gives one (agreed, by its
    descriptions), for _by_meaning's checks."""
    source_id = retriever.source_id_of(f"{LIBRARY_PREFIX}{topic}")
    passages = (whole.get(source_id) or retriever.whole_source(source_id)) if source_id is not None else []
    return (passages[0], passages, True, True) if passages else None


def _complaint_decides(question: str, terms: list[SpecificTerm], topic: str, retriever: Retriever) -> bool:
    """True when the question, read without its population words ("pregnant", "my baby"), still has the overview
    among the closest by their descriptions (select.complaint_keeps): the complaint, not who has it, brings the
    overview. "I'm pregnant and feel on edge and worried all the time" is close to the ectopic pregnancy lines by
    "I'm pregnant", and far from them without it; "I'm pregnant and have a bad headache and see flashing lights"
    keeps hypertension in pregnancy second to migraine."""
    plain = without_population(question, terms)
    return plain == question or complaint_keeps(retriever.described_matches(plain), topic)


def _set_apart(
    question: str, terms: list[SpecificTerm], on_topic: list[Evidence], whole: dict[int, list[Evidence]]
) -> tuple[dict[int, list[AskedPair]], set[int]]:
    """The on-topic overviews that name the question's terms yet do not answer it: overview → the asked (drug,
    condition) pairs it never states together (compose/together.py), and those written for another age group than
    the question's (compose/age_groups.py) or naming only other kinds of its condition (``names_other_kinds_only``)."""
    felt = felt_labels(question, terms)  # a feeling is not what a statement on the population must name: "32 weeks
    # pregnant, my hands go numb and tingly at night" is answered by "carpal tunnel syndrome in pregnancy…"
    pairs, populations = asked_pairs(question, terms), population_pairs([t for t in terms if t.label not in felt])
    unstated, other_age = {}, set()  # other_age: another age group, or other kinds of the condition only
    kinds = qualified_kinds(question)
    for source_id in dict.fromkeys(item.source_id for item in on_topic if item.source.kind is Kind.EDITORIAL_SUMMARY):
        passages = whole.get(source_id) or [item for item in on_topic if item.source_id == source_id]
        source = passages[0].source
        if pairs or populations:
            unstated[source_id] = unstated_pairs(
                pairs, title=heading(source), passages=[(p.section, p.text) for p in passages], populations=populations
            )
        if other_group(question, source.title) or names_other_kinds_only([p.text for p in passages], kinds):
            other_age.add(source_id)
    return unstated, other_age


@dataclass(frozen=True)
class QuestionMeaning:
    """The question's and sentences' vectors, as the lead model reads them (compose/leads.py SentenceMeaning)."""

    retriever: Retriever
    question: str

    def vectors(self, passage_ids: list[int]) -> tuple[np.ndarray, np.ndarray] | None:
        return self.retriever.vectors(self.question, passage_ids)

    def sentence_vectors(self, texts: list[str]) -> np.ndarray | None:
        return self.retriever.sentence_vectors(texts)


def run_pipeline(
    question: str,
    *,
    retriever: Retriever,
    settings: Settings,
    filters: Filters | None = None,
    audience: str = "clinician",
    on_text: Callable[[str], None] | None = None,
) -> AnswerSession:
    """Carry ``question`` through every step; the session keeps what each step found (for storage and debugging)."""
    session = AnswerSession(validate_question(question, audience=audience), filters=filters, audience=audience)
    tick = time.perf_counter()
    session.analysis = analyse_question(session.question)
    session.timings_ms["analyse"] = _ms(tick)

    tick = time.perf_counter()
    session.selection = select_evidence(session, retriever=retriever, settings=settings)
    session.timings_ms["retrieve"] = _ms(tick)

    session.article = compose_article(
        session.analysis,
        session.selection,
        settings=settings,
        index_version=retriever.index_version,
        retrieval_models=retriever.models,
        on_text=on_text,
        timings=session.timings_ms,
        meaning=QuestionMeaning(retriever, session.question),
    )
    if retriever.degraded:
        session.article.provenance.notes.append(retriever.degraded)
    _emergency_reading_first(session.article, retriever)
    # adaptation comes after composition, so evidence and citations are the same for every audience
    passages = {item.passage_id: item.text for item in [*session.selection.retrieved, *session.selection.pool]}
    session.article = adapt_article(session.article, audience, passages=passages)
    return session


def _emergency_reading_first(article: Article, retriever: Retriever) -> None:
    """An article that raises an urgent notice without answering the question offers the emergency's own overview
    first among its further reading ("everyone would be better off without her": the suicide-risk overview, not
    whatever shares the most words)."""
    if article.answer_status == ANSWERED:
        return
    keys = [f"{LIBRARY_PREFIX}{flag.overview}" for flag in flags_in(article.urgent_notice) if flag.overview]
    first = []
    for key in dict.fromkeys(keys):
        source_id = retriever.source_id_of(key)
        passages = retriever.whole_source(source_id) if source_id is not None else []
        if passages:
            source = passages[0].source
            first.append(RelatedArticle(title=source.title, kind=source.kind.value, source_key=key))
    if first:
        shown = {item.source_key for item in first}
        rest = [item for item in article.related_articles if item.source_key not in shown]
        article.related_articles = (first + rest)[: max(len(article.related_articles), len(first))]


def answer_question(
    question: str,
    *,
    retriever: Retriever,
    settings: Settings,
    filters: Filters | None = None,
    audience: str = "clinician",
    on_text: Callable[[str], None] | None = None,
) -> Article:
    """The cited article for ``question``. Raises QuestionError for an empty or over-long question."""
    return run_pipeline(
        question, retriever=retriever, settings=settings, filters=filters, audience=audience, on_text=on_text
    ).article


def overview_article(source_id: int, *, retriever: Retriever, settings: Settings) -> Article:
    """A packaged overview laid out as an article of its own (the library's articles), extractive always."""
    passages = retriever.whole_source(source_id)
    if not passages:
        raise ValueError(f"source {source_id} has no passages")
    overview = passages[0]
    analysis = analyse_question(overview.source.title)
    analysis.question_type = "overview"
    selection = Selection(retrieved=passages, on_topic=passages, overview=overview, pool=passages)
    extractive = settings.model_copy(deep=True)
    extractive.compose.composer = "extractive"
    extractive.compose.max_sentences = max(settings.compose.max_sentences, 200)
    return compose_article(
        analysis, selection, settings=extractive, index_version=retriever.index_version, retrieval_models=retriever.models
    )


def _ms(tick: float) -> float:
    return round((time.perf_counter() - tick) * 1000, 1)
