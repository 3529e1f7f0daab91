"""A word spelt the American way names the overview's British spelling (compose/terms.py ``other_spellings``,
``spellings_of``; the pairs in retrieve/data/synonyms.tsv): "How is hyperkalemia treated?" is the hyperkalaemia
overview's, as "How is hyperkalaemia treated?" is."""

import pytest

from medora.compose.select import QuestionWeights, covered_words
from medora.compose.terms import other_spellings, spellings_of, stem
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def test_only_the_same_word_spelt_otherwise_counts():
    assert other_spellings(stem("hyperkalemia")) == {stem("hyperkalaemia")}
    assert spellings_of("Anemia") == ("anaemia",)
    assert not other_spellings(stem("fainting"))  # "fainting | syncope": a synonym, not a spelling
    assert not spellings_of("tumor")  # "tumour | tumor" differs by more than "ae"/"oe"


def test_a_passage_spelling_it_the_british_way_holds_the_question_s_word():
    weights = QuestionWeights({stem("hyperkalemia"): 6.0})
    assert covered_words("Hyperkalaemia is graded as mild, moderate or severe.", weights) == {stem("hyperkalemia")}


@pytest.mark.parametrize(
    "question",
    ["How is hyperkalemia treated?", "How is hyperkalaemia treated?", "Hyperkalemia with peaked T waves: what first?"],
)
def test_the_american_spelling_is_answered_by_the_british_overview(library_workspace: Workspace, question: str):
    assert status_and_first_source(library_workspace, question) == ("answered", "library:hyperkalaemia")
