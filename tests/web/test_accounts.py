"""Accounts through the pages in real Chromium: sign up, confirm the address from the e-mail, sign
out and in, change the password, reset it from the e-mail; forms without their CSRF token are
refused; every page passes axe-core and the session cookie has the right flags."""

from __future__ import annotations

import httpx
from playwright.async_api import Page

from tests.web.conftest import PASSWORD, RunningApp, assert_accessible, screenshot, sign_up


async def test_sign_up_confirm_sign_out_and_in(page: Page, web_app: RunningApp) -> None:
    await page.goto(web_app.url)
    await assert_accessible(page)
    await screenshot(page, "home")
    await page.get_by_role("link", name="Create an account").first.click()
    await assert_accessible(page)
    await screenshot(page, "signup")

    email = await sign_up(page, web_app)
    assert await page.get_by_text("Your e-mail address is confirmed.").is_visible()
    mail = web_app.mails_to(email)[-1]
    assert mail.subject == "Confirm your e-mail address for loopwho"
    unsubscribe = mail.payload["headers"]["List-Unsubscribe"]
    assert unsubscribe.startswith(f"<{web_app.url}/unsubscribe/")
    assert mail.payload["headers"]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"

    cookie = next(c for c in await page.context.cookies() if c["name"] == "lw_session")
    assert cookie["httpOnly"] and cookie["sameSite"] == "Lax"

    await page.get_by_role("button", name="Sign out").click()
    await page.wait_for_url(f"{web_app.url}/")
    assert not [c for c in await page.context.cookies() if c["name"] == "lw_session"]

    await page.goto(f"{web_app.url}/dashboard")
    await page.wait_for_url("**/signin?next=/dashboard")
    await assert_accessible(page)
    await screenshot(page, "signin")
    await page.get_by_label("E-mail address").fill(email)
    await page.get_by_label("Password").fill("not the password")
    await page.get_by_role("button", name="Sign in").click()
    await page.get_by_role("alert").filter(has_text="Wrong e-mail or password.").wait_for()
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url("**/dashboard")


async def test_password_reset_by_e_mail(page: Page, web_app: RunningApp) -> None:
    email = await sign_up(page, web_app)
    await page.context.clear_cookies()
    await page.goto(f"{web_app.url}/signin")
    await page.get_by_role("link", name="Forgot your password?").click()
    await assert_accessible(page)
    await page.get_by_label("E-mail address").fill(email)
    await page.get_by_role("button", name="Send me a link").click()
    await page.get_by_role("status").filter(has_text="a link to choose a new password is on its way").wait_for()
    link = next(link for link in web_app.links_in_last_mail(email) if "/reset/" in link)
    await page.goto(link)
    await page.get_by_label("New password").fill("a brand new passphrase")
    await page.get_by_role("button", name="Save the new password").click()
    await page.wait_for_url("**/dashboard")
    # the link was for one use
    await page.context.clear_cookies()
    await page.goto(link)
    await page.get_by_label("New password").fill("yet another passphrase")
    await page.get_by_role("button", name="Save the new password").click()
    await page.get_by_role("alert").filter(has_text="unknown, used or expired").wait_for()
    # the new password signs in, the old one no longer does
    async with httpx.AsyncClient(base_url=web_app.url) as client:
        form = await client.get("/signin")
        csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
        old = await client.post("/signin", data={"csrf": csrf, "email": email, "password": PASSWORD})
        assert old.status_code == 400
        new = await client.post("/signin", data={"csrf": csrf, "email": email, "password": "a brand new passphrase"})
        assert new.status_code == 303 and new.headers["location"] == "/dashboard"


async def test_forms_without_their_csrf_token_are_refused(web_app: RunningApp) -> None:
    async with httpx.AsyncClient(base_url=web_app.url) as client:
        await client.get("/signin")  # holds the anonymous CSRF cookie, but does not send the field
        answer = await client.post("/signin", data={"email": "a@example.com", "password": "x" * 12})
        assert answer.status_code == 403 and "This form has expired" in answer.text
        assert answer.headers["content-type"].startswith("text/html")
        # a cross-site page cannot read the cookie, so it cannot forge the field either
        answer = await client.post("/signup", data={"csrf": "guessed" * 8, "email": "b@example.com",
                                                    "password": "x" * 12})
        assert answer.status_code == 403


async def test_sign_in_and_get_around_with_the_keyboard_alone(page: Page, web_app: RunningApp) -> None:
    email = await sign_up(page, web_app)
    await page.context.clear_cookies()
    await page.goto(f"{web_app.url}/signin")
    await page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to content")
    assert await skip.evaluate("el => el === document.activeElement") and await skip.is_visible()
    for _ in range(15):  # on through the header to the form's first field
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.id") == "email":
            break
    await page.keyboard.type(email)
    await page.keyboard.press("Tab")
    await page.keyboard.type(PASSWORD)
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/dashboard")
    # the main navigation is reachable and usable by keyboard: Tab to "Settings", Enter opens it
    for _ in range(12):
        await page.keyboard.press("Tab")
        if await page.evaluate("document.activeElement.textContent.trim()") == "Settings":
            break
    await page.keyboard.press("Enter")
    await page.wait_for_url("**/settings")
    await page.keyboard.press("Tab")
    await page.keyboard.press("Enter")  # the skip link moves focus past the header
    assert page.url.endswith("/settings#main")
