"""The migrations' TimescaleDB path, for real: npm's PGlite build with the timescaledb extension
(installed by ./scripts/setup, served over the wire protocol by scripts/timescaledb-lite/server.mjs)
gets every migration; the time-series tables become hypertables with compression and retention
policies and the daily-trends continuous aggregate, and the store's event queries answer the same
as on native partitions, compressed chunks included."""

from __future__ import annotations

import os
import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from core.types import ChangeEvent
from store import analytics, events, partitions, users
from store.db import connect
from store.migrate import apply_migrations
from tests.conftest import free_port

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[2]
SERVER = Path(os.environ.get("LOOPWHO_TIMESCALEDB_SERVER", ROOT / ".loopwho/timescaledb-lite/server.mjs"))
NOW = datetime.now(UTC)


async def _insert_event(db: asyncpg.Connection, e: ChangeEvent, dedupe_key: str | None = None) -> Any:
    """One event row with the store's conflict rule, by plain INSERT: PGlite's WASM build crashed now
    and then ("RuntimeError: unreachable", about once in 35 calls) on events.insert_events' binary
    COPY into its temp stage, while 80 batches of these INSERTs never did. The COPY path itself is
    tested on native PostgreSQL (tests/store/test_repositories.py)."""
    return await db.fetchval(
        "INSERT INTO privacy_change_events (user_id, platform, change_type, change_data, impact_level, "
        "r2_file_path, dedupe_key, created_at) VALUES ($1, $2, $3, $4, $5, '', $6, $7) "
        "ON CONFLICT (dedupe_key, created_at) DO NOTHING RETURNING id",
        e.user_id, e.platform, e.change_type, e.change_data, e.impact_level, dedupe_key, e.created_at)


@pytest.fixture(scope="module")
def timescale_url() -> Iterator[str]:
    assert (SERVER.parent / "node_modules").is_dir(), f"{SERVER.parent} is not installed: run ./scripts/setup"
    port = free_port()
    log = SERVER.parent / f"server-{port}.log"
    with log.open("w") as out:
        proc = subprocess.Popen(["node", str(SERVER), str(port)], stdout=out, stderr=subprocess.STDOUT,
                                cwd=SERVER.parent)
    try:
        deadline = time.monotonic() + 180  # compiling PostgreSQL's WASM takes 20-45 s on a busy machine
        while f"ready {port}" not in log.read_text():
            assert proc.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < deadline, "the TimescaleDB test server did not start"
            time.sleep(0.5)
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres?sslmode=disable"
    finally:
        proc.terminate()
        proc.wait(30)
        log.unlink(missing_ok=True)


@pytest.fixture(scope="module")
async def db(timescale_url: str) -> AsyncIterator[asyncpg.Connection]:
    applied = await apply_migrations(timescale_url)
    assert "0003_timeseries" in applied and "0004_timeseries_policies" in applied
    conn = await connect(timescale_url)  # PGlite is one session: one connection for the module
    yield conn
    await conn.close()


async def test_time_series_tables_are_hypertables_with_policies(db: asyncpg.Connection) -> None:
    assert await partitions.timeseries_layout(db) == "hypertable"
    hypertables = {r["hypertable_name"]: r["compression_enabled"] for r in await db.fetch(
        "SELECT hypertable_name, compression_enabled FROM timescaledb_information.hypertables")}
    assert hypertables == {"privacy_snapshots": True, "privacy_change_events": True}
    jobs = {(r["proc_name"], r["hypertable_name"]) for r in await db.fetch(
        "SELECT proc_name, hypertable_name FROM timescaledb_information.jobs WHERE job_id >= 1000")}
    assert {("policy_compression", "privacy_change_events"), ("policy_compression", "privacy_snapshots"),
            ("policy_retention", "privacy_change_events"), ("policy_retention", "privacy_snapshots")} <= jobs
    assert any(proc == "policy_refresh_continuous_aggregate" for proc, _ in jobs)
    assert await db.fetchval("SELECT materialized_only FROM timescaledb_information.continuous_aggregates "
                             "WHERE view_name = 'privacy_change_events_daily'") is False
    # TimescaleDB makes its own chunks: the scheduler's partition upkeep creates nothing
    assert await partitions.ensure_partitions(db, months_ahead=3) == []


async def test_event_queries_read_hypertables_and_compressed_chunks(db: asyncpg.Connection) -> None:
    user = (await users.create_user(db, "ts@example.test")).id
    plan = [("google", 1, "high"), ("google", 1.1, "low"), ("facebook", 2, "low"), ("google", 100, "high")]
    rows = [ChangeEvent(user_id=user, platform=p, change_type="setting_changed", change_data={"n": i},
                        impact_level=lvl, created_at=NOW - timedelta(days=days))
            for i, (p, days, lvl) in enumerate(plan)]
    assert [await _insert_event(db, e, f"k{i}") is not None for i, e in enumerate(rows)] == [True] * 4

    # the old chunk is compressed, as the 90-day policy would do; reads and dedupe still work on it
    old_chunk = await db.fetchval(
        "SELECT show_chunks('privacy_change_events', older_than => now() - interval '90 days')")
    await db.execute("SELECT compress_chunk($1::regclass)", old_chunk)
    assert await db.fetchval("SELECT is_compressed FROM timescaledb_information.chunks "
                             "WHERE chunk_schema || '.' || chunk_name = $1", str(old_chunk)) is True
    assert [await _insert_event(db, e, f"k{i}") for i, e in enumerate(rows)] == [None] * 4  # a retry: nothing
    listed = await events.list_events(db, user, limit=10)
    assert sorted(e.change_data["n"] for e in listed) == [0, 1, 2, 3]

    recent = await analytics.changes_last_30_days(db, user)
    assert [r.platform for r in recent] == ["google", "google", "facebook"]
    trends = {(r.platform, r.day): (r.change_count, r.high_impact_ratio)
              for r in await analytics.daily_trends(db, 120)}
    day = lambda days: (NOW - timedelta(days=days)).date()  # noqa: E731
    assert trends[("google", day(100))] == (1, 1.0)
    assert sum(count for (platform, _), (count, _) in trends.items() if platform == "google") == 3
    # the continuous aggregate answers the same totals, real-time before any refresh ...
    daily = "SELECT platform, sum(change_count) AS n, sum(high_impact_count) AS high " \
            "FROM privacy_change_events_daily GROUP BY platform ORDER BY platform"
    expected = [("facebook", 1, 0), ("google", 3, 2)]
    assert [tuple(r) for r in await db.fetch(daily)] == expected
    # ... and materialised after its refresh
    await db.execute("CALL refresh_continuous_aggregate('privacy_change_events_daily', NULL, NULL)")
    assert [tuple(r) for r in await db.fetch(daily)] == expected
    await db.execute("SELECT decompress_chunk($1::regclass)", old_chunk)  # later tests' rows share it


async def test_native_partitions_read_the_same_daily_view(pool: asyncpg.Pool) -> None:
    """Without TimescaleDB, privacy_change_events_daily is a plain view with the same columns."""
    user = (await users.create_user(pool, "native-daily@example.test")).id
    when = datetime(2020, 1, 2, 23, 30, tzinfo=UTC)
    await events.insert_events(pool, [ChangeEvent(user_id=user, platform="microsoft", change_type="setting_changed",
                                                  change_data={}, impact_level="high", created_at=when)])
    row = await pool.fetchrow("SELECT day, change_count, high_impact_count FROM privacy_change_events_daily "
                              "WHERE platform = 'microsoft' AND day = '2020-01-02T00:00:00Z'")
    assert tuple(row) == (datetime(2020, 1, 2, tzinfo=UTC), 1, 1)


async def test_plan_retention_on_hypertables(db: asyncpg.Connection, tmp_path: Path) -> None:
    """billing's daily retention on TimescaleDB: the events hypertable's retention policy follows the
    longest plan window, and each user's window is applied row by row, snapshots with their blobs."""
    from billing.plans import load_plans
    from billing.retention import run_retention
    from store import connections, snapshots
    from store.blobs import LocalBlobStore

    blobs = LocalBlobStore(tmp_path / "blobs")
    user = (await users.create_user(db, "retention-ts@example.test")).id  # free plan: 90 days
    conn_id = (await connections.upsert_connection(db, user, "google")).id
    for age in (400, 100, 5):
        at = NOW - timedelta(days=age)
        key = f"privacy-data/{user}/google/privacy-{at:%Y-%m-%d}.md"
        blobs.put(key, b"# snapshot")
        await snapshots.insert_snapshot(db, user_id=user, connection_id=conn_id, platform="google",
                                        r2_file_path=key, content_hash=f"h{age}", scan_status="ok", created_at=at)
        await _insert_event(db, ChangeEvent(user_id=user, platform="google", change_type="setting_changed",
                                            change_data={"age": age}, created_at=at))
    report = await run_retention(db, blobs, NOW)  # one PGlite session: the connection stands in for a pool
    assert report.timescale_policy and report.partitions_dropped == []
    ages = lambda table: db.fetch(f"SELECT created_at FROM {table} WHERE user_id = $1 ORDER BY 1", user)  # noqa: E731
    assert [r["created_at"] for r in await ages("privacy_snapshots")] == [NOW - timedelta(days=5)]
    assert [r["created_at"] for r in await ages("privacy_change_events")] == [NOW - timedelta(days=5)]
    newest = NOW - timedelta(days=5)
    assert blobs.list(f"privacy-data/{user}/") == [f"privacy-data/{user}/google/privacy-{newest:%Y-%m-%d}.md"]
    drop_after = await db.fetchval(
        "SELECT config->>'drop_after' FROM timescaledb_information.jobs "
        "WHERE proc_name = 'policy_retention' AND hypertable_name = 'privacy_change_events'")
    assert drop_after == f"{load_plans().longest_retention_days} days"
