"""Keeps monthly partitions of the time-series tables ahead of time (no-op on TimescaleDB)."""

from __future__ import annotations

from core.errors import InvalidInput
from store.db import Conn

MAX_MONTHS_AHEAD = 120


async def ensure_partitions(conn: Conn, months_ahead: int = 3) -> list[str]:
    """Create partitions from last month to ``months_ahead`` months ahead; return the ones created.

    Rows that waited in the DEFAULT partition for a month that now gets its own partition are
    moved into it. The scheduler calls this daily; calling it again creates nothing.
    """
    if not 0 <= months_ahead <= MAX_MONTHS_AHEAD:
        raise InvalidInput(f"months_ahead must be between 0 and {MAX_MONTHS_AHEAD}, got {months_ahead}")
    rows = await conn.fetch("SELECT loopwho_ensure_partitions($1) AS name", months_ahead)
    return [r["name"] for r in rows]


async def timeseries_layout(conn: Conn) -> str:
    """'hypertable' (TimescaleDB) or 'partitioned' (native range partitions)."""
    partitioned = await conn.fetchval(
        "SELECT EXISTS (SELECT 1 FROM pg_partitioned_table "
        "WHERE partrelid = to_regclass('privacy_change_events'))"
    )
    return "partitioned" if partitioned else "hypertable"
