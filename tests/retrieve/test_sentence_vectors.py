"""The lead model's sentence vectors kept beside the indexes (retrieve/sentence_vectors.py): read back as embedding
them again would give, never by another model, and a damaged file only costs embedding them again."""

import numpy as np
import pytest

from medora.retrieve.embed import MiniLMEmbedder
from medora.retrieve.sentence_vectors import read_sentence_vectors, text_key, write_sentence_vectors

SENTENCES = [
    "Management: Offer colchicine, an NSAID or a corticosteroid for a flare, whichever suits the patient.",
    "Pitfalls: Do not stop allopurinol during a flare.",
    "Diagnosis: Aspirate the joint when septic arthritis is possible.",
]


@pytest.fixture(scope="module")
def embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder()


class _Other:
    """Another model of the same width."""

    model_name, dimensions = "another-model", 384


def test_kept_vectors_are_the_ones_embedding_each_sentence_alone_gives(embedder: MiniLMEmbedder, tmp_path) -> None:
    cache = tmp_path / "index" / "sentences.npz"
    write_sentence_vectors(cache, embedder, dict(zip(map(text_key, SENTENCES), embedder.embed(SENTENCES))))
    kept = read_sentence_vectors(cache, embedder)
    alone = [embedder.embed([sentence])[0] for sentence in SENTENCES]
    assert np.array_equal(np.array([kept[text_key(sentence)] for sentence in SENTENCES]), np.array(alone))
    assert [path.name for path in cache.parent.iterdir()] == ["sentences.npz"]  # no partial file left
    assert read_sentence_vectors(cache, _Other()) == {}


@pytest.mark.parametrize("damage", [b"", b"PK\x03\x04 truncated"])
def test_a_damaged_or_missing_file_keeps_nothing(embedder: MiniLMEmbedder, tmp_path, damage: bytes) -> None:
    cache = tmp_path / "sentences.npz"
    assert read_sentence_vectors(cache, embedder) == {}
    cache.write_bytes(damage)
    assert read_sentence_vectors(cache, embedder) == {}
