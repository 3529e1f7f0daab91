"""Reads and writes of user accounts, their sign-in sessions and failed sign-ins. Keyword-only arguments."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from sqlalchemy import Connection, delete, func, insert, select

from medora.store.articles import aware_utc
from medora.store.schema import login_failures, sessions, users


@dataclass
class UserRecord:
    id: int
    name: str
    role: str
    created_at: datetime.datetime


@dataclass
class SessionRecord:
    user: UserRecord
    csrf_token: str
    expires_at: datetime.datetime


def _user(row) -> UserRecord:  # noqa: ANN001 (a Row)
    return UserRecord(row.id, row.name, row.role, aware_utc(row.created_at))


def insert_user(conn: Connection, *, name: str, role: str, password_hash: str) -> UserRecord:
    now = datetime.datetime.now(datetime.UTC)
    user_id = conn.execute(
        insert(users).values(name=name, role=role, password_hash=password_hash, created_at=now)
    ).inserted_primary_key[0]
    return UserRecord(user_id, name, role, now)


def user_by_name(conn: Connection, *, name: str) -> UserRecord | None:
    row = conn.execute(select(users).where(users.c.name == name)).first()
    return _user(row) if row else None


def password_hash_of(conn: Connection, *, name: str) -> str | None:
    return conn.execute(select(users.c.password_hash).where(users.c.name == name)).scalar()


def set_password_hash(conn: Connection, *, user_id: int, password_hash: str) -> None:
    """Store a re-hashed password (argon2 parameters raised since it was set)."""
    conn.execute(users.update().where(users.c.id == user_id).values(password_hash=password_hash))


def all_users(conn: Connection) -> list[UserRecord]:
    return [_user(row) for row in conn.execute(select(users).order_by(users.c.name))]


def users_with_role(conn: Connection, *, role: str) -> list[UserRecord]:
    return [_user(row) for row in conn.execute(select(users).where(users.c.role == role).order_by(users.c.name))]


def insert_session(
    conn: Connection, *, token_hash: str, user_id: int, csrf_token: str, expires_at: datetime.datetime
) -> None:
    conn.execute(
        insert(sessions).values(
            token_hash=token_hash, user_id=user_id, csrf_token=csrf_token,
            created_at=datetime.datetime.now(datetime.UTC), expires_at=expires_at,
        )
    )


def session_by_token_hash(conn: Connection, *, token_hash: str, now: datetime.datetime) -> SessionRecord | None:
    row = conn.execute(
        select(users, sessions.c.csrf_token, sessions.c.expires_at)
        .join(sessions, sessions.c.user_id == users.c.id)
        .where(sessions.c.token_hash == token_hash, sessions.c.expires_at > now)
    ).first()
    return SessionRecord(_user(row), row.csrf_token, aware_utc(row.expires_at)) if row else None


def delete_session(conn: Connection, *, token_hash: str) -> None:
    conn.execute(delete(sessions).where(sessions.c.token_hash == token_hash))


def record_login_failure(conn: Connection, *, account: str, address: str) -> None:
    conn.execute(insert(login_failures).values(account=account, address=address, at=datetime.datetime.now(datetime.UTC)))


def count_login_failures(conn: Connection, *, account: str, address: str, since: datetime.datetime) -> int:
    return conn.execute(
        select(func.count()).select_from(login_failures).where(
            login_failures.c.account == account, login_failures.c.address == address, login_failures.c.at >= since
        )
    ).scalar_one()


def clear_login_failures(conn: Connection, *, account: str, address: str) -> None:
    """A successful sign-in forgets that pair's earlier failures."""
    conn.execute(delete(login_failures).where(login_failures.c.account == account, login_failures.c.address == address))
