"""A case's findings (compose/case_findings.py): a technical word written only where a vignette or an everyday
account describes its case may go unnamed by the overview that answers what it asks; what it asks, a drug, a
population and a name may not.
"""

import pytest

from medora.answer import answer_question
from medora.compose.case_findings import history_stems, is_account, is_vignette, with_case_findings
from medora.compose.entities import comorbidities_in
from medora.compose.terms import SpecificTerm, answers_terms, covered_terms, specific_terms
from medora.export.render import to_markdown
from medora.workspace import Workspace
from tests.compose.conftest import status_and_first_source


def _term(label: str, kind: str = "term", **flags: bool) -> SpecificTerm:
    return SpecificTerm(label=label, kind=kind, forms=(label.lower(),), **flags)


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("66-year-old man with exertional breathlessness. How quickly should he have an echo?", True),
        ("A 31-year-old woman, PUL, hCG 1,100 then 1,850 IU/L. Next step?", True),
        ("74M, K 6.7, wide QRS. What first?", True),
        ("84yo on zopiclone, fallen twice: what next?", True),
        ("My 3-year-old has a red, swollen patch on her leg. What antibiotic?", False),  # a parent's account
        ("How is exertional breathlessness investigated?", False),
    ],
)
def test_a_vignette_opens_with_the_patient_s_age(question: str, expected: bool):
    assert is_vignette(question) is expected


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("I've had tummy cramps and bloating for months. What is it?", True),
        ("im on PrEP, is it ok to drink alcohol?", True),
        ("my dad's big toe swelled up overnight. What helps?", True),
        ("Is it worth having the HPV jab at 35?", False),
        ("In my experience, is colchicine better than naproxen for gout?", False),  # "my" not at the opening
        ("Immunotherapy for melanoma: what is new?", False),
        # the asker within the first three words, or a relative named first (session 30)
        ("finished my antibiotics for pneumonia 3 weeks ago but im still knackered. how long?", True),
        ("nan is 84, has afib and keeps having little falls. is that asking for trouble", True),
        ("For a 60-year-old with gout, is colchicine better than naproxen?", False),
    ],
)
def test_an_account_opens_with_the_asker(question: str, expected: bool):
    assert is_account(question) is expected


def test_an_account_s_subject_is_never_a_finding():
    # its one technical word, and a name in capitals, are what it asks about though only described
    lone = with_case_findings("I'm 35 and never had the HPV jab at school. Is it worth getting it now?",
                              [_term("HPV")])
    assert not lone[0].finding
    # …and one typed in small letters, as patients type (session 45), unless it is a word of general English
    typed = with_case_findings("im 34 and never had the hpv jab at school, is it worth getting it now",
                               [_term("hpv"), _term("jab")])
    assert [term.finding for term in typed] == [False, True]
    question = "I've got COPD and tummy cramps since the weekend. Should I get an antiviral?"
    marked = {term.label: term.finding for term in with_case_findings(
        question, [_term("COPD"), _term("tummy"), _term("antiviral", "drug")]
    )}
    assert marked == {"COPD": False, "tummy": True, "antiviral": False}
    # in a vignette both stay findings: it lists many
    vignette = "71M with COPD and tummy cramps. Antiviral?"
    assert [term.finding for term in with_case_findings(vignette, [_term("COPD"), _term("tummy")])] == [True, True]


def test_what_the_patient_takes_is_history():
    assert {"prep", "lithium"} <= history_stems("im on PrEP and my sister is still on lithium")
    assert not {"leg", "toilet"} & history_stems("a rash came up on my leg when I sat on the toilet")


def test_only_the_describing_part_s_technical_words_are_findings():
    question = "63-year-old man with clumsy hands and a positive Hoffmann sign on physio review. Is physio enough?"
    terms = [_term("clumsy", "word"), _term("Hoffmann", "word", required=True), _term("physio"),
             _term("statins", "drug"), _term("pregnancy", "population")]
    marked = {term.label: term.finding for term in with_case_findings(question, terms)}
    # "physio" is asked about as well; a name, a drug and a population are never findings
    assert marked == {"clumsy": True, "Hoffmann": False, "physio": False, "statins": False, "pregnancy": False}
    assert not any(term.finding for term in with_case_findings("Clumsy hands: is physio enough?", terms))


def test_a_disease_the_case_has_is_no_finding_a_sign_is():
    question = "24F with known G6PD deficiency, dysuria and crackles, not pregnant. Which antibiotic?"
    terms = [_term("deficiency"), _term("dysuria"), _term("crackles"), _term("antibiotic", "drug")]
    marked = {term.label: term.finding for term in with_case_findings(question, terms)}
    assert marked == {"deficiency": False, "dysuria": True, "crackles": True, "antibiotic": False}


def test_history_markers_keep_what_the_patient_has_had_or_carries_out_of_the_findings():
    stems = history_stems(
        "57M with migraine had coronary stents put in 2 years ago; takes warfarin for a prosthetic mitral valve, "
        "known L4/5 disc prolapse, on haemodialysis, crushing chest pain"
    )
    assert {"stent", "coronari", "prosthet", "prolaps", "haemodialysi"} <= stems
    assert not {"crush", "chest", "pain", "mitral"} & stems  # what is happening now stays a finding


def test_terms_of_the_history_are_marked_and_never_findings():
    question = "29-year-old woman admitted with a manic episode 3 years ago, now low, PHQ-9 of 20. Treatment?"
    terms = [_term("manic"), _term("PHQ"), _term("treatment")]
    marked = {term.label: (term.finding, term.history, term.asked) for term in with_case_findings(question, terms)}
    assert marked == {"manic": (False, True, False), "PHQ": (True, False, False), "treatment": (False, False, True)}


def test_what_the_patient_carries_is_history_in_a_clinician_s_question_too():
    question = "HCV RNA positive, treatment-naive, no cirrhosis, on haemodialysis 3x/week - glecaprevir 8 weeks?"
    marked = {term.label: term.history for term in with_case_findings(question, specific_terms(question, {}))}
    assert marked["haemodialysis"] and not marked["glecaprevir"] and not marked["HCV"]
    plain = "Which antiviral regimen for chronic hepatitis C?"  # no history: the terms as they were
    assert with_case_findings(plain, specific_terms(plain, {})) == specific_terms(plain, {})


def test_a_diagnosis_the_case_carries_is_history_a_bare_illness_is_not():
    question = "33F, bipolar II disorder, now in a depressive episode, PHQ-9 19. Start sertraline plus CBT?"
    marked = {term.label: term.history for term in with_case_findings(question, specific_terms(question, {}))}
    assert marked["bipolar"] and not marked["sertraline"]
    question = "76yo man admitted with pneumonia, creatinine 88 to 210 in 48 h, on naproxen. Which drugs should I hold?"
    marked = {term.label: term.history for term in with_case_findings(question, specific_terms(question, {}))}
    assert not any(marked.values())  # the pneumonia that brought him is what happened, not what he carries


def test_a_finding_goes_unnamed_once_an_asked_term_is_named():
    terms = [_term("xanthomata", finding=True), _term("statin", "drug", asked=True)]
    assert answers_terms({"statin"}, terms)
    assert not answers_terms(set(), terms)
    assert answers_terms({"xanthomata", "statin"}, terms)
    # …unless the source leaves most of the case unnamed: no more phrases than findings named, and one more
    case = [_term("agitation", asked=True), _term("delirium", finding=True),
            *(_term(word, finding=True) for word in ("colectomy", "drains", "QTc"))]
    assert not answers_terms({"agitation", "delirium"}, case)
    assert answers_terms({"agitation", "delirium", "drains"}, case)
    assert answers_terms({"agitation"}, case, one_sentence=True)  # one sentence joining what is asked
    # an account's findings are held one closer: "I feel low and tearful, would sertraline help?" is not answered by
    # the anxiety overview naming sertraline alone
    assert answers_terms({"sertraline"}, [_term("tearful", finding=True), _term("sertraline", "drug", asked=True)])
    assert not answers_terms(
        {"sertraline"}, [_term("tearful", finding=True, told=True), _term("sertraline", "drug", asked=True)]
    )
    # while no asked term is named, the findings count as any term
    assert not answers_terms({"xanthomata"}, [_term("xanthomata", finding=True), _term("PCSK9", asked=True)])


def test_when_nothing_is_asked_in_terms_the_findings_are_the_subject():
    findings = [_term("exertional", finding=True), _term("proBNP", finding=True)]
    assert answers_terms({"proBNP"}, findings)  # one may go unnamed
    assert answers_terms(set(), findings[:1])
    assert not answers_terms(set(), findings)
    # beside a population, no more may go unnamed than are named: pregnancy alone is no case of anaemia
    pregnant = [_term("ferritin", finding=True), _term("pregnant", "population")]
    assert not answers_terms({"pregnant"}, pregnant)
    assert answers_terms({"pregnant", "ferritin"}, pregnant)
    # beside the patient's own drug, no more than are named: "on ramipril, tongue swelling, hoarse" is no case of
    # the anaphylaxis overview by its topic words alone
    ramipril = [_term("hoarse", finding=True), _term("ramipril", "drug", context=True)]
    assert not answers_terms({"ramipril"}, ramipril)
    # a condition the case is described by, once named, carries the findings
    wasp = [_term("stung", finding=True), _term("wasp", finding=True), _term("anaphylaxis")]
    assert answers_terms({"anaphylaxis"}, wasp)
    assert not answers_terms(set(), wasp)
    # a drug is no condition the case is described by: "tested positive for c diff after antibiotics" is not the
    # case of an overview naming antibiotics
    diff = [_term("diff", finding=True), _term("pregnant", "population"), _term("antibiotics", "drug")]
    assert not answers_terms({"pregnant", "antibiotics"}, diff)
    assert answers_terms({"pregnant", "antibiotics", "diff"}, diff)


def test_the_patient_s_history_is_never_the_one_term_a_long_question_misses():
    terms = [_term("antithrombotic", asked=True), _term("warfarin", "drug", context=True),
             *(_term(word, finding=True) for word in ("NSTEMI", "INR", "mitral", "troponins"))]
    named = {"antithrombotic", "warfarin", "NSTEMI", "troponins"}
    assert answers_terms(named, [*terms, _term("valve")])  # one of seven may go unnamed
    assert not answers_terms(named, [*terms, _term("prosthetic", history=True)])


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        ("38-year-old woman, TSH 42, low free T4, no heart disease, weighs 70 kg. Starting levothyroxine dose?",
         "library:hypothyroidism"),
        ("79F admitted with acute stroke, dense R hemiplegia, immobile. Anti-embolism stockings for VTE prophylaxis?",
         "library:venous-thromboembolism-prophylaxis"),
        ("66-year-old woman with confirmed PE, BP 125/80, sPESI 1, RV dilated on CT, troponin raised. Thrombolyse "
         "now?", "library:pulmonary-embolism"),
    ],
)
def test_a_vignette_is_answered_though_the_overview_never_writes_a_finding(
    library_workspace: Workspace, question: str, overview: str
):
    assert status_and_first_source(library_workspace, question) == ("answered", overview)


@pytest.mark.parametrize(
    "question",
    [
        # what the vignette asks is what the overview lacks
        "62-year-old man, statin-intolerant after three different statins, prior stroke, LDL 3.4 mmol/L. Is bempedoic "
        "acid an option?",
        "3-week-old boy with vomiting, potassium 7.0 mmol/L and low sodium. How is neonatal hyperkalaemia treated?",
        # a disease the case has besides its complaint is never a finding: it may change what is given
        "24F with known G6PD deficiency, uncomplicated cystitis, not pregnant. Which antibiotic?",
        "58F with bipolar disorder on lithium for 20 years, eGFR down from 62 to 41 over 3 years, ACR 4 mg/mmol. Next "
        "step?",
        # …nor the one term of five a long vignette may leave unnamed: a depressive episode of bipolar disorder
        "33F, bipolar II disorder, now in a depressive episode, PHQ-9 19. Start sertraline plus CBT?",
        # what the patient has had or carries is never a finding: dialysis, a prosthetic valve, a past manic episode
        "63-year-old woman on haemodialysis newly found to have chronic hepatitis C. Which antiviral regimen suits "
        "her?",
        # …in a clinician's question without an age as well: dialysis is never the one term of five left unnamed
        "HCV RNA positive, treatment-naive, no cirrhosis, on haemodialysis 3x/week - glecaprevir-pibrentasvir 8 "
        "weeks as per the simplified pathway?",
        "70-year-old man with an NSTEMI confirmed on serial troponins; he takes warfarin for a prosthetic mitral "
        "valve, INR 2.8. Antithrombotic plan?",
        "29-year-old woman who was admitted with a manic episode 3 years ago, now low for 6 weeks with PHQ-9 of 20. "
        "Treatment?",
        # a device the case carries
        "5-year-old girl with bilateral cochlear implants, 1 day of right ear pain, fever 38.7, right TM bulging and "
        "red, otherwise well. Antibiotics or watch and wait?",
        # a population beside findings no source names: not the hypertension-in-pregnancy overview
        "26-year-old woman, 30 weeks pregnant, Hb 92 g/L, ferritin 9. Work-up and treatment?",
    ],
)
def test_what_a_vignette_asks_and_its_population_must_still_be_named(library_workspace: Workspace, question: str):
    assert status_and_first_source(library_workspace, question)[0] != "answered"


@pytest.mark.parametrize(
    ("question", "overview"),
    [
        # answered from the hepatitis C overview before accounts were read for their findings
        ("I'm pregnant and my booking bloods came back positive for hepatitis B. what happens to me and the baby?",
         "library:hepatitis-b-screening-and-management"),
        ("I've had flu for two days, fever and aches all over. is it worth getting tamiflu?", "library:influenza"),
    ],
)
def test_an_account_is_answered_though_the_overview_never_writes_what_it_describes(
    library_workspace: Workspace, question: str, overview: str
):
    assert status_and_first_source(library_workspace, question) == ("answered", overview)


@pytest.mark.parametrize(
    "question",
    [
        "I'm 35 and never had the HPV jab at school. Is it worth getting it now?",  # its subject, only described
        "I'm 20 weeks pregnant and tested positive for c diff after antibiotics for a chest infection. what treatment "
        "will they give me?",
        "im on PrEP, is it ok to drink alcohol at the weekend?",  # what the patient takes
    ],
)
def test_what_an_account_is_about_must_still_be_named(library_workspace: Workspace, question: str):
    assert status_and_first_source(library_workspace, question)[0] != "answered"


def test_an_answer_names_the_details_of_the_case_its_sources_never_mention(library_workspace: Workspace):
    question = ("79M, newly confused, RR 32, BP 88/50, urea 11, right lower lobe consolidation on chest X-ray. Which "
                "antibiotics?")
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert article.answer_status == "answered"
    assert article.unnamed_findings == ["right lower lobe consolidation"]
    assert article.findings_notice == (
        "The question describes “right lower lobe consolidation”, which the sources cited here never mention. The "
        "answer below is to what the question asks; check whether that detail changes it."
    )
    assert f"> **Details not covered:** {article.findings_notice}" in to_markdown(article)
    plain = answer_question("How is community-acquired pneumonia treated?", retriever=library_workspace.retriever,
                            settings=library_workspace.settings)
    assert (plain.unnamed_findings, plain.findings_notice) == ([], None)


def test_a_sentence_opening_years_ago_tells_the_patients_history_to_its_end():
    """A past hypomanic episode makes an antidepressant alone the wrong answer: its words are history the overview
    must name, never findings it may leave unnamed."""
    vignette = ("32-year-old woman, PHQ-9 19, 6 weeks of low mood and anhedonia. Two years ago she had 5 days of "
                "barely sleeping, racing thoughts and heavy overspending. Which medication?")
    marked = {term.label: term for term in with_case_findings(vignette, specific_terms(vignette))}
    assert marked["overspending"].history and not marked["overspending"].finding
    assert "calf" not in history_stems("55M. 3 days ago he developed a red hot calf, worse today.")  # the illness


def test_the_patients_own_drug_no_cited_source_names_is_told_to_the_reader(library_workspace: Workspace):
    """It may go unnamed (an overview rarely repeats a patient's drugs), but never silently: an NSAID for a gout
    flare is no answer for someone on warfarin, and the gout overview never mentions warfarin."""
    question = "What is the first-line treatment for a gout flare in a patient on warfarin with CKD stage 3?"
    article = answer_question(question, retriever=library_workspace.retriever, settings=library_workspace.settings)
    assert article.answer_status == "answered" and article.unnamed_findings == ["warfarin"]
    assert article.findings_notice.startswith("The question describes “warfarin”, which the sources cited here never")


def test_a_disease_named_with_its_type_is_a_disease_the_case_has():
    assert comorbidities_in("33F, bipolar II disorder, now in a depressive episode") == {
        "bipolar disorder": "bipolar disorder"
    }
    marked = with_case_findings(
        "33F, bipolar II disorder, now in a depressive episode, PHQ-9 19. Start sertraline plus CBT?",
        specific_terms("33F, bipolar II disorder, now in a depressive episode, PHQ-9 19. Start sertraline plus CBT?"),
    )
    assert not next(term for term in marked if term.label == "bipolar").finding


def test_a_past_cancer_of_one_kind_is_named_by_a_history_of_cancer():
    # session 54: the back-pain overview's "a history of cancer" did not name "treated for breast cancer 5 years ago"
    question = (
        "67-year-old woman treated for breast cancer 5 years ago has had new low back pain for 3 weeks; no "
        "neurological deficit. Does she need imaging?"
    )
    (cancer,) = [t for t in with_case_findings(question, specific_terms(question)) if t.label == "breast cancer"]
    assert cancer.history and covered_terms("A history of cancer is the most informative flag.", [cancer])
    # …and the organ of "a history of prostate cancer", a term of its own
    question = "71-year-old man with a history of prostate cancer, new back pain for 3 weeks. Does he need imaging?"
    marked = {t.label: t for t in with_case_findings(question, specific_terms(question))}
    assert covered_terms("Malignancy: previous cancer, unexplained weight loss.", [marked["prostate"]])
    # …a breast cancer asked about is not
    (asked,) = [t for t in with_case_findings("Is tamoxifen used in breast cancer?", specific_terms(
        "Is tamoxifen used in breast cancer?")) if t.label == "breast cancer"]
    assert not covered_terms("A history of cancer is the most informative flag.", [asked])


def _marked(question: str) -> dict[str, SpecificTerm]:
    return {term.label: term for term in with_case_findings(question, specific_terms(question))}


def _background(question: str) -> dict[str, bool]:
    """Each term's label with whether the case's reading sets it aside as background (``context``)."""
    return {label: term.context for label, term in _marked(question).items()}


def test_the_treatment_of_a_past_cancer_is_named_by_a_history_of_cancer():
    # session 59: "a radical prostatectomy for prostate cancer 5 years ago" left the back-pain overview partial
    marked = _marked(
        "A 66-year-old woman who had a mastectomy for breast cancer 6 years ago has 4 weeks of new low back pain. "
        "Should she be imaged?"
    )
    assert covered_terms("A history of cancer is the most informative flag.", [marked["mastectomy"]])
    # a procedure for something else is no history of cancer
    marked = _marked("A 66-year-old woman who had a hysterectomy for fibroids 6 years ago has new back pain. Imaging?")
    assert not covered_terms("A history of cancer is the most informative flag.", [marked["hysterectomy"]])


def test_a_relatives_illness_in_a_vignette_is_family_history():
    # session 59: "Sister had medullary thyroid ca (RET +, MEN2A)" left MEN2A the one term the obesity overview need
    # not name before semaglutide
    marked = _marked("36F BMI 38, PCOS. Sister had medullary thyroid ca (RET +, MEN2A). Considering semaglutide?")
    assert marked["MEN2A"].history and marked["medullary"].history
    # …but whoever brings the patient is no illness of theirs
    marked = _marked(
        "A 76-year-old woman is brought by her daughter with 18 months of progressive forgetfulness. Bloods are "
        "normal. Does a normal 6CIT rule out dementia?"
    )
    assert not marked["forgetfulness"].history


def test_a_common_condition_treated_with_a_medicine_of_few_interactions_is_the_case():
    # session 59: "He has hypertension treated with amlodipine" beside a TIA was partial for its hypertension
    marked = _marked(
        "A 60-year-old man with hypertension treated with amlodipine had a TIA with 15 minutes of arm weakness. "
        "ABCD2 is 2. How soon should he be seen?"
    )
    assert marked["amlodipine"].context and marked["hypertension"].context
    marked = _marked("54F, T2DM + HTN, on metformin and amlodipine. Never had a pneumococcal vaccine. Due now?")
    assert marked["HTN"].context and marked["metformin"].context
    # untreated, or treated with a drug of many interactions, it may be what the answer turns on
    marked = _marked("32F, 14/40 pregnant, paroxysmal AF, chronic HTN. Start apixaban?")
    assert not marked["HTN"].context
    marked = _marked("A 70-year-old man with hypertension treated with ramipril has gout. Which NSAID?")
    assert not marked["hypertension"].context
    # nor is a condition the medicine beside it is not taken for (session 60: one table of medicines and their uses)
    marked = _marked("45M, asthma, on amlodipine. New gout flare. Which NSAID?")
    assert marked["amlodipine"].context and not marked["asthma"].context


def test_a_chronic_condition_told_in_passing_is_the_case():
    # session 61: "She also has osteoarthritis and macular degeneration" beside C. difficile, "Eczema on emollients"
    # beside anxiety left the coverage questions partial
    marked = _marked(
        "A 79-year-old woman with osteoarthritis and macular degeneration finished vancomycin for C. difficile and "
        "has formed stools. Should the stool test be repeated?"
    )
    assert marked["osteoarthritis"].context
    assert all(marked[label].context for label in marked if label in ("macular", "degeneration"))
    # asked about, it is the question's own
    marked = _marked("A 50-year-old man with psoriasis has started drinking heavily. Does psoriasis get worse?")
    assert not marked["psoriasis"].context
    # a condition an answer often turns on is never passing background
    marked = _marked("A 60-year-old man with asthma has a gout flare. Which NSAID is best?")
    assert not marked["asthma"].context


def test_a_condition_beside_its_own_medicine_of_few_interactions_is_the_case_for_more_medicines():
    # session 61: eczema on emollients, hypothyroidism on levothyroxine, PCOS on metformin
    marked = _marked("38F, GAD on sertraline, wants to stop. Eczema on emollients. How long should she continue?")
    assert marked["emollients"].context and marked["Eczema"].context
    marked = _marked("82F, AF, hypothyroid on levothyroxine. Starting apixaban: 5 mg or 2.5 mg?")
    assert marked["hypothyroid"].context
    marked = _marked("im 33, i have pcos and take metformin. how long should we wait before trying again?")
    assert marked["metformin"].context and marked["pcos"].context


def test_a_condition_a_drug_choice_turns_on_is_background_only_when_no_drug_is_asked_and_another_is_the_subject():
    # session 63: gout beside an NSTEMI's timing of angiography is the case's background; beside a drug asked for it
    # may rule the drug out, and beside daily headaches "background migraine" is what they are about
    assert _background("61M, NSTEMI confirmed, GRACE 152. Background gout on allopurinol. Per ESC, within what "
                       "timeframe should he have angiography?")["gout"]
    assert not _background("61M with heart failure. Background gout on allopurinol. Should he start furosemide?")[
        "gout"]
    assert not _background("41F, headache on 20 days a month, taking sumatriptan, background migraine without "
                           "aura, normal neuro exam. What's the diagnosis and how should it be managed?")["migraine"]


def test_a_condition_treated_with_a_medicine_that_interacts_with_no_drug_asked_is_background():
    assert _background("A 54-year-old has taken omeprazole but his heartburn persists. He takes ramipril for "
                       "hypertension. Which PPI regimen is most appropriate?")["hypertension"]
    assert not _background("He takes ramipril for hypertension. Can he take ibuprofen?")["hypertension"]
    # a medicine of few interactions taken for no one condition is read beside them (paracetamol)
    assert _background("A 60-year-old takes paracetamol and ramipril for hypertension. Which PPI regimen is best?")[
        "hypertension"]


def test_a_condition_a_drug_choice_turns_on_is_background_beside_a_drug_it_never_rules_out():
    # session 63: asthma rules out beta-blockers and NSAIDs, not amitriptyline or an antibiotic
    assert _background("34F IBS-D. Failed loperamide. Plan amitriptyline for pain. PMH asthma; DH salbutamol PRN. "
                       "Starting dose?")["asthma"]
    assert _background("A 31-year-old has a sore throat, FeverPAIN 4, and mild asthma. Which antibiotic?")["asthma"]
    assert not _background("45M, acute low back pain. PMH asthma. Can he take ibuprofen?")["asthma"]
    assert not _background("A 60-year-old with asthma has new angina. Should he start bisoprolol?")["asthma"]
