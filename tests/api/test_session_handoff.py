"""Cookie handoff: only the platform's domains, expired cookies dropped, bounded count and size,
encrypted at rest, never echoed; refused requests change nothing."""

from __future__ import annotations

import time

import asyncpg
import pytest
from litestar import Litestar

from core.crypto import KeyRing
from profiles.sealing import open_jar
from tests.api.conftest import bearer, client_for, pair_extension

SECRET = "SIDVALUE-never-show-me-0123456789"


# the session cookies the Google pack names: a handoff without them all is refused
GOOGLE_SESSION = ("SID", "HSID", "SSID", "APISID", "SAPISID", "__Secure-1PSID", "__Secure-3PSID")


def google_cookies(n: int = 3, value: str = SECRET) -> list[dict]:
    """Google's session cookies (SID holds ``value``) and n - 1 other cookies, which are not stored."""
    future = time.time() + 86_400 * 30
    cookies = [{"name": name, "value": value if name == "SID" else f"{name}-v", "domain": ".google.com",
                "path": "/", "secure": True, "httpOnly": True, "sameSite": "no_restriction",
                "expirationDate": future} for name in GOOGLE_SESSION]
    cookies += [{"name": f"c{i}", "value": f"v{i}", "domain": "myaccount.google.com",
                 "expirationDate": future} for i in range(n - 1)]
    return cookies


async def _snapshot(database_url: str, user_id: str) -> tuple:
    conn = await asyncpg.connect(database_url)
    try:
        profiles = await conn.fetch("SELECT platform, cookie_jar_enc, cookie_count, revoked_at FROM "
                                    "session_profiles WHERE user_id = $1::uuid ORDER BY platform", user_id)
        conns = await conn.fetch("SELECT connection_status FROM user_platform_connections "
                                 "WHERE user_id = $1::uuid", user_id)
        audit = await conn.fetchval("SELECT count(*) FROM audit_log WHERE user_id = $1::uuid "
                                    "AND action LIKE 'profile.%'", user_id)
    finally:
        await conn.close()
    return [tuple(p) for p in profiles], [tuple(c) for c in conns], audit


@pytest.fixture
async def extension(app: Litestar, make_user):
    user = await make_user()
    pair = await pair_extension(user)
    async with client_for(app) as client:
        client.headers.update(bearer(pair["access_token"]))
        yield user, client


async def test_handoff_stores_an_encrypted_jar_and_connects(extension, database_url, app) -> None:
    user, ext = extension
    expired = {"name": "old", "value": "x", "domain": ".google.com", "expirationDate": time.time() - 10}
    cookies = [*google_cookies(3), expired]
    cookies[1]["partitionKey"] = {"topLevelSite": "https://google.com"}  # newer Chrome fields are ignored
    r = await ext.post("/api/extension/session", json={
        "platform": "google", "cookies": cookies, "user_agent": "Mozilla/5.0 test", "timezone": "Europe/Berlin"})
    assert r.status_code == 200, r.text
    body = r.json()
    stored = len(GOOGLE_SESSION)  # only the cookies the pack names: c0 and c1 are not kept
    assert body["status"] == "connected" and body["cookie_count"] == stored and body["dropped_expired"] == 1
    assert SECRET not in r.text
    profiles, conns, audit = await _snapshot(database_url, user.id)
    assert conns == [("connected",)] and audit == 1
    platform, sealed, count, revoked = profiles[0]
    assert (platform, count, revoked) == ("google", stored, None)
    assert SECRET.encode() not in sealed  # encrypted at rest
    keys: KeyRing = app.state.resources.keys
    cookies = open_jar(keys, user.id, "google", sealed)
    assert [c.name for c in cookies] == list(GOOGLE_SESSION) and cookies[0].value == SECRET
    services = (await ext.get("/api/extension/get-user-services")).json()["services"]
    google = next(s for s in services if s["platform"] == "google")
    assert google["status"] == "connected" and google["cookie_count"] == stored
    assert SECRET not in str(services)


async def test_foreign_domains_are_refused_and_nothing_changes(extension, database_url) -> None:
    user, ext = extension
    assert (await ext.post("/api/extension/session",
                           json={"platform": "google", "cookies": google_cookies(2)})).status_code == 200
    before = await _snapshot(database_url, user.id)
    for domain in (".facebook.com", "evilgoogle.com", "google.com.evil.org", ""):
        cookies = [*google_cookies(2, value="NEWVALUE"), {"name": "x", "value": "y", "domain": domain}]
        r = await ext.post("/api/extension/session", json={"platform": "google", "cookies": cookies})
        assert r.status_code == 400, (domain, r.text)
        assert "outside google" in r.json()["error"] and "NEWVALUE" not in r.text
    assert await _snapshot(database_url, user.id) == before


async def test_bad_bodies_get_clear_4xx_and_nothing_changes(extension, database_url, app) -> None:
    user, ext = extension
    before = await _snapshot(database_url, user.id)
    too_many = await ext.post("/api/extension/session",
                              json={"platform": "google", "cookies": google_cookies(201)})
    assert too_many.status_code == 413 and "at most 200" in too_many.json()["error"]
    big = [{"name": f"n{i}", "value": "v" * 4000, "domain": ".google.com"} for i in range(20)]
    too_big = await ext.post("/api/extension/session", json={"platform": "google", "cookies": big})
    assert too_big.status_code == 413 and "bytes" in too_big.json()["error"]
    huge = await ext.post("/api/extension/session", content=b'{"platform": "google", "cookies": ['
                          + b'{"name":"a","value":"' + b"v" * 300_000 + b'","domain":".google.com"}]}',
                          headers={"content-type": "application/json"})
    assert huge.status_code == 413
    malformed = await ext.post("/api/extension/session", content=b'{"platform": "google", "cook',
                               headers={"content-type": "application/json"})
    assert malformed.status_code == 400 and malformed.json()["error"]
    wrong_type = await ext.post("/api/extension/session", json={"platform": "google", "cookies": "SID=abc"})
    assert wrong_type.status_code == 400 and wrong_type.json()["detail"][0]["field"] == "cookies"
    assert "SID=abc" not in wrong_type.text
    unknown_platform = await ext.post("/api/extension/session", json={"platform": "myspace", "cookies": []})
    assert unknown_platform.status_code == 400
    all_expired = await ext.post("/api/extension/session", json={"platform": "google", "cookies": [
        {"name": "a", "value": "b", "domain": ".google.com", "expirationDate": 1.0}]})
    assert all_expired.status_code == 400 and "unexpired" in all_expired.json()["error"]
    assert await _snapshot(database_url, user.id) == before


async def test_a_jar_without_the_session_cookies_is_refused_naming_them(extension, database_url) -> None:
    user, ext = extension
    before = await _snapshot(database_url, user.id)
    signed_out = [c for c in google_cookies(3) if c["name"] not in ("SID", "__Secure-3PSID")]
    r = await ext.post("/api/extension/session", json={"platform": "google", "cookies": signed_out})
    assert r.status_code == 400
    assert "session cookies SID (google.com), __Secure-3PSID (google.com) are missing" in r.json()["error"]
    assert "HSID-v" not in r.text  # never a value
    assert await _snapshot(database_url, user.id) == before


async def test_revoke_wipes_the_jar(extension, database_url) -> None:
    user, ext = extension
    await ext.post("/api/extension/session", json={"platform": "google", "cookies": google_cookies(2)})
    r = await ext.delete("/api/extension/session", params={"platform": "google"})
    assert r.status_code == 200 and r.json()["status"] == "revoked"
    profiles, conns, audit = await _snapshot(database_url, user.id)
    assert profiles[0][1] is None and profiles[0][3] is not None and conns == [("revoked",)]
    assert audit == 2
    assert (await ext.delete("/api/extension/session", params={"platform": "facebook"})).status_code == 404
    # scanning a disconnected platform is refused with a reason
    r = await ext.post("/api/extension/scan-status", json={"platform": "google"})
    assert r.status_code == 409 and "not connected" in r.json()["error"]
