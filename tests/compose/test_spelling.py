"""A misspelt word of a question is read as the word meant; a rare real word, a drug or an abbreviation never."""

from medora.compose.spelling import meant_word, with_spelling_corrected


def test_a_misspelling_one_edit_away_is_read_as_the_word_meant():
    assert meant_word("asprin") == "aspirin"
    assert meant_word("musle") == "muscle"
    assert with_spelling_corrected("Will I have to take it forver?") == "Will I have to take it forever?"


def test_only_a_slip_with_one_reading_is_corrected():
    assert meant_word("forver") == "forever"  # not "former", one letter changed
    assert meant_word("migranes") == "migraines"  # not "migrants", one letter changed
    assert meant_word("inection") is None  # infection or injection: left as typed
    assert meant_word("concusion") is None  # concussion or conclusion
    assert meant_word("resus") is None and meant_word("trops") is None  # clinical shorthand, not rhesus or troops


def test_real_words_drugs_and_abbreviations_are_kept():
    for word in ("tirzepatide", "Pangenotypic", "vaping", "sertraline", "dysuria", "HFpEF", "mins", "migrans"):
        assert meant_word(word) is None, word
    question = "ivermectin for scabies in a 72 yo with angina?"
    assert with_spelling_corrected(question) == question


def test_a_drug_name_typed_with_a_slip_is_read_as_the_drug():
    # session 62: the English dictionary holds no drug names; the drug dictionary does
    assert meant_word("flucloxacilin") == "flucloxacillin"
    assert meant_word("nitrofurantion") == "nitrofurantoin"
    assert meant_word("sertaline") == "sertraline"
    assert meant_word("tirzepatide") is None  # a drug as typed
