"""The lead model (compose/leads.py): an overview answer to a question on one part of its topic opens with the
sentence on that part, chosen by meaning and words; a broad question keeps the overview's own bottom line; without
vectors the word rules' lead stands. The model file is the one bench/train_leads.py fitted and ships."""

import numpy as np
import pytest

from medora.answer import answer_question
from medora.compose.leads import (
    FEATURES,
    graver_than_asked,
    holds_for_the_question,
    lead_model,
    lead_probabilities,
    other_grade,
)
from medora.eval.logistic import fit_choice_model
from medora.retrieve.embed import MiniLMEmbedder
from medora.settings import Settings
from medora.workspace import Workspace


@pytest.fixture(scope="module")
def workspace(library_workspace: Workspace) -> Workspace:
    return library_workspace


def _lead(workspace: Workspace, question: str) -> str:
    article = answer_question(question, retriever=workspace.retriever, settings=workspace.settings)
    return article.bottom_line[0].text


@pytest.mark.parametrize(
    ("question", "lead"),
    [  # the word rules led both with another sentence of the overview (session 19's code)
        ("74F with paroxysmal AF, hypertension and type 2 diabetes, no bleeding history. Anticoagulate, or is aspirin "
         "enough?", "Aspirin alone should not be used for stroke prevention in AF."),
        ("Ferritin 8 in a woman with heavy periods: oral iron dose and follow-up?", "First-line treatment is one tablet"),
    ],
)
def test_a_question_on_one_part_of_the_topic_is_led_by_the_sentence_on_it(
    workspace: Workspace, question: str, lead: str
):
    assert _lead(workspace, question).startswith(lead)


@pytest.mark.parametrize("question", ["How is gout managed?", "What should I know about gout?"])
def test_a_broad_question_keeps_the_overview_s_bottom_line(workspace: Workspace, question: str):
    assert _lead(workspace, question).startswith("Suspect gout with rapid-onset severe pain")


class _Counting:
    """The real embedder, counting the texts it embeds."""

    def __init__(self) -> None:
        self.embedder, self.embedded = MiniLMEmbedder(), 0
        self.model_name, self.dimensions = self.embedder.model_name, self.embedder.dimensions

    def embed(self, texts):  # noqa: ANN001, ANN201
        self.embedded += len(texts)
        return self.embedder.embed(texts)


def test_the_sentences_are_embedded_once_a_data_folder(workspace: Workspace):
    question = "my leg cellulitis: how long on antibiotics?"
    lead = _lead(workspace, question)
    counting = _Counting()
    later = Workspace(workspace.settings, embedder=counting)  # as a fresh process opens the same folder
    assert _lead(later, question) == lead
    assert counting.embedded == 1  # the question; its overview's sentences are read from the folder


def test_without_vectors_the_word_rules_lead_stands(tmp_path):
    settings = Settings(home=tmp_path / "home")
    lexical = settings.model_copy(update={"retrieve": settings.retrieve.model_copy(update={"mode": "lexical"})})
    workspace = Workspace(lexical)
    workspace.prepare()
    question = "Ferritin 8 in a woman with heavy periods: oral iron dose and follow-up?"
    assert _lead(workspace, question).startswith("Confirm iron deficiency with iron studies")


def test_the_choice_model_learns_which_option_is_right():
    rng = np.random.default_rng(3)
    choices, chosen = [], []
    for _ in range(60):  # the right option has the larger first feature; the second is noise
        options = rng.normal(size=(5, 2))
        right = np.zeros(5)
        right[int(np.argmax(options[:, 0]))] = 1.0
        choices.append(options)
        chosen.append(right)
    model = fit_choice_model(choices, chosen, l2=0.01)
    assert model["weights"][0] > 1.0 and abs(model["weights"][1]) < 0.5 * model["weights"][0]
    held = rng.normal(size=(5, 2))
    assert int(np.argmax(lead_probabilities(held, model))) == int(np.argmax(held[:, 0]))


def test_the_shipped_model_reads_the_features_the_code_computes():
    model = lead_model()
    assert tuple(model["features"]) == FEATURES and len(model["weights"]) == len(FEATURES)
    assert 0.0 <= model["threshold"] < 1.0


def test_a_sentence_for_another_situation_or_group_does_not_hold_for_the_question():
    likely = "When DVT is likely, arrange proximal leg vein ultrasound within 4 hours."
    assert not holds_for_the_question(likely, "Wells DVT score 1 with neg D-dimer - still need a doppler?")
    unlikely = "When DVT is unlikely, a negative D-dimer excludes it without imaging."
    assert holds_for_the_question(unlikely, "Two-level Wells score of 1 (DVT unlikely): straight to ultrasound?")
    course = "Men with lower urinary tract infection need a 7-day course, and pregnant women need a 7-day course."
    assert not holds_for_the_question(course, "It stings when I wee. I'm 30 and not pregnant.")
    assert holds_for_the_question(course, "I'm 20 weeks pregnant with a water infection, how long is the course?")
    assert holds_for_the_question("Aspirin alone should not be used for stroke prevention in AF.", "AF: aspirin?")


def test_a_sentence_grading_what_the_question_grades_otherwise_does_not_hold():
    four = "Every patient with heart failure with reduced ejection fraction (HFrEF) should receive four drug classes."
    assert not holds_for_the_question(four, "my dad has heart failure with normal ejection fraction, which medicine?")
    assert holds_for_the_question(four, "Heart failure with reduced ejection fraction: which drugs reduce mortality?")
    assert holds_for_the_question(four, "Which drugs reduce mortality in heart failure?")  # no grade asked
    assert not holds_for_the_question("Mild asthma: as-needed ICS-formoterol.", "Severe asthma attack, what first?")
    # an abbreviation grades as its meaning does, and a sentence grading both ways holds for either
    assert not holds_for_the_question(four, "What drugs help HFpEF?")
    both = "In heart failure with mildly reduced or preserved ejection fraction (HFmrEF, HFpEF), SGLT2 inhibitors help."
    assert not other_grade(both, "What drugs help HFpEF?")
    assert not other_grade(both, "my dad has heart failure with normal ejection fraction, which medicine?")
    assert other_grade(both, "What drugs help HFrEF?") is False  # "mildly reduced" grades as reduced
    # a subtype written after "with": rifaximin is for IBS with diarrhoea, not for IBS with constipation
    rifaximin = "For IBS with diarrhoea, options include rifaximin, ondansetron or eluxadoline."
    assert other_grade(rifaximin, "Rifaximin for IBS with constipation?")
    # …as the question is read, its abbreviation spelled out in brackets (session 45)
    assert other_grade(rifaximin, "Rifaximin for IBS (irritable bowel syndrome) with constipation?")
    assert not other_grade(rifaximin, "Rifaximin for IBS with diarrhea?")
    assert not other_grade("Subtypes are IBS with constipation and IBS with diarrhoea.", "IBS with constipation?")


@pytest.mark.parametrize(
    ("question", "position", "lead"),
    [  # a section headed by what the question asks leads; the overview's bottom line is on HFrEF or ACS as a whole
        ("What drugs help HFpEF?", 0, "In heart failure with mildly reduced or preserved ejection fraction"),
        ("How is HFmrEF treated?", 0, "In heart failure with mildly reduced or preserved ejection fraction"),
        # an emergency's first action still comes first (lead_with_emergency), the section's line next
        ("Management of NSTEMI?", 1, "An immediate invasive strategy, within 2 hours"),
    ],
)
def test_a_question_on_a_section_s_subject_is_led_by_that_section(
    workspace: Workspace, question: str, position: int, lead: str
):
    article = answer_question(question, retriever=workspace.retriever, settings=workspace.settings)
    assert article.answer_status == "answered"
    assert article.bottom_line[position].text.startswith(lead)


def test_a_sentence_leaving_out_the_group_the_question_names_does_not_hold():
    question = "I'm pregnant and smoke, can I use nicotine patches?"
    everyone = "The ATS recommends varenicline in preference to the nicotine patch and to bupropion."
    assert not holds_for_the_question(everyone, question, "Smoking cessation in adults")
    assert holds_for_the_question("Nicotine replacement can be used.", question, heading="Special populations › Pregnancy")
    # a group the overview's title names is its whole topic
    assert holds_for_the_question("Give aspirin 150 mg at night.", question, "Hypertension in pregnancy")


def test_a_sentence_naming_a_member_of_the_class_asked_about_holds_the_class():
    from medora.compose.leads import members_as_classes

    question = "my husband has COPD and his breathing is worse with green phlegm, does he need steroids?"
    line = "GOLD suggests prednisone 40 mg daily for 5 days, and NICE advises prednisolone 30 mg daily for 5 days."
    assert members_as_classes(line, question) == {"steroid"}
    assert members_as_classes("Spirometry confirms the diagnosis.", question) == set()
    assert members_as_classes(line, "does he need antibiotics?") == set()


def test_a_calm_question_is_not_led_by_a_line_for_an_emergency_presentation(workspace: Workspace):
    # session 39: IV magnesium "for acute severe asthma" led a question on stepping up a preventer
    magnesium = ("Consider a single dose of intravenous magnesium sulphate 1.2–2 g over 20 minutes for acute severe "
                 "asthma without a good initial response.")
    question = "28F, asthma on low-dose ICS, still using SABA 4 times a week. Next step?"
    assert graver_than_asked(magnesium, question)
    assert not graver_than_asked(magnesium, "Acute severe asthma not responding to nebulisers: magnesium dose?")
    assert not graver_than_asked("Severe (MRC grade 2 or less) weakness needs prompt MRI.", "Foot drop, MRC 2. Urgent?")
    assert "magnesium" not in _lead(workspace, question)


def test_how_long_to_take_a_drug_is_led_by_the_duration_stated_for_its_class(workspace: Workspace):
    # session 40: "How long should I take alendronate for?" opened on screening; the osteoporosis overview states the
    # duration for "bisphosphonate treatment", and "take" is the asking's verb, no word a sentence must share
    assert "3 to 5 years of bisphosphonate" in _lead(workspace, "How long should I take alendronate for?")
