"""Terms a source must name together: a compound name as a run, an asked drug with its condition in one statement."""

from medora.compose.terms import specific_terms
from medora.compose.together import (
    AskedPair,
    asked_pairs,
    compound_fragments,
    compounds,
    population_pairs,
    statements,
    unstated_pairs,
)

PLANTAR = "What is the best treatment for plantar fasciitis?"
SEMAGLUTIDE = "Is semaglutide effective for knee osteoarthritis pain in people with obesity?"


def _labels(pairs: list[AskedPair]) -> list[tuple[str, list[str]]]:
    return [(pair.asked.label, [term.label for term in pair.condition]) for pair in pairs]


def test_adjacent_technical_terms_make_one_compound():
    assert [[t.label for t in run] for run in compounds(PLANTAR, specific_terms(PLANTAR))] == [
        ["plantar", "fasciitis"]
    ]


def test_a_drug_and_a_technical_word_apart_are_no_compound():
    assert compounds(SEMAGLUTIDE, specific_terms(SEMAGLUTIDE)) == []


def test_half_a_compound_named_in_another_compound_is_a_fragment():
    text = "Refer anyone with signs of necrotising fasciitis or septic arthritis."
    assert compound_fragments(PLANTAR, specific_terms(PLANTAR), text, {"fasciitis"}) == {"fasciitis"}


def test_a_compound_named_as_a_run_is_no_fragment():
    text = "Plantar fasciitis is heel pain worst on the first steps in the morning."
    assert compound_fragments(PLANTAR, specific_terms(PLANTAR), text, {"plantar", "fasciitis"}) == set()


def test_a_drug_asked_for_a_condition_makes_a_pair():
    assert _labels(asked_pairs(SEMAGLUTIDE, specific_terms(SEMAGLUTIDE))) == [("semaglutide", ["osteoarthritis"])]


def test_a_named_treatment_asked_for_or_in_a_condition_makes_a_pair():
    # session 50: the C. difficile overview names faecal microbiota transplantation and inflammatory bowel disease
    # apart; it does not answer the transplant in ulcerative colitis
    question = "What is the evidence for faecal microbiota transplant in ulcerative colitis?"
    pairs = asked_pairs(question, specific_terms(question))
    assert _labels(pairs) == [("transplant", ["ulcerative", "colitis"])]
    passages = [("Recurrence", "Refer people with multiple recurrences for faecal microbiota transplantation."),
                ("Testing", "People with inflammatory bowel disease and a flare should be tested for C difficile.")]
    assert unstated_pairs(pairs, title="Clostridioides difficile infection", passages=passages) == pairs
    denervation = "Is renal denervation worth trying for resistant hypertension?"
    assert _labels(asked_pairs(denervation, specific_terms(denervation))) == [("denervation", ["hypertension"])]
    assert asked_pairs("faecal microbiota transplant?", specific_terms("faecal microbiota transplant?")) == []


def test_a_part_the_title_names_is_the_sources_topic_not_a_fragment():
    question = "Should tezepelumab be used for severe uncontrolled asthma?"
    text = "Asthma in adults\nStep up treatment when asthma is poorly controlled."
    labels = {"asthma"}
    assert compound_fragments(question, specific_terms(question), text, labels) == {"asthma"}
    assert compound_fragments(question, specific_terms(question), text, labels, title="Asthma in adults") == set()


def test_a_context_drug_is_not_asked_about():
    question = "Does sofosbuvir work for hepatitis C in someone on methadone?"
    assert _labels(asked_pairs(question, specific_terms(question))) == [("sofosbuvir", ["hepatitis C"])]


def test_a_condition_before_its_drugs_asks_what_its_source_says_not_whether_the_drug_works():
    question = "Older man with nocturia and weak urinary stream, tamsulosin or finasteride?"
    assert asked_pairs(question, specific_terms(question)) == []


def test_a_drug_and_condition_named_in_different_bullets_are_unstated():
    pairs = asked_pairs(SEMAGLUTIDE, specific_terms(SEMAGLUTIDE))
    texts = [
        "Assessment should cover weight-related conditions such as sleep apnoea and osteoarthritis.",
        "Semaglutide 2.4 mg weekly produced a mean weight loss of about 15% at 68 weeks.",
    ]
    unstated = unstated_pairs(pairs, title="Obesity management in adults", passages=[("", text) for text in texts])
    assert _labels(unstated) == [("semaglutide", ["osteoarthritis"])]


def test_a_drug_stated_for_the_condition_in_one_sentence_is_stated():
    pairs = asked_pairs(SEMAGLUTIDE, specific_terms(SEMAGLUTIDE))
    texts = ["Semaglutide reduced knee osteoarthritis pain in people with obesity."]
    assert unstated_pairs(pairs, title="Obesity management in adults", passages=[("", texts[0])]) == []


def test_a_condition_the_title_names_needs_no_sentence_joining_it_to_the_drug():
    pairs = asked_pairs(SEMAGLUTIDE, specific_terms(SEMAGLUTIDE))
    texts = ["Semaglutide 2.4 mg weekly produced a mean weight loss of about 15% at 68 weeks."]
    assert unstated_pairs(pairs, title="Osteoarthritis and obesity", passages=[("", texts[0])]) == []


def test_a_short_bullet_is_one_statement():
    assert statements("Offer semaglutide. It reduces weight.\nA long paragraph. Of. Three sentences.") == [
        "Offer semaglutide.", "It reduces weight.", "Offer semaglutide. It reduces weight.",
        "A long paragraph.", "Of.", "Three sentences.",
    ]


def test_words_a_comma_or_colon_separates_are_no_compound():
    question = "Haematuria, proteinuria: is a kidney biopsy with rituximab needed?"
    assert compounds(question, specific_terms(question)) == []
    question = "Dysuria, haematuria in a man"
    assert compounds(question, specific_terms(question)) == []


def test_words_joined_by_a_hyphen_make_one_compound():
    question = "What treats plantar-fasciitis?"
    assert [[t.label for t in run] for run in compounds(question, specific_terms(question))] == [
        ["plantar", "fasciitis"]
    ]


def test_a_drug_is_asked_for_the_condition_up_to_a_qualifier_only():
    question = "Is thrombolysis with alteplase recommended for massive pulmonary embolism with hypotension?"
    assert _labels(asked_pairs(question, specific_terms(question))) == [("alteplase", ["pulmonary", "embolism"])]


def test_a_condition_the_title_names_in_part_needs_no_sentence_joining_it_to_the_drug():
    question = "Does prednisolone help COPD exacerbations?"
    pairs = asked_pairs(question, specific_terms(question))
    assert _labels(pairs) == [("prednisolone", ["COPD", "exacerbations"])]
    assert unstated_pairs(pairs, title="Chronic obstructive pulmonary disease (COPD)", passages=[]) == []


def test_a_statement_naming_the_drug_with_part_of_the_condition_states_the_pair():
    question = "Is duloxetine effective for diabetic neuropathy pain?"
    pairs = asked_pairs(question, specific_terms(question))
    text = "Painful neuropathy is treated with amitriptyline, duloxetine, gabapentin or pregabalin."
    assert unstated_pairs(pairs, title="Peripheral neuropathy work-up", passages=[("Management", text)]) == []


def test_a_section_heading_is_read_with_its_statements():
    question = "Does prednisolone help COPD exacerbations?"
    pairs = asked_pairs(question, specific_terms(question))
    text = "Give prednisolone 30 mg daily for 5 days."
    assert unstated_pairs(pairs, title="Lung disease", passages=[("Management › Exacerbations", text)]) == []
    assert _labels(unstated_pairs(pairs, title="Lung disease", passages=[("Management", text)])) == [
        ("prednisolone", ["COPD", "exacerbations"])
    ]


def test_a_compound_the_title_names_in_part_has_no_fragment():
    question = "Is tezepelumab used for asthma exacerbations?"
    text = "Asthma attacks are treated with salbutamol. Exacerbations need a short course of prednisolone."
    labels = {"asthma", "exacerbations"}
    assert compound_fragments(question, specific_terms(question), text, labels) == {"asthma", "exacerbations"}
    assert compound_fragments(question, specific_terms(question), text, labels, title="Asthma in adults") == set()


def test_a_word_written_twice_is_read_where_each_is_written():
    question = "Is plantar strapping useful for plantar fasciitis?"
    runs = [[term.label for term in run] for run in compounds(question, specific_terms(question))]
    assert ["plantar", "fasciitis"] in runs


def test_a_drug_named_twice_is_asked_once():
    question = "Is ibuprofen safe, and does ibuprofen help for knee osteoarthritis?"
    pairs = asked_pairs(question, specific_terms(question))
    assert [(pair.asked.label, [term.label for term in pair.condition]) for pair in pairs] == [("ibuprofen", ["osteoarthritis"])]


DVT_PREGNANT = "How should a pregnant woman with a DVT be anticoagulated?"
D_DIMER = ("Pitfalls", "- D-dimer has low specificity, so a positive result is common in older people, pregnancy, cancer.")


def test_pregnancy_is_paired_with_every_other_term_of_the_question():
    assert _labels(population_pairs(specific_terms(DVT_PREGNANT))) == [("pregnant", ["DVT", "anticoagulated"])]


def test_a_question_with_nothing_but_the_population_has_no_population_pair():
    assert population_pairs(specific_terms("I'm 30 weeks pregnant and my hands go numb, will it go away?")) == []


def test_pregnancy_named_only_beside_other_things_is_unstated():
    pairs = population_pairs(specific_terms(DVT_PREGNANT))
    passages = [D_DIMER, ("Management", "- Offer apixaban or rivaroxaban to people with confirmed proximal DVT.")]
    assert unstated_pairs([], title="Deep vein thrombosis", passages=passages, populations=pairs) == pairs


def test_pregnancy_stated_with_one_other_term_is_stated():
    pairs = population_pairs(specific_terms(DVT_PREGNANT))
    passages = [D_DIMER, ("Special populations", "- In pregnancy, treat DVT with LMWH throughout.")]
    assert unstated_pairs([], title="Deep vein thrombosis", passages=passages, populations=pairs) == []


def test_a_source_titled_for_the_population_is_about_it_throughout():
    pairs = population_pairs(specific_terms("Which antihypertensive for chronic hypertension in pregnancy?"))
    passages = [("Management", "- Offer labetalol; consider nifedipine if labetalol is unsuitable.")]
    assert unstated_pairs([], title="Hypertension in pregnancy", passages=passages, populations=pairs) == []


def test_a_drug_asked_to_be_safe_with_a_condition_makes_a_pair_wherever_the_condition_was_first_written():
    # session 60: the COPD was told first, then asked about beside the beta-blocker; "beta-blocker" is a drug class
    question = "71M COPD, stable. New HFrEF. Cardiology want to start a beta-blocker (bisoprolol). Safe with his COPD?"
    assert sorted(_labels(asked_pairs(question, specific_terms(question)))) == [
        ("beta-blocker", ["COPD"]), ("bisoprolol", ["COPD"])
    ]
    assert _labels(asked_pairs("Is ibuprofen safe in CKD?", specific_terms("Is ibuprofen safe in CKD?"))) == [
        ("ibuprofen", ["CKD"])
    ]
    assert asked_pairs("Is ibuprofen safe?", specific_terms("Is ibuprofen safe?")) == []


def test_the_drug_another_would_replace_is_not_paired_with_the_population():
    # session 60: "instead of" names what the drug asked for would replace
    question = "im breastfeeding, can i have baloxavir instead of oseltamivir?"
    assert _labels(asked_pairs(question, specific_terms(question))) == [("baloxavir", ["breastfeeding"])]
    both = "im breastfeeding, can i have baloxavir or oseltamivir?"
    assert sorted(_labels(asked_pairs(both, specific_terms(both)))) == [
        ("baloxavir", ["breastfeeding"]), ("oseltamivir", ["breastfeeding"])
    ]
