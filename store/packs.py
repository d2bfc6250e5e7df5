"""Published selector packs and their activation history (operator data, not user data).

A published version is immutable: the same content again is a no-op, other content under the same
version is refused. Activation rows are append-only states; the latest row of a platform is current.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg
import msgspec

from core.errors import ConfigError, InvalidInput
from store.db import Conn


class PackVersionTaken(InvalidInput):
    """A published version was asked to take other content."""


_PACK_META = "platform, version, content_sha256, published_by, published_at"
_STATE = "id, platform, action, active_version, canary_version, canary_percent, reverted, created_by, created_at"


class PublishedPack(msgspec.Struct, kw_only=True, frozen=True):
    platform: str
    version: str
    content_sha256: str
    published_by: str
    published_at: datetime
    content: str | None = None  # the YAML as published (None when not asked for)


class PackActivation(msgspec.Struct, kw_only=True, frozen=True):
    """One activation step (append-only; the newest row of a platform is its current state)."""

    id: int
    platform: str
    action: str  # activate | canary | rollback
    active_version: str
    canary_version: str | None
    canary_percent: int
    reverted: bool
    created_by: str
    created_at: datetime


class LiveProfile(msgspec.Struct, kw_only=True, frozen=True):
    """A live session profile with its sealed jar (for operator dry runs; the caller opens it)."""

    user_id: str
    platform: str
    cookie_jar_enc: bytes
    user_agent: str | None
    locale: str
    timezone: str
    viewport: dict[str, Any] | None
    expires_at: datetime | None
    connection_id: str | None


def _published(row: Any) -> PublishedPack | None:
    return None if row is None else PublishedPack(**dict(row))


def _activation(row: Any) -> PackActivation:
    return PackActivation(**dict(row))


async def publish(
    conn: Conn, *, platform: str, version: str, content: str, content_sha256: str, published_by: str
) -> tuple[PublishedPack, bool]:
    """Store a pack version. Returns (row, created); created is False when the same content was
    already published. PackVersionTaken when the version exists with other content."""
    try:
        row = await conn.fetchrow(
            f"INSERT INTO selector_packs (platform, version, content, content_sha256, published_by) "
            f"VALUES ($1, $2, $3, $4, $5) ON CONFLICT (platform, version) DO NOTHING RETURNING {_PACK_META}",
            platform, version, content, content_sha256, published_by)
    except asyncpg.StringDataRightTruncationError:
        raise InvalidInput("platform, version or publisher name is too long (50/50/100 characters)") from None
    if row is not None:
        return PublishedPack(**dict(row)), True
    existing = await get_published(conn, platform, version, with_content=False)
    assert existing is not None
    if existing.content_sha256 != content_sha256:
        raise PackVersionTaken(
            f"{platform}/{version} is already published with other content (sha256 "
            f"{existing.content_sha256[:12]}…, by {existing.published_by}); published versions never "
            "change: give the pack a new version")
    return existing, False


async def get_published(
    conn: Conn, platform: str, version: str, *, with_content: bool = True
) -> PublishedPack | None:
    columns = _PACK_META + (", content" if with_content else "")
    row = await conn.fetchrow(
        f"SELECT {columns} FROM selector_packs WHERE platform = $1 AND version = $2", platform, version)
    return _published(row)


async def list_published(conn: Conn, platform: str | None = None) -> list[PublishedPack]:
    """Published versions (without content), by platform then publication time."""
    rows = await conn.fetch(
        f"SELECT {_PACK_META} FROM selector_packs WHERE $1::text IS NULL OR platform = $1 "
        "ORDER BY platform, published_at, version", platform)
    return [PublishedPack(**dict(r)) for r in rows]


async def current_state(conn: Conn, platform: str) -> PackActivation | None:
    """The latest activation row of the platform; None when nothing was ever activated.
    ConfigError when the database was never migrated (a clear line for `loopwho scan`)."""
    try:
        row = await conn.fetchrow(
            f"SELECT {_STATE} FROM pack_activations WHERE platform = $1 ORDER BY id DESC LIMIT 1", platform)
    except asyncpg.UndefinedTableError:
        raise ConfigError("the database has no pack tables yet; run `loopwho migrate`") from None
    return None if row is None else _activation(row)


async def live_steps(conn: Conn, platform: str) -> list[PackActivation]:
    """The activate/canary steps no rollback has undone, newest first."""
    rows = await conn.fetch(
        f"SELECT {_STATE} FROM pack_activations WHERE platform = $1 AND action <> 'rollback' "
        "AND NOT reverted ORDER BY id DESC", platform)
    return [_activation(r) for r in rows]


async def history(conn: Conn, platform: str, limit: int = 50) -> list[PackActivation]:
    rows = await conn.fetch(
        f"SELECT {_STATE} FROM pack_activations WHERE platform = $1 ORDER BY id DESC LIMIT $2", platform, limit)
    return [_activation(r) for r in rows]


async def add_state(
    conn: Conn, *, platform: str, action: str, active_version: str, canary_version: str | None,
    canary_percent: int, created_by: str,
) -> PackActivation:
    row = await conn.fetchrow(
        f"INSERT INTO pack_activations (platform, action, active_version, canary_version, canary_percent, "
        f"created_by) VALUES ($1, $2, $3, $4, $5, $6) RETURNING {_STATE}",
        platform, action, active_version, canary_version, canary_percent, created_by)
    return _activation(row)


async def mark_reverted(conn: Conn, ids: list[int]) -> None:
    await conn.execute("UPDATE pack_activations SET reverted = true WHERE id = ANY($1::bigint[])", ids)


async def lock_platform(conn: asyncpg.Connection, platform: str) -> None:
    """Serialise operator steps on one platform (inside a transaction)."""
    await conn.execute("SELECT pg_advisory_xact_lock(hashtext('loopwho:packs:' || $1))", platform)


async def recent_live_profiles(conn: Conn, platform: str, limit: int) -> list[LiveProfile]:
    """The most recently updated live session profiles of a platform, with their encrypted jars and
    the user's connection id (for operator dry runs; the caller decrypts and audits each use)."""
    rows = await conn.fetch(
        """
        SELECT p.user_id::text, p.platform, p.cookie_jar_enc, p.user_agent, p.locale, p.timezone, p.viewport,
               p.expires_at, c.id::text AS connection_id
        FROM session_profiles p
        JOIN privacy_platforms pl ON pl.slug = p.platform
        LEFT JOIN user_platform_connections c ON c.user_id = p.user_id AND c.platform_id = pl.id
        WHERE p.platform = $1 AND p.revoked_at IS NULL AND p.cookie_jar_enc IS NOT NULL
          AND (p.expires_at IS NULL OR p.expires_at > now())
        ORDER BY p.updated_at DESC LIMIT $2
        """, platform, limit)
    return [LiveProfile(**dict(r)) for r in rows]
