"""One grouped cross-validation for every fitted model: a question's rows are never split across folds, and each
row is scored by a model that never saw its question."""

import numpy as np

from medora.eval.logistic import fit_logistic, out_of_fold, question_folds


def test_every_row_of_a_question_is_held_out_in_the_same_fold_once():
    groups = np.array([0, 0, 1, 2, 2, 2, 3, 4, 5, 5])
    folds = question_folds(groups, folds=3, seed=7)
    assert sum(mask.astype(int) for mask in folds).tolist() == [1] * 10
    for mask in folds:
        held = set(groups[mask].tolist())
        assert not held & set(groups[~mask].tolist())
    assert [len(set(groups[mask].tolist())) for mask in folds] == [2, 2, 2]


def test_a_row_is_scored_by_a_model_that_never_saw_its_question():
    # each question has a feature of its own (one-hot) and one label: a model that saw a question learns its label
    # from that feature (in sample, question 0 scores 1.0); out of fold that feature is unseen, so question 0, the
    # only positive, is scored from questions that are all negative
    groups = np.array([0, 0, 1, 1, 2, 2, 3, 3])
    x = np.column_stack([np.eye(4)[groups], np.ones(8)])
    y = np.array([1, 1, 0, 0, 0, 0, 0, 0])
    probabilities = out_of_fold(x, y, groups, classes=2, l2=1e-3, folds=4, seed=1)
    assert (probabilities[:, 1] > 0.5).tolist() == [False] * 8
    assert np.round(probabilities[:, 1], 2).tolist() == [0.0, 0.0, 0.13, 0.13, 0.13, 0.13, 0.13, 0.13]


def test_a_near_constant_feature_is_not_divided_by_its_float_noise():
    # a column varying by 1e-33 only (as some MiniLM pair dimensions do): standardised, a value of 0.1 stays 0.1
    rows = 20
    x = np.column_stack([1e-33 * np.arange(rows), np.arange(rows) % 2, np.ones(rows)])
    model = fit_logistic(x, np.arange(rows) % 2, classes=2)
    assert model["scale"][0] == 1.0
    assert abs((0.1 - model["mean"][0]) / model["scale"][0] - 0.1) < 1e-9
