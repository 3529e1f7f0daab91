"""Which way a finding points, read from one sentence: the direction word's sign times its outcome's valence."""

import pytest

from medora.compose.direction import finding_direction


@pytest.mark.parametrize(
    ("sentence", "direction"),
    [
        ("Tranexamic acid significantly reduced all-cause mortality (RR 0.91).", "benefit"),
        ("The intervention improved quality of life at 12 months.", "benefit"),
        ("Overall survival was longer in the combination group.", "benefit"),
        ("Survival was reduced in the treatment arm.", "harm"),
        ("Rosiglitazone was associated with an increased risk of myocardial infarction.", "harm"),
        ("Hospital stay was longer with open surgery.", "harm"),
        ("Aspirin did not significantly reduce the risk of stroke.", "no difference"),
        ("There was no significant difference in 30-day mortality between the groups.", "no difference"),
        ("Outcomes were similar in both arms.", "no difference"),
        ("Mortality was similar in both groups, but the drug reduced length of stay.", "benefit"),
        ("Non-coding variants upstream of MEF2C cause developmental disorders.", "unclear"),
        ("The drug reduced mortality but increased the risk of bleeding.", "unclear"),
    ],
)
def test_direction_of_a_finding(sentence: str, direction: str):
    assert finding_direction(sentence) == direction


def test_a_direction_word_without_an_outcome_says_nothing():
    assert finding_direction("Lower limb amputations were frequent in the cohort.") == "unclear"


def test_aims_and_plans_are_not_findings():
    assert finding_direction("The PATCH-Trauma study aims to provide evidence of TXA in improving outcomes.") == "unclear"
    assert finding_direction("Prehospital TXA did not result in more patients surviving with a good outcome.") == (
        "no difference"
    )
