"""The scheduler and a real rq worker process: due connections are queued once (also across a
restart), revoked and expired connections are skipped, one connection is never scanned twice at a
time, and the chain runs end to end in `loopwho worker --burst` with failures recorded."""

from __future__ import annotations

import os
import random
import subprocess
import sys
from datetime import UTC, datetime, timedelta

import msgspec
import pytest
import redis
from rq import Queue

from billing.plans import load_plans
from core.settings import get_settings
from jobs import tasks
from jobs.queues import SCANS, enqueue_scan
from jobs.runtime import Runtime, shutdown_process_runtime
from jobs.scheduler import tick
from standins.platforms import Simulator
from standins.resend import ResendStandin
from store import connections, events
from store import jobs as scan_jobs
from tests.jobs.conftest import connect

pytestmark = pytest.mark.browser


async def test_due_connections_are_queued_once_even_across_a_restart(runtime: Runtime, simulator: Simulator) -> None:
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    db = await runtime.db()
    # connections and live scan jobs other tests left in this session's database are not this
    # test's business (the scheduler's reaper would requeue their jobs into this test's Redis)
    await db.execute("UPDATE user_platform_connections SET next_scan_at = now() + interval '30 days'")
    await db.execute("UPDATE scan_jobs SET status = 'failed' WHERE status IN ('queued', 'running')")
    due = await connect(runtime, simulator, "google", "sched1")
    revoked = await connect(runtime, simulator, "facebook", "sched2")
    expired = await connect(runtime, simulator, "microsoft", "sched3")
    await connections.set_status(db, revoked.user_id, revoked.connection_id, "revoked")
    await connections.set_status(db, expired.user_id, expired.connection_id, "reauth_required")

    now = datetime.now(UTC) + timedelta(seconds=1)
    first = await tick(runtime, conn, now, random.Random(1))
    assert (first.due, first.queued) == (1, 1)
    queued = Queue(SCANS, connection=conn)
    assert queued.count == 1

    # the scheduler restarts and the connection is (again) due before the worker took the job
    await connections.set_next_scan(db, due.connection_id, now)
    restarted = Runtime(get_settings())
    try:
        second = await tick(restarted, conn, now, random.Random(2))
    finally:
        await restarted.close()
    assert (second.due, second.queued, second.already_live) == (1, 0, 1)
    assert queued.count == 1
    live = [j for j in await scan_jobs.list_jobs(db, due.user_id) if j.status in ("queued", "running")]
    assert len(live) == 1

    row = await connections.get_connection(db, due.user_id, due.connection_id)
    delay = (row.next_scan_at - now).total_seconds()
    interval = load_plans().get("free").scan_interval_s  # the owner's plan sets the interval
    assert interval <= delay <= interval + runtime.settings.scan_jitter_s


async def test_a_connection_being_scanned_is_not_scanned_again(runtime: Runtime, simulator: Simulator) -> None:
    who = await connect(runtime, simulator, "google", "locked")
    job, _ = await scan_jobs.create_job(await runtime.db(), who.user_id, who.connection_id)
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    held = conn.lock(f"loopwho:scan-lock:{who.connection_id}", timeout=60)
    assert held.acquire(blocking=False)
    try:
        with pytest.raises(tasks.ConnectionBusy):
            tasks.scan_connection(job.id)
    finally:
        held.release()
        shutdown_process_runtime()
    assert (await scan_jobs.get_job(await runtime.db(), who.user_id, job.id)).status in ("queued", "running")


def _worker(env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli.main", "worker", "--burst"], env=env,
                          capture_output=True, text=True, timeout=240)


@pytest.fixture
def worker_env(runtime: Runtime) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k.startswith(("LOOPWHO_", "DATABASE_URL", "REDIS_URL",
                                                                  "RESEND_", "PATH", "HOME"))}
    return {**keep, "LOOPWHO_JOB_RETRIES": "0", "PYTHONPATH": os.getcwd()}


async def test_rq_worker_runs_the_chain_to_the_email(
    runtime: Runtime, simulator: Simulator, resend_standin: ResendStandin, worker_env: dict[str, str]
) -> None:
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    who = await connect(runtime, simulator, "microsoft", "rqchain")
    db = await runtime.db()
    for _ in range(2):
        job, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
        enqueue_scan(conn, runtime.settings, job.id)
        done = _worker(worker_env)
        assert done.returncode == 0, done.stderr[-2000:]
        assert (await scan_jobs.get_job(db, who.user_id, job.id)).status == "done"
        simulator.set_setting("microsoft", who.account, "location_activity", "off")
    stored = await events.list_events(db, who.user_id)
    assert [(e.change_data["key"], e.change_data["new"], e.user_notified) for e in stored] == [
        ("location_activity", "off", True)
    ]
    assert [m.subject for m in resend_standin.sent] == [
        "Privacy settings changed on Microsoft - 1 update(s) detected"
    ]


async def test_a_failing_job_records_its_reason(
    runtime: Runtime, simulator: Simulator, worker_env: dict[str, str]
) -> None:
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    who = await connect(runtime, simulator, "google", "badjar")
    db = await runtime.db()
    await db.execute("UPDATE session_profiles SET cookie_jar_enc = $1 WHERE user_id = $2::uuid",
                     b"lw1.t1.not-a-real-ciphertext", who.user_id)
    job, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
    enqueue_scan(conn, msgspec.structs.replace(runtime.settings, job_retries=0), job.id)
    done = _worker(worker_env)
    assert done.returncode == 0
    row = await scan_jobs.get_job(db, who.user_id, job.id)
    assert row.status == "failed"
    assert "CryptoError" in row.error and "not-a-real" not in row.error
