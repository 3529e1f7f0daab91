"""Conditions a question names in common words become terms a source must name (compose/conditions.py)."""

from medora.compose.conditions import condition_terms
from medora.compose.terms import answers_terms, covered_terms, specific_terms


def test_a_condition_in_common_words_is_a_term_beside_the_drug():
    """Session 26's hand check: only ibuprofen was left, and the sore-throat overview's analgesia line answered."""
    terms = specific_terms("Dad has heart failure and his knees are really sore. Can he take ibuprofen for them?")
    assert {t.label for t in terms} == {"ibuprofen", "heart failure"}
    sore_throat_line = "Paracetamol or ibuprofen relieves pain and fever, and some medicated lozenges may help."
    assert not answers_terms(covered_terms(sore_throat_line, terms), terms)
    nsaid_line = "Non-steroidal anti-inflammatory drugs can worsen heart failure and should be avoided."
    assert answers_terms(covered_terms(nsaid_line, terms), terms)


def test_a_condition_is_named_by_its_mesh_name_and_never_by_one_shared_word():
    (clot,) = condition_terms("I have a blood clot in my leg, can I fly?", [])
    assert clot.label == "blood clot" and "thrombosis" in clot.forms
    assert [t.label for t in condition_terms("Dad has heart failure", [])] == ["heart failure"]
    assert "cardiac" not in specific_terms("Dad has heart failure")[0].forms  # "heart" alone is cardiac, not this


def test_a_condition_another_term_holds_and_a_word_that_only_says_something_is_wrong_add_nothing():
    graves = specific_terms("42F with Graves' disease on carbimazole, sore throat. Next step?")
    assert [t.label for t in graves if "graves" in t.label.lower()] == ["Graves"]  # the eponym rule's
    assert condition_terms("my daughter has a chest infection", []) == []
