"""Other ways a source writes the question's specific terms (compose/variants.py, compose/terms.py)."""

from medora.compose.abbreviations import with_abbreviations_spelled_out
from medora.compose.terms import answers_terms, covered_terms, specific_terms
from medora.compose.variants import defined_abbreviations, one_edit_apart, with_abbreviations, with_spellings

ALS_QUESTION = "Should perampanel be used for amyotrophic lateral sclerosis?"


def test_definitions_are_read_as_the_writers_give_them():
    text = "Amyotrophic lateral sclerosis (ALS) is a motor neuron disease. Alopecia areata (AA) is not."
    # Schwartz–Hearst reads "AA" as "areata" (both letters occur in it); a one-word long form is not taken
    assert defined_abbreviations(text) == {"ALS": "Amyotrophic lateral sclerosis"}


def test_an_abbreviation_defined_in_the_evidence_names_the_spelled_out_term():
    evidence = "Perampanel was tried in amyotrophic lateral sclerosis (ALS), a motor neuron disease."
    terms = with_abbreviations(ALS_QUESTION, specific_terms(ALS_QUESTION), evidence)
    assert covered_terms("Perampanel in ALS: a randomised trial", terms) == {"perampanel", "amyotrophic", "sclerosis"}
    assert covered_terms("Perampanel in ALS: a randomised trial", specific_terms(ALS_QUESTION)) == {"perampanel"}


def test_an_abbreviation_is_matched_as_written():
    evidence = "Baricitinib works in rheumatoid arthritis (RA)."
    question = "Is baricitinib effective for rheumatoid arthritis?"
    terms = with_abbreviations(question, specific_terms(question), evidence)
    assert covered_terms("Baricitinib in active RA", terms) == {"baricitinib", "rheumatoid", "arthritis"}
    assert covered_terms("Baricitinib in active ra", terms) == {"baricitinib"}


def test_an_abbreviation_defined_in_the_question_stands_for_its_long_form():
    terms = specific_terms("Is Functional Neurological Disorder (FND) a psychosomatic disorder?")
    assert covered_terms("Functional neurological disorder is psychosomatic in origin.", terms) == {
        "Neurological", "FND", "psychosomatic",
    }


def test_a_spelled_out_term_in_the_table_is_named_by_its_abbreviation():
    terms = specific_terms("Is roflumilast useful in chronic obstructive pulmonary disease?")
    assert covered_terms("Roflumilast in severe COPD", terms) == {"roflumilast", "obstructive", "pulmonary"}


def test_the_question_plural_is_named_by_the_text_singular():
    terms = specific_terms("Which mRNAs are sequestered in stress granules?")
    assert covered_terms("Each mRNA found in stress granules was sequestered.", terms) == {
        "mRNAs", "sequestered", "granules",
    }


def test_a_drug_class_is_named_by_a_member_but_a_drug_is_not_named_by_its_class():
    sglt2 = specific_terms("Do SGLT2 inhibitors help in heart failure with preserved ejection fraction?")
    assert [(t.label, t.member_stems) for t in sglt2 if t.kind == "drug"] == [("SGLT2 inhibitors", ("gliflozin",))]
    trial = "Empagliflozin in heart failure with a preserved ejection fraction"
    assert covered_terms(trial, sglt2) == {"SGLT2 inhibitors", "ejection"}
    empagliflozin = specific_terms("Does empagliflozin help in heart failure with preserved ejection fraction?")
    assert covered_terms("SGLT2 inhibitors in heart failure with preserved ejection fraction", empagliflozin) == {
        "ejection"
    }


def test_a_class_stem_needs_a_prefix_of_its_own():
    antibodies = specific_terms("Are monoclonal antibodies effective for preventing migraine?")
    assert covered_terms("Galcanezumab prevents migraine", antibodies) == {"monoclonal antibodies", "migraine"}
    assert covered_terms("A MAB trial in migraine", antibodies) == {"migraine"}


def test_a_near_miss_drug_is_still_missing_when_the_source_names_only_its_class():
    terms = specific_terms("Is erenumab effective for preventing chronic migraine?")
    text = "Monoclonal antibodies against CGRP prevent chronic migraine (CM)."
    assert covered_terms(text, terms) == {"migraine"}
    assert answers_terms(covered_terms(text, terms), terms) is False


def test_a_misspelt_word_takes_the_one_evidence_word_an_edit_away():
    question = "Is the Paramyxovirus geneome segmented?"
    evidence = "The paramyxovirus genome is a single, non-segmented strand."
    terms = with_spellings(specific_terms(question), evidence)
    assert [t.forms for t in terms if t.label == "geneome"] == [("geneome", "genome")]
    assert one_edit_apart("cycloxygenase", "cyclooxygenase") and one_edit_apart("phopshorylated", "phosphorylated")
    assert not one_edit_apart("cytisine", "cysteine")


def test_a_near_miss_drug_is_not_respelt_into_another_drug():
    terms = with_spellings(specific_terms("Does ensifentrine improve breathlessness in COPD?"), "Tiotropium in COPD.")
    assert [t.forms for t in terms if t.label == "ensifentrine"] == [("ensifentrine",)]


def test_a_drug_name_runs_across_a_hyphenated_suffix():
    terms = specific_terms("Is sacituzumab govitecan effective for breast cancer?")
    assert covered_terms("Sacituzumab govitecan-hziy in triple-negative breast cancer", terms) == {
        "sacituzumab govitecan", "breast cancer"
    }


def test_importing_the_abbreviation_detector_leaves_the_root_logger_alone():
    import subprocess
    import sys

    code = "import logging, medora.compose.variants; r = logging.getLogger(); print(r.level, len(r.handlers))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split() == ["30", "0"]


def test_an_nsaid_or_a_triptan_is_named_by_its_class():
    ibuprofen = specific_terms("Does ibuprofen help a migraine attack?")
    assert covered_terms("NSAIDs and triptans treat migraine attacks", ibuprofen) == {"ibuprofen", "migraine"}
    sumatriptan = specific_terms("How soon should sumatriptan be taken in a migraine attack?")
    assert "sumatriptan" in covered_terms("Take a triptan early in the attack", sumatriptan)
    assert "sumatriptan" not in covered_terms("Take an NSAID early in the attack", sumatriptan)


def test_a_nicotine_product_is_named_by_nicotine_replacement_therapy():
    gum = specific_terms("am I allowed to use nicotine gum or patches in pregnancy?")
    assert covered_terms("NICE advises that NRT can be used in pregnancy", gum) == {"nicotine gum", "pregnancy"}
    assert "nicotine patch" in covered_terms("Offer nicotine replacement therapy", specific_terms("nicotine patch?"))
    assert "nicotine gum" not in covered_terms("Varenicline is preferred", gum)


def test_a_loop_diuretic_is_named_by_its_own_class_only():
    furosemide = specific_terms("Heart failure with swollen ankles on furosemide: what next?")
    assert "furosemide" in covered_terms("Loop diuretics relieve congestion", furosemide)
    # "diuretics" alone holds the potassium-sparing ones too, "thiazide-like" is not bendroflumethiazide
    assert "furosemide" not in covered_terms("Offer urate-lowering therapy to people on diuretic therapy", furosemide)
    thiazide = specific_terms("Resistant hypertension on bendroflumethiazide: what next?")
    assert "bendroflumethiazide" not in covered_terms("Offer a thiazide-like diuretic such as indapamide", thiazide)


def test_the_patients_own_sglt2_inhibitor_or_mra_is_named_by_its_class():
    empagliflozin = specific_terms("53F T2DM on empagliflozin, vomiting, ketones 5.1. Start insulin now?")
    assert "empagliflozin" in covered_terms("SGLT2 inhibitors can cause DKA with near-normal glucose", empagliflozin)
    asked = specific_terms("Is canagliflozin effective in heart failure?")  # asked about: the class is not the drug
    assert "canagliflozin" not in covered_terms("SGLT2 inhibitors reduce heart failure admissions", asked)
    kept = specific_terms("53F T2DM on empagliflozin, now 8 weeks pregnant. Can she continue it?")  # asked about too
    assert "empagliflozin" not in covered_terms("SGLT2 inhibitors can cause DKA", kept)
    spironolactone = specific_terms("Man on spironolactone with a potassium of 6.7: what first?")
    assert "spironolactone" in covered_terms("Potassium-sparing diuretics raise potassium", spironolactone)


def test_the_patients_own_anticoagulant_is_named_by_a_line_on_people_taking_anticoagulants():
    # session 45: the dementia overview's lecanemab "is not recommended for people taking anticoagulants"
    own = specific_terms("my dad is on apixaban for his heart, would he get that new alzheimers drug lecanemab")
    assert "apixaban" in covered_terms("It is not recommended for people taking anticoagulants", own)
    warfarin = specific_terms("A man on warfarin needs a tooth out: which painkiller?")
    assert "warfarin" in covered_terms("Avoid NSAIDs in people taking anticoagulants", warfarin)
    asked = specific_terms("Is apixaban better than warfarin after a DVT?")  # asked about: a class line is no answer
    assert covered_terms("Offer anticoagulants for at least 3 months", asked) == set()


def test_a_word_inside_a_synonym_phrase_is_named_by_the_phrases_synonyms():
    question = "42M, known L4/5 disc prolapse, now numb around the back passage. Urgent MRI?"
    (prolapse,) = [t for t in specific_terms(question) if t.label == "prolapse"]
    text = "People with known lumbar disc herniation under conservative care are the group most at risk."
    assert "prolapse" in covered_terms(text, [prolapse])
    # a prolapse not written as a disc's keeps its own word only (session 26)
    (uterine,) = [t for t in specific_terms("Is a vaginal pessary used for uterine prolapse?") if t.label == "prolapse"]
    assert covered_terms(text, [uterine]) == set()


def test_a_long_acting_insulin_is_named_as_the_dka_overview_writes_it():
    question = "DKA on a fixed-rate infusion: should his glargine go on?"
    (glargine,) = [t for t in specific_terms(question) if t.kind == "drug"]
    assert covered_terms("Continue subcutaneous long-acting insulin.", [glargine]) == {"glargine"}


def test_steroids_are_named_by_a_glucocorticoid_and_dextrose_by_glucose():
    (steroids,) = [t for t in specific_terms("Septic shock, norad 0.3 for 5 h - start steroids? dose?")
                   if t.label == "steroids"]
    assert covered_terms("Give intravenous hydrocortisone 200 mg per day.", [steroids]) == {"steroids"}
    assert covered_terms("Use norepinephrine as the first-line vasopressor.", [steroids]) == set()
    # a single glucocorticoid is still not named by another, nor by the class
    (dex,) = [t for t in specific_terms("Should I give dexamethasone in septic shock?") if t.label == "dexamethasone"]
    assert covered_terms("Give intravenous hydrocortisone 200 mg per day.", [dex]) == set()
    (dextrose,) = [t for t in specific_terms("K+ 6.8 - what follows the dextrose?") if t.label == "dextrose"]
    assert covered_terms("Give 10 units of soluble insulin with 25 g of glucose.", [dextrose]) == {"dextrose"}


def test_an_alpha_blocker_is_named_by_its_class():
    terms = specific_terms("gp offered tamsulosin but he has his cataract op booked next month, does that matter?")
    text = "Men planning cataract surgery should tell their ophthalmologist if they take an alpha-blocker."
    assert covered_terms(text, terms) == {"tamsulosin", "cataract"}
    # one alpha-blocker is not named by another
    assert covered_terms("Doxazosin lowers blood pressure.", specific_terms("Is tamsulosin safe?")) == set()


def test_a_z_drug_and_an_ace_inhibitor_are_named_by_the_classes_sources_write():
    (zopiclone,) = specific_terms("83-year-old man, two falls, takes zopiclone. What should the review focus on?")
    assert covered_terms("Reduce fall-risk-increasing drugs, particularly sedatives.", [zopiclone]) == {"zopiclone"}
    lisinopril = [t for t in specific_terms("K 6.7 on lisinopril: next step?") if t.label == "lisinopril"]
    assert covered_terms("so that beneficial RAAS inhibitor treatment can continue", lisinopril) == {"lisinopril"}
    # two Z-drugs asked between are not told apart by their class
    both = specific_terms("Is zolpidem better than zopiclone?")
    assert covered_terms("Hypnotics are for short-term use only.", both) == set()


def test_a_combination_s_brand_is_named_by_its_components_in_either_order():
    (entresto,) = [t for t in specific_terms("mum is on ramipril and the cardiologist wants to change her to entresto")
                   if t.label == "entresto"]
    assert covered_terms("Switch the ACE inhibitor to sacubitril/valsartan.", [entresto]) == {"entresto"}
    assert covered_terms("Valsartan lowers blood pressure.", [entresto]) == set()


def test_a_condition_is_named_by_the_class_guidelines_write_for_the_people_who_have_it():
    (schizophrenia,) = [t for t in specific_terms("51M with schizophrenia on clozapine, wants to quit. Is varenicline "
                                                 "safe?") if t.label == "schizophrenia"]
    text = "Varenicline did not increase neuropsychiatric events, including in people with psychiatric disorders."
    assert covered_terms(text, [schizophrenia]) == {"schizophrenia"}
    (angina,) = [t for t in specific_terms("Starting levothyroxine dose for a 72 yo with angina?") if t.label == "angina"]
    assert covered_terms("For adults with cardiac disease, start low.", [angina]) == {"angina"}
    assert covered_terms("Psychiatric disorders are common.", [angina]) == set()
    (emphysema,) = [t for t in specific_terms("I'm 70 with emphysema and a high fever, should I get tamiflu?")
                    if t.label == "emphysema"]
    assert covered_terms("Treat people with chronic lung disease such as COPD promptly.", [emphysema]) == {"emphysema"}


def test_a_benzodiazepine_is_named_by_its_class():
    (diazepam,) = specific_terms("my gp won't give me diazepam for my anxiety long term, why not?")
    assert covered_terms("Do not offer a benzodiazepine except as a short-term measure.", [diazepam]) == {"diazepam"}


def test_a_brand_is_named_by_its_generic_name_s_class_and_a_split_combination_name_is_a_drug():
    # session 55: "i take imigran and co-codamol for headaches about 12 days a month now…" was partial on both
    terms = specific_terms("i take imigran and co-codamol for headaches about 12 days a month now, could the tablets "
                           "be causing more headaches")
    text = "The thresholds are use on 10 or more days a month for triptans, opioids, ergots or combination analgesics."
    assert {"imigran", "co codamol"} <= covered_terms(text, terms)
    assert covered_terms("Paracetamol is a simple analgesic.", terms) & {"imigran", "co codamol"} == set()


def test_an_adjective_in_atory_is_named_by_its_noun_in_ation():
    terms = [t for t in specific_terms("What ventilatory support is indicated?") if t.label == "ventilatory"]
    assert covered_terms("Offer non-invasive ventilation when the pH is below 7.35.", terms) == {"ventilatory"}
    assert covered_terms("Give controlled oxygen.", terms) == set()


def test_an_own_abbreviation_in_the_plural_is_named_by_its_long_form():
    # session 64: "how long should CBGs be monitored?" met no overview, its "CBGs" named nowhere
    question = with_abbreviations_spelled_out("Pre-treatment CBG 5.4. How long should CBGs be monitored?")
    assert question.endswith("should CBGs (blood glucose) be monitored?")
    terms = with_abbreviations(question, specific_terms(question))
    assert "CBGs" in covered_terms("Monitor blood glucose for at least 6 hours.", terms)
    assert with_abbreviations_spelled_out("Which BPs matter?") == "Which BPs matter?"  # no own abbreviation "BP"
