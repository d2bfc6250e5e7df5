"""One Chromium for the OCR tests, and a helper that renders a test page (values in the query) to PNG."""

from __future__ import annotations

import urllib.parse
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
from playwright.async_api import Browser, async_playwright

from scanner.pool import CHROMIUM_ARGS

PAGES = Path(__file__).parent / "pages"

Render = Callable[..., Awaitable[bytes]]


@pytest.fixture(scope="session")
async def ocr_browser() -> AsyncIterator[Browser]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(executable_path="/usr/lib/chromium/chromium", args=list(CHROMIUM_ARGS))
        yield browser
        await browser.close()


@pytest.fixture
def render(ocr_browser: Browser) -> Render:
    async def shot(page_name: str, values: dict[str, str] | None = None, scale: int = 2) -> bytes:
        context = await ocr_browser.new_context(device_scale_factor=scale,
                                                viewport={"width": 1280, "height": 900})
        try:
            page = await context.new_page()
            query = urllib.parse.urlencode(values or {})
            await page.goto(f"{(PAGES / page_name).as_uri()}?{query}")
            return await page.screenshot(full_page=True)
        finally:
            await context.close()
    return shot
