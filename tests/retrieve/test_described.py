"""Which overview a question in everyday words describes: the real MiniLM model against a few written descriptions."""

import pytest

from medora.compose.select import closest_described, complaint_keeps, described_first
from medora.retrieve.described import DescribedIndex, DescribedMatch
from medora.retrieve.embed import MiniLMEmbedder

DESCRIPTIONS = {
    "urinary-tract-infection": ("it burns when I pee and I keep needing to go", "I think I have a water infection"),
    "gout": ("my big toe is red, hot and agonising", "a sudden very painful swollen joint in my foot overnight"),
    "insomnia": ("I can't get to sleep at night", "I lie awake for hours and feel exhausted in the day"),
}


@pytest.fixture(scope="module")
def embedder() -> MiniLMEmbedder:
    return MiniLMEmbedder()


@pytest.fixture(scope="module")
def index(embedder: MiniLMEmbedder) -> DescribedIndex:
    return DescribedIndex(DESCRIPTIONS, embedder)


@pytest.mark.parametrize(
    ("question", "topic"),
    [
        ("It stings when I wee and I'm going every half hour.", "urinary-tract-infection"),
        ("my big toe joint went red and so sore overnight I couldnt bear the sheet on it", "gout"),
        ("I've been lying awake most nights for months and feel wrecked in the day", "insomnia"),
    ],
)
def test_an_everyday_question_finds_the_overview_it_describes(
    index: DescribedIndex, embedder: MiniLMEmbedder, question: str, topic: str
) -> None:
    matches = index.matches(embedder.embed([question])[0])
    assert [match.topic for match in matches][0] == topic
    assert closest_described(matches).topic == topic


def test_a_question_describing_none_of_them_finds_none(index: DescribedIndex, embedder: MiniLMEmbedder) -> None:
    matches = index.matches(embedder.embed(["What is the best treatment for shingles?"])[0])
    assert matches[0].score < 0.40  # the model may still lean one way among three: far from every line, no route
    assert closest_described(matches) is None


def test_the_model_gives_each_topic_a_probability(index: DescribedIndex, embedder: MiniLMEmbedder) -> None:
    matches = index.matches(embedder.embed(["I lie awake half the night and I'm shattered"])[0])
    likeliest = max(matches, key=lambda match: match.probability)
    assert (likeliest.topic, likeliest.probability > 0.5) == ("insomnia", True)


def _match(topic: str, score: float, outside: bool = False, probability: float = 0.0) -> DescribedMatch:
    return DescribedMatch(topic=topic, score=score, outside=outside, probability=probability)


def test_the_models_likeliest_overview_comes_before_the_closest_lines() -> None:
    chosen = closest_described([_match("cellulitis", 0.55, probability=0.3), _match("gout", 0.52, probability=0.6)])
    assert chosen.topic == "gout"
    assert closest_described([_match("gout", 0.38, probability=0.9), _match("acne", 0.2)]) is None  # too far


def test_an_unsure_model_leaves_it_to_the_closest_lines() -> None:
    unsure = [_match("gout", 0.52, probability=0.45), _match("cellulitis", 0.50, probability=0.4)]
    assert closest_described(unsure) is None  # and the closest lines about as close
    assert closest_described([_match("gout", 0.52, probability=0.45), _match("cellulitis", 0.46)]).topic == "gout"
    assert closest_described([_match("gout", 0.44, probability=0.45), _match("acne", 0.2)]) is None


def test_an_outside_complaint_as_close_stops_the_model_too() -> None:
    matches = [_match("generalized-anxiety-disorder", 0.489, probability=0.7), _match("stage fright", 0.485, True)]
    assert closest_described(matches) is None


def test_the_descriptions_confirm_the_passages_closest_overview_only_when_they_put_it_first() -> None:
    matches = [_match("hypertension", 0.44, probability=0.3), _match("hyperkalaemia", 0.41, probability=0.2)]
    assert closest_described(matches) is None  # too unsure to bring an overview alone…
    assert described_first(matches, "library:hypertension")  # …strong enough to confirm the passages' choice
    assert not described_first(matches, "library:hyperkalaemia")
    assert not described_first([_match("hypertension", 0.39)], "library:hypertension")
    # a complaint no overview covers about as close: no confirmation ("anxious before speaking in public")
    assert not described_first([_match("generalized-anxiety-disorder", 0.489), _match("stage fright", 0.485, True)],
                               "library:generalized-anxiety-disorder")


def test_a_question_closest_to_a_complaint_outside_the_library_is_routed_nowhere() -> None:
    outside = _match("frozen shoulder", 0.60, outside=True, probability=0.7)
    overview = _match("cervical-radiculopathy", 0.55, probability=0.2)
    assert closest_described([outside, overview]) is None
    assert not described_first([outside, overview], "library:cervical-radiculopathy")
    assert closest_described([_match("cervical-radiculopathy", 0.62), outside]) is None  # within the margin
    assert closest_described([_match("cervical-radiculopathy", 0.66), outside]).topic == "cervical-radiculopathy"


def test_outside_complaints_are_scored_beside_the_overviews(embedder: MiniLMEmbedder) -> None:
    outside = {"frozen shoulder": ("my shoulder has gone so stiff I cannot reach up to the top shelf",
                                   "I can't lift my arm above my head since my shoulder seized up",
                                   "my shoulder is stiff and aches at night and I can't do my bra up")}
    index = DescribedIndex(DESCRIPTIONS, embedder, outside)
    matches = index.matches(embedder.embed(["My shoulder is so stiff I can't lift my arm above my head"])[0])
    assert (matches[0].topic, matches[0].outside) == ("frozen shoulder", True)
    assert closest_described(matches) is None


def test_without_its_population_a_question_keeps_the_overview_only_among_its_closest() -> None:
    kept = [_match("migraine-and-headache", 0.62), _match("hangover", 0.449, True), _match("hypertension-in-pregnancy", 0.44)]
    assert complaint_keeps(kept, "hypertension-in-pregnancy")  # second among the overviews
    lost = [_match("generalized-anxiety-disorder", 0.56), _match("suicide-risk-assessment", 0.39),
            _match("depression-adults", 0.386), _match("insomnia", 0.35), _match("ectopic-pregnancy", 0.3)]
    assert not complaint_keeps(lost, "ectopic-pregnancy")
    assert not complaint_keeps([_match("insomnia", 0.5), _match("ectopic-pregnancy", 0.39)], "ectopic-pregnancy")


class _Counting:
    """The real embedder, counting the texts it embeds."""

    def __init__(self, embedder: MiniLMEmbedder) -> None:
        self.embedder, self.model_name, self.dimensions, self.embedded = embedder, embedder.model_name, embedder.dimensions, 0

    def embed(self, texts):  # noqa: ANN001, ANN201
        self.embedded += len(texts)
        return self.embedder.embed(texts)


def test_the_descriptions_are_embedded_once_and_read_again_from_the_cache(embedder: MiniLMEmbedder, tmp_path) -> None:
    cache = tmp_path / "index" / "descriptions.npz"
    first = _Counting(embedder)
    DescribedIndex(DESCRIPTIONS, first, cache=cache)
    again = _Counting(embedder)
    question = embedder.embed(["It stings when I wee"])[0]
    assert DescribedIndex(DESCRIPTIONS, again, cache=cache).matches(question)[0].topic == "urinary-tract-infection"
    assert (first.embedded, again.embedded) == (6, 0)
    edited = {**DESCRIPTIONS, "gout": ("my big toe is red, hot and agonising overnight",)}
    DescribedIndex(edited, again, cache=cache)  # other lines: embedded anew
    assert again.embedded == 5
    # the same lines in the same order, one of them under another overview: the model is fitted anew
    gout, insomnia = DESCRIPTIONS["gout"], DESCRIPTIONS["insomnia"]
    moved = {**DESCRIPTIONS, "gout": gout[:1], "insomnia": gout[1:] + insomnia}
    line = embedder.embed([gout[1]])[0]
    likeliest = max(DescribedIndex(moved, again, cache=cache).matches(line), key=lambda match: match.probability)
    assert (likeliest.topic, again.embedded) == ("insomnia", 11)


def test_the_cached_model_gives_the_probabilities_it_was_fitted_to(embedder: MiniLMEmbedder, tmp_path) -> None:
    cache = tmp_path / "descriptions.npz"
    question = embedder.embed(["my toe is throbbing and red"])[0]
    fitted = DescribedIndex(DESCRIPTIONS, embedder, cache=cache).matches(question)
    read = DescribedIndex(DESCRIPTIONS, _Counting(embedder), cache=cache).matches(question)
    assert [(m.topic, round(m.probability, 9)) for m in read] == [(m.topic, round(m.probability, 9)) for m in fitted]
    assert read[0].topic == "gout" and read[0].probability > 0.5


@pytest.mark.parametrize("damage", [b"", b"PK\x03\x04 truncated"])
def test_a_damaged_cache_is_embedded_anew_and_written_over(embedder: MiniLMEmbedder, tmp_path, damage: bytes) -> None:
    cache = tmp_path / "descriptions.npz"
    cache.write_bytes(damage)
    counting = _Counting(embedder)
    question = embedder.embed(["It stings when I wee"])[0]
    assert DescribedIndex(DESCRIPTIONS, counting, cache=cache).matches(question)[0].topic == "urinary-tract-infection"
    assert counting.embedded == 6
    DescribedIndex(DESCRIPTIONS, counting, cache=cache)  # read back now
    assert counting.embedded == 6
    assert [path.name for path in tmp_path.iterdir()] == ["descriptions.npz"]  # no partial file left


def test_the_closest_lines_do_not_bring_an_overview_the_model_clearly_puts_below_another() -> None:
    # "my doctor says my heart pumps at 35% and wants me on four heart pills": closest to a hyperkalaemia line on
    # heart medicines, while the model's likeliest overview is another
    lines = _match("hyperkalaemia", 0.48, probability=0.10)
    rival = _match("lipid-management", 0.41, probability=0.27)
    assert closest_described([lines, rival]) is None
    assert closest_described([lines, _match("lipid-management", 0.41, probability=0.15)]).topic == "hyperkalaemia"
