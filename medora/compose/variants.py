"""Other ways a source writes the question's specific terms: abbreviations, misspellings, drug-class members.

The specific-term gate (compose/terms.py) reads a term in its question's wording and the forms the tables give it.
Sources write the same thing differently, and a relevant source failed the gate for it:

- an abbreviation for a spelled-out term ("ALS" for amyotrophic lateral sclerosis) or the reverse. Definitions are
  read where the writers give them, with the Schwartz–Hearst algorithm (the ``abbreviations`` package, the method
  scispacy's abbreviation detector implements): "long form (SF)" in the question itself and in the retrieved
  passages, besides the one-meaning abbreviation table. An abbreviation is matched as written ("AA", not "aa");
- a misspelt question word ("geneome", "cycloxygenase") that no retrieved passage holds, for the one word of
  those passages a single edit away ("genome", "cyclooxygenase");
- a drug class named in the question ("statins") and a member named in the source ("atorvastatin"), recognised by
  the class's WHO INN stem (-vastatin, -gliflozin, -mab …). A class never stands in for a single drug: a question
  on erenumab is not answered by a source on "CGRP antibodies"."""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from functools import lru_cache

from medora.compose.terms import MIN_MEMBER_PREFIX, SpecificTerm, stem_sequence, synonym_groups
from medora.retrieve.expand import load_abbreviations

# Drug classes by the drug lexicon's canonical name (lower case) → the INN stems their members' names end with.
CLASS_MEMBER_STEMS: dict[str, tuple[str, ...]] = {
    "hydroxymethylglutaryl-coa reductase inhibitors": ("vastatin",),
    "angiotensin-converting enzyme inhibitors": ("pril",),
    "angiotensin receptor antagonists": ("sartan",),
    "sodium-glucose transporter 2 inhibitors": ("gliflozin",),
    "dipeptidyl-peptidase iv inhibitors": ("gliptin",),
    "glucagon-like peptide-1 receptor agonists": ("glutide", "enatide"),
    "proton pump inhibitors": ("prazole",),
    "fluoroquinolones": ("floxacin",),
    "diphosphonates": ("dronate",),
    "benzodiazepines": ("azepam", "azolam"),
    "penicillins": ("cillin",),
    "tetracyclines": ("cycline",),
    "antibodies, monoclonal": ("mab",),
    "tyrosine kinase inhibitors": ("tinib",),
    "factor xa inhibitors": ("xaban",),
    "heparin, low-molecular-weight": ("parin",),
    "glucocorticoids": ("sone", "solone", "cinolone"),
    "adrenergic beta-antagonists": ("olol", "alol", "ilol"),
    # blood-pressure-lowering drugs by function: ACE inhibitors, sartans, beta-blockers, dihydropyridines
    "antihypertensive agents": ("pril", "sartan", "olol", "alol", "ilol", "dipine"),
    # antibacterials by their INN stems: penicillins, tetracyclines, quinolones, the -mycin/-micin aminoglycosides and
    # macrolides, carbapenems (the cephalosporins share no suffix: named in ``FUNCTION_CLASS_MEMBERS``)
    "anti-bacterial agents": ("cillin", "cycline", "floxacin", "mycin", "micin", "penem"),
}

_NSAID = ("nsaid", "nsaids", "non-steroidal anti-inflammatory drug", "non-steroidal anti-inflammatory drugs",
          "nonsteroidal anti-inflammatory drug", "nonsteroidal anti-inflammatory drugs")

_RAAS = ("raas inhibitor", "raas inhibitors", "renin-angiotensin-aldosterone system inhibitor",
         "renin-angiotensin-aldosterone system inhibitors", "renin-angiotensin system inhibitor",
         "renin-angiotensin system inhibitors")

# A drug named by the INN stem of one of these classes is also named by the class, as guidelines write it ("a PPI"
# for omeprazole). Only classes whose guideline statements hold for every member: a monoclonal antibody is not
# covered by "CGRP antibodies" (erenumab), nor sotagliflozin (an SGLT1/2 inhibitor) by "SGLT2 inhibitors".
_CCB = ("calcium-channel blocker", "calcium-channel blockers", "calcium channel blocker", "calcium channel blockers")
MEMBER_CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "prazole": (("proton pump inhibitor", "proton pump inhibitors", "proton-pump inhibitor"), ("PPI", "PPIs")),
    "vastatin": (("statin", "statins"), ()),
    # both are RAAS inhibitors too, as the kidney and potassium sources write them ("so that beneficial RAAS inhibitor
    # treatment can continue")
    "pril": (("ace inhibitor", "ace inhibitors", "angiotensin-converting enzyme inhibitor") + _RAAS, ("ACEI",)),
    "sartan": (("angiotensin receptor blocker", "angiotensin receptor blockers", "angiotensin ii receptor blocker")
               + _RAAS, ("ARB", "ARBs")),
    # the factor Xa inhibitors and dabigatran are what guidelines mean by a direct oral anticoagulant
    "xaban": (("direct oral anticoagulant", "direct oral anticoagulants", "direct-acting oral anticoagulant",
               "directly acting oral anticoagulant", "directly acting oral anticoagulants"), ("DOAC", "DOACs")),
    "gatran": (("direct oral anticoagulant", "direct oral anticoagulants", "direct-acting oral anticoagulant",
                "directly acting oral anticoagulant", "directly acting oral anticoagulants"), ("DOAC", "DOACs")),
    # WHO INN stems of the anti-inflammatory analgesics (ibuprofen, diclofenac, celecoxib): all are NSAIDs, and what
    # a guideline says of NSAIDs (in migraine, in kidney disease) it says of each; likewise of the triptans
    "profen": (_NSAID, ("NSAID", "NSAIDs")),
    "fenac": (_NSAID, ("NSAID", "NSAIDs")),
    "coxib": (_NSAID + ("cox-2 inhibitor", "cox-2 inhibitors"), ("NSAID", "NSAIDs")),
    "triptan": (("triptan", "triptans"), ()),
    # furosemide and torasemide are loop diuretics; never the bare "diuretics", which "potassium-sparing diuretics"
    # holds too, and no -thiazide by "thiazide", which "thiazide-like diuretic" (indapamide, preferred) holds too
    "semide": (("loop diuretic", "loop diuretics"), ()),
    # alendronate, risedronate, zoledronic acid (-dronate, or "-dronic acid" in British names): the bisphosphonates
    "dronate": (("bisphosphonate", "bisphosphonates"), ()),
    "dronic acid": (("bisphosphonate", "bisphosphonates"), ()),
    # tamsulosin, alfuzosin, doxazosin (-osin): the alpha-blockers, as the prostate overview writes them ("Men
    # planning cataract surgery should tell their ophthalmologist if they take … an alpha-blocker")
    "osin": (("alpha-blocker", "alpha-blockers", "alpha blocker", "alpha blockers", "alpha-1 blocker",
              "alpha-1 blockers"), ()),
    # diazepam, lorazepam, temazepam (-zepam) and alprazolam, midazolam (-zolam): the benzodiazepines, which the
    # anxiety overview limits to short-term use in a crisis (session 33: "my gp won't give me diazepam for my anxiety
    # long term … why not?")
    "zepam": (("benzodiazepine", "benzodiazepines"), ()),
    "zolam": (("benzodiazepine", "benzodiazepines"), ()),
    # amlodipine, nifedipine, felodipine, lercanidipine (-dipine): the dihydropyridine calcium-channel blockers, as
    # the hypertension overview writes them (session 54: "resistant HTN on ACEi + amlodipine + indapamide, K 4.8 -
    # which 4th-line agent?" was partial, amlodipine unnamed)
    "dipine": (_CCB, ("CCB", "CCBs")),
}

_OPIOID = (("opioid", "opioids", "opiate", "opiates", "opioid analgesic", "opioid analgesics"), ())
_SSRI = (("selective serotonin reuptake inhibitor", "selective serotonin reuptake inhibitors", "ssri", "ssris"),
         ("SSRI", "SSRIs"))
_SULFONYLUREA = (("sulfonylurea", "sulfonylureas", "sulphonylurea", "sulphonylureas"), ())
# the SGLT2 inhibitors by name, never by the -gliflozin stem (sotagliflozin also inhibits SGLT1)
_SGLT2 = (("sglt2 inhibitor", "sglt2 inhibitors", "sglt-2 inhibitor", "sglt-2 inhibitors",
           "sodium-glucose co-transporter 2 inhibitor", "sodium-glucose co-transporter 2 inhibitors"), ("SGLT2i",))
# steroidal mineralocorticoid receptor antagonists, both potassium-sparing diuretics
_MRA = (("mineralocorticoid receptor antagonist", "mineralocorticoid receptor antagonists",
         "potassium-sparing diuretic", "potassium-sparing diuretics"), ("MRA", "MRAs"))
# the short-acting beta2 agonist relievers (session 22: "acute severe asthma not responding to nebulised salbutamol"
# is the asthma overview's "high-dose inhaled SABA")
_SABA = (("short-acting beta2 agonist", "short-acting beta2 agonists", "short-acting beta-agonist",
          "short-acting beta-agonists", "short-acting bronchodilator", "short-acting bronchodilators"), ("SABA", "SABAs"))

# Members of a class that share no INN stem, by name: what a guideline says of opioids (in neuropathic pain, with
# naltrexone) or of SSRIs (in pregnancy) it says of each member.
NAMED_MEMBERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    # not codeine, as often given for diarrhoea or cough as for pain: "opioids are not recommended for IBS pain" does
    # not answer "codeine for IBS diarrhoea?"
    **dict.fromkeys(("tramadol", "dihydrocodeine", "morphine", "oxycodone", "tapentadol", "fentanyl",
                     "methadone", "diamorphine", "hydromorphone", "hydrocodone"), _OPIOID),
    **dict.fromkeys(("sertraline", "citalopram", "escitalopram", "fluoxetine", "paroxetine", "fluvoxamine"), _SSRI),
    **dict.fromkeys(("gliclazide", "glimepiride", "glipizide", "glibenclamide", "glyburide"), _SULFONYLUREA),
    **dict.fromkeys(("salbutamol", "albuterol", "terbutaline", "levalbuterol"), _SABA),
    # the long-acting insulin analogues, as the DKA overview writes them ("continue subcutaneous long-acting insulin")
    **dict.fromkeys(("glargine", "detemir", "degludec"), (("long-acting insulin", "long-acting insulins",
                                                          "basal insulin", "basal insulins"), ())),
    # the P2Y12 inhibitors, which guidelines name as a class beside aspirin ("add a P2Y12 inhibitor")
    **dict.fromkeys(("clopidogrel", "ticagrelor", "prasugrel", "cangrelor"), (("p2y12 inhibitor", "p2y12 inhibitors",
                                                                             "p2y12 receptor inhibitor"), ())),
    # the Z-drugs, which a falls or insomnia source names among the hypnotics and sedatives to reduce
    **dict.fromkeys(("zopiclone", "zolpidem", "zaleplon", "eszopiclone"), (("z-drug", "z-drugs", "hypnotic",
                                                                          "hypnotics", "non-benzodiazepine hypnotic",
                                                                          "non-benzodiazepine hypnotics", "sedative",
                                                                          "sedatives"), ())),
    # the antipsychotics, which a delirium or dementia source names as a class (session 70: "…giving her haloperidol
    # to calm her down. is that safe with her parkinsons?" against "use antipsychotics with caution or not at all in
    # people with Parkinson's disease")
    **dict.fromkeys(("haloperidol", "quetiapine", "olanzapine", "risperidone", "aripiprazole", "chlorpromazine",
                     "levomepromazine", "amisulpride"), (("antipsychotic", "antipsychotics"), ())),
    # the nicotine products the drug lexicon names are nicotine replacement therapy, as every smoking guideline writes
    # them (session 50: "14 weeks pregnant … am I allowed to use nicotine gum or patches?" is answered by the smoking
    # overview's "NICE advises that NRT can be used in pregnancy")
    **dict.fromkeys(("nicotine gum", "nicotine patch", "nicotine lozenges", "nicotine polacrilex", "nicorette",
                     "nicoderm"), (("nicotine replacement therapy", "nicotine replacement"), ("NRT",))),
    # the NSAIDs without a -profen, -fenac or -coxib stem; never aspirin, as often an antiplatelet as an analgesic
    **dict.fromkeys(("naproxen", "indometacin", "indomethacin", "meloxicam", "piroxicam", "mefenamic acid",
                     "ketorolac", "nabumetone", "etodolac"), (_NSAID, ("NSAID", "NSAIDs"))),
    # the thiazide-like diuretics by name; never the thiazides by "thiazide", which "thiazide-like" holds too
    **dict.fromkeys(("indapamide", "chlortalidone", "chlorthalidone"), (("thiazide-like diuretic",
                                                                        "thiazide-like diuretics"), ())),
    # the codeine-paracetamol and dihydrocodeine-paracetamol tablets: combination analgesics holding an opioid, as the
    # headache overview counts them towards medication overuse (session 55: "i take imigran and co-codamol for
    # headaches about 12 days a month now, could the tablets be causing more headaches" was partial on co-codamol)
    **dict.fromkeys(("co-codamol", "co-dydramol"), (("combination analgesic", "combination analgesics",
                                                     "compound analgesic", "compound analgesics") + _OPIOID[0], ())),
    # desogestrel alone is the progestogen-only pill (session 58: "i was going to start the mini pill anyway
    # (desogestrel). can i just start it today?" after ulipristal, which the contraception overview answers)
    "desogestrel": (("progestogen-only pill", "progestogen-only pills"), ("POP",)),
}
# Classes that name the patient's own drug only (``context``): "…on empagliflozin, ketones 5.1" is the DKA overview's
# "SGLT2 inhibitors" case, but a class statement does not answer a question asked about one member (the heart
# failure trials are of empagliflozin and dapagliflozin, not of every SGLT2 inhibitor)
# …and anticoagulants: the patient's own blood thinner is named by a line on "people taking anticoagulants" (session
# 45: "my dad is on apixaban for his heart, would he be able to get that new alzheimers drug lecanemab" is answered by
# the dementia overview's "not recommended for people taking anticoagulants"), never a question asked about one
_ANTICOAGULANT = ("anticoagulant", "anticoagulants", "oral anticoagulant", "oral anticoagulants", "anticoagulated")
OWN_DRUG_CLASSES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    **dict.fromkeys(("empagliflozin", "dapagliflozin", "canagliflozin", "ertugliflozin"), _SGLT2),
    **dict.fromkeys(("spironolactone", "eplerenone"), _MRA),
    **dict.fromkeys(("apixaban", "rivaroxaban", "edoxaban", "dabigatran"),
                    (MEMBER_CLASSES["xaban"][0] + _ANTICOAGULANT, MEMBER_CLASSES["xaban"][1])),
    "warfarin": (("vitamin k antagonist", "vitamin k antagonists") + _ANTICOAGULANT, ("VKA", "VKAs")),
}

# Classes by what they do that guidelines name by their member classes instead: "Offer an ACE inhibitor or ARB"
# answers "Which antihypertensive should I start first?", though the hypertension overview never writes
# "antihypertensive" (a question word → the member classes' words and abbreviations)
_ANTIHYPERTENSIVE_MEMBERS = (
    ("ace inhibitor", "ace inhibitors", "angiotensin receptor blocker", "angiotensin receptor blockers", *_CCB,
     "thiazide-like diuretic", "thiazide-like diuretics"),
    ("ACEI", "ARB", "ARBs", "CCB", "CCBs"),
)
# …and "Which antibiotics are used for acute pyelonephritis?" by "an agent … such as cefalexin or ciprofloxacin": the
# antibacterials no INN stem names (``CLASS_MEMBER_STEMS`` holds the others)
_ANTIBACTERIAL_MEMBERS = (
    ("cephalosporin", "cephalosporins", "cefalexin", "cephalexin", "cefadroxil", "cefuroxime", "cefixime",
     "cefotaxime", "ceftriaxone", "ceftazidime", "co-amoxiclav", "co-trimoxazole", "trimethoprim", "nitrofurantoin",
     "metronidazole", "clindamycin", "macrolide", "macrolides", "penicillin", "penicillins"),
    (),
)
FUNCTION_CLASS_MEMBERS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    **dict.fromkeys(("antihypertensive", "antihypertensives"), _ANTIHYPERTENSIVE_MEMBERS),
    **dict.fromkeys(("antibiotic", "antibiotics", "antibacterial", "antibacterials"), _ANTIBACTERIAL_MEMBERS),
}

# Classes named for the condition they treat: "Which antihypertensive should I start first?" is on hypertension, the
# topic of the overview titled with it, not on any overview that once writes "antihypertensives" (session 53: the
# kidney overview's referral line answered it, naming the class as written). A question word → the condition's words
_CONDITION_NAMED = {
    "antihypertensive": ("hypertension", "high blood pressure"),
    "antidepressant": ("depression",),
    "antidiabetic": ("diabetes",),
    "antiemetic": ("nausea", "vomiting"),
    "antiepileptic": ("epilepsy",),
    "antimigraine": ("migraine",),
    "antipsychotic": ("psychosis",),
    "antiarrhythmic": ("arrhythmia",),
    "antianginal": ("angina",),
    "antithyroid": ("hyperthyroidism",),
}
TREATED_CONDITIONS: dict[str, tuple[str, ...]] = {
    form: words for word, words in _CONDITION_NAMED.items() for form in (word, f"{word}s")
}


def treated_condition(word: str) -> tuple[str, ...]:
    """The words of the condition a class named for it treats (``TREATED_CONDITIONS``), or none."""
    return TREATED_CONDITIONS.get(word.lower(), ())


MIN_MISSPELT = 6  # a question word this long may be misspelt; shorter ones are too often another word at one edit
_SHORT_FORM = re.compile(r"^(?=.*[A-Z])[A-Za-z0-9-]{2,10}$")
_WORD = re.compile(r"[A-Za-z0-9]+")
_LETTERS = re.compile(r"[a-z]+")



def _import_schwartz_hearst():  # noqa: ANN202
    """The detector's module, imported without its side effect: it calls ``logging.basicConfig(level=INFO)``, which
    would print every library's INFO lines (faiss, alembic) on a user's terminal. The root logger is put back."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    from abbreviations import schwartz_hearst

    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
    root.setLevel(level)
    logging.getLogger("abbreviations").setLevel(logging.WARNING)
    return schwartz_hearst


schwartz_hearst = _import_schwartz_hearst()


def defined_abbreviations(text: str) -> dict[str, str]:
    """Short form → long form for each "long form (SF)" the text defines (Schwartz–Hearst)."""
    try:
        pairs = schwartz_hearst.extract_abbreviation_definition_pairs(doc_text=text)
    except (ValueError, IndexError):  # the parser can give up on a malformed sentence; a definition only helps
        return {}
    return {
        short: " ".join(long.split())
        for short, long in pairs.items()
        if _SHORT_FORM.match(short) and len(long.split()) >= 2 and short.lower() != long.lower()
    }


@lru_cache(maxsize=1)
def _table_by_long_form() -> dict[str, list[tuple[str, str]]]:
    """Stemmed long form → (abbreviation, long form) pairs, from the one-meaning table (``expansion_of`` reversed)."""
    found: dict[str, list[tuple[str, str]]] = {}
    for short, long in load_abbreviations().items():
        if sum(ch.isupper() for ch in short) >= 2 and len(long.split()) >= 2:
            found.setdefault(" ".join(stem_sequence(long)), []).append((short, long))
    return found


def _run_positions(question_stems: list[str], long_form: str) -> range | None:
    """The positions of the question's stem sequence that spell ``long_form`` as a run, else None."""
    wanted = stem_sequence(long_form)
    size = len(wanted)
    for begin in range(len(question_stems) - size + 1):
        if size and question_stems[begin : begin + size] == wanted:
            return range(begin, begin + size)
    return None


def with_abbreviations(question: str, terms: list[SpecificTerm], evidence_text: str = "") -> list[SpecificTerm]:
    """The ``terms`` with the other written form each has, by the definitions in the question, then the evidence's
    definitions and the abbreviation table: a term spelled out in the question gets its abbreviation (matched as
    written), and a term written as an abbreviation gets its long form."""
    question_stems = stem_sequence(question)
    definitions = {**defined_abbreviations(evidence_text), **defined_abbreviations(question)}
    pairs = list(definitions.items())
    spelled = f" {' '.join(question_stems)} "
    for stemmed, table_pairs in _table_by_long_form().items():
        if f" {stemmed} " in spelled:
            pairs += table_pairs
    question_words = set(_WORD.findall(question))
    runs = [(short, long, _run_positions(question_stems, long)) for short, long in pairs]
    updated = []
    for term in terms:
        term_stems = set(stem_sequence(term.label))
        shorts, longs = list(term.abbreviations), list(term.forms)
        for short, long, run in runs:
            if run is not None and term_stems & {question_stems[i] for i in run}:
                shorts.append(short)
            elif term.label in (short, f"{short}s") and term.label in question_words:  # or its plural: "CBGs"
                longs.append(long.lower())
        updated.append(replace(term, forms=tuple(dict.fromkeys(longs)), abbreviations=tuple(dict.fromkeys(shorts))))
    return updated


def with_phrase_synonyms(question: str, terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """A one-word term written inside a phrase of a synonym group (retrieve/data/synonyms.tsv) is also named by the
    group's other phrases: the "prolapse" of "a known L4/5 disc prolapse" by the cauda equina overview's "lumbar disc
    herniation", the "needles" of "pins and needles" by "paraesthesia"."""
    spelled = f" {' '.join(stem_sequence(question))} "
    updated = []
    for term in terms:
        words = stem_sequence(term.label)
        groups = [] if term.kind not in ("term", "word") or len(words) != 1 else [
            group for group in synonym_groups()
            if any(len(phrase.split()) > 1 and words[0] in (stems := stem_sequence(phrase))
                   and f" {' '.join(stems)} " in spelled for phrase in group)
        ]
        forms = [form for group in groups for form in group]
        updated.append(replace(term, forms=tuple(dict.fromkeys([*term.forms, *forms]))) if forms else term)
    return updated


def with_class_members(terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """Drug terms naming a class get the INN stems of its members (a single drug gets none); so does a word the drug
    lexicon does not know whose synonyms name the class ("start steroids?" is named by "give hydrocortisone"). A class
    by function also gets its member classes' words (``FUNCTION_CLASS_MEMBERS``)."""
    updated = []
    for term in terms:
        stems = () if term.kind == "population" else next(
            (CLASS_MEMBER_STEMS[form] for form in term.forms if form in CLASS_MEMBER_STEMS), ()
        )
        names, shorts = member_class_names(term.label) if term.kind == "drug" else ((), ())
        if names:  # a class by function is named by its member classes too ("an ACE inhibitor or ARB")
            term = replace(term, forms=tuple(dict.fromkeys(term.forms + names)),
                           abbreviations=tuple(dict.fromkeys(term.abbreviations + shorts)))
        updated.append(replace(term, member_stems=stems) if stems else term)
    return updated


# Conditions named by the class guidelines write for the people who have them (session 32: "51M with schizophrenia
# on clozapine … Is varenicline safe?" is answered by EAGLES "including in people with psychiatric disorders";
# "Starting levothyroxine dose for a 72 yo with angina?" by "people with cardiac disease")
_PSYCHIATRIC = ("psychiatric disorder", "psychiatric disorders", "psychiatric illness", "psychiatric conditions",
                "mental illness", "serious mental illness", "severe mental illness")
CONDITION_CLASSES: dict[str, tuple[str, ...]] = {
    "schizophrenia": _PSYCHIATRIC,
    # …and the everyday name of the class itself: "Is varenicline safe in people with mental illness?" is the smoking
    # overview's EAGLES line "including in people with psychiatric disorders"
    **dict.fromkeys(("mental illness", "mental illnesses", "mental health problems", "mental health conditions",
                     "mental disorder", "mental disorders"), _PSYCHIATRIC),
    "bipolar": _PSYCHIATRIC,
    "psychosis": _PSYCHIATRIC,
    "angina": ("cardiac disease", "heart disease", "ischaemic heart disease", "ischemic heart disease",
               "coronary heart disease", "coronary artery disease"),
    # emphysema is chronic obstructive pulmonary disease, as guidelines on who is at risk write it (session 33: "I'm
    # 70 with emphysema … should I get tamiflu?")
    "emphysema": ("chronic obstructive pulmonary disease", "COPD", "chronic lung disease", "chronic respiratory disease"),
}


def with_condition_classes(terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """A condition of ``CONDITION_CLASSES`` is also named by its class."""
    return [
        replace(term, forms=tuple(dict.fromkeys(term.forms + CONDITION_CLASSES[term.label.lower()])))
        if term.kind in ("term", "word") and term.label.lower() in CONDITION_CLASSES else term
        for term in terms
    ]


def with_member_classes(terms: list[SpecificTerm]) -> list[SpecificTerm]:
    """A single drug of a class in ``MEMBER_CLASSES`` (omeprazole) or ``NAMED_MEMBERS`` (tramadol), or a patient's own
    drug of ``OWN_DRUG_CLASSES``, is also named by its class (a PPI, an opioid, an SGLT2 inhibitor). Not when the
    question names two members of one class ("apixaban or rivaroxaban?"): a statement about the class cannot
    choose between them. One drug named twice is one member ("despite 8 weeks of omeprazole … should he keep taking
    omeprazole until the test?": the reflux overview's "stopping the PPI for 2 to 4 weeks", session 60)."""
    def class_of(term: SpecificTerm) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
        if term.kind != "drug" or term.member_stems:
            return None
        names = dict.fromkeys(name.lower() for name in (term.label, *term.forms))  # a brand by its generic name's
        # class: "Imigran" is sumatriptan, a triptan (session 55), "Lantus" glargine, a basal insulin
        own = next((OWN_DRUG_CLASSES[name] for name in names if name in OWN_DRUG_CLASSES), None)
        if term.context and own is not None:
            return own
        return next((found for name in names if (found := _class_of_name(
            name, by_ending=name in (term.label.lower(), *term.forms[:2])
        )) is not None), None)  # by a class's ending only the name and the generic name the lexicon gives next: not
        # another brand ("Dispril", an aspirin, took "pril" for an ACE inhibitor's, and a note's aspirin and ramipril
        # counted as two of one class; session 64)

    classes = [class_of(term) for term in terms]
    members = {  # xaban and gatran share one class; one drug named twice (taken, then asked about), or by its brand
        # and its generic name ("brilique (ticagrelor)"), is one member
        (name, forms) for name, forms in zip(_one_drug_names(terms), classes) if forms is not None
    }
    named = [forms for _label, forms in members]
    shared = {forms for forms in named if named.count(forms) >= 2}
    updated = []
    for term, found in zip(terms, classes):
        if found is not None and found not in shared:
            words, shorts = found
            term = replace(term, forms=tuple(dict.fromkeys(term.forms + words)),
                           abbreviations=tuple(dict.fromkeys(term.abbreviations + shorts)))
        updated.append(term)
    return updated


def _one_drug_names(terms: list[SpecificTerm]) -> list[str]:
    """Each term's drug by one name: a term whose names (label and forms) meet an earlier term's takes that term's
    label, so a brand and its generic name ("brilique (ticagrelor)") are one drug."""
    seen: list[tuple[str, set[str]]] = []
    found = []
    for term in terms:
        names = {name.lower() for name in (term.label, *term.forms)}
        label = next((known for known, known_names in seen if names & known_names), None)
        if label is None:
            label = term.label.lower()
            seen.append((label, names))
        found.append(label)
    return found


def _class_of_name(label: str, *, by_ending: bool = True) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The class (words, abbreviations) naming a single drug by name or (``by_ending``) by its INN stem, or None."""
    if label in NAMED_MEMBERS:
        return NAMED_MEMBERS[label]
    if not by_ending:
        return None
    return next(
        (forms for stem, forms in MEMBER_CLASSES.items()
         if label.endswith(stem) and len(label) >= len(stem) + MIN_MEMBER_PREFIX),
        None,
    )


def member_class_names(word: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The words and abbreviations of the member classes a class by function is written as (``FUNCTION_CLASS_MEMBERS``),
    or empty ones."""
    return FUNCTION_CLASS_MEMBERS.get(word.lower(), ((), ()))


def class_names(drug: str) -> tuple[str, ...]:
    """The words and abbreviations of the class that also names this single drug, as ``with_member_classes`` gives a
    drug term: "would omeprazole help my reflux?" is named by the reflux overview's "proton pump inhibitor (PPI)"."""
    found = _class_of_name(drug.lower())
    return found[0] + found[1] if found else ()


def one_edit_apart(first: str, second: str) -> bool:
    """True when one insertion, deletion, substitution or swap of neighbours turns ``first`` into ``second``."""
    if first == second or abs(len(first) - len(second)) > 1:
        return False
    if len(first) > len(second):
        first, second = second, first
    start = next((i for i, (a, b) in enumerate(zip(first, second)) if a != b), len(first))
    if len(first) < len(second):
        return first[start:] == second[start + 1 :]
    if first[start + 1 :] == second[start + 1 :]:
        return True
    return first[start:start + 2] == second[start:start + 2][::-1] and first[start + 2 :] == second[start + 2 :]


def with_spellings(terms: list[SpecificTerm], evidence_text: str) -> list[SpecificTerm]:
    """A technical word of the question that no retrieved passage holds (not even inside a longer word), and that is
    one edit from exactly one word those passages do hold, gets that word as a form: the question misspelt it."""
    lowered = evidence_text.lower()
    unseen = {
        term.label
        for term in terms
        if term.kind in ("term", "word") and len(term.label) >= MIN_MISSPELT and term.label.isalpha()
        and term.label.lower() not in lowered  # not even inside a longer word
    }
    if not unseen:
        return terms
    words = {word for word in _LETTERS.findall(lowered) if len(word) >= MIN_MISSPELT - 1}
    updated = []
    for term in terms:
        near = sorted(word for word in words if one_edit_apart(term.label.lower(), word)) if term.label in unseen else []
        updated.append(replace(term, forms=(*term.forms, near[0])) if len(near) == 1 else term)
    return updated
