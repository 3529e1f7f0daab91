"""The faithfulness check on literal cases: each way a rewrite can go wrong is rejected and named; faithful rewrites
and quotes pass. The measured rates on the adversarial set live in bench/faithfulness.py."""

import pytest

from medora.compose.faithfulness import align, check_faithful, is_verbatim
from medora.compose.quantities import Quantity, quantities_in

PASSAGE = (
    "In 18,201 patients with atrial fibrillation, apixaban reduced the risk of stroke or systemic embolism by 21% "
    "compared with warfarin. Major bleeding was less frequent with apixaban (2.13% per year) than with warfarin "
    "(3.09% per year). Aspirin did not reduce mortality [2]. Patients received 5 mg of apixaban twice daily."
)


def test_a_swapped_drug_pair_is_rejected_as_a_reversed_comparison():
    result = check_faithful("Major bleeding was less frequent with warfarin than with apixaban.", PASSAGE)
    assert (result.supported, result.flags) == (False, ["comparison reversed: apixaban and warfarin swapped"])


def test_aspirin_in_place_of_warfarin_is_rejected_even_though_the_passage_names_aspirin_elsewhere():
    result = check_faithful("Apixaban reduced the risk of stroke by 21% compared with aspirin.", PASSAGE)
    assert (result.supported, result.flags) == (False, ["drug aspirin not in the sentence it rewrites"])


def test_a_drug_absent_from_the_passage_is_named():
    result = check_faithful("Patients received 5 mg of rivaroxaban twice daily.", PASSAGE)
    assert result.flags == ["drug rivaroxaban not in passage"]


def test_increased_where_the_passage_says_reduced_is_rejected():
    result = check_faithful(
        "Apixaban increased the risk of stroke or systemic embolism by 21% compared with warfarin.", PASSAGE
    )
    assert (result.supported, result.flags) == (False, ["direction flipped: increased vs reduced"])


def test_reduced_where_the_passage_says_did_not_reduce_is_rejected():
    result = check_faithful("Aspirin reduced mortality.", PASSAGE)
    assert (result.supported, result.flags) == (False, ["negation differs: the passage says 'not reduce mortality'"])


def test_did_not_reduce_where_the_passage_says_reduced_is_rejected():
    result = check_faithful("Apixaban did not reduce the risk of stroke or systemic embolism compared with warfarin.", PASSAGE)
    assert (result.supported, result.flags) == (False, ["negation differs: 'not reduce the risk' is not in the passage"])


def test_a_dose_of_50_mg_for_5_mg_is_rejected():
    result = check_faithful("Patients received 50 mg of apixaban twice daily.", PASSAGE)
    assert (result.supported, result.flags) == (False, ["number 50 mg not in passage"])


def test_grams_for_milligrams_is_rejected_as_a_changed_unit():
    result = check_faithful("Patients received 5 g of apixaban twice daily.", PASSAGE)
    assert (result.supported, result.flags) == (False, ["unit changed: 5 g vs 5 mg"])


def test_a_claim_about_a_subgroup_the_passage_never_mentions_is_rejected():
    result = check_faithful(
        "Apixaban reduced the risk of stroke or systemic embolism by 21% compared with warfarin in elderly women.", PASSAGE
    )
    assert (result.supported, result.flags) == (False, ["unsupported content: elderly, women"])


def test_a_condition_absent_from_the_passage_is_named():
    result = check_faithful("Apixaban reduced the risk of stroke in patients with heart failure.", PASSAGE)
    assert result.flags == ["condition heart failure not in passage"]


@pytest.mark.parametrize(
    "paraphrase",
    [
        "Compared with warfarin, apixaban lowered the risk of stroke or systemic embolism by 21% in atrial fibrillation.",
        "Major bleeding occurred less often with apixaban than with warfarin.",
        "Apixaban was given at 5 mg twice a day.",
        "The study found that aspirin did not lower mortality.",
    ],
)
def test_a_faithful_paraphrase_is_accepted_as_a_checked_rewrite(paraphrase: str):
    result = check_faithful(paraphrase, PASSAGE)
    assert (result.supported, result.quote, result.flags) == (True, False, [])


def test_a_verbatim_quote_is_accepted_and_labelled_a_quote():
    result = check_faithful("Aspirin did not reduce mortality [1].", PASSAGE)
    assert (result.supported, result.score, result.quote, result.flags) == (True, 1.0, True, [])


def test_only_whole_sentences_count_as_quotes():
    assert is_verbatim("Aspirin did not reduce  mortality.", PASSAGE) is True
    assert is_verbatim("did not reduce mortality", PASSAGE) is False
    assert is_verbatim("Aspirin did not reduce mortality. Patients received 5 mg of apixaban twice daily.", PASSAGE) is True


def test_a_claim_is_aligned_to_the_sentence_it_rewrites():
    assert align("Apixaban caused less major bleeding than warfarin.", PASSAGE) == [
        "Major bleeding was less frequent with apixaban (2.13% per year) than with warfarin (3.09% per year)."
    ]


def test_quantities_carry_their_units_through_ranges_and_spellings():
    assert quantities_in("0.1 or 1 mg/kg for 5-10 days in 45 percent of 1,000 patients with IL-6 above 7") == [
        Quantity(0.1, "mg/kg", "0.1"),
        Quantity(1.0, "mg/kg", "1 mg/kg"),
        Quantity(5.0, "d", "5"),
        Quantity(10.0, "d", "10 days"),
        Quantity(45.0, "%", "45 percent"),
        Quantity(1000.0, "", "1,000"),
        Quantity(7.0, "", "7"),
    ]


def test_foot_drop_names_a_sign_and_says_no_direction():
    passage = "L5 radiculopathy and common peroneal neuropathy are the two commonest causes of foot drop."
    assert check_faithful("Foot drop is most often caused by L5 radiculopathy or common peroneal neuropathy.", passage).supported
