"""The plan each user is on (``user_plans``), the scan schedule that follows from it, and the pause
of scheduled scans when credits run out. Which plans exist, and what they allow, is billing's data."""

from __future__ import annotations

from datetime import datetime

import msgspec

from store.db import Conn, as_uuid

PAUSED_STATUS = "paused_no_credits"  # connections' last_scan_status while scans are paused
_COLUMNS = "user_id::text, plan, retention_floor_days, retention_floor_until, scans_paused_at"


class UserPlan(msgspec.Struct, kw_only=True, frozen=True):
    user_id: str
    plan: str
    retention_floor_days: int | None = None
    retention_floor_until: datetime | None = None
    scans_paused_at: datetime | None = None


def _plan(row: object) -> UserPlan | None:
    return None if row is None else UserPlan(**dict(row))  # type: ignore[call-overload]


async def get_user_plan(conn: Conn, user_id: str) -> UserPlan | None:
    """The user's row; None for a user who never had one (on the default plan)."""
    return _plan(await conn.fetchrow(f"SELECT {_COLUMNS} FROM user_plans WHERE user_id = $1",
                                     as_uuid(user_id, "user id")))


async def lock_user_plan(conn: Conn, user_id: str, default_plan: str) -> UserPlan:
    """The user's row, created on the default plan when missing, locked until the transaction ends:
    charges, pauses and plan changes of one user happen one at a time."""
    uid = as_uuid(user_id, "user id")
    await conn.execute("INSERT INTO user_plans (user_id, plan) VALUES ($1, $2) ON CONFLICT DO NOTHING",
                       uid, default_plan)
    return _plan(await conn.fetchrow(  # type: ignore[return-value]
        f"SELECT {_COLUMNS} FROM user_plans WHERE user_id = $1 FOR UPDATE", uid))


async def set_plan(conn: Conn, user_id: str, plan: str, *, retention_floor_days: int | None,
                   retention_floor_until: datetime | None) -> None:
    await conn.execute(
        "UPDATE user_plans SET plan = $2, retention_floor_days = $3, retention_floor_until = $4, "
        "updated_at = now() WHERE user_id = $1",
        as_uuid(user_id, "user id"), plan, retention_floor_days, retention_floor_until)


async def apply_scan_interval(conn: Conn, user_id: str, interval_s: int, now: datetime) -> None:
    """Every connection of the user is scanned every ``interval_s`` from now on: a shorter interval
    brings the next scan forward (one interval after the last scan), a longer one takes effect after
    the next scan."""
    await conn.execute(
        "UPDATE user_platform_connections SET scan_interval_s = $2::int, updated_at = now(), "
        "next_scan_at = least(next_scan_at, coalesce(last_scan_at, $3) + make_interval(secs => $2::int)) "
        "WHERE user_id = $1", as_uuid(user_id, "user id"), interval_s, now)


async def pause_scans(conn: Conn, user_id: str, now: datetime, recheck_at: datetime) -> bool:
    """Scheduled scans of the user stop for lack of credits (connections show ``paused_no_credits``,
    due again at ``recheck_at``). True when this started a pause (False: paused already)."""
    uid = as_uuid(user_id, "user id")
    started = await conn.fetchval(
        "UPDATE user_plans SET scans_paused_at = $2, updated_at = now() "
        "WHERE user_id = $1 AND scans_paused_at IS NULL RETURNING scans_paused_at", uid, now)
    await conn.execute(
        "UPDATE user_platform_connections SET last_scan_status = $2, next_scan_at = $3 "
        "WHERE user_id = $1 AND connection_status IN ('connected', 'degraded')", uid, PAUSED_STATUS, recheck_at)
    return started is not None


async def resume_scans(conn: Conn, user_id: str, now: datetime) -> bool:
    """Credits are back: the paused connections are due now. True when the user was paused."""
    uid = as_uuid(user_id, "user id")
    was = await conn.fetchval(
        "UPDATE user_plans SET scans_paused_at = NULL, updated_at = now() "
        "WHERE user_id = $1 AND scans_paused_at IS NOT NULL RETURNING user_id", uid)
    if was is not None:
        await conn.execute(
            "UPDATE user_platform_connections SET next_scan_at = least(next_scan_at, $2) "
            "WHERE user_id = $1 AND last_scan_status = $3", uid, now, PAUSED_STATUS)
    return was is not None


async def active_connection_platforms(conn: Conn, user_id: str) -> list[str]:
    """Platforms the user has connected (any status but revoked): what the plan's platform count counts."""
    rows = await conn.fetch(
        "SELECT p.slug FROM user_platform_connections c JOIN privacy_platforms p ON p.id = c.platform_id "
        "WHERE c.user_id = $1 AND c.connection_status <> 'revoked' ORDER BY p.slug", as_uuid(user_id, "user id"))
    return [r["slug"] for r in rows]


async def next_scan_at(conn: Conn, user_id: str) -> datetime | None:
    """When the scheduler next looks at one of the user's live connections."""
    return await conn.fetchval(
        "SELECT min(next_scan_at) FROM user_platform_connections WHERE user_id = $1 "
        "AND connection_status IN ('connected', 'degraded')", as_uuid(user_id, "user id"))
