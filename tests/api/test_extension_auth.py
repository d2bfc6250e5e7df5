"""Pairing -> JWT -> refresh rotation; replayed refresh tokens revoke the pairing; expired and revoked
tokens get 401."""

from __future__ import annotations

import asyncpg
from litestar import Litestar

from api.auth.tokens import issue_access_token
from tests.api.conftest import bearer, client_for, pair_extension


async def _refresh(app: Litestar, token: str):
    async with client_for(app) as c:
        return await c.post("/api/extension/auth", json={"grant_type": "refresh_token", "refresh_token": token})


async def test_pairing_gives_a_working_short_lived_token(app: Litestar, make_user) -> None:
    user = await make_user()
    pair = await pair_extension(user)
    assert pair["expires_in"] == 900 and pair["token_type"] == "Bearer"
    async with client_for(app) as ext:
        r = await ext.get("/api/extension/get-user-services", headers=bearer(pair["access_token"]))
        assert r.status_code == 200
        assert {s["platform"] for s in r.json()["services"]} == {"google", "facebook", "microsoft"}
        # extension tokens are not for account things
        assert (await ext.post("/api/account/pairing-codes", headers=bearer(pair["access_token"]))).status_code == 403
    listed = await user.client.get("/api/account/extensions")
    assert [p["device_name"] for p in listed.json()] == ["test"]


async def test_pairing_code_works_once(app: Litestar, make_user) -> None:
    user = await make_user()
    code = (await user.client.post("/api/account/pairing-codes", headers=user.csrf_headers)).json()["code"]
    async with client_for(app) as ext:
        first = await ext.post("/api/extension/auth", json={"grant_type": "pairing_code", "code": code})
        again = await ext.post("/api/extension/auth", json={"grant_type": "pairing_code", "code": code})
        wrong = await ext.post("/api/extension/auth", json={"grant_type": "pairing_code", "code": "AAAA-BBBB"})
        missing = await ext.post("/api/extension/auth", json={"grant_type": "pairing_code"})
    assert first.status_code == 200
    assert again.status_code == 401 and "used or expired" in again.json()["error"]
    assert wrong.status_code == 401
    assert missing.status_code == 400


async def test_refresh_rotates_and_replay_revokes_the_family(app: Litestar, make_user, database_url: str) -> None:
    user = await make_user()
    pair = await pair_extension(user)
    r1 = await _refresh(app, pair["refresh_token"])
    assert r1.status_code == 200
    second = r1.json()
    assert second["refresh_token"] != pair["refresh_token"]
    # the first refresh token was spent: using it again is a replay (a stolen copy, say)
    replay = await _refresh(app, pair["refresh_token"])
    assert replay.status_code == 401 and "used before" in replay.json()["error"]
    assert pair["refresh_token"] not in replay.text
    # the whole family is dead: the newest refresh token and the live access token too
    assert (await _refresh(app, second["refresh_token"])).status_code == 401
    async with client_for(app) as ext:
        r = await ext.get("/api/extension/get-user-services", headers=bearer(second["access_token"]))
        assert r.status_code == 401
    conn = await asyncpg.connect(database_url)
    try:
        reason = await conn.fetchval(
            "SELECT revoked_reason FROM extension_pairings WHERE user_id = $1::uuid", user.id)
        hashes = await conn.fetch("SELECT token_hash FROM extension_refresh_tokens")
    finally:
        await conn.close()
    assert reason == "replay"
    assert all(pair["refresh_token"] not in h["token_hash"] for h in hashes)


async def test_expired_and_forged_tokens_are_refused(app: Litestar, make_user) -> None:
    user = await make_user()
    pair = await pair_extension(user)
    res = app.state.resources
    import jwt

    pid = jwt.decode(pair["access_token"], options={"verify_signature": False})["pid"]
    expired = issue_access_token(res.jwt_secret, user_id=user.id, pairing_id=pid, ttl_s=-5)
    forged = issue_access_token("not-the-secret-" * 3, user_id=user.id, pairing_id=pid, ttl_s=600)
    async with client_for(app) as ext:
        r = await ext.get("/api/extension/get-user-services", headers=bearer(expired))
        assert r.status_code == 401 and "expired" in r.json()["error"]
        assert (await ext.get("/api/extension/get-user-services", headers=bearer(forged))).status_code == 401
    garbage = await _refresh(app, "lwr_garbage")
    assert garbage.status_code == 401


async def test_revoking_a_pairing_from_the_account_stops_the_extension(app: Litestar, make_user) -> None:
    user = await make_user()
    pair = await pair_extension(user)
    pairing_id = (await user.client.get("/api/account/extensions")).json()[0]["id"]
    r = await user.client.delete(f"/api/account/extensions/{pairing_id}", headers=user.csrf_headers)
    assert r.status_code == 204
    async with client_for(app) as ext:
        assert (await ext.get("/api/extension/get-user-services",
                              headers=bearer(pair["access_token"]))).status_code == 401
    r = await _refresh(app, pair["refresh_token"])
    assert r.status_code == 401 and "disconnected" in r.json()["error"]
