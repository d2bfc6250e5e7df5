"""The rendered settings pages of each scan (sealed blobs; this table says where they are and until
when they are kept). Rows are typed: ``ScanPage``."""

from __future__ import annotations

from datetime import datetime

import msgspec

from store.db import Conn, as_uuid

_COLUMNS = ("id, scan_job_id::text, user_id::text, connection_id::text, platform, pack_version, page_key, url, "
            "blob_key, key_id, captured_at, expires_at")


class ScanPage(msgspec.Struct, kw_only=True, frozen=True):
    id: int
    scan_job_id: str
    user_id: str
    connection_id: str
    platform: str
    pack_version: str
    page_key: str
    url: str
    blob_key: str
    key_id: str
    captured_at: datetime
    expires_at: datetime


def _page(row: object) -> ScanPage:
    return ScanPage(**dict(row))  # type: ignore[call-overload]


async def insert_page(
    conn: Conn, *, scan_job_id: str, user_id: str, connection_id: str, platform: str, pack_version: str,
    page_key: str, url: str, blob_key: str, key_id: str, captured_at: datetime, keep_days: int,
) -> ScanPage:
    """Record a kept page (a retried step keeps the first row)."""
    row = await conn.fetchrow(
        f"""INSERT INTO scan_pages (scan_job_id, user_id, connection_id, platform, pack_version, page_key, url,
                blob_key, key_id, captured_at, expires_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::timestamptz,
                    $10::timestamptz + make_interval(days => $11::int))
            ON CONFLICT (scan_job_id, page_key) DO UPDATE SET page_key = EXCLUDED.page_key
            RETURNING {_COLUMNS}""",
        as_uuid(scan_job_id, "scan job id"), as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id"),
        platform, pack_version, page_key, url, blob_key, key_id, captured_at, keep_days)
    return _page(row)


async def pages_since(conn: Conn, platform: str, since: datetime | None) -> list[ScanPage]:
    """The kept pages of a platform's scans (not yet expired), oldest scan first."""
    rows = await conn.fetch(
        f"SELECT {_COLUMNS} FROM scan_pages WHERE platform = $1 AND expires_at > now() "
        "AND ($2::timestamptz IS NULL OR captured_at >= $2) ORDER BY captured_at, scan_job_id, id",
        platform, since)
    return [_page(r) for r in rows]


async def take_expired(conn: Conn, limit: int = 1000) -> list[ScanPage]:
    """Remove up to ``limit`` expired rows and return them (the caller deletes their blobs)."""
    rows = await conn.fetch(
        f"DELETE FROM scan_pages WHERE id IN (SELECT id FROM scan_pages WHERE expires_at <= now() LIMIT $1) "
        f"RETURNING {_COLUMNS}", limit)
    return [_page(r) for r in rows]


async def reextraction_exists(conn: Conn, user_id: str, scan_job_id: str, pack_version: str) -> bool:
    """Whether this scan's pages were already re-read into a snapshot with this pack version."""
    return bool(await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM privacy_snapshots WHERE user_id = $1 AND reextraction_of = $2 "
        "AND pack_version = $3)", as_uuid(user_id, "user id"), as_uuid(scan_job_id, "scan job id"), pack_version))
