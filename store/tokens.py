"""Extension pairings (refresh-token families) and their rotating refresh tokens. Only sha256
hashes of tokens are stored. Every query that reads user data takes the user id."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import asyncpg
import msgspec

from core.errors import InvalidInput
from store.db import Conn, as_uuid, record_struct, record_structs

_PAIRING = "id, user_id, device_name, created_at, last_used_at, revoked_at, revoked_reason"


class Pairing(msgspec.Struct, kw_only=True, frozen=True):
    """An extension pairing (a refresh-token family)."""

    id: str
    user_id: str
    device_name: str
    created_at: datetime
    last_used_at: datetime | None
    revoked_at: datetime | None
    revoked_reason: str | None

RotateOutcome = Literal["rotated", "unknown", "expired", "revoked", "replayed"]


async def create_pairing(
    conn: asyncpg.Connection, user_id: str, *, device_name: str, token_hash: str, expires_at: datetime
) -> Pairing:
    """A new pairing with its first refresh token."""
    async with conn.transaction():
        row = await conn.fetchrow(
            f"INSERT INTO extension_pairings (user_id, device_name) VALUES ($1, $2) RETURNING {_PAIRING}",
            as_uuid(user_id, "user id"), device_name)
        await conn.execute(
            "INSERT INTO extension_refresh_tokens (pairing_id, token_hash, expires_at) VALUES ($1, $2, $3)",
            row["id"], token_hash, expires_at)
    return record_struct(row, Pairing)


async def rotate_refresh_token(
    conn: asyncpg.Connection, *, token_hash: str, new_token_hash: str, new_expires_at: datetime
) -> tuple[RotateOutcome, Pairing | None]:
    """Spend a refresh token and store its successor. A token used before is a replay: the whole
    pairing is revoked. Returns the outcome and the pairing (when the token was known)."""
    async with conn.transaction():
        token = await conn.fetchrow(
            "SELECT t.id, t.pairing_id, t.used_at, t.expires_at < now() AS expired "
            "FROM extension_refresh_tokens t WHERE t.token_hash = $1 FOR UPDATE", token_hash)
        if token is None:
            return "unknown", None
        pairing = await conn.fetchrow(
            f"SELECT {_PAIRING} FROM extension_pairings WHERE id = $1 FOR UPDATE", token["pairing_id"])
        if pairing["revoked_at"] is not None:
            return "revoked", record_struct(pairing, Pairing)
        if token["used_at"] is not None:
            revoked = await conn.fetchrow(
                "UPDATE extension_pairings SET revoked_at = now(), revoked_reason = 'replay' "
                f"WHERE id = $1 RETURNING {_PAIRING}", token["pairing_id"])
            return "replayed", record_struct(revoked, Pairing)
        if token["expired"]:
            return "expired", record_struct(pairing, Pairing)
        await conn.execute("UPDATE extension_refresh_tokens SET used_at = now() WHERE id = $1", token["id"])
        await conn.execute(
            "INSERT INTO extension_refresh_tokens (pairing_id, token_hash, expires_at) VALUES ($1, $2, $3)",
            token["pairing_id"], new_token_hash, new_expires_at)
        updated = await conn.fetchrow(
            f"UPDATE extension_pairings SET last_used_at = now() WHERE id = $1 RETURNING {_PAIRING}",
            token["pairing_id"])
        return "rotated", record_struct(updated, Pairing)


async def pairing_is_live(conn: Conn, pairing_id: str) -> bool:
    return await live_pairing_owner(conn, pairing_id) is not None


async def live_pairing_owner(conn: Conn, pairing_id: str) -> str | None:
    """The user id of a pairing that exists and is not revoked; None otherwise (a pairing id that
    is not even a UUID included). This row is the source of truth for extension access."""
    try:
        pid = as_uuid(pairing_id, "pairing id")
    except InvalidInput:
        return None
    owner = await conn.fetchval(
        "SELECT user_id FROM extension_pairings WHERE id = $1 AND revoked_at IS NULL", pid)
    return str(owner) if owner is not None else None


async def live_pairing_access(conn: Conn, pairing_id: str) -> tuple[str, str] | None:
    """(user id, role) of a pairing that exists, is not revoked and whose user is not deleted; None
    otherwise. One query for what an extension token needs on every request."""
    try:
        pid = as_uuid(pairing_id, "pairing id")
    except InvalidInput:
        return None
    row = await conn.fetchrow(
        "SELECT p.user_id, u.role FROM extension_pairings p JOIN users u ON u.id = p.user_id "
        "WHERE p.id = $1 AND p.revoked_at IS NULL AND u.deleted_at IS NULL", pid)
    return (str(row["user_id"]), str(row["role"])) if row is not None else None


async def list_pairings(conn: Conn, user_id: str) -> list[Pairing]:
    rows = await conn.fetch(
        f"SELECT {_PAIRING} FROM extension_pairings WHERE user_id = $1 ORDER BY created_at DESC",
        as_uuid(user_id, "user id"))
    return record_structs(rows, Pairing)


async def revoke_pairing(
    conn: Conn, user_id: str, pairing_id: str, reason: str = "user"
) -> bool:
    """Revoke one of the user's pairings; False when it is not theirs or already revoked."""
    done = await conn.execute(
        "UPDATE extension_pairings SET revoked_at = now(), revoked_reason = $3 "
        "WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL",
        as_uuid(pairing_id, "pairing id"), as_uuid(user_id, "user id"), reason)
    return not done.endswith(" 0")
