"""The account state the web app keeps beside a user's row: e-mail verification, the chosen
language, and the unsubscribe secret that lets an e-mail's link switch mail off without a sign-in."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg
import msgspec

from core.errors import InvalidInput, NotFound
from store.db import Conn, as_uuid

LOCALES = ("en", "de")


class AccountState(msgspec.Struct, frozen=True):
    user_id: str
    email: str
    name: str | None
    role: str
    email_verified_at: datetime | None
    locale: str | None
    unsubscribe_token: str


_COLUMNS = "id::text AS user_id, email, name, role, email_verified_at, locale, unsubscribe_token"


def _state(row: Any) -> AccountState:
    return msgspec.convert(dict(row), AccountState)


async def account_state(conn: Conn, user_id: str) -> AccountState:
    row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM users WHERE id = $1 AND deleted_at IS NULL",
                              as_uuid(user_id, "user id"))
    if row is None:
        raise NotFound(f"no user {user_id}")
    return _state(row)


async def by_unsubscribe_token(conn: Conn, token: str) -> AccountState | None:
    if not token or len(token) > 64 or not token.isalnum():  # the tokens are hex; anything else is no token
        return None
    row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM users WHERE unsubscribe_token = $1 AND deleted_at IS NULL",
                              token)
    return _state(row) if row else None


async def mark_email_verified(conn: Conn, user_id: str) -> None:
    await conn.execute("UPDATE users SET email_verified_at = coalesce(email_verified_at, now()), updated_at = now() "
                       "WHERE id = $1", as_uuid(user_id, "user id"))


async def set_locale(conn: Conn, user_id: str, locale: str | None) -> None:
    if locale is not None and locale not in LOCALES:
        raise InvalidInput(f"language must be one of {', '.join(LOCALES)}")
    await conn.execute("UPDATE users SET locale = $2, updated_at = now() WHERE id = $1",
                       as_uuid(user_id, "user id"), locale)


async def set_email(conn: Conn, user_id: str, email: str) -> None:
    """A new address, unverified until its link is followed; InvalidInput when another account has it."""
    email = email.strip().lower()
    if "@" not in email or len(email) > 255:
        raise InvalidInput("email must be an e-mail address of at most 255 characters")
    try:
        await conn.execute("UPDATE users SET email = $2, email_verified_at = NULL, updated_at = now() WHERE id = $1",
                           as_uuid(user_id, "user id"), email)
    except asyncpg.UniqueViolationError:
        raise InvalidInput(f"an account with the e-mail {email} already exists") from None


async def unsubscribe_token_of(conn: Conn, user_id: str) -> str:
    token = await conn.fetchval("SELECT unsubscribe_token FROM users WHERE id = $1", as_uuid(user_id, "user id"))
    if token is None:
        raise NotFound(f"no user {user_id}")
    return str(token)
