"""The simulators in real Chromium, read by the v1 packs through the one JS extractor: every setting
of every platform right on `classic` and `redesigned`; a flipped setting reads flipped; `v2` and
`ocr` give the DOM nothing; a browser signs in through the real sign-in flow."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from playwright.async_api import Browser, BrowserContext, async_playwright

# non-default values, so a reading that ignores the page cannot pass
from cli.record_fixtures import STATE
from core.settings import get_settings
from packs.loading import load_default_pack
from scanner.extract import read_page
from scanner.pool import CHROMIUM_ARGS
from standins.platforms import Simulator

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
async def chromium(sim: Simulator) -> AsyncIterator[Browser]:
    async with async_playwright() as p:
        b = await p.chromium.launch(
            executable_path=get_settings().chromium_path,
            args=[*CHROMIUM_ARGS, f"--host-resolver-rules={sim.resolve_rule()}"],
        )
        yield b
        await b.close()


async def signed_in_context(chromium: Browser, sim: Simulator, platform: str, account: str) -> BrowserContext:
    context = await chromium.new_context(ignore_https_errors=True)
    await context.add_cookies(
        [
            {
                "name": c.name,
                "value": c.value,
                "domain": c.domain,
                "path": c.path,
                "secure": c.secure,
                "httpOnly": c.httpOnly,
                "sameSite": "None",
                "expires": c.expirationDate or -1,
            }
            for c in sim.sign_in(platform, account)
        ]
    )
    return context


async def read_all(chromium: Browser, sim: Simulator, platform: str, account: str) -> dict[str, tuple]:
    pack = load_default_pack(platform)
    context = await signed_in_context(chromium, sim, platform, account)
    page = await context.new_page()
    found = {}
    try:
        for pack_page in pack.pages:
            await page.goto(pack_page.url)
            await page.wait_for_selector(pack_page.ready, timeout=10_000)
            for r in await read_page(page, pack, pack_page.key):
                assert r.pack_version == "1" and r.method == "dom" and r.page_url == page.url
                found[r.key] = (r.value, r.confidence, r.label)
    finally:
        await context.close()
    return found


@pytest.mark.parametrize("variant", ["classic", "redesigned"])
@pytest.mark.parametrize("platform", ["google", "facebook", "microsoft"])
async def test_pack_1_reads_every_setting(chromium: Browser, sim: Simulator, platform: str, variant: str) -> None:
    account = f"{platform}-{variant}"
    for key, value in STATE[platform].items():
        sim.set_setting(platform, account, key, value)
    sim.set_variant(platform, variant)
    try:
        found = await read_all(chromium, sim, platform, account)
    finally:
        sim.set_variant(platform, "classic")
    assert {k: v[0] for k, v in found.items()} == STATE[platform]
    assert all(confidence >= 0.95 for _, confidence, _ in found.values())  # by role and accessible name
    pack = load_default_pack(platform)
    assert all(label in pack.setting(key).labels for key, (_, _, label) in found.items())


async def test_a_flipped_setting_reads_flipped(chromium: Browser, sim: Simulator) -> None:
    before = await read_all(chromium, sim, "google", "flipper")
    assert before["timeline"][0] == "on" and before["auto_delete"][0] == "18"
    sim.set_setting("google", "flipper", "timeline", "off")
    sim.set_setting("google", "flipper", "auto_delete", "36")
    after = await read_all(chromium, sim, "google", "flipper")
    assert after["timeline"][0] == "off" and after["auto_delete"][0] == "36"
    assert {k: v[0] for k, v in after.items() if k not in ("timeline", "auto_delete")} == {
        k: v[0] for k, v in before.items() if k not in ("timeline", "auto_delete")
    }


@pytest.mark.parametrize("variant", ["ocr", "v2"])
async def test_dom_reading_finds_nothing_on_ocr_and_v2(chromium: Browser, sim: Simulator, variant: str) -> None:
    for platform in ("google", "facebook", "microsoft"):
        sim.set_variant(platform, variant)
    try:
        for platform in ("google", "facebook", "microsoft"):
            found = await read_all(chromium, sim, platform, f"blind-{variant}")
            assert set(found) == set(STATE[platform])
            assert all(value is None and confidence == 0 for value, confidence, _ in found.values())
    finally:
        for platform in ("google", "facebook", "microsoft"):
            sim.set_variant(platform, "classic")


async def test_two_accounts_read_their_own_settings(chromium: Browser, sim: Simulator) -> None:
    sim.set_setting("microsoft", "mia", "search_history", "off")
    sim.set_setting("microsoft", "noah", "search_history", "on")
    mia = await read_all(chromium, sim, "microsoft", "mia")
    noah = await read_all(chromium, sim, "microsoft", "noah")
    assert (mia["search_history"][0], noah["search_history"][0]) == ("off", "on")


async def test_browser_signs_in_through_the_platform_flow(chromium: Browser, sim: Simulator) -> None:
    context = await chromium.new_context(ignore_https_errors=True)
    page = await context.new_page()
    try:
        await page.goto("https://myactivity.google.com/activitycontrols")
        assert page.url.startswith("https://accounts.google.com/v3/signin/identifier?continue=")
        await page.fill("input[name=identifier]", "olivia@gmail.com")
        await page.click("#submit")
        await page.wait_for_selector("main h1")
        assert page.url == "https://myactivity.google.com/activitycontrols"
        jar = {c["name"]: c for c in await context.cookies()}
        assert jar["SID"]["domain"] == ".google.com" and jar["__Secure-1PSID"]["secure"]
        # clicking a switch changes the account's state on the server
        await page.get_by_role("switch", name="YouTube History").click()
        await page.wait_for_selector("[role=switch][aria-checked=false]")
        assert sim.get_settings("google", "olivia")["youtube_history"] == "off"
        # Microsoft: login.live.com form, then account.microsoft.com's own cookie
        await page.goto("https://account.microsoft.com/privacy/ad-settings")
        assert page.url.startswith("https://login.live.com/login.srf?")
        await page.fill("input[name=login]", "olivia@outlook.com")
        await page.click("#submit")
        await page.wait_for_selector("main h1")
        assert page.url == "https://account.microsoft.com/privacy/ad-settings"
    finally:
        await context.close()


async def test_one_page_loads_an_off_allowlist_tracker(chromium: Browser, sim: Simulator) -> None:
    before = sim.tracker_hits
    await read_all(chromium, sim, "google", "tracked")
    assert sim.tracker_hits > before
    assert not load_default_pack("google").allows_host("tracker.example.net")
