"""One grouped cross-validation for every fitted model: a question's rows are never split across folds, and each
row is scored by a model that never saw its question."""

import numpy as np

from medora.eval.logistic import out_of_fold, question_folds


def test_every_row_of_a_question_is_held_out_in_the_same_fold_once():
    groups = np.array([0, 0, 1, 2, 2, 2, 3, 4, 5, 5])
    folds = question_folds(groups, folds=3, seed=7)
    assert sum(mask.astype(int) for mask in folds).tolist() == [1] * 10
    for mask in folds:
        held = set(groups[mask].tolist())
        assert not held & set(groups[~mask].tolist())
    assert [len(set(groups[mask].tolist())) for mask in folds] == [2, 2, 2]


def test_a_row_is_scored_by_a_model_that_never_saw_its_question():
    # each question's label follows its feature except question 3, whose label is flipped: out of fold it is scored
    # from the others' rule, so its rows are predicted wrong; a model that saw it would hedge
    x = np.array([[1.0, 1.0], [1.0, 1.0], [-1.0, 1.0], [-1.0, 1.0], [1.0, 1.0], [-1.0, 1.0], [1.0, 1.0], [-1.0, 1.0]])
    y = np.array([1, 1, 0, 0, 0, 0, 1, 0])
    groups = np.array([0, 0, 1, 1, 3, 2, 4, 5])
    probabilities = out_of_fold(x, y, groups, classes=2, l2=1e-3, folds=6, seed=1)
    assert probabilities.shape == (8, 2)
    assert (probabilities[:, 1] > 0.5).tolist() == [True, True, False, False, True, False, True, False]
