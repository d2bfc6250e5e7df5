"""Issue 18, recovery without a person: ``loopwho scheduler`` (the real command, as a subprocess)
keeps ticking across a restart of its PostgreSQL, a private server this test starts, stops and
starts again, and logs the outage once when it starts and once when it ends."""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.conftest import free_port

pytestmark = pytest.mark.slow


def _pg_bin() -> Path | None:
    found = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"))
    if found:
        return found[-1].parent
    pg_ctl = shutil.which("pg_ctl")
    return Path(pg_ctl).parent if pg_ctl else None


class PostgresServer:
    """A throwaway PostgreSQL cluster (trust auth, 127.0.0.1 only) under a temp folder."""

    def __init__(self, root: Path) -> None:
        self.bin = _pg_bin()
        self.data = root / "pgdata"
        self.port = free_port()
        self.as_postgres = os.geteuid() == 0  # PostgreSQL refuses to run as root

    def _run(self, *args: str) -> None:
        cmd = [str(self.bin / args[0]), *args[1:]]
        if self.as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=60)

    def init(self) -> None:
        self.data.mkdir(parents=True)
        if self.as_postgres:
            shutil.chown(self.data, "postgres", "postgres")
            shutil.chown(self.data.parent, "postgres", "postgres")
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync")

    def start(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-w", "-l", str(self.data / "log"), "start", "-o",
                  f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.data} -c fsync=off")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-w", "-m", "fast", "stop")

    def url(self, db: str = "postgres") -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{db}"


@pytest.fixture
def private_postgres() -> Iterator[PostgresServer]:
    root = Path(tempfile.mkdtemp(prefix="loopwho-pg-"))  # not under pytest's 0700 folder: postgres reads it
    server = PostgresServer(root)
    if server.bin is None:
        pytest.skip("PostgreSQL server binaries are not installed")
    try:
        server.init()
        server.start()
        yield server
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            server.stop()
        shutil.rmtree(root, ignore_errors=True)


class Lines:
    """Collects a pipe's lines on a thread."""

    def __init__(self, pipe) -> None:
        self.lines: list[str] = []
        threading.Thread(target=self._read, args=(pipe,), daemon=True).start()

    def _read(self, pipe) -> None:
        for line in pipe:
            self.lines.append(line)

    def wait_for(self, predicate, timeout: float) -> bool:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if predicate(self.lines):
                return True
            time.sleep(0.1)
        return False


async def _create_database(server: PostgresServer) -> None:
    import asyncpg

    from store.migrate import apply_migrations

    admin = await asyncpg.connect(server.url())
    await admin.execute("CREATE DATABASE loopwho")
    await admin.close()
    await apply_migrations(server.url("loopwho"))


def scheduler_rides_out(env: dict[str, str], stop: Callable[[], None], start: Callable[[], None]) -> list[str]:
    """Run `loopwho scheduler` (ticking every 0.3 s) while ``stop`` and ``start`` take a service away
    and bring it back; it must stay up, pause and resume once each, and tick again. Its log lines."""
    proc = subprocess.Popen([sys.executable, "-m", "cli.main", "scheduler", "--interval", "0.3"],
                            env={**env, "LOOPWHO_SCHEDULER_MAX_BACKOFF_S": "1"}, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parents[2])
    out, err = Lines(proc.stdout), Lines(proc.stderr)
    try:
        assert out.wait_for(lambda lines: len(lines) >= 2, 30), "".join(err.lines)[-2000:]
        stop()
        assert err.wait_for(lambda lines: any("scheduler paused" in x for x in lines), 15), "".join(err.lines)
        time.sleep(2)  # several failed ticks during the outage
        assert proc.poll() is None, "".join(err.lines)[-2000:]
        ticks_before = len(out.lines)
        start()
        assert out.wait_for(lambda lines: len(lines) >= ticks_before + 3, 30), "".join(err.lines)[-2000:]
        assert proc.poll() is None
    finally:
        proc.terminate()
        proc.wait(15)
    logged = "".join(err.lines)
    assert logged.count("scheduler paused") == 1, logged
    assert logged.count("scheduler resumed") == 1, logged
    assert "Traceback" not in logged
    return err.lines


def test_scheduler_survives_a_postgres_restart(private_postgres: PostgresServer, settings_env: dict,
                                               redis_url: str) -> None:
    asyncio.run(_create_database(private_postgres))
    env = {**os.environ, "DATABASE_URL": private_postgres.url("loopwho"), "REDIS_URL": redis_url}
    scheduler_rides_out(env, private_postgres.stop, private_postgres.start)
