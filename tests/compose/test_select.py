"""The evidence gates as pure functions: on topic (words, never similarity alone), answering (the question's
specific terms), the matching overview, the partial pool, and what an article built from a partial selection says."""

from medora.compose.analyse import analyse_question
from medora.compose.article import compose_article
from medora.compose.red_flags import load_red_flags
from medora.compose.select import (
    INSUFFICIENT,
    PARTIAL,
    QuestionWeights,
    Selection,
    answering_evidence,
    closest_source,
    covered_words,
    drug_name_equivalents,
    flag_in_question_topic,
    is_on_topic,
    kinds_reason,
    matching_overview,
    names_many_terms,
    names_other_kinds_only,
    names_topic_in_title,
    on_a_denied_condition,
    on_topic_evidence,
    other_kind,
    overview_candidates,
    partial_pool,
    passage_answers,
    qualified_kinds,
    question_weights,
    section_answers,
    sole_answering_overview,
    source_texts,
    terms_by_source,
    topic_overview,
    whole_coverages,
    with_antecedents,
    without_case_drugs,
)
from medora.compose.terms import specific_terms, stem_sequence
from medora.settings import Settings
from medora.types import Evidence, Kind, Source
from tests.conftest import make_evidence

HFPEF = "What is the role of tirzepatide in heart failure with preserved ejection fraction?"
IDF = {"role": 1.0, "tirzepatid": 7.0, "heart": 2.9, "failur": 2.5, "preserv": 4.0, "eject": 3.5, "fraction": 3.5}


def _overview(passage_id: int, slug: str, title: str, section: str, text: str, similarity: float) -> Evidence:
    source = Source(key=f"library:{slug}", kind=Kind.EDITORIAL_SUMMARY, title=title)
    return Evidence(
        passage_id=passage_id, source_id=100, source=source, section=section, text=text, start=0, end=len(text),
        score=1.0, dense_similarity=similarity,
    )


HFREF = _overview(
    1, "heart-failure", "Chronic heart failure", "Bottom line",
    "Every patient with heart failure with reduced ejection fraction should receive four drug classes.", 0.51,
)
PRESERVED = _overview(
    2, "heart-failure", "Chronic heart failure", "Management › Mildly reduced and preserved ejection fraction",
    "SGLT2 inhibitors are recommended to reduce heart failure hospitalisation in these patients.", 0.45,
)


def test_dense_similarity_alone_never_makes_a_passage_on_topic():
    weights = question_weights("Is oral sucrose effective for procedural pain in newborns?", {"sucros": 7.0, "procedur": 5.0, "pain": 1.8, "newborn": 7.0, "oral": 3.0})
    otitis = make_evidence(5, "Offer regular paracetamol or ibuprofen for earache.").model_copy(update={"dense_similarity": 0.39})
    assert not is_on_topic(otitis, weights, dense_used=True)
    words = make_evidence(6, "Oral sucrose reduced procedural pain scores.").model_copy(update={"dense_similarity": 0.30})
    assert is_on_topic(words, weights, dense_used=True)



def test_a_passage_holding_most_of_a_terse_questions_words_may_be_far_in_meaning():
    """Session 32: "NT-proBNP 2500 in GP - how fast does echo need to be?" is 0.17 from the heart-failure overview's
    NT-proBNP passage, which holds its words; far in meaning and holding fewer, a passage is still off topic."""
    weights = question_weights("NT-proBNP 2500 - how fast does echo need to be?",
                               {"nt": 5.4, "probnp": 5.4, "fast": 4.3, "echo": 7.0})
    text = "If NT-proBNP is raised, arrange transthoracic echo."
    assert is_on_topic(make_evidence(8, text).model_copy(update={"dense_similarity": 0.17}), weights, dense_used=True)
    assert not is_on_topic(make_evidence(8, text).model_copy(update={"dense_similarity": 0.12}), weights,
                           dense_used=True)
    fewer = make_evidence(9, "Arrange transthoracic echo.").model_copy(update={"dense_similarity": 0.17})
    assert not is_on_topic(fewer, weights, dense_used=True)


def test_a_passage_found_by_its_words_only_must_be_close_in_meaning_on_its_own():
    weights = question_weights("What is Yutiq?", {"yutiq": 10.5})
    yutiq = make_evidence(7, "YUTIQ is a fluocinolone acetonide intravitreal implant for posterior uveitis.")
    outside = {"lexical_rank": 1, "dense_rank": None}
    assert is_on_topic(yutiq.model_copy(update={**outside, "dense_similarity": 0.43}), weights, dense_used=True)
    assert not is_on_topic(yutiq.model_copy(update={**outside, "dense_similarity": 0.30}), weights, dense_used=True)
    in_dense_list = {"lexical_rank": 1, "dense_rank": 60, "dense_similarity": 0.30}
    assert is_on_topic(yutiq.model_copy(update=in_dense_list), weights, dense_used=True)

def test_question_weights_leave_out_frame_and_descriptor_words_and_numbers():
    weights = question_weights("Best treatment for a 60-year-old man with gout?", {"treatment": 1.0, "60": 6.0, "year": 5.0, "old": 7.0, "man": 5.0, "gout": 4.0})
    assert weights == {"gout": 4.0}


def test_question_weights_leave_out_a_unit_and_read_a_drug_held_as_withheld():
    # session 64: "creat 88 -> 171 umol/L … Which meds should be held?" weighed "umol" as a topic word and "held" as
    # one no source writes
    weights = question_weights("creat 88 -> 171 umol/L. Which meds should be held?",
                               {"creat": 7.0, "umol": 7.0, "held": 7.0})
    assert set(weights) == {"creat", "held"}
    assert "withhold" in next(item.medical for item in weights.equivalents if item.stems == ("held",))


def test_question_weights_leave_out_family_words_and_the_gp():
    idf = {"nan": 7.0, "gp": 7.0, "fall": 2.8, "afib": 7.0}
    assert question_weights("nan has afib and falls, the gp wants her off it", idf) == {"fall": 2.8, "afib": 7.0}


def test_question_weights_leave_out_a_denied_state_and_the_frame_of_a_concession():
    """Session 31: the diabetic ketoacidosis overview's title took a hyperkalaemia question by its denied "diabetic";
    "even though" is no topic word."""
    idf = {"potassium": 3.5, "insulin": 3.6, "drip": 7.0, "even": 3.6, "though": 7.0, "diabet": 2.3}
    question = "Dad's potassium was 6.3 and they put insulin in his drip even though he isn't diabetic. Why insulin?"
    assert question_weights(question, idf) == {"potassium": 3.5, "insulin": 3.6, "drip": 7.0}
    # what is denied but named again, a common word after "isn't", and a finding after "no" stay
    assert "diabet" in question_weights("He isn't diabetic yet, but his diabetic mother is. Metformin?", idf)
    assert "low" in question_weights("my cholesterol still isn't low enough", {"low": 3.0, "cholesterol": 4.0})
    assert "fever" in question_weights("positive dipstick, no fever. Treat?", {"fever": 3.0, "dipstick": 5.0})


def test_question_weights_leave_out_a_condition_the_people_asked_about_are_without():
    """Session 51: "Should SGLT2 inhibitors be used in heart failure without diabetes?" was answered by the type 2
    diabetes overview, its title holding the one word the question denies. Only a word of an overview's title: the
    ST elevation a chest pain is without stays a topic word."""
    idf = {"sglt2": 5.0, "inhibitor": 3.0, "heart": 2.0, "failur": 2.5, "diabet": 2.3}
    assert "diabet" not in question_weights("Should SGLT2 inhibitors be used in heart failure without diabetes?", idf)
    assert "elev" in question_weights("Chest pain without ST elevation, troponin?", {"elev": 4.0, "chest": 2.0})


def test_an_overview_on_the_topic_but_not_the_drug_is_not_the_answer():
    terms = specific_terms(HFPEF, IDF)
    weights = question_weights(HFPEF, IDF)
    covered = terms_by_source(source_texts([HFREF], {100: [HFREF, PRESERVED]}), terms)
    assert covered == {100: {"ejection"}}
    assert matching_overview([HFREF], weights, terms=terms, covered=covered) is None
    assert answering_evidence([HFREF], terms, covered, weights) == []
    selection = Selection(retrieved=[HFREF], on_topic=[HFREF], overview=None, pool=[], terms=terms, answering=[])
    assert selection.answer_status == PARTIAL
    assert Selection(retrieved=[HFREF], on_topic=[], overview=None, pool=[], answering=[]).answer_status == INSUFFICIENT


def test_a_guideline_naming_the_terms_answers_while_the_overview_that_does_not_is_left_out():
    question = "How should erythema migrans be treated?"
    terms = specific_terms(question)
    cellulitis = _overview(3, "cellulitis", "Cellulitis", "Bottom line", "Cellulitis presents as spreading erythema.", 0.62)
    guideline = make_evidence(4, "Treat erythema migrans with oral doxycycline.")
    weights = question_weights(question, {"erythema": 6.0, "migran": 7.0})
    covered = terms_by_source(source_texts([cellulitis, guideline]), terms)
    assert answering_evidence([cellulitis, guideline], terms, covered, weights) == [guideline]
    assert matching_overview([cellulitis, guideline], weights, terms=terms, covered=covered) is None


def test_the_partial_pool_puts_the_section_naming_the_covered_phrase_first():
    terms = specific_terms(HFPEF, IDF)
    assert partial_pool([HFREF, PRESERVED], terms, {"ejection"}) == [PRESERVED, HFREF]


def test_a_verdict_passage_must_itself_name_the_drug():
    terms = specific_terms("Does sitagliptin reduce cardiovascular mortality?")
    assert not passage_answers(make_evidence(7, "Empagliflozin reduced cardiovascular death."), terms)
    assert passage_answers(make_evidence(8, "Sitagliptin did not change cardiovascular death."), terms)


def test_an_evidence_borne_flag_needs_most_of_its_name_in_the_question():
    ketoacidosis = next(flag for flag in load_red_flags() if flag.name == "diabetic ketoacidosis")
    assert not flag_in_question_topic(ketoacidosis, "Does sitagliptin reduce mortality in type 2 diabetes?")
    assert flag_in_question_topic(ketoacidosis, "Ketoacidosis in a diabetic on an SGLT2 inhibitor")


def test_a_partial_article_says_what_is_not_covered_without_verdict_or_evidence_flags(tmp_path):
    question = "Does sitagliptin reduce cardiovascular mortality in diabetes?"
    diabetes = make_evidence(
        9, "Empagliflozin reduced cardiovascular mortality in people with diabetes. Watch for diabetic ketoacidosis."
    )
    terms = specific_terms(question)
    selection = Selection(
        retrieved=[diabetes], on_topic=[diabetes], overview=None, pool=[diabetes], terms=terms, answering=[],
        uncovered_terms=["sitagliptin"], covered_terms=["cardiovascular"],
    )
    article = compose_article(analyse_question(question), selection, settings=Settings(home=tmp_path), index_version="1")
    assert (article.answer_status, article.uncovered_terms, article.verdict, article.urgent_notice) == (
        "partial", ["sitagliptin"], None, None,
    )
    assert article.coverage_notice.startswith("No source here addresses sitagliptin together with cardiovascular mortality.")
    assert [s.citations for s in article.bottom_line] == [["1"]]
    assert not article.insufficient_evidence and [r.source_key for r in article.related_articles] == ["pmid:9"]


def test_with_no_title_word_the_overview_holding_most_question_words_is_the_topic():
    weights = QuestionWeights({"creatinin": 3.5, "ace": 3.8, "inhibitor": 2.6, "diuret": 3.6, "doubl": 5.0})
    hypertension = _overview(1, "hypertension", "Hypertension", "Drugs", "Start an ACE inhibitor for hypertension.", 0.49)
    kidney = _overview(
        2, "acute-kidney-injury", "Acute kidney injury", "Causes",
        "A creatinine rise after an ACE inhibitor and a diuretic: review both drugs.", 0.38,
    ).model_copy(update={"source_id": 200})
    assert topic_overview([hypertension, kidney], weights) == 200


def test_the_topic_overview_answering_alone_is_laid_out_and_nothing_when_nothing_answers():
    idf = {"hot": 4.8, "swollen": 4.8, "big": 3.0, "toe": 4.8, "joint": 3.0, "overnight": 5.9, "attack": 3.4}
    weights = question_weights("Hot swollen big toe joint overnight, what to give during the attack?", idf)
    gout = _overview(1, "gout", "Gout", "Acute attack", "Treat an acute gout attack of the big toe with an NSAID.", 0.42)
    assert sole_answering_overview([gout], [gout], weights, []) is gout
    assert sole_answering_overview([], [gout], weights, []) is None
    # a question without specific terms: its one passage must hold a phrase of it ("big toe"), not one shared word
    stray = gout.model_copy(update={"text": "Colchicine is given for an acute attack."})
    assert sole_answering_overview([stray], [stray], weights, []) is None


def test_an_overview_on_topic_by_one_stray_passage_is_not_laid_out_as_the_answer():
    weights = QuestionWeights({"metformin": 4.0, "pregnanc": 3.0, "safe": 1.0})
    terms = specific_terms("Is metformin safe in pregnancy?")
    stray = _overview(
        1, "chronic-kidney-disease", "Chronic kidney disease", "Special populations",
        "Consider pausing metformin during dehydrating illness. Stop ACE inhibitors when pregnancy is planned.", 0.42,
    )
    assert sole_answering_overview([stray], [stray], weights, terms) is None
    together = stray.model_copy(update={"text": "Metformin can be continued in pregnancy."})
    assert sole_answering_overview([together], [together], weights, terms) is together
    second = _overview(2, "chronic-kidney-disease", "Chronic kidney disease", "Drugs", "Review metformin doses.", 0.4)
    assert sole_answering_overview([stray, second], [stray, second], weights, terms) is stray


def test_a_lone_term_in_a_lone_passage_does_not_make_an_overview_the_answer():
    weights = QuestionWeights({"parkinson": 5.0, "earli": 2.0})
    terms = specific_terms("How is early Parkinson disease treated?")
    dementia = _overview(1, "dementia-workup", "Dementia", "Drugs", "Consider memantine in Parkinson disease dementia.", 0.4)
    assert sole_answering_overview([dementia], [dementia], weights, terms) is None
    second = _overview(2, "dementia-workup", "Dementia", "Tests", "Parkinson disease dementia is common.", 0.4)
    assert sole_answering_overview([dementia, second], [dementia, second], weights, terms) is dementia


def test_a_lone_passage_is_the_answer_when_its_own_section_is_headed_by_the_term():
    weights = QuestionWeights({"hfpef": 7.0})
    terms = specific_terms("What drugs help HFpEF?")
    section = "Management › Mildly reduced and preserved ejection fraction (HFmrEF, HFpEF)"
    text = "In heart failure with preserved ejection fraction (HFpEF), SGLT2 inhibitors are recommended."
    titled = _overview(1, "heart-failure", "Chronic heart failure", section, text, 0.4)
    assert sole_answering_overview([titled], [titled], weights, terms) is titled
    # the same passage under a heading that names no term of the question is a mention
    untitled = _overview(1, "heart-failure", "Chronic heart failure", "Management › Other", text, 0.4)
    assert sole_answering_overview([untitled], [untitled], weights, terms) is None
    # the heading names its subject for the passage; the question's other terms the passage must name itself
    assert section_answers(titled, terms)
    assert not section_answers(titled, specific_terms("What drugs help HFpEF in pregnancy?"))


def test_the_topic_overview_holding_a_vignettes_words_across_its_sections_is_laid_out():
    question = "Sudden breathlessness and pleuritic pain after surgery, how do I rule out a clot in the lung?"
    idf = {"sudden": 4.3, "breathless": 3.8, "pleurit": 7.0, "pain": 1.8, "surgeri": 2.6, "rule": 4.2, "clot": 5.4,
           "lung": 4.8}
    weights = question_weights(question, idf)
    wells = _overview(
        1, "pulmonary-embolism", "Acute pulmonary embolism", "Assessment",
        "Apply the Wells score: chest pain after recent surgery raises the probability.", 0.39,
    )
    whole = f"Acute pulmonary embolism\nSudden breathlessness or pleuritic pain.\n{wells.text}\nRule out with D-dimer."
    assert matching_overview([wells], weights, whole_coverage=whole_coverages({100: whole}, weights)) is wells
    assert matching_overview([wells], weights) is None  # the passage alone holds too few of the words
    assert matching_overview([wells], weights, whole_coverage=whole_coverages({100: wells.text}, weights)) is None


def test_a_title_names_a_question_word_through_the_one_meaning_of_its_abbreviation():
    question = "Breathless with ankle swelling and an ejection fraction of 30%, which drugs?"
    weights = question_weights(question, {"breathless": 3.8, "ankl": 4.4, "swell": 4.6, "eject": 5.9, "fraction": 5.0})
    hfref = _overview(1, "heart-failure", "Chronic heart failure — management of HFrEF", "Bottom line", "ARNI.", 0.4)
    assert names_topic_in_title(hfref, weights)
    plain = hfref.model_copy(update={"source": hfref.source.model_copy(update={"title": "Chronic heart failure"})})
    assert not names_topic_in_title(plain, weights)


def test_a_population_word_is_covered_by_any_word_of_its_group():
    weights = question_weights("Primigravida with headache", {"primigravida": 6.99, "headach": 3.85})
    assert covered_words("Headache in pregnancy needs a blood pressure check.", weights) == {"primigravida", "headach"}


def test_a_title_holding_a_word_of_a_lay_phrase_only_in_another_compound_does_not_name_the_topic():
    question = "my husband had a heart attack and is on atorvastatin 80, is that dose too high?"
    weights = question_weights(question, {"heart": 2.86, "attack": 3.39, "atorvastatin": 5.39, "high": 1.88})
    stroke = _overview(5, "stroke-and-tia", "Acute ischaemic stroke and TIA", "Bottom line", "x", 0.48)
    assert "attack" in covered_words(stroke.source.title, weights, spelled=True)  # TIA: transient ischaemic attack
    assert not names_topic_in_title(stroke, weights)
    mini = question_weights("mum had a mini stroke, how long on clopidogrel?", {"mini": 5.4, "stroke": 3.2})
    assert names_topic_in_title(stroke, mini)  # a lay phrase whose meaning (TIA) the title holds
    neck = question_weights("neck pain for three weeks", {"neck": 4.0, "pain": 2.0})
    back = _overview(6, "low-back-pain", "Low back pain and red flags", "Bottom line", "x", 0.4)
    assert names_topic_in_title(back, neck)  # "neck pain" is no lay phrase: any word before "pain" is a compound


def test_a_symptom_word_a_title_pairs_with_another_body_part_does_not_name_the_topic():
    # session 49: "Dad's shin is red, hot and sore" was the sore-throat overview's by its title's "sore"
    shin = question_weights("Dad's shin is red, hot and sore. What antibiotic?", {"shin": 7.0, "sore": 4.2, "hot": 4.8})
    throat = _overview(4, "acute-pharyngitis", "Acute sore throat and pharyngitis", "Bottom line", "x", 0.4)
    assert not names_topic_in_title(throat, shin)
    mine = question_weights("my throat is sore, what antibiotic?", {"throat": 5.0, "sore": 4.2})
    assert names_topic_in_title(throat, mine)  # the title's own body part
    told = question_weights("sore and hot all over for two days", {"sore": 4.2, "hot": 4.8})
    assert names_topic_in_title(throat, told)  # no body part of the question's own: the title keeps its word


def test_an_ambiguous_abbreviation_is_covered_by_the_meaning_a_source_spells_out():
    weights = question_weights("BP 168/112 with headache", {"bp": 6.99, "headach": 3.85})
    assert covered_words("Check blood pressure when a headache is new.", weights) == {"bp", "headach"}
    assert covered_words("Apply benzoyl peroxide to the acne.", weights) == {"bp"}
    assert covered_words("Headache with raised pressure in the skull.", weights) == {"headach"}


def test_a_title_names_a_compound_question_word_by_its_parts():
    weights = question_weights("Padua score 5: LMWH or apixaban for thromboprophylaxis?", {"padua": 4.2, "thromboprophylaxi": 7.0})
    prophylaxis = _overview(3, "vte", "Venous thromboembolism prophylaxis in hospitalised adults", "Bottom line", "x", 0.6)
    assert names_topic_in_title(prophylaxis, weights)
    dvt = _overview(4, "dvt", "Deep vein thrombosis — diagnosis and treatment", "Bottom line", "x", 0.6)
    assert not names_topic_in_title(dvt, weights)


def test_a_negated_population_is_no_equivalent_of_its_group():
    from medora.compose.select import _population_groups

    assert [item.lay for item in _population_groups("I am 30 and not pregnant: is ibuprofen ok?")] == []
    assert [item.lay for item in _population_groups("A primigravida at 32 weeks")] == ["primigravida"]


def test_every_overview_passage_kept_on_topic_is_a_candidate_whose_whole_text_was_read():
    weights = question_weights(HFPEF, IDF)
    retrieved = [HFREF, PRESERVED]
    whole = {100: "Chronic heart failure with preserved ejection fraction: SGLT2 inhibitors, tirzepatide, diuretics."}
    kept = on_topic_evidence(retrieved, weights, whole_coverages(whole, weights), specific_terms(HFPEF))
    assert [(item.passage_id, item.source_id) for item in kept] == [(1, 100)]
    assert overview_candidates(retrieved, weights) == [100]


def test_a_vignettes_age_and_sex_is_no_topic_word():
    weights = question_weights("67M, Hb 98 g/L, ferritin 8. How should his anaemia be investigated?",
                               {"67m": 7.0, "hb": 7.0, "ferritin": 5.1, "his": 7.0, "anaemia": 4.0})
    assert dict(weights) == {"hb": 7.0, "ferritin": 5.1, "anaemia": 4.0}


def test_an_overview_naming_every_one_of_three_terms_across_its_passages_is_the_answer():
    weights = QuestionWeights({"lvef": 5.1, "nyha": 5.4, "bisoprolol": 5.9, "add": 2.5})
    terms = specific_terms("LVEF 30%, NYHA II, on bisoprolol. What should be added next?")
    passage = _overview(1, "heart-failure", "Chronic heart failure", "Drugs", "Titrate bisoprolol slowly.", 0.33)
    every = {"LVEF", "NYHA", "bisoprolol"}
    assert sole_answering_overview([passage], [passage], weights, terms, {passage.source_id: every}) is passage
    assert sole_answering_overview([passage], [passage], weights, terms, {passage.source_id: every - {"NYHA"}}) is None
    two = specific_terms("Is metformin safe in pregnancy?")  # two terms named apart are a stray mention's
    assert not names_many_terms({"metformin", "pregnancy"}, two)


def test_an_overview_written_for_the_questions_population_comes_before_one_naming_it_in_passing():
    question = "Which tablets for high blood pressure in pregnancy?"
    terms = specific_terms(question)
    general = _overview(5, "hypertension", "Hypertension in adults", "Special groups",
                        "High blood pressure in pregnancy: see the pregnancy overview; avoid ACE inhibitors.", 0.60)
    pregnancy = _overview(6, "hypertension-in-pregnancy", "Hypertension in pregnancy", "Treatment",
                          "Treat high blood pressure in pregnancy with labetalol.", 0.55)
    general, pregnancy = general.model_copy(update={"source_id": 5}), pregnancy.model_copy(update={"source_id": 6})
    weights = question_weights(question, {"tablet": 3.0, "high": 2.0, "blood": 2.4, "pressur": 2.8, "pregnanc": 3.0})
    covered = terms_by_source(source_texts([general, pregnancy]), terms)
    assert covered == {5: {"pregnancy", "high blood pressure"}, 6: {"pregnancy", "high blood pressure"}}
    assert matching_overview([general, pregnancy], weights, terms=terms, covered=covered) is pregnancy
    adults = specific_terms("Which tablets for high blood pressure?")
    named = terms_by_source(source_texts([general, pregnancy]), adults)
    assert matching_overview([general, pregnancy], weights, terms=adults, covered=named) is general


def test_the_closest_source_names_most_terms_besides_the_population():
    terms = specific_terms("my 6 year old has flu, can he have tamiflu?")
    assert [term.label for term in terms if term.kind == "population"] == ["children"]  # the age stands for them
    ear, flu = make_evidence(1, "Children with ear pain."), make_evidence(2, "Oseltamivir for influenza.")
    drug = next(term.label for term in terms if term.kind == "drug")
    # the children's ear overview names the population and "flu"; the influenza overview "flu" and the drug
    covered = {1: {"children", "flu"}, 2: {"flu", drug}}
    assert closest_source([ear, flu], terms, covered) == 2
    assert closest_source([ear, flu], terms, {1: {"children", "flu"}, 2: {"flu"}}) == 1  # more named in all
    assert closest_source([ear, flu], terms, {1: {"flu"}, 2: {"flu"}}) == 1  # a tie: the better ranked



def test_a_drug_a_class_names_is_covered_by_the_class_in_the_topic_words():
    # session 29: "been on citalopram for 8 months, can I just stop?" shared no word with a passage on stopping SSRIs
    weights = question_weights("been on citalopram, can I taper it?", {"citalopram": 7.0, "taper": 3.0})
    assert covered_words("Taper SSRIs over several weeks.", weights) == {"citalopram", "taper"}
    # no class names lithium here: its name alone is covered only by itself
    weights = question_weights("on lithium, can I taper it?", {"lithium": 7.0, "taper": 3.0})
    assert covered_words("Taper mood stabilisers gradually.", weights) == {"taper"}
    # amlodipine is a dihydropyridine (-dipine) calcium-channel blocker since session 54
    weights = question_weights("on amlodipine, can I taper it?", {"amlodipin": 7.0, "taper": 3.0})
    assert covered_words("Taper calcium-channel blockers gradually.", weights) == {"amlodipin", "taper"}


def test_question_weights_leave_out_idioms_and_who_told_the_patient():
    idf = {"downhil": 7.0, "sort": 5.0, "somebodi": 7.0, "told": 6.0, "load": 5.0, "memori": 4.8, "epipen": 7.0}
    assert question_weights("mum's memory is going downhill", idf) == {"memori": 4.8}
    assert question_weights("the epipen sorted her out, somebody told me", idf) == {"epipen": 7.0}
    # nor what was found, when, or that someone wants it (session 29)
    idf = {"found": 4.0, "clot": 5.4, "lung": 4.8, "want": 4.3, "tonight": 7.0, "true": 5.9}
    assert question_weights("they found a clot on my lung and want me home tonight, true?", idf) == {
        "clot": 5.4, "lung": 4.8
    }


def test_an_overview_read_whole_names_a_term_in_its_section_headings():
    """Session 31: "New overt hypothyroidism - levothyroxine starting dose?" left "overt" unnamed, though the
    overview's section on it is headed "Overt primary hypothyroidism"."""
    source = Source(key="library:hypothyroidism", kind=Kind.EDITORIAL_SUMMARY, title="Hypothyroidism")
    dose = Evidence(passage_id=1, source_id=9, source=source, section="Management › Overt primary hypothyroidism",
                    text="Start levothyroxine at about 1.6 µg/kg/day in adults without cardiac disease.", start=0,
                    end=70, score=1.0)
    terms = specific_terms("New overt hypothyroidism - levothyroxine starting dose?")
    assert "overt" in terms_by_source(source_texts([dose], {9: [dose]}), terms)[9]
    # a passage read alone is its text: its heading names nothing
    assert "overt" not in terms_by_source(source_texts([dose]), terms)[9]


def test_a_title_on_another_kind_of_the_questions_condition_names_none_of_its_topic():
    hepatitis_c = question_weights("is there a vaccine for hepatitis C?", {"vaccin": 4.0, "hepat": 3.0})
    assert qualified_kinds("is there a vaccine for hepatitis C?") == {"hepatitis c"}
    hbv = _overview(7, "hepatitis-b", "Hepatitis B screening and management", "Bottom line", "x", 0.5)
    assert not names_topic_in_title(hbv, hepatitis_c)
    hcv = _overview(8, "hepatitis-c", "Hepatitis C screening and treatment", "Bottom line", "x", 0.5)
    assert names_topic_in_title(hcv, hepatitis_c)
    assert other_kind("Type 2 diabetes in adults", qualified_kinds("metformin in type 1 diabetes?"))
    assert not other_kind("Type 2 diabetes in adults", qualified_kinds("metformin in type 2 DM?"))
    # prevention before a first event is not prevention after one (session 38)
    stroke = "Acute ischaemic stroke and TIA — recognition, reperfusion and secondary prevention"
    assert other_kind(stroke, qualified_kinds("Aspirin for primary prevention in over 70s?"))
    assert not other_kind(stroke, qualified_kinds("Statin for secondary prevention after a TIA?"))
    assert not other_kind("Type 2 diabetes in adults", qualified_kinds("metformin in diabetes?"))


def test_an_overview_speaking_only_of_another_kind_of_the_condition_is_set_apart_with_its_reason():
    asked = qualified_kinds("is semaglutide safe in type 1 diabetes?")
    obesity = ["Assessment should cover weight-related conditions such as type 2 diabetes, hypertension.",
               "In adults without diabetes, semaglutide 2.4 mg reduced events."]
    assert names_other_kinds_only(obesity, asked)
    assert not names_other_kinds_only(["Check ketones in anyone with diabetes who is vomiting."], asked)
    assert not names_other_kinds_only(["At high risk: type 1 or type 2 diabetes, chronic hypertension."], asked)
    assert qualified_kinds("type 1 or type 2 diabetes") == {"diabetes 1", "diabetes 2"}
    assert not names_other_kinds_only(obesity, qualified_kinds("is semaglutide safe in type 2 diabetes?"))
    assert kinds_reason("is semaglutide safe in type 1 diabetes?", "Obesity management in adults", obesity) == (
        "Obesity management in adults speaks of type 2 diabetes only; the question is about type 1 diabetes."
    )
    assert kinds_reason("is semaglutide safe in obesity?", "Obesity management in adults", obesity) == ""


def test_a_sentence_opening_with_a_pronoun_is_read_with_the_one_before():
    # session 45: the dementia overview's lecanemab line, then "It … is not recommended for people taking
    # anticoagulants"
    sentences = ["Lecanemab is considered only for mild Alzheimer's disease.", "It requires MRI monitoring.",
                 "APOE genotyping informs risk."]
    assert with_antecedents(sentences) == [
        sentences[0], f"{sentences[0]} {sentences[1]}", sentences[2]
    ]
    assert with_antecedents(["- Itching is common.", "Iterate."]) == ["- Itching is common.", "Iterate."]


def test_a_gut_infection_and_the_morning_after_pill_in_everyday_words_route_to_what_sources_write():
    bug = question_weights("kidney injury after a tummy bug", {"kidney": 2.6, "injuri": 3.2, "tummi": 7.0, "bug": 7.0})
    assert covered_words("hypovolaemia (for example from diarrhoea and vomiting)", bug) == {"tummi", "bug"}
    pill = question_weights("is the morning after pill still ok", {"morn": 5.1, "pill": 5.1})
    assert covered_words("Ulipristal acetate 30 mg can be taken up to 120 hours after intercourse", pill) == {
        "morn", "pill"
    }


def test_a_drug_named_by_a_brand_no_passage_holds_is_covered_by_its_generic_name():
    # session 45: "ive had prolia injections for 4 years now, can i just stop having them" met no passage on topic
    question = "ive had prolia injections for 4 years now, can i just stop having them"
    found = drug_name_equivalents(question, frozenset({"prolia", "ive"}))
    assert [(item.lay, item.medical[0]) for item in found] == [("prolia", "denosumab")]
    assert drug_name_equivalents(question, frozenset()) == []  # the library writes the brand: read as written
    weights = question_weights(question, {"prolia": 7.0, "inject": 3.2}, found)
    assert covered_words("Do not stop denosumab injections without switching", weights) == {"prolia", "inject"}
    # a generic name the library never writes is read as written: its canonical name is itself
    assert drug_name_equivalents("is sertraline safe?", frozenset({"sertralin"})) == []


def test_a_brand_is_covered_by_any_other_name_of_its_generic():
    # session 58: Calpol is acetaminophen, which the otitis-media overview writes as "paracetamol"; "wants us to just
    # do calpol and nurofen and wait" held Calpol on no passage
    question = "gp wants us to just do calpol and nurofen and wait"
    found = drug_name_equivalents(question, frozenset({"calpol", "nurofen"}))
    assert [item.lay for item in found] == ["calpol", "nurofen"]
    weights = question_weights(question, {"calpol": 7.0, "nurofen": 7.0, "wait": 3.6}, found)
    assert covered_words("Give regular paracetamol or ibuprofen at the correct dose", weights) == {"calpol", "nurofen"}
    assert covered_words("Give regular aspirin at the correct dose", weights) == set()


def _titled(title: str) -> Evidence:
    return _overview(1, "title", title, "Management", "Treatment is described here.", 0.5)


def _weighed(question: str) -> QuestionWeights:
    return question_weights(question, {word: 5.0 for word in stem_sequence(question)})


def test_a_condition_the_patient_never_had_denies_the_overview_titled_with_it() -> None:
    # session 58: the gout overview's urate-lowering therapy is for people with gout
    weights = _weighed("62M, CKD 3, urate 600, has never had gout. Allopurinol to protect the kidneys?")
    assert on_a_denied_condition(_titled("Gout — diagnosis, flare treatment and urate-lowering therapy"), weights)
    assert not on_a_denied_condition(_titled("Chronic kidney disease — staging and management"), weights)
    assert not on_a_denied_condition(_titled("Gout — diagnosis"), _weighed("gout flare on allopurinol, stop it?"))
    # a title naming what is asked beside what is denied is still its topic
    weights = _weighed("dad has mild cognitive impairment, not dementia. any tablet for it?")
    assert not on_a_denied_condition(_titled("Dementia and cognitive impairment — work-up"), weights)


def test_stopping_the_patients_own_drug_keeps_it_the_topic() -> None:
    # session 58: "72F on denosumab … OK to just stop?" weighed denosumab as the case's and met no passage on topic
    question = "72F on denosumab for 4 yrs, fed up with injections. OK to just stop?"
    terms = specific_terms(question)
    weights = without_case_drugs(question_weights(question, {"denosumab": 7.0, "inject": 3.2}), terms, question)
    assert "denosumab" in weights
    other = "72F on denosumab for 4 yrs, fell last week. What else lowers her fracture risk?"
    assert "denosumab" not in without_case_drugs(
        question_weights(other, {"denosumab": 7.0, "fractur": 3.4}), specific_terms(other), other
    )


def test_the_patients_own_drugs_asked_to_be_stayed_on_keep_their_weight():
    from medora.compose.select import _asks_to_stop

    assert _asks_to_stop("put him on aspirin and clopidogrel. how long does he stay on the two together?")
