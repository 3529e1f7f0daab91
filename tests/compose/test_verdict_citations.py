"""A yes/no verdict reads all on-topic evidence but may only cite the sources the article judged citable."""

from medora.compose.article import _verdict
from medora.compose.citations import CitationBook
from medora.settings import Settings
from tests.conftest import make_evidence


def test_verdict_sentences_come_only_from_citable_sources(tmp_path):
    evidence = [
        make_evidence(1, "Metformin significantly reduced HbA1c compared with placebo (p<0.001)."),
        make_evidence(2, "Metformin did not significantly reduce HbA1c in the subgroup with renal impairment (p=0.40)."),
    ]
    question = "Does metformin reduce HbA1c?"
    settings = Settings(home=tmp_path)
    everything = _verdict(question, evidence, {1, 2}, CitationBook(), settings)
    assert {s.passage_id for s in everything.statements} == {1, 2}
    only_first = _verdict(question, evidence, {1}, CitationBook(), settings)
    assert only_first.answer == everything.answer  # the reading of the evidence is unchanged
    assert {s.passage_id for s in only_first.statements} == {1}
