"""Selective prediction: answer only above a confidence at which answers are right often enough.

Used for the yes/no/maybe verdict (bench/train_verdict.py): the threshold is chosen on cross-validated predictions of
training questions only, then judged on questions it never saw. Pure functions over lists of numbers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Selective:
    """What answering only at ``threshold`` or above gives: accuracy among the answered, and their share."""

    threshold: float
    accuracy: float | None  # None when nothing is answered
    coverage: float
    answered: int


def selective(confidences: Sequence[float], correct: Sequence[bool], threshold: float) -> Selective:
    answered = [ok for confidence, ok in zip(confidences, correct, strict=True) if confidence >= threshold]
    accuracy = sum(answered) / len(answered) if answered else None
    return Selective(threshold, accuracy, len(answered) / len(correct) if correct else 0.0, len(answered))


def lowest_threshold(
    confidences: Sequence[float], correct: Sequence[bool], *, target: float, min_answered: int
) -> float | None:
    """The lowest confidence threshold at which at least ``min_answered`` questions are answered with accuracy at
    least ``target`` (most questions answered at the required accuracy); None when no threshold reaches it."""
    for threshold in sorted(set(confidences)):
        result = selective(confidences, correct, threshold)
        if result.answered < min_answered:
            return None
        if result.accuracy is not None and result.accuracy >= target:
            return threshold
    return None


def wilson_lower(right: int, answered: int, *, z: float = 1.96) -> float:
    """The lower end of the Wilson score interval (95 % by default) for an accuracy of right / answered: what a
    threshold can promise, not what it happened to score."""
    if answered == 0:
        return 0.0
    share = right / answered
    centre = share + z * z / (2 * answered)
    spread = z * math.sqrt(share * (1 - share) / answered + z * z / (4 * answered * answered))
    return (centre - spread) / (1 + z * z / answered)


def lowest_confident_threshold(
    confidences: Sequence[float], correct: Sequence[bool], *, target: float, min_answered: int
) -> float | None:
    """The lowest confidence threshold at which at least ``min_answered`` questions are answered and the lower end of
    the 95 % interval of their accuracy reaches ``target``; None when no threshold does."""
    for threshold in sorted(set(confidences)):
        answered = [ok for confidence, ok in zip(confidences, correct, strict=True) if confidence >= threshold]
        if len(answered) < min_answered:
            return None
        if wilson_lower(sum(answered), len(answered)) >= target:
            return threshold
    return None
