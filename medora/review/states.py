"""The editorial workflow as a pure state machine: (state, action, role) → new state, or a ReviewError.

Submitted → (an editor assigns reviewers) → Under review → (a reviewer decides) → Approved, Changes requested or
Rejected. A new version (an editor's edit, a fresh answer, an updated packaged overview) sends the article back:
Changes requested → Under review, Approved → Under review. An approved article keeps its approved version for
readers while the update is reviewed ("update under review"); that bookkeeping is :func:`published_version`.

Nothing here knows of HTTP or SQL: the store keeps the state, the web and CLI ask this module what may happen."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from medora.errors import ReviewError, ReviewPermissionError


class State(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under review"
    APPROVED = "approved"
    CHANGES_REQUESTED = "changes requested"
    REJECTED = "rejected"


class Action(StrEnum):
    ASSIGN = "assign"  # an editor gives the article to a reviewer
    APPROVE = "approve"
    REQUEST_CHANGES = "request changes"
    REJECT = "reject"
    REVISE = "revise"  # a new version: an editor's edit, a fresh answer, an updated packaged overview


class Role(StrEnum):
    ANONYMOUS = "anonymous"  # a reader who has not signed in
    REVIEWER = "reviewer"  # a member of the Medical Advisory Board
    EDITOR = "editor"
    ADMIN = "admin"  # an editor who also manages accounts
    SYSTEM = "system"  # Medora itself: a fresh answer or an updated packaged overview makes a new version


ACCOUNT_ROLES = (Role.REVIEWER, Role.EDITOR, Role.ADMIN)  # the roles a user account can have
EDITING_ROLES = (Role.EDITOR, Role.ADMIN)  # who assigns, edits and reads the audit log


@dataclass(frozen=True)
class Actor:
    """Who takes an action: a signed-in user, an anonymous reader, or Medora itself."""

    name: str
    role: Role
    user_id: int | None = None


SYSTEM = Actor("medora", Role.SYSTEM)
ANONYMOUS = Actor("anonymous", Role.ANONYMOUS)

WHO_MAY: dict[Action, frozenset[Role]] = {
    Action.ASSIGN: frozenset({Role.EDITOR, Role.ADMIN}),
    Action.APPROVE: frozenset({Role.REVIEWER}),
    Action.REQUEST_CHANGES: frozenset({Role.REVIEWER}),
    Action.REJECT: frozenset({Role.REVIEWER}),
    Action.REVISE: frozenset({Role.EDITOR, Role.ADMIN, Role.SYSTEM}),
}

MOVES: dict[tuple[State, Action], State] = {
    (State.SUBMITTED, Action.ASSIGN): State.UNDER_REVIEW,
    (State.UNDER_REVIEW, Action.ASSIGN): State.UNDER_REVIEW,  # a second reviewer
    (State.CHANGES_REQUESTED, Action.ASSIGN): State.CHANGES_REQUESTED,  # waits for the new version all the same
    (State.UNDER_REVIEW, Action.APPROVE): State.APPROVED,
    (State.UNDER_REVIEW, Action.REQUEST_CHANGES): State.CHANGES_REQUESTED,
    (State.UNDER_REVIEW, Action.REJECT): State.REJECTED,
    (State.SUBMITTED, Action.REVISE): State.SUBMITTED,
    (State.UNDER_REVIEW, Action.REVISE): State.UNDER_REVIEW,
    (State.CHANGES_REQUESTED, Action.REVISE): State.UNDER_REVIEW,
    (State.APPROVED, Action.REVISE): State.UNDER_REVIEW,  # readers keep the approved version meanwhile
    (State.REJECTED, Action.REVISE): State.SUBMITTED,  # a new version is a new submission
}

_PLURAL = {Role.REVIEWER: "reviewers", Role.EDITOR: "editors", Role.ADMIN: "admins", Role.SYSTEM: "Medora itself"}


def transition(state: State | str, action: Action | str, role: Role | str) -> State:
    """The state after ``role`` takes ``action`` on an article in ``state``; a ReviewError says why not.

    The role is checked first: a reviewer may never assign, whatever the state, and is told so."""
    state, action, role = State(state), Action(action), Role(role)
    allowed = WHO_MAY[action]
    if role not in allowed:
        who = " and ".join(_PLURAL[r] for r in sorted(allowed, key=list(Role).index))
        if role is Role.ANONYMOUS:
            raise ReviewPermissionError(f"sign in to {action.value}: only {who} may")
        article = "an" if role.value[0] in "aeiou" else "a"
        raise ReviewPermissionError(f"{article} {role.value} may not {action.value}: only {who} may")
    try:
        return MOVES[(state, action)]
    except KeyError:
        possible = [a.value for a in Action if (state, a) in MOVES]
        raise ReviewError(
            f"an article that is {state.value} cannot {action.value}; it can: {', '.join(possible)}"
        ) from None


def published_version(
    state: State | str, action: Action | str, *, approved_version: int | None, current_version: int
) -> int | None:
    """The version readers see after ``action``: approving publishes the current version; nothing else changes
    what was approved (an update under review leaves the approved version in place)."""
    return current_version if Action(action) is Action.APPROVE else approved_version


def update_under_review(state: State | str, approved_version: int | None) -> bool:
    """True when readers see an approved version while a newer one goes through review."""
    return approved_version is not None and State(state) in (
        State.SUBMITTED, State.UNDER_REVIEW, State.CHANGES_REQUESTED,
    )


def reader_status(state: State | str, approved_version: int | None) -> State:
    """The status a reader's badge shows: Approved while an approved version is what they read."""
    return State.APPROVED if approved_version is not None else State(state)
