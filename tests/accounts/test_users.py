"""Accounts on both backends: argon2id hashes, name/role/password rules, throttled sign-in, server-side sessions."""

from __future__ import annotations

import pytest

from medora.accounts import sessions
from medora.accounts.users import add_user, authenticate, list_users
from medora.errors import AuthenticationError, ThrottledError, UserError
from medora.store import open_store
from medora.store.review import audit_events_of
from medora.store.users import password_hash_of

PASSWORD = "correct horse battery"


@pytest.fixture
def engine(database_url: str):
    return open_store(database_url)


def test_a_user_is_stored_with_an_argon2id_hash_and_an_audit_event(engine):
    user = add_user(engine, name="Ada Lovelace", role="reviewer", password=PASSWORD, added_by="Root", added_by_role="admin")
    assert (user.name, user.role) == ("Ada Lovelace", "reviewer")
    with engine.connect() as conn:
        stored = password_hash_of(conn, name="Ada Lovelace")
        [event] = audit_events_of(conn, article_id=None)
    assert stored.startswith("$argon2id$") and PASSWORD not in stored
    assert (event.actor, event.actor_role, event.action, event.details) == (
        "Root", "admin", "add user", {"name": "Ada Lovelace", "role": "reviewer"})
    assert [u.name for u in list_users(engine)] == ["Ada Lovelace"]


@pytest.mark.parametrize(
    ("name", "role", "password", "message"),
    [
        ("Ada", "superuser", PASSWORD, "^unknown role 'superuser': choose one of reviewer, editor, admin$"),
        ("Ada", "reviewer", "short", "^the password is too short: use at least 10 characters$"),
        ("<script>", "reviewer", PASSWORD, "^invalid user name '<script>'"),
        ("", "reviewer", PASSWORD, "^invalid user name ''"),
    ],
)
def test_bad_accounts_are_refused(engine, name, role, password, message):
    with pytest.raises(UserError, match=message):
        add_user(engine, name=name, role=role, password=password)


def test_a_name_is_taken_once(engine):
    add_user(engine, name="Ada", role="reviewer", password=PASSWORD)
    with pytest.raises(UserError, match="^a user named 'Ada' already exists$"):
        add_user(engine, name="Ada", role="editor", password=PASSWORD)


def test_sign_in_never_says_which_half_was_wrong(engine):
    add_user(engine, name="Ada", role="reviewer", password=PASSWORD)
    assert authenticate(engine, name="Ada", password=PASSWORD, address="10.0.0.1").name == "Ada"
    for name, password in (("Ada", "wrong password"), ("Nobody", PASSWORD)):
        with pytest.raises(AuthenticationError, match="^wrong user name or password$"):
            authenticate(engine, name=name, password=password, address="10.0.0.1")


def test_five_failures_throttle_that_account_from_that_address(engine):
    add_user(engine, name="Ada", role="reviewer", password=PASSWORD)
    for _ in range(5):
        with pytest.raises(AuthenticationError):
            authenticate(engine, name="Ada", password="guess guess", address="10.0.0.9")
    with pytest.raises(ThrottledError, match="^too many failed sign-ins for 'Ada' from this address: try again in 15"):
        authenticate(engine, name="Ada", password=PASSWORD, address="10.0.0.9")
    assert authenticate(engine, name="Ada", password=PASSWORD, address="10.0.0.2").name == "Ada"


def test_a_session_lives_until_it_is_ended(engine):
    user = add_user(engine, name="Ada", role="editor", password=PASSWORD)
    token, started = sessions.start_session(engine, user=user)
    found = sessions.session_for(engine, token=token)
    assert (found.user.name, found.user.role, found.csrf_token) == ("Ada", "editor", started.csrf_token)
    assert sessions.csrf_matches(found, started.csrf_token) and not sessions.csrf_matches(found, "forged")
    assert not sessions.csrf_matches(found, None)
    assert sessions.session_for(engine, token="not-a-token") is None
    sessions.end_session(engine, token=token)
    assert sessions.session_for(engine, token=token) is None


def test_production_hashes_use_the_rfc_9106_low_memory_parameters():
    from argon2 import PasswordHasher

    from medora.accounts import passwords

    source = open(passwords.__file__, encoding="utf-8").read()
    assert "_HASHER = PasswordHasher()\n" in source  # argon2-cffi's defaults, which are that profile
    defaults = PasswordHasher()
    assert (defaults.time_cost, defaults.memory_cost, defaults.parallelism) == (3, 65536, 4)
