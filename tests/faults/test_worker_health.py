"""/api/health watches the workers where the deployment requires them: a real `loopwho worker`
process that beats makes it healthy, with the queues' backlog; once that worker is killed, health
answers 503 naming "workers" after three missed beats."""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest
from litestar import Litestar

from api.app import create_app, lifespan
from core.settings import Settings
from tests.api.conftest import client_for
from tests.faults.conftest import RedisServer

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]


def _start_worker(env: dict[str, str]) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, cwd=ROOT, start_new_session=True)


async def _health_until(app: Litestar, predicate, timeout_s: float) -> dict:
    async with client_for(app) as client:
        body: dict = {}
        for _ in range(int(timeout_s * 4)):
            r = await client.get("/api/health")
            body = {"code": r.status_code, **r.json()}
            if predicate(body):
                return body
            await asyncio.sleep(0.25)
    raise AssertionError(f"health never got there: {body}")


async def test_health_reports_a_stopped_worker(fault_settings: Settings, own_redis: RedisServer) -> None:
    settings = msgspec.structs.replace(fault_settings, health_require_workers=True, worker_heartbeat_s=1)
    app = create_app(settings)
    async with lifespan(app):
        first = await _health_until(app, lambda b: b["code"] == 503, 5)
        assert first["failing"] == ["workers"] and "no worker is alive" in first["parts"]["workers"]["detail"]

        env = {**os.environ, "REDIS_URL": own_redis.url, "DATABASE_URL": settings.database_url,
               "LOOPWHO_WORKER_HEARTBEAT_S": "1", "LOOPWHO_WORKER_PROCESSES": "1"}
        worker = _start_worker(env)
        try:
            up = await _health_until(app, lambda b: b["code"] == 200, 60)
            assert up["parts"]["workers"]["status"] == "up"
            assert up["parts"]["workers"]["detail"].startswith("1 alive, 0 silent")
            assert "queued: scans 0, analysis 0, notifications 0" in up["parts"]["workers"]["detail"]
            os.killpg(worker.pid, signal.SIGKILL)  # no goodbye: its registration stays, its beats stop
            worker.wait(10)
            down = await _health_until(app, lambda b: b["code"] == 503, 15)
            assert down["failing"] == ["workers"]
            assert "0 alive, 1 silent for over 3 s" in down["parts"]["workers"]["detail"]
        finally:
            if worker.poll() is None:
                os.killpg(worker.pid, signal.SIGKILL)
                worker.wait(10)
