"""The overview a case presents with (answer._presenting_overview): in place of another chosen by its words, or when
none was chosen, the one overview whose condition's signs the case writes and whose text answers its terms."""

from medora.answer import _presenting_overview
from medora.compose.terms import specific_terms
from medora.types import Kind
from tests.compose.citation_cases import study

QUESTION = "Woke with a foot drop, eversion weak, normal inversion, no back pain. First management?"
L5, PERONEAL = 10, 20


def _overview(source_id: int):
    return study(source_id, "foot drop", source_id=source_id, kind=Kind.EDITORIAL_SUMMARY, title=f"Overview {source_id}")


def _chosen(overview, written: set[int], answering: frozenset[int] = frozenset({L5, PERONEAL})):
    terms = specific_terms(QUESTION)
    covered = {L5: {term.label for term in terms}, PERONEAL: {term.label for term in terms}}
    on_topic = [_overview(L5), _overview(PERONEAL)]
    return _presenting_overview(overview, on_topic, terms, covered, {}, written, answering=answering)


def test_the_overview_the_case_presents_with_replaces_the_chosen_one_and_stands_when_none_was_chosen():
    assert _chosen(_overview(L5), {PERONEAL}).source_id == PERONEAL
    # session 60: with none chosen by the words, the one overview presenting is laid out
    assert _chosen(None, {PERONEAL}).source_id == PERONEAL


def test_no_overview_is_taken_when_none_or_two_present_or_the_words_left_it_partial():
    assert _chosen(None, set()) is None
    assert _chosen(None, {PERONEAL}, answering=frozenset({L5})) is None
    assert _chosen(None, {L5, PERONEAL}) is None
    assert _chosen(_overview(L5), {L5, PERONEAL}).source_id == L5


def test_with_none_chosen_a_drug_asked_about_is_not_answered_by_the_signs():
    terms = specific_terms("Woke with a foot drop, normal inversion, no back pain. Would gabapentin help?")
    on_topic = [_overview(L5), _overview(PERONEAL)]
    covered = {PERONEAL: {term.label for term in terms}}
    assert _presenting_overview(None, on_topic, terms, covered, {}, {PERONEAL}, answering={PERONEAL}) is None
