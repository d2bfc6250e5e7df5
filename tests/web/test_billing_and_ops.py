"""/billing (checkout and the customer portal through the real stripe SDK and its stand-in; Stripe's
success and cancel URLs land on real pages) and /ops (the first operator from `loopwho admin
create`, a pack activated and then rolled back, each through its confirmation page)."""

from __future__ import annotations

import os
import subprocess
import sys

from playwright.async_api import Page, Route

from tests.web.conftest import REPO, RunningApp, assert_accessible, screenshot, sign_up


async def test_checkout_goes_to_stripe_and_its_return_urls_are_pages(page: Page, web_app: RunningApp) -> None:
    await sign_up(page, web_app)
    await page.goto(f"{web_app.url}/billing")
    assert await page.get_by_role("heading", name="Your plan: Free").is_visible()
    await assert_accessible(page)
    await screenshot(page, "billing")

    sent_to: list[str] = []

    async def stripe_page(route: Route) -> None:  # the real Stripe is not reachable from here
        sent_to.append(route.request.url)
        await route.fulfill(status=200, content_type="text/html", body="<title>Stripe Checkout</title>")

    await page.route("https://checkout.stripe.com/**", stripe_page)
    await page.route("https://billing.stripe.com/**", stripe_page)
    await page.get_by_role("button", name="Subscribe").click()
    await page.wait_for_url("https://checkout.stripe.com/**")
    session = next(iter(web_app.stripe.sessions.values()))
    assert sent_to and sent_to[0] == session["url"]
    for back in (session["success_url"], session["cancel_url"]):
        answer = await page.goto(back)
        assert answer is not None and answer.status == 200, back
    assert "/billing" in page.url and await page.get_by_text("The payment was cancelled").is_visible()

    await page.goto(f"{web_app.url}/billing")
    await page.get_by_role("button", name="Open the billing portal").click()
    await page.wait_for_url("https://billing.stripe.com/**")
    assert sent_to[-1].startswith("https://billing.stripe.com/")


def _loopwho(web_app: RunningApp, *args: str) -> str:
    done = subprocess.run([sys.executable, "-m", "cli.main", *args], cwd=REPO, env={**os.environ, **web_app.env},
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


async def test_an_operator_activates_and_rolls_back_a_pack(page: Page, web_app: RunningApp) -> None:
    # a plain user is turned away
    await sign_up(page, web_app)
    answer = await page.goto(f"{web_app.url}/ops")
    assert answer is not None and answer.status == 403
    await page.context.clear_cookies()

    said = _loopwho(web_app, "admin", "create", "ops@example.com")
    password = said.split("password (shown once; change it in /settings): ")[1].split()[0]
    _loopwho(web_app, "packs", "publish", str(REPO / "selectors" / "google" / "drafts" / "2.yaml"))

    await page.goto(f"{web_app.url}/signin?next=/ops")
    await page.get_by_label("E-mail address").fill("ops@example.com")
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url("**/ops")
    await assert_accessible(page)
    await screenshot(page, "ops")
    google = page.locator("section[data-platform=google]")
    before = await google.locator(".active-version").inner_text()

    await google.get_by_role("button", name="Activate…").click()
    assert "Activate 2 for every google scan" in await page.locator("#step").inner_text()
    await assert_accessible(page)
    await page.get_by_role("button", name="Yes, do it").click()
    await page.wait_for_url("**/ops?done=activate**")
    assert await google.locator(".active-version").inner_text() == "2"

    await google.get_by_role("button", name="Roll back…").click()
    await page.get_by_role("button", name="Yes, do it").click()
    await page.wait_for_url("**/ops?done=rollback**")
    assert await google.locator(".active-version").inner_text() == before
    history = await google.locator(".pack-history").inner_text()
    assert "rollback" in history and "activate" in history

    # re-reading the pages earlier scans kept, with version 2: queued for the workers (a dry run)
    await google.get_by_label("Scans since").fill("2026-11-20")
    await google.get_by_role("button", name="Re-read pages").click()
    await page.wait_for_url("**/ops?done=reextract**")
    from redis import Redis
    from rq import Queue

    queued = Queue("scans", connection=Redis.from_url(web_app.env["REDIS_URL"])).fetch_job(
        "reextract-google-2-dry-2026-11-20T00_00_00_00_00")
    assert queued is not None and queued.args[:4] == ("google", "2", "2026-11-20T00:00:00+00:00", True)
    queued.delete()
