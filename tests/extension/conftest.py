"""Fixtures for the extension's tests: Debian's Chromium with the unpacked extension loaded (one
browser per module), and helpers to reach its service worker and popup."""

from __future__ import annotations

import asyncio
import json
import secrets
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import BrowserContext, Page, Playwright, Worker, async_playwright

from scanner.pool import CHROMIUM_ARGS
from standins.platforms import Simulator
from tests.conftest import free_port, running_worker, start_serve

EXTENSION_DIR = Path(__file__).resolve().parents[2] / "extension"
CHROMIUM = "/usr/lib/chromium/chromium"
PLATFORM_HOSTS = {
    "https://*.google.com/*", "https://*.facebook.com/*", "https://*.microsoft.com/*", "https://*.live.com/*",
    "https://*.microsoftonline.com/*",
}


@dataclass
class LoadedExtension:
    context: BrowserContext
    worker: Worker
    id: str

    def url(self, path: str) -> str:
        return f"chrome-extension://{self.id}/{path.lstrip('/')}"

    async def open_popup(self) -> Page:
        page = await self.context.new_page()
        await page.goto(self.url("popup/popup.html"))
        return page

    async def storage(self) -> dict[str, Any]:
        return await self.worker.evaluate("chrome.storage.local.get(null)")

    async def badge_text(self) -> str:
        return await self.worker.evaluate("chrome.action.getBadgeText({})")


async def wait_for(
    extension: LoadedExtension, predicate: Callable[[dict[str, Any]], bool], timeout_s: float = 20,
) -> dict[str, Any]:
    """Poll the extension's storage until ``predicate`` holds; returns that storage."""
    deadline = time.monotonic() + timeout_s
    while True:
        stored = await extension.storage()
        try:
            if predicate(stored):
                return stored
        except (KeyError, TypeError):
            pass
        if time.monotonic() > deadline:
            shown = {k: v for k, v in stored.items() if k not in ("auth",)}  # tokens stay out of reports
            raise AssertionError(f"the extension's storage never got there: {json.dumps(shown)[:3000]}")
        await asyncio.sleep(0.1)


async def approve_sites(extension: LoadedExtension, patterns: Sequence[str]) -> None:
    """Approve sites for the extension the way a user can ahead of time: chrome://extensions, "Site
    access", "On specific sites" (its page's own chrome.developerPrivate.addHostPermission). Chrome's
    permission prompt cannot be clicked headless; an approved site makes the extension's real
    chrome.permissions.request (from a click in its popup) resolve granted without a prompt. The
    approval grants nothing by itself: the extension holds only what it then asks for."""
    page = await extension.context.new_page()
    try:
        await page.goto("chrome://extensions")
        for pattern in patterns:
            await page.evaluate("([id, p]) => chrome.developerPrivate.addHostPermission(id, p)",
                                [extension.id, pattern])
    finally:
        await page.close()


async def granted_origins(extension: LoadedExtension) -> set[str]:
    return set((await extension.worker.evaluate("chrome.permissions.getAll()"))["origins"])


async def reset_extension(extension: LoadedExtension) -> None:
    """As freshly installed: nothing stored, no host granted, no script registered, no alarm."""
    await extension.worker.evaluate("""async () => {
        await chrome.storage.local.clear();
        const { origins } = await chrome.permissions.getAll();
        if (origins.length > 0) await chrome.permissions.remove({ origins });
        await chrome.scripting.unregisterContentScripts();
        await chrome.alarms.clearAll();
    }""")


async def launch_with_extension(
    pw: Playwright, user_data_dir: Path, extra_args: Sequence[str] = (), source: Path = EXTENSION_DIR,
) -> LoadedExtension:
    path = str(source)
    context = await pw.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=CHROMIUM,
        headless=True,
        ignore_https_errors=True,
        args=[*CHROMIUM_ARGS, f"--disable-extensions-except={path}", f"--load-extension={path}",
              *extra_args],
    )
    try:
        worker = (context.service_workers[0] if context.service_workers
                  else await context.wait_for_event("serviceworker", timeout=15_000))
    except Exception:
        await context.close()
        raise
    loaded = LoadedExtension(context=context, worker=worker, id=worker.url.split("/")[2])
    # the local test server is loopback: the developer build may ask for it when pairing
    await approve_sites(loaded, ["http://127.0.0.1/*"])
    return loaded


@pytest.fixture(scope="module")
async def async_pw() -> AsyncIterator[Playwright]:
    async with async_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
async def extension(
    async_pw: Playwright, tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[LoadedExtension]:
    """The extension in a fresh profile, without the simulators."""
    loaded = await launch_with_extension(async_pw, tmp_path_factory.mktemp("profile"))
    yield loaded
    await loaded.context.close()


@pytest.fixture(scope="module")
def approved_sites() -> list[str]:
    """The sites the person allowed on chrome://extensions beforehand (see approve_sites): every
    platform's; a module that wants fewer overrides this fixture."""
    return sorted(PLATFORM_HOSTS)


@pytest.fixture(scope="module")
async def sim_extension(
    async_pw: Playwright, simulator: Simulator, approved_sites: list[str],
    tmp_path_factory: pytest.TempPathFactory,
) -> AsyncIterator[LoadedExtension]:
    """The extension on the platform simulators (one browser per module), `approved_sites` allowed."""
    # tabs the extension opens start loading before Playwright attaches to them, so its per-page
    # ignore_https_errors comes too late for the simulators' self-signed certificate there
    loaded = await launch_with_extension(async_pw, tmp_path_factory.mktemp("profile"), [
        f"--host-resolver-rules={simulator.resolve_rule()}", "--ignore-certificate-errors"])
    await approve_sites(loaded, approved_sites)
    yield loaded
    await loaded.context.close()


@pytest.fixture
async def fresh(sim_extension: LoadedExtension) -> AsyncIterator[LoadedExtension]:
    """The simulators' extension as newly installed, without cookies, for one test."""
    await reset_extension(sim_extension)
    await sim_extension.context.clear_cookies()
    yield sim_extension
    await sim_extension.context.clear_cookies()


# ---- the real API, for end-to-end tests --------------------------------------------------------

@dataclass
class RunningApi:
    url: str

    async def new_account(self) -> tuple[httpx.AsyncClient, str]:
        """A fresh user signed in over HTTP (as the dashboard would be); returns the client and its
        CSRF token."""
        client = httpx.AsyncClient(base_url=self.url, timeout=10)
        email = f"user-{secrets.token_hex(4)}@example.com"
        answer = await client.post("/api/auth/signup",
                                   json={"email": email, "password": secrets.token_urlsafe(16)})
        assert answer.status_code in (200, 201), answer.text
        return client, answer.json()["csrf_token"]

    async def pairing_code(self, client: httpx.AsyncClient, csrf: str) -> str:
        answer = await client.post("/api/account/pairing-codes", headers={"X-CSRF-Token": csrf})
        assert answer.status_code == 201, answer.text
        return answer.json()["code"]

    async def services(self, extension: LoadedExtension) -> dict[str, dict[str, Any]]:
        body = await self.as_extension(extension, "GET", "/api/extension/get-user-services")
        return {service["platform"]: service for service in body["services"]}

    async def as_extension(self, extension: LoadedExtension, method: str, path: str, **kwargs: Any) -> Any:
        """A call with the extension's current access token, to see what the server holds."""
        token = (await extension.storage())["auth"]["accessToken"]
        async with httpx.AsyncClient(base_url=self.url, timeout=10) as client:
            answer = await client.request(method, path, headers={"Authorization": f"Bearer {token}"},
                                          **kwargs)
        answer.raise_for_status()
        return answer.json()


async def pair_in_popup(extension: LoadedExtension, api: RunningApi, code: str) -> None:
    popup = await extension.open_popup()
    try:
        await popup.locator("#server-url").fill(api.url)
        await popup.locator("#pair-code").fill(code)
        await popup.locator("#pair-button").click()
        await popup.locator("#connected").wait_for(state="visible")
        assert await popup.locator("#badge-state").inner_text() in ("paired", "connected")
        assert await popup.locator("#error").is_hidden()
    finally:
        await popup.close()


@pytest.fixture
def worker(settings_env: dict[str, str], simulator: Simulator, tmp_path: Path) -> Iterator[Path]:
    """`loopwho worker`: runs the scans the API queues, in its own Chromium, on the simulators;
    yields its log file."""
    with running_worker(settings_env, simulator, tmp_path / "worker.log") as log:
        yield log


@pytest.fixture
def api_server(settings_env: dict[str, str], tmp_path: Path) -> Iterator[RunningApi]:
    """`loopwho serve` on a free port, against the test database and Redis."""
    port = free_port()
    proc = start_serve(settings_env, port, tmp_path / "api.log")
    yield RunningApi(url=f"http://127.0.0.1:{port}")
    proc.terminate()
    proc.wait(10)
