"""The seed's analytics for operators over the API: trends per platform and day, and users with many
changes; plain users get 403, bad query values a 400."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from litestar import Litestar

from api.app import create_app, lifespan
from core.settings import load_settings
from core.types import ChangeEvent
from store import events, users
from tests.api.conftest import PASSWORD, client_for


@pytest.fixture
async def app(settings_env) -> AsyncIterator[Litestar]:
    application = create_app(load_settings())
    async with lifespan(application):
        yield application


async def _signed_in(app: Litestar, role: str) -> tuple[httpx.AsyncClient, str]:
    client = client_for(app)
    r = await client.post("/api/auth/signup", json={"email": f"{role}{secrets.token_hex(4)}@example.org",
                                                    "password": PASSWORD})
    assert r.status_code == 201, r.text
    user_id = r.json()["user"]["id"]
    if role != "user":
        await users.set_role(await app.state.resources.pool(), user_id, role)
    return client, user_id


async def test_operators_see_trends_and_heavy_users(app: Litestar) -> None:
    pool = await app.state.resources.pool()
    heavy = await users.create_user(pool, f"heavy{secrets.token_hex(3)}@example.org")
    now = datetime.now(UTC)
    made = [ChangeEvent(user_id=heavy.id, platform="microsoft", change_type="setting_changed",
                        change_data={"key": f"k{i}"}, impact_level="high" if i < 3 else "low",
                        created_at=now) for i in range(6)]
    await events.insert_events(pool, made, dedupe_keys=[secrets.token_hex(8) for _ in made])

    client, _ = await _signed_in(app, "operator")
    try:
        r = await client.get("/api/operator/reports/trends", params={"days": 7})
        assert r.status_code == 200
        today = [t for t in r.json() if t["platform"] == "microsoft" and t["day"] == now.date().isoformat()]
        assert today and today[0]["change_count"] >= 6 and 0 < today[0]["high_impact_ratio"] < 1
        r = await client.get("/api/operator/reports/heavy-users")
        assert {"user_id": heavy.id, "platform": "microsoft", "change_count": 6} in r.json()
        r = await client.get("/api/operator/reports/trends", params={"days": 0})
        assert r.status_code == 400 and "error" in r.json()
    finally:
        await client.aclose()

    plain, _ = await _signed_in(app, "user")
    try:
        assert (await plain.get("/api/operator/reports/heavy-users")).status_code == 403
    finally:
        await plain.aclose()
