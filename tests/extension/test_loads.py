"""The unpacked extension loads in real Chromium: its service worker starts with exactly the
manifest's permissions, the badge says it is unpaired, the popup renders and keeps a server URL."""

from __future__ import annotations

from tests.extension.conftest import LoadedExtension
from tests.extension.test_manifest import ALLOWED_HOSTS, ALLOWED_PERMISSIONS, covered


async def test_service_worker_runs_with_only_the_allowed_permissions(extension: LoadedExtension) -> None:
    assert extension.worker.url == extension.url("background/service-worker.js")
    granted = await extension.worker.evaluate("chrome.permissions.getAll()")
    assert set(granted["permissions"]) == ALLOWED_PERMISSIONS
    # Chromium lists the content scripts' match patterns too; each lies inside a host permission
    assert set(granted["origins"]) >= ALLOWED_HOSTS
    assert all(covered(origin) for origin in granted["origins"]), granted["origins"]
    assert await extension.worker.evaluate("typeof chrome.scripting") == "undefined"


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


async def test_server_url_is_checked_and_kept(extension: LoadedExtension) -> None:
    popup = await extension.open_popup()
    try:
        await popup.locator("#server-url").fill("http://loopwho.example.com")
        await popup.locator("#server-save").click()
        await popup.locator("#error").wait_for(state="visible")
        assert "https" in await popup.locator("#error").inner_text()
        assert (await extension.storage()).get("serverUrl") is None

        await popup.locator("#server-url").fill("https://loopwho.example.com/")
        await popup.locator("#server-save").click()
        await popup.locator("#error").wait_for(state="hidden")
        assert (await extension.storage())["serverUrl"] == "https://loopwho.example.com"
    finally:
        await popup.evaluate("chrome.storage.local.clear()")
        await popup.close()


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
        await popup.close()
