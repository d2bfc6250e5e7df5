"""Shared fixtures: a fresh PostgreSQL database per test session (migrated), a clean Redis database,
and settings that point at them. Real services only; ./scripts/setup provides them."""

from __future__ import annotations

import os
import secrets
import socket
import subprocess
import time
import urllib.parse
from collections.abc import AsyncIterator, Iterator

import asyncpg
import pytest
import redis

from standins.platforms import Simulator
from standins.resend import ResendStandin

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/loopwho"


def _with_db(url: str, name: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit(parts._replace(path=f"/{name}"))


@pytest.fixture(scope="session")
def server_database_url() -> str:
    return os.environ.get("DATABASE_URL", DEFAULT_DATABASE_URL)


@pytest.fixture(scope="session")
async def database_url(server_database_url: str) -> AsyncIterator[str]:
    """A brand-new database for this test session, with every migration applied."""
    from store.migrate import apply_migrations

    name = f"loopwho_test_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(_with_db(server_database_url, "postgres"))
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    url = _with_db(server_database_url, name)
    await apply_migrations(url)
    yield url
    admin = await asyncpg.connect(_with_db(server_database_url, "postgres"))
    try:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def redis_server_url(tmp_path_factory) -> Iterator[str]:
    """A private redis-server for this test session (the real binary, on a free port), so parallel
    runs never flush each other's data and tests may stop it."""
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    proc = subprocess.Popen(
        ["redis-server", "--bind", "127.0.0.1", "--port", str(port), "--save", "", "--appendonly", "no",
         "--dir", str(workdir)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    client.close()
    yield url
    proc.terminate()
    proc.wait(10)


@pytest.fixture
def redis_url(redis_server_url: str) -> Iterator[str]:
    """The session's private Redis, flushed before and after each test."""
    client = redis.Redis.from_url(redis_server_url)
    client.flushall()
    yield redis_server_url
    client.flushall()
    client.close()


@pytest.fixture
def settings_env(database_url: str, redis_url: str, tmp_path, monkeypatch) -> dict[str, str]:
    """Environment for code that calls core.settings.get_settings(): real services, temp blob dir."""
    from core.crypto import generate_key
    from core.settings import get_settings

    env = {
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "LOOPWHO_BLOB_DIR": str(tmp_path / "privacy-data"),
        "LOOPWHO_ENCRYPTION_KEYS": f"t1:{generate_key()}",
        "LOOPWHO_JWT_SECRET": secrets.token_urlsafe(32),
        "LOOPWHO_HOME": str(tmp_path / "home"),
    }
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    get_settings.cache_clear()
    yield env
    get_settings.cache_clear()


@pytest.fixture(scope="module")
def simulator() -> Iterator[Simulator]:
    """The platform simulators (classic variant), one per test module."""
    with Simulator() as sim:
        yield sim


@pytest.fixture(scope="module")
def sim(simulator: Simulator) -> Simulator:
    """The same simulators, under the short name the scanner and simulator tests use."""
    return simulator


@pytest.fixture
def resend_standin() -> Iterator[ResendStandin]:
    """The local Resend stand-in that records what the resend SDK sent it."""
    standin = ResendStandin(api_key="re_test_suite")
    standin.start()
    yield standin
    standin.stop()
