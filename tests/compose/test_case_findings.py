"""A vignette's findings (compose/case_findings.py): a technical word written only where a vignette describes its
case may go unnamed by the overview that answers what it asks; what it asks, a drug, a population and a name may not.
"""

import pytest

from medora.compose.case_findings import is_vignette, with_case_findings
from medora.compose.terms import SpecificTerm, answers_terms
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def _term(label: str, kind: str = "term", **flags: bool) -> SpecificTerm:
    return SpecificTerm(label=label, kind=kind, forms=(label.lower(),), **flags)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("66-year-old man with exertional breathlessness. How quickly should he have an echo?", True),
        ("A 31-year-old woman, PUL, hCG 1,100 then 1,850 IU/L. Next step?", True),
        ("74M, K 6.7, wide QRS. What first?", True),
        ("84yo on zopiclone, fallen twice: what next?", True),
        ("My 3-year-old has a red, swollen patch on her leg. What antibiotic?", False),  # a parent's account
        ("How is exertional breathlessness investigated?", False),
    ],
)
def test_a_vignette_opens_with_the_patient_s_age(question: str, expected: bool):
    assert is_vignette(question) is expected


def test_only_the_describing_part_s_technical_words_are_findings():
    question = "63-year-old man with clumsy hands and a positive Hoffmann sign on physio review. Is physio enough?"
    terms = [_term("clumsy", "word"), _term("Hoffmann", "word", required=True), _term("physio"),
             _term("statins", "drug"), _term("pregnancy", "population")]
    marked = {term.label: term.finding for term in with_case_findings(question, terms)}
    # "physio" is asked about as well; a name, a drug and a population are never findings
    assert marked == {"clumsy": True, "Hoffmann": False, "physio": False, "statins": False, "pregnancy": False}
    assert not any(term.finding for term in with_case_findings("Clumsy hands: is physio enough?", terms))


def test_a_disease_the_case_has_is_no_finding_a_sign_is():
    question = "24F with known G6PD deficiency, dysuria and crackles, not pregnant. Which antibiotic?"
    terms = [_term("deficiency"), _term("dysuria"), _term("crackles"), _term("antibiotic", "drug")]
    marked = {term.label: term.finding for term in with_case_findings(question, terms)}
    assert marked == {"deficiency": False, "dysuria": True, "crackles": True, "antibiotic": False}


def test_a_finding_goes_unnamed_only_once_an_asked_term_is_named():
    terms = [_term("xanthomata", finding=True), _term("statin", "drug")]
    assert answers_terms({"statin"}, terms)
    assert not answers_terms(set(), terms)
    assert answers_terms({"xanthomata", "statin"}, terms)


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        ("38-year-old woman, TSH 42, low free T4, no heart disease, weighs 70 kg. Starting levothyroxine dose?",
         "library:hypothyroidism"),
        ("79F admitted with acute stroke, dense R hemiplegia, immobile. Anti-embolism stockings for VTE prophylaxis?",
         "library:venous-thromboembolism-prophylaxis"),
        ("66-year-old woman with confirmed PE, BP 125/80, sPESI 1, RV dilated on CT, troponin raised. Thrombolyse "
         "now?", "library:pulmonary-embolism"),
    ],
)
def test_a_vignette_is_answered_though_the_overview_never_writes_a_finding(
    library_workspace: Workspace, question: str, overview: str
):
    assert status_and_first_source(library_workspace, question) == ("answered", overview)


@pytest.mark.parametrize(
    "question",
    [
        # what the vignette asks is what the overview lacks
        "62-year-old man, statin-intolerant after three different statins, prior stroke, LDL 3.4 mmol/L. Is bempedoic "
        "acid an option?",
        "3-week-old boy with vomiting, potassium 7.0 mmol/L and low sodium. How is neonatal hyperkalaemia treated?",
        # a disease the case has besides its complaint is never a finding: it may change what is given
        "24F with known G6PD deficiency, uncomplicated cystitis, not pregnant. Which antibiotic?",
        "58F with bipolar disorder on lithium for 20 years, eGFR down from 62 to 41 over 3 years, ACR 4 mg/mmol. Next "
        "step?",
        # a population the case describes is never a finding: dialysis changes the regimen
        "63-year-old woman on haemodialysis newly found to have chronic hepatitis C. Which antiviral regimen suits "
        "her?",
    ],
)
def test_what_a_vignette_asks_and_its_population_must_still_be_named(library_workspace: Workspace, question: str):
    assert status_and_first_source(library_workspace, question)[0] != "answered"
