"""Yes / no / maybe verdicts: a small linear model over what each retrieved study found, read as the question asks.

Each study (source) among the on-topic evidence is read on its findings only (RESULTS, CONCLUSIONS and excerpt
sentences, not background or methods): significant and non-significant p-values, words of effect and of no effect,
hedges, the direction of each finding (compose/direction.py: benefit, harm, no difference), and whether its
sentences closest to the question are negated. The studies' features are averaged with weights falling with rank,
so each study's share of the prediction can be read off: the studies said to carry a verdict are those whose own
features pushed the model towards its answer, and the sentences quoted are theirs. Question cues (does it ask about
a harm or a benefit, is it negated, sceptical, comparative) and the agreement between studies complete the vector.
The weights ship as JSON, trained by ``bench/train_verdict.py``, with the confidence a verdict must reach to be
shown (``show_thresholds``: where cross-validated accuracy reaches 0.75; above 1 when none does). That level is set
apart for two kinds of evidence, as they differ most in how far a verdict can be read: the best-ranked study states
its findings in words (a CONCLUSIONS section, an excerpt of its findings), or it gives results only and the verdict
must be reasoned from numbers (PubMedQA's reasoning-required setting)."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from medora.compose.direction import BENEFIT, HARM, NO_DIFFERENCE, finding_direction, is_finding
from medora.compose.fitted import load_fitted
from medora.eval.logistic import predict_from_features
from medora.retrieve.tokenize import content_words
from medora.sentences import split_sentences
from medora.types import Evidence

LABELS = ("yes", "no", "maybe")
MAX_STUDIES = 5  # the best-ranked studies the model reads
NEVER_SHOWN = 1.01  # a threshold no confidence reaches
STATED, RESULTS_ONLY = "stated", "results only"  # the two kinds of evidence a threshold is chosen for
_STATES_FINDINGS = re.compile(r"conclu|excerpt", re.IGNORECASE)

_P_VALUE = re.compile(r"\bp\s*(<|=|>|≤|≥|<=|>=)\s*(0?\.\d+|\d(?:\.\d+)?)", re.IGNORECASE)
_CUES: dict[str, re.Pattern[str]] = {
    "effect": re.compile(
        r"\b(significant(ly)?|improv\w*|increas\w*|reduc\w*|decreas\w*|associated with|effective|higher|lower|"
        r"benefit\w*|predict\w*|correlat\w*|superior|better|risk factor|independent(ly)?)\b",
        re.IGNORECASE,
    ),
    "no_effect": re.compile(
        r"\b(no (significant|statistical(ly)?|difference|association|correlation|evidence|effect|benefit|change)|"
        r"not (significant(ly)?|associated|different|correlated|improve\w*)|did not|does not|do not|failed to|"
        r"similar|comparable|neither|unchanged|independent of|no longer)\b",
        re.IGNORECASE,
    ),
    "hedge": re.compile(
        r"\b(may|might|could|unclear|uncertain|remain\w*|further|limited|inconclusive|trend|tended|possibl\w*|"
        r"controversial|conflicting|weak\w*|modest)\b",
        re.IGNORECASE,
    ),
}
_NEGATION = re.compile(
    r"\b(no|not|never|neither|nor|none|without|cannot|lack\w*|absence|absent|fail\w*|unable|unlikely|"
    r"non-?significant\w*|insignificant\w*|\w+n't)\b",
    re.IGNORECASE,
)
_NOT_FINDINGS = re.compile(
    r"background|introduction|objective|aim|purpose|method|design|setting|patients|participants|subjects|material|"
    r"context|hypothes|intervention|measure|title",
    re.IGNORECASE,
)
_QUESTION_CUES = {
    "q_negated": re.compile(r"\b(not|no|without|never)\b", re.IGNORECASE),
    "q_sceptical": re.compile(
        r"\b(still|really|necessary|worth|justified|always|only|all|routine(ly)?|truly|myth)\b", re.IGNORECASE
    ),
    "q_comparative": re.compile(r"\b(better|more|less|superior|inferior|versus|vs|than)\b", re.IGNORECASE),
    "q_can_should": re.compile(r"^\s*(can|could|should|may)\b", re.IGNORECASE),
    "q_harm": re.compile(
        r"\b(risk\w*|harm\w*|adverse|toxic\w*|complications?|worse\w*|danger\w*|safe(ty)?|mortality|death|"
        r"side effects?|cause\w*|induc\w*)\b",
        re.IGNORECASE,
    ),
    "q_association": re.compile(
        r"\b(associat\w*|correlat\w*|linked|related|predict\w*|marker|involved)\b", re.IGNORECASE
    ),
}
STUDY_FEATURES = (
    "p_significant",
    "p_not_significant",
    "effect",
    "no_effect",
    "hedge",
    "benefit",
    "harm",
    "no_difference",
    "as_asked",
    "match",
    "match_negated",
    "negation",
    "close_effect",
    "close_null",
    "close_significant",
    "said_effect",
    "said_null",
    "said_hedge",
)
FEATURES = (
    *STUDY_FEATURES,
    *_QUESTION_CUES,
    "studies",
    "agreement",
    "top_similarity",
    "bias",
)


@dataclass
class VerdictPrediction:
    answer: str
    confidence: float
    probabilities: dict[str, float]
    sentences: list[tuple[Evidence, str]]
    threshold: float = NEVER_SHOWN
    read: list[Evidence] = field(default_factory=list)  # the first passage of each study that carries the answer
    regime: str = RESULTS_ONLY

    @property
    def earned(self) -> bool:
        """True when the confidence reaches the level at which cross-validated accuracy is at least 0.75."""
        return self.confidence >= self.threshold


@dataclass
class Study:
    """One source's findings as the model reads them: its passages, its finding sentences and their features."""

    passages: list[Evidence]
    findings: list[tuple[Evidence, str]]
    features: np.ndarray
    weight: float = 0.0


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


def is_finding_section(section: str) -> bool:
    """True for a passage that reports findings (results, conclusions, excerpts, overview text), not a study's aims
    or methods."""
    return not _NOT_FINDINGS.search(section or "")


def asks_about_harm(question: str) -> bool:
    """'Is X associated with a higher risk of Y?' asks about a harm: a harm found answers it 'yes'."""
    return bool(_QUESTION_CUES["q_harm"].search(question))


def _study_features(
    question_words: set[str], harm_asked: bool, findings: list[str], said: list[str] | None = None
) -> np.ndarray:
    """The features of STUDY_FEATURES for one study's finding sentences, ``said`` being those of them that state its
    conclusions in words (CONCLUSIONS, excerpts)."""
    said = said or []
    text = " ".join(findings)
    significant, not_significant = _p_values(text)
    cues = {name: len(pattern.findall(text)) for name, pattern in _CUES.items()}
    directions = [finding_direction(sentence) for sentence in findings if is_finding(sentence)]
    benefit, harm, null = (directions.count(d) for d in (BENEFIT, HARM, NO_DIFFERENCE))
    effect_asked = harm if harm_asked else benefit
    effect_other = benefit if harm_asked else harm
    overlaps = [len(question_words & content_words(s)) / (len(question_words) or 1) for s in findings]
    best = max(overlaps, default=0.0)
    closest = [s for s, overlap in zip(findings, overlaps) if overlap >= best - 1e-9 and best > 0]
    negated = sum(bool(_NEGATION.search(s)) for s in findings)
    ranked = sorted(zip(overlaps, range(len(findings))), reverse=True)[:2]
    close = " ".join(findings[i] for overlap, i in ranked if overlap > 0)
    close_significant, _ = _p_values(close)
    return np.array(
        [
            math.log1p(significant),
            math.log1p(not_significant),
            math.log1p(cues["effect"]),
            math.log1p(cues["no_effect"]),
            math.log1p(cues["hedge"]),
            math.log1p(benefit),
            math.log1p(harm),
            math.log1p(null),
            (effect_asked - effect_other - null) / (len(directions) or 1),
            best,
            1.0 if closest and any(_NEGATION.search(s) for s in closest) else 0.0,
            negated / (len(findings) or 1),
            math.log1p(len(_CUES["effect"].findall(close))),
            math.log1p(len(_CUES["no_effect"].findall(close)) + len(_NEGATION.findall(close))),
            math.log1p(close_significant),
            sum(bool(_CUES["effect"].search(x)) and not _NEGATION.search(x) for x in said) / (len(said) or 1),
            sum(bool(_CUES["no_effect"].search(x) or _NEGATION.search(x)) for x in said) / (len(said) or 1),
            sum(bool(_CUES["hedge"].search(x)) for x in said) / (len(said) or 1),
        ]
    )


def read_studies(question: str, evidence: list[Evidence]) -> list[Study]:
    """The best-ranked studies (at most MAX_STUDIES) with their finding sentences, features and rank weights
    (1 / rank, summing to 1). A study with no finding passage is read on all its passages."""
    by_source: dict[int, list[Evidence]] = {}
    for item in evidence:
        if item.source_id in by_source or len(by_source) < MAX_STUDIES:
            by_source.setdefault(item.source_id, []).append(item)
    words, harm_asked = content_words(question), asks_about_harm(question)
    studies = []
    for passages in by_source.values():
        reported = [item for item in passages if is_finding_section(item.section)] or passages
        findings = [(item, sentence) for item in reported for sentence in split_sentences(item.text)]
        said = [sentence for item, sentence in findings if _STATES_FINDINGS.search(item.section or "")]
        features = _study_features(words, harm_asked, [sentence for _item, sentence in findings], said)
        studies.append(Study(passages, findings, features))
    total = sum(1 / (rank + 1) for rank in range(len(studies)))
    for rank, study in enumerate(studies):
        study.weight = 1 / (rank + 1) / total
    return studies


def evidence_regime(evidence: list[Evidence]) -> str:
    """STATED when the best-ranked study has a passage stating its findings in words (CONCLUSIONS, an excerpt),
    RESULTS_ONLY otherwise (results without a conclusion, methods, or text of another kind): the threshold differs."""
    studies = read_studies("", evidence)
    if studies and any(_STATES_FINDINGS.search(item.section or "") for item in studies[0].passages):
        return STATED
    return RESULTS_ONLY


def show_threshold(model: dict, regime: str) -> float:
    return float(model.get("show_thresholds", {}).get(regime, NEVER_SHOWN))


def verdict_features(question: str, evidence: list[Evidence]) -> np.ndarray:
    """The feature vector (order of FEATURES) for a question and its on-topic evidence."""
    studies = read_studies(question, evidence)
    pooled = sum((s.weight * s.features for s in studies), np.zeros(len(STUDY_FEATURES)))
    leanings = [float(np.sign(s.features[STUDY_FEATURES.index("as_asked")])) for s in studies]
    agreement = abs(sum(leanings)) / len(leanings) if leanings else 0.0
    similarity = max((e.dense_similarity or 0.0) for e in evidence) if evidence else 0.0
    cues = [1.0 if pattern.search(question) else 0.0 for pattern in _QUESTION_CUES.values()]
    return np.array([*pooled, *cues, math.log1p(len(studies)), agreement, similarity, 1.0], dtype=np.float64)


def study_pushes(studies: list[Study], answer: str, model: dict) -> list[float]:
    """How far each study's own features moved the scores towards ``answer`` (against the mean of the other
    answers), relative to a study with the training set's mean features, weighted by its rank weight."""
    labels = list(model["labels"])
    weights = np.array(model["weights"])[:, : len(STUDY_FEATURES)]
    mean = np.array(model["mean"])[: len(STUDY_FEATURES)]
    scale = np.array(model["scale"])[: len(STUDY_FEATURES)]
    chosen = labels.index(answer)
    others = [i for i in range(len(labels)) if i != chosen]
    direction = weights[chosen] - weights[others].mean(axis=0)
    return [float(s.weight * direction @ ((s.features - mean) / scale)) for s in studies]


def sentence_push(sentence: str, question: str, answer: str, model: dict, *, said: bool = False) -> float:
    """A sentence's own push towards ``answer``, as if it were a study of one sentence (``said``: one stating its
    conclusion in words)."""
    words, harm_asked = content_words(question), asks_about_harm(question)
    features = _study_features(words, harm_asked, [sentence], [sentence] if said else [])
    return study_pushes([Study([], [], features, 1.0)], answer, model)[0]


def carrying(
    question: str, evidence: list[Evidence], answer: str, model: dict, *, limit: int = 6
) -> tuple[list[Evidence], list[tuple[Evidence, str]]]:
    """The studies that carry ``answer`` (first passage of each study whose features pushed towards it, strongest
    first) and their finding sentences that push towards it on their own (strongest first, at most ``limit``)."""
    studies = read_studies(question, evidence)
    pushes = study_pushes(studies, answer, model)
    carriers = [study for push, study in sorted(zip(pushes, studies), key=lambda pair: -pair[0]) if push > 0]
    scored = []
    for rank, study in enumerate(carriers):
        for item, sentence in study.findings:
            push = sentence_push(sentence, question, answer, model, said=bool(_STATES_FINDINGS.search(item.section)))
            if push > 0:
                scored.append((push, -rank, item, sentence))
    scored.sort(key=lambda entry: entry[:2], reverse=True)
    return [study.passages[0] for study in carriers], [(item, sentence) for *_key, item, sentence in scored[:limit]]


VERDICT_MODEL_FILE = "verdict_model.json"  # shipped beside this module; provenance names it by its hash


@lru_cache(maxsize=1)
def load_verdict_model() -> dict:
    return load_fitted(VERDICT_MODEL_FILE, FEATURES, refit="bench/train_verdict.py")


def predict_verdict(question: str, evidence: list[Evidence], model: dict | None = None) -> VerdictPrediction:
    model = model or load_verdict_model()
    probabilities = predict_from_features(verdict_features(question, evidence), model)
    best = int(np.argmax(probabilities))
    answer = model["labels"][best]
    studies, sentences = carrying(question, evidence, answer, model)
    regime = evidence_regime(evidence)
    return VerdictPrediction(
        answer=answer,
        confidence=float(probabilities[best]),
        probabilities={label: round(float(p), 3) for label, p in zip(model["labels"], probabilities)},
        sentences=sentences,
        threshold=show_threshold(model, regime),
        read=studies,
        regime=regime,
    )
