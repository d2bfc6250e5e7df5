"""The extension's polling path: one Redis round trip for pairing liveness (with the user's role) and
the rate limit, one query for scan-status. What it must still do: refuse a revoked pairing and a
demoted operator at once, count the rate limit, and answer scan-status by job and by platform."""

from __future__ import annotations

import msgspec
from litestar import Litestar

from store import users
from store.db import connect
from tests.api.conftest import bearer, client_for, pair_extension
from tests.api.test_session_handoff import google_cookies


async def _set_role(database_url: str, user_id: str, role: str) -> None:
    conn = await connect(database_url)
    try:
        await users.set_role(conn, user_id, role)
    finally:
        await conn.close()


async def test_a_demoted_operator_s_extension_token_loses_operator_routes_at_once(
    app: Litestar, make_user, database_url: str
) -> None:
    user = await make_user()
    await _set_role(database_url, user.id, "operator")
    pair = await pair_extension(user)
    async with client_for(app) as ext:
        ext.headers.update(bearer(pair["access_token"]))
        assert (await ext.get("/api/operator/packs")).status_code == 200  # caches the pairing, role operator
        await _set_role(database_url, user.id, "user")
        assert (await ext.get("/api/operator/packs")).status_code == 403
        assert (await ext.get("/api/extension/get-user-services")).status_code == 200


async def test_scan_status_by_job_and_by_platform_in_one_answer(app: Litestar, make_user) -> None:
    user = await make_user()
    pair = await pair_extension(user)
    async with client_for(app) as ext:
        ext.headers.update(bearer(pair["access_token"]))
        assert (await ext.post("/api/extension/session", json={"platform": "google", "cookies": google_cookies()})
                ).status_code == 200
        job_id = (await ext.post("/api/extension/scan-status", json={"platform": "google"})).json()["job"]["id"]

        listed = (await ext.get("/api/extension/scan-status")).json()["jobs"]
        assert [(j["id"], j["platform"], j["status"]) for j in listed] == [(job_id, "google", "queued")]
        assert [j["id"] for j in (await ext.get("/api/extension/scan-status",
                                                params={"platform": "google"})).json()["jobs"]] == [job_id]
        assert (await ext.get("/api/extension/scan-status", params={"platform": "facebook"})).json()["jobs"] == []
        one = (await ext.get("/api/extension/scan-status", params={"job_id": job_id})).json()["jobs"]
        assert [j["platform"] for j in one] == ["google"]
        missing = await ext.get("/api/extension/scan-status",
                                params={"job_id": "00000000-0000-0000-0000-000000000000"})
        assert missing.status_code == 404
        assert (await ext.get("/api/extension/scan-status", params={"job_id": "not-a-uuid"})).status_code == 400

    # another user's token sees none of it
    other = await pair_extension(await make_user())
    async with client_for(app) as ext:
        r = await ext.get("/api/extension/scan-status", params={"job_id": job_id},
                          headers=bearer(other["access_token"]))
        assert r.status_code == 404


async def test_extension_tokens_count_against_the_user_s_rate_limit(
    app: Litestar, make_user, monkeypatch
) -> None:
    user = await make_user()
    pair = await pair_extension(user)
    res = app.state.resources
    monkeypatch.setattr(res, "settings", msgspec.structs.replace(res.settings, rate_limit_per_minute=4))
    async with client_for(app) as ext:
        ext.headers.update(bearer(pair["access_token"]))
        codes = [(await ext.get("/api/extension/scan-status")).status_code for _ in range(6)]
    # the pairing code's request counted too: a few 200s, then 429s
    assert codes[0] == 200 and codes[-2:] == [429, 429] and sorted(codes) == codes, codes
