"""scanner.ocr_fallback.read_missing against the simulators' `ocr` variant (settings drawn on a canvas or
in bare divs, nothing the DOM extractor can read), for all three platforms, with values flipped away
from their defaults so a reader stuck on defaults fails."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import pytest
from playwright.async_api import Browser, async_playwright

from packs.loading import load_default_pack
from scanner import extract
from scanner.cookies import to_playwright_cookie
from scanner.ocr_fallback import read_missing
from scanner.pool import CHROMIUM_ARGS
from standins.platforms.catalog import PLATFORMS
from standins.platforms.simulator import Simulator


@pytest.fixture(scope="module")
def simulator() -> Iterator[Simulator]:
    with Simulator() as sim:
        for platform in ("google", "facebook", "microsoft"):
            sim.set_variant(platform, "ocr")
        yield sim


@pytest.fixture(scope="module")
async def sim_browser(simulator: Simulator) -> AsyncIterator[Browser]:
    async with async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path="/usr/lib/chromium/chromium",
            args=[*CHROMIUM_ARGS, f"--host-resolver-rules={simulator.resolve_rule()}"])
        yield browser
        await browser.close()


def _other_value(platform: str, key: str, current: str) -> str:
    values = next(s for s in PLATFORMS[platform].settings if s.key == key).values
    return values[(values.index(current) + 1) % len(values)]


@pytest.mark.browser
@pytest.mark.parametrize("platform", ["google", "facebook", "microsoft"])
async def test_read_missing_reads_every_setting_of_the_ocr_variant(
        simulator: Simulator, sim_browser: Browser, platform: str) -> None:
    account = f"ocr-{platform}"
    cookies = simulator.sign_in(platform, account)
    for key, value in simulator.get_settings(platform, account).items():
        simulator.set_setting(platform, account, key, _other_value(platform, key, value))
    truth = simulator.get_settings(platform, account)
    pack = load_default_pack(platform)
    context = await sim_browser.new_context(ignore_https_errors=True)  # device scale 1: read_missing asks for 2
    await context.add_cookies([to_playwright_cookie(c) for c in cookies])
    try:
        page = await context.new_page()
        for pack_page in pack.pages:
            keys = [s.key for s in pack.settings_on(pack_page.key)]
            if not keys:
                continue
            await page.goto(pack_page.url)
            await page.wait_for_selector(pack_page.ready, state="attached")
            dom = [r for r in await extract.read_page(page, pack, pack_page.key) if r.value is not None]
            assert dom == [], f"the ocr variant should hide {pack_page.key} from the DOM"
            readings = await read_missing(page, pack, pack_page.key, keys)
            assert [r.key for r in readings] == keys
            for reading in readings:
                assert reading.method == "ocr" and reading.pack_version == pack.version
                assert reading.page_url.startswith("https://")
                assert (reading.value, reading.uncertain) == (truth[reading.key], False), reading
                assert reading.confidence >= 0.8  # the runner's own bar for a confident reading
    finally:
        await context.close()


@pytest.mark.browser
async def test_read_missing_answers_only_for_the_missing_keys(simulator: Simulator, sim_browser: Browser) -> None:
    pack = load_default_pack("microsoft")
    context = await sim_browser.new_context(ignore_https_errors=True)
    await context.add_cookies([to_playwright_cookie(c) for c in simulator.sign_in("microsoft", "ocr-only")])
    try:
        page = await context.new_page()
        pack_page = pack.page(pack.setting("search_history").page)
        await page.goto(pack_page.url)
        await page.wait_for_selector(pack_page.ready, state="attached")
        readings = await read_missing(page, pack, pack_page.key, ["search_history"])
        assert [r.key for r in readings] == ["search_history"]
        assert readings[0].value == simulator.get_settings("microsoft", "ocr-only")["search_history"]
    finally:
        await context.close()


@pytest.mark.browser
async def test_screenshot_is_taken_at_twice_the_scale_and_leaves_the_viewport_as_it_was(ocr_browser) -> None:
    from io import BytesIO

    from PIL import Image

    from scanner.ocr_fallback import screenshot
    from tests.ocr.conftest import PAGES

    context = await ocr_browser.new_context(viewport={"width": 1000, "height": 300})
    try:
        page = await context.new_page()
        await page.goto((PAGES / "tempting.html").as_uri())
        before = await page.evaluate("[innerWidth, innerHeight, devicePixelRatio]")
        full_height = await page.evaluate("document.documentElement.scrollHeight")
        assert full_height > 300  # the page is taller than the viewport: rows below the fold count
        png = await screenshot(page)
        assert Image.open(BytesIO(png)).size == (2000, 2 * full_height)
        assert await page.evaluate("[innerWidth, innerHeight, devicePixelRatio]") == before
    finally:
        await context.close()
