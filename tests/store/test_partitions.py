"""Time-series tables take rows of any date: monthly partitions near now, DEFAULT beyond, and rows
waiting in DEFAULT move into a month's partition once it is created."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from core.types import ChangeEvent
from store import connections, events, snapshots
from store.db import connect_pool
from store.migrate import apply_migrations
from store.partitions import ensure_partitions, timeseries_layout


def _month_start(months_from_now: int) -> datetime:
    now = datetime.now(UTC)
    index = now.year * 12 + now.month - 1 + months_from_now
    return datetime(index // 12, index % 12 + 1, 1, tzinfo=UTC)


@pytest.fixture(scope="module")
async def db(new_database):
    url = await new_database()
    await apply_migrations(url)
    pool = await connect_pool(url, max_size=2)
    if await timeseries_layout(pool) != "partitioned":
        pytest.fail("these tests expect native partitions; the TimescaleDB layout has its own chunks")
    yield pool
    await pool.close()


async def _where(pool, table: str, row_id: str) -> str:
    return await pool.fetchval(f"SELECT tableoid::regclass::text FROM {table} WHERE id = $1::uuid", row_id)


async def test_rows_across_months_land_in_their_partitions(db) -> None:
    from store import users

    user = (await users.create_user(db, "partitions@example.test")).id
    conn_row = await connections.upsert_connection(db, user, "google")
    dates = {
        "this_month": datetime.now(UTC) - timedelta(minutes=5),
        "last_month": _month_start(-1) + timedelta(days=3),
        "three_ahead": _month_start(3) + timedelta(days=10),
        "far_past": datetime(2001, 1, 1, tzinfo=UTC),
        "far_future": datetime(2099, 6, 1, tzinfo=UTC),
    }
    stored = {}
    for name, when in dates.items():
        [event] = await events.insert_events(db, [ChangeEvent(
            user_id=user, platform="google", change_type="setting_changed",
            change_data={"key": "web_app_activity", "old": "off", "new": "on"}, created_at=when)])
        snap = await snapshots.insert_snapshot(
            db, user_id=user, connection_id=conn_row.id, platform="google", r2_file_path=f"k/{name}",
            content_hash="0" * 64, scan_status="ok", created_at=when)
        stored[name] = (event.id, snap.id)

    for name, when in dates.items():
        event_id, snap_id = stored[name]
        expected = "{}_default" if name.startswith("far_") else "{}_p" + when.strftime("%Y%m")
        assert await _where(db, "privacy_change_events", event_id) == expected.format("privacy_change_events")
        assert await _where(db, "privacy_snapshots", snap_id) == expected.format("privacy_snapshots")


async def test_ensure_partitions_is_idempotent_and_moves_waiting_rows(db) -> None:
    assert await ensure_partitions(db, months_ahead=3) == []
    from store import users

    user = (await users.create_user(db, "waiting@example.test")).id
    when = _month_start(5) + timedelta(days=2)
    [event] = await events.insert_events(db, [ChangeEvent(
        user_id=user, platform="facebook", change_type="policy_updated", change_data={}, created_at=when)])
    assert await _where(db, "privacy_change_events", event.id) == "privacy_change_events_default"

    created = await ensure_partitions(db, months_ahead=6)
    months = [_month_start(k).strftime("%Y%m") for k in (4, 5, 6)]
    assert created == [f"privacy_snapshots_p{m}" for m in months] + [
        f"privacy_change_events_p{m}" for m in months]
    assert await _where(db, "privacy_change_events", event.id) == f"privacy_change_events_p{months[1]}"
    assert len(await events.list_events(db, user)) == 1
    assert await ensure_partitions(db, months_ahead=6) == []


async def test_months_ahead_out_of_range_is_refused(db) -> None:
    from core.errors import InvalidInput

    with pytest.raises(InvalidInput, match="months_ahead must be between"):
        await ensure_partitions(db, months_ahead=-1)
    # the SQL function guards itself too, for callers that reach it directly
    with pytest.raises(asyncpg.RaiseError, match="months_ahead must be between"):
        await db.fetch("SELECT loopwho_ensure_partitions(500)")
