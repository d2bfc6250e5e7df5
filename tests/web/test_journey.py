"""The whole product through its pages, in real Chromium with the real extension loaded: sign up ->
confirm the address from the e-mail -> pair the extension with a code from /connect -> hand the
Google session over -> "scan now" on the dashboard (a real `loopwho worker` scans the simulator) ->
the dashboard shows the readings. Then a setting flips on the platform, a second scan finds it: the
timeline and the score chart show the change, and the alert e-mail's links open real pages."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Page, Playwright
from playwright.async_api import TimeoutError as PlaywrightTimeout

from scanner.cookies import to_playwright_cookies
from standins.platforms import Simulator
from tests.conftest import running_worker
from tests.extension.conftest import LoadedExtension, RunningApi, launch_with_extension, pair_in_popup
from tests.web.conftest import RunningApp, assert_accessible, screenshot, sign_up

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.fixture(scope="module")
async def ext(pw: Playwright, simulator: Simulator, tmp_path_factory: pytest.TempPathFactory
              ) -> AsyncIterator[LoadedExtension]:
    loaded = await launch_with_extension(pw, tmp_path_factory.mktemp("profile"), [
        f"--host-resolver-rules={simulator.resolve_rule()}", "--ignore-certificate-errors"])
    yield loaded
    await loaded.context.close()


@pytest.fixture(scope="module")
def worker(web_app: RunningApp, simulator: Simulator, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """`loopwho worker` on the module's database and Redis: scans, analysis and the alert e-mails."""
    with running_worker(web_app.env, simulator, tmp_path_factory.mktemp("worker") / "worker.log") as log:
        yield log


async def _scan_now(page: Page, worker: Path) -> None:
    card = page.locator("section[data-platform=google]")
    await card.get_by_role("button", name="Scan now").click()
    await page.locator("[data-scan-job]").wait_for()  # the live progress of the queued scan
    try:
        await page.get_by_text("The scan is finished; these are the new readings.").wait_for(timeout=150_000)
    except PlaywrightTimeout:
        log = await asyncio.to_thread(worker.read_text)
        raise AssertionError(f"the scan never finished on the dashboard; worker log: {log[-2000:]}") from None


async def test_sign_up_pair_hand_over_scan_and_see_the_change(
    ext: LoadedExtension, web_app: RunningApp, simulator: Simulator, worker: Path,
) -> None:
    page = await ext.context.new_page()
    email = await sign_up(page, web_app, name="Grace")
    await assert_accessible(page)

    # /connect: a pairing code, typed into the real extension's popup
    await page.get_by_role("button", name="Get a pairing code").click()
    code = (await page.locator("#pairing-code").inner_text()).strip()
    assert await page.get_by_text("It works once, until").is_visible()
    await assert_accessible(page)
    await screenshot(page, "connect")
    await pair_in_popup(ext, RunningApi(url=web_app.url), code)
    await page.reload()
    # the paired extension's bridge marks /connect: its Connect buttons appear, the install steps go
    await page.get_by_role("button", name="Connect Google", exact=True).wait_for()
    assert await page.locator("li.row").get_by_role("button", name="Disconnect").count() == 1

    # the person signs in to Google (the simulator) in this browser and sends that session over
    account = f"grace{int(time.time() * 1000)}"
    simulator.set_setting("google", account, "web_app_activity", "off")
    await ext.context.add_cookies(to_playwright_cookies(simulator.sign_in("google", account)))
    # the hand-over as the extension makes it (the browser's google.com cookies, httpOnly ones included,
    # in chrome.cookies' shape, sent with the paired extension's own access token); the popup's
    # buttons and host-permission prompts are the extension room's to test
    jar = [{"name": c["name"], "value": c["value"], "domain": c["domain"], "path": c["path"],
            "secure": c["secure"], "httpOnly": c["httpOnly"], "sameSite": "no_restriction",
            **({"expirationDate": c["expires"]} if c["expires"] > 0 else {"session": True})}
           for c in await ext.context.cookies("https://myaccount.google.com/")]
    token = (await ext.storage())["auth"]["accessToken"]
    async with httpx.AsyncClient(base_url=web_app.url, timeout=20) as client:
        held = await client.post("/api/extension/session", json={"platform": "google", "cookies": jar},
                                 headers={"Authorization": f"Bearer {token}"})
    assert held.status_code == 200 and held.json()["status"] == "connected", (held.text, jar)
    await page.reload()
    assert await page.locator("tr[data-platform=google] .badge").inner_text() == "connected"

    # scan now, from the dashboard, followed live to its end
    await page.goto(f"{web_app.url}/dashboard")
    await _scan_now(page, worker)
    card = page.locator("section[data-platform=google]")
    row = card.locator("tr[data-setting=web_app_activity]")
    assert (await row.locator("td").nth(0).inner_text()).startswith("off")
    assert "DOM" in await row.locator("td").nth(1).inner_text()
    gauge = card.get_by_role("img", name="Privacy score")
    label = await gauge.get_attribute("aria-label")
    assert label and label.startswith("Privacy score ") and label.endswith(" out of 100")
    assert await card.locator("tr[data-setting]").count() >= 3
    recommendations = card.locator("li.recommendation a")
    if await recommendations.count():
        assert (await recommendations.first.get_attribute("href") or "").startswith("https://")
    await assert_accessible(page)
    await screenshot(page, "dashboard")

    # the setting is switched back on at Google; the next scan sees it and records the change
    simulator.set_setting("google", account, "web_app_activity", "on")
    await _scan_now(page, worker)
    row = page.locator("section[data-platform=google] tr[data-setting=web_app_activity]")
    assert (await row.locator("td").nth(0).inner_text()).startswith("on")

    await page.get_by_role("link", name="History").click()
    event = page.locator("li.event[data-platform=google]").filter(has_text="off → on")
    await event.wait_for()
    chart_row = page.locator("#chart-table tr[data-platform=google] td")
    assert "→" in await chart_row.inner_text()  # two scores: before and after the change
    await page.get_by_label("Impact").select_option("low")
    await page.get_by_role("button", name="Show").click()
    await page.wait_for_url("**impact=low**")
    await assert_accessible(page)
    await page.get_by_label("Impact").select_option("")
    await page.get_by_role("button", name="Show").click()
    await screenshot(page, "history")

    # the alert e-mail went out, and every link in it opens a real page for this person
    deadline = time.monotonic() + 60
    while not [m for m in web_app.mails_to(email) if "changed" in m.subject]:
        assert time.monotonic() < deadline, [m.subject for m in web_app.mails_to(email)]
        await asyncio.sleep(0.5)
    alert = next(m for m in web_app.mails_to(email) if "changed" in m.subject)
    assert alert.payload["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert alert.payload["headers"]["List-Unsubscribe"].startswith(f"<{web_app.url}/unsubscribe/")
    links = web_app.links_in_last_mail(email)
    ours = [link for link in links if link.startswith(web_app.url)]
    assert ours, links
    for link in ours:
        answer = await page.goto(link)
        assert answer is not None and answer.status == 200, link
    await page.goto(f"{web_app.url}/history?platform=google")
    await event.wait_for()
    await page.close()
