"""Privacy snapshots: one row per stored scan (the Markdown lives in blob storage at r2_file_path).
Rows are ``StoredSnapshot`` (ids as str; ``readings`` is the JSON list the scan produced), or
``SnapshotEntry`` in listings, which leave the readings out."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import msgspec

from core.errors import NotFound
from store.db import Conn, as_uuid, maybe_struct, record_struct, record_structs

_COLUMNS = ("id, connection_id, user_id, platform, r2_file_path, analysis_result_id, content_hash, "
            "scan_duration_ms, pack_version, scan_status, scan_job_id, readings, reextraction_of, created_at")


class SnapshotEntry(msgspec.Struct, kw_only=True, frozen=True):
    """A snapshot as listed: where its Markdown is and how the scan went, without its readings."""

    id: str
    connection_id: str
    user_id: str
    platform: str
    r2_file_path: str
    analysis_result_id: str | None
    content_hash: str
    scan_duration_ms: int | None
    pack_version: str
    scan_status: str
    scan_job_id: str | None
    created_at: datetime


class StoredSnapshot(SnapshotEntry, kw_only=True, frozen=True):
    """A whole snapshot row. ``reextraction_of``: the scan job whose kept pages another pack version
    read again (history only, never a diff baseline)."""

    readings: list[dict[str, Any]]
    reextraction_of: str | None


async def insert_snapshot(
    conn: Conn, *, user_id: str, connection_id: str, platform: str,
    r2_file_path: str, content_hash: str, scan_status: str, pack_version: str = "",
    readings: list[dict[str, Any]] | None = None, scan_duration_ms: int | None = None,
    scan_job_id: str | None = None, analysis_result_id: str | None = None,
    created_at: datetime | None = None, reextraction_of: str | None = None,
) -> StoredSnapshot:
    """Insert a snapshot of the user's connection; NotFound when the connection is not theirs.
    ``reextraction_of``: the scan job whose stored pages were read again (such a snapshot is history,
    never a diff baseline)."""
    row = await conn.fetchrow(
        f"""
        INSERT INTO privacy_snapshots (user_id, connection_id, platform, r2_file_path, content_hash,
            scan_status, pack_version, readings, scan_duration_ms, scan_job_id, analysis_result_id,
            created_at, reextraction_of)
        SELECT $1, c.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, coalesce($12, now()), $13
        FROM user_platform_connections c WHERE c.id = $2 AND c.user_id = $1
        RETURNING {_COLUMNS}
        """, as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id"), platform,
        r2_file_path, content_hash, scan_status, pack_version, readings or [], scan_duration_ms,
        as_uuid(scan_job_id) if scan_job_id else None,
        as_uuid(analysis_result_id) if analysis_result_id else None, created_at,
        as_uuid(reextraction_of, "scan job id") if reextraction_of else None,
    )
    if row is None:
        raise NotFound(f"no connection {connection_id}")
    return record_struct(row, StoredSnapshot)


async def latest_good_snapshot(
    conn: Conn, user_id: str, connection_id: str
) -> StoredSnapshot | None:
    """The newest snapshot with scan_status 'ok' (the diff baseline); None when there is none."""
    row = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM privacy_snapshots WHERE user_id = $1 AND connection_id = $2 "
        "AND scan_status = 'ok' AND reextraction_of IS NULL ORDER BY created_at DESC LIMIT 1",
        as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id"))
    return maybe_struct(row, StoredSnapshot)


async def get_snapshot(conn: Conn, user_id: str, snapshot_id: str) -> StoredSnapshot:
    row = await conn.fetchrow(f"SELECT {_COLUMNS} FROM privacy_snapshots WHERE id = $1 AND user_id = $2",
                              as_uuid(snapshot_id, "snapshot id"), as_uuid(user_id, "user id"))
    if row is None:
        raise NotFound(f"no snapshot {snapshot_id}")
    return record_struct(row, StoredSnapshot)


async def snapshot_for_job(conn: Conn, user_id: str, scan_job_id: str) -> StoredSnapshot | None:
    """The snapshot a scan job already stored (a retried step finds it instead of storing twice)."""
    row = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM privacy_snapshots WHERE scan_job_id = $1 AND user_id = $2 "
        "ORDER BY created_at DESC LIMIT 1", as_uuid(scan_job_id, "scan job id"), as_uuid(user_id, "user id"))
    return maybe_struct(row, StoredSnapshot)


async def list_snapshots(
    conn: Conn, user_id: str, *, connection_id: str | None = None,
    limit: int = 50, before: datetime | None = None,
) -> list[SnapshotEntry]:
    """The user's snapshots, newest first (without readings, to keep pages light)."""
    rows = await conn.fetch(
        "SELECT id, connection_id, user_id, platform, r2_file_path, analysis_result_id, content_hash, "
        "scan_duration_ms, pack_version, scan_status, scan_job_id, created_at FROM privacy_snapshots "
        "WHERE user_id = $1 AND ($2::uuid IS NULL OR connection_id = $2) "
        "AND ($3::timestamptz IS NULL OR created_at < $3) ORDER BY created_at DESC LIMIT $4",
        as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id") if connection_id else None,
        before, limit)
    return record_structs(rows, SnapshotEntry)


async def set_analysis(
    conn: Conn, user_id: str, snapshot_id: str, analysis_result_id: str
) -> None:
    await conn.execute(
        "UPDATE privacy_snapshots SET analysis_result_id = $3 WHERE id = $1 AND user_id = $2",
        as_uuid(snapshot_id, "snapshot id"), as_uuid(user_id, "user id"),
        as_uuid(analysis_result_id, "analysis id"))


async def previous_good_snapshot(
    conn: Conn, user_id: str, connection_id: str, before: datetime, exclude_id: str
) -> StoredSnapshot | None:
    """The newest 'ok' snapshot taken before ``before`` (the baseline a new snapshot is diffed with)."""
    row = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM privacy_snapshots WHERE user_id = $1 AND connection_id = $2 "
        "AND scan_status = 'ok' AND reextraction_of IS NULL AND created_at <= $3 AND id <> $4 "
        "ORDER BY created_at DESC LIMIT 1",
        as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id"), before,
        as_uuid(exclude_id, "snapshot id"))
    return maybe_struct(row, StoredSnapshot)


async def latest_snapshot(conn: Conn, user_id: str, connection_id: str) -> StoredSnapshot | None:
    """The newest snapshot of any status (scans only, not re-extractions)."""
    row = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM privacy_snapshots WHERE user_id = $1 AND connection_id = $2 "
        "AND reextraction_of IS NULL ORDER BY created_at DESC LIMIT 1",
        as_uuid(user_id, "user id"), as_uuid(connection_id, "connection id"))
    return maybe_struct(row, StoredSnapshot)
