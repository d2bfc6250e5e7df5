"""``loopwho scheduler`` (the real command, as a subprocess) keeps ticking across a restart of its
Redis, a private redis-server this test stops and starts again on the same port: it logs the
outage once when it starts and once when it ends, and queues again afterwards."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.faults.conftest import RedisServer
from tests.faults.test_scheduler_restart import Lines

pytestmark = pytest.mark.slow


def test_scheduler_survives_a_redis_restart(own_redis: RedisServer, settings_env: dict, database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": own_redis.url,
           "LOOPWHO_SCHEDULER_MAX_BACKOFF_S": "1"}
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "scheduler", "--interval", "0.3"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            cwd=Path(__file__).resolve().parents[2])
    out, err = Lines(proc.stdout), Lines(proc.stderr)
    try:
        assert out.wait_for(lambda lines: len(lines) >= 2, 30), "".join(err.lines)[-2000:]
        own_redis.stop()
        assert err.wait_for(lambda lines: any("scheduler paused" in x for x in lines), 15), "".join(err.lines)
        time.sleep(2)  # several failed ticks during the outage
        assert proc.poll() is None, "".join(err.lines)[-2000:]
        ticks_before = len(out.lines)
        own_redis.start()
        assert out.wait_for(lambda lines: len(lines) >= ticks_before + 3, 30), "".join(err.lines)[-2000:]
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(15)
    logged = "".join(err.lines)
    assert logged.count("scheduler paused") == 1, logged
    assert "redis" in next(line for line in err.lines if "scheduler paused" in line)  # names the part
    assert logged.count("scheduler resumed") == 1, logged
    assert "Traceback" not in logged
