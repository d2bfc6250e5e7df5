"""Fault fixtures: a private redis-server that a test may stop, start again on the same port, pause
or flush, and the API over it (the private PostgreSQL is in test_scheduler_restart.py)."""

from __future__ import annotations

import subprocess
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import msgspec
import pytest
import redis
from litestar import Litestar

from api.app import create_app, lifespan
from core.settings import Settings, load_settings
from tests.conftest import free_port


class RedisServer:
    """One redis-server process on a fixed port; ``stop`` and ``start`` keep the port."""

    def __init__(self, workdir: Path) -> None:
        self.port = free_port()
        self.workdir = workdir
        self.proc: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            ["redis-server", "--bind", "127.0.0.1", "--port", str(self.port), "--save", "", "--appendonly", "no",
             "--dir", str(self.workdir)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        client = redis.Redis.from_url(self.url)
        try:
            for _ in range(200):
                try:
                    client.ping()
                    return
                except redis.ConnectionError:
                    time.sleep(0.02)
            raise RuntimeError("redis-server did not start")
        finally:
            client.close()

    def stop(self) -> None:
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait(10)
            self.proc = None

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url)


@pytest.fixture
def own_redis(tmp_path: Path) -> Iterator[RedisServer]:
    server = RedisServer(tmp_path)
    server.start()
    yield server
    server.stop()


@pytest.fixture
def fault_settings(settings_env: dict[str, str], own_redis: RedisServer) -> Settings:
    return msgspec.structs.replace(load_settings(), redis_url=own_redis.url)


@pytest.fixture
async def fault_app(fault_settings: Settings) -> AsyncIterator[Litestar]:
    app = create_app(fault_settings)
    async with lifespan(app):
        yield app
