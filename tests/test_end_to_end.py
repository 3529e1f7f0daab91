"""Fresh data directory → ingest real records → ask → an article whose every citation points at a stored passage."""

import re
from pathlib import Path

import pytest

from medora.answer import answer_question
from medora.compose.fitted import fingerprint
from medora.settings import Settings
from medora.store import repository
from medora.workspace import Workspace
from tests.conftest import DATA, head_lines


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    """The packaged library plus a PubMed XML file, embedded for real (hybrid retrieval)."""
    home = tmp_path_factory.mktemp("e2e") / "home"
    workspace = Workspace(Settings(home=home))
    workspace.sync_library()
    report = workspace.ingest([DATA / "pubmed_sample.xml"])
    assert report.ok and report.sources_added == 2
    return workspace


def _stored_passage_ids(workspace: Workspace, ids: list[int]) -> set[int]:
    with workspace.engine.connect() as conn:
        return set(repository.fetch_passages(conn, passage_ids=ids))


def test_seed_question_gets_a_management_article_citing_the_overview(workspace: Workspace):
    article = answer_question(
        "What is the best approach to managing L5 radiculopathy with foot drop?",
        retriever=workspace.retriever,
        settings=workspace.settings,
    )
    headings = [section.heading for section in article.sections]
    assert article.question_type == "management"
    assert {"Diagnostic approach", "Treatment algorithm", "Special considerations", "Common pitfalls"} <= set(headings)
    treatment = next(s for s in article.sections if s.heading == "Treatment algorithm")
    assert any("severe" in sub.heading.lower() for sub in treatment.subsections)
    assert article.references[0].kind == "editorial summary"
    assert article.references[0].source_key == "library:lumbar-radiculopathy-foot-drop"
    assert any(item["kind"] == "guideline" for item in article.references[0].summarises)
    assert article.bottom_line and not article.insufficient_evidence
    assert article.editorial.status == "pending human review"
    # no verdict read; the overview is cited, not chosen by the citation model; the lead model read its sentences
    assert set(article.provenance.models) == {"embedding", "composer", "ranker", "leads"}
    assert article.provenance.models["leads"] == fingerprint("medora.compose", "lead_model.json")


def test_every_citation_points_at_a_stored_passage_that_holds_the_sentence(workspace: Workspace):
    article = answer_question(
        "Does early surgery improve motor recovery in foot drop from disc herniation?",
        retriever=workspace.retriever,
        settings=workspace.settings,
    )
    statements = article.bottom_line + [s for sec in article.sections for s in sec.statements] + [
        s for sec in article.sections for sub in sec.subsections for s in sub.statements
    ]
    assert statements
    numbers = {str(ref.number) for ref in article.references}
    labels = numbers | {item["label"] for ref in article.references for item in ref.summarises}
    stored = _stored_passage_ids(workspace, [s.passage_id for s in statements])
    for statement in statements:
        assert statement.verified and set(statement.citations) <= labels
        assert statement.passage_id in stored
    assert set(article.provenance.passage_ids) <= _stored_passage_ids(workspace, article.provenance.passage_ids)
    # the study record was chosen by the citation model, named in the provenance by its weights' hash
    assert article.provenance.models["citations"] == fingerprint("medora.compose", "citation_model.json")
    assert re.fullmatch(r"citation_model@[0-9a-f]{12}", article.provenance.models["citations"])
    # the vector model chose (answer.py handed it the vectors), its pair model named beside it
    assert article.provenance.models["citation_vectors"] == fingerprint("medora.compose", "vector_relevance.npz")
    assert re.fullmatch(r"vector_relevance@[0-9a-f]{12}", article.provenance.models["citation_vectors"])
    assert re.fullmatch(r"ranker@[0-9a-f]{12}", article.provenance.models["ranker"])
    assert article.provenance.models["embedding"] == "all-MiniLM-L6-v2-int8-onnx"


def test_a_yes_no_question_gets_no_unearned_verdict_but_a_notice_and_its_certainty(workspace: Workspace):
    article = answer_question(
        "Does early decompression improve motor recovery in foot drop?", retriever=workspace.retriever, settings=workspace.settings
    )
    assert article.question_type == "yes_no"
    assert article.verdict is None  # not earned on this evidence (bench/train_verdict.py)
    assert article.verdict_notice.startswith("The retrieved studies do not give a clear yes or no answer")
    assert article.certainty.level in ("high", "moderate", "low", "very low") and article.certainty.reason
    assert article.bottom_line and all(s.verified and s.citations for s in article.bottom_line)
    # the fitted models that had a say are named by the hash of their shipped weights
    assert {"embedding", "composer", "ranker", "verdict"} <= set(article.provenance.models)
    assert article.provenance.models["verdict"] == fingerprint("medora.compose", "verdict_model.json")
    assert re.fullmatch(r"verdict_model@[0-9a-f]{12}", article.provenance.models["verdict"])


def test_an_off_topic_question_says_the_evidence_is_insufficient(workspace: Workspace):
    article = answer_question(
        "What is the orbital period of Jupiter's moon Europa?", retriever=workspace.retriever, settings=workspace.settings
    )
    assert article.insufficient_evidence
    assert article.references == []
    assert article.sections[0].heading == "Insufficient evidence in the library"


def test_year_and_kind_filters_restrict_the_evidence(workspace: Workspace):
    from medora.retrieve.retriever import Filters

    evidence = workspace.retriever.search(
        "foot drop surgery", top_k=5, filters=Filters(kinds=frozenset({"rct"}), year_from=2018)
    )
    assert {e.source.key for e in evidence} == {"pmid:90000001"}


def test_shared_corpus_records_are_retrievable_by_their_own_words(shared: Path, tmp_path: Path):
    sample = head_lines(shared / "pubmed" / "corpus.jsonl", tmp_path / "corpus.jsonl", 150)
    workspace = Workspace(Settings(home=tmp_path / "home"))
    workspace.ingest([sample])
    from medora.eval.datasets import read_jsonl

    record = list(read_jsonl(sample))[7]
    evidence = workspace.retriever.search(record["sections"][0]["text"][:300], top_k=3)
    assert evidence[0].source.pmid == record["pmid"]


def test_library_coverage_questions_find_their_overview_in_the_top_three(workspace: Workspace):
    from medora.eval.coverage import coverage_questions, run_coverage

    questions = coverage_questions()
    assert len(questions) >= 40
    results = run_coverage(workspace.retriever, questions)
    misses = [(r.question, r.expected, r.top_sources) for r in results if not r.hit]
    assert len(misses) <= 0.05 * len(results), misses


def test_hybrid_ranking_goes_through_the_learned_ranker_and_can_be_switched_off(workspace: Workspace):
    from medora.retrieve.indexes import load_indexes
    from medora.retrieve.rerank import FEATURES, feature_matrix
    from medora.retrieve.retriever import Retriever

    question = "How should L5 radiculopathy with foot drop be managed?"
    signals = workspace.retriever.candidate_signals(question)
    assert feature_matrix(signals).shape == (len(signals.ids), len(FEATURES))
    ranked = workspace.retriever.rank(question, top_k=5)
    assert all(0 < item.score < 1.2 for item in ranked)  # a probability times priors of at most ~1.07

    fixed = Retriever(
        engine=workspace.engine,
        indexes=load_indexes(workspace.index_dir),
        embedder=workspace.embedder,
        settings=workspace.settings.retrieve.model_copy(update={"rerank": False}),
    )
    plain = fixed.search(question, top_k=5)
    learned = workspace.retriever.search(question, top_k=5)
    assert plain[0].source.key == learned[0].source.key == "library:lumbar-radiculopathy-foot-drop"
    assert [e.score for e in plain] != [e.score for e in learned]


def test_provenance_names_no_embedding_or_ranker_when_retrieval_ran_on_words_only(workspace: Workspace):
    from medora.retrieve.indexes import load_indexes
    from medora.retrieve.retriever import Retriever

    settings = workspace.settings.model_copy(
        update={"retrieve": workspace.settings.retrieve.model_copy(update={"mode": "lexical"})}
    )
    lexical = Retriever(
        engine=workspace.engine, indexes=load_indexes(workspace.index_dir), embedder=None, settings=settings.retrieve
    )
    article = answer_question("How should L5 radiculopathy with foot drop be managed?", retriever=lexical, settings=settings)
    assert article.references[0].source_key == "library:lumbar-radiculopathy-foot-drop"
    assert set(article.provenance.models) == {"composer"}


def test_an_article_answered_on_words_only_is_cited_by_the_words_only_model(workspace: Workspace):
    from medora.retrieve.indexes import load_indexes
    from medora.retrieve.retriever import Retriever

    settings = workspace.settings.model_copy(
        update={"retrieve": workspace.settings.retrieve.model_copy(update={"mode": "lexical"})}
    )
    lexical = Retriever(  # the embedder is there; lexical mode must still give the citation model no vectors
        engine=workspace.engine, indexes=load_indexes(workspace.index_dir), embedder=workspace.embedder,
        settings=settings.retrieve,
    )
    question = "Does early surgery improve motor recovery in foot drop from disc herniation?"
    article = answer_question(question, retriever=lexical, settings=settings)
    assert article.provenance.models["citations"] == fingerprint("medora.compose", "citation_words_model.json")
    assert re.fullmatch(r"citation_words_model@[0-9a-f]{12}", article.provenance.models["citations"])
    assert "citation_vectors" not in article.provenance.models
