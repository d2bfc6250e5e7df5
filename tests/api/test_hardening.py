"""Issue 18 regressions at the API: security headers on every answer, 503 + Retry-After when the
database is away (auth paths included), and the handoff probes refused with a clear 400."""

from __future__ import annotations

import msgspec
import pytest
from litestar import Litestar

from api.app import create_app, lifespan
from core.settings import Settings
from tests.api.conftest import PASSWORD, bearer, client_for, pair_extension
from tests.conftest import free_port

FRAME = "frame-ancestors 'none'"


def _common_headers(r) -> None:
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["content-security-policy"] == FRAME
    assert r.headers["referrer-policy"] == "no-referrer"


async def test_security_headers_on_every_answer(app: Litestar, make_user) -> None:
    user = await make_user()
    created = await user.client.post("/api/account/api-keys", json={"name": "k"}, headers=user.csrf_headers)
    export = await user.client.get("/api/privacy/export")
    assert created.status_code in (200, 201) and export.status_code == 200
    async with client_for(app) as anon:
        answers = [created, export, await user.client.get("/api/auth/me"), await anon.get("/api/health"),
                   await anon.get("/api/auth/me"), await anon.get("/api/nowhere"),
                   await anon.post("/api/auth/signin", json={"email": user.email, "password": PASSWORD})]
    for r in answers:
        _common_headers(r)
        assert r.headers["cache-control"] == "no-store", r.url
        assert "strict-transport-security" not in r.headers  # plain HTTP: no HSTS


async def test_hsts_behind_tls(api_settings: Settings) -> None:
    app = create_app(msgspec.structs.replace(api_settings, public_url="https://loopwho.example"))
    async with lifespan(app), client_for(app) as client:
        r = await client.get("/api/health")
    assert r.headers["strict-transport-security"].startswith("max-age=31536000")
    _common_headers(r)


async def test_database_down_is_503_with_retry_after_on_auth_paths(api_settings: Settings, make_user) -> None:
    key_owner = await make_user()
    key = (await key_owner.client.post("/api/account/api-keys", json={"name": "k"},
                                       headers=key_owner.csrf_headers)).json()["key"]
    dead = msgspec.structs.replace(api_settings, database_url=f"postgresql://postgres@127.0.0.1:{free_port()}/x")
    app = create_app(dead)
    async with lifespan(app), client_for(app) as client:
        for r in (await client.post("/api/auth/signin", json={"email": "a@b.c", "password": "x"}),
                  await client.get("/api/extension/scan-status", headers=bearer(key)),
                  await client.post("/api/auth/signup", json={"email": "n@b.c", "password": PASSWORD})):
            assert r.status_code == 503, r.text
            assert int(r.headers["retry-after"]) >= 1 and "database" in r.json()["error"]
            _common_headers(r)


@pytest.mark.parametrize(("change", "words"), [
    ({"user_agent": "Mozilla\u0000"}, "user_agent"),
    ({"locale": "en\u0000US"}, "locale"),
    ({"timezone": "Mars/Base"}, "timezone"),
    ({"viewport": {"width": 2**40, "height": 900}}, "viewport"),
    ({"cookies": [{"name": "SID", "value": "v", "domain": "evil.com/.google.com"}]}, "outside google"),
    ({"cookies": [{"name": "SID", "value": "v", "domain": "*.google.com"}]}, "outside google"),
    ({"cookies": [{"name": "SID", "value": "v", "domain": "127.0.0.1"}]}, "outside google"),
    ({"cookies": [{"name": "S;ID=", "value": "v", "domain": ".google.com"}]}, "name"),
    ({"cookies": [{"name": "SID", "value": "v\r\nX: y", "domain": ".google.com"}]}, "value"),
    ({"cookies": [{"name": "SID", "value": "v", "domain": ".google.com", "sameSite": "bogus"}]}, "sameSite"),
])
async def test_handoff_probes_are_refused(app: Litestar, make_user, change: dict, words: str) -> None:
    user = await make_user()
    pair = await pair_extension(user)
    body = {"platform": "google", "cookies": [{"name": "SID", "value": "v", "domain": ".google.com"}], **change}
    async with client_for(app) as ext:
        r = await ext.post("/api/extension/session", json=body, headers=bearer(pair["access_token"]))
        assert r.status_code == 400, r.text
        assert words in r.json()["error"]
        services = (await ext.get("/api/extension/get-user-services",
                                  headers=bearer(pair["access_token"]))).json()["services"]
        assert all(s["status"] == "not_connected" for s in services)
