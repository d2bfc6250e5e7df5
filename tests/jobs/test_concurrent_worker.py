"""The concurrent worker (jobs/worker.py): several scans at once in one process, admission control
under saturation (scan jobs stay queued, side jobs still run), and a killed worker's job requeued and
finished exactly once."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time

import msgspec
import psutil
import pytest
import redis
from rq import Queue
from rq.job import Job

from jobs.queues import ANALYSIS, NOTIFICATIONS, SCANS, enqueue_notification, enqueue_scan
from jobs.runtime import Runtime
from jobs.worker import ConcurrentWorker
from standins.platforms import Simulator
from store import jobs as scan_jobs
from store import snapshots
from tests.jobs.conftest import connect

pytestmark = pytest.mark.browser


@pytest.fixture
def worker_env(runtime: Runtime) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items() if k.startswith(("LOOPWHO_", "DATABASE_URL", "REDIS_URL",
                                                                  "RESEND_", "PATH", "HOME"))}
    return {**keep, "LOOPWHO_JOB_RETRIES": "0", "PYTHONPATH": os.getcwd()}


def _stats(stderr: str) -> dict:
    for line in stderr.splitlines():
        if '"worker stopped"' in line:
            return json.loads(line)
    raise AssertionError(f"no 'worker stopped' line in the worker's output:\n{stderr[-2000:]}")


def _burst(env: dict[str, str], *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli.main", "--log-level", "INFO", "worker", "--burst", *extra],
                          env=env, capture_output=True, text=True, timeout=300)


async def test_one_worker_process_runs_several_scans_at_once(
    runtime: Runtime, simulator: Simulator, worker_env: dict[str, str]
) -> None:
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    db = await runtime.db()
    people = [await connect(runtime, simulator, platform, f"conc{i}")
              for i, platform in enumerate(["google", "facebook", "microsoft", "google"])]
    ids = []
    for who in people:
        job, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
        enqueue_scan(conn, runtime.settings, job.id)
        ids.append((who, job.id))

    done = await asyncio.to_thread(_burst, worker_env, "--concurrency", "4")
    assert done.returncode == 0, done.stderr[-3000:]
    stats = _stats(done.stderr)
    assert stats["peak_scans"] >= 2, stats  # scans overlapped in the one process
    for who, job_id in ids:
        assert (await scan_jobs.get_job(db, who.user_id, job_id)).status == "done"
        assert await snapshots.snapshot_for_job(db, who.user_id, job_id) is not None
    assert Queue(SCANS, connection=conn).count == 0 and Queue(ANALYSIS, connection=conn).count == 0


def _drivers() -> set[int]:
    return {p.pid for p in psutil.Process().children(recursive=True) if "run-driver" in p.cmdline()}


async def test_scans_that_start_together_share_one_browser_pool(runtime: Runtime) -> None:
    before = _drivers()
    pools = await asyncio.gather(*(runtime.browsers() for _ in range(4)))
    assert all(pool is pools[0] for pool in pools)
    assert len(_drivers() - before) == 1  # one Playwright driver, not one per first scan


async def test_a_worker_with_the_scheduler_inside_scans_a_due_connection_once(
    runtime: Runtime, simulator: Simulator, worker_env: dict[str, str]
) -> None:
    db = await runtime.db()
    who = await connect(runtime, simulator, "microsoft", "ticks")
    await db.execute("UPDATE user_platform_connections SET next_scan_at = now() + interval '30 days'")
    await db.execute("UPDATE user_platform_connections SET next_scan_at = now() WHERE id = $1::uuid",
                     who.connection_id)
    worker = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli.main", "worker", "--with-scheduler", "0.5", env=worker_env,
        start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while not await db.fetchval("SELECT count(*) FROM scan_jobs WHERE connection_id = $1::uuid "
                                    "AND status = 'done'", who.connection_id):
            assert time.monotonic() < deadline and worker.returncode is None, "no scan finished"
            await asyncio.sleep(0.2)
        await asyncio.sleep(1.5)  # three more ticks: the connection is not due again
    finally:
        os.killpg(worker.pid, signal.SIGTERM)
        _out, err = await asyncio.wait_for(worker.communicate(), 60)
    assert worker.returncode == 0, err.decode()[-3000:]
    jobs = await db.fetch("SELECT status FROM scan_jobs WHERE connection_id = $1::uuid", who.connection_id)
    assert [j["status"] for j in jobs] == ["done"]
    assert await db.fetchval("SELECT next_scan_at > now() + interval '1 hour' FROM user_platform_connections "
                             "WHERE id = $1::uuid", who.connection_id)


def _fake_running(worker: ConcurrentWorker, lane: str, n: int) -> None:
    for i in range(n):
        worker._running[f"{lane}{i}"] = type("R", (), {"lane": lane})()  # type: ignore[assignment]


def test_admission_holds_scans_when_slots_or_memory_are_full(redis_url: str) -> None:
    conn = redis.Redis.from_url(redis_url)
    worker = ConcurrentWorker([SCANS, ANALYSIS, NOTIFICATIONS], connection=conn, scan_slots=2, side_slots=1)
    names = lambda: [q.name for q in worker._open_queues()]  # noqa: E731
    assert names() == [ANALYSIS, NOTIFICATIONS, SCANS]
    _fake_running(worker, "scan", 2)  # every scan slot taken: analysis and e-mail still flow
    assert names() == [ANALYSIS, NOTIFICATIONS]
    _fake_running(worker, "side", 1)
    assert names() == []
    worker._running.clear()
    worker.max_pss_bytes = 1  # the process tree is over its memory cap
    assert names() == [ANALYSIS, NOTIFICATIONS]
    assert worker.stats["held_slots"] == 2 and worker.stats["held_memory"] == 1
    worker._executor.shutdown()


async def test_a_saturated_worker_leaves_scans_queued_and_still_sends_email(
    runtime: Runtime, simulator: Simulator, worker_env: dict[str, str]
) -> None:
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    db = await runtime.db()
    who = await connect(runtime, simulator, "google", "saturated")
    job, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
    enqueue_scan(conn, runtime.settings, job.id)
    # a notification with nothing to send: it must run although the scan lane is closed
    note = enqueue_notification(conn, runtime.settings, "change", who.user_id)

    # a 1 MiB cap: the worker's own process is over it, so no scan is ever admitted
    done = await asyncio.to_thread(_burst, {**worker_env, "LOOPWHO_WORKER_MAX_PSS_MB": "1"})
    assert done.returncode == 0, done.stderr[-3000:]
    assert _stats(done.stderr)["held_memory"] >= 1
    assert Job.fetch(note.id, connection=conn).get_status() == "finished"
    rq_scan = Job.fetch(f"scan_connection-{job.id}", connection=conn)
    assert rq_scan.get_status() == "queued" and Queue(SCANS, connection=conn).count == 1
    assert (await scan_jobs.get_job(db, who.user_id, job.id)).status == "queued"

    # room again: the same job is taken and finished
    done = await asyncio.to_thread(_burst, worker_env)
    assert done.returncode == 0, done.stderr[-3000:]
    assert (await scan_jobs.get_job(db, who.user_id, job.id)).status == "done"


async def test_a_killed_workers_scan_is_requeued_and_finished_once(
    runtime: Runtime, simulator: Simulator, worker_env: dict[str, str]
) -> None:
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    db = await runtime.db()
    who = await connect(runtime, simulator, "google", "killed")
    job, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
    enqueue_scan(conn, msgspec.structs.replace(runtime.settings, job_retries=1), job.id)
    fast = {**worker_env, "LOOPWHO_WORKER_HEARTBEAT_S": "1", "LOOPWHO_WORKER_MAINTENANCE_INTERVAL_S": "1",
            "LOOPWHO_SCAN_LOCK_TTL_S": "3"}

    first = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli.main", "worker", env=fast, start_new_session=True,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while (await scan_jobs.get_job(db, who.user_id, job.id)).progress < 10:  # mid-scan
            assert time.monotonic() < deadline and first.returncode is None, "the worker never started the scan"
            await asyncio.sleep(0.05)
    finally:
        os.killpg(first.pid, signal.SIGKILL)  # the worker, its driver and its browsers, without warning
        await asyncio.wait_for(first.wait(), 10)
    assert await snapshots.snapshot_for_job(db, who.user_id, job.id) is None
    rq_job = Job.fetch(f"scan_connection-{job.id}", connection=conn)
    assert rq_job.get_status() == "started"  # rq still thinks it runs: only the heartbeat can tell

    await asyncio.sleep(4)  # three missed beats (1 s each) and the scan lock (3 s) expired
    done = await asyncio.to_thread(_burst, fast)
    assert done.returncode == 0, done.stderr[-3000:]
    row = await scan_jobs.get_job(db, who.user_id, job.id)
    assert row.status == "done", row
    assert Job.fetch(rq_job.id, connection=conn).get_status() == "finished"
    taken = await db.fetch("SELECT id FROM privacy_snapshots WHERE scan_job_id = $1", job.id)
    assert len(taken) == 1
