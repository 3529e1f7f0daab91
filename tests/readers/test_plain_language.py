"""The glossary and plain-language moves on literal sentences: what they change, and what they leave alone."""

from medora.compose.faithfulness import check_faithful
from medora.readers.audience import plain_rewrites
from medora.readers.glossary import find_terms, to_lay
from medora.readers.plain import sentences_of, split_long, states_a_dose, without_doses, without_statistics


def test_terms_become_everyday_words_and_their_abbreviation_goes():
    assert to_lay("Give oxygen to a patient with myocardial infarction (MI) and hypoxia.") == (
        "Give oxygen to a patient with heart attack and low oxygen levels."
    )


def test_a_or_an_agrees_with_the_replacement_and_a_sentence_start_is_capitalised():
    assert to_lay("An MI is common. Hypertension raises the risk.") == (
        "A heart attack is common. High blood pressure raises the risk."
    )


def test_a_term_used_as_a_modifier_keeps_its_name():
    # 'a procedure to open the blocked heart artery centre' would not read: the term stays (and is explained)
    assert to_lay("Transfer the patient to a PCI centre.") == "Transfer the patient to a PCI centre."
    assert to_lay("PCI is preferred.") == "A procedure to open the blocked heart artery is preferred."


def test_a_plural_without_an_everyday_plural_keeps_the_term():
    assert to_lay("Diuretics relieve congestion.") == "Water tablets relieve congestion."
    assert to_lay("Statins lower cholesterol.") == "Statins lower cholesterol."


def test_abbreviations_match_only_as_written():
    assert [f.entry.term for f in find_terms("PE is a clot; a pe of 3 is not.")] == ["pulmonary embolism"]


def test_long_sentences_split_where_a_clause_ends_and_conditions_stay_whole():
    sentence = (
        "In suspected non-ST-elevation ACS, high-sensitivity cardiac troponin with a validated rapid algorithm rules "
        "myocardial infarction in or out, and the timing of angiography follows the patient's risk."
    )
    assert split_long(sentence) == [
        "In suspected non-ST-elevation ACS, high-sensitivity cardiac troponin with a validated rapid algorithm rules "
        "myocardial infarction in or out.",
        "The timing of angiography follows the patient's risk.",
    ]
    conditional = (
        "If the expected delay from diagnosis to PCI exceeds 120 minutes, give fibrinolysis, and transfer the patient "
        "to a PCI centre for angiography within 24 hours."
    )
    assert split_long(conditional) == [conditional]


def test_doses_are_amounts_of_medicine_not_lab_values():
    assert states_a_dose("Give amoxicillin 500 mg three times a day.")
    assert states_a_dose("Give 0.5 mg/kg.")
    assert not states_a_dose("Treat potassium above 6.5 mmol/L urgently.")
    assert not states_a_dose("Avoid it when eGFR is below 30 mL/min/1.73 m2.")


def test_a_dose_clause_is_taken_out_and_the_rest_kept():
    assert without_doses(
        "Give aspirin as a loading dose, which the ESC sets at 150–300 mg orally and the ACC/AHA at 162–325 mg, "
        "followed by a low daily dose."
    ) == "Give aspirin as a loading dose, followed by a low daily dose."
    assert without_doses("Give adrenaline 500 micrograms IM into the anterolateral thigh.") == (
        "Give adrenaline into the anterolateral thigh."
    )


def test_a_dose_with_a_condition_or_nothing_else_cannot_be_taken_out():
    assert without_doses("Amoxicillin 500 mg.") is None
    assert without_doses("Continue the statin, unless the dose exceeds 40 mg daily.") is None


def test_a_which_clause_after_a_comma_becomes_its_own_sentence():
    assert split_long(
        "Offer a neutral wrist splint worn at night, which improves symptoms in the short term compared with no "
        "treatment."
    ) == [
        "Offer a neutral wrist splint worn at night.",
        "This improves symptoms in the short term compared with no treatment.",
    ]


def test_a_second_instruction_after_or_or_and_do_not_is_split_off():
    assert split_long(
        "Add a CCB or water tablet to an ACE inhibitor or ARB, or add an ACE inhibitor, ARB or water tablet to a CCB."
    ) == ["Add a CCB or water tablet to an ACE inhibitor or ARB.", "Or add an ACE inhibitor, ARB or water tablet to a CCB."]
    assert split_long(
        "Do not use water tablets to prevent or treat sudden kidney damage, and do not use low-dose dopamine."
    ) == ["Do not use water tablets to prevent or treat sudden kidney damage.", "Do not use low-dose dopamine."]


def test_or_that_goes_on_with_the_same_clause_is_not_a_boundary():
    sentence = "Treat when blood pressure is 140/90 mmHg or higher in the clinic, or 135/85 mmHg at home on repeat checks."
    assert split_long(sentence) == [sentence]


def test_long_everyday_words_become_short_ones():
    assert to_lay("Surgery within 48 hours was associated with better outcomes in individuals who require it.") == (
        "Surgery within 48 hours was linked to better outcomes in people who need it."
    )
    assert to_lay("The clinical probability is low.") == "The clinical chance is low."


def test_a_term_whose_everyday_words_follow_a_noun_is_not_put_before_one():
    # 'after without a clear trigger DVT' would not read: the term stays where it stands before its noun
    assert to_lay("Think about extended treatment after unprovoked DVT.") == (
        "Think about extended treatment after unprovoked DVT."
    )
    assert to_lay("The clot was unprovoked.") == "The clot was without a clear trigger."


def test_a_rewrite_that_flips_the_claim_is_rejected_by_the_check():
    passage = "Early surgery was associated with better outcomes than later surgery, and steroids did not help."
    lay_passage = to_lay(passage)
    assert check_faithful("Early surgery was linked to better outcomes than later surgery.", lay_passage).supported
    assert not check_faithful("Early surgery was linked to worse outcomes than later surgery.", lay_passage).supported
    assert not check_faithful("Steroids did help.", lay_passage).supported


def test_because_keeps_its_own_subject_and_becomes_a_sentence():
    assert split_long(
        "Diagnosing otitis media from a red eardrum alone leads to overtreatment, because crying and fever can redden "
        "the membrane."
    ) == [
        "Diagnosing otitis media from a red eardrum alone leads to overtreatment.",
        "This is because crying and fever can redden the membrane.",
    ]


def test_a_second_instruction_after_and_is_split_off():
    assert split_long(
        "Take a history of pain, stiffness and function, and examine for effusion, deformity and muscle strength."
    ) == ["Take a history of pain, stiffness and function.", "Examine for effusion, deformity and muscle strength."]


def test_a_list_after_including_or_a_colon_becomes_its_own_sentence():
    assert split_long(
        "Screen adolescents and adults at increased risk, including people with HIV, people who inject drugs and "
        "household contacts."
    ) == [
        "Screen adolescents and adults at increased risk.",
        "These include people with HIV, people who inject drugs and household contacts.",
    ]
    assert split_long(
        "Blood clot in the lung can be excluded if all eight criteria are met: age under 50, heart rate under 100 and "
        "no earlier clot."
    ) == [
        "Blood clot in the lung can be excluded if all eight criteria are met.",
        "These are age under 50, heart rate under 100 and no earlier clot.",
    ]
    unfinished = "The three warning signs of this rare condition are: fever, new back pain and leg weakness."
    assert split_long(unfinished) == [unfinished]


def test_a_bare_noun_phrase_replaces_its_term_after_an_adjective():
    assert to_lay("Give interim anticoagulation if the wait is long.") == (
        "Give interim blood-thinning treatment if the wait is long."
    )
    assert to_lay("Chronic hypertension raises the risk.") == "Chronic high blood pressure raises the risk."


def test_a_clause_opening_with_a_pronoun_subject_becomes_its_own_sentence():
    assert split_long(
        "New high blood pressure after 20 weeks is gestational hypertension, and it becomes pre-eclampsia when protein "
        "appears in the urine."
    ) == [
        "New high blood pressure after 20 weeks is gestational hypertension.",
        "It becomes pre-eclampsia when protein appears in the urine.",
    ]


def test_whereas_between_two_findings_splits_even_when_the_second_subject_is_long():
    assert split_long(
        "A negative upper limb tension test makes radiculopathy less likely, whereas three or four positive cluster "
        "items substantially raise its probability."
    ) == [
        "A negative upper limb tension test makes radiculopathy less likely.",
        "Three or four positive cluster items substantially raise its probability.",
    ]


def test_because_splits_even_when_its_verb_comes_late():
    assert split_long(
        "Look actively for myelopathy, because gait disturbance, hand clumsiness or upper motor neuron signs change "
        "the urgency."
    ) == [
        "Look actively for myelopathy.",
        "This is because gait disturbance, hand clumsiness or upper motor neuron signs change the urgency.",
    ]


def test_a_second_instruction_after_a_bare_and_is_split_off_unless_a_negation_may_govern_it():
    assert split_long("Get an MRI scan within days and refer urgently to a spinal surgeon.") == [
        "Get an MRI scan within days.",
        "Refer urgently to a spinal surgeon.",
    ]
    negated = "Do not stop the statin and restart it at a lower dose without review."
    assert split_long(negated) == [negated]
    noun = "Offer structured exercise and use of walking aids to people with knee osteoarthritis."
    assert split_long(noun) == [noun]


def test_statistical_brackets_and_repeated_units_are_dropped_and_every_other_number_kept():
    assert without_statistics("Dapagliflozin reduced death (HR 0.83, 95% CI 0.71-0.97) in the trial [n = 4744].") == (
        "Dapagliflozin reduced death in the trial."
    )
    assert without_statistics("A creatinine rise of 0.3 mg/dL (26.5 µmol/L) or more within 48 hours.") == (
        "A creatinine rise of 0.3 mg/dL or more within 48 hours."
    )
    kept = "Severe (MRC grade 2 or less) weakness; GOLD 2 (50–79%); aged over 65 years (75 years) [1]."
    assert without_statistics(kept) == kept


def test_a_statistical_bracket_that_narrows_the_claim_stays():
    text = "Aspirin reduced strokes (only in women; HR 0.83) over ten years."
    assert without_statistics(text) == text


def test_patients_become_people_but_a_possessive_keeps_its_noun():
    assert to_lay("Most patients improve; the patients' choice matters; emergency patients wait.") == (
        "Most people improve; the patients' choice matters; emergency patients wait."
    )


def test_plain_rewrites_pass_the_check_and_a_flipped_or_swapped_version_of_them_does_not():
    passage = (
        "In the DAPA-HF trial, dapagliflozin reduced worsening heart failure (HR 0.74, 95% CI 0.65-0.85) in patients "
        "with reduced ejection fraction, whereas placebo did not change symptoms."
    )
    lay_passage = to_lay(passage)
    best = plain_rewrites(passage)[0]
    assert best == (
        "In the DAPA-HF trial, dapagliflozin reduced worsening heart failure in people with reduced ejection "
        "fraction. Placebo did not change symptoms."
    )
    assert all(check_faithful(piece, lay_passage).supported for piece in sentences_of(best))
    flipped = best.replace("did not change", "changed")
    swapped = best.replace("dapagliflozin", "empagliflozin")
    assert not check_faithful(sentences_of(flipped)[1], lay_passage).supported
    assert not check_faithful(sentences_of(swapped)[0], lay_passage).supported


def test_a_list_that_is_the_subject_of_a_later_verb_is_not_cut_off():
    subject = (
        "Features of another cause, such as a history of trauma, prolonged morning stiffness, rapid worsening or a hot "
        "swollen joint, should prompt consideration of other diagnoses."
    )
    assert split_long(subject) == [subject]
    colon = (
        "Upper motor neuron signs: spasticity, brisk reflexes, an extensor plantar response or fasciculations point to "
        "brain or cord causes."
    )
    assert split_long(colon) == [colon]


def test_a_lay_phrase_starting_with_the_word_before_it_does_not_repeat_it():
    assert to_lay("Give fluids to people with immunocompromise.") == "Give fluids to people with a weakened immune system."
    assert to_lay("Patients who are immunocompromised need antivirals.") == (
        "People who are living with a weakened immune system need medicines against viruses."
    )
    assert to_lay("Persistent vomiting needs review.") == "Lasting throwing up needs review."


def test_only_the_amounts_go_so_no_other_medicine_or_finding_is_lost():
    assert without_doses(
        "Moderate-intensity statins lower LDL cholesterol by 30–49% and include atorvastatin 10–20 mg, rosuvastatin "
        "5–10 mg and simvastatin 20–40 mg."
    ) == "Moderate-intensity statins lower LDL cholesterol by 30–49% and include atorvastatin, rosuvastatin and simvastatin."
    assert without_doses(
        "In the ASPRE trial, aspirin 150 mg at night from 11 to 14 weeks until 36 weeks in screen-positive women "
        "reduced preterm pre-eclampsia from 4.3% to 1.6%."
    ) == (
        "In the ASPRE trial, aspirin from 11 to 14 weeks until 36 weeks in screen-positive women reduced preterm "
        "pre-eclampsia from 4.3% to 1.6%."
    )
    assert without_doses(
        "For penicillin allergy, NICE lists clarithromycin 500 mg twice daily, or doxycycline 200 mg on day 1 then "
        "100 mg once daily, with erythromycin in pregnancy."
    ) == "For penicillin allergy, NICE lists clarithromycin, or doxycycline, with erythromycin in pregnancy."
    assert without_doses("NICE advises flucloxacillin 500 mg to 1 g four times daily for 5 to 7 days.") == (
        "NICE advises flucloxacillin for 5 to 7 days."
    )
    assert without_doses(
        "NICE advises phenoxymethylpenicillin 500 mg four times daily or 1,000 mg twice daily for adults for 5 to 10 days."
    ) == "NICE advises phenoxymethylpenicillin for adults for 5 to 10 days."


def test_a_route_joined_to_another_stays_with_it():
    assert without_doses("Give vancomycin 500 mg four times daily by mouth or nasogastric tube.") == (
        "Give vancomycin by mouth or nasogastric tube."
    )


def test_sizes_ratios_thresholds_and_test_loads_are_not_doses():
    assert not states_a_dose("A prostate estimated to be larger than 30 g or a PSA above 1.4 ng/mL.")
    assert not states_a_dose("Stage 2 is 2.0 to 2.9 times baseline, or urine output below 0.5 mL/kg/hour for 12 hours.")
    assert not states_a_dose("A3 is an ACR above 30 mg/mmol (above 300 mg/g).")
    assert not states_a_dose("A 2-hour plasma glucose of 200 mg/dL or higher during a 75 g oral glucose tolerance test.")
    assert not states_a_dose("Screen with a 50 g glucose challenge test at 24 to 28 weeks.")  # any test named after it
    assert not states_a_dose("KDIGO advises protein intake of 0.8 g/kg/day and sodium below 2 g a day.")


def test_an_amount_a_condition_is_measured_by_stays_and_a_main_clause_that_needs_its_amount_leaves_only_the_dose():
    assert without_doses(
        "Give intravenous hydrocortisone 200 mg per day when norepinephrine or epinephrine of 0.25 µg/kg/min or more "
        "has been needed for at least 4 hours."
    ) == (
        "Give intravenous hydrocortisone when norepinephrine or epinephrine of 0.25 µg/kg/min or more has been needed "
        "for at least 4 hours."
    )
    assert not states_a_dose("Add vasopressin when the norepinephrine dose reaches 0.25–0.5 µg/kg/min.")
    assert without_doses("The adult dose of oral oseltamivir is 75 mg twice daily for 5 days, reduced in renal impairment.") is None


def test_a_dose_clause_naming_a_medicine_said_nowhere_else_keeps_the_sentence_whole():
    sentence = "Treat the infection first, with doxycycline 200 mg or more on the first day."
    assert without_doses(sentence) == sentence


def test_a_clause_reporting_what_the_same_subject_notes_never_loses_its_subject():
    assert split_long(
        "The AGA suggests semaglutide as an option for adults, and notes that it may be prioritised for most people."
    ) == [
        "The AGA suggests semaglutide as an option for adults.",
        "The AGA notes that it may be prioritised for most people.",
    ]
    sentence = "Weight loss with semaglutide lasted for two years, and means that fewer people regain weight."
    assert split_long(sentence) == [sentence]


def test_the_last_item_of_a_list_is_not_split_off_as_a_sentence():
    listed = (
        "Treat with intravenous fluids, a fixed-rate insulin infusion, potassium replacement guided by measurement, "
        "and treatment of the precipitating cause."
    )
    assert split_long(listed) == [listed]
    assert split_long(
        "A positive result is common in older people, pregnancy, cancer, infection and after surgery, and it should "
        "not be used alone."
    ) == [
        "A positive result is common in older people, pregnancy, cancer, infection and after surgery.",
        "It should not be used alone.",
    ]


def test_a_guideline_bodys_second_statement_becomes_a_sentence_naming_the_body_again():
    assert split_long(
        "The AAOS advises against routine postoperative splinting or supervised treatment, and supports NSAIDs or "
        "paracetamol for postoperative pain."
    ) == [
        "The AAOS advises against routine postoperative splinting or supervised treatment.",
        "The AAOS supports NSAIDs or paracetamol for postoperative pain.",
    ]
    # three statements in a row: the first two would be left joined by a bare comma, so no cut
    three = "NICE recommends sertraline first, limits benzodiazepines to a crisis, and advises against antipsychotics."
    assert split_long(three) == [three]
    # a subject that is not a guideline body is not repeated
    sepsis = "Septic shock needs vasopressors to keep the MAP at 65 mmHg, and has a mortality above 40%."
    assert split_long(sepsis) == [sepsis]


def test_a_reason_after_a_bare_because_becomes_its_own_sentence_but_never_after_a_negation():
    assert split_long("Refer for specialist review because tendon transfer helps some people with permanent foot drop.") == [
        "Refer for specialist review.",
        "This is because tendon transfer helps some people with permanent foot drop.",
    ]
    negated = "Do not withhold antivirals from a person in hospital because more than 48 hours have passed."
    assert split_long(negated) == [negated]  # 'not just because': cut, it would say the opposite
    with_comma = "Do not withhold antivirals from a person in hospital, because more than 48 hours have passed."
    assert split_long(with_comma) == [with_comma]  # the comma changes nothing
    pitfall = "Missing cauda equina syndrome because bladder and bowel function were not asked about."
    assert split_long(pitfall) == [pitfall]
    assert split_long("The ESC removed the sex criterion from the score because of its weak effect on risk.") == [
        "The ESC removed the sex criterion from the score because of its weak effect on risk."
    ]


def test_which_with_its_own_subject_is_not_turned_into_this():
    sentence = "For severe radicular pain, consider a steroid injection, which NASS regards as an option for relief."
    assert split_long(sentence) == [sentence]
    assert split_long(
        "Post-void bladder scanning can add information but a normal result does not exclude the diagnosis."
    ) == ["Post-void bladder scanning can add information.", "But a normal result does not exclude the diagnosis."]


def test_a_second_that_clause_stays_with_the_verb_that_governs_it():
    sentence = (
        "The AAOS concludes that corticosteroid injection does not help in the long term, and that platelet-rich "
        "plasma injection gives no long-term benefit."
    )
    assert split_long(sentence) == [sentence]


def test_a_label_before_a_colon_keeps_its_list():
    labelled = "Urgent spinal surgical referral: MRC grade 2 or less, worsening weakness, or new bladder symptoms."
    assert split_long(labelled) == [labelled]  # 'Urgent referral. These are MRC grade 2 …' would name the wrong thing


def test_a_list_the_sentence_goes_on_after_is_not_cut_off_as_these_include():
    sentence = (
        "Refer when there are complications such as retention, recurrent infection or renal impairment, or when drug "
        "treatment has failed."
    )
    assert split_long(sentence) == [sentence]


def test_which_after_a_medicine_names_that_medicine_not_this():
    assert split_long(
        "Ulipristal acetate can be taken up to 120 hours after intercourse and is more effective than levonorgestrel, "
        "which is licensed up to 72 hours."
    ) == [
        "Ulipristal acetate can be taken up to 120 hours after intercourse and is more effective than levonorgestrel.",
        "Levonorgestrel is licensed up to 72 hours.",
    ]


def test_a_verb_with_its_preposition_after_and_keeps_the_subject_said_before():
    sentence = (
        "The regimen adds little when potassium is above 5.5 mmol/L, and calls for senior review and extra potassium "
        "when it is low."
    )
    assert split_long(sentence) == [sentence]  # not 'Calls for senior review …' without a subject
    assert split_long(
        "JBDS adds no potassium when it is above 5.5 mmol/L, and calls for senior review when it is below 3.5 mmol/L."
    ) == ["JBDS adds no potassium when it is above 5.5 mmol/L.", "JBDS calls for senior review when it is below 3.5 mmol/L."]
