"""A yes/no verdict is shown only when earned; then it reads all on-topic evidence, names the studies it was read
from and quotes the sentences that pushed it to its answer, from citable sources only."""

from medora.compose.article import _verdict
from medora.compose.citations import CitationBook
from medora.compose.verdict import FEATURES, LABELS, carrying_sentences, load_verdict_model
from medora.settings import Settings
from tests.conftest import make_evidence

QUESTION = "Does metformin reduce HbA1c?"
EVIDENCE = [
    make_evidence(1, "Metformin significantly reduced HbA1c compared with placebo (p<0.001). Patients were adults."),
    make_evidence(2, "Metformin did not significantly reduce HbA1c in the subgroup with renal impairment (p=0.40)."),
]


def _model(threshold: float) -> dict:
    """A model that reads significant p-values and effect words as 'yes' and their opposites as 'no'."""
    weights = [[0.0] * len(FEATURES) for _ in LABELS]
    for name, yes in (("p_significant", 2.0), ("effect", 1.0), ("p_not_significant", -2.0), ("no_effect", -1.0)):
        weights[0][FEATURES.index(name)] = yes
        weights[1][FEATURES.index(name)] = -yes
    return {
        "labels": list(LABELS), "features": list(FEATURES), "weights": weights,
        "mean": [0.0] * len(FEATURES), "scale": [1.0] * len(FEATURES), "show_threshold": threshold,
    }


def test_no_verdict_below_the_threshold_only_a_notice(tmp_path):
    verdict, notice = _verdict(QUESTION, EVIDENCE, {1, 2}, CitationBook(), Settings(home=tmp_path), model=_model(1.01))
    assert verdict is None
    assert notice.startswith("The retrieved studies do not give a clear yes or no answer: Medora states a verdict only")


def test_an_earned_verdict_names_its_studies_and_quotes_what_pushed_it(tmp_path):
    verdict, notice = _verdict(QUESTION, EVIDENCE, {1, 2}, CitationBook(), Settings(home=tmp_path), model=_model(0.5))
    assert (verdict.answer, notice, verdict.studies, verdict.threshold) == ("yes", None, ["1", "2"], 0.5)
    assert [s.text for s in verdict.statements] == ["Metformin significantly reduced HbA1c compared with placebo (p<0.001)."]


def test_verdict_sentences_come_only_from_citable_sources(tmp_path):
    verdict, _notice = _verdict(QUESTION, EVIDENCE, {2}, CitationBook(), Settings(home=tmp_path), model=_model(0.5))
    assert verdict.answer == "yes" and verdict.statements == []  # source 1 pushed it, but is not citable
    assert verdict.studies == ["1"]  # the label source 2 got: the only citable source the verdict read


def test_carrying_sentences_push_towards_the_answer():
    pushed = carrying_sentences(EVIDENCE, "no", _model(0.5))
    assert [sentence for _item, sentence in pushed] == [
        "Metformin did not significantly reduce HbA1c in the subgroup with renal impairment (p=0.40)."
    ]


def test_the_shipped_model_shows_no_verdict_because_none_is_earned():
    assert load_verdict_model()["show_threshold"] == 1.01
