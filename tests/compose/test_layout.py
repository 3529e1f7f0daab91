"""Outside the library, sections come from what each source is and where a sentence sits in it; every source in the
pool is cited; a treatment algorithm only when the evidence gives steps; a verdict only when earned."""

from medora.compose.analyse import analyse_question
from medora.compose.article import compose_article
from medora.compose.select import Selection
from medora.settings import Settings
from medora.types import Article, Evidence, Kind, Source


def _evidence(pid: int, text: str, *, kind: Kind = Kind.RESEARCH, section: str = "", source_id: int | None = None,
              year: int = 2020, title: str = "Study") -> Evidence:
    source_id = source_id or pid
    source = Source(key=f"pmid:{source_id}", kind=kind, title=title, pmid=str(source_id), year=year)
    return Evidence(passage_id=pid, source_id=source_id, source=source, section=section, text=text, start=0,
                    end=len(text), score=1.0 - pid / 100)


def _article(question: str, pool: list[Evidence], tmp_path) -> Article:
    selection = Selection(retrieved=pool, on_topic=pool, overview=None, pool=pool)
    return compose_article(analyse_question(question), selection, settings=Settings(home=tmp_path), index_version="t")


def _headings(article: Article) -> list[str]:
    return [section.heading for section in article.sections]


GUIDELINE = _evidence(1, "Offer oral doxycycline for 14 days to adults with erythema migrans in primary care.",
                      kind=Kind.GUIDELINE, section="Recommendations", title="Lyme disease guideline")
RESULTS = _evidence(2, "Doxycycline for 10 days cured erythema migrans in 98 of 100 adults treated in primary care.",
                    section="RESULTS")
BACKGROUND = _evidence(3, "Erythema migrans is the commonest early sign of Lyme disease in adults treated in Europe.",
                       section="BACKGROUND", source_id=2)
METHODS = _evidence(4, "We enrolled 100 adults with erythema migrans from twelve primary care practices in Sweden.",
                    section="METHODS", source_id=2)
CONCLUSION = _evidence(5, "Amoxicillin was as effective as doxycycline for erythema migrans in adults in primary care.",
                       section="CONCLUSIONS")


def test_sections_come_from_source_kind_and_section_label_and_methods_are_not_shown(tmp_path):
    article = _article("How should erythema migrans be treated?", [GUIDELINE, RESULTS, BACKGROUND, METHODS, CONCLUSION], tmp_path)
    assert "Treatment algorithm" not in _headings(article)
    shown = {s.text: section.heading for section in article.sections for s in section.statements}
    bottom = [s.text for s in article.bottom_line]
    assert bottom[0] == GUIDELINE.text  # the highest-level source's recommendation leads
    assert shown.get(BACKGROUND.text) == "Background"
    assert METHODS.text not in shown and METHODS.text not in bottom
    assert {ref.pmid for ref in article.references} == {"1", "2", "5"}  # every source in the pool is cited


def test_a_treatment_algorithm_only_when_the_evidence_gives_steps(tmp_path):
    first = _evidence(11, "First-line treatment is oral doxycycline for 14 days in adults with erythema migrans.",
                      kind=Kind.GUIDELINE, section="Step 1", title="Guideline")
    second = _evidence(12, "If doxycycline is not tolerated, amoxicillin for 14 days is the second-line option.",
                       kind=Kind.GUIDELINE, section="Step 2", source_id=11, title="Guideline")
    extra = _evidence(13, "Erythema migrans treated with doxycycline resolved within four weeks in most adults.",
                      section="RESULTS")
    other = _evidence(14, "Relapse after doxycycline treatment for erythema migrans was rare in adults in this cohort.",
                      section="RESULTS")
    article = _article("How should erythema migrans be treated?", [extra, first, second, other], tmp_path)
    assert "Treatment algorithm" in _headings(article)
    alone = _article("How should erythema migrans be treated?", [extra, first, other], tmp_path)
    assert "Treatment algorithm" not in _headings(alone)


def test_a_yes_no_article_gets_key_studies_counted_and_no_unearned_verdict(tmp_path):
    trials = [
        _evidence(21, "Tranexamic acid significantly reduced death due to bleeding in 20,211 adult trauma patients.",
                  kind=Kind.RCT, section="CONCLUSIONS", year=2010),
        _evidence(22, "In 9,202 patients with traumatic brain injury, tranexamic acid reduced head injury death.",
                  kind=Kind.RCT, section="RESULTS", year=2019),
        _evidence(23, "Tranexamic acid did not reduce death after trauma in this registry of adult patients.",
                  kind=Kind.COHORT, section="RESULTS", year=2016),
    ]
    article = _article("Does tranexamic acid reduce death after trauma?", trials, tmp_path)
    assert [(row.design, row.size, row.direction, row.citation) for row in article.key_studies] == [
        ("RCT", "20,211 adult trauma patients", "benefit", "1"),
        ("RCT", "9,202 patients", "benefit", "2"),
        ("cohort study", None, "no difference", "3"),
    ]
    counts = article.sections[0].statements[0]
    assert (counts.text, counts.citations, counts.passage_id) == ("Two RCTs found a benefit.", ["1", "2"], None)
    assert article.verdict is None  # not earned on this evidence (bench/train_verdict.py)
    assert article.verdict_notice.startswith("The retrieved studies do not give a clear yes or no answer")
    assert (article.certainty.level, article.certainty.reason) == (
        "moderate", "2 RCTs and 1 cohort study (2010–2019); rated down for findings that disagree (2 benefit, 1 no difference)."
    )
