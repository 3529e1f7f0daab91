"""Yes / no / maybe verdicts: a small linear model over cues in the retrieved evidence.

Features count what a reader looks for in results sections: significant and non-significant p-values, words of
effect and of no effect, hedges, and how the question is framed. The weights ship as JSON, trained by
``bench/train_verdict.py`` on PubMedQA and BioASQ dev questions with cross-validated figures, together with the
confidence a verdict must reach to be shown (``show_threshold``: where cross-validated accuracy reaches 0.75; above
1 when no confidence does, and then no verdict is shown). The sentences said to carry a verdict are those of the
evidence the model read whose cues pushed it most towards its answer."""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

import numpy as np

from medora.retrieve.tokenize import content_words
from medora.sentences import split_sentences
from medora.types import Evidence

LABELS = ("yes", "no", "maybe")

_P_VALUE = re.compile(r"\bp\s*(<|=|>|≤|≥|<=|>=)\s*(0?\.\d+|\d(?:\.\d+)?)", re.I)
_CUES: dict[str, re.Pattern[str]] = {
    "effect": re.compile(
        r"\b(significant(ly)?|improv\w*|increas\w*|reduc\w*|decreas\w*|associated with|effective|higher|lower|"
        r"benefit\w*|predict\w*|correlat\w*|superior|better|risk factor|independent(ly)?)\b",
        re.I,
    ),
    "no_effect": re.compile(
        r"\b(no (significant|statistical(ly)?|difference|association|correlation|evidence|effect|benefit|change)|"
        r"not (significant(ly)?|associated|different|correlated|improve\w*)|did not|does not|do not|failed to|"
        r"similar|comparable|neither|unchanged|independent of|no longer)\b",
        re.I,
    ),
    "hedge": re.compile(
        r"\b(may|might|could|unclear|uncertain|remain\w*|further|limited|inconclusive|trend|tended|possibl\w*|"
        r"controversial|conflicting|weak\w*|modest)\b",
        re.I,
    ),
}
_QUESTION_CUES = {
    "q_negated": re.compile(r"\b(not|no|without|never)\b", re.I),
    "q_sceptical": re.compile(r"\b(still|really|necessary|worth|justified|always|only|all|routine(ly)?|truly|myth)\b", re.I),
    "q_comparative": re.compile(r"\b(better|more|less|superior|inferior|versus|vs|than)\b", re.I),
    "q_can_should": re.compile(r"^\s*(can|could|should|may)\b", re.I),
}
FEATURES = (
    "p_significant",
    "p_not_significant",
    "share_significant",
    "effect",
    "no_effect",
    "hedge",
    "effect_share",
    "top_similarity",
    "question_coverage",
    *_QUESTION_CUES,
    "bias",
)


NEVER_SHOWN = 1.01  # a threshold no confidence reaches
_CUE_FEATURES = ("p_significant", "p_not_significant", "effect", "no_effect", "hedge")  # counted per sentence too


@dataclass
class VerdictPrediction:
    answer: str
    confidence: float
    probabilities: dict[str, float]
    sentences: list[tuple[Evidence, str]]
    threshold: float = NEVER_SHOWN
    read: list[Evidence] = field(default_factory=list)  # the passages the features were computed from

    @property
    def earned(self) -> bool:
        """True when the confidence reaches the level at which cross-validated accuracy is at least 0.75."""
        return self.confidence >= self.threshold


def _p_values(text: str) -> tuple[int, int]:
    significant = not_significant = 0
    for sign, value in _P_VALUE.findall(text):
        try:
            number = float(value)
        except ValueError:
            continue
        if sign in ("<", "≤", "<=") and number <= 0.05 or sign == "=" and number < 0.05:
            significant += 1
        else:
            not_significant += 1
    return significant, not_significant


def read_evidence(evidence: list[Evidence]) -> list[Evidence]:
    """What the model reads: every passage of the best-ranked source, then the other passages among the top four."""
    top_source = evidence[0].source_id if evidence else None
    return [e for e in evidence if e.source_id == top_source] + [e for e in evidence[:4] if e.source_id != top_source]


def _cue_counts(text: str) -> dict[str, int]:
    significant, not_significant = _p_values(text)
    counts = {name: len(pattern.findall(text)) for name, pattern in _CUES.items()}
    return {"p_significant": significant, "p_not_significant": not_significant, **counts}


def carrying_sentences(
    evidence: list[Evidence], answer: str, model: dict, *, question: str = "", limit: int = 6
) -> list[tuple[Evidence, str]]:
    """The sentences of the read evidence whose cues (p-values, effect, no-effect and hedge words) push the model
    most towards ``answer``: each cue counted in the sentence times its standardised weight for the answer minus the
    mean weight of the other answers. Sentences pushing the other way, or not at all, are left out."""
    labels = list(model["labels"])
    weights = np.array(model["weights"])
    scale = np.array(model["scale"])
    columns = {name: FEATURES.index(name) for name in _CUE_FEATURES}
    chosen = labels.index(answer)
    others = [i for i in range(len(labels)) if i != chosen]
    push = {
        name: (weights[chosen, column] - weights[others, column].mean()) / scale[column]
        for name, column in columns.items()
    }
    words = content_words(question)
    scored = []
    for rank, item in enumerate(read_evidence(evidence)):
        for sentence in split_sentences(item.text):
            counts = _cue_counts(sentence)
            score = sum(push[name] * counts[name] for name in push)
            if score > 0:
                overlap = len(words & content_words(sentence))
                scored.append((score, overlap, -rank, item, sentence))
    scored.sort(key=lambda entry: entry[:3], reverse=True)
    return [(item, sentence) for *_key, item, sentence in scored[:limit]]


def verdict_features(question: str, evidence: list[Evidence]) -> np.ndarray:
    """The feature vector (order of FEATURES) for a question and its retrieved evidence."""
    focus = read_evidence(evidence)
    text = " ".join(e.text for e in focus)
    counts = _cue_counts(text)
    significant, not_significant = counts["p_significant"], counts["p_not_significant"]
    words = content_words(question)
    coverage = len(words & content_words(text)) / (len(words) or 1)
    values = [
        math.log1p(significant),
        math.log1p(not_significant),
        (significant + 0.5) / (significant + not_significant + 1.0),
        math.log1p(counts["effect"]),
        math.log1p(counts["no_effect"]),
        math.log1p(counts["hedge"]),
        (counts["effect"] + 0.5) / (counts["effect"] + counts["no_effect"] + 1.0),
        max((e.dense_similarity or 0.0) for e in evidence) if evidence else 0.0,
        coverage,
        *[1.0 if pattern.search(question) else 0.0 for pattern in _QUESTION_CUES.values()],
        1.0,
    ]
    return np.array(values, dtype=np.float64)


@lru_cache(maxsize=1)
def load_verdict_model() -> dict:
    text = resources.files("medora.compose").joinpath("data/verdict_model.json").read_text(encoding="utf-8")
    model = json.loads(text)
    if tuple(model["features"]) != FEATURES:
        raise ValueError("verdict_model.json was trained on other features: re-run bench/train_verdict.py")
    return model


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def predict_from_features(features: np.ndarray, model: dict) -> np.ndarray:
    """Class probabilities (order of model['labels']) for one or many feature vectors."""
    standardised = (features - np.array(model["mean"])) / np.array(model["scale"])
    return softmax(standardised @ np.array(model["weights"]).T)


def predict_verdict(question: str, evidence: list[Evidence], model: dict | None = None) -> VerdictPrediction:
    model = model or load_verdict_model()
    probabilities = predict_from_features(verdict_features(question, evidence), model)
    best = int(np.argmax(probabilities))
    answer = model["labels"][best]
    return VerdictPrediction(
        answer=answer,
        confidence=float(probabilities[best]),
        probabilities={label: round(float(p), 3) for label, p in zip(model["labels"], probabilities)},
        sentences=carrying_sentences(evidence, answer, model, question=question),
        threshold=float(model.get("show_threshold", NEVER_SHOWN)),
        read=read_evidence(evidence),
    )
