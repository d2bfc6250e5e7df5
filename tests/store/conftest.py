"""Store fixtures: private databases (so global analytics see only this room's rows), a pool with
the store's codecs, users to own data, and a real moto_server for S3."""

from __future__ import annotations

import secrets
import subprocess
import time
import urllib.request
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import asyncpg
import pytest

from store.db import connect_pool
from store.migrate import apply_migrations
from tests.conftest import _with_db, free_port

VENV_BIN = Path(__file__).resolve().parents[2] / ".venv" / "bin"


@pytest.fixture(scope="session")
async def new_database(server_database_url: str) -> AsyncIterator[Callable[[], Awaitable[str]]]:
    """A factory of empty databases (no migrations), all dropped at the end of the session."""
    made: list[str] = []

    async def make() -> str:
        name = f"loopwho_store_{secrets.token_hex(4)}"
        admin = await asyncpg.connect(_with_db(server_database_url, "postgres"))
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()
        made.append(name)
        return _with_db(server_database_url, name)

    yield make
    admin = await asyncpg.connect(_with_db(server_database_url, "postgres"))
    try:
        for name in made:
            await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await admin.close()


@pytest.fixture(scope="session")
async def store_database_url(new_database: Callable[[], Awaitable[str]]) -> str:
    url = await new_database()
    await apply_migrations(url)
    return url


@pytest.fixture(scope="session")
async def pool(store_database_url: str) -> AsyncIterator[asyncpg.Pool]:
    pool = await connect_pool(store_database_url, min_size=1, max_size=4)
    yield pool
    await pool.close()


@pytest.fixture
async def make_user(pool: asyncpg.Pool) -> Callable[..., Awaitable[str]]:
    from store import users

    async def make(role: str = "user") -> str:
        user = await users.create_user(pool, f"{secrets.token_hex(5)}@example.test", role=role)
        return user.id

    return make


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """A real moto_server process (the S3 wire protocol) on a free port."""
    port = free_port()
    proc = subprocess.Popen([str(VENV_BIN / "moto_server"), "-H", "127.0.0.1", "-p", str(port)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("moto_server did not start") from None
            time.sleep(0.1)
    yield url
    proc.terminate()
    proc.wait(10)
