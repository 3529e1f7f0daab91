"""Every (state, action, role) of the editorial state machine: the allowed moves as a literal table, and every
other combination refused with the right error."""

from __future__ import annotations

import itertools

import pytest

from medora.errors import PermissionDeniedError, ReviewError, ReviewPermissionError
from medora.review.states import (
    Action,
    Role,
    State,
    published_version,
    reader_status,
    transition,
    update_under_review,
)

SUBMITTED, UNDER_REVIEW, APPROVED, CHANGES, REJECTED = (
    "submitted", "under review", "approved", "changes requested", "rejected",
)

# (state, action, role) → new state: the whole of what the workflow allows.
ALLOWED = {
    (SUBMITTED, "assign", "editor"): UNDER_REVIEW,
    (SUBMITTED, "assign", "admin"): UNDER_REVIEW,
    (UNDER_REVIEW, "assign", "editor"): UNDER_REVIEW,
    (UNDER_REVIEW, "assign", "admin"): UNDER_REVIEW,
    (CHANGES, "assign", "editor"): CHANGES,
    (CHANGES, "assign", "admin"): CHANGES,
    (UNDER_REVIEW, "approve", "reviewer"): APPROVED,
    (UNDER_REVIEW, "request changes", "reviewer"): CHANGES,
    (UNDER_REVIEW, "reject", "reviewer"): REJECTED,
    (SUBMITTED, "revise", "editor"): SUBMITTED,
    (SUBMITTED, "revise", "admin"): SUBMITTED,
    (SUBMITTED, "revise", "system"): SUBMITTED,
    (UNDER_REVIEW, "revise", "editor"): UNDER_REVIEW,
    (UNDER_REVIEW, "revise", "admin"): UNDER_REVIEW,
    (UNDER_REVIEW, "revise", "system"): UNDER_REVIEW,
    (CHANGES, "revise", "editor"): UNDER_REVIEW,
    (CHANGES, "revise", "admin"): UNDER_REVIEW,
    (CHANGES, "revise", "system"): UNDER_REVIEW,
    (APPROVED, "revise", "editor"): UNDER_REVIEW,
    (APPROVED, "revise", "admin"): UNDER_REVIEW,
    (APPROVED, "revise", "system"): UNDER_REVIEW,
    (REJECTED, "revise", "editor"): SUBMITTED,
    (REJECTED, "revise", "admin"): SUBMITTED,
    (REJECTED, "revise", "system"): SUBMITTED,
}
# Who may take each action at all, whatever the state.
MAY = {
    "assign": ("editor", "admin"),
    "approve": ("reviewer",),
    "request changes": ("reviewer",),
    "reject": ("reviewer",),
    "revise": ("editor", "admin", "system"),
}
STATES = (SUBMITTED, UNDER_REVIEW, APPROVED, CHANGES, REJECTED)
ROLES = ("anonymous", "reviewer", "editor", "admin", "system")
EVERY = list(itertools.product(STATES, MAY, ROLES))
FORBIDDEN_ROLE = [case for case in EVERY if case[2] not in MAY[case[1]]]
FORBIDDEN_STATE = [case for case in EVERY if case[2] in MAY[case[1]] and case not in ALLOWED]


def test_the_table_covers_every_state_action_and_role():
    assert len(EVERY) == 125 and (len(ALLOWED), len(FORBIDDEN_ROLE), len(FORBIDDEN_STATE)) == (24, 85, 16)
    assert {s.value for s in State} == set(STATES) and {a.value for a in Action} == set(MAY)
    assert {r.value for r in Role} == set(ROLES)


@pytest.mark.parametrize(("state", "action", "role"), sorted(ALLOWED))
def test_allowed_transition(state, action, role):
    assert transition(state, action, role) == ALLOWED[(state, action, role)]


@pytest.mark.parametrize(("state", "action", "role"), FORBIDDEN_ROLE)
def test_a_role_that_may_never_take_the_action_is_refused(state, action, role):
    with pytest.raises(ReviewPermissionError) as raised:
        transition(state, action, role)
    assert isinstance(raised.value, PermissionDeniedError) and isinstance(raised.value, ReviewError)
    if role == "anonymous":
        assert str(raised.value).startswith(f"sign in to {action}: only ")
    else:
        article = "an" if role in ("editor", "admin") else "a"
        assert str(raised.value).startswith(f"{article} {role} may not {action}: only ")


@pytest.mark.parametrize(("state", "action", "role"), FORBIDDEN_STATE)
def test_an_action_the_state_does_not_allow_is_refused(state, action, role):
    with pytest.raises(ReviewError, match=f"^an article that is {state} cannot {action}; it can: ") as raised:
        transition(state, action, role)
    assert not isinstance(raised.value, PermissionDeniedError)


@pytest.mark.parametrize(
    ("role", "message"),
    [
        ("anonymous", "sign in to approve: only reviewers may"),
        ("editor", "an editor may not approve: only reviewers may"),
        ("reviewer", None),
        ("system", "a system may not approve: only reviewers may"),
    ],
)
def test_refusals_name_who_may(role, message):
    if message is None:
        assert transition("under review", "approve", role) == "approved"
    else:
        with pytest.raises(ReviewPermissionError, match=f"^{message}$"):
            transition("under review", "approve", role)


def test_a_refused_state_lists_what_it_can_do():
    with pytest.raises(ReviewError, match="^an article that is approved cannot approve; it can: revise$"):
        transition("approved", "approve", "reviewer")
    with pytest.raises(ReviewError, match="^an article that is submitted cannot approve; it can: assign, revise$"):
        transition("submitted", "approve", "reviewer")


def test_approving_publishes_the_current_version_and_an_update_keeps_it():
    assert published_version("under review", "approve", approved_version=None, current_version=2) == 2
    assert published_version("approved", "revise", approved_version=2, current_version=3) == 2
    assert published_version("under review", "request changes", approved_version=2, current_version=3) == 2


@pytest.mark.parametrize(
    ("state", "approved_version", "update", "badge"),
    [
        ("submitted", None, False, "submitted"),
        ("approved", 1, False, "approved"),
        ("under review", 1, True, "approved"),
        ("changes requested", 2, True, "approved"),
        ("submitted", 2, True, "approved"),
        ("rejected", 2, False, "approved"),
        ("rejected", None, False, "rejected"),
    ],
)
def test_readers_see_the_approved_version_marked_while_an_update_is_reviewed(state, approved_version, update, badge):
    assert update_under_review(state, approved_version) is update
    assert reader_status(state, approved_version) == badge
