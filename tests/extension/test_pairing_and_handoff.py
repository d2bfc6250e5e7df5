"""The extension against the real API: pair with a code from the account, refresh (and rotate) the
token, unpair. The server's view is checked over HTTP. Connecting platforms: test_connect_flow.py."""

from __future__ import annotations

import time

from tests.extension.conftest import LoadedExtension, RunningApi, granted_origins, pair_in_popup, wait_for


async def test_pair_refresh_and_unpair(
    extension: LoadedExtension, api_server: RunningApi,
) -> None:
    await extension.worker.evaluate("chrome.storage.local.clear()")
    account, csrf = await api_server.new_account()
    await pair_in_popup(extension, api_server, await api_server.pairing_code(account, csrf))
    assert await extension.badge_text() == ""  # paired, nothing connected
    first = (await extension.storage())["auth"]
    pairings = (await account.get("/api/account/extensions")).json()
    assert len(pairings) == 1 and pairings[0]["device_name"].startswith("loopwho extension on ")

    # the access token is about to expire: the next call refreshes first, and the token rotates
    await extension.worker.evaluate("""async () => {
        const { auth } = await chrome.storage.local.get("auth");
        await chrome.storage.local.set({ auth: { ...auth, accessExpiresAt: Date.now() + 1000 } });
    }""")
    popup = await extension.open_popup()  # opening it syncs the services, an authorised call
    second = await wait_for(extension, lambda s: s["auth"]["accessExpiresAt"] > time.time() * 1000 + 600_000)
    second = second["auth"]
    assert second["refreshToken"] != first["refreshToken"]
    assert second["accessToken"] != first["accessToken"]
    # the spent refresh token is refused by the server (the extension never replays it)
    replay = await account.post("/api/extension/auth",
                                json={"grant_type": "refresh_token", "refresh_token": first["refreshToken"]})
    assert replay.status_code == 401

    await popup.close()
    # a replayed refresh token makes the server disconnect the pairing; the popup asks to pair again
    popup = await extension.open_popup()
    await popup.locator("#pairing").wait_for(state="visible")
    assert "pair" in await popup.locator("#error").inner_text()
    assert await extension.badge_text() == "!"
    await popup.close()
    await pair_in_popup(extension, api_server, await api_server.pairing_code(account, csrf))

    # pairing asked for the server's origin, and nothing else; unpairing lets go of everything
    assert await granted_origins(extension) == {"http://127.0.0.1/*"}
    popup = await extension.open_popup()
    try:
        await popup.locator("#unpair-button").click()
        await popup.locator("#pairing").wait_for(state="visible")
        assert await extension.badge_text() == "PAIR"
        assert await extension.worker.evaluate("chrome.scripting.getRegisteredContentScripts()") == []
    finally:
        await popup.close()
        await account.aclose()
