"""Shared fixtures: a fresh PostgreSQL database per test session (migrated), a clean Redis database,
and settings that point at them. Real services only; ./scripts/setup provides them."""

from __future__ import annotations

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path

import asyncpg
import httpx
import pytest
import redis

from standins.platforms import Simulator
from standins.resend import ResendStandin

DEFAULT_DATABASE_URL = "postgresql://postgres@127.0.0.1:5432/loopwho"
REPO = Path(__file__).resolve().parents[1]


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


@contextmanager
def running_worker(env: dict[str, str], simulator: Simulator, log: Path) -> Iterator[Path]:
    """`loopwho worker` with `env`, in a process of its own (main() in-process would bind structlog to a
    captured stream), scanning the platform simulators; yields its log (stderr), stops it on exit."""
    worker_env = {**os.environ, **env, "LOOPWHO_BROWSER_RESOLVE_RULES": simulator.resolve_rule(),
                  "LOOPWHO_BROWSER_IGNORE_HTTPS_ERRORS": "true"}
    with log.open("wb") as stderr:  # the child holds its own copy of the handle
        proc = subprocess.Popen([sys.executable, "-m", "cli.main", "worker"], cwd=REPO, env=worker_env,
                                stdout=subprocess.DEVNULL, stderr=stderr)
    try:
        yield log
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:  # a scan in flight may hold it past SIGTERM
            proc.kill()
            proc.wait(10)


def stop_group(proc: subprocess.Popen, grace_s: float = 20) -> None:
    """Stop a process started with ``start_new_session=True`` and everything it started (its driver,
    its browsers): SIGTERM, then SIGKILL when a scan in flight holds it past ``grace_s``."""
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(grace_s)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait(10)


def start_serve(env: dict[str, str], port: int, log: Path, timeout_s: float = 90) -> subprocess.Popen:
    """`loopwho serve --port PORT` with `env`, in a process of its own; returns once /api/health answers
    (a loaded 2-core machine can take long to import everything and bind)."""
    with log.open("wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--port", str(port)], cwd=REPO,
                                env={**os.environ, **env}, stdout=subprocess.DEVNULL, stderr=stderr)
    deadline = time.monotonic() + timeout_s
    while True:
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/health", timeout=1).status_code in (200, 503):
                return proc
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            raise RuntimeError(f"loopwho serve did not start: {log.read_text()[-2000:]}")
        time.sleep(0.1)


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


# The files that take longest (pytest --durations on this 2-core machine), started first: scripts/test
# runs two xdist workers that take whole files (--dist loadfile, --no-loadscope-reorder), and a long
# file drawn last would leave one worker waiting on the other.
SLOWEST_FIRST = (
    "tests/scanner/test_redteam_pages.py",
    "tests/scanner/test_redteam_pages_4.py",
    "tests/packs_lifecycle/test_redesign_worked_example.py",
    "tests/scanner/test_redteam_pages_3.py",
    "tests/scanner/test_generated_corpus.py",
    "tests/scanner/test_redteam_pages_5.py",
    "tests/jobs/test_concurrent_worker.py",
    "tests/jobs/test_duties.py",
    "tests/scanner/test_redteam_pages_2.py",
    "tests/jobs/test_pipeline.py",
    "tests/packs_lifecycle/test_reextract.py",
    "tests/api/test_schemathesis.py",
)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    rank = {path: at for at, path in enumerate(SLOWEST_FIRST)}
    items.sort(key=lambda item: rank.get(item.nodeid.split("::", 1)[0], len(rank)))  # stable: files keep their order
