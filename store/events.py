"""Privacy change events (time series). Insert returns core.types.ChangeEvent values (ids as str);
a retried pipeline step that passes the same ``dedupe_key`` and ``created_at`` inserts nothing new."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

import asyncpg
import msgspec

from core.types import ChangeEvent
from store.db import Conn, as_uuid, record_struct

_COLUMNS = ("id, user_id, platform, connection_id, change_type, change_data, r2_file_path, "
            "analysis_result_id, previous_snapshot_id, snapshot_id, pack_version, impact_level, "
            "user_notified, dedupe_key, created_at")


class StoredEvent(msgspec.Struct, kw_only=True):
    """An event as stored: core's ChangeEvent fields plus the store's bookkeeping."""

    id: str
    user_id: str
    platform: str
    change_type: str
    change_data: dict[str, Any]
    impact_level: str
    r2_file_path: str
    user_notified: bool
    created_at: datetime
    connection_id: str | None = None
    analysis_result_id: str | None = None
    previous_snapshot_id: str | None = None
    snapshot_id: str | None = None
    pack_version: str = ""
    dedupe_key: str | None = None

    def to_change_event(self) -> ChangeEvent:
        return ChangeEvent(
            id=self.id, user_id=self.user_id, platform=self.platform,
            change_type=self.change_type,  # type: ignore[arg-type]
            change_data=self.change_data, impact_level=self.impact_level,  # type: ignore[arg-type]
            r2_file_path=self.r2_file_path, previous_snapshot_id=self.previous_snapshot_id,
            analysis_result_id=self.analysis_result_id, user_notified=self.user_notified,
            created_at=self.created_at,
        )


def _event(record: Any) -> StoredEvent:
    return record_struct(record, StoredEvent)


def _uuid_or_none(value: str | None) -> Any:
    return as_uuid(value) if value else None


# the staging table COPY fills: one per session, temporary, emptied at every commit (ON COMMIT
# DELETE ROWS truncates it in place, so no dead rows pile up); a call inside a caller's longer
# transaction empties it itself, so a batch never sees another's rows
_STAGE = "loopwho_event_stage"
_STAGE_COLUMNS = ("user_id", "platform", "change_type", "change_data", "impact_level", "r2_file_path",
                  "previous_snapshot_id", "analysis_result_id", "dedupe_key", "created_at")
_CREATE_STAGE = f"""
    CREATE TEMP TABLE IF NOT EXISTS {_STAGE} (
        user_id uuid, platform text, change_type text, change_data text, impact_level text,
        r2_file_path text, previous_snapshot_id uuid, analysis_result_id uuid, dedupe_key text,
        created_at timestamptz) ON COMMIT DELETE ROWS
"""
# change_data is staged as text (the pool's jsonb codec is a text codec, which binary COPY cannot
# use) and cast on the way in; the unique (dedupe_key, created_at) still decides what is new
_FROM_STAGE = f"""
    INSERT INTO privacy_change_events (user_id, platform, change_type, change_data, impact_level,
        r2_file_path, previous_snapshot_id, analysis_result_id, connection_id, snapshot_id,
        pack_version, dedupe_key, created_at)
    SELECT user_id, platform, change_type, change_data::jsonb, impact_level, r2_file_path,
           previous_snapshot_id, analysis_result_id, $1, $2, $3, dedupe_key, coalesce(created_at, now())
    FROM {_STAGE}
    ON CONFLICT (dedupe_key, created_at) DO NOTHING
    RETURNING {_COLUMNS}
"""


async def insert_events(
    conn: Conn, events: Sequence[ChangeEvent], *, connection_id: str | None = None,
    snapshot_id: str | None = None, pack_version: str = "", dedupe_keys: Sequence[str | None] | None = None,
    created_at: datetime | None = None,
) -> list[StoredEvent]:
    """Insert many events: binary COPY into a per-session staging table, then one
    ``INSERT ... SELECT ... ON CONFLICT DO NOTHING`` into the events table (one transaction).

    ``dedupe_keys`` (one per event) plus a fixed ``created_at`` make a retry a no-op: rows that
    already exist are skipped, and the returned list holds only the rows inserted now. Two copies of
    one (key, created_at) in the same batch are inserted once.
    """
    if not events:
        return []
    keys = list(dedupe_keys) if dedupe_keys is not None else [None] * len(events)
    if len(keys) != len(events):
        raise ValueError("dedupe_keys must have one entry per event")
    records = [
        (as_uuid(e.user_id, "user id"), e.platform, e.change_type, json.dumps(e.change_data), e.impact_level,
         e.r2_file_path, _uuid_or_none(e.previous_snapshot_id), _uuid_or_none(e.analysis_result_id), key,
         e.created_at or created_at)
        for e, key in zip(events, keys, strict=True)
    ]
    args = (_uuid_or_none(connection_id), _uuid_or_none(snapshot_id), pack_version)
    if isinstance(conn, asyncpg.Pool):
        async with conn.acquire() as one:
            rows = await _copy_in(one, records, args)  # type: ignore[arg-type]
    else:
        rows = await _copy_in(conn, records, args)
    return [_event(r) for r in rows]


async def _copy_in(conn: asyncpg.Connection, records: list[tuple[Any, ...]], args: tuple[Any, ...]) -> list[Any]:
    nested = conn.is_in_transaction()
    async with conn.transaction():  # a savepoint when the caller already holds a transaction
        await conn.execute(_CREATE_STAGE)
        await conn.copy_records_to_table(_STAGE, records=records, columns=_STAGE_COLUMNS)
        rows = await conn.fetch(_FROM_STAGE, *args)
        if nested:  # the caller's commit comes later: empty the stage for its next call now
            await conn.execute(f"DELETE FROM {_STAGE}")
    return rows


async def list_events(
    conn: Conn, user_id: str, *, platform: str | None = None,
    impact_level: str | None = None, before: datetime | None = None, limit: int = 50,
) -> list[StoredEvent]:
    """The user's events, newest first; page with ``before`` = the last row's created_at."""
    rows = await conn.fetch(
        f"SELECT {_COLUMNS} FROM privacy_change_events WHERE user_id = $1 "
        "AND ($2::text IS NULL OR platform = $2) AND ($3::text IS NULL OR impact_level = $3) "
        "AND ($4::timestamptz IS NULL OR created_at < $4) ORDER BY created_at DESC LIMIT $5",
        as_uuid(user_id, "user id"), platform, impact_level, before, limit)
    return [_event(r) for r in rows]


async def get_event(conn: Conn, user_id: str, event_id: str) -> StoredEvent | None:
    row = await conn.fetchrow(
        f"SELECT {_COLUMNS} FROM privacy_change_events WHERE id = $1 AND user_id = $2",
        as_uuid(event_id, "event id"), as_uuid(user_id, "user id"))
    return _event(row) if row else None


async def unnotified_events(conn: Conn, user_id: str, limit: int = 500) -> list[StoredEvent]:
    """Events of the user not yet e-mailed, oldest first (for digests)."""
    rows = await conn.fetch(
        f"SELECT {_COLUMNS} FROM privacy_change_events WHERE user_id = $1 AND NOT user_notified "
        "ORDER BY created_at LIMIT $2", as_uuid(user_id, "user id"), limit)
    return [_event(r) for r in rows]


async def mark_notified(conn: Conn, user_id: str, event_ids: Sequence[str]) -> list[str]:
    """Flip user_notified atomically; returns only the ids this call flipped, so two racing
    senders never both e-mail the same event."""
    rows = await conn.fetch(
        "UPDATE privacy_change_events SET user_notified = true "
        "WHERE id = ANY($1::uuid[]) AND user_id = $2 AND NOT user_notified RETURNING id",
        [as_uuid(i, "event id") for i in event_ids], as_uuid(user_id, "user id"))
    return [str(r["id"]) for r in rows]


async def users_with_unnotified(conn: Conn, limit: int = 1000) -> list[str]:
    """Users who have change events not yet e-mailed (all users; the scheduler's digest sweep)."""
    rows = await conn.fetch(
        "SELECT DISTINCT user_id FROM privacy_change_events WHERE NOT user_notified LIMIT $1", limit)
    return [str(r["user_id"]) for r in rows]
