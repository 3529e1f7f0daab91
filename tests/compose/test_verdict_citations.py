"""A yes/no verdict is shown only above the confidence its kind of evidence earned; below it the article says the
studies give no clear answer. A shown verdict names the studies whose findings pushed it, and quotes their sentences
that push towards it, from citable sources only."""

from medora.compose.article import _verdict
from medora.compose.citations import CitationBook
from medora.compose.verdict import (
    FEATURES,
    LABELS,
    RESULTS_ONLY,
    STATED,
    evidence_regime,
    load_verdict_model,
    predict_verdict,
)
from medora.settings import Settings
from medora.types import Evidence
from tests.conftest import make_evidence


def _evidence(passage_id: int, text: str, section: str = "CONCLUSIONS") -> Evidence:
    return make_evidence(passage_id, text).model_copy(update={"section": section})


QUESTION = "Does metformin reduce HbA1c?"
EVIDENCE = [
    _evidence(1, "Metformin significantly reduced HbA1c compared with placebo (p<0.001). Patients were adults."),
    _evidence(2, "Metformin did not significantly reduce HbA1c in the subgroup with renal impairment (p=0.40)."),
    _evidence(3, "Metformin lowered HbA1c by 1.1% (p=0.002) and was effective as first-line therapy."),
]


def _model(stated: float, results_only: float = 1.01) -> dict:
    """A model that reads significant p-values and effect words as 'yes' and null results and negation as 'no'."""
    weights = [[0.0] * len(FEATURES) for _ in LABELS]
    for name, yes in (("p_significant", 2.0), ("effect", 1.0), ("p_not_significant", -2.0), ("no_difference", -1.0),
                      ("negation", -1.0)):
        weights[0][FEATURES.index(name)] = yes
        weights[1][FEATURES.index(name)] = -yes
    return {
        "labels": list(LABELS), "features": list(FEATURES), "weights": weights,
        "mean": [0.0] * len(FEATURES), "scale": [1.0] * len(FEATURES),
        "show_thresholds": {STATED: stated, RESULTS_ONLY: results_only},
    }


def _verdict_of(evidence, citable, model, question=QUESTION):
    return _verdict(question, evidence, citable, CitationBook(), Settings(), model=model)


def test_below_the_threshold_there_is_no_verdict_and_the_notice_says_why():
    verdict, notice = _verdict_of(EVIDENCE, {1, 2, 3}, _model(0.9))
    assert verdict is None
    assert notice == (
        "The retrieved studies do not give a clear yes or no answer: the verdict model's confidence (72%) is below "
        "90%, the level at which its cross-validated accuracy reaches 75%."
    )


def test_results_without_a_stated_conclusion_never_get_a_verdict():
    results = [item.model_copy(update={"section": "RESULTS"}) for item in EVIDENCE]
    assert evidence_regime(results) == RESULTS_ONLY
    verdict, notice = _verdict_of(results, {1, 2, 3}, _model(0.5))
    assert verdict is None
    assert notice == (
        "The retrieved studies do not give a clear yes or no answer: Medora states a verdict only at a confidence "
        "where its cross-validated accuracy reaches 75%, and its verdict model reaches no such level on studies that "
        "give results without stating a conclusion. Read the studies' own findings below."
    )


def test_a_shown_verdict_is_carried_by_the_studies_that_pushed_it_not_the_one_against():
    verdict, notice = _verdict_of(EVIDENCE, {1, 2, 3}, _model(0.5))
    assert (verdict.answer, notice, verdict.threshold) == ("yes", None, 0.5)
    assert verdict.studies == ["1", "2"]  # sources 1 and 3, numbered in citation order; source 2 found no effect
    assert [(s.text, s.citations) for s in verdict.statements] == [
        ("Metformin significantly reduced HbA1c compared with placebo (p<0.001).", ["1"]),
        ("Metformin lowered HbA1c by 1.1% (p=0.002) and was effective as first-line therapy.", ["2"]),
    ]


def test_verdict_sentences_and_studies_come_only_from_citable_sources():
    verdict, _notice = _verdict_of(EVIDENCE, {2, 3}, _model(0.5))
    assert verdict.answer == "yes" and verdict.studies == ["1"]  # source 3 only: source 1 is not citable
    assert [s.text for s in verdict.statements] == [
        "Metformin lowered HbA1c by 1.1% (p=0.002) and was effective as first-line therapy."
    ]


def test_the_shipped_model_says_yes_when_the_studies_state_a_reduction():
    evidence = [
        _evidence(
            1, "Metformin significantly reduced HbA1c compared with placebo in adults with type 2 diabetes (p<0.001)."
        ),
        _evidence(2, "Metformin lowered HbA1c by 1.1% and was effective as first-line therapy for type 2 diabetes."),
    ]
    prediction = predict_verdict("Does metformin reduce HbA1c in type 2 diabetes?", evidence)
    assert (prediction.answer, prediction.regime, prediction.earned) == ("yes", STATED, True)
    assert [item.source_id for item in prediction.read] == [1, 2]


def test_the_shipped_model_says_no_when_the_studies_state_no_effect():
    evidence = [
        _evidence(
            1, "Regular vitamin C supplementation did not reduce the incidence of the common cold in the population."
        ),
        _evidence(2, "Vitamin C had no significant effect on the incidence of colds compared with placebo."),
    ]
    prediction = predict_verdict("Is vitamin C effective for preventing the common cold?", evidence)
    assert (prediction.answer, prediction.regime, prediction.earned) == ("no", STATED, True)
    assert [item.source_id for item in prediction.read] == [1, 2]


def test_the_shipped_model_shows_verdicts_only_on_evidence_stating_its_findings():
    assert load_verdict_model()["show_thresholds"] == {STATED: 0.5621, RESULTS_ONLY: 1.01}


def test_no_verdict_when_none_of_the_studies_carrying_it_may_be_cited():
    book = CitationBook()
    verdict, notice = _verdict(QUESTION, EVIDENCE, {2}, book, Settings(), model=_model(0.5))
    assert verdict is None and book.references() == []
    assert notice == (
        "The retrieved studies do not give a clear yes or no answer: the studies that would carry a verdict are not "
        "among the sources this article cites."
    )


def test_a_confidence_just_below_the_threshold_is_told_with_a_decimal():
    verdict, notice = _verdict_of(EVIDENCE, {1, 2, 3}, _model(0.7249))
    assert verdict is None and "confidence (71.7%) is below 72.5%," in notice
