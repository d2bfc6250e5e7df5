"""/connect speaks the extension's page contract (extension/README.md, "The /connect page"): rows and
buttons carry the data-loopwho-* hooks, the buttons appear only once the bridge marks the page as
paired, its loopwho:state / loopwho:error events show on the page; /privacy shows the policy."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.web.conftest import RunningApp, assert_accessible, sign_up

PLATFORMS = ("google", "facebook", "microsoft")


async def test_privacy_policy_is_a_page_linked_from_the_footer(page: Page, web_app: RunningApp) -> None:
    await page.goto(f"{web_app.url}/")
    await page.get_by_role("contentinfo").get_by_role("link", name="Privacy policy").click()
    await page.wait_for_url("**/privacy")
    await expect(page.get_by_role("heading", level=1)).to_have_text(
        "loopwho privacy policy (the extension and the service)")
    # the Markdown is rendered (bold, lists, code), not shown as source
    await expect(page.locator("article.policy strong").first).to_have_text("What loopwho does.")
    assert await page.locator("article.policy li").count() > 3
    assert "**" not in await page.locator("article.policy").inner_text()
    await assert_accessible(page)


async def test_connect_buttons_appear_once_the_extension_marks_the_page_paired(
        page: Page, web_app: RunningApp) -> None:
    await sign_up(page, web_app)
    for platform in PLATFORMS:
        row = page.locator(f'tr[data-loopwho-platform="{platform}"]')
        await expect(row.locator(f'button[data-loopwho-connect="{platform}"]')).to_have_count(1)
        await expect(row.locator(f'button[data-loopwho-disconnect="{platform}"]')).to_have_count(1)
    connect_google = page.get_by_role("button", name="Connect Google", exact=True)
    install = page.get_by_role("heading", name="1. Install the extension")
    # no extension: the install and pairing steps, no connect buttons
    await expect(connect_google).to_be_hidden()
    await expect(install).to_be_visible()

    # installed but not paired yet: still the steps
    await page.evaluate("document.documentElement.dataset.loopwhoExtension = '1.2.0';"
                        "document.documentElement.dataset.loopwhoPaired = 'false'")
    await expect(connect_google).to_be_hidden()
    await expect(install).to_be_visible()

    # paired, as the bridge marks it: the buttons, and the steps step aside
    await page.evaluate("document.documentElement.dataset.loopwhoPaired = 'true'")
    await expect(connect_google).to_be_visible()
    await expect(page.get_by_role("button", name="Disconnect Microsoft", exact=True)).to_be_visible()
    await expect(install).to_be_hidden()
    await assert_accessible(page)

    # the bridge's state event updates the row's live text; an error shows in the alert
    await page.evaluate("""document.dispatchEvent(new CustomEvent("loopwho:state", {detail: {paired: true,
        version: "1.2.0", platforms: {google: {access: true, connected: false, state: "awaiting_sign_in"},
        facebook: {access: false, connected: false, state: "not_connected"}}}}))""")
    google_state = page.locator('tr[data-loopwho-platform="google"] [data-loopwho-status]')
    await expect(google_state).to_have_text("waiting for you to sign in")
    await expect(google_state).to_have_attribute("aria-live", "polite")
    await expect(page.locator('tr[data-loopwho-platform="facebook"] [data-loopwho-status]')).to_have_text(
        "not connected in this browser")
    await page.evaluate("""document.dispatchEvent(new CustomEvent("loopwho:error",
        {detail: {message: "Access to google.com was not granted."}}))""")
    await expect(page.get_by_role("alert")).to_have_text("Access to google.com was not granted.")
