"""Published excerpts carry structured-abstract labels inline ("BACKGROUND: …", "…features.OBJECTIVE: …"): they are
split off, kept out of the quoted sentence, and tell the layout what kind of sentence it is."""

from medora.compose.article import _name_of
from medora.compose.extractive import candidates_from
from medora.compose.layout import sentence_role
from medora.sentences import split_sentences
from medora.types import Source
from tests.conftest import make_evidence

EXCERPT = (
    "BACKGROUND: Tumor of the follicular infundibulum is a rare benign adnexal tumor with typical features.OBJECTIVE: "
    "Our purpose was to describe the clinical features of 12 patients. We reviewed every slide of these tumours again."
    "CONCLUSIONS: The tumour is usually found on the face of older women."
)


def test_a_label_glued_to_the_previous_sentence_starts_a_new_one():
    glued = "It is rare.OBJECTIVE: To describe it. Levels rose (p<0.05).RESULTS AND DISCUSSION: Fine."
    assert split_sentences(glued, glued_labels=True) == [
        "It is rare.", "OBJECTIVE: To describe it.", "Levels rose (p<0.05).", "RESULTS AND DISCUSSION: Fine."
    ]
    assert split_sentences(glued) == ["It is rare.OBJECTIVE: To describe it.", "Levels rose (p<0.05).RESULTS AND DISCUSSION: Fine."]
    assert split_sentences("Give 1.5 mg.Then wait.", glued_labels=True) == ["Give 1.5 mg.Then wait."]  # no label


def test_an_inline_label_is_cut_from_the_quote_and_labels_the_sentences_after_it():
    found = candidates_from([make_evidence(1, EXCERPT)], "follicular infundibulum tumour")
    assert [(c.evidence.section, c.text[:24]) for c in found] == [
        ("Background", "Tumor of the follicular "),
        ("Objective", "Our purpose was to descr"),
        ("Objective", "We reviewed every slide "),
        ("Conclusions", "The tumour is usually fo"),
    ]
    assert [sentence_role(c.evidence) for c in found] == ["background", "background", "background", "conclusion"]
    assert all(c.text in EXCERPT for c in found)  # still verbatim spans of the passage


def test_title_case_labels_need_a_capital_after_them():
    found = candidates_from([make_evidence(1, "Background The symptom visual snow describes continuous flicker.")], "x")
    assert (found[0].evidence.section, found[0].text) == ("Background", "The symptom visual snow describes continuous flicker.")
    plain = candidates_from([make_evidence(2, "Results showed a clear fall in blood pressure at one year.")], "x")
    assert (plain[0].evidence.section, plain[0].text) == ("", "Results showed a clear fall in blood pressure at one year.")


def test_an_untitled_source_is_named_by_its_pmid():
    assert _name_of(Source(key="pmid:123", pmid="123")) == "PMID 123"
    assert _name_of(Source(key="pmid:9", pmid="9", title="Tirzepatide in heart failure.")) == "Tirzepatide in heart failure"


def test_a_sentence_cut_from_its_label_is_still_a_verbatim_quote():
    from medora.compose.faithfulness import is_verbatim

    passage = "BACKGROUND: The trial is designed to test vericiguat. RESULTS: Walking distance did not change."
    assert is_verbatim("The trial is designed to test vericiguat.", passage)
    assert is_verbatim("RESULTS: Walking distance did not change.", passage)
    assert not is_verbatim("Walking distance did change.", passage)

