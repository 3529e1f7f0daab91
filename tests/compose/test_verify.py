from medora.compose.verify import check_support, strip_citations

PASSAGE = (
    "Apixaban reduced the risk of stroke or systemic embolism by 21% compared with warfarin. "
    "Aspirin did not reduce mortality in this trial."
)


def test_a_sentence_copied_from_its_passage_is_supported_as_a_quote():
    result = check_support("Apixaban reduced the risk of stroke or systemic embolism by 21% compared with warfarin [1].", PASSAGE)
    assert (result.supported, result.score, result.flags, result.quote) == (True, 1.0, [], True)


def test_a_changed_number_is_caught():
    result = check_support("Apixaban reduced the risk of stroke or systemic embolism by 31% compared with warfarin.", PASSAGE)
    assert not result.supported and result.flags == ["number 31% not in passage"]


def test_a_flipped_negation_is_caught():
    result = check_support("Aspirin reduced mortality in this trial.", PASSAGE)
    assert not result.supported and result.flags == ["negation differs: the passage says 'not reduce mortality'"]


def test_a_swapped_drug_is_caught():
    result = check_support("Rivaroxaban reduced the risk of stroke or systemic embolism by 21% compared with warfarin.", PASSAGE)
    assert not result.supported and result.flags == ["drug Rivaroxaban not in passage"]


def test_an_unrelated_claim_is_caught():
    result = check_support("Physiotherapy improves knee osteoarthritis pain.", PASSAGE)
    assert not result.supported and result.score == 0.0


def test_citation_markers_are_stripped():
    assert strip_citations("Give aspirin [1, 2a] and review [@nice-ng185].") == "Give aspirin and review."
