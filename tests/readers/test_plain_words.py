"""The shipped plain words: long everyday words replaced for patients, and the check still catching changed claims."""

from medora.compose.entities import drugs_in
from medora.compose.faithfulness import check_faithful
from medora.readers.audience import plain_rewrites
from medora.readers.glossary import find_terms, plain_words, to_lay

PASSAGE = (
    "Additionally, people who underwent surgery had elevated blood pressure. "
    "Metformin did not reduce weight in order to avoid adverse effects."
)


def test_long_everyday_words_become_plain_ones_wherever_they_stand():
    assert to_lay("Additionally, people who underwent surgery had elevated blood pressure.") == (
        "Also, people who had surgery had raised blood pressure."
    )
    assert to_lay("Currently, NICE advises additional checks in order to identify excessive alcohol use.") == (
        "Now, NICE advises extra checks to find too much alcohol use."
    )


def test_plain_words_are_never_defined_and_name_no_medicine_or_number():
    entries = plain_words()
    assert len(entries) == 37
    assert all(entry.plain and entry.modifier for entry in entries)
    assert not [entry.term for entry in entries if any(char.isdigit() for char in entry.term + entry.lay)]
    assert not [entry.term for entry in entries if entry.lay in {"not", "no", "never"}]
    assert not [entry.term for entry in entries if drugs_in(f"{entry.term} {entry.lay}")]


def test_words_whose_meaning_shifts_are_left_alone():
    text = "A significant effect was indicated; however, it therefore persists after an adequate trial."
    assert to_lay(text) == text
    assert find_terms(text) == []


def test_the_check_accepts_a_plain_word_rewrite_of_its_passage():
    rewrite = plain_rewrites("Metformin did not reduce weight in order to avoid adverse effects.")[0]
    assert rewrite == "Metformin did not reduce weight to avoid side effects."
    assert check_faithful(rewrite, to_lay(PASSAGE)).supported


def test_the_check_still_rejects_a_flipped_negation_or_a_swapped_drug_after_plain_words():
    flipped = check_faithful("Metformin reduced weight to avoid side effects.", to_lay(PASSAGE))
    swapped = check_faithful("Insulin did not reduce weight to avoid side effects.", to_lay(PASSAGE))
    assert (flipped.supported, flipped.flags) == (False, ["negation differs: the passage says 'not reduce weight'"])
    assert (swapped.supported, swapped.flags) == (False, ["drug Insulin not in passage"])


def test_investigation_agrees_with_its_verb_in_plain_words():
    assert to_lay("Small bowel investigation, usually by capsule endoscopy, is considered.") == (
        "Small bowel testing, most often by capsule endoscopy, is considered."
    )
    assert to_lay("Refer for further investigations.") == "Refer for more tests."


def test_a_plural_replacement_never_breaks_agreement_with_a_singular_verb():
    assert to_lay("Organ dysfunction is identified by a rise in the score.") == (
        "Organ dysfunction is identified by a rise in the score."
    )
    assert to_lay("Kidney dysfunction needs review.") == "Kidney dysfunction needs review."
    assert to_lay("Kidney dysfunction can follow.") == "Kidney problems can follow."


def test_a_term_sharing_its_noun_with_a_coordinated_word_keeps_it_and_mild_stays_mild():
    coordinated = "Older adults with functional or cognitive impairment need review."
    assert to_lay(coordinated) == coordinated
    assert to_lay("People with mild cognitive impairment need review.") == (
        "People with mild problems with memory and thinking need review."
    )


def test_a_replacement_that_is_not_the_subject_or_has_a_singular_head_is_still_made():
    assert to_lay("If CTPA is not available, echocardiography showing right ventricular dysfunction is enough.") == (
        "If a CT scan of the lung arteries is not available, echocardiography showing right ventricular problems is "
        "enough."
    )


def test_where_a_pinched_nerve_root_is_stays_said():
    assert to_lay("People with cervical radiculopathy need review.") == (
        "People with a pinched nerve root in the neck need review."
    )
    assert to_lay("Most lumbar radiculopathy improves with time.") == (
        "Most lumbar radiculopathy improves with time."  # not 'Most pinched nerve root … improves': the term stays
    )


def test_everyday_words_keep_the_qualifier_that_changes_the_claim():
    assert to_lay("Offer a copper IUD to her.") == "Offer a copper coil to her."
    assert to_lay("Offer an IUD to her.") == "Offer a coil to her."
    assert to_lay("Liver fibrosis is staged by scan.") == "Liver scarring is staged by scan."
    assert to_lay("It reduced the risk of myocardial ischaemia.") == "It reduced the risk of poor blood supply to the heart muscle."
    assert to_lay("It reduced the risk of all-cause mortality.") == "It reduced the risk of death from any cause."
    for kept in ("Erosive oesophagitis needs treatment.", "Add a loop diuretic for swelling."):
        assert to_lay(kept) == kept  # explained instead: 'inflammation of the food pipe' or 'water tablet' says less


def test_everyday_words_ending_in_a_phrase_do_not_go_before_a_noun():
    assert to_lay("Do not test asymptomatic people.") == "Do not test asymptomatic people."
    assert to_lay("Start a fixed-rate intravenous insulin infusion.") == "Start a fixed-rate intravenous insulin infusion."
    assert to_lay("Give intravenous insulin until ketones clear.") == "Give insulin through a drip until ketones clear."
    assert to_lay("They are asymptomatic.") == "They are without symptoms."


def test_a_capitalised_word_inside_a_name_is_left_as_written():
    named = "Symptoms are measured with the COPD Assessment Test."
    assert to_lay(named) == named
    assert to_lay("Assessment should be prompt.") == "Check should be prompt."
    assert to_lay("Offer a Cu-IUD.") == "Offer a copper coil."
