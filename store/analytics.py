"""The seed's three analytics queries over privacy_change_events (same SQL for hypertables and
native partitions). Results are Structs, one per query shape (ids as str, ratios as float)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import msgspec

from store.db import Conn, as_uuid, record_structs
from store.partitions import timeseries_layout


class RecentChange(msgspec.Struct, kw_only=True, frozen=True):
    """A change event of the last 30 days."""

    id: str
    user_id: str
    platform: str
    change_type: str
    change_data: dict[str, Any]
    impact_level: str
    r2_file_path: str
    pack_version: str
    user_notified: bool
    created_at: datetime


class DailyTrend(msgspec.Struct, kw_only=True, frozen=True):
    """One platform's changes on one UTC day."""

    platform: str
    day: date
    change_count: int
    high_impact_ratio: float


class HeavyUser(msgspec.Struct, kw_only=True, frozen=True):
    """A user x platform with many changes in the window."""

    user_id: str
    platform: str
    change_count: int


async def changes_last_30_days(conn: Conn, user_id: str) -> list[RecentChange]:
    """A user's change events of the last 30 days, newest first."""
    rows = await conn.fetch(
        "SELECT id, user_id, platform, change_type, change_data, impact_level, r2_file_path, "
        "pack_version, user_notified, created_at FROM privacy_change_events "
        "WHERE user_id = $1 AND created_at > now() - interval '30 days' ORDER BY created_at DESC",
        as_uuid(user_id, "user id"))
    return record_structs(rows, RecentChange)


async def daily_trends(conn: Conn, days: int = 90) -> list[DailyTrend]:
    """Per platform and UTC day: change count and the share of high-impact changes, newest day first.

    On TimescaleDB it reads the continuous aggregate privacy_change_events_daily (migration 0004),
    whole UTC days from the one ``days`` ago; on native partitions the events themselves, since
    exactly ``days`` ago (the created_at index and partition pruning apply)."""
    if await timeseries_layout(conn) == "hypertable":
        rows = await conn.fetch(
            """
            SELECT platform, (day AT TIME ZONE 'UTC')::date AS day, sum(change_count)::bigint AS change_count,
                   (sum(high_impact_count)::float8 / sum(change_count)) AS high_impact_ratio
            FROM privacy_change_events_daily
            WHERE day >= date_trunc('day', (now() - make_interval(days => $1)) AT TIME ZONE 'UTC')
                         AT TIME ZONE 'UTC'
            GROUP BY platform, day
            ORDER BY day DESC, platform
            """, days)
        return record_structs(rows, DailyTrend)
    rows = await conn.fetch(
        """
        SELECT platform, date_trunc('day', created_at AT TIME ZONE 'UTC')::date AS day,
               count(*) AS change_count,
               avg(CASE WHEN impact_level = 'high' THEN 1 ELSE 0 END)::float8 AS high_impact_ratio
        FROM privacy_change_events
        WHERE created_at > now() - make_interval(days => $1)
        GROUP BY platform, day
        ORDER BY day DESC, platform
        """, days)
    return record_structs(rows, DailyTrend)


async def users_with_many_changes(
    conn: Conn, days: int = 7, threshold: int = 5
) -> list[HeavyUser]:
    """Users x platforms with more than ``threshold`` changes in ``days`` (a sign of a platform
    issue or a broken pack rather than a user's doing), most changes first."""
    rows = await conn.fetch(
        """
        SELECT user_id, platform, count(*) AS change_count
        FROM privacy_change_events
        WHERE created_at > now() - make_interval(days => $1)
        GROUP BY user_id, platform
        HAVING count(*) > $2
        ORDER BY change_count DESC, user_id, platform
        """, days, threshold)
    return record_structs(rows, HeavyUser)
