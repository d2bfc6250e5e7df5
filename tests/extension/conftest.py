"""Fixtures for the extension's tests: Debian's Chromium with the unpacked extension loaded (one
browser per module), and helpers to reach its service worker and popup."""

from __future__ import annotations

from collections.abc import AsyncIterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import BrowserContext, Page, Playwright, Worker, async_playwright

EXTENSION_DIR = Path(__file__).resolve().parents[2] / "extension"
CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync",
]


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


async def launch_with_extension(
    pw: Playwright, user_data_dir: Path, extra_args: Sequence[str] = (),
) -> LoadedExtension:
    path = str(EXTENSION_DIR)
    context = await pw.chromium.launch_persistent_context(
        str(user_data_dir),
        executable_path=CHROMIUM,
        headless=True,
        ignore_https_errors=True,
        args=[*CHROMIUM_FLAGS, f"--disable-extensions-except={path}", f"--load-extension={path}",
              *extra_args],
    )
    try:
        worker = (context.service_workers[0] if context.service_workers
                  else await context.wait_for_event("serviceworker", timeout=15_000))
    except Exception:
        await context.close()
        raise
    return LoadedExtension(context=context, worker=worker, id=worker.url.split("/")[2])


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
