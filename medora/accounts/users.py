"""Adding, listing and signing in users. Sign-in is throttled: after 5 failures for one account from one address
within 15 minutes, further tries from there are refused (HTTP 429) until the window has passed."""

from __future__ import annotations

import datetime
import re

from sqlalchemy import Engine
from sqlalchemy.exc import IntegrityError

from medora.accounts.passwords import dummy_hash, hash_password, needs_rehash, verify_password
from medora.errors import AuthenticationError, PermissionDeniedError, ThrottledError, UserError
from medora.review.states import ACCOUNT_ROLES, Actor, Role
from medora.store import review as review_rows
from medora.store import users as rows
from medora.store.users import UserRecord

MIN_PASSWORD_LENGTH = 10
MAX_FAILURES = 5
FAILURE_WINDOW = datetime.timedelta(minutes=15)
_NAME = re.compile(r"[^\W_][\w .'-]{0,79}")  # shown as "Reviewed by NAME": letters, digits, spaces, . ' - _

__all__ = ["UserRecord", "add_user", "authenticate", "list_users"]


def add_user(engine: Engine, *, name: str, role: str, password: str, added_by: str = "medora",
             added_by_role: str = Role.SYSTEM.value) -> UserRecord:
    """A new account; the name must be free, the role one of reviewer, editor, admin. Logged in the audit log."""
    name = name.strip()
    if not _NAME.fullmatch(name):
        raise UserError(f"invalid user name {name[:80]!r}: use 1 to 80 letters, digits, spaces, . ' - or _")
    if role not in {r.value for r in ACCOUNT_ROLES}:
        raise UserError(f"unknown role {role!r}: choose one of {', '.join(r.value for r in ACCOUNT_ROLES)}")
    if len(password) < MIN_PASSWORD_LENGTH:
        raise UserError(f"the password is too short: use at least {MIN_PASSWORD_LENGTH} characters")
    password_hash = hash_password(password)
    try:
        with engine.begin() as conn:
            user = rows.insert_user(conn, name=name, role=role, password_hash=password_hash)
            review_rows.append_audit_event(
                conn, article_id=None, actor=added_by, actor_role=added_by_role, action="add user",
                details={"name": name, "role": role},
            )
    except IntegrityError:
        raise UserError(f"a user named {name!r} already exists") from None
    return user


def require_admin(actor: Actor) -> None:
    """Only admins manage accounts (from the web; `medora users` is for whoever runs the server)."""
    if actor.role is Role.ANONYMOUS:
        raise AuthenticationError("sign in to manage accounts")
    if actor.role is not Role.ADMIN:
        raise PermissionDeniedError("only admins manage accounts")


def list_users(engine: Engine) -> list[UserRecord]:
    with engine.connect() as conn:
        return rows.all_users(conn)


def authenticate(engine: Engine, *, name: str, password: str, address: str) -> UserRecord:
    """The user with this name and password; a wrong pair is an AuthenticationError that never says which half
    was wrong, and too many recent failures a ThrottledError."""
    name, address = name.strip()[:80], address[:64]
    now = datetime.datetime.now(datetime.UTC)
    with engine.connect() as conn:
        failures = rows.count_login_failures(conn, account=name, address=address, since=now - FAILURE_WINDOW)
        stored_hash = rows.password_hash_of(conn, name=name)
    if failures >= MAX_FAILURES:
        minutes = int(FAILURE_WINDOW.total_seconds() // 60)
        raise ThrottledError(f"too many failed sign-ins for {name!r} from this address: try again in {minutes} minutes")
    if not verify_password(stored_hash or dummy_hash(), password) or stored_hash is None:
        with engine.begin() as conn:
            rows.record_login_failure(conn, account=name, address=address)
        raise AuthenticationError("wrong user name or password")
    with engine.begin() as conn:
        rows.clear_login_failures(conn, account=name, address=address)
        user = rows.user_by_name(conn, name=name)
        if needs_rehash(stored_hash):
            rows.set_password_hash(conn, user_id=user.id, password_hash=hash_password(password))
    return user
