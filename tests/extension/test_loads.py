"""The unpacked extension loads in real Chromium: its service worker starts with exactly the
manifest's permissions and no host at all, the badge says it is unpaired, the popup renders, the
server URL is https only (loopback only in developer mode), and the platforms' hosts agree with the
server's cookie domains."""

from __future__ import annotations

from profiles.domains import PLATFORM_COOKIE_DOMAINS
from tests.extension.conftest import LoadedExtension, granted_origins
from tests.extension.test_manifest import ALLOWED_PERMISSIONS, manifest


async def test_service_worker_runs_with_no_host_permission(extension: LoadedExtension) -> None:
    assert extension.worker.url == extension.url("background/service-worker.js")
    granted = await extension.worker.evaluate("chrome.permissions.getAll()")
    assert set(granted["permissions"]) == ALLOWED_PERMISSIONS
    assert await granted_origins(extension) == set()  # nothing connected: no host at all
    assert await extension.worker.evaluate("chrome.scripting.getRegisteredContentScripts()") == []


async def test_platform_hosts_match_the_servers_cookie_domains(extension: LoadedExtension) -> None:
    page = await extension.open_popup()
    try:
        platforms = await page.evaluate(
            "import('/background/platforms.js').then((m) => JSON.parse(JSON.stringify(m.PLATFORMS)))")
    finally:
        await page.close()
    optional = set(manifest()["optional_host_permissions"])
    assert set(platforms) == set(PLATFORM_COOKIE_DOMAINS)
    for name, platform in platforms.items():
        assert tuple(platform["cookieDomains"]) == PLATFORM_COOKIE_DOMAINS[name], name
        assert set(platform["hostPatterns"]) <= optional
        # chrome.cookies sees a domain's cookies only with a grant covering it
        assert {f"https://*.{d}/*" for d in platform["cookieDomains"]} == set(platform["hostPatterns"]), name


async def test_unpaired_extension_shows_it_in_badge_and_popup(extension: LoadedExtension) -> None:
    assert await extension.badge_text() == "PAIR"
    popup = await extension.open_popup()
    try:
        await popup.locator("#pairing").wait_for(state="visible")
        assert await popup.locator("#badge-state").inner_text() == "not paired"
        assert await popup.locator("#connected").is_hidden()
        assert await popup.locator("#server-url").input_value() == "http://127.0.0.1:8000"
    finally:
        await popup.close()


async def test_server_url_is_https_and_loopback_only_in_developer_mode(extension: LoadedExtension) -> None:
    page = await extension.context.new_page()
    await page.goto(extension.url("options/options.html"))
    try:
        await page.locator("#server-url").fill("http://loopwho.example.com")
        await page.locator("#save").click()
        await page.locator("#error").wait_for(state="visible")
        assert "https" in await page.locator("#error").inner_text()
        assert (await extension.storage()).get("serverUrl") is None

        await page.locator("#developer").uncheck()
        await page.locator("#server-url").fill("http://127.0.0.1:8000")
        await page.locator("#save").click()
        await page.locator("#error").filter(has_text="developer").wait_for()
        assert (await extension.storage()).get("serverUrl") is None

        await page.locator("#server-url").fill("https://loopwho.example.com/")
        await page.locator("#save").click()
        await page.locator("#saved").wait_for(state="visible")
        assert (await extension.storage())["serverUrl"] == "https://loopwho.example.com"
        # the developer build lists no such origin, so there was nothing to ask for: no host granted
        assert await granted_origins(extension) == set()
    finally:
        await page.evaluate("chrome.storage.local.clear()")
        await page.close()


async def test_pairing_with_an_unreachable_server_says_so(extension: LoadedExtension) -> None:
    popup = await extension.open_popup()
    try:
        await popup.locator("#server-url").fill("http://127.0.0.1:9")  # discard port: nothing listens
        await popup.locator("#pair-code").fill("ABCD-1234")
        await popup.locator("#pair-button").click()
        await popup.locator("#error").wait_for(state="visible", timeout=20_000)
        assert "could not be reached" in await popup.locator("#error").inner_text()
        assert await extension.badge_text() == "PAIR"
        assert "auth" not in await extension.storage()
    finally:
        await popup.evaluate("chrome.storage.local.clear()")
        await chrome_remove_all(extension)
        await popup.close()


async def chrome_remove_all(extension: LoadedExtension) -> None:
    origins = list(await granted_origins(extension))
    if origins:
        await extension.worker.evaluate("(origins) => chrome.permissions.remove({origins})", origins)
