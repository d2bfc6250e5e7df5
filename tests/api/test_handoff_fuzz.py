"""Property-based fuzzing of POST /api/extension/session (hypothesis, through the real app, real
PostgreSQL): every answer is 200 or a clear 4xx, never a 5xx; a refused handoff leaves the stored
profile, connection and audit trail as they were; an accepted one stores a jar that opens and turns
into Playwright cookies (tests/profiles/test_handoff_property.py replays such jars in Chromium)."""

from __future__ import annotations

import secrets

import msgspec
import pytest
from hypothesis import HealthCheck, given, settings
from litestar import Litestar

from api.app import create_app, lifespan
from core.settings import Settings
from core.types import Cookie
from profiles.sealing import open_jar
from scanner.cookies import to_playwright_cookies
from tests.api.conftest import PASSWORD, User, bearer, client_for, pair_extension
from tests.api.test_session_handoff import _snapshot
from tests.profiles.test_handoff_property import handoffs


@pytest.fixture
async def roomy_app(api_settings: Settings):
    app = create_app(msgspec.structs.replace(api_settings, rate_limit_per_minute=10_000,
                                             rate_limit_ip_per_minute=10_000))
    async with lifespan(app):
        yield app


@pytest.fixture
async def paired(roomy_app: Litestar):
    email = f"handoff-fuzz-{secrets.token_hex(4)}@example.org"
    async with client_for(roomy_app) as web:
        r = await web.post("/api/auth/signup", json={"email": email, "password": PASSWORD})
        assert r.status_code == 201, r.text
        user = User(id=r.json()["user"]["id"], email=email, client=web, csrf=r.json()["csrf_token"])
        pair = await pair_extension(user)
        async with client_for(roomy_app) as ext:
            ext.headers.update(bearer(pair["access_token"]))
            yield user, ext


@settings(max_examples=80, deadline=None, database=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(handoff=handoffs())
async def test_refused_handoffs_change_nothing_and_accepted_ones_replay(
    handoff: tuple[list[Cookie], dict], paired, database_url: str, roomy_app: Litestar
) -> None:
    user, ext = paired
    jar, context = handoff
    body = {"platform": "google", "cookies": [msgspec.to_builtins(c) for c in jar],
            "user_agent": context["user_agent"], "locale": context["locale"], "timezone": context["timezone"],
            "viewport": msgspec.to_builtins(context["viewport"])}
    before = await _snapshot(database_url, user.id)
    r = await ext.post("/api/extension/session", content=msgspec.json.encode(body),
                       headers={"content-type": "application/json"})
    assert r.status_code in (200, 400, 413), r.text
    assert r.json().get("error") or r.status_code == 200
    for cookie in jar:  # never echoed (unless the same text is also a name or domain, which are)
        if len(cookie.value) >= 6 and not any(cookie.value in c.name + c.domain for c in jar):
            assert cookie.value not in r.text
    after = await _snapshot(database_url, user.id)
    if r.status_code != 200:
        assert after == before
        return
    profiles, _, _ = after
    stored = open_jar(roomy_app.state.resources.keys, user.id, "google", profiles[0][1])
    assert to_playwright_cookies(stored)
