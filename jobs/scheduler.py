"""The scheduler: every tick, queue a scan for each connection that is due (at its plan's interval,
plus jitter so thousands of connections do not all start at once), sweep digests, and keep the
time-series partitions ahead. State lives in PostgreSQL (next_scan_at, one live job per connection)
and rq job ids are derived from scan job ids, so a restarted scheduler never queues twice."""

from __future__ import annotations

import asyncio
import random
from datetime import UTC, datetime, timedelta

import msgspec
import redis

from core.logging import get_logger
from jobs.queues import enqueue_notification, enqueue_scan
from jobs.runtime import Runtime
from store import connections, events, partitions, profiles
from store import jobs as scan_jobs

log = get_logger(__name__)


class TickReport(msgspec.Struct, kw_only=True):
    due: int = 0
    queued: int = 0
    already_live: int = 0
    digests: int = 0
    expired_wiped: int = 0
    stale_failed: int = 0


async def tick(rt: Runtime, conn: redis.Redis, now: datetime | None = None,
               rng: random.Random | None = None) -> TickReport:
    now = now or datetime.now(UTC)
    rng = rng or random.Random()
    db = await rt.db()
    report = TickReport()
    report.stale_failed = len(await scan_jobs.fail_stale(db, int(rt.settings.scan_deadline_s * 10)))
    report.expired_wiped = len(await profiles.wipe_expired(db))
    due = await connections.due_connections(db, now=now)
    report.due = len(due)
    for c in due:
        job, created = await scan_jobs.create_job(db, c["user_id"], c["id"], trigger="schedule")
        # re-enqueueing a live job is a no-op (same rq id), and heals a crash between the two steps
        await asyncio.to_thread(enqueue_scan, conn, rt.settings, job["id"])
        report.queued += created
        report.already_live += not created
        jitter = rng.uniform(0, rt.settings.scan_jitter_s)
        await connections.set_next_scan(db, c["id"], now + timedelta(seconds=c["scan_interval_s"] + jitter))
    for user_id in await events.users_with_unnotified(db):
        await asyncio.to_thread(enqueue_notification, conn, rt.settings, "change", user_id)
        report.digests += 1
    return report


async def run_forever(rt: Runtime, conn: redis.Redis, interval_s: float, once: bool = False) -> None:
    last_partition_check: datetime | None = None
    while True:
        now = datetime.now(UTC)
        if last_partition_check is None or now - last_partition_check > timedelta(hours=12):
            created = await partitions.ensure_partitions(await rt.db(), months_ahead=3)
            last_partition_check = now
            if created:
                log.info("partitions created", names=created)
        report = await tick(rt, conn, now)
        log.info("scheduler tick", **msgspec.to_builtins(report))
        print(f"{now:%H:%M:%S} due {report.due}, queued {report.queued}, already running "
              f"{report.already_live}, e-mail sweeps {report.digests}", flush=True)
        if once:
            return
        await asyncio.sleep(interval_s)
