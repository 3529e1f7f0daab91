"""Multinomial logistic regression by L-BFGS (scipy): enough for a dozen features, no extra dependency.

One fitter for every small model Medora ships (the verdict model, the retrieval ranker)."""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize

from medora.compose.verdict import softmax


def fit_logistic(features: np.ndarray, labels: np.ndarray, *, classes: int, l2: float = 1e-2) -> dict:
    """Weights (classes × features), mean and scale for ``predict_from_features``, minimising mean cross-entropy
    + l2/2 · |weights|². The last feature column is the bias and is not scaled."""
    mean = features.mean(axis=0)
    scale = features.std(axis=0)
    mean[-1], scale[-1] = 0.0, 1.0
    scale[scale == 0] = 1.0
    x = (features - mean) / scale
    y = np.eye(classes)[labels]

    def loss(flat: np.ndarray) -> tuple[float, np.ndarray]:
        weights = flat.reshape(classes, x.shape[1])
        logits = x @ weights.T
        log_norm = np.logaddexp.reduce(logits, axis=1)
        value = np.mean(log_norm - (logits * y).sum(axis=1)) + 0.5 * l2 * (weights**2).sum()
        gradient = (softmax(logits) - y).T @ x / len(x) + l2 * weights
        return float(value), gradient.ravel()

    solution = minimize(loss, np.zeros(classes * x.shape[1]), jac=True, method="L-BFGS-B")
    weights = solution.x.reshape(classes, x.shape[1])
    return {"weights": weights.tolist(), "mean": mean.tolist(), "scale": scale.tolist()}
