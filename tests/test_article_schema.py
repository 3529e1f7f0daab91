import json
from pathlib import Path

from medora.types import ARTICLE_SCHEMA_VERSION, Article

SCHEMA = Path(__file__).resolve().parents[1] / "docs" / "article.schema.json"


def test_committed_json_schema_matches_the_article_model():
    assert json.loads(SCHEMA.read_text()) == Article.model_json_schema(), (
        "docs/article.schema.json is stale: regenerate it from medora.types.Article and bump the schema version"
    )


def test_schema_version_is_documented():
    doc = (SCHEMA.parent / "article-schema.md").read_text()
    assert f"schema version {ARTICLE_SCHEMA_VERSION}" in doc
