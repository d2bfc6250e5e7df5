"""Least data: a jar is checked against the cookies the pack names. Without every session cookie it
is refused with a message naming the missing ones; anything the pack does not name is not stored."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from core.errors import InvalidInput
from core.session_cookies import CookieRule, PackCookies
from core.types import Cookie
from packs.loading import parse_pack_text
from profiles.jar import SessionCookiesMissing, check_jar

NOW = 1_800_000_000.0
LIMITS = {"max_count": 200, "max_bytes": 64 * 1024, "session_ttl_s": 3600, "now": NOW}
MICROSOFT = PackCookies(
    session=[CookieRule(name="MSPAuth", domain="live.com"),
             CookieRule(name="AMCSecAuth", domain="account.microsoft.com", host_only=True)],
    consent=[CookieRule(name="MSCC", domain="microsoft.com")],
)


def cookie(name: str, domain: str, *, host_only: bool | None = None, expires: float = NOW + 100) -> Cookie:
    return Cookie(name=name, value=f"{name}-secret", domain=domain, hostOnly=host_only, expirationDate=expires)


def test_only_the_named_cookies_are_kept() -> None:
    sent = [cookie("MSPAuth", ".live.com", host_only=False), cookie("AMCSecAuth", "account.microsoft.com"),
            cookie("MSCC", ".microsoft.com"), cookie("MUID", ".microsoft.com"), cookie("wlidperf", ".live.com"),
            cookie("MSPAuth", ".microsoft.com")]  # the right name on another domain is not the session
    jar = check_jar("microsoft", sent, named=MICROSOFT, **LIMITS)
    assert [(c.name, c.domain) for c in jar.cookies] == [
        ("MSPAuth", ".live.com"), ("AMCSecAuth", "account.microsoft.com"), ("MSCC", ".microsoft.com")]
    assert jar.dropped_unnamed == 3 and jar.dropped_expired == 0


def test_consent_cookies_are_optional() -> None:
    jar = check_jar("microsoft", [cookie("MSPAuth", ".live.com"), cookie("AMCSecAuth", "account.microsoft.com")],
                    named=MICROSOFT, **LIMITS)
    assert len(jar.cookies) == 2


@pytest.mark.parametrize(("sent", "missing"), [
    ([cookie("AMCSecAuth", "account.microsoft.com")], ["MSPAuth (live.com)"]),
    # a domain cookie where the pack names a host-only one is another cookie
    ([cookie("MSPAuth", ".live.com"), cookie("AMCSecAuth", ".account.microsoft.com")],
     ["AMCSecAuth (account.microsoft.com, host-only)"]),
    # an expired session cookie is as good as none
    ([cookie("MSPAuth", ".live.com", expires=NOW - 1), cookie("AMCSecAuth", "account.microsoft.com"),
      cookie("MSCC", ".microsoft.com")], ["MSPAuth (live.com)"]),
    ([cookie("MUID", ".microsoft.com")], ["MSPAuth (live.com)", "AMCSecAuth (account.microsoft.com, host-only)"]),
])
def test_a_jar_without_the_session_cookies_is_refused_naming_them(sent: list[Cookie], missing: list[str]) -> None:
    with pytest.raises(SessionCookiesMissing) as refused:
        check_jar("microsoft", sent, named=MICROSOFT, **LIMITS)
    message = str(refused.value)
    assert f"cookies {', '.join(missing)} are missing or expired" in message
    assert "secret" not in message  # never a value


def test_without_a_named_list_every_platform_cookie_is_kept() -> None:
    jar = check_jar("google", [cookie("NID", ".google.com"), cookie("SID", ".google.com")], **LIMITS)
    assert len(jar.cookies) == 2 and jar.dropped_unnamed == 0


GOOGLE_PACK = (Path(__file__).resolve().parents[2] / "selectors" / "google" / "1.yaml").read_text()


def _google_pack_with(change: Callable[[dict], None]) -> str:
    data = parse_pack_text(GOOGLE_PACK).to_builtins()
    change(data)
    return yaml.safe_dump(data)


def test_the_pack_names_the_cookies_and_they_stay_on_the_platform() -> None:
    pack = parse_pack_text(GOOGLE_PACK)
    assert pack.cookies is not None and "SID" in {r.name for r in pack.cookies.session}
    assert pack.to_builtins()["cookies"]["session"][0] == {"name": "SID", "domain": "google.com"}  # the route's JSON
    with pytest.raises(InvalidInput, match=r"cookies\.consent\[0\]\.domain: 'evil\.example' is not under google"):
        parse_pack_text(_google_pack_with(
            lambda d: d["cookies"]["consent"].insert(0, {"name": "x", "domain": "evil.example"})))
    with pytest.raises(InvalidInput, match=r"cookies\.session"):
        parse_pack_text(_google_pack_with(lambda d: d["cookies"].update(session=[])))
    with pytest.raises(InvalidInput, match=r"cookies\.session\[0\]"):
        parse_pack_text(_google_pack_with(lambda d: d["cookies"]["session"][0].update(name="S;ID")))
