"""``loopwho worker --processes 2`` with a metrics port and no PROMETHEUS_MULTIPROC_DIR: one process
serves the port and its page counts what both processes did (the command makes the shared folder)."""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from rq import Queue, Worker

from tests.conftest import free_port, stop_group

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _failed_reconnect_emails(port: int) -> float:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as resp:
        page = resp.read().decode()
    m = re.search(r'^loopwho_emails_total\{kind="reconnect",outcome="failed"\} (\S+)$', page, re.MULTILINE)
    return float(m.group(1)) if m else 0.0


def test_every_worker_process_counts_on_the_one_port(settings_env: dict, redis_url: str, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, **settings_env, "REDIS_URL": redis_url, "LOOPWHO_METRICS_PORT": str(port)}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log = tmp_path / "worker.log"
    with log.open("wb") as out:
        proc = subprocess.Popen([sys.executable, "-m", "cli.main", "worker", "--processes", "2"], env=env,
                                stdout=out, stderr=out, cwd=ROOT, start_new_session=True)
    conn = redis.Redis.from_url(redis_url)
    try:
        deadline = time.monotonic() + 120
        while len(Worker.all(connection=conn)) < 2:
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.25)
        # a reconnect e-mail for a connection that does not exist: each job counts one failed e-mail
        queue = Queue("notifications", connection=conn)
        jobs = [queue.enqueue("jobs.tasks.notify", "reconnect", str(uuid.uuid4()), str(uuid.uuid4()),
                              job_id=f"metrics-{secrets.token_hex(6)}") for _ in range(12)]
        while any(j.get_status(refresh=True) not in ("failed", "finished") for j in jobs):
            assert time.monotonic() < deadline + 60, log.read_text()[-2000:]
            time.sleep(0.2)
        assert {j.get_status() for j in jobs} == {"failed"}
        # whichever process serves the port, it shows both processes' failures
        assert _failed_reconnect_emails(port) == 12, log.read_text()[-2000:]
    finally:
        conn.close()
        stop_group(proc, 30)
