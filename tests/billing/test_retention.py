"""Retention deletes exactly what is past each user's window, and nothing else: change events,
snapshots with their blobs (never a connection's current state), whole partitions older than the
longest window; a downgrade shortens the window only after the notice period."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from billing.lifecycle import change_plan
from billing.plans import load_plans
from billing.retention import run_retention
from store import connections, snapshots
from store.blobs import LocalBlobStore

BOOK = load_plans()
AGES = (400, 100, 80, 5)  # days


async def _history(pool, blobs, user_id: str, ages=AGES, statuses=None) -> None:
    conn = await connections.upsert_connection(pool, user_id, "google")
    now = datetime.now(UTC)
    for i, age in enumerate(ages):
        at = now - timedelta(days=age)
        key = f"privacy-data/{user_id}/google/privacy-{at:%Y-%m-%d}.md"
        blobs.put(key, b"# snapshot")
        await snapshots.insert_snapshot(pool, user_id=user_id, connection_id=conn.id, platform="google",
                                        r2_file_path=key, content_hash=f"h{age}", created_at=at,
                                        scan_status=(statuses or {}).get(i, "ok"))
        await pool.execute(
            "INSERT INTO privacy_change_events (user_id, platform, connection_id, change_type, change_data, "
            "r2_file_path, created_at) VALUES ($1::uuid, 'google', $2::uuid, 'setting_changed', '{}', $3, $4)",
            user_id, conn.id, key, at)


async def _ages(pool, table: str, user_id: str) -> list[int]:
    now = datetime.now(UTC)
    rows = await pool.fetch(f"SELECT created_at FROM {table} WHERE user_id = $1::uuid ORDER BY created_at", user_id)
    return [round((now - r["created_at"]).total_seconds() / 86_400) for r in rows]


async def test_retention_deletes_exactly_what_is_past_each_window(pool, billing_settings, new_user, tmp_path) -> None:
    blobs = LocalBlobStore(tmp_path / "blobs")
    free, pro, downgraded, lone = [await new_user() for _ in range(4)]
    now = datetime.now(UTC)
    await change_plan(pool, pro, "pro", now)
    await change_plan(pool, downgraded, "pro", now - timedelta(days=3))
    await change_plan(pool, downgraded, "free", now - timedelta(days=2))  # notice: 30 days of the old window
    for user_id in (free, pro, downgraded):
        await _history(pool, blobs, user_id)
    # newest is partial, the good baseline before it is old: both are current state, both stay
    await _history(pool, blobs, lone, ages=(300, 200, 150), statuses={2: "partial"})

    report = await run_retention(pool, blobs, now, batch_size=2)  # small batches: several rounds
    assert await _ages(pool, "privacy_change_events", free) == [80, 5]
    assert await _ages(pool, "privacy_snapshots", free) == [80, 5]
    for user_id in (pro, downgraded):
        assert await _ages(pool, "privacy_change_events", user_id) == list(AGES)
        assert await _ages(pool, "privacy_snapshots", user_id) == list(AGES)
    assert await _ages(pool, "privacy_change_events", lone) == []
    assert await _ages(pool, "privacy_snapshots", lone) == [200, 150]
    assert report.events_deleted >= 5 and report.snapshots_deleted >= 3
    kept = await pool.fetch("SELECT r2_file_path FROM privacy_snapshots WHERE user_id = ANY($1::uuid[])",
                            [free, lone])
    assert sorted(blobs.list(f"privacy-data/{free}/") + blobs.list(f"privacy-data/{lone}/")) == sorted(
        r["r2_file_path"] for r in kept)  # the deleted snapshots' blobs went with them, the others stayed
    assert len(kept) == 4

    # after the notice period the downgraded user's history follows the free window
    later = now + timedelta(days=BOOK.retention_notice_days + 1)
    await run_retention(pool, blobs, later)
    window = BOOK.get("free").retention_days
    expected = [a for a in AGES if a + BOOK.retention_notice_days + 1 <= window] or [AGES[-1]]
    assert await _ages(pool, "privacy_snapshots", downgraded) == expected
    assert await _ages(pool, "privacy_change_events", downgraded) == expected
    assert await _ages(pool, "privacy_snapshots", pro) == list(AGES)


async def test_whole_partitions_older_than_the_longest_window_are_dropped(pool, billing_settings, new_user,
                                                                           tmp_path) -> None:
    if await pool.fetchval("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'timescaledb')"):
        raise AssertionError("this database has TimescaleDB: the partition layout is not in use")
    blobs = LocalBlobStore(tmp_path / "blobs")
    pro = await new_user()
    await change_plan(pool, pro, "pro", datetime.now(UTC))
    for table in ("privacy_snapshots", "privacy_change_events"):
        await pool.execute(f"CREATE TABLE {table}_p201903 PARTITION OF {table} "
                           "FOR VALUES FROM ('2019-03-01 00:00+00') TO ('2019-04-01 00:00+00')")
    conn = await connections.upsert_connection(pool, pro, "google")
    old_key = f"privacy-data/{pro}/google/privacy-2019-03-10.md"
    blobs.put(old_key, b"# old")
    old = datetime(2019, 3, 10, tzinfo=UTC)
    await snapshots.insert_snapshot(pool, user_id=pro, connection_id=conn.id, platform="google",
                                    r2_file_path=old_key, content_hash="old", scan_status="ok", created_at=old)
    await pool.execute(
        "INSERT INTO privacy_change_events (user_id, platform, connection_id, change_type, change_data, "
        "r2_file_path, created_at) VALUES ($1::uuid, 'google', $2::uuid, 'setting_changed', '{}', $3, $4)",
        pro, conn.id, old_key, old)
    await _history(pool, blobs, pro, ages=(5,))

    report = await run_retention(pool, blobs, datetime.now(UTC))
    assert set(report.partitions_dropped) >= {"privacy_snapshots_p201903", "privacy_change_events_p201903"}
    assert report.rows_in_dropped_partitions >= 2
    for table in ("privacy_snapshots", "privacy_change_events"):
        assert await pool.fetchval("SELECT to_regclass($1)", f"{table}_p201903") is None
        assert await _ages(pool, table, pro) == [5]
    assert not blobs.exists(old_key) and len(blobs.list(f"privacy-data/{pro}/")) == 1
