"""chrome.cookies objects -> Playwright cookies (no browser needed)."""

from __future__ import annotations

import pytest

from core.errors import InvalidInput
from core.types import Cookie
from scanner.cookies import parse_cookies, to_playwright_cookie


def test_session_cookie_and_same_site_mapping() -> None:
    got = [to_playwright_cookie(Cookie(name="a", value="v", domain=".google.com", secure=True, sameSite=s))
           for s in ("no_restriction", "lax", "strict", "unspecified")]
    assert [c["sameSite"] for c in got] == ["None", "Lax", "Strict", "Lax"]
    assert all(c["expires"] == -1 for c in got)  # no expirationDate: a session cookie, not "expired at 0"


def test_expiry_host_only_and_domain_cookies() -> None:
    host_only = to_playwright_cookie(Cookie(name="__Host-X", value="v", domain="accounts.google.com",
                                            hostOnly=True, secure=True, expirationDate=1_900_000_000.5))
    assert host_only["domain"] == "accounts.google.com" and host_only["expires"] == 1_900_000_000.5
    widened = to_playwright_cookie(Cookie(name="SID", value="v", domain="google.com", hostOnly=False))
    assert widened["domain"] == ".google.com"
    dotted_host_only = to_playwright_cookie(Cookie(name="h", value="v", domain=".x.com", hostOnly=True))
    assert dotted_host_only["domain"] == "x.com"
    # Chromium drops SameSite=None without Secure; Chrome treats such a cookie as Lax
    insecure = to_playwright_cookie(Cookie(name="n", value="v", domain=".x.com", sameSite="no_restriction"))
    assert insecure["sameSite"] == "Lax"


def test_bad_cookie_data_names_the_problem_never_the_value() -> None:
    with pytest.raises(InvalidInput, match="holds no cookies"):
        parse_cookies(b"[]")
    with pytest.raises(InvalidInput, match=r"\$\[0\]\.value") as err:
        parse_cookies(b'[{"name": "SID", "value": 12345678, "domain": ".google.com"}]')
    assert "12345678" not in str(err.value)
    with pytest.raises(InvalidInput, match="empty domain"):
        parse_cookies(b'[{"name": "SID", "value": "topsecret", "domain": "."}]')
