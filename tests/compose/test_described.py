"""A question in everyday words: the words for what the patient feels may go unnamed by the overview closest in
meaning, where the question describes; the body parts it speaks of may not."""

from medora.compose.described import body_parts, describing_text, felt_labels, unnamed_body_parts
from medora.compose.subject import subject_terms
from medora.compose.terms import SpecificTerm


def _term(label: str, kind: str = "term") -> SpecificTerm:
    return SpecificTerm(label=label, kind=kind, forms=(label,))


def test_the_describing_part_is_what_comes_before_the_asking_clause():
    question = "I'm 63 and my knee aches when I walk, do I need an x-ray and what helps?"
    assert describing_text(question) == "I'm 63 and my knee aches when I walk,"
    assert describing_text("It stings when I wee. I'm 30 and not pregnant.") == (
        "It stings when I wee.  I'm 30 and not pregnant."
    )
    assert describing_text("Does tamsulosin make you dizzy?") == ""


def test_a_feeling_written_where_the_question_describes_is_felt():
    question = "My thumb goes numb and tingly at night and I have to shake my hand. What can I do?"
    assert felt_labels(question, [_term("tingly")]) == {"tingly"}
    assert felt_labels("Pain shoots down my arm with pins and needles. Will it pass?", [_term("needles", "word")]) == {
        "needles"
    }


def test_a_feeling_asked_about_is_not_felt():
    assert felt_labels("Can tamsulosin make you dizzy?", [_term("dizzy")]) == set()
    assert felt_labels("my knee aches, do I need an x-ray for the aches?", [_term("aches")]) == set()


def test_a_treatment_drug_or_population_is_never_felt():
    question = "My husband is thinking about a vasectomy and my back aches with massage. I am pregnant."
    terms = [_term("vasectomy"), _term("massage", "word"), _term("pregnant", "population"), _term("aches")]
    assert felt_labels(question, terms) == {"aches"}
    assert felt_labels("I take ibuprofen for my sore knee.", [_term("ibuprofen", "drug")]) == set()


def test_felt_terms_are_part_of_the_case_except_in_a_question_on_safety():
    marked = subject_terms("I've been lying awake for months and I'm wrecked. What helps?", [_term("wrecked", "word")])
    assert [(term.label, term.context, term.felt) for term in marked] == [("wrecked", True, True)]
    safety = subject_terms("I'm wrecked all the time, is it safe to take zopiclone?", [_term("wrecked", "word")])
    assert [(term.label, term.context, term.felt) for term in safety] == [("wrecked", False, False)]


def test_a_body_part_is_one_the_question_owns():
    assert body_parts("My thumb tingles and I shake my hand to get the feeling back") == ["thumb", "hand"]
    assert body_parts("hurt my lower back lifting boxes") == ["back"]


def test_a_body_part_must_be_named_by_the_overview_or_as_a_broader_part():
    knee_and_hip = ["Osteoarthritis of the knee and hip", "Knee pain on walking with brief morning stiffness."]
    assert unnamed_body_parts("my ankle is swollen after twisting it", knee_and_hip) == ["ankle"]
    assert unnamed_body_parts("my knee aches when I walk", knee_and_hip) == []
    assert unnamed_body_parts("the soles of my feet burn", ["Burning pain in both feet at night."]) == []


def test_a_body_part_term_is_named_by_its_broader_part():
    marked = subject_terms("the soles of my feet burn at night", [_term("soles")])
    assert marked[0].forms == ("soles", "foot", "feet")
