"""``loopwho worker`` (the real command, as a subprocess) keeps working across a restart of its
PostgreSQL, a private server this test starts, stops and starts again: a job that reads the database
before the restart and one queued after it both finish, and the worker stays up."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
import redis
from rq import Queue, Worker
from rq.job import Job

from store import connections, users
from store import jobs as scan_jobs
from store.db import connect_pool
from tests.conftest import stop_group
from tests.faults.test_scheduler_restart import PostgresServer, _create_database, private_postgres  # noqa: F401

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


async def _finished_scan_job(url: str) -> str:
    """A scan job already in a final state: the scan task reads it from the database and stops there."""
    pool = await connect_pool(url, max_size=2)
    try:
        user = await users.create_user(pool, "restart@example.org")
        conn = await connections.upsert_connection(pool, user.id, "google")
        job, _ = await scan_jobs.create_job(pool, user.id, conn.id, trigger="api")
        await scan_jobs.finish(pool, job.id, "failed", "set aside by the test")
        return str(job.id)
    finally:
        await pool.close()


def _run_job(conn: redis.Redis, scan_job_id: str, timeout_s: float) -> Job:
    job = Queue("scans", connection=conn).enqueue("jobs.tasks.scan_connection", scan_job_id)
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and job.get_status(refresh=True) not in ("finished", "failed"):
        time.sleep(0.2)
    return job


def test_worker_survives_a_postgres_restart(private_postgres: PostgresServer, settings_env: dict,  # noqa: F811
                                            redis_url: str, tmp_path: Path) -> None:
    asyncio.run(_create_database(private_postgres))
    url = private_postgres.url("loopwho")
    scan_job_id = asyncio.run(_finished_scan_job(url))
    env = {**os.environ, "DATABASE_URL": url, "REDIS_URL": redis_url, "LOOPWHO_WORKER_PROCESSES": "1"}
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        worker = subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=env, stdout=out, stderr=out,
                                  cwd=ROOT, start_new_session=True)
    conn = redis.Redis.from_url(redis_url)
    try:
        deadline = time.monotonic() + 90
        while not Worker.all(connection=conn):
            assert worker.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.25)
        before = _run_job(conn, scan_job_id, 60)  # the worker's database pool now holds a connection
        assert (before.get_status(), before.return_value()) == ("finished", "job already failed"), \
            log.read_text()[-3000:]

        private_postgres.stop()
        time.sleep(2)
        private_postgres.start()

        after = _run_job(conn, scan_job_id, 60)
        assert (after.get_status(), after.return_value()) == ("finished", "job already failed"), \
            log.read_text()[-3000:]
        assert worker.poll() is None
    finally:
        conn.close()
        stop_group(worker)
