"""Jar checks and sealing: platform domains only, expiry, bounds, encryption bound to user+platform."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from core.crypto import KeyRing, generate_key
from core.errors import CryptoError, InvalidInput
from core.types import Cookie
from profiles.domains import cookie_domain_allowed
from profiles.jar import JarTooLarge, check_jar
from profiles.sealing import ProfileUnavailable, open_jar, open_profile, seal_jar

NOW = 1_800_000_000.0
LIMITS = {"max_count": 200, "max_bytes": 64 * 1024, "session_ttl_s": 3600, "now": NOW}


def cookie(domain: str, expires: float | None = NOW + 100, value: str = "v", name: str = "n") -> Cookie:
    return Cookie(name=name, value=value, domain=domain, expirationDate=expires)


@pytest.mark.parametrize(("platform", "domain", "allowed"), [
    ("google", ".google.com", True), ("google", "myactivity.google.com", True), ("google", "GOOGLE.COM", True),
    ("google", "evilgoogle.com", False), ("google", "google.com.evil.org", False), ("google", ".", False),
    ("microsoft", ".live.com", True), ("microsoft", "account.microsoft.com", True),
    ("microsoft", "login.microsoftonline.com", True), ("facebook", ".google.com", False),
])
def test_domain_membership(platform: str, domain: str, allowed: bool) -> None:
    assert cookie_domain_allowed(platform, domain) is allowed


def test_expired_dropped_and_expiry_is_the_last_cookie() -> None:
    jar = check_jar("google", [cookie(".google.com", NOW - 1), cookie(".google.com", NOW + 50),
                               cookie("a.google.com", NOW + 500), cookie(".google.com", None)], **LIMITS)
    assert len(jar.cookies) == 3 and jar.dropped_expired == 1
    assert jar.expires_at == datetime.fromtimestamp(NOW + 500, UTC)
    session_only = check_jar("google", [cookie(".google.com", None)], **LIMITS)
    assert session_only.expires_at == datetime.fromtimestamp(NOW + 3600, UTC)


def test_refusals_name_the_problem() -> None:
    with pytest.raises(InvalidInput, match=r"outside google .*evil\.com"):
        check_jar("google", [cookie(".google.com"), cookie("evil.com")], **LIMITS)
    with pytest.raises(JarTooLarge, match="at most 2"):
        check_jar("google", [cookie(".google.com")] * 3, **{**LIMITS, "max_count": 2})
    with pytest.raises(JarTooLarge, match="bytes"):
        check_jar("google", [cookie(".google.com", value="x" * 2000)], **{**LIMITS, "max_bytes": 1000})
    with pytest.raises(InvalidInput, match="unknown platform"):
        check_jar("myspace", [cookie("myspace.com")], **LIMITS)


def test_sealed_jar_opens_only_for_its_user_and_platform() -> None:
    keys = KeyRing.parse(f"k1:{generate_key()}")
    sealed = seal_jar(keys, "user-a", "google", [cookie(".google.com", value="SECRETSID")])
    assert b"SECRETSID" not in sealed.ciphertext and "SECRETSID" not in repr(sealed)
    assert open_jar(keys, "user-a", "google", sealed.ciphertext)[0].value == "SECRETSID"
    with pytest.raises(CryptoError):
        open_jar(keys, "user-b", "google", sealed.ciphertext)
    with pytest.raises(CryptoError):
        open_jar(keys, "user-a", "facebook", sealed.ciphertext)
    with pytest.raises(ProfileUnavailable, match="revoked"):
        open_jar(keys, "user-a", "google", None)


def test_open_profile_refuses_expired_and_drops_expired_cookies() -> None:
    keys = KeyRing.parse(f"k1:{generate_key()}")
    now = datetime.fromtimestamp(NOW, UTC)
    sealed = seal_jar(keys, "u", "google", [cookie(".google.com", NOW - 5, name="old"),
                                           cookie(".google.com", NOW + 5, name="fresh")])
    profile = open_profile(keys, user_id="u", platform="google", ciphertext=sealed.ciphertext,
                           expires_at=now + timedelta(seconds=5), viewport={"width": 800, "height": 600},
                           now=now)
    assert [c.name for c in profile.cookies] == ["fresh"] and profile.viewport.width == 800
    with pytest.raises(ProfileUnavailable, match="expired"):
        open_profile(keys, user_id="u", platform="google", ciphertext=sealed.ciphertext,
                     expires_at=now - timedelta(seconds=1), now=now)
