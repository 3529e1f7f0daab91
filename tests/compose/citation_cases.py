"""The question and study records the citation tests share (tests/compose/test_citations.py, test_vectors.py)."""

from medora.types import Evidence, Kind, Source

QUESTION = "What is the cure rate of erythema migrans with doxycycline?"
IDF = {"doxycyclin": 6.0, "cure": 3.0, "rate": 2.0, "erythema": 6.5, "migran": 7.0}


def study(pid: int, text: str, *, source_id: int | None = None, section: str = "RESULTS", kind: Kind = Kind.RESEARCH,
          score: float = 1.0, title: str = "Study", dense: float | None = None) -> Evidence:
    """A retrieved passage of a study record (its source id is the passage id unless given)."""
    source_id = pid if source_id is None else source_id
    source = Source(key=f"pmid:{source_id}", kind=kind, title=title, pmid=str(source_id))
    return Evidence(passage_id=pid, source_id=source_id, source=source, section=section, text=text, start=0,
                    end=len(text), score=score, dense_similarity=dense)
