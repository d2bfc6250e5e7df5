"""``loopwho worker`` (the real command, as a subprocess) rides out a restart of its Redis, a private
redis-server this test stops and starts again empty: one log line when the outage starts and one when
it ends, the worker lists itself again (or /api/health would count no live worker for good), and it
runs a job queued after the restart."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import pytest
from rq import Queue, Worker

from jobs.metrics import fleet_health
from tests.conftest import stop_group
from tests.faults.conftest import RedisServer

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def _until(what: str, check: Callable[[], T], timeout_s: float) -> T:
    """``check()`` once it is truthy; fails after ``timeout_s``."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = check()
        if value:
            return value
        time.sleep(0.25)
    raise AssertionError(f"{what}: not within {timeout_s} s")


def test_worker_survives_a_redis_restart(own_redis: RedisServer, settings_env: dict, database_url: str,
                                         tmp_path: Path) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": own_redis.url,
           "LOOPWHO_WORKER_HEARTBEAT_S": "1", "LOOPWHO_WORKER_PROCESSES": "1"}
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        worker = subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=env, stdout=out, stderr=out,
                                  cwd=ROOT, start_new_session=True)
    try:
        names = _until("the worker registers", lambda: [w.name for w in Worker.all(connection=own_redis.client())],
                       90)
        own_redis.stop()
        time.sleep(5)  # several dequeue rounds fail meanwhile
        own_redis.start()  # empty: nothing on disk
        conn = own_redis.client()
        again = _until("the worker lists itself again",
                       lambda: [w.name for w in Worker.all(connection=conn)], 30)
        assert again == names
        assert fleet_health(conn, stale_after_s=3).workers_alive == 1  # what /api/health reads

        job = Queue("notifications", connection=conn).enqueue("os.getpid")
        _until("the job queued after the restart runs", lambda: job.refresh() or job.get_status() == "finished", 30)

        lines = log.read_text(errors="replace").splitlines()
        assert sum("worker paused: redis unreachable" in line for line in lines) == 1, lines[-20:]
        assert sum("worker resumed: redis answers again" in line for line in lines) == 1, lines[-20:]
        assert worker.poll() is None
    finally:
        stop_group(worker)
