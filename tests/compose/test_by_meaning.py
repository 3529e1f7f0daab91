"""A question in everyday words that no overview's words reach: the overview closest in meaning may answer it, only
when clearly closest, naming every specific term of the question, and the question asks about no drug."""

import pytest

from medora.answer import answer_question
from medora.compose.select import closest_in_meaning, closest_two_agree, everyday_overview
from medora.compose.terms import SpecificTerm
from medora.settings import Settings
from medora.types import Evidence, Kind, Source
from medora.workspace import Workspace


def _passage(passage_id: int, source_id: int, title: str, text: str, similarity: float, rank: int) -> Evidence:
    kind = Kind.EDITORIAL_SUMMARY if source_id < 10 else Kind.RCT
    source = Source(key=f"library:{source_id}", kind=kind, title=title)
    return Evidence(
        passage_id=passage_id, source_id=source_id, source=source, section="Assessment", text=text, start=0,
        end=len(text), score=1.0, dense_similarity=similarity, dense_rank=rank,
    )


GALLSTONES = "Gallstones and biliary colic"
COLIC = _passage(1, 1, GALLSTONES, "Biliary colic is right upper quadrant pain after fatty meals.", 0.47, 1)
COLIC_NEXT = _passage(2, 1, GALLSTONES, "Ultrasound confirms gallstones.", 0.41, 2)
ULCER = _passage(3, 2, "Peptic ulcer disease", "Epigastric pain eased by food suggests a duodenal ulcer.", 0.44, 2)


def test_the_closest_overview_is_chosen_when_its_next_passage_is_as_close():
    assert closest_in_meaning([COLIC_NEXT, COLIC, ULCER.model_copy(update={"dense_rank": 3})]).passage_id == 1


def test_no_overview_is_chosen_when_another_is_nearly_as_close():
    assert closest_in_meaning([COLIC, ULCER]) is None


def test_no_overview_is_chosen_below_the_similarity_floor():
    far = COLIC.model_copy(update={"dense_similarity": 0.33})
    assert closest_in_meaning([far, COLIC_NEXT.model_copy(update={"dense_similarity": 0.30})]) is None


def test_a_study_closest_in_meaning_picks_no_overview():
    study = _passage(4, 20, "A trial of ursodeoxycholic acid", "Pain after meals fell.", 0.60, 1)
    assert closest_in_meaning([study, COLIC_NEXT]) is None


def test_the_overview_answers_an_everyday_question_naming_no_term_it_lacks():
    pain = SpecificTerm(label="gallstones", kind="term", forms=("gallstones",))
    assert everyday_overview([pain], ["Gallstones and biliary colic", "Ultrasound confirms gallstones."], agree=False)
    assert everyday_overview([], ["Gallstones and biliary colic"], agree=False)


def test_a_treatment_the_overview_does_not_name_stays_unanswered():
    cure = SpecificTerm(label="dandelion tea", kind="term", forms=("dandelion tea",))
    text = ["Gallstones and biliary colic", "Ultrasound confirms gallstones."]
    assert not everyday_overview([cure], text, agree=True)


def test_a_drug_asked_about_is_answered_by_meaning_only_when_the_words_agree():
    drug = SpecificTerm(label="hyoscine", kind="drug", forms=("hyoscine",))
    text = ["Gallstones and biliary colic", "Hyoscine may ease colic.", "Hyoscine is an antispasmodic."]
    assert not everyday_overview([drug], text, agree=False)
    assert everyday_overview([drug], text, agree=True)


def test_a_term_the_overview_names_in_one_passage_only_is_a_mention_not_its_topic():
    jaundice = SpecificTerm(label="jaundice", kind="term", forms=("jaundice",))
    once = ["Gallstones and biliary colic", "Ultrasound confirms gallstones.", "Jaundice suggests a stone in the duct."]
    assert not everyday_overview([jaundice], once, agree=True)
    assert everyday_overview([jaundice], [*once, "Refer jaundice the same day."], agree=True)


def test_a_case_finding_may_be_named_in_passing_once_what_is_asked_is_named_in_full():
    asked = SpecificTerm(label="reperfusion", kind="term", forms=("reperfusion",), required=True)
    found = SpecificTerm(label="cath", kind="term", forms=("cath lab",), finding=True)
    text = ["Acute coronary syndromes", "Reperfusion within 120 minutes.", "Fibrinolysis when reperfusion by PCI is far",
            "Transfer from a hospital without a cath lab."]
    assert everyday_overview([asked, found], text, agree=True)
    assert not everyday_overview([found], text, agree=True)  # findings alone are named like a subject
    antibiotic = SpecificTerm(label="antibiotic", kind="drug", forms=("antibiotic",))
    assert not everyday_overview([antibiotic, found], [*text, "An antibiotic.", "Another antibiotic."], agree=True)


def test_the_patients_own_drugs_are_no_topic_words():
    from medora.compose.select import QuestionWeights, without_case_drugs

    drug = SpecificTerm(label="mirtazapine", kind="drug", forms=("mirtazapine",), context=True)
    weights = QuestionWeights({"mirtazapin": 7.0, "dizzi": 4.0, "stand": 2.0}, phrases=[("mirtazapin", "dizzi")])
    kept = without_case_drugs(weights, [drug])
    assert dict(kept) == {"dizzi": 4.0, "stand": 2.0}
    assert kept.phrases == ()
    asked = SpecificTerm(label="mirtazapine", kind="drug", forms=("mirtazapine",))
    assert dict(without_case_drugs(weights, [asked])) == dict(weights)


def test_the_patients_job_is_no_topic_word():
    from medora.compose.select import QuestionWeights, without_case_drugs

    weights = QuestionWeights({"hairdress": 7.0, "iron": 3.7, "constip": 4.8})
    question = "I'm a hairdresser and the iron tablets make me constipated. Is there a better way to take them?"
    assert dict(without_case_drugs(weights, [], question)) == {"iron": 3.7, "constip": 4.8}
    asked = QuestionWeights({"welder": 7.0, "asbestosi": 7.0})
    assert dict(without_case_drugs(asked, [], "Can a welder get asbestosis?")) == dict(asked)


def test_meaning_agrees_when_the_two_closest_passages_are_the_overviews():
    assert closest_two_agree([COLIC_NEXT, COLIC, ULCER.model_copy(update={"dense_rank": 3})], 1)
    assert not closest_two_agree([COLIC, ULCER], 1)


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = Workspace(Settings(home=tmp_path_factory.mktemp("by-meaning") / "home"))
    workspace.prepare()  # embeds the 61 overviews once for the module
    return workspace


def _asked(workspace: Workspace, question: str) -> tuple[str, str | None]:
    article = answer_question(question, retriever=workspace.retriever, settings=workspace.settings)
    return article.answer_status, article.references[0].source_key if article.references else None


@pytest.mark.parametrize(
    "question",
    [  # a reviewer's questions: the words find a topic that does not answer, or the question names nothing to check
        "my mum is confused after her op, would melatonin help?",
        "my calf is swollen after a long flight, should I wear compression stockings?",
        "my ankle is swollen after twisting it, do I need an x-ray?",
    ],
)
def test_meaning_never_answers_what_the_words_left_partial_or_a_question_naming_nothing(
    workspace: Workspace, question: str
):
    assert _asked(workspace, question)[0] in ("partial", "insufficient")


def test_a_question_in_everyday_words_naming_its_subject_is_answered_by_the_overview_closest_in_meaning(
    workspace: Workspace,
):
    question = "my 15 year old suddenly has terrible pain in one testicle and is being sick, is it urgent?"
    assert _asked(workspace, question) == ("answered", "library:testicular-torsion-and-acute-scrotum")


def test_a_question_describing_what_the_patient_feels_is_answered_by_the_overview_closest_in_meaning(
    workspace: Workspace,
):
    question = "My fingers keep going tingly at night and I have to shake my hand to wake them up. What can I do?"
    assert _asked(workspace, question) == ("answered", "library:carpal-tunnel-syndrome")


def test_whether_to_wait_pairs_nothing_with_the_population_so_meaning_may_answer_it(workspace: Workspace):
    """Session 34: "is it ok to" read as a question on safety for a pregnant woman, and no closeness in meaning
    vouches for a pairing; waiting is no drug or activity, and the UTI overview says not to wait in pregnancy. A
    pairing ("is it safe to fly?") still finds nothing."""
    question = "I'm pregnant and it stings when I wee, is it ok to wait and see if it clears up?"
    assert _asked(workspace, question) == ("answered", "library:urinary-tract-infection")
    assert _asked(workspace, "I'm pregnant, is it safe to fly?")[0] in ("partial", "insufficient")


def test_of_two_overviews_as_close_in_meaning_the_one_naming_the_body_part_is_taken(workspace: Workspace):
    """Session 35: the cellulitis overview's closest passage was 0.515 from the question, the sore-throat overview's
    antibiotic line 0.514; only cellulitis names a leg, and the everyday descriptions put it first."""
    assert _asked(workspace, "Red hot swollen lower leg, oral antibiotics or IV?") == ("answered", "library:cellulitis")


def test_a_vignettes_findings_named_in_passing_leave_the_question_asked_answered(workspace: Workspace):
    question = (
        "58M, 90 min of crushing central chest pain, ST elevation in II, III and aVF. Nearest cath lab is about 3 hours"
        " away by road. Reperfusion plan?"
    )
    assert _asked(workspace, question) == ("answered", "library:acute-coronary-syndrome")


def test_the_one_overview_the_words_find_answering_is_laid_out_when_closest_in_meaning(workspace: Workspace):
    question = "My 2 year old keeps tugging at her ear and has a temperature, does she need antibiotics?"
    assert _asked(workspace, question) == ("answered", "library:acute-otitis-media")


@pytest.mark.parametrize(
    ("question", "status"),
    [  # feelings never answer for a body part the closest overview is not about, nor on a population alone, nor
        # for what the asking clause names and the overview does not, nor beside a drug, nor a child's question
        # from an overview for adults
        ("My elbow aches and clicks when I lift things. What helps?", "insufficient"),
        ("my baby is floppy and feverish, what should I do?", "insufficient"),
        ("I've got a stiff neck and a fever and a rash. What should I do?", "insufficient"),
        ("my back aches, would a TENS machine help?", "insufficient"),
        ("I feel low and tearful, would sertraline help?", "partial"),
        ("I'm constipated and sleepy since starting amitriptyline. Should I stop it?", "partial"),
        ("my 10 year old's knee aches when he runs", "insufficient"),
    ],
)
def test_feelings_answer_nothing_the_closest_overview_does_not_address(
    workspace: Workspace, question: str, status: str
):
    assert _asked(workspace, question)[0] == status


def test_a_childs_question_is_answered_by_meaning_from_an_overview_for_all_ages_that_speaks_of_children(
    workspace: Workspace,
):
    question = (
        "Our son is 8 and had a bad reaction to cashews, lips swelled up and he was wheezing. What strength epipen "
        "should he have and how many does he need to carry?"
    )
    assert _asked(workspace, question) == ("answered", "library:anaphylaxis")


def test_the_medical_words_of_an_everyday_phrase_are_searched_for(workspace: Workspace):
    question = (
        "They found a small clot on my lung and sent me home from a&e with tablets. Shouldn't I have been kept in "
        "hospital?"
    )
    top = workspace.retriever.search(question, top_k=10, lexical_words="pulmonary embolism pulmonary emboli")
    plain = workspace.retriever.search(question, top_k=10)
    overview = "library:pulmonary-embolism"
    assert sum(item.source.key == overview for item in top) > sum(item.source.key == overview for item in plain)
    assert _asked(workspace, question) == ("answered", overview)  # was the pneumonia overview's, on "lung"


@pytest.mark.parametrize(
    ("question", "expected"),
    [  # one passage retrieved, but the question's one term is a subject of the overview (answer._subject_of_overview)
        ("CRB-65 of 2 in general practice: treat at home or send in?",
         ("answered", "library:community-acquired-pneumonia")),
        ("My mum has been on alendronate for 5 years now. Does she have to stay on it for life?",
         ("answered", "library:osteoporosis")),
        # …after the meaning had its say, and never for a term the overview names once
        ("I've had sciatica for weeks and now it feels numb when I wipe my bottom. Is that serious?",
         ("answered", "library:cauda-equina-syndrome")),
        ("How is early Parkinson disease treated?", ("partial", "library:dementia-workup")),
    ],
)
def test_an_overview_whose_subject_is_the_questions_one_term_answers_it(
    workspace: Workspace, question: str, expected: tuple
):
    assert _asked(workspace, question) == expected


def test_meaning_overrules_common_words_that_chose_another_overview(workspace: Workspace):
    # "sore", "week" and "take" are words of the sore-throat overview's bottom line; the closest passage and the
    # everyday descriptions both mean low back pain (answer._meaning_overrules)
    question = "my back has been sore for a week, what's the best thing to take?"
    assert _asked(workspace, question) == ("answered", "library:low-back-pain-red-flags")
    # …but not an overview that names every topic word of the question: the pill and smoking are the contraception
    # overview's, though "smoke" brings the smoking-cessation overview closest in meaning (session 38)
    assert _asked(workspace, "Can I take the pill if I'm 36 and smoke?") == ("answered", "library:contraception")


def test_the_overview_closest_to_a_drug_must_speak_of_the_occasion_it_is_asked_for(workspace: Workspace):
    # the stroke overview's aspirin is closest in meaning; it never speaks of a tooth extraction (session 38)
    assert _asked(workspace, "Should aspirin be stopped before a tooth extraction?")[0] != "answered"
    assert _asked(workspace, "Should I take aspirin after a TIA?") == ("answered", "library:stroke-and-tia")
