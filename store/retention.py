"""Deleting history past its retention: change events and snapshots older than each user's window,
in batches, and whole monthly partitions (or, on TimescaleDB, a retention policy on the events
hypertable) once they are older than the longest window of any plan.

A connection's newest snapshot and its newest good snapshot are the current state and the next
diff's baseline, not history: they are kept whatever their age.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

import msgspec

from store.db import Conn

TABLES = ("privacy_snapshots", "privacy_change_events")
_PARTITION = re.compile(r"^(privacy_snapshots|privacy_change_events)_p(\d{4})(\d{2})$")


class Windows(msgspec.Struct, kw_only=True, frozen=True):
    """Retention days per plan; users on no plan row are on ``default_plan``."""
    days_by_plan: dict[str, int]
    default_plan: str


class OldSnapshot(msgspec.Struct, kw_only=True, frozen=True):
    id: str
    created_at: datetime
    r2_file_path: str


class OldPartition(msgspec.Struct, kw_only=True, frozen=True):
    table: str
    name: str
    upper: datetime  # every row is older than this


# each user's cutoff: now minus the longer of their plan's window and a downgrade's notice floor
_CUTOFFS = """
WITH plan_days(plan, days) AS (SELECT * FROM unnest($1::text[], $2::int[])),
cutoffs AS (
    SELECT u.id AS user_id, $4::timestamptz - make_interval(days => greatest(
        coalesce(pd.days, (SELECT days FROM plan_days WHERE plan = $3)),
        CASE WHEN up.retention_floor_until > $4 THEN up.retention_floor_days ELSE 0 END)) AS cutoff
    FROM users u LEFT JOIN user_plans up ON up.user_id = u.id
    LEFT JOIN plan_days pd ON pd.plan = coalesce(up.plan, $3)
)
"""


def _args(windows: Windows, now: datetime) -> list:
    plans = sorted(windows.days_by_plan)
    return [plans, [windows.days_by_plan[p] for p in plans], windows.default_plan, now]


async def delete_old_events(conn: Conn, windows: Windows, now: datetime, limit: int) -> int:
    """Delete up to ``limit`` change events past their user's window; how many went."""
    done = await conn.execute(
        _CUTOFFS + """
        DELETE FROM privacy_change_events e USING (
            SELECT o.id, o.created_at FROM privacy_change_events o JOIN cutoffs c ON c.user_id = o.user_id
            WHERE o.created_at < c.cutoff LIMIT $5) d
        WHERE e.id = d.id AND e.created_at = d.created_at""", *_args(windows, now), limit)
    return int(done.split()[-1])


async def old_snapshots(conn: Conn, windows: Windows, now: datetime, limit: int) -> list[OldSnapshot]:
    """Up to ``limit`` snapshots past their user's window that are neither their connection's newest
    nor its newest good one."""
    rows = await conn.fetch(
        _CUTOFFS + """
        SELECT s.id::text, s.created_at, s.r2_file_path FROM privacy_snapshots s
        JOIN cutoffs c ON c.user_id = s.user_id
        WHERE s.created_at < c.cutoff
          AND EXISTS (SELECT 1 FROM privacy_snapshots n WHERE n.connection_id = s.connection_id
                      AND n.created_at > s.created_at)
          AND (s.scan_status <> 'ok' OR EXISTS (
               SELECT 1 FROM privacy_snapshots n WHERE n.connection_id = s.connection_id
               AND n.created_at > s.created_at AND n.scan_status = 'ok'))
        ORDER BY s.created_at LIMIT $5""", *_args(windows, now), limit)
    return [OldSnapshot(**dict(r)) for r in rows]


async def delete_snapshots(conn: Conn, snapshots: list[OldSnapshot]) -> int:
    done = await conn.execute(
        "DELETE FROM privacy_snapshots s USING unnest($1::uuid[], $2::timestamptz[]) AS d(id, created_at) "
        "WHERE s.id = d.id AND s.created_at = d.created_at",
        [s.id for s in snapshots], [s.created_at for s in snapshots])
    return int(done.split()[-1])


async def old_partitions(conn: Conn, before: datetime) -> list[OldPartition]:
    """Monthly partitions (``<table>_pYYYYMM``) whose every row is older than ``before``."""
    rows = await conn.fetch(
        "SELECT p.relname AS parent, c.relname AS name FROM pg_inherits i "
        "JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent "
        "WHERE p.relname = ANY($1::text[])", list(TABLES))
    found = []
    for r in rows:
        m = _PARTITION.match(r["name"])
        if not m or m.group(1) != r["parent"]:
            continue
        year, month = int(m.group(2)), int(m.group(3))
        upper = datetime(year + month // 12, month % 12 + 1, 1, tzinfo=UTC)
        if upper <= before:
            found.append(OldPartition(table=r["parent"], name=r["name"], upper=upper))
    return sorted(found, key=lambda p: (p.table, p.upper))


async def partition_keeps_current_state(conn: Conn, partition: str) -> bool:
    """Whether a snapshots partition holds a connection's newest (or newest good) snapshot."""
    _checked(partition)
    return bool(await conn.fetchval(
        f'SELECT EXISTS (SELECT 1 FROM "{partition}" s WHERE NOT EXISTS ('  # name checked above
        "  SELECT 1 FROM privacy_snapshots n WHERE n.connection_id = s.connection_id"
        "  AND n.created_at > s.created_at AND (s.scan_status <> 'ok' OR n.scan_status = 'ok')))"))


async def partition_blob_keys(conn: Conn, partition: str) -> list[str]:
    _checked(partition)
    return [r["r2_file_path"] for r in await conn.fetch(f'SELECT r2_file_path FROM "{partition}"')]


async def drop_partition(conn: Conn, partition: str) -> int:
    """Drop a whole monthly partition; the rows it held."""
    _checked(partition)
    count = await conn.fetchval(f'SELECT count(*) FROM "{partition}"')
    await conn.execute(f'DROP TABLE "{partition}"')
    return int(count)


def _checked(partition: str) -> None:
    if not _PARTITION.match(partition):
        raise ValueError(f"not a loopwho monthly partition: {partition!r}")


async def is_hypertable(conn: Conn, table: str) -> bool:
    if not await conn.fetchval("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')"):
        return False
    return bool(await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM timescaledb_information.hypertables WHERE hypertable_name = $1)", table))


async def ensure_retention_policy(conn: Conn, table: str, days: int) -> None:
    """TimescaleDB drops the hypertable's chunks older than ``days`` by itself (a background job)."""
    if table not in TABLES:
        raise ValueError(f"no retention policy for {table!r}")
    await conn.execute(f"SELECT remove_retention_policy('{table}', if_exists => true)")  # table: TABLES only
    await conn.execute(f"SELECT add_retention_policy('{table}', drop_after => make_interval(days => $1))", days)
