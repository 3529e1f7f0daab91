"""Follow-up threads: follow-ups made standalone from the thread, suggested follow-ups, and threads that only their
owner can find."""

import pytest

from medora import followups
from medora.errors import ThreadNotFoundError
from medora.readers.threads import (
    ThreadContext,
    follow_up_candidates,
    question_topic,
    standalone_question,
    topic_of,
)
from medora.settings import Settings
from medora.types import Article, EditorialStatus, Provenance
from medora.workspace import Workspace

CONTEXT = ThreadContext(
    topic="L5 radiculopathy with foot drop",
    first_question="How should L5 radiculopathy with foot drop be managed?",
    last_question="How should L5 radiculopathy with foot drop be managed?",
)


@pytest.mark.parametrize(
    ("follow_up", "standalone"),
    [
        ("what about in a patient with diabetes?", "How should L5 radiculopathy with foot drop be managed in a patient with diabetes?"),
        ("and if surgery is not possible?", "How should L5 radiculopathy with foot drop be managed if surgery is not possible?"),
        ("What about children?", "How should L5 radiculopathy with foot drop be managed in children?"),
        ("in pregnancy?", "How should L5 radiculopathy with foot drop be managed in pregnancy?"),
        ("what about gabapentin?", "What about gabapentin in L5 radiculopathy with foot drop?"),
        ("How long does it last?", "How long does L5 radiculopathy with foot drop last?"),
        ("Which tests are needed?", "Which tests are needed for L5 radiculopathy with foot drop?"),
        ("How is gout treated?", "How is gout treated?"),
    ],
)
def test_a_follow_up_is_made_standalone_from_the_thread(follow_up, standalone):
    assert standalone_question(follow_up, CONTEXT) == standalone


METFORMIN = ThreadContext("metformin", "Is metformin first-line for type 2 diabetes?", "Is metformin first-line for type 2 diabetes?")


@pytest.mark.parametrize(
    ("context", "follow_up", "standalone"),
    [
        (METFORMIN, "Is it safe in pregnancy?", "Is metformin safe in pregnancy?"),
        (METFORMIN, "Does it cause weight gain?", "Does metformin cause weight gain?"),
        (METFORMIN, "What are the side effects?", "What are the side effects of metformin?"),
        (METFORMIN, "Is sitagliptin safe in pregnancy?", "Is sitagliptin safe in pregnancy?"),
        (CONTEXT, "Is it safe in pregnancy?", "Is the treatment of L5 radiculopathy with foot drop safe in pregnancy?"),
        (CONTEXT, "How long does recovery take?", "How long does recovery take for L5 radiculopathy with foot drop?"),
        (CONTEXT, "Is surgery needed?", "Is surgery needed for L5 radiculopathy with foot drop?"),
    ],
)
def test_a_follow_up_that_names_no_topic_asks_about_the_threads_medicine_or_topic(context, follow_up, standalone):
    assert standalone_question(follow_up, context) == standalone


def test_and_if_builds_on_the_last_question_and_what_about_on_the_first():
    context = ThreadContext(CONTEXT.topic, CONTEXT.first_question, CONTEXT.first_question[:-1] + " if surgery is not possible?")
    assert standalone_question("and if they also have diabetes?", context) == (
        "How should L5 radiculopathy with foot drop be managed if surgery is not possible if they also have diabetes?"
    )
    assert standalone_question("what about in older adults?", context) == (
        "How should L5 radiculopathy with foot drop be managed in older adults?"
    )


def test_a_question_without_a_thread_is_taken_as_asked():
    assert standalone_question("  what about in a patient with diabetes? ", None) == "what about in a patient with diabetes?"


def test_the_topic_is_the_question_without_its_frame_or_the_overview_title_before_its_dash():
    assert question_topic("What is the initial management of suspected acute coronary syndrome?") == (
        "suspected acute coronary syndrome"
    )
    assert question_topic("How is COPD managed?") == "COPD"
    overview = Article(
        question="Acute coronary syndrome — recognition and early management", question_type="overview",
        title="Acute coronary syndrome — recognition and early management", editorial=EditorialStatus(last_updated="x"),
        disclaimer="", provenance=Provenance(settings_hash="", index_version="", models={}, passage_ids=[], composer=""),
    )
    assert topic_of(overview) == "acute coronary syndrome"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    settings = Settings(home=tmp_path_factory.mktemp("threads") / "home")
    settings.ingest.embed = False
    workspace = Workspace(settings)
    workspace.prepare()
    return workspace


def test_a_thread_keeps_its_questions_and_only_its_owner_finds_it(workspace: Workspace):
    first = followups.ask_in_thread(workspace, CONTEXT.first_question, owner="reader:a")
    second = followups.ask_in_thread(workspace, "and if surgery is not possible?", owner="reader:a", thread_id=first.thread.id)
    assert second.standalone == "How should L5 radiculopathy with foot drop be managed if surgery is not possible?"
    assert [(i.position, i.asked) for i in second.thread.items] == [
        (1, CONTEXT.first_question), (2, "and if surgery is not possible?")
    ]
    assert second.stored.record.id != first.stored.record.id and second.stored.article.references
    assert len(first.thread.id) == 16
    with pytest.raises(ThreadNotFoundError, match="of yours"):
        followups.get_thread(workspace, first.thread.id, owner="reader:b")
    with pytest.raises(ThreadNotFoundError):
        followups.ask_in_thread(workspace, "in pregnancy?", owner="reader:b", thread_id=first.thread.id)
    assert len(followups.get_thread(workspace, first.thread.id, owner="reader:a").items) == 2


def test_a_readers_token_is_kept_only_as_a_hash():
    token = followups.new_token()
    assert len(token) == 43 and followups.owner_of_token(token).startswith("reader:")
    assert token not in followups.owner_of_token(token) and followups.owner_of_token(token) != followups.owner_of_token(token + "x")


def test_suggested_follow_ups_are_ones_the_library_answers(workspace: Workspace):
    from medora import articles

    # the gout overview covers diagnosis, treatment, special situations and referral: what is left is a dose
    assert followups.suggest(workspace, articles.get_article(workspace, "gout")) == ["What is the dose of allopurinol for gout?"]
    diagnosis = articles.ask(workspace, "How is gout diagnosed?")
    assert diagnosis.article.question_type == "diagnosis"
    # laid out from the gout overview, it already covers treatment, special situations and referral
    assert followups.suggest(workspace, diagnosis) == ["What is the dose of allopurinol for gout?"]
    unanswerable = articles.ask(workspace, "What is the airspeed velocity of an unladen swallow?")
    assert followups.suggest(workspace, unanswerable) == []


def test_a_yes_no_questions_topic_is_its_condition_or_its_one_medicine():
    assert question_topic("Does tirzepatide improve outcomes in heart failure with preserved ejection fraction?") == (
        "heart failure with preserved ejection fraction"
    )
    assert question_topic("Is apixaban better than warfarin in atrial fibrillation with end-stage kidney disease?") == (
        "atrial fibrillation with end-stage kidney disease"
    )
    assert question_topic("Is metformin safe in pregnancy?") == "metformin"  # 'in pregnancy' is a population
    assert question_topic("Is there an association between visual snow and migraine?") == "visual snow and migraine"


def test_an_article_about_one_medicine_suggests_questions_about_the_medicine():
    article = Article(
        question="Is metformin safe in pregnancy?", question_type="yes_no", title="Is metformin safe in pregnancy",
        editorial=EditorialStatus(last_updated="x"), disclaimer="",
        provenance=Provenance(settings_hash="", index_version="", models={}, passage_ids=[], composer=""),
    )
    assert follow_up_candidates(article, topic_of(article)) == [
        "What is the dose of metformin?", "What are the side effects of metformin?",
    ]
