"""``loopwho scheduler`` (the real command, as a subprocess) keeps ticking across a restart of its
Redis, a private redis-server this test stops and starts again on the same port: it logs the
outage once when it starts and once when it ends, and ticks again afterwards."""

from __future__ import annotations

import os

import pytest

from tests.faults.conftest import RedisServer
from tests.faults.test_scheduler_restart import scheduler_rides_out

pytestmark = pytest.mark.slow


def test_scheduler_survives_a_redis_restart(own_redis: RedisServer, settings_env: dict, database_url: str) -> None:
    env = {**os.environ, "DATABASE_URL": database_url, "REDIS_URL": own_redis.url}
    logged = scheduler_rides_out(env, own_redis.stop, own_redis.start)
    assert "redis" in next(line for line in logged if "scheduler paused" in line)  # names the part
