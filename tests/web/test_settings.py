"""/settings in real Chromium: e-mail preference, unsubscribing from an e-mail's link with no
sign-in (and the RFC 8058 one-click POST), export then erase with its confirmation step."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
from playwright.async_api import Browser, Page

from tests.web.conftest import PASSWORD, RunningApp, assert_accessible, screenshot, sign_up


async def test_preferences_and_unsubscribe_from_the_e_mail_link(
    page: Page, browser: Browser, web_app: RunningApp,
) -> None:
    email = await sign_up(page, web_app)
    await page.goto(f"{web_app.url}/settings")
    await assert_accessible(page)
    await screenshot(page, "settings")
    await page.get_by_label("Weekly digest").check()
    await page.get_by_role("button", name="Save e-mail preference").click()
    await page.get_by_text("Your e-mail preference is saved.").wait_for()
    assert await page.get_by_label("Weekly digest").is_checked()

    # the link from the e-mail's List-Unsubscribe header, opened in a browser that is not signed in
    header = web_app.mails_to(email)[-1].payload["headers"]["List-Unsubscribe"]
    link = header.strip("<>")
    stranger = await browser.new_context()
    other = await stranger.new_page()
    await other.goto(link)
    await assert_accessible(other)
    await screenshot(other, "unsubscribe")
    await other.get_by_role("button", name="Unsubscribe").click()
    await other.get_by_text("You are unsubscribed").wait_for()
    await stranger.close()

    await page.reload()
    assert await page.get_by_label("Never (alerts off)").is_checked()

    # a mail client's one-click POST (RFC 8058) works without cookies too; a made-up token does not
    await page.get_by_label("Right away").check()
    await page.get_by_role("button", name="Save e-mail preference").click()
    await page.get_by_text("Your e-mail preference is saved.").wait_for()
    async with httpx.AsyncClient() as client:
        answer = await client.post(link, content=b"List-Unsubscribe=One-Click",
                                   headers={"content-type": "application/x-www-form-urlencoded"})
        assert answer.status_code == 200
        made_up = await client.post(link[:-4] + "0000", content=b"List-Unsubscribe=One-Click")
        assert made_up.status_code == 404 and "not known" in made_up.text
    await page.reload()
    assert await page.get_by_label("Never (alerts off)").is_checked()

    # a history page link that loopwho did not make is a clear 400 page, not a 500
    answer = await page.goto(f"{web_app.url}/history?cursor=bm90LWEtY3Vyc29y")
    assert answer is not None and answer.status == 400
    await page.get_by_text("That page link is broken").wait_for()


async def test_export_then_erase(page: Page, web_app: RunningApp, tmp_path: Path) -> None:
    email = await sign_up(page, web_app)
    await page.goto(f"{web_app.url}/settings")
    async with page.expect_download() as download:
        await page.get_by_role("link", name="Download everything we hold about you (JSON)").click()
    saved = tmp_path / "export.json"
    await (await download.value).save_as(saved)
    exported = json.loads(saved.read_text())
    assert exported["data"]["user"][0]["email"] == email

    await page.get_by_role("link", name="Erase your account…").click()
    await assert_accessible(page)
    await screenshot(page, "erase")
    await page.get_by_label("Type your e-mail address to confirm").fill("someone-else@example.com")
    await page.get_by_role("button", name="Erase my account for good").click()
    await page.get_by_role("alert").filter(has_text="Type your e-mail address exactly").wait_for()
    await page.get_by_label("Type your e-mail address to confirm").fill(email)
    await page.get_by_role("button", name="Erase my account for good").click()
    await page.get_by_text("Your account and everything we held about you are erased.").wait_for()

    await page.goto(f"{web_app.url}/signin")
    await page.get_by_label("E-mail address").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_role("alert").filter(has_text="Wrong e-mail or password.").wait_for()
