"""The scheduler: every tick, queue a scan for each connection that is due (at its plan's interval,
plus jitter so thousands of connections do not all start at once; charged the plan's credits in the
transaction that creates the job, or paused when the user has none), sweep digests, send billing
e-mails, end expired payment grace periods, keep the time-series partitions ahead and, daily, delete
history past each plan's retention. State lives in PostgreSQL (next_scan_at, one live job per connection)
and rq job ids are derived from scan job ids, so a restarted scheduler never queues twice."""

from __future__ import annotations

import asyncio
import logging
import random
from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
import redis

from billing import lifecycle as plan_lifecycle
from billing import usage as plan_usage
from billing.retention import run_retention
from core.logging import get_logger, scrub_text
from jobs.billing_notices import send_billing_notices
from jobs.queues import enqueue_notification, enqueue_scan, reap_abandoned, requeue_lost_scan
from jobs.runtime import Runtime
from packs.stored_pages import drop_expired
from store import accounts, connections, events, partitions, profiles
from store import jobs as scan_jobs
from store import plans as plans_store
from store.db import database_unavailable

log = get_logger(__name__)


class TickReport(msgspec.Struct, kw_only=True):
    due: int = 0
    queued: int = 0
    already_live: int = 0
    digests: int = 0
    expired_wiped: int = 0
    stale_failed: int = 0
    requeued: int = 0  # live scan jobs whose rq job was lost or abandoned, queued again (same rq id)
    abandoned: int = 0  # rq executions whose worker stopped beating (rq's recovery run by the reaper)
    held_back: int = 0  # due connections left due because the backlog is full
    paused: int = 0  # due connections not scanned: their user has no credits left
    downgraded: int = 0  # users whose payment grace period ended
    billing_emails: int = 0
    pages_dropped: int = 0  # kept settings pages past their retention, deleted


async def tick(rt: Runtime, conn: redis.Redis, now: datetime | None = None,
               rng: random.Random | None = None) -> TickReport:
    now = now or datetime.now(UTC)
    rng = rng or random.Random()
    db = await rt.db()
    report = TickReport()
    report.abandoned = await asyncio.to_thread(reap_abandoned, conn)
    report.stale_failed, report.requeued = await _sweep_stale(rt, conn, db)
    report.expired_wiped = len(await profiles.wipe_expired(db))
    report.pages_dropped = await drop_expired(db, rt.blobs)
    # more due than the fleet can take: queue up to the backlog cap, leave the rest due (oldest first)
    # for the next ticks. A connection gets its next_scan_at only when queued, so it is never queued
    # twice in one interval, and a waiting scan job is never timed out for waiting.
    room = None
    if rt.settings.scheduler_max_queued > 0:
        room = max(0, rt.settings.scheduler_max_queued - await scan_jobs.count_queued(db))
    due = await connections.due_connections(db, now=now)
    report.due = len(due)
    for c in due:
        if room is not None and report.queued >= room:
            report.held_back += 1
            continue
        async with db.acquire() as tx, tx.transaction():
            # the user's plan row is locked first (as "scan now" does), then the job is created and
            # charged in this one transaction: a job exists if and only if it was paid for
            plan = await plan_usage.admit_scheduled_scan(tx, c.user_id, now)
            if plan is None:  # no credits: paused (connections show it), looked at again later
                report.paused += 1
                continue
            job, created = await scan_jobs.create_job(tx, c.user_id, c.id, trigger="schedule")
            if created:
                await plan_usage.charge_scan(tx, c.user_id, job.id)
            if c.scan_interval_s != plan.scan_interval_s:  # connected before a plan change
                await plans_store.apply_scan_interval(tx, c.user_id, plan.scan_interval_s, now)
            jitter = rng.uniform(0, rt.settings.scan_jitter_s)
            await connections.set_next_scan(tx, c.id, now + timedelta(seconds=plan.scan_interval_s + jitter))
        # re-enqueueing a live job is a no-op (same rq id), and heals a crash between the two steps
        await asyncio.to_thread(enqueue_scan, conn, rt.settings, job.id)
        report.queued += created
        report.already_live += not created
    for user_id in await events.users_with_unnotified(db):
        await asyncio.to_thread(enqueue_notification, conn, rt.settings, "change", user_id)
        report.digests += 1
    report.downgraded = len(await plan_lifecycle.end_expired_grace(db, now))
    report.billing_emails = await send_billing_notices(rt)
    return report


async def _sweep_stale(rt: Runtime, conn: redis.Redis, db: Any) -> tuple[int, int]:
    """The reaper. Live scan jobs (queued or running) at least ``scan_reap_after_s`` old: while rq
    still runs their work (queued, scheduled for a retry, started by a worker that beats) they are
    left alone; when rq lost it or its worker is gone they are queued again under the same rq id, up
    to ``scan_requeue_max`` times; after that they are failed ("no worker finished it"), which frees
    the connection for its next scan. Returns (failed, requeued)."""
    stale = await scan_jobs.stale_jobs(db, rt.settings.scan_reap_after_s)
    exhausted, requeued = [], 0
    for row in stale:
        job = await scan_jobs.job_for_worker(db, row.id)
        submitted = await accounts.submitted_result(db, job.user_id, row.id) is not None
        outcome = await asyncio.to_thread(requeue_lost_scan, conn, rt.settings, row.id, submitted=submitted,
                                          max_requeues=rt.settings.scan_requeue_max)
        if outcome == "requeued":
            requeued += 1
            log.warning("scan job requeued: its rq job was lost or its worker is gone", scan_job_id=row.id,
                        status=row.status)
        elif outcome == "exhausted":
            exhausted.append(row.id)
    failed = await scan_jobs.fail_stale(db, exhausted) if exhausted else []
    return len(failed), requeued


def _outage_part(exc: BaseException) -> str | None:
    """Which required service a tick's error says is away (None: not an outage, a bug)."""
    if isinstance(exc, redis.RedisError):
        return "redis"
    if database_unavailable(exc):
        return "database"
    return None


async def run_forever(rt: Runtime, conn: redis.Redis, interval_s: float, once: bool = False) -> None:
    """Tick every ``interval_s`` until cancelled. A tick that fails does not end the scheduler: it
    backs off (doubling from min(interval, 1 s) up to ``scheduler_max_backoff_s``) and tries again. A
    database or Redis outage is logged once when it starts and once when it ends, however many ticks
    it costs; any other error is logged on every failed tick. With ``once`` the error is raised."""
    # asyncpg's pool logs every failed attempt to reconnect its floor, with a traceback: the scheduler
    # reports the outage itself, once
    logging.getLogger("asyncpg.pool").setLevel(logging.ERROR)
    last_partition_check: datetime | None = None
    last_retention_run: datetime | None = None
    outage: tuple[str, datetime, int] | None = None  # (part, since, failed ticks)
    backoff = 0.0
    while True:
        now = datetime.now(UTC)
        try:
            if last_partition_check is None or now - last_partition_check > timedelta(hours=12):
                created = await partitions.ensure_partitions(await rt.db(), months_ahead=3)
                last_partition_check = now
                if created:
                    log.info("partitions created", names=created)
            if last_retention_run is None or now - last_retention_run > timedelta(hours=24):
                await run_retention(await rt.db(), rt.blobs, now)  # logs its counts
                last_retention_run = now
            report = await tick(rt, conn, now)
        except Exception as exc:
            if once:
                raise
            part = _outage_part(exc)
            if part is None:
                log.error("scheduler tick failed", error=type(exc).__name__, message=scrub_text(str(exc))[:300])
            elif outage is None:
                log.warning("scheduler paused: a required service is unavailable; retrying with back-off",
                            part=part, error=type(exc).__name__)
                outage = (part, now, 0)
            if outage is not None:
                outage = (outage[0], outage[1], outage[2] + 1)
            backoff = min(rt.settings.scheduler_max_backoff_s, backoff * 2 if backoff else min(interval_s, 1.0))
            await asyncio.sleep(backoff)
            continue
        if outage is not None:
            log.warning("scheduler resumed", part=outage[0], failed_ticks=outage[2],
                        outage_s=round((now - outage[1]).total_seconds(), 1))
            outage = None
        backoff = 0.0
        log.info("scheduler tick", **msgspec.to_builtins(report))
        print(f"{now:%H:%M:%S} due {report.due}, queued {report.queued}, already running "
              f"{report.already_live}, held back {report.held_back}, e-mail sweeps {report.digests}", flush=True)
        if once:
            return
        await asyncio.sleep(interval_s)
