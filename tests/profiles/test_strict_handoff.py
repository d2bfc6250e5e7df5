"""Issue 18 probes on the handoff checks: host names under the platform's registrable domains
(public-suffix aware), RFC 6265 cookie names and values, sameSite, bounded browser context."""

from __future__ import annotations

import pytest

from core.errors import InvalidInput
from core.types import Cookie, Viewport
from profiles.context import check_context
from profiles.domains import cookie_domain_allowed, host_allowed, registrable_domain
from profiles.jar import check_jar

NOW = 1_800_000_000.0
LIMITS = {"max_count": 200, "max_bytes": 64 * 1024, "session_ttl_s": 3600, "now": NOW}


@pytest.mark.parametrize("domain", [
    "evil.com/.google.com", "*.google.com", ".*.google.com", "google.com evil.com", "google.com\x00",
    "127.0.0.1", "[::1]", "localhost", ".com", "com", "google.com.evil.org", "evilgoogle.com",
    "xn--ggle-0nda.com", "goo_gle.google.com", "-a.google.com", "a..google.com", "google.com/", " google.com",
    "a" * 64 + ".google.com", "0x7f.1",
])
def test_not_a_google_host(domain: str) -> None:
    assert not cookie_domain_allowed("google", domain)


@pytest.mark.parametrize("domain", [
    ".google.com", "google.com", "myaccount.google.com", "a-b.c.google.com", "GOOGLE.COM", "google.com.",
])
def test_google_hosts(domain: str) -> None:
    assert cookie_domain_allowed("google", domain)


def test_registrable_domain_is_public_suffix_aware() -> None:
    assert registrable_domain("a.b.google.co.uk") == "google.co.uk"
    assert registrable_domain("co.uk") is None  # a public suffix is nobody's domain
    assert registrable_domain("login.microsoftonline.com") == "microsoftonline.com"
    assert host_allowed("microsoft", "login.live.com") and not host_allowed("microsoft", "live.com.evil.net")


def _cookie(**over: object) -> Cookie:
    base: dict = {"name": "SID", "value": "abc", "domain": ".google.com", "expirationDate": NOW + 100}
    return Cookie(**{**base, **over})


@pytest.mark.parametrize(("over", "message"), [
    ({"name": "a;b"}, "name"), ({"name": "a=b"}, "name"), ({"name": ""}, "name"), ({"name": "a b"}, "name"),
    ({"value": "x\r\nSet-Cookie: evil=1"}, "value"), ({"value": "a;b"}, "value"), ({"value": "a b"}, "value"),
    ({"value": "a\x00"}, "value"), ({"value": "é"}, "value"),
    ({"sameSite": "bogus"}, "sameSite"), ({"sameSite": "Lax"}, "sameSite"),
    ({"path": "noslash"}, "path"), ({"path": "/a;b"}, "path"), ({"path": "/\n"}, "path"),
    ({"expirationDate": float("inf")}, "expirationDate"), ({"expirationDate": float("nan")}, "expirationDate"),
    ({"expirationDate": 1e300}, "expirationDate"),
    ({"name": "__Secure-x"}, "secure"), ({"name": "__Host-x", "secure": True}, "__Host-"),
    ({"name": "a", "value": "v" * 4096}, "longer"),
])
def test_malformed_cookies_are_refused_by_name_never_value(over: dict, message: str) -> None:
    with pytest.raises(InvalidInput, match=message) as caught:
        check_jar("google", [_cookie(name="ok"), _cookie(**over)], **LIMITS)
    if "value" in over and len(str(over["value"])) > 3:
        assert str(over["value"]) not in str(caught.value)


def test_well_formed_cookies_pass() -> None:
    jar = check_jar("google", [
        _cookie(value='"quoted"'), _cookie(name="__Secure-3PSID", secure=True, sameSite="no_restriction"),
        _cookie(name="__Host-GAPS", secure=True, domain="accounts.google.com", hostOnly=True),
        _cookie(name="e", value=""), _cookie(name="x", path="/a-b/c", sameSite="strict"),
    ], **LIMITS)
    assert len(jar.cookies) == 5


GOOD = {"user_agent": "Mozilla/5.0 (X11) Chrome/130", "locale": "en-US", "timezone": "Europe/Berlin",
        "viewport": Viewport(1280, 900)}


@pytest.mark.parametrize(("over", "field"), [
    ({"user_agent": "Mozilla\x00"}, "user_agent"), ({"user_agent": "a\r\nX: y"}, "user_agent"),
    ({"user_agent": "é"}, "user_agent"), ({"user_agent": "a" * 513}, "user_agent"),
    ({"locale": "en-US\x00"}, "locale"), ({"locale": "en_US"}, "locale"), ({"locale": "en-US\n"}, "locale"),
    ({"locale": "x-private"}, "locale"), ({"locale": ""}, "locale"),
    ({"timezone": "Mars/Olympus"}, "timezone"), ({"timezone": "../../etc/passwd"}, "timezone"),
    ({"timezone": "posixrules"}, "timezone"), ({"timezone": "UTC\x00"}, "timezone"),
    ({"viewport": Viewport(2**40, 900)}, "viewport"), ({"viewport": Viewport(0, 0)}, "viewport"),
    ({"viewport": Viewport(-1280, 900)}, "viewport"),
])
def test_browser_context_is_bounded(over: dict, field: str) -> None:
    with pytest.raises(InvalidInput, match=field):
        check_context(**{**GOOD, **over})


@pytest.mark.parametrize("locale", ["en", "en-US", "pt-BR", "zh-Hant-TW", "de-CH-1901", "es-419"])
def test_bcp47_locales_pass(locale: str) -> None:
    check_context(**{**GOOD, "locale": locale})
    check_context(**{**GOOD, "timezone": "UTC", "user_agent": None})
