"""Multinomial logistic regression by full-batch gradient descent: enough for a dozen features, no extra dependency."""

from __future__ import annotations

import numpy as np

from medora.compose.verdict import softmax


def fit_logistic(
    features: np.ndarray, labels: np.ndarray, *, classes: int, l2: float = 1e-2, steps: int = 3000, rate: float = 0.5,
    class_weight: np.ndarray | None = None,
) -> dict:
    """Weights, mean and scale for ``predict_from_features``; the last feature column is the bias and is not scaled."""
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    mean[-1], scale[-1] = 0.0, 1.0
    scale[scale == 0] = 1.0
    x = (features - mean) / scale
    y = np.eye(classes)[labels]
    sample_weight = (class_weight[labels] if class_weight is not None else np.ones(len(labels)))[:, None]
    weights = np.zeros((classes, x.shape[1]))
    for _ in range(steps):
        probabilities = softmax(x @ weights.T)
        gradient = ((probabilities - y) * sample_weight).T @ x / len(x) + l2 * weights
        weights -= rate * gradient
    return {"weights": weights.tolist(), "mean": mean.tolist(), "scale": scale.tolist()}
