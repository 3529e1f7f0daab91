"""Design, size and population as a study's record states them; nothing is invented."""

import pytest

from medora.compose.study_facts import study_design, study_population, study_size
from medora.types import Kind, Source


@pytest.mark.parametrize(
    ("text", "participants", "shown"),
    [
        ("We enrolled 1,234 patients with acute ischaemic stroke.", 1234, "1,234 patients"),
        ("The trial (N=12,500) was stopped early.", 12500, "N=12,500"),
        ("A total of 56 consecutive women were randomised (n = 28 per arm).", 56, "56 consecutive women"),
        ("Of 300 children aged 2 to 5 years, 20 had asthma.", 300, "300 children"),
        ("We followed 2010 patients for a decade.", 2010, "2010 patients"),
    ],
)
def test_size_is_the_largest_stated_count_of_people_as_written(text: str, participants: int, shown: str):
    size = study_size(text)
    assert (size.participants, size.text) == (participants, shown)


@pytest.mark.parametrize(
    "text",
    [
        "Incidence was 3.2 per 1000 patients.",
        "In 2010 patients were recruited from two centres.",
        "Follow-up totalled 450 person-years.",
        "The dose was 1.5 mg per kilogram.",
        "No numbers are given here.",
    ],
)
def test_rates_years_and_doses_are_not_sizes(text: str):
    assert study_size(text) is None


def test_population_comes_from_the_text_then_from_mesh_age_groups():
    assert study_population("We enrolled 1,234 patients with acute ischaemic stroke who were treated within 4.5 h.") == (
        "patients with acute ischaemic stroke"
    )
    assert study_population("Outcomes were compared.", ["Humans", "Adult", "Aged"]) == "adults; older adults"
    assert study_population("Outcomes were compared.", ["Humans"]) is None


def test_design_is_the_publication_type_else_what_the_title_or_methods_name():
    assert study_design(Source(key="pmid:1", kind=Kind.RCT, title="Drug X in sepsis")) == "RCT"
    research = Source(key="pmid:2", kind=Kind.RESEARCH, title="Drug X in sepsis: a retrospective cohort study")
    assert study_design(research) == "cohort study"
    plain = Source(key="pmid:3", kind=Kind.RESEARCH, title="Drug X in sepsis")
    assert study_design(plain, [("METHODS", "Patients were randomly assigned to drug X or placebo.")]) == "RCT"
    assert study_design(plain, [("BACKGROUND", "Earlier randomised trials disagreed.")]) == "study"


def test_body_text_about_other_studies_does_not_set_the_design():
    plain = Source(key="pmid:4", kind=Kind.RESEARCH, title="Tranexamic acid after haemorrhage")
    others = [("EXCERPT", "Of these, two randomised controlled trials (RCTs) reported no significant difference.")]
    assert study_design(plain, others) == "study"
    assert study_design(plain, [("EXCERPT", "We performed a systematic review and meta-analysis of 12 trials.")]) == (
        "meta-analysis"
    )
