"""Multinomial logistic regression by L-BFGS (scipy): enough for a dozen features, no extra dependency.

One fitter for every small model Medora ships (the verdict model, the retrieval ranker, the citation model, the
everyday descriptions' model), the one way to score a fitted model, and one way to score it out of fold, folds drawn
by question so no question is scored by a model that saw it."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# below this spread a feature is taken as constant: dividing by a spread of float noise (2e-33 on some MiniLM pair
# dimensions) turns a tiny difference from another embedder into a score of 1e30
MIN_SCALE = 1e-6


def softmax(scores: np.ndarray) -> np.ndarray:
    shifted = np.exp(scores - scores.max(axis=-1, keepdims=True))
    return shifted / shifted.sum(axis=-1, keepdims=True)


def predict_from_features(features: np.ndarray, model: dict) -> np.ndarray:
    """Class probabilities (order of model['labels']) for one or many feature vectors."""
    standardised = (features - np.array(model["mean"])) / np.array(model["scale"])
    return softmax(standardised @ np.array(model["weights"]).T)


def fit_logistic(features: np.ndarray, labels: np.ndarray, *, classes: int, l2: float = 1e-2) -> dict:
    """Weights (classes × features), mean and scale for ``predict_from_features``, minimising mean cross-entropy
    + l2/2 · |weights|². The last feature column is the bias and is not scaled, nor is a near-constant one."""
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    mean[-1], scale[-1] = 0.0, 1.0
    scale[scale < MIN_SCALE] = 1.0  # a constant column, or one varying by float noise only, is left unscaled
    x = (features - mean) / scale
    y = np.eye(classes)[labels]

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        weights = flat.reshape(classes, x.shape[1])
        logits = x @ weights.T
        log_norm = np.logaddexp.reduce(logits, axis=1)
        value = np.mean(log_norm - (logits * y).sum(axis=1)) + 0.5 * l2 * (weights**2).sum()
        gradient = (softmax(logits) - y).T @ x / len(x) + l2 * weights
        return float(value), gradient.ravel()

    weights = _minimise(loss, np.zeros(classes * x.shape[1])).reshape(classes, x.shape[1])
    return {"weights": weights.tolist(), "mean": mean.tolist(), "scale": scale.tolist()}


def question_folds(groups: np.ndarray, *, folds: int = 5, seed: int = 7) -> list[np.ndarray]:
    """Boolean masks of the held-out rows of each fold: the distinct groups (questions) shuffled with ``seed`` and
    split into ``folds`` parts, so every row of one question falls in the same fold."""
    questions = np.random.default_rng(seed).permutation(np.unique(groups))
    return [np.isin(groups, held) for held in np.array_split(questions, folds)]


def out_of_fold(
    features: np.ndarray, labels: np.ndarray, groups: np.ndarray, *, classes: int, l2: float, folds: int = 5, seed: int = 7
) -> np.ndarray:
    """Out-of-fold probabilities (rows × classes): each row scored by a model fitted on the other folds' questions."""
    probabilities = np.zeros((len(labels), classes))
    for held in question_folds(groups, folds=folds, seed=seed):
        model = fit_logistic(features[~held], labels[~held], classes=classes, l2=l2)
        probabilities[held] = predict_from_features(features[held], model)
    return probabilities


def fit_choice_model(choices: list[np.ndarray], chosen: list[np.ndarray], *, l2: float = 0.1) -> dict:
    """A conditional logit: for each question, one softmax over its options (rows of ``choices[i]``, one feature
    row each) towards the options marked in ``chosen[i]`` (several marked share the weight: any of them is right).
    Minimises mean cross-entropy + l2/2 · |weights|² on standardised features; no bias (a softmax ignores one).
    Weights, mean and scale for compose/leads.py ``lead_probabilities``."""
    stacked = np.vstack(choices)
    mean = stacked.mean(axis=0)
    scale = stacked.std(axis=0)
    scale[scale < MIN_SCALE] = 1.0
    scaled = [(rows - mean) / scale for rows in choices]
    targets = [marked / marked.sum() for marked in chosen]

    def loss(weights: np.ndarray) -> tuple[float, np.ndarray]:
        value, gradient = 0.0, np.zeros_like(weights)
        for rows, target in zip(scaled, targets, strict=True):
            scores = rows @ weights
            log_norm = np.logaddexp.reduce(scores)
            value -= float(target @ (scores - log_norm))
            gradient -= rows.T @ (target - np.exp(scores - log_norm))
        count = len(scaled)
        return value / count + 0.5 * l2 * float(weights @ weights), gradient / count + l2 * weights

    weights = _minimise(loss, np.zeros(stacked.shape[1]))
    return {"weights": weights.tolist(), "mean": mean.tolist(), "scale": scale.tolist()}


def _minimise(loss: Callable[[np.ndarray], tuple[float, np.ndarray]], start: np.ndarray) -> np.ndarray:
    """The weights minimising ``loss`` (its value and gradient) by L-BFGS-B from ``start``. scipy.optimize is
    imported here, when a model is fitted, not on import: a fresh `medora ask` only scores shipped models, and the
    import cost it about 0.35 s."""
    from scipy.optimize import minimize

    return minimize(loss, start, jac=True, method="L-BFGS-B").x
