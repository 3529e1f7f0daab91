"""The citation model's candidates reach deeper than the passages the gates read: a study first retrieved below
top_k may be cited as a further source, never as an answering one."""

from medora import answer
from medora.answer import AnswerSession, select_evidence
from medora.compose.relevance import CANDIDATE_DEPTH
from medora.settings import Settings
from medora.types import Evidence, Kind, Source

QUESTION = "What is the cure rate of erythema migrans with doxycycline?"
IDF = {"doxycyclin": 6.0, "cure": 3.0, "rate": 2.0, "erythema": 6.5, "migran": 7.0}
ANSWERING = "Doxycycline for 10 days cured erythema migrans in 98 of 100 adults treated in primary care."
DEEP = "Erythema migrans resolved with doxycycline in 61 of 64 children followed for one year."


def _evidence(pid: int, text: str, score: float) -> Evidence:
    source = Source(key=f"pmid:{pid}", kind=Kind.RESEARCH, title=f"Study {pid}", pmid=str(pid))
    return Evidence(passage_id=pid, source_id=pid, source=source, section="RESULTS", text=text, start=0,
                    end=len(text), score=score, dense_similarity=0.5)


class _Retriever:
    """A ranked list of passages; words only (no vectors), so the words-only citation model scores the candidates."""

    def __init__(self, passages: list[Evidence]) -> None:
        self.passages, self.asked_for = passages, []

    def search(self, question, *, top_k=None, filters=None, mode=None, kind_boost=None, lexical_words=""):
        self.asked_for.append(top_k)
        return self.passages[:top_k]

    def term_weights(self, question):
        return IDF

    def unheld_words(self, question):
        return frozenset()

    def whole_source(self, source_id):
        return []

    def vectors(self, question, passage_ids):
        return None


def _ranked() -> list[Evidence]:
    filler = [_evidence(pid, f"Hip fracture surgery outcomes in cohort {pid} of older adults.", 1.0 - pid / 100)
              for pid in range(2, 30)]
    deep = _evidence(30, DEEP, 0.6)
    return [_evidence(1, ANSWERING, 1.0), *filler, deep]  # the deep study is passage 30, below top_k 20


def test_the_gates_read_top_k_passages_and_the_citation_candidates_reach_candidate_depth(tmp_path, monkeypatch):
    seen = []
    real = answer.source_signals
    monkeypatch.setattr(
        answer, "source_signals", lambda retrieved, *rest: seen.append(retrieved) or real(retrieved, *rest)
    )
    retriever = _Retriever(_ranked())
    selection = select_evidence(AnswerSession(QUESTION), retriever=retriever, settings=Settings(home=tmp_path))
    assert retriever.asked_for == [CANDIDATE_DEPTH]
    assert len(selection.retrieved) == 20
    assert [len(found) for found in seen] == [30]
    assert [item.source_id for item in selection.answering_evidence] == [1]


def test_a_study_found_only_below_top_k_is_scored_as_a_further_candidate_never_answering(tmp_path, monkeypatch):
    scored = []
    real = answer.source_signals

    def spy(*args, **kwargs):
        found = real(*args, **kwargs)
        scored.extend((item.source_id, item.answering) for item in found)
        return found

    monkeypatch.setattr(answer, "source_signals", spy)
    select_evidence(AnswerSession(QUESTION), retriever=_Retriever(_ranked()), settings=Settings(home=tmp_path))
    assert scored == [(1, True), (30, False)]
