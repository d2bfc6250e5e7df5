"""The browser pool in real Chromium against a local HTTPS site."""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import time
from collections.abc import AsyncIterator

import psutil
import pytest
from playwright.async_api import Error as PlaywrightError

from core.types import Cookie, SessionProfile
from scanner.pool import CHROMIUM_ARGS, BrowserPool, PoolBusy, ScanContext
from tests.scanner.local_site import HostList, LocalSite

pytestmark = pytest.mark.browser
SITE = HostList(hosts=["a.test", "www.a.test"])


def profile(sid: str, **extra: object) -> SessionProfile:
    cookies = [
        Cookie(name="SID", value=sid, domain=".a.test", secure=True, httpOnly=True, sameSite="no_restriction",
               hostOnly=False),
        Cookie(name="__Host-GAPS", value=f"host-{sid}", domain="a.test", secure=True, hostOnly=True,
               sameSite="lax", expirationDate=time.time() + 3600),
    ]
    return SessionProfile(platform="google", cookies=cookies, **extra)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
async def pool(local_site: LocalSite) -> AsyncIterator[BrowserPool]:
    pool = BrowserPool(browsers=2, concurrency=4, resolve_rules=local_site.resolve_rule(),
                       ignore_https_errors=True, wait_timeout_s=30)
    yield pool
    await pool.close()


async def page_text(scan: ScanContext, url: str, selector: str = "body") -> str:
    page = await scan.new_page()
    await page.goto(url, wait_until="domcontentloaded")
    return await page.inner_text(selector)


async def test_each_scan_sees_only_its_own_cookies(pool: BrowserPool) -> None:
    async def scan_as(sid: str) -> tuple[str, str]:
        async with pool.session(profile(sid), SITE) as scan:
            own = await page_text(scan, "https://www.a.test/echo", "#cookies")
            await asyncio.sleep(0.2)  # overlap with the other user's scan
            again = await page_text(scan, "https://a.test/echo", "#cookies")
            return own, again

    (alice_sub, alice_host), (bob_sub, bob_host) = await asyncio.gather(scan_as("alice"), scan_as("bob"))
    assert alice_sub == "SID=alice" and bob_sub == "SID=bob"  # the host-only cookie stays on a.test
    assert "__Host-GAPS=host-alice" in alice_host and "bob" not in alice_host
    assert "__Host-GAPS=host-bob" in bob_host and "alice" not in bob_host


async def test_the_node_driver_runs_with_a_capped_heap_and_our_environment_is_left_alone(
        pool: BrowserPool) -> None:
    async with pool.session(profile("heap"), SITE) as scan:
        await page_text(scan, "https://a.test/")
    # the NODE_OPTIONS of each Python-launched driver under this process (other tests' drivers, not the
    # pool's, may run uncapped beside it)
    drivers = []
    for p in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):  # zombies and processes gone meanwhile say nothing
            if "run-driver" in p.cmdline() and p.environ().get("PW_LANG_NAME") == "python":
                drivers.append(p.environ().get("NODE_OPTIONS", ""))
    assert drivers, "no Playwright node driver under this process"
    assert any(f"--max-old-space-size={pool.driver_heap_mb}" in options for options in drivers), drivers
    assert "--max-old-space-size" not in os.environ.get("NODE_OPTIONS", "")


async def test_profile_user_agent_locale_timezone_viewport_apply(pool: BrowserPool) -> None:
    p = profile("ua", user_agent="LoopwhoTest/1.0", locale="de-DE", timezone="Europe/Berlin")
    async with pool.session(p, SITE) as scan:
        page = await scan.new_page()
        await page.goto("https://a.test/", wait_until="domcontentloaded")
        seen = await page.evaluate(
            "() => [navigator.userAgent, navigator.language,"
            " Intl.DateTimeFormat().resolvedOptions().timeZone, innerWidth]")
    assert seen == ["LoopwhoTest/1.0", "de-DE", "Europe/Berlin", 1280]


async def test_hosts_outside_the_allowlist_are_blocked_and_counted(
        pool: BrowserPool, local_site: LocalSite) -> None:
    local_site.requests.clear()
    async with pool.session(profile("x"), SITE) as scan:
        assert await page_text(scan, "https://a.test/subrequests", "#done") == "done"
        assert scan.blocked_requests == 1 and scan.blocked_hosts == {"tracker.example"}
        assert scan.skipped_resources == 1  # the image
        page = await scan.new_page()
        await page.goto("https://a.test/leave", wait_until="domcontentloaded")
        await page.wait_for_timeout(300)
        assert scan.blocked_requests == 2  # the navigation away was aborted too
        # a server-side redirect off the allowlist (Playwright's routes never see redirect hops)
        with pytest.raises(PlaywrightError, match="ERR_BLOCKED_BY_CLIENT"):
            await page.goto("https://a.test/redirect-out")
        assert scan.blocked_requests == 3
        assert scan.blocked_navigations[-1] == "https://tracker.example/landing"
    hosts = {host for host, _ in local_site.requests}
    assert "tracker.example" not in hosts
    assert ("a.test", "/pixel.png") not in local_site.requests


async def test_websockets_and_service_workers_pass_the_same_host_guard(
        pool: BrowserPool, local_site: LocalSite) -> None:
    local_site.requests.clear()
    async with pool.session(profile("ws"), SITE) as scan:
        page = await scan.new_page()
        await page.goto("https://a.test/sockets", wait_until="domcontentloaded")
        await page.wait_for_function("document.getElementById('done').textContent !== 'waiting'", timeout=10_000)
        seen = await page.inner_text("#done")
        assert scan.blocked_hosts == {"tracker.example"}
    # (Playwright's "block" answers register() with no registration)
    assert seen == "off:1008,own:closed,sw:none"
    # the allowed socket's handshake reached the site; the other one never left the browser
    assert ("a.test", "/socket") in local_site.requests
    assert "tracker.example" not in {host for host, _ in local_site.requests}
    assert ("a.test", "/sw.js") not in local_site.requests


async def test_a_killed_browser_is_replaced_and_the_scan_retried(pool: BrowserPool) -> None:
    attempts: list[int] = []

    async def work(scan: ScanContext) -> str:
        attempts.append(scan.browser_pid or 0)
        if len(attempts) == 1:
            page = await scan.new_page()
            navigation = asyncio.ensure_future(page.goto("https://a.test/slow"))
            await asyncio.sleep(0.5)
            psutil.Process(scan.browser_pid).kill()  # the browser crashes mid-scan
            await navigation
        return await page_text(scan, "https://www.a.test/echo", "#cookies")

    retried = pool.stats["retried"]
    assert await pool.run(profile("crash"), SITE, work) == "SID=crash"
    assert len(attempts) == 2 and attempts[0] != attempts[1]
    assert pool.stats["retried"] == retried + 1
    assert not psutil.pid_exists(attempts[0]) or psutil.Process(attempts[0]).status() == psutil.STATUS_ZOMBIE


async def test_waiting_for_a_slot_times_out_with_pool_busy(local_site: LocalSite) -> None:
    pool = BrowserPool(browsers=1, concurrency=1, wait_timeout_s=0.5, resolve_rules=local_site.resolve_rule(),
                       ignore_https_errors=True)
    try:
        async with pool.session(profile("first"), SITE):
            with pytest.raises(PoolBusy, match=r"no browser slot became free within 0\.5s"):
                async with pool.session(profile("second"), SITE):
                    pass
        async with pool.session(profile("third"), SITE) as scan:  # the slot is free again
            assert await page_text(scan, "https://www.a.test/echo", "#cookies") == "SID=third"
    finally:
        await pool.close()


async def test_browsers_are_retired_by_count_and_by_memory_and_close_leaves_nothing(
        local_site: LocalSite) -> None:
    pool = BrowserPool(browsers=1, concurrency=2, contexts_per_browser=2,
                       resolve_rules=local_site.resolve_rule(), ignore_https_errors=True)
    pids = []
    for n in range(3):
        async with pool.session(profile(f"u{n}"), SITE) as scan:
            await page_text(scan, "https://a.test/")
            pids.append(scan.browser_pid)
    assert pids[0] == pids[1] != pids[2]
    assert pool.stats["launched"] == 2 and pool.stats["retired"] == 1
    await asyncio.sleep(0.5)
    assert not any(p.pid == pids[0] for p in pool.processes())

    # a memory bound below what any browser needs retires the browser after its first context
    pool.max_pss_bytes, pool.memory_check_interval_s = 1, 0
    async with pool.session(profile("mem"), SITE) as scan:
        await page_text(scan, "https://a.test/")
    assert pool.stats["retired"] == 2

    async with pool.session(profile("last"), SITE) as scan:
        await page_text(scan, "https://a.test/")
    processes = pool.processes()
    assert len(processes) >= 3  # browser, zygotes, renderer, ...
    await pool.close()
    await asyncio.sleep(0.2)
    alive = [p for p in processes if p.is_running() and p.status() != psutil.STATUS_ZOMBIE]
    assert alive == [] and pool.processes() == []
    assert pool.stats["stragglers_killed"] == 0  # Chromium went away by itself


async def test_attaches_to_a_remote_browser_server(local_site: LocalSite, tmp_path) -> None:
    config = tmp_path / "server.json"
    config.write_text(json.dumps({
        "executablePath": "/usr/lib/chromium/chromium", "headless": True, "port": 0,
        "args": [*CHROMIUM_ARGS, f"--host-resolver-rules={local_site.resolve_rule()}"],
    }))
    server = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "playwright", "launch-server", "--browser", "chromium", "--config", str(config),
        stdout=asyncio.subprocess.PIPE, start_new_session=True)  # its own group: node and chromium too
    try:
        assert server.stdout is not None
        endpoint = (await asyncio.wait_for(server.stdout.readline(), 30)).decode().strip()
        assert endpoint.startswith("ws://")
        pool = BrowserPool(ws_endpoints=endpoint, concurrency=2, ignore_https_errors=True)
        try:
            async with pool.session(profile("remote"), SITE) as scan:
                assert scan.browser_label.startswith("remote")
                assert await page_text(scan, "https://www.a.test/echo", "#cookies") == "SID=remote"
                assert pool.browser_pids() == []  # nothing launched here
        finally:
            await pool.close()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        await asyncio.wait_for(server.wait(), 10)
