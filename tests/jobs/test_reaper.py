"""Issue 18, jobs get stuck: the reaper in the scheduler's tick. A scan job whose worker is gone
(rq's job still "started" with an expired execution: a kill -9) or whose rq job was lost (a flushed
Redis) is queued again under the same rq id, whether its row says queued or running; a job rq still
runs is left alone; a scan that keeps losing its worker is failed after scan_requeue_max requeues."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

import msgspec
import pytest
import redis
from rq import Queue
from rq.job import Job
from rq.registry import StartedJobRegistry

from jobs.queues import SCANS, enqueue_scan, scan_rq_state
from jobs.runtime import Runtime
from jobs.scheduler import tick
from standins.platforms import Simulator
from store import connections
from store import jobs as scan_jobs
from tests.jobs.conftest import Connected, connect


def abandon(conn: redis.Redis, rq_id: str) -> None:
    """What a worker killed mid-job leaves: the job "started", off the queue, and an execution in the
    started registry whose heartbeat expired."""
    job = Job.fetch(rq_id, connection=conn)
    Queue(SCANS, connection=conn).remove(job)
    job.set_status("started")
    conn.zadd(StartedJobRegistry(SCANS, connection=conn).key, {f"{rq_id}:dead-worker-exec": time.time() - 60})


@pytest.fixture
async def reaping(runtime: Runtime) -> Runtime:
    # no retry left in rq (rq's own recovery fails the job), every live job old enough to check
    runtime.settings = msgspec.structs.replace(runtime.settings, job_retries=0, scan_reap_after_s=0,
                                               scan_requeue_max=2)
    return runtime


async def _running_job(rt: Runtime, sim: Simulator, conn: redis.Redis, account: str) -> tuple[Connected, str]:
    db = await rt.db()
    who = await connect(rt, sim, "google", account)
    # not due: only the reaper acts on this connection
    await connections.set_next_scan(db, who.connection_id, datetime.now(UTC) + timedelta(days=1))
    job, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
    enqueue_scan(conn, rt.settings, job.id)
    assert await scan_jobs.mark_running(db, job.id)
    return who, job.id


def _queued_ids(conn: redis.Redis) -> list[str]:
    return Queue(SCANS, connection=conn).job_ids


async def test_a_dead_workers_scan_is_requeued_with_the_same_id(reaping: Runtime, simulator: Simulator) -> None:
    conn = redis.Redis.from_url(reaping.settings.redis_url)
    who, job_id = await _running_job(reaping, simulator, conn, "reaped")
    rq_id = f"scan_connection-{job_id}"
    abandon(conn, rq_id)
    assert scan_rq_state(conn, job_id) == "abandoned"

    report = await tick(reaping, conn, rng=random.Random(1))
    assert report.abandoned >= 1 and report.requeued >= 1 and report.stale_failed == 0
    assert Job.fetch(rq_id, connection=conn).get_status() == "queued"
    assert _queued_ids(conn).count(rq_id) == 1
    row = await scan_jobs.get_job(await reaping.db(), who.user_id, job_id)
    assert row.status == "running"  # scan_connection takes a running row again

    # rq runs it again now: the next tick leaves it alone
    before = report.requeued
    again = await tick(reaping, conn, rng=random.Random(2))
    assert scan_rq_state(conn, job_id) == "live"
    assert _queued_ids(conn).count(rq_id) == 1 and again.requeued <= before


async def test_a_scan_redis_lost_is_requeued_then_failed_when_it_keeps_losing(
    reaping: Runtime, simulator: Simulator
) -> None:
    conn = redis.Redis.from_url(reaping.settings.redis_url)
    who, job_id = await _running_job(reaping, simulator, conn, "lost")
    rq_id = f"scan_connection-{job_id}"
    db = await reaping.db()
    for _ in range(reaping.settings.scan_requeue_max):
        Queue(SCANS, connection=conn).remove(rq_id)
        conn.delete(Job.key_for(rq_id))  # as after a flush
        assert scan_rq_state(conn, job_id) == "gone"
        await tick(reaping, conn, rng=random.Random(3))
        assert scan_rq_state(conn, job_id) == "live"
        assert (await scan_jobs.get_job(db, who.user_id, job_id)).status == "running"
    # lost once more: no more requeues, the job is failed and the connection free for its next scan
    Queue(SCANS, connection=conn).remove(rq_id)
    conn.delete(Job.key_for(rq_id))
    report = await tick(reaping, conn, rng=random.Random(4))
    assert report.stale_failed >= 1
    row = await scan_jobs.get_job(db, who.user_id, job_id)
    assert row.status == "failed" and "no worker finished it" in row.error
