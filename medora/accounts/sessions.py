"""Sign-in sessions as server-side rows: the browser holds a random token (an HttpOnly cookie), the store holds
only its SHA-256, with the session's CSRF token and expiry. Signing out deletes the row, so a copied cookie dies
with it."""

from __future__ import annotations

import datetime
import hashlib
import hmac
import secrets

from sqlalchemy import Engine

from medora.store import users as rows
from medora.store.users import SessionRecord, UserRecord

SESSION_LIFETIME = datetime.timedelta(hours=12)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(engine: Engine, *, user: UserRecord) -> tuple[str, SessionRecord]:
    """A new session for ``user``: the cookie token (shown once, never stored) and the stored session."""
    token, csrf_token = secrets.token_urlsafe(32), secrets.token_urlsafe(32)
    expires_at = datetime.datetime.now(datetime.UTC) + SESSION_LIFETIME
    with engine.begin() as conn:
        rows.insert_session(conn, token_hash=_digest(token), user_id=user.id, csrf_token=csrf_token,
                            expires_at=expires_at)
    return token, SessionRecord(user, csrf_token, expires_at)


def session_for(engine: Engine, *, token: str | None) -> SessionRecord | None:
    """The live session a cookie token belongs to, or None (no token, an unknown one, or expired)."""
    if not token or len(token) > 100:
        return None
    with engine.connect() as conn:
        return rows.session_by_token_hash(conn, token_hash=_digest(token), now=datetime.datetime.now(datetime.UTC))


def end_session(engine: Engine, *, token: str | None) -> None:
    if token:
        with engine.begin() as conn:
            rows.delete_session(conn, token_hash=_digest(token))


def csrf_matches(session: SessionRecord, submitted: str | None) -> bool:
    """Constant-time comparison of a submitted CSRF token with the session's."""
    return bool(submitted) and hmac.compare_digest(session.csrf_token.encode(), submitted.encode())
