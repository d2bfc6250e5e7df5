"""Pack health: how each scan's settings were read (dom | ocr | missed) per pack version, and each
platform's health state (ok | degraded)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

import asyncpg
import msgspec

from store.db import Conn, as_uuid

OUTCOMES = ("dom", "ocr", "missed")


class VersionSeen(msgspec.Struct, kw_only=True, frozen=True):
    platform: str
    pack_version: str
    scans: int
    last_scan_at: datetime


class PackHealthState(msgspec.Struct, kw_only=True, frozen=True):
    """A platform's pack health: ``ok`` or ``degraded`` since ``since`` (one episode), and why."""

    platform: str
    state: str
    since: datetime | None
    reason: str | None
    pack_version: str | None
    operators_notified_at: datetime | None


class Operator(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    email: str
    name: str | None


def _state(row: Any) -> PackHealthState | None:
    return None if row is None else PackHealthState(**dict(row))


async def record_scan(
    conn: Conn, *, platform: str, pack_version: str, outcomes: dict[str, str],
    scan_job_id: str | None = None, scanned_at: datetime | None = None,
) -> bool:
    """One scan's outcomes; False when this job's scan was already recorded (a retried step)."""
    bad = {k: v for k, v in outcomes.items() if v not in OUTCOMES}
    if bad:
        raise ValueError(f"unknown outcomes {bad}; expected one of {OUTCOMES}")
    done = await conn.fetchval(
        "INSERT INTO pack_scan_health (platform, pack_version, scan_job_id, outcomes, scanned_at) "
        "VALUES ($1, $2, $3, $4, coalesce($5, now())) ON CONFLICT (scan_job_id) DO NOTHING RETURNING id",
        platform, pack_version, as_uuid(scan_job_id, "scan job id") if scan_job_id else None, outcomes,
        scanned_at)
    return done is not None


async def recent_outcomes(conn: Conn, platform: str, pack_version: str, window: int) -> list[dict[str, str]]:
    """The outcomes of the last ``window`` scans made with this pack version, newest first."""
    rows = await conn.fetch(
        "SELECT outcomes FROM pack_scan_health WHERE platform = $1 AND pack_version = $2 "
        "ORDER BY scanned_at DESC, id DESC LIMIT $3", platform, pack_version, window)
    return [r["outcomes"] for r in rows]


async def versions_seen(conn: Conn, platform: str | None = None) -> list[VersionSeen]:
    """(platform, pack_version, scans, last_scan_at) for every version that has health rows."""
    rows = await conn.fetch(
        "SELECT platform, pack_version, count(*) AS scans, max(scanned_at) AS last_scan_at "
        "FROM pack_scan_health WHERE $1::text IS NULL OR platform = $1 "
        "GROUP BY platform, pack_version ORDER BY platform, pack_version", platform)
    return [VersionSeen(**dict(r)) for r in rows]


_STATE = "platform, state, since, reason, pack_version, operators_notified_at"


async def get_state(conn: Conn, platform: str) -> PackHealthState | None:
    return _state(await conn.fetchrow(f"SELECT {_STATE} FROM platform_pack_health WHERE platform = $1", platform))


async def list_states(conn: Conn) -> list[PackHealthState]:
    return [PackHealthState(**dict(r))
            for r in await conn.fetch(f"SELECT {_STATE} FROM platform_pack_health ORDER BY platform")]


async def lock_state(conn: asyncpg.Connection, platform: str) -> PackHealthState:
    """The platform's state row, locked for this transaction (created as ok when missing)."""
    await conn.execute(
        "INSERT INTO platform_pack_health (platform, state) VALUES ($1, 'ok') ON CONFLICT (platform) DO NOTHING",
        platform)
    state = _state(await conn.fetchrow(
        f"SELECT {_STATE} FROM platform_pack_health WHERE platform = $1 FOR UPDATE", platform))
    assert state is not None  # inserted just above
    return state


async def set_state(
    conn: Conn, platform: str, state: str, *, reason: str, pack_version: str | None,
) -> PackHealthState:
    """Move to ``state`` (a new episode: since = now, operators not yet told)."""
    row = await conn.fetchrow(
        f"""INSERT INTO platform_pack_health (platform, state, since, reason, pack_version)
            VALUES ($1, $2, now(), $3, $4)
            ON CONFLICT (platform) DO UPDATE SET state = EXCLUDED.state, since = now(),
                reason = EXCLUDED.reason, pack_version = EXCLUDED.pack_version, operators_notified_at = NULL
            RETURNING {_STATE}""", platform, state, reason, pack_version)
    return PackHealthState(**dict(row))


async def mark_operators_notified(conn: Conn, platform: str, since: datetime) -> bool:
    """True for the first caller of this episode only (so operators are e-mailed once)."""
    done = await conn.execute(
        "UPDATE platform_pack_health SET operators_notified_at = now() "
        "WHERE platform = $1 AND since = $2 AND operators_notified_at IS NULL", platform, since)
    return not done.endswith(" 0")


async def operators(conn: Conn) -> list[Operator]:
    """Users with the operator role (e-mail recipients of pack health alerts)."""
    rows = await conn.fetch(
        "SELECT id::text, email, name FROM users WHERE role = 'operator' AND deleted_at IS NULL ORDER BY created_at")
    return [Operator(**dict(r)) for r in rows]
