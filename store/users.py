"""Users: accounts with a role. Rows come back as ``StoredUser`` (ids as str); password hashes only
through ``get_password_hash``, so they never travel with ordinary user data."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import asyncpg
import msgspec

from core.errors import InvalidInput, NotFound
from store.db import Conn, as_uuid, maybe_struct, record_struct

ROLES = ("user", "operator", "admin")
_COLUMNS = "id, email, name, role, created_at, updated_at, deleted_at"


class StoredUser(msgspec.Struct, kw_only=True, frozen=True):
    """A ``users`` row without its password hash."""

    id: str
    email: str
    name: str | None
    role: Literal["user", "operator", "admin"]
    created_at: datetime
    updated_at: datetime
    deleted_at: datetime | None


async def create_user(
    conn: Conn, email: str, *, name: str | None = None,
    role: str = "user", password_hash: str | None = None,
) -> StoredUser:
    """A new user; InvalidInput when the role is unknown or the e-mail is taken."""
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    email = email.strip().lower()
    if "@" not in email or len(email) > 255:
        raise InvalidInput("email must be an e-mail address of at most 255 characters")
    try:
        row = await conn.fetchrow(
            f"INSERT INTO users (email, name, role, password_hash) VALUES ($1, $2, $3, $4) "
            f"RETURNING {_COLUMNS}", email, name, role, password_hash,
        )
    except asyncpg.UniqueViolationError:
        raise InvalidInput(f"an account with the e-mail {email} already exists") from None
    return record_struct(row, StoredUser)


async def get_user(conn: Conn, user_id: str) -> StoredUser:
    """The user (not deleted); NotFound otherwise."""
    row = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM users WHERE id = $1 AND deleted_at IS NULL", as_uuid(user_id, "user id"))
    if row is None:
        raise NotFound(f"no user {user_id}")
    return record_struct(row, StoredUser)


async def find_by_email(conn: Conn, email: str) -> StoredUser | None:
    row = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM users WHERE lower(email) = lower($1) AND deleted_at IS NULL", email.strip())
    return maybe_struct(row, StoredUser)


async def get_password_hash(conn: Conn, user_id: str) -> str | None:
    return await conn.fetchval(
        "SELECT password_hash FROM users WHERE id = $1 AND deleted_at IS NULL", as_uuid(user_id, "user id"))


async def set_password_hash(conn: Conn, user_id: str, password_hash: str) -> None:
    done = await conn.execute(
        "UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL",
        as_uuid(user_id, "user id"), password_hash)
    if done.endswith(" 0"):
        raise NotFound(f"no user {user_id}")


async def set_role(conn: Conn, user_id: str, role: str) -> None:
    if role not in ROLES:
        raise InvalidInput(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    done = await conn.execute(
        "UPDATE users SET role = $2, updated_at = now() WHERE id = $1 AND deleted_at IS NULL",
        as_uuid(user_id, "user id"), role)
    if done.endswith(" 0"):
        raise NotFound(f"no user {user_id}")


async def erase_user(conn: Conn, user_id: str) -> bool:
    """Delete the user's row; every table that holds their data cascades. Blobs are the caller's."""
    done = await conn.execute("DELETE FROM users WHERE id = $1", as_uuid(user_id, "user id"))
    return not done.endswith(" 0")
