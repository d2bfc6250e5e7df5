"""The extension on the platform simulators, against the real API: connect a platform before
signing in (the sign-in page opens; the session goes over when the sign-in completes), scan now and
watch the popup; and read the settings in the browser with the content scripts, whose readings must
be the simulator's own state for every setting (not the server's reading, which runs the same
extractor file and so could share its bugs)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import asyncpg
import pytest
import yaml
from playwright.async_api import TimeoutError as PlaywrightTimeout

from core.types import PLATFORMS
from packs.loading import load_default_pack
from scanner.cookies import to_playwright_cookies
from standins.platforms import Simulator
from store import accounts
from tests.extension.conftest import (
    EXTENSION_DIR,
    LoadedExtension,
    RunningApi,
    pair_in_popup,
    wait_for,
)

REPO = EXTENSION_DIR.parent

# values that differ from the simulators' defaults, so a reading cannot be right by accident
FLIPPED = {
    "google": ("web_app_activity", "off"),
    "facebook": ("future_posts_audience", "only_me"),
    "microsoft": ("search_history", "off"),
}


@pytest.fixture
def all_platforms_plan(settings_env: dict[str, str], tmp_path: Path) -> None:
    """A plan book whose default plan covers the three platforms (the free plan covers one)."""
    book = yaml.safe_load((REPO / "billing" / "plans.yaml").read_text())
    default = next(p for p in book["plans"] if p["name"] == book["default_plan"])
    default["platforms"] = len(PLATFORMS)
    path = tmp_path / "plans.yaml"
    path.write_text(yaml.safe_dump(book))
    settings_env["LOOPWHO_PLANS_FILE"] = str(path)


async def test_connect_before_signing_in_then_scan_now(
    fresh: LoadedExtension, api_server: RunningApi, worker: Path,
) -> None:
    account, csrf = await api_server.new_account()
    await pair_in_popup(fresh, api_server, await api_server.pairing_code(account, csrf))
    popup = await fresh.open_popup()
    google = popup.locator("li.platform[data-platform=google]")

    # "Connect" while signed out: access is granted, Google's sign-in page opens in a tab, and the
    # session goes over by itself when the sign-in there completes (the click was the consent)
    async with fresh.context.expect_page() as opened:
        await google.locator("button[data-action=connect]").click()
    tab = await opened.value
    await google.locator('.state[data-state="awaiting_sign_in"]').wait_for()
    await tab.wait_for_url("https://accounts.google.com/**")
    await tab.goto("https://myaccount.google.com/")  # signed out: the platform sends us to sign in
    await tab.wait_for_url("https://accounts.google.com/v3/signin/identifier**")
    await tab.fill("input[name=identifier]", "alice@example.com")
    await tab.fill("input[name=Passwd]", "correct horse battery staple")
    await tab.click("#submit")
    await tab.wait_for_url("https://myaccount.google.com/**")
    await tab.close()
    await google.locator('.state[data-state="connected"]').wait_for()
    server = (await api_server.services(fresh))["google"]
    google_pack = load_default_pack("google")
    assert google_pack.cookies is not None
    assert server["status"] == "connected" and server["cookie_count"] == len(google_pack.cookies.session)

    await google.locator("button[data-action=scan-now]").click()
    await google.locator(".scan-message").filter(has_text="Scanning (on loopwho)").wait_for()
    assert await google.locator("progress").is_visible()
    assert await fresh.badge_text() == "…"
    jobs = (await api_server.as_extension(fresh, "GET", "/api/extension/scan-status?platform=google"))["jobs"]
    assert jobs and jobs[0]["trigger"] == "extension"

    # the worker scans with the handed-over session; the popup follows it to the end and the result
    try:
        await google.locator(".scan-message").filter(has_text="Last scan finished").wait_for(timeout=120_000)
    except PlaywrightTimeout:
        said = await google.locator(".scan-message").inner_text()
        log = await asyncio.to_thread(worker.read_text)
        raise AssertionError(f"the popup said {said!r}; worker log: {log[-1500:]}") from None
    await google.locator(".summary").filter(has_text="Privacy score").wait_for()
    summary = await google.locator(".summary").inner_text()
    dashboard = await api_server.as_extension(fresh, "GET", "/api/privacy/dashboard")
    mine = next(p for p in dashboard["platforms"] if p["platform"] == "google")
    assert mine["last_scan_status"] == "ok" and len(mine["settings"]) == len(google_pack.settings)
    assert f"Privacy score {mine['privacy_score']}/100" in summary
    assert f"{len(mine['settings'])} settings read" in summary
    assert await fresh.badge_text() == "✓"
    await popup.close()
    await account.aclose()


@pytest.mark.parametrize("variant", ["classic", "generated"])
async def test_content_script_readings_are_the_simulators_state(
    fresh: LoadedExtension, all_platforms_plan: None, api_server: RunningApi, simulator: Simulator,
    settings_env: dict[str, str], variant: str,
) -> None:
    """On the classic pages and on generated markup (a structure drawn at random for each setting:
    shadow roots, iframes, disclosures, virtualized lists, decoys, delays) the extension's content
    scripts read every setting as the simulator holds it."""
    account, csrf = await api_server.new_account()
    user_id = (await account.get("/api/auth/me")).json()["id"]
    await pair_in_popup(fresh, api_server, await api_server.pairing_code(account, csrf))
    account_name = f"reader{int(time.time() * 1000)}"
    seed = int(time.time())
    for platform in PLATFORMS:
        key, value = FLIPPED[platform]
        simulator.set_setting(platform, account_name, key, value)
        simulator.set_account_seed(platform, account_name, seed)
        if variant != "classic":
            simulator.set_variant(platform, variant)
        await fresh.context.add_cookies(to_playwright_cookies(simulator.sign_in(platform, account_name)))

    popup = await fresh.open_popup()
    try:
        for platform in PLATFORMS:
            row = popup.locator(f"li.platform[data-platform={platform}]")
            await row.locator("button[data-action=connect]").click()
            await row.locator('.state[data-state="connected"]').wait_for()
            await row.locator("button[data-action=browser-scan]").click()
            stored = await wait_for(fresh, lambda s, p=platform: s["scans"][p]["result"]["readings"], 60)
            scan = stored["scans"][platform]
            submitted = {r["key"]: r["value"] for r in scan["result"]["readings"]}
            assert all(r["method"] == "extension" for r in scan["result"]["readings"])

            truth = simulator.get_settings(platform, account_name)
            expected = {s.key: truth[s.key] for s in load_default_pack(platform).settings}
            assert submitted == expected, (platform, scan["result"].get("errors"))
            key, value = FLIPPED[platform]
            assert submitted[key] == value

            # what the server holds for that job is what the content scripts read
            conn = await asyncpg.connect(settings_env["DATABASE_URL"])
            try:
                held = await accounts.submitted_result(conn, user_id, scan["scanId"])
            finally:
                await conn.close()
            assert held is not None
            assert {r.key: r.value for r in held.readings} == expected
            assert held.status == "ok" and held.platform == platform
    finally:
        for platform in PLATFORMS:
            simulator.set_variant(platform, "classic")
        await popup.close()
        await account.aclose()
