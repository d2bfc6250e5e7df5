"""The extension against the real API: pair with a code from the account, refresh (and rotate) the
token, hand a platform's cookies over, disconnect. The server's view is checked over HTTP."""

from __future__ import annotations

import time

from tests.extension.conftest import LoadedExtension, RunningApi, pair_in_popup, wait_for

GOOGLE_COOKIES = [
    {"name": "SID", "value": "sid-secret-value", "domain": ".google.com", "path": "/", "secure": True,
     "httpOnly": True, "sameSite": "None", "expires": time.time() + 3 * 3600},
    {"name": "__Secure-1PSID", "value": "psid-secret-value", "domain": ".google.com", "path": "/",
     "secure": True, "httpOnly": True, "sameSite": "None", "expires": time.time() + 30 * 86400},
    {"name": "NID", "value": "nid-value", "domain": ".google.com", "path": "/", "secure": True,
     "httpOnly": True, "sameSite": "None", "expires": -1},
]


async def test_pair_refresh_hand_over_and_disconnect(
    extension: LoadedExtension, api_server: RunningApi,
) -> None:
    await extension.worker.evaluate("chrome.storage.local.clear()")
    account, csrf = await api_server.new_account()
    await pair_in_popup(extension, api_server, await api_server.pairing_code(account, csrf))
    assert await extension.badge_text() == ""
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

    # hand over the Google cookies this browser holds
    await extension.context.add_cookies(GOOGLE_COOKIES)
    popup = await extension.open_popup()
    try:
        google = popup.locator("li.platform[data-platform=google]")
        await google.locator("button[data-action=send-session]").click()
        await google.locator('.state[data-state="connected"]').wait_for()
        assert await google.locator("button[data-action=scan-now]").is_visible()
        state = (await api_server.services(extension))["google"]
        assert state["status"] == "connected" and state["cookie_count"] == len(GOOGLE_COOKIES)
        platforms = (await extension.storage())["platforms"]
        # the next handoff comes before the first cookie (SID, 3 h) expires, an hour early
        minutes_left = (platforms["google"]["nextHandoffAt"] / 1000 - time.time()) / 60
        assert 110 < minutes_left < 121
        alarm = await extension.worker.evaluate("chrome.alarms.get('handoff:google')")
        assert abs(alarm["scheduledTime"] - platforms["google"]["nextHandoffAt"]) < 5_000

        await google.locator("button[data-action=disconnect]").click()
        await google.locator('.state[data-state="not connected"]').wait_for()
        state = (await api_server.services(extension))["google"]
        assert state["status"] == "revoked" and state["cookie_count"] == 0
        assert await extension.worker.evaluate("chrome.alarms.get('handoff:google')") is None
    finally:
        await popup.close()
        await account.aclose()
        await extension.context.clear_cookies()
