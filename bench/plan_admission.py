"""Benchmark: what plans cost the scheduler and the retention job.

- one scheduler tick over N due connections (one user each): lock the user's plan row, the month's
  grant, the balance, create the job and charge it, in one transaction per connection;
- the same with every user at zero credits (each pauses, with its notice);
- retention over N users x 10 old snapshots and events (blobs in a temporary folder).

    .venv/bin/python bench/plan_admission.py [--users 500] [--json]

Needs DATABASE_URL's server and REDIS_URL's (a scratch database is created and dropped; the Redis
database is only written with rq jobs under the scratch run's ids).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import secrets
import sys
import tempfile
import time
import urllib.parse
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT)]

import asyncpg  # noqa: E402
import redis  # noqa: E402

from billing.retention import run_retention  # noqa: E402
from core.settings import get_settings  # noqa: E402
from jobs.runtime import Runtime  # noqa: E402
from jobs.scheduler import tick  # noqa: E402
from store import connections, credits, snapshots, users  # noqa: E402
from store.blobs import LocalBlobStore  # noqa: E402
from store.migrate import apply_migrations  # noqa: E402


def _with_db(url: str, name: str) -> str:
    return urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path=f"/{name}"))


async def _users(db: asyncpg.Pool, n: int, now: datetime, drained: bool) -> list[tuple[str, str]]:
    made = []
    for _ in range(n):
        user = await users.create_user(db, f"b{secrets.token_hex(6)}@bench.test")
        conn = await connections.upsert_connection(db, user.id, "google", next_scan_at=now - timedelta(minutes=1))
        if drained:  # the month's grant is taken back: the tick finds zero credits
            await credits.add_entry(db, user.id, 10, "monthly_grant", f"grant:{user.id}:{now:%Y-%m}")
            await credits.add_entry(db, user.id, -10, "bench", f"bench:{user.id}")
        made.append((user.id, conn.id))
    return made


async def run(n: int) -> dict[str, float]:
    base = os.environ.get("DATABASE_URL", get_settings().database_url)
    name = f"loopwho_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(_with_db(base, "postgres"))
    await admin.execute(f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = _with_db(base, name)
    os.environ["LOOPWHO_SCHEDULER_MAX_QUEUED"] = "0"  # no backlog cap: every due connection is queued
    get_settings.cache_clear()
    out: dict[str, float] = {"users": n}
    try:
        await apply_migrations(os.environ["DATABASE_URL"])
        rt = Runtime(get_settings())
        queue = redis.Redis.from_url(rt.settings.redis_url)
        try:
            db = await rt.db()
            now = datetime.now(UTC)
            await _users(db, n, now, drained=False)
            started = time.perf_counter()
            report = await tick(rt, queue, now, random.Random(1))
            out["tick_queue_s"] = round(time.perf_counter() - started, 2)
            out["queued"] = report.queued
            await db.execute("UPDATE scan_jobs SET status = 'done'")
            await db.execute("UPDATE user_platform_connections SET next_scan_at = now() + interval '30 days'")

            await _users(db, n, now, drained=True)
            started = time.perf_counter()
            report = await tick(rt, queue, now, random.Random(1))
            out["tick_pause_s"] = round(time.perf_counter() - started, 2)
            out["paused"] = report.paused

            with tempfile.TemporaryDirectory() as folder:
                blobs = LocalBlobStore(folder)
                for user_id, conn_id in await _users(db, n, now, drained=False):
                    for age in range(100, 110):
                        at = now - timedelta(days=age)
                        key = f"privacy-data/{user_id}/google/privacy-{at:%Y-%m-%d}.md"
                        blobs.put(key, b"# old")
                        await snapshots.insert_snapshot(db, user_id=user_id, connection_id=conn_id,
                                                        platform="google", r2_file_path=key, scan_status="ok",
                                                        content_hash=secrets.token_hex(8), created_at=at)
                        await db.execute(
                            "INSERT INTO privacy_change_events (user_id, platform, connection_id, change_type, "
                            "change_data, r2_file_path, created_at) VALUES ($1::uuid, 'google', $2::uuid, "
                            "'setting_changed', '{}', $3, $4)", user_id, conn_id, key, at)
                started = time.perf_counter()
                kept = await run_retention(db, blobs, now)
                out["retention_s"] = round(time.perf_counter() - started, 2)
                out["events_deleted"] = kept.events_deleted
                out["snapshots_deleted"] = kept.snapshots_deleted
        finally:
            queue.close()
            await rt.close()
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=500)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    out = asyncio.run(run(args.users))
    if args.json:
        print(json.dumps(out))
        return
    n = out["users"]
    print(f"tick, {n} due connections queued and charged: {out['tick_queue_s']} s "
          f"({n / max(out['tick_queue_s'], 1e-9):.0f}/s, {out['queued']} queued)")
    print(f"tick, {n} due connections paused (zero credits): {out['tick_pause_s']} s ({out['paused']} paused)")
    print(f"retention, {n} users x 10 old snapshots + events: {out['retention_s']} s "
          f"({out['snapshots_deleted']} snapshots + blobs, {out['events_deleted']} events deleted)")


if __name__ == "__main__":
    main()
