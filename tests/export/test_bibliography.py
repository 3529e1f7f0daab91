import bibtexparser
import pybtex.database
import rispy

from medora.export.bibliography import bibtex_keys, latex_escape, to_bibtex, to_ris
from medora.export.references import CitedWork
from medora.types import Article
from tests.export.conftest import KDIGO_TITLE


def test_ris_parses_back_with_one_record_per_work(article: Article):
    records = rispy.loads(to_ris(article))
    assert [(r["type_of_reference"], r["title"], r.get("year")) for r in records] == [
        ("GEN", "Chronic kidney disease in adults", "2026"),
        ("JOUR", KDIGO_TITLE, "2024"),
        ("JOUR", "Dapagliflozin in patients with chronic kidney disease (DAPA-CKD)", "2020"),
        ("RPRT", "Chronic kidney disease: assessment and management (NG203)", "2021"),
    ]


def test_ris_carries_journal_doi_pmid_and_the_labels_a_work_is_cited_under(article: Article):
    kdigo = rispy.loads(to_ris(article))[1]
    assert kdigo["secondary_title"] == "Kidney International"
    assert kdigo["doi"] == "10.1016/j.kint.2023.10.018"
    assert (kdigo["accession_number"], kdigo["name_of_database"]) == ("38490803", "PubMed")
    assert kdigo["notes"] == ["Cited as [1a], [3] in a Medora article."]


def test_ris_gives_a_guideline_without_pmid_its_issuer_as_publisher(article: Article):
    nice = rispy.loads(to_ris(article))[3]
    assert nice["publisher"] == "National Institute for Health and Care Excellence"
    assert nice["urls"] == ["https://www.nice.org.uk/guidance/ng203"]
    assert "accession_number" not in nice


def test_bibtex_parses_back_with_bibtexparser(article: Article):
    library = bibtexparser.parse_string(to_bibtex(article))
    assert library.failed_blocks == []
    assert [(e.entry_type, e.key) for e in library.entries] == [
        ("misc", "chronic2026"),
        ("article", "kdigo2024"),
        ("article", "dapagliflozin2020"),
        ("techreport", "chronic2021"),
    ]
    kdigo = library.entries_dict["kdigo2024"].fields_dict
    assert {name: kdigo[name].value for name in ("title", "journal", "year", "doi", "pmid")} == {
        "title": KDIGO_TITLE,
        "journal": "Kidney International",
        "year": "2024",
        "doi": "10.1016/j.kint.2023.10.018",
        "pmid": "38490803",
    }


def test_bibtex_parses_back_with_pybtex(article: Article):
    data = pybtex.database.parse_string(to_bibtex(article), "bibtex")
    nice = data.entries["chronic2021"]
    assert nice.type == "techreport"
    assert nice.fields["institution"] == "National Institute for Health and Care Excellence"
    assert nice.fields["type"] == "Guideline"
    assert data.entries["dapagliflozin2020"].fields["journal"] == "New England Journal of Medicine"


def test_bibtex_escapes_latex_specials_without_unbalancing_braces():
    assert latex_escape("50% & {rising} #1 a_b ≥ 65") == (
        r"50\% \& \textbraceleft{}rising\textbraceright{} \#1 a\_b ≥ 65"
    )


def test_bibtex_keys_are_unique_and_repeatable():
    works = [CitedWork(label=str(n), kind="rct", title="The Oxygen trial", year=2017) for n in (1, 2, 3)]
    works.append(CitedWork(label="4", kind="guideline", title="≥ 65: Ältere Patienten"))
    assert bibtex_keys(works) == ["oxygen2017", "oxygen2017a", "oxygen2017b", "altere"]
    assert bibtex_keys(works) == bibtex_keys(list(works))


def test_an_article_without_references_exports_empty_files(article: Article):
    article.references = []
    assert (to_ris(article), to_bibtex(article)) == ("", "")
