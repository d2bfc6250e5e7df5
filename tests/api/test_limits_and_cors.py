"""Rate limits per user and per IP (429 + Retry-After), sign-in attempt limits, and CORS that
admits only the extension and dashboard origins."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import msgspec
import pytest
from litestar import Litestar

from api.app import create_app, lifespan
from core.settings import Settings
from tests.api.conftest import PASSWORD, client_for

EXTENSION = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"
DASHBOARD = "https://dash.loopwho.example"


@pytest.fixture
async def tight_app(api_settings: Settings):
    settings = msgspec.structs.replace(
        api_settings, rate_limit_per_minute=5, rate_limit_ip_per_minute=12, auth_attempts_per_minute=4,
        extension_origin=EXTENSION, dashboard_origin=DASHBOARD)
    app = create_app(settings)
    async with lifespan(app):
        yield app


@asynccontextmanager
async def _user(app: Litestar, ip: str) -> AsyncIterator[httpx.AsyncClient]:
    async with client_for(app, ip=ip) as client:
        r = await client.post("/api/auth/signup", json={"email": f"{ip}@example.org", "password": PASSWORD})
        assert r.status_code == 201, r.text
        yield client


async def test_per_user_limit_answers_429_with_retry_after(tight_app: Litestar) -> None:
    async with _user(tight_app, "10.1.0.1") as c:
        codes = [(await c.get("/api/auth/me")).status_code for _ in range(6)]
        assert codes == [200] * 5 + [429]
        r = await c.get("/api/auth/me")
        assert r.status_code == 429 and 1 <= int(r.headers["retry-after"]) <= 60
        assert "try again" in r.json()["error"]
    # another user from another address is not affected
    async with _user(tight_app, "10.1.0.2") as other:
        assert (await other.get("/api/auth/me")).status_code == 200


async def test_per_ip_limit_covers_unauthenticated_requests(tight_app: Litestar) -> None:
    async with client_for(tight_app, ip="10.2.0.1") as c:
        codes = [(await c.get("/api/health")).status_code for _ in range(13)]
    assert codes[:12] == [200] * 12 and codes[12] == 429
    async with client_for(tight_app, ip="10.2.0.2") as c:
        assert (await c.get("/api/health")).status_code == 200


async def test_sign_in_attempts_are_limited(tight_app: Litestar) -> None:
    async with client_for(tight_app, ip="10.3.0.1") as c:
        attempt = {"email": "x@example.org", "password": "guess"}
        codes = [(await c.post("/api/auth/signin", json=attempt)).status_code for _ in range(5)]
    assert codes == [401] * 4 + [429]


async def test_cors_admits_only_the_configured_origins(tight_app: Litestar) -> None:
    async with client_for(tight_app, ip="10.4.0.1") as c:
        for origin in (EXTENSION, DASHBOARD):
            r = await c.options("/api/extension/get-user-services", headers={
                "Origin": origin, "Access-Control-Request-Method": "GET",
                "Access-Control-Request-Headers": "authorization"})
            assert r.status_code in (200, 204) and r.headers["access-control-allow-origin"] == origin
        evil = await c.options("/api/extension/get-user-services", headers={
            "Origin": "https://evil.example", "Access-Control-Request-Method": "GET"})
        assert evil.headers.get("access-control-allow-origin") != "https://evil.example"
        simple = await c.get("/api/health", headers={"Origin": "https://evil.example"})
        assert "access-control-allow-origin" not in simple.headers
