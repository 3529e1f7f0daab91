"""A workspace holding only the editorial library, shared by the tests of one module (preparing it takes seconds)."""

import pytest

from medora.answer import answer_question
from medora.settings import Settings
from medora.workspace import Workspace


@pytest.fixture(scope="module")
def library_workspace(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    workspace = Workspace(Settings(home=tmp_path_factory.mktemp("library") / "home"))
    workspace.prepare()
    return workspace


def status_and_first_source(workspace: Workspace, question: str) -> tuple[str, str | None]:
    """The answer's status and its first reference's source key (the overview laid out, when one is)."""
    article = answer_question(question, retriever=workspace.retriever, settings=workspace.settings)
    return article.answer_status, article.references[0].source_key if article.references else None
