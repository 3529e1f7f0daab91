"""What a question specifically asks for, and the bottom line led by the sentence that says it."""

from medora.compose.ask import Ask, dosed_drugs, says_ask, specific_ask
from medora.compose.extractive import candidates_from
from medora.compose.layout import lead_with_ask, lead_with_emergency
from medora.compose.red_flags import evidence_flags
from medora.compose.terms import specific_terms
from tests.conftest import make_evidence


def test_the_ask_is_read_from_the_wording():
    assert specific_ask("ST elevation on the ECG — how quickly should primary PCI happen?").kind == "timing"
    assert specific_ask("Adult dose of intramuscular adrenaline for anaphylaxis and how long to observe").kind == "dose"
    assert specific_ask("CHA2DS2-VASc of 2 in a man with AF: DOAC or warfarin?") == Ask(
        "choice", (("DOAC", "directly acting oral anticoagulants"), ("warfarin",))
    )
    assert specific_ask("Sore throat with FeverPAIN score 4: antibiotic or not?") is None
    assert specific_ask("Wells DVT 1, D-dimer positive - next step and in what timeframe?").kind == "timing"
    drugs = specific_ask("Does empagliflozin reduce mortality?", specific_terms("Does empagliflozin reduce mortality?"))
    assert drugs.kind == "names" and "empagliflozin" in drugs.options[0]


def test_a_sentence_says_the_ask_with_its_unit_or_both_options():
    assert says_ask("Primary PCI is preferred when it can be delivered within 120 minutes.", Ask("timing"))
    assert not says_ask("Primary PCI is the preferred reperfusion strategy.", Ask("timing"))
    assert says_ask("Give 500 micrograms intramuscularly.", Ask("dose"))
    assert not says_ask("Give adrenaline intramuscularly.", Ask("dose"))
    choice = specific_ask("DOAC or warfarin?")
    assert says_ask("A direct oral anticoagulant (DOAC) is preferred over warfarin.", choice)
    assert not says_ask("Warfarin needs INR monitoring.", choice)


def test_the_bottom_line_leads_with_the_sentence_that_gives_the_timing():
    question = "How quickly should primary PCI happen after ST elevation?"
    evidence = [
        make_evidence(1, "Record an ECG in anyone with chest pain without delay."),
        make_evidence(2, "Primary PCI should happen within 120 minutes of ST elevation being diagnosed."),
    ]
    first, second = candidates_from(evidence, question)
    led = lead_with_ask([first], [first, second], specific_ask(question), question)
    assert [c.evidence.passage_id for c in led] == [2, 1]
    assert lead_with_ask([first], [first], specific_ask(question), question) == [first]


def test_the_lead_shares_the_question_words_its_source_title_does_not_already_name():
    question = "When should allopurinol be started after an acute gout flare?"
    urate = make_evidence(1, "A urate below this during a flare does not exclude gout, so repeat it at least 2 weeks "
                             "after the flare has settled.")
    starting = make_evidence(2, "NICE suggests starting at least 2 to 4 weeks after a flare settles, or during a "
                                "flare if flares are frequent.")
    for item in (urate, starting):
        item.source.title = "Gout — diagnosis, flare treatment and urate-lowering therapy"
    first, second = candidates_from([urate, starting], question)
    led = lead_with_ask([first], [first, second], specific_ask(question), question)
    assert [c.evidence.passage_id for c in led] == [2, 1]


def test_a_question_about_a_population_is_led_by_a_sentence_naming_it_not_its_negation():
    from medora.compose.layout import lead_with_population, names_population

    question = "How should asthma be treated in pregnancy?"
    terms = specific_terms(question)
    pregnancy = next(term for term in terms if term.kind == "population")
    assert not names_population("Treat as in non-pregnant adults.", pregnancy)
    assert names_population("In pregnancy, continue usual asthma medicines.", pregnancy)
    assert names_population("Pregnant women should continue inhalers, unlike non-pregnant adults.", pregnancy)
    general, pregnant = candidates_from(
        [make_evidence(1, "Diagnose asthma from variable symptoms plus objective tests."),
         make_evidence(2, "In pregnancy, usual asthma medicines should be continued.")],
        question,
    )
    assert lead_with_population([general], [general, pregnant], terms, question) == [pregnant, general]
    pregnant.evidence.source.title = "Asthma in pregnancy"  # a source about the group: its order is kept
    general.evidence.source.title = "Asthma in pregnancy"
    assert lead_with_population([general], [general, pregnant], terms, question) == [general]


def _overview_passages(texts: list[str], title: str) -> list:
    """One overview's passages (its title on each), as lead_with_asked_part reads them."""
    evidence = [make_evidence(1, text) for text in texts]
    for item in evidence:
        item.source.title = title
    return evidence


def test_an_overview_answer_is_led_by_its_sentence_on_the_part_of_the_topic_asked_about():
    from medora.compose.layout import asked_beyond_title, lead_with_asked_part

    question = "How can recurrent leg cellulitis be prevented?"
    title = "Cellulitis and erysipelas in adults"
    texts = [
        "Typical non-purulent cellulitis is usually caused by streptococci, so treat them.",
        "In people with 2 or more episodes of leg cellulitis, penicillin reduced recurrence.",
        "Stasis dermatitis of the leg is the commonest mimic of cellulitis.",
        "Blood cultures are not routinely needed in mild infection.",
        "A 5-day course of flucloxacillin is usually enough.",
        "Severe pain out of proportion to the signs suggests necrotising infection.",
    ]
    evidence = _overview_passages(texts, title)
    treat, prevent, mimic, *others = candidates_from(evidence, question)
    led = lead_with_asked_part([treat], [treat, prevent, mimic, *others], question, evidence[0])
    assert led == [prevent, treat]
    # one shared word ("leg") is chance: the overview's own bottom line stays
    assert lead_with_asked_part([treat], [treat, mimic, *others], question, evidence[0]) == [treat]
    # the describing part is not asked: "with peaked T waves" is given, the treatment is asked for
    assert asked_beyond_title("Leg cellulitis again with a recurrence, what is the immediate treatment?", title) == [
        (frozenset({"immedi"}),)
    ]
    # in everyday words, "stop it coming back" asks about recurrence: one unit, however many words name it
    lay = "is there anything to stop it coming back in the same leg?"
    units = asked_beyond_title(lay, title)
    assert (frozenset({"leg"}),) in units
    assert any(frozenset({"recurr"}) in unit and frozenset({"relaps"}) in unit for unit in units)
    assert not {"come", "back"} & {word for unit in units for phrase in unit for word in phrase}


def test_an_abbreviation_asked_about_is_named_by_what_it_stands_for_and_counts_as_two_words():
    """Session 32: "When should NIV be started in COPD?" was led by the COPD overview's line on suspecting COPD."""
    from medora.compose.layout import asked_beyond_title, lead_with_asked_part

    question = "When should NIV be started in COPD?"
    title = "Chronic obstructive pulmonary disease (COPD)"
    texts = [
        "Suspect COPD in people over 35 with a risk factor such as smoking.",
        "Non-invasive ventilation is indicated for acute hypercapnic respiratory failure with arterial pH of 7.35.",
        "Offer pulmonary rehabilitation to people with COPD.",
        "Smoking cessation is the most effective treatment.",
        "Inhaled corticosteroids are reserved for patients with exacerbations.",
        "A post-bronchodilator FEV1/FVC ratio below 0.70 confirms obstruction.",
    ]
    evidence = _overview_passages(texts, title)
    assert asked_beyond_title(question, title) == [(frozenset({"niv"}), frozenset({"non", "invas", "ventil"}))]
    suspect, niv, *others = candidates_from(evidence, question)
    assert lead_with_asked_part([suspect], [suspect, niv, *others], question, evidence[0]) == [niv, suspect]
    # one plain word asked about is still chance
    plain = "When should rehabilitation be started in COPD?"
    assert lead_with_asked_part([suspect], [suspect, niv, *others], plain, evidence[0]) == [suspect]


def test_a_choice_written_in_clinical_shorthand_is_named_by_what_it_stands_for():
    choice = specific_ask("STEMI dx at rural hosp, nearest PCI centre >2h away - lyse or transfer?")
    assert choice is not None and choice.kind == "choice"
    assert says_ask("After fibrinolysis, transfer the patient to a PCI centre.", choice)
    assert not says_ask("Transfer the patient to a PCI centre.", choice)


def test_a_lead_that_states_the_ask_keeps_its_place_before_the_emergency_line():
    question = "STEMI, PCI centre over 2 hours away - lyse or transfer?"
    ecg = make_evidence(1, "Record a 12-lead ECG within 10 minutes in anyone with suspected acute coronary syndrome.")
    lysis = make_evidence(2, "After fibrinolysis, transfer the patient to a PCI centre for angiography.")
    flags = evidence_flags(ecg.text)
    assert flags and not evidence_flags(lysis.text), "the ECG line must raise the notice for this test to mean anything"
    first, second = candidates_from([ecg, lysis], question)
    ask = specific_ask(question)
    assert [c.evidence.passage_id for c in lead_with_emergency([second, first], [first, second], flags, ask)] == [2, 1]
    assert [c.evidence.passage_id for c in lead_with_emergency([second, first], [first, second], flags)] == [1, 2]
    timing = specific_ask("How soon after the ECG should he be transferred?")
    assert [c.evidence.passage_id for c in lead_with_emergency([second, first], [first, second], flags, timing)] == [
        1, 2
    ]


def test_the_drugs_whose_dose_is_asked_are_those_written_beside_dose_or_the_patients_own():
    from medora.compose.ask import dosed_drugs

    def dosed(question: str) -> list[str]:
        return [term.label for term in dosed_drugs(question, specific_terms(question))]

    assert dosed("what dose of colchicine for a gout flare?") == ["colchicine"]
    assert dosed("tenecteplase dose for acute ischaemic stroke") == ["tenecteplase"]
    assert dosed("72F on apixaban for AF, eGFR 28, weight 58 kg. Is her dose right?") == ["apixaban"]
    # a count or an order of doses is a schedule; a dose to change, or a class, is no one drug's amount
    assert dosed("recombinant zoster vaccine 2nd dose interval in immunosuppressed pt") == []
    assert dosed("TSH still raised on levothyroxine 150 mcg - increase the dose or add liothyronine?") == []
    assert dosed("haloperidol for agitated delirium - how long and how to dose") == []
    assert dosed("Does colchicine help in gout?") == []


def test_a_dose_is_led_by_the_sentence_giving_it_though_only_the_title_names_the_condition():
    question = "how much adrenaline in anaphylaxis?"
    definition = make_evidence(1, "Anaphylaxis is a severe, life-threatening systemic hypersensitivity reaction.")
    dose = make_evidence(2, "Give intramuscular adrenaline 1 mg/mL into the anterolateral thigh at 500 micrograms.")
    for item in (definition, dose):
        item.source.title = "Anaphylaxis — emergency treatment and follow-up"
    first, second = candidates_from([definition, dose], question)
    assert lead_with_ask([first], [first, second], specific_ask(question), question) == [second, first]


def test_a_target_is_asked_and_stated_with_a_value_and_its_measure_named():
    from medora.compose.ask import targeted_terms

    assert specific_ask("Target MAP in septic shock?").kind == "target"
    assert specific_ask("What INR should I aim for on warfarin?").kind == "target"
    assert specific_ask("Is there target organ damage in hypertension?") is None
    assert says_ask("Aim for a serum urate below 360 micromol/L.", Ask("target"))
    assert says_ask("Titrate oxygen to a saturation of 88–92%.", Ask("target"))
    assert not says_ask("Treatment should target streptococci.", Ask("target"))  # no value
    assert not says_ask("Assess for target organ damage with an ECG and 12 tests.", Ask("target"))
    # a number that is no value the target takes (session 51: it led "What blood pressure target should I aim for?")
    assert not says_ask("In people with type 2 diabetes or age 80 or over, also measure standing blood pressure, and "
                        "use it for the target if there is a significant postural drop.", Ask("target"))
    assert says_ask("NICE targets clinic pressure below 140/90 mmHg under age 80.", Ask("target"))
    assert says_ask("Keep the target INR 2.5 for mechanical valves.", Ask("target"))

    def targeted(question: str) -> list[str]:
        return [term.label for term in targeted_terms(question, specific_terms(question))]

    assert targeted("What is the target INR for AF?") == ["INR"]
    assert targeted("What INR should I aim for on warfarin?") == ["INR"]
    assert targeted("LDL target for secondary prevention NICE") == ["LDL"]  # the population after "for" is not it
    assert targeted("Target MAP in septic shock?") == ["MAP"]  # read as mean arterial pressure since session 71


def test_a_dose_asked_of_a_drug_leads_with_its_dose_though_no_other_word_is_shared():
    question = "Flushing, urticaria and wheeze after a wasp sting. Adrenaline dose?"
    evidence = [
        make_evidence(1, "Anaphylaxis is a severe, life-threatening systemic hypersensitivity reaction."),
        make_evidence(2, "Give intramuscular adrenaline at 500 micrograms for adults."),
    ]
    first, second = candidates_from(evidence, question)
    led = lead_with_ask([first], [first, second], specific_ask(question), question)
    assert [c.evidence.passage_id for c in led] == [2, 1]


def test_a_synonym_completes_an_option_the_sentence_half_names_but_never_stands_for_it_alone():
    question = "Shingles vaccine at 65, which one?"
    ask = specific_ask(question, specific_terms(question))
    evidence = [
        make_evidence(1, "Check vaccine records at every opportunity."),
        make_evidence(2, "Adults aged 50 or over should be offered two doses of recombinant zoster vaccine."),
    ]
    first, second = candidates_from(evidence, question)
    assert [c.evidence.passage_id for c in lead_with_ask([first], [first, second], ask, question)] == [2, 1]
    question = "what is the best treatment for long term insomnia, i dont want sleeping pills"
    ask = specific_ask(question, specific_terms(question))
    evidence = [
        make_evidence(1, "Cognitive behavioural therapy is the first-line treatment for chronic insomnia."),
        make_evidence(2, "Continuing a hypnotic indefinitely conflicts with short-term use."),
    ]
    first, second = candidates_from(evidence, question)
    assert lead_with_ask([first], [first, second], ask, question) == [first]


def test_a_question_stating_a_situation_is_led_by_the_overview_line_opening_on_it():
    """Session 46: "… cellulitis in an adult with penicillin allergy?" was led by the flucloxacillin line written
    for everyone; the overview's "For penicillin allergy, …" line, with its aside for pregnancy, now leads."""
    from medora.compose.layout import lead_on_the_stated_situation

    title = "Cellulitis and erysipelas in adults"
    texts = [
        "Typical non-purulent cellulitis is usually caused by streptococci, so treat with flucloxacillin.",
        "For penicillin allergy, NICE lists clarithromycin 500 mg twice daily, or doxycycline 200 mg on day 1 then"
        " 100 mg once daily, with erythromycin in pregnancy.",
        "For infection near the eyes or nose, NICE advises co-amoxiclav.",
        "Stasis dermatitis of the leg is the commonest mimic of cellulitis.",
        "A 5-day course is usually enough.",
    ]
    evidence = _overview_passages(texts, title)
    question = "Which antibiotic for non-purulent leg cellulitis in an adult with penicillin allergy?"
    treat, allergy, eyes, *others = candidates_from(evidence, question)
    chosen = [treat, allergy, eyes, *others]
    assert lead_on_the_stated_situation([treat], chosen, question, evidence[0]) == [allergy, treat]
    # a situation the question does not state leads nothing: no penicillin allergy, no eyes
    plain = "Which antibiotic for non-purulent leg cellulitis in an adult?"
    assert lead_on_the_stated_situation([treat], chosen, plain, evidence[0]) == [treat]
    # a line for another group than the question's does not lead: a child is not the adult the line is written for
    child = "Which antibiotic for leg cellulitis in a child with penicillin allergy?"
    adults_only = _overview_passages(["For penicillin allergy in adults, give clarithromycin."], title)
    for_children = candidates_from(adults_only, child)
    assert lead_on_the_stated_situation([treat], [treat, *for_children], child, evidence[0]) == [treat]


def test_an_aside_for_one_group_does_not_keep_a_line_from_everyone_else():
    from medora.compose.leads import holds_for_the_question

    line = ("For penicillin allergy, NICE lists clarithromycin 500 mg twice daily, or doxycycline 200 mg on day 1 then"
            " 100 mg once daily, with erythromycin in pregnancy [@nice-ng141].")
    title = "Cellulitis and erysipelas in adults"
    assert holds_for_the_question(line, "Leg cellulitis with penicillin allergy: which antibiotic?", title)
    assert holds_for_the_question(line, "Leg cellulitis with penicillin allergy, 20 weeks pregnant: which?", title)
    assert not holds_for_the_question(line, "my child has cellulitis and a penicillin allergy", title)
    # a line that is all aside, with no statement for everyone before it, still holds only for its group
    assert not holds_for_the_question("Use labetalol, or nifedipine in pregnancy.", "Which drug for hypertension?")


def test_which_dose_a_time_is_counted_from_is_no_dose_asked():
    # session 63: "before 1st Entresto dose" asked a time, and the heart-failure overview was partial for no dose
    question = "Switch ramipril to sacubitril-valsartan. How long after last ACEi dose before 1st Entresto dose?"
    assert dosed_drugs(question, specific_terms(question)) == []
    asked = "what Entresto dose to start?"
    assert [term.label for term in dosed_drugs(asked, specific_terms(asked))] == ["Entresto"]
    # …nor the first dose of a pair of drugs in one tablet (session 64)
    paired = "How long after the last ramipril dose can the first sacubitril-valsartan dose be given?"
    assert dosed_drugs(paired, specific_terms(paired)) == []
