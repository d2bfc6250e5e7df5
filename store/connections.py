"""User x platform connections and their scan schedule. Rows are ``StoredConnection`` with the
platform slug."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

import msgspec

from core.errors import InvalidInput, NotFound
from store.db import Conn, as_uuid, maybe_struct, record_struct, record_structs

STATUSES = ("connected", "reauth_required", "revoked", "degraded")
_SELECT = """
SELECT c.id, c.user_id, p.slug AS platform, c.connection_status, c.last_scan_at, c.last_scan_status,
       c.scan_interval_s, c.next_scan_at, c.created_at, c.updated_at
FROM user_platform_connections c JOIN privacy_platforms p ON p.id = c.platform_id
"""


class StoredConnection(msgspec.Struct, kw_only=True, frozen=True):
    """A user x platform connection, with the platform's slug."""

    id: str
    user_id: str
    platform: str
    connection_status: Literal["connected", "reauth_required", "revoked", "degraded"]
    last_scan_at: datetime | None
    last_scan_status: str | None
    scan_interval_s: int
    next_scan_at: datetime | None
    created_at: datetime
    updated_at: datetime


async def upsert_connection(
    conn: Conn, user_id: str, platform: str, *,
    scan_interval_s: int | None = None, next_scan_at: datetime | None = None,
) -> StoredConnection:
    """Connect (or reconnect) the user to a platform: status becomes 'connected'."""
    row = await conn.fetchrow(
        """
        INSERT INTO user_platform_connections (user_id, platform_id, scan_interval_s, next_scan_at)
        SELECT $1, p.id, coalesce($3, 86400), coalesce($4, now()) FROM privacy_platforms p
        WHERE p.slug = $2 AND p.is_active
        ON CONFLICT (user_id, platform_id) DO UPDATE SET
            connection_status = 'connected', updated_at = now(),
            scan_interval_s = coalesce($3, user_platform_connections.scan_interval_s),
            next_scan_at = coalesce($4, user_platform_connections.next_scan_at, now())
        RETURNING id
        """, as_uuid(user_id, "user id"), platform, scan_interval_s, next_scan_at,
    )
    if row is None:
        raise InvalidInput(f"unknown or inactive platform {platform!r}")
    return await get_connection(conn, user_id, str(row["id"]))


async def get_connection(conn: Conn, user_id: str, connection_id: str) -> StoredConnection:
    row = await conn.fetchrow(_SELECT + " WHERE c.id = $1 AND c.user_id = $2",
                              as_uuid(connection_id, "connection id"), as_uuid(user_id, "user id"))
    if row is None:
        raise NotFound(f"no connection {connection_id}")
    return record_struct(row, StoredConnection)


async def find_connection(conn: Conn, user_id: str, platform: str) -> StoredConnection | None:
    row = await conn.fetchrow(_SELECT + " WHERE c.user_id = $1 AND p.slug = $2",
                              as_uuid(user_id, "user id"), platform)
    return maybe_struct(row, StoredConnection)


async def list_connections(conn: Conn, user_id: str) -> list[StoredConnection]:
    rows = await conn.fetch(_SELECT + " WHERE c.user_id = $1 ORDER BY p.slug", as_uuid(user_id, "user id"))
    return record_structs(rows, StoredConnection)


async def set_status(
    conn: Conn, user_id: str, connection_id: str, status: str
) -> None:
    if status not in STATUSES:
        raise InvalidInput(f"connection status must be one of {', '.join(STATUSES)}, not {status!r}")
    done = await conn.execute(
        "UPDATE user_platform_connections SET connection_status = $3, updated_at = now() "
        "WHERE id = $1 AND user_id = $2",
        as_uuid(connection_id, "connection id"), as_uuid(user_id, "user id"), status)
    if done.endswith(" 0"):
        raise NotFound(f"no connection {connection_id}")


async def record_scan(
    conn: Conn, user_id: str, connection_id: str, scan_status: str,
    *, next_scan_at: datetime | None = None,
) -> None:
    """Note a finished scan; the next one is due one interval later unless told otherwise."""
    await conn.execute(
        """
        UPDATE user_platform_connections SET last_scan_at = now(), last_scan_status = $3,
            next_scan_at = coalesce($4, now() + make_interval(secs => scan_interval_s)), updated_at = now()
        WHERE id = $1 AND user_id = $2
        """, as_uuid(connection_id, "connection id"), as_uuid(user_id, "user id"), scan_status, next_scan_at)


async def due_connections(
    conn: Conn, *, now: datetime | None = None, limit: int = 500
) -> list[StoredConnection]:
    """Connections whose next scan is due (scheduler, all users): connected or degraded only."""
    rows = await conn.fetch(
        _SELECT + " WHERE c.connection_status IN ('connected', 'degraded') "
        "AND c.next_scan_at <= coalesce($1, now()) ORDER BY c.next_scan_at LIMIT $2", now, limit)
    return record_structs(rows, StoredConnection)


async def set_next_scan(conn: Conn, connection_id: str, at: datetime) -> None:
    """When the scheduler should look at this connection again (system context: scheduler only)."""
    await conn.execute("UPDATE user_platform_connections SET next_scan_at = $2 WHERE id = $1",
                       as_uuid(connection_id, "connection id"), at)
