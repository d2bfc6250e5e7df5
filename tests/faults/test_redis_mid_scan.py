"""Issue 18: Redis stopped in the middle of a scan and started again, empty (as a Redis that keeps
nothing on disk comes back). The worker process rides the outage out, the scheduler's reaper finds
the scan job whose rq job is gone and queues it again, and the scan ends with one snapshot: nothing
lost, nothing doubled. The chain then carries on as before (a flipped setting: one event, one e-mail)."""

from __future__ import annotations

import asyncio
import os
import random
import signal
import subprocess
import sys
import time

import pytest

from jobs.queues import enqueue_scan
from jobs.runtime import Runtime
from jobs.scheduler import tick
from standins.platforms import Simulator
from standins.resend import ResendStandin
from store import events
from store import jobs as scan_jobs
from tests.faults.conftest import RedisServer
from tests.jobs.conftest import connect, worker_runtime

pytestmark = pytest.mark.browser


async def _snapshots(rt: Runtime, job_id: str) -> int:
    return await (await rt.db()).fetchval("SELECT count(*) FROM privacy_snapshots WHERE scan_job_id = $1", job_id)


async def _until_done(
    rt: Runtime, redis_server: RedisServer, user_id: str, job_id: str, timeout_s: float
) -> scan_jobs.ScanJob:
    """Tick the scheduler (its reaper) until the job has ended."""
    db, conn = await rt.db(), redis_server.client()
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        row = await scan_jobs.get_job(db, user_id, job_id)
        if row.status not in ("queued", "running"):
            return row
        await tick(rt, conn, rng=random.Random(0))
        await asyncio.sleep(1)
    raise AssertionError(f"scan job still {row.status} after {timeout_s:.0f} s")


async def test_redis_stopped_mid_scan_loses_nothing_and_doubles_nothing(
    settings_env: dict[str, str], simulator: Simulator, resend_standin: ResendStandin, own_redis: RedisServer,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rt = worker_runtime(monkeypatch, simulator, resend_standin, REDIS_URL=own_redis.url,
                        LOOPWHO_WORKER_HEARTBEAT_S="1", LOOPWHO_WORKER_MAINTENANCE_INTERVAL_S="1",
                        LOOPWHO_SCAN_LOCK_TTL_S="3", LOOPWHO_SCAN_REAP_AFTER_S="0", LOOPWHO_JOB_RETRIES="1")
    worker = None
    try:
        db = await rt.db()
        # what other tests left in the session's database is not this test's business: the reaper and
        # the e-mail sweep would queue it into this test's Redis
        await db.execute("UPDATE user_platform_connections SET next_scan_at = now() + interval '30 days'")
        await db.execute("UPDATE scan_jobs SET status = 'failed' WHERE status IN ('queued', 'running')")
        await db.execute("UPDATE privacy_change_events SET user_notified = true WHERE NOT user_notified")
        who = await connect(rt, simulator, "google", "redisgone")
        job, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
        enqueue_scan(own_redis.client(), rt.settings, job.id)
        simulator.set_render_delay(2500)  # long enough to pull Redis away mid-scan
        worker = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "cli.main", "worker", start_new_session=True,
            env={**os.environ, "PYTHONPATH": os.getcwd()}, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while (await scan_jobs.get_job(db, who.user_id, job.id)).progress < 10:
            assert time.monotonic() < deadline and worker.returncode is None, "the worker never started the scan"
            await asyncio.sleep(0.05)

        own_redis.stop()
        await asyncio.sleep(3)
        own_redis.start()  # empty: the rq job, its registries and the scan lock are gone
        simulator.set_render_delay(0)

        row = await _until_done(rt, own_redis, who.user_id, job.id, 150)
        assert row.status == "done", row
        assert worker.returncode is None, "the worker did not survive the outage"
        await asyncio.sleep(3)  # a late finisher of the first attempt would store a second snapshot now
        assert await _snapshots(rt, job.id) == 1

        # the same worker carries on: a flipped setting gives one event and one e-mail
        simulator.set_setting("google", who.account, "youtube_history", "off")
        second, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
        enqueue_scan(own_redis.client(), rt.settings, second.id)
        assert (await _until_done(rt, own_redis, who.user_id, second.id, 120)).status == "done"
        def mine() -> list:
            return [m for m in resend_standin.sent if m.to == [f"{who.account}@example.org"]]

        for _ in range(300):  # the e-mail step runs on the worker's side lane, after the scan
            if mine():
                break
            await asyncio.sleep(0.2)
        await asyncio.sleep(2)  # a second e-mail would come now
        assert [e.change_data["key"] for e in await events.list_events(db, who.user_id)] == ["youtube_history"]
        assert len(mine()) == 1, [(m.to, m.subject) for m in resend_standin.sent]
    finally:
        simulator.set_render_delay(0)
        if worker is not None and worker.returncode is None:
            os.killpg(worker.pid, signal.SIGTERM)
            try:
                await asyncio.wait_for(worker.wait(), 30)
            except TimeoutError:
                os.killpg(worker.pid, signal.SIGKILL)
        await rt.close()
