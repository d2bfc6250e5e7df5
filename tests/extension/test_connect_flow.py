"""Least privilege and least data, end to end in real Chromium with the extension loaded, against
the real API, a worker and the platform simulators: connect one platform (only its hosts are
granted), the server stores only the cookies the pack names, a scan reads what the simulator holds;
disconnect takes the hosts back and revokes the jar; a session that ends shows on the badge, and
after signing in again one click reconnects it.

Chrome's permission prompt cannot be clicked headless: the sites are approved beforehand on
chrome://extensions ("Site access", see conftest.approve_sites), and the popup's own
chrome.permissions.request then resolves granted without a prompt."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import asyncpg
import pytest
from playwright.async_api import Locator, Page
from playwright.async_api import TimeoutError as PlaywrightTimeout

from core.crypto import KeyRing
from packs.loading import load_default_pack
from profiles.sealing import open_jar
from scanner.cookies import to_playwright_cookies
from standins.platforms import Simulator
from tests.extension.conftest import (
    LoadedExtension,
    RunningApi,
    granted_origins,
    pair_in_popup,
    wait_for,
)

GOOGLE_HOSTS = {"https://*.google.com/*"}
SERVER_HOST = "http://127.0.0.1/*"
# what a signed-in browser holds besides the session: never handed over
NOISE = [{"name": "NID", "value": "prefs", "domain": ".google.com", "path": "/", "secure": True, "expires": -1},
         {"name": "OTZ", "value": "analytics", "url": "https://myaccount.google.com/"}]


@pytest.fixture(scope="module")
def approved_sites() -> list[str]:
    """The user would allow Google and Facebook; the extension must take only what it connects."""
    return ["https://*.google.com/*", "https://*.facebook.com/*"]


async def stored_cookie_names(settings_env: dict[str, str], user_id: str, platform: str) -> set[str]:
    conn = await asyncpg.connect(settings_env["DATABASE_URL"])
    try:
        sealed = await conn.fetchval("SELECT cookie_jar_enc FROM session_profiles WHERE user_id = $1::uuid "
                                     "AND platform = $2", user_id, platform)
    finally:
        await conn.close()
    keys = KeyRing.parse(settings_env["LOOPWHO_ENCRYPTION_KEYS"])
    return {c.name for c in open_jar(keys, user_id, platform, sealed)}


async def scan_to_the_end(extension: LoadedExtension, row: Locator, worker_log: Path) -> str:
    """Scan now from the popup; the scan's final state once the extension followed it to the end."""
    started = time.time() * 1000
    await row.locator("button[data-action=scan-now]").click()
    try:
        stored = await wait_for(extension, lambda s: s["scans"]["google"]["startedAt"] >= started
                                and s["scans"]["google"].get("finishedAt"), 120)
    except AssertionError as error:
        log = await asyncio.to_thread(worker_log.read_text)
        raise AssertionError(f"{error}; worker log: {log[-1500:]}") from None
    return stored["scans"]["google"]["state"]


async def dashboard_values(api: RunningApi, extension: LoadedExtension, platform: str) -> tuple[str, dict]:
    body = await api.as_extension(extension, "GET", "/api/privacy/dashboard")
    mine = next(p for p in body["platforms"] if p["platform"] == platform)
    return mine["last_scan_status"], {s["key"]: s["value"] for s in mine["settings"]}


async def connect_google(popup: Page) -> None:
    google = popup.locator("li.platform[data-platform=google]")
    assert "Google's sites" in await google.locator(".why").inner_text()  # why it asks, in one sentence
    await google.locator("button[data-action=connect]").click()
    try:
        await google.locator('.state[data-state="connected"]').wait_for()
    except PlaywrightTimeout:
        said = await popup.locator("#error").inner_text()
        raise AssertionError(f"Google did not connect; the popup said {said!r}") from None


async def test_connect_grants_one_platform_stores_only_named_cookies_scans_and_disconnects(
    fresh: LoadedExtension, api_server: RunningApi, simulator: Simulator, settings_env: dict[str, str],
    worker: Path,
) -> None:
    account, csrf = await api_server.new_account()
    user_id = (await account.get("/api/auth/me")).json()["id"]
    assert await granted_origins(fresh) == set()
    await pair_in_popup(fresh, api_server, await api_server.pairing_code(account, csrf))
    assert await granted_origins(fresh) == {SERVER_HOST}  # asked for at the Pair click
    assert await fresh.badge_text() == ""  # paired, nothing connected

    name = f"least{time.time_ns()}"
    simulator.set_setting("google", name, "web_app_activity", "off")
    await fresh.context.add_cookies([*to_playwright_cookies(simulator.sign_in("google", name)), *NOISE])
    popup = await fresh.open_popup()
    try:
        await connect_google(popup)
        assert await granted_origins(fresh) == {SERVER_HOST, *GOOGLE_HOSTS}  # not Facebook's
        scripts = await fresh.worker.evaluate("chrome.scripting.getRegisteredContentScripts()")
        assert {s["id"] for s in scripts} == {"connect-bridge", "reader-google"}
        pack = load_default_pack("google")
        assert pack.cookies is not None
        assert await stored_cookie_names(settings_env, user_id, "google") == {r.name for r in pack.cookies.session}
        assert await fresh.badge_text() == "✓"

        google = popup.locator("li.platform[data-platform=google]")
        assert await scan_to_the_end(fresh, google, worker) == "done"
        status, values = await dashboard_values(api_server, fresh, "google")
        truth = simulator.get_settings("google", name)
        assert status == "ok" and values == {s.key: truth[s.key] for s in pack.settings}
        assert values["web_app_activity"] == "off"

        await google.locator("button[data-action=disconnect]").click()
        await google.locator('.state[data-state="not connected"]').wait_for()
        assert await granted_origins(fresh) == {SERVER_HOST}
        scripts = await fresh.worker.evaluate("chrome.scripting.getRegisteredContentScripts()")
        assert {s["id"] for s in scripts} == {"connect-bridge"}
        state = (await api_server.services(fresh))["google"]
        assert state["status"] == "revoked" and state["cookie_count"] == 0
        assert await fresh.worker.evaluate("chrome.alarms.get('handoff:google')") is None
        assert await fresh.badge_text() == ""
    finally:
        await popup.close()
        await account.aclose()


async def test_reauth_shows_on_the_badge_and_one_click_reconnects(
    fresh: LoadedExtension, api_server: RunningApi, simulator: Simulator, worker: Path,
) -> None:
    account, csrf = await api_server.new_account()
    await pair_in_popup(fresh, api_server, await api_server.pairing_code(account, csrf))
    name = f"reauth{time.time_ns()}"
    await fresh.context.add_cookies(to_playwright_cookies(simulator.sign_in("google", name)))
    popup = await fresh.open_popup()
    try:
        await connect_google(popup)
        google = popup.locator("li.platform[data-platform=google]")

        simulator.expire_session("google", name)  # the platform ends the session
        assert await scan_to_the_end(fresh, google, worker) == "reauth_required"
        await google.locator('.state[data-state="reauth_required"]').wait_for()
        assert await fresh.badge_text() == "!"
        assert (await api_server.services(fresh))["google"]["status"] == "reauth_required"
        assert await google.locator("button[data-action=reconnect]").is_hidden()  # nothing fresh yet

        # the user signs in to Google again in this browser: the popup offers the fresh session,
        # and without standing consent nothing is handed over by itself
        await fresh.context.add_cookies(to_playwright_cookies(simulator.sign_in("google", name)))
        await google.locator("button[data-action=reconnect]").wait_for()
        assert (await api_server.services(fresh))["google"]["status"] == "reauth_required"
        await google.locator(".remember").check()
        await google.locator("button[data-action=reconnect]").click()
        await google.locator('.state[data-state="connected"]').wait_for()
        assert await fresh.badge_text() == "✓"
        stored = await wait_for(fresh, lambda s: s["platforms"]["google"]["autoReconnect"] is True)
        assert stored["platforms"]["google"]["reconnectReady"] is False

        assert await scan_to_the_end(fresh, google, worker) == "done"
        status, values = await dashboard_values(api_server, fresh, "google")
        assert status == "ok" and None not in values.values()

        # standing consent: the next fresh session after a reauth goes over without a click. (The
        # free plan allows two scans now a day, so the reauth comes the way a sync would bring it.)
        handed_at = stored["platforms"]["google"]["handoffAt"]
        await fresh.worker.evaluate("""async () => {
            const { platforms } = await chrome.storage.local.get("platforms");
            platforms.google.state = "reauth_required";
            await chrome.storage.local.set({ platforms });
        }""")
        await google.locator('.state[data-state="reauth_required"]').wait_for()
        await fresh.context.add_cookies(to_playwright_cookies(simulator.sign_in("google", name)))
        await google.locator('.state[data-state="connected"]').wait_for()
        stored = await wait_for(fresh, lambda s: s["platforms"]["google"]["handoffAt"] > handed_at)
        assert stored["platforms"]["google"]["reconnectReady"] is False
    finally:
        await popup.close()
        await account.aclose()


CONNECT_PAGE = b"""<!doctype html><title>Connect</title>
<table><tr data-loopwho-platform="google"><th>Google</th><td>
  <button data-loopwho-connect="google">Connect Google</button>
  <button data-loopwho-disconnect="google">Disconnect Google</button></td></tr></table>
<script>document.addEventListener("loopwho:state", (event) => { window.lastState = event.detail; });</script>"""


@pytest.fixture
def connect_page() -> Iterator[str]:
    """A stand-in for the web app's /connect page, on the server's (loopback) host."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(CONNECT_PAGE)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/connect"
    httpd.shutdown()


async def test_the_connect_page_starts_a_connect_and_a_disconnect_through_the_bridge(
    fresh: LoadedExtension, api_server: RunningApi, simulator: Simulator, connect_page: str,
) -> None:
    account, csrf = await api_server.new_account()
    await pair_in_popup(fresh, api_server, await api_server.pairing_code(account, csrf))
    await fresh.context.add_cookies(to_playwright_cookies(simulator.sign_in("google", f"page{time.time_ns()}")))
    page = await fresh.context.new_page()
    try:
        await page.goto(connect_page)
        row = page.locator("tr[data-loopwho-platform=google]")
        await page.locator("html[data-loopwho-extension][data-loopwho-paired=true]").wait_for(state="attached")
        await page.locator('tr[data-loopwho-state="not_connected"][data-loopwho-access="false"]').wait_for()

        # the page's button opens the extension's own Connect window; the click there asks for access
        async with fresh.context.expect_page() as opened:
            await row.locator("button[data-loopwho-connect]").click()
        window = await opened.value
        await window.wait_for_load_state()
        assert "Google's sites" in await window.locator("#why").inner_text()
        await window.locator("#allow").click()
        await window.locator("#done").filter(has_text="Google is connected").wait_for()
        await page.locator('tr[data-loopwho-state="connected"][data-loopwho-access="true"]').wait_for()
        assert (await page.evaluate("window.lastState.platforms.google"))["connected"] is True
        assert await granted_origins(fresh) >= GOOGLE_HOSTS

        await row.locator("button[data-loopwho-disconnect]").click()
        await page.locator('tr[data-loopwho-state="not_connected"][data-loopwho-access="false"]').wait_for()
        assert await granted_origins(fresh) == {SERVER_HOST}
        assert (await api_server.services(fresh))["google"]["status"] == "revoked"
    finally:
        await page.close()
        await account.aclose()
