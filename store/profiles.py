"""Session profiles: the ENCRYPTED cookie jar of a user x platform plus the browser identity that
goes with it. Encryption is the caller's (core.crypto); this module only stores bytes + key id.
The jar bytes come back only from ``get_profile``; listings never carry them."""

from __future__ import annotations

from datetime import datetime

import msgspec

from core.errors import NotFound
from store.db import Conn, as_uuid, record_struct, record_structs

_META = ("id, user_id, platform, key_id, cookie_count, user_agent, locale, timezone, viewport, "
         "expires_at, revoked_at, created_at, updated_at")


class ProfileMeta(msgspec.Struct, kw_only=True, frozen=True):
    """A session profile's metadata: the browser identity and the jar's state, never the jar."""

    id: str
    user_id: str
    platform: str
    key_id: str | None
    cookie_count: int
    user_agent: str | None
    locale: str
    timezone: str
    viewport: dict[str, int] | None
    expires_at: datetime | None
    revoked_at: datetime | None
    created_at: datetime
    updated_at: datetime


class StoredProfile(ProfileMeta, kw_only=True, frozen=True):
    """A live session profile as stored: the metadata plus the sealed jar
    (``profiles.sealing.open_stored_profile`` opens it)."""

    cookie_jar_enc: bytes | None

    def __repr__(self) -> str:
        return f"StoredProfile(user_id={self.user_id!r}, platform={self.platform!r}, jar=[sealed])"


async def save_profile(
    conn: Conn, user_id: str, platform: str, *, cookie_jar_enc: bytes,
    key_id: str, cookie_count: int, user_agent: str | None = None, locale: str = "en-US",
    timezone: str = "UTC", viewport: dict[str, int] | None = None, expires_at: datetime | None = None,
) -> ProfileMeta:
    """Store (or replace) the user's jar for the platform; clears any earlier revocation.
    Returns the profile's metadata (no jar bytes)."""
    row = await conn.fetchrow(
        f"""
        INSERT INTO session_profiles (user_id, platform, cookie_jar_enc, key_id, cookie_count,
            user_agent, locale, timezone, viewport, expires_at)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, coalesce($9, '{{"width": 1280, "height": 900}}'::jsonb), $10)
        ON CONFLICT (user_id, platform) DO UPDATE SET
            cookie_jar_enc = EXCLUDED.cookie_jar_enc, key_id = EXCLUDED.key_id,
            cookie_count = EXCLUDED.cookie_count, user_agent = EXCLUDED.user_agent,
            locale = EXCLUDED.locale, timezone = EXCLUDED.timezone, viewport = EXCLUDED.viewport,
            expires_at = EXCLUDED.expires_at, revoked_at = NULL, updated_at = now()
        RETURNING {_META}
        """, as_uuid(user_id, "user id"), platform, cookie_jar_enc, key_id, cookie_count,
        user_agent, locale, timezone, viewport, expires_at,
    )
    return record_struct(row, ProfileMeta)


async def get_profile(conn: Conn, user_id: str, platform: str) -> StoredProfile:
    """The live profile with its encrypted jar (``cookie_jar_enc``); NotFound when none, revoked
    or expired."""
    row = await conn.fetchrow(
        "SELECT id::text, user_id::text, platform, key_id, cookie_count, user_agent, locale, timezone, viewport, "
        "expires_at, revoked_at, created_at, updated_at, cookie_jar_enc FROM session_profiles "
        "WHERE user_id = $1 AND platform = $2 "
        "AND revoked_at IS NULL AND cookie_jar_enc IS NOT NULL "
        "AND (expires_at IS NULL OR expires_at > now())",
        as_uuid(user_id, "user id"), platform)
    if row is None:
        raise NotFound(f"no live session profile for {platform}; connect it again from the extension")
    return StoredProfile(**dict(row))


async def list_profiles(conn: Conn, user_id: str) -> list[ProfileMeta]:
    rows = await conn.fetch(f"SELECT {_META} FROM session_profiles WHERE user_id = $1 ORDER BY platform",
                            as_uuid(user_id, "user id"))
    return record_structs(rows, ProfileMeta)


async def revoke_profile(conn: Conn, user_id: str, platform: str) -> bool:
    """Wipe the jar and mark the profile revoked; True when there was one to revoke."""
    done = await conn.execute(
        "UPDATE session_profiles SET cookie_jar_enc = NULL, revoked_at = now(), updated_at = now() "
        "WHERE user_id = $1 AND platform = $2 AND revoked_at IS NULL",
        as_uuid(user_id, "user id"), platform)
    return not done.endswith(" 0")


async def wipe_expired(conn: Conn) -> list[tuple[str, str]]:
    """Wipe the jars of expired profiles (all users; a maintenance job). Returns (user_id, platform)."""
    rows = await conn.fetch(
        "UPDATE session_profiles SET cookie_jar_enc = NULL, revoked_at = now(), updated_at = now() "
        "WHERE expires_at <= now() AND revoked_at IS NULL RETURNING user_id, platform")
    return [(str(r["user_id"]), r["platform"]) for r in rows]


class SealedRow(msgspec.Struct, kw_only=True, frozen=True):
    """A live jar sealed under a key that is not the current one (for re-sealing)."""

    id: str
    user_id: str
    platform: str
    key_id: str
    cookie_jar_enc: bytes


async def jars_not_under(conn: Conn, key_id: str, after_id: str | None = None, limit: int = 500) -> list[SealedRow]:
    """Live jars sealed under another key than ``key_id``, by profile id after ``after_id`` (system
    context: key rotation; page with the last row's id)."""
    rows = await conn.fetch(
        "SELECT id::text, user_id::text, platform, key_id, cookie_jar_enc FROM session_profiles"
        " WHERE key_id <> $1 AND cookie_jar_enc IS NOT NULL AND revoked_at IS NULL"
        " AND ($2::uuid IS NULL OR id > $2::uuid) ORDER BY id LIMIT $3", key_id, after_id, limit)
    return [SealedRow(**dict(r)) for r in rows]


async def replace_sealed_jar(conn: Conn, row: SealedRow, ciphertext: bytes, key_id: str) -> bool:
    """Swap the jar's sealing, only if the row still holds what was read (a hand-off in between
    wins); False when it changed meanwhile. The row's ``updated_at`` is left alone: the session is
    as old as it was."""
    done = await conn.execute(
        "UPDATE session_profiles SET cookie_jar_enc = $2, key_id = $3 WHERE id = $1::uuid AND cookie_jar_enc = $4",
        row.id, ciphertext, key_id, row.cookie_jar_enc)
    return not done.endswith(" 0")
