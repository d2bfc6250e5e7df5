"""Remote browser hosts (issue 13 part 3): `loopwho browsers` serves Debian's Chromium with the pool's
flags; two worker processes share one host and scan several users without their sessions mixing; a
pool with two hosts survives one going away (in-flight scan retried on the other, host retried later)."""

from __future__ import annotations

import asyncio
import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator

import psutil
import pytest
import redis

from core.types import SessionProfile
from jobs.queues import enqueue_scan
from jobs.runtime import Runtime
from scanner.browser_host import server_config
from scanner.pool import CHROMIUM_ARGS, BrowserLost, BrowserPool
from standins.platforms import Simulator
from store import jobs as scan_jobs
from store import snapshots
from tests.conftest import free_port
from tests.jobs.conftest import connect

pytestmark = pytest.mark.browser


class _Host:
    def __init__(self, resolve: str, port: int | None = None) -> None:
        self.port = port or free_port()
        self.resolve = resolve
        self.proc: subprocess.Popen[str] | None = None
        self.endpoint = f"ws://127.0.0.1:{self.port}/loopwho-test"

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "cli.main", "browsers", "--port", str(self.port), "--ws-path", "loopwho-test",
             "--resolve", self.resolve], stdout=subprocess.PIPE, text=True, start_new_session=True)
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().strip()
        assert line == self.endpoint, line

    def kill(self) -> None:
        """The host goes away at once (every process of it: the command, Playwright's node server and
        Chromium, which Playwright starts in a process group of its own), as a crashed machine would."""
        if self.proc is not None and self.proc.poll() is None:
            root = psutil.Process(self.proc.pid)
            tree = [root, *root.children(recursive=True)]
            for proc in tree:
                with contextlib.suppress(psutil.NoSuchProcess):
                    proc.kill()
            psutil.wait_procs(tree, timeout=10)
            self.proc.wait(10)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(15)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
def host(simulator: Simulator) -> Iterator[_Host]:
    h = _Host(simulator.resolve_rule())
    h.start()
    yield h
    h.stop()


def test_server_config_uses_the_pools_binary_and_flags() -> None:
    config = server_config(port=9333, ws_path="w", resolve_rules="MAP a.test 127.0.0.1:1")
    assert config["args"][: len(CHROMIUM_ARGS)] == list(CHROMIUM_ARGS)  # type: ignore[index]
    assert "--host-resolver-rules=MAP a.test 127.0.0.1:1" in config["args"]  # type: ignore[operator]
    assert config["headless"] is True and config["port"] == 9333 and config["wsPath"] == "/w"
    assert str(config["executablePath"]).startswith("/usr/lib/chromium/")


def _pinned_playwright() -> str:
    import importlib.metadata
    import tomllib

    with open("pyproject.toml", "rb") as f:
        deps = tomllib.load(f)["project"]["dependencies"]
    [pin] = [d for d in deps if d.startswith("playwright")]
    assert pin == f"playwright=={importlib.metadata.version('playwright')}", pin
    return pin


def test_playwright_is_pinned_to_the_installed_version() -> None:
    _pinned_playwright()


async def test_two_worker_processes_share_one_browser_host(
    runtime: Runtime, simulator: Simulator, host: _Host
) -> None:
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    db = await runtime.db()
    # two users per platform whose settings differ: a context that saw another's cookies would read
    # the other account's values
    flips = {"google": "youtube_history", "facebook": "partner_ads", "microsoft": "search_history"}
    people, jobs = [], []
    for platform, key in flips.items():
        for n, value in enumerate(("on", "off")):
            who = await connect(runtime, simulator, platform, f"host{platform[:2]}{n}")
            simulator.set_setting(platform, who.account, key, value)
            job, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
            enqueue_scan(conn, runtime.settings, job.id)
            people.append(who)
            jobs.append(job.id)

    env = {k: v for k, v in os.environ.items() if k.startswith(("LOOPWHO_", "DATABASE_URL", "REDIS_URL",
                                                                 "RESEND_", "PATH", "HOME"))}
    env.update({"LOOPWHO_JOB_RETRIES": "0", "PYTHONPATH": os.getcwd(),
                "LOOPWHO_BROWSER_WS_ENDPOINTS": host.endpoint})
    def burst() -> subprocess.Popen[str]:
        return subprocess.Popen([sys.executable, "-m", "cli.main", "--log-level", "INFO", "worker", "--burst",
                                 "--concurrency", "2"], env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE, text=True)

    workers = [await asyncio.to_thread(burst) for _ in range(2)]
    outputs = [await asyncio.to_thread(w.communicate, timeout=300) for w in workers]
    for w, (_out, err) in zip(workers, outputs, strict=True):
        assert w.returncode == 0, err[-3000:]
    # nothing was launched locally: every context was the host's
    assert all("local#" not in err for _out, err in outputs)
    for who, job_id in zip(people, jobs, strict=True):
        job = await scan_jobs.get_job(db, who.user_id, job_id)
        assert job.status == "done", job
        snap = await snapshots.snapshot_for_job(db, who.user_id, job_id)
        assert snap is not None
        read = {r["key"]: r["value"] for r in snap.readings}
        expected = simulator.get_settings(who.platform, who.account)
        assert read[flips[who.platform]] == expected[flips[who.platform]], (who.account, read)


class _Anything:
    block_resources: tuple[str, ...] = ()

    def allows_host(self, host: str) -> bool:
        return True


async def test_a_pool_survives_a_browser_host_going_away(simulator: Simulator) -> None:
    a, b = _Host(simulator.resolve_rule()), _Host(simulator.resolve_rule())
    a.start()
    b.start()
    pool = BrowserPool(ws_endpoints=[a.endpoint, b.endpoint], concurrency=2, ignore_https_errors=True,
                       host_retry_s=1.0)
    cookies = simulator.sign_in("google", "hostgone")
    profile = SessionProfile(platform="google", cookies=cookies)
    try:
        # two scans at once land on the two hosts
        async def hold(scan) -> str:
            await asyncio.sleep(0.5)
            return scan.browser_label
        await asyncio.gather(pool.run(profile, _Anything(), hold), pool.run(profile, _Anything(), hold))
        assert pool.stats["launched"] == 2

        # host A dies under an in-flight scan: run() retries it on B
        attempts: list[str] = []

        async def dies_first(scan) -> str:
            attempts.append(scan.browser_label)
            page = await scan.new_page()
            if len(attempts) == 1:
                await asyncio.to_thread((a, b)[scan._slot.index].kill)
            await page.goto("https://myaccount.google.com/", timeout=10_000)
            return await page.title()

        await pool.run(profile, _Anything(), dies_first)
        assert len(attempts) == 2 and attempts[0] != attempts[1]
        assert pool.stats["lost"] == 1 and pool.stats["retried"] == 1
        dead = a if a.proc is not None and a.proc.poll() is not None else b
        # while it is away, scans go to the other host without waiting on it
        start = time.monotonic()
        for _ in range(3):
            await pool.run(profile, _Anything(), lambda scan: asyncio.sleep(0))
        assert time.monotonic() - start < 8
        # back at the same endpoint: after its retry delay the pool attaches to it again
        dead.start()
        await asyncio.sleep(2.5)
        launched = pool.stats["launched"]
        await asyncio.gather(*(pool.run(profile, _Anything(), hold) for _ in range(2)))
        assert pool.stats["launched"] == launched + 1
    finally:
        await pool.close()
        a.stop()
        b.stop()


async def test_no_host_reachable_is_a_browser_loss(simulator: Simulator) -> None:
    pool = BrowserPool(ws_endpoints=[f"ws://127.0.0.1:{free_port()}/none"], concurrency=1)
    try:
        with pytest.raises(BrowserLost, match="no browser host is reachable"):
            async with pool.session(None, _Anything()):
                pass
    finally:
        await pool.close()
