"""A clinician's note lists the patient's past illnesses, drugs and life under headings (session 62)."""

from medora.compose.case_findings import with_case_findings
from medora.compose.exam_options import options_span, without_exam_frame
from medora.compose.note_sections import DRUG_HISTORY, PAST_HISTORY, SOCIAL_HISTORY, note_sections
from medora.compose.select import question_weights, without_case_drugs
from medora.compose.spelling import with_spelling_corrected
from medora.compose.subject import REACTION_SLOT, case_words
from medora.compose.terms import population_term, specific_terms

NOTE = "58F. PMH gout, HTN. DH allopurinol 300mg od, omeprazole. SH cleaner, smoker. New AF. Which anticoagulant?"


def _terms(question: str) -> dict[str, bool]:
    return {term.label: term.context for term in with_case_findings(question, specific_terms(question))}


def test_a_note_lists_past_illnesses_drugs_and_life_under_their_headings():
    sections = note_sections(NOTE)
    assert [(section.lists, NOTE[section.start : section.end].strip()) for section in sections] == [
        (PAST_HISTORY, "gout, HTN"), (DRUG_HISTORY, "allopurinol 300mg od, omeprazole"),
        (SOCIAL_HISTORY, "cleaner, smoker"),
    ]


def test_a_heading_word_inside_a_sentence_opens_no_section():
    assert note_sections("my gp says the sh clinic is shut, what now?") == []


def test_a_notes_drugs_and_life_are_the_case_and_its_headings_no_terms():
    terms = _terms(NOTE)
    assert terms["allopurinol"] and terms["omeprazole"]  # the patient's own drugs
    assert terms["cleaner"] and terms["smoker"]  # the patient's life
    assert "PMH" not in terms
    # a past illness that can decide the drug asked stays a term (session 63: beside an anticoagulant gout does not)
    assert not _terms("58F. PMH gout, HTN. DH allopurinol 300mg od. New ankle oedema. Start furosemide?")["gout"]
    assert terms["gout"]


def test_a_common_chronic_illness_a_note_lists_is_background_and_a_rare_one_is_not():
    terms = _terms("44F. PE confirmed, sPESI 0. PMH HTN, antiphospholipid syndrome. DH levo. Which anticoagulant?")
    assert terms["HTN"]
    assert not terms["antiphospholipid"]


def test_drug_names_as_notes_clip_them_are_read_whole():
    assert with_spelling_corrected("hypothyroid on levo, given co-amox") == (
        "hypothyroid on levothyroxine, given co-amoxiclav"
    )
    assert with_spelling_corrected("switched to levofloxacin and amoxicillin") == (
        "switched to levofloxacin and amoxicillin"
    )
    read = with_spelling_corrected("71F. PMH OA. DH levo, amlo. New ankle oedema, SOB. Echo how soon?")
    terms = _terms(read)
    assert terms["levothyroxine"] and terms["amlodipine"]  # drugs now, and the patient's own


def test_a_time_of_the_patients_youth_is_no_population():
    for question in ("Penicillin allergy (rash as a child). Which antibiotic?",
                     "migraines since my teens, now most days, what helps?"):
        words = question.replace("(", " ").replace(")", " ").replace(",", " ").replace(".", " ").split()
        assert all(population_term(words, index) is None for index in range(len(words))), question
    for question in ("Which antibiotic for a child with a penicillin allergy?", "Is ibuprofen safe in her pregnancy?"):
        words = question.replace("?", "").split()
        assert any(population_term(words, index) is not None for index in range(len(words))), question


def test_the_reaction_told_in_brackets_after_an_allergy_is_the_case():
    slots = case_words("Penicillin allergy (urticarial rash). Which antibiotic for her sore throat?")
    assert slots["urticarial"] == REACTION_SLOT


def test_an_exam_vignettes_lettered_options_are_answers_offered():
    question = ("A 70-year-old woman has new AF. Which of the following is most appropriate? A) Aspirin B) Apixaban "
                "C) Warfarin with an INR target of 3.5 D) No treatment")
    start, end = options_span(question)
    assert question[start:end].startswith("A) Aspirin") and end == len(question)
    offered = {term.label: term.offered for term in specific_terms(question)}
    assert offered["Apixaban"] and offered["Warfarin"] and not offered.get("AF", False)
    assert options_span("Is vitamin A) worth taking?") is None  # one letter alone offers nothing
    assert without_exam_frame("Which of the following is most appropriate?") == "Which  is most appropriate?"


def test_every_illness_a_note_lists_is_background_when_no_drug_is_asked():
    # session 63: nothing the question asks for can a listed gout rule out; beside an anticoagulant asked for, it can
    terms = _terms("58M. PMH hypercholesterolaemia, gout. DH atorvastatin 40. c/o chest tightness at rest, now pain "
                   "free. ECG normal. Per NICE - 999 now or urgent same-day assessment?")
    assert terms["gout"] and terms["hypercholesterolaemia"]


def test_the_illnesses_a_note_lists_weigh_nothing_in_its_topic():
    question = ("82F, new AF. PMH HTN, hypothyroid, OA. DH levothyroxine 75, amlodipine 5. Lives alone, gardens daily. "
                "Starting apixaban - 5 mg bd or 2.5 mg bd?")
    idf = {word: 5.0 for word in ("af", "htn", "hypothyroid", "oa", "osteoarthr", "apixaban", "live", "alon",
                                  "garden", "daili")}
    weights = without_case_drugs(question_weights(question, idf), specific_terms(question), question)
    assert set(weights) == {"af", "apixaban"}


def test_the_illnesses_a_note_lists_weigh_nothing_beside_a_drug_asked_either():
    question = "71M, flu A. PMH COPD, BPH. ?too late for oseltamivir"
    idf = {word: 5.0 for word in ("flu", "copd", "bph", "oseltamivir", "late")}
    weights = without_case_drugs(question_weights(question, idf), specific_terms(question), question)
    assert set(weights) == {"flu", "oseltamivir", "late"}
    assert not _terms(question)["COPD"]  # still a term the answer may turn on
