"""Issue 18, fail closed: with Redis stopped, paused or flooded, the auth and rate-limit paths
answer 503 with Retry-After (never 500, never "allow"), a right and a wrong password look the same,
the service recovers by itself when Redis is back, and a revoked pairing stays revoked across a
Redis flush (PostgreSQL is the source of truth)."""

from __future__ import annotations

import asyncio
import uuid

import jwt
import msgspec
import pytest
from litestar import Litestar

from api.app import create_app, lifespan
from core.settings import Settings
from tests.api.conftest import PASSWORD, bearer, client_for, pair_extension
from tests.faults.conftest import RedisServer


async def _user(app: Litestar, email: str):
    from tests.api.conftest import User

    client = client_for(app)
    r = await client.post("/api/auth/signup", json={"email": email, "password": PASSWORD})
    assert r.status_code == 201, r.text
    return User(id=r.json()["user"]["id"], email=email, client=client, csrf=r.json()["csrf_token"])


def _is_503(r) -> bool:
    return r.status_code == 503 and int(r.headers["retry-after"]) >= 1 and r.json()["error"]


async def test_redis_stopped_answers_503_then_recovers(fault_app: Litestar, own_redis: RedisServer) -> None:
    user = await _user(fault_app, "stopped@example.org")
    pair = await pair_extension(user)
    async with client_for(fault_app) as ext, client_for(fault_app) as anon:
        ext.headers.update(bearer(pair["access_token"]))
        assert (await ext.get("/api/extension/scan-status")).status_code == 200
        own_redis.stop()
        right = await anon.post("/api/auth/signin", json={"email": user.email, "password": PASSWORD})
        wrong = await anon.post("/api/auth/signin", json={"email": user.email, "password": "wrong guess!!"})
        assert _is_503(right) and _is_503(wrong), (right.text, wrong.text)
        assert right.json() == wrong.json()  # nothing tells a right password from a wrong one
        for r in (await ext.get("/api/extension/scan-status"),
                  await ext.post("/api/extension/scan-status", json={"platform": "google"}),
                  await user.client.get("/api/auth/me"),
                  await anon.post("/api/extension/auth", json={"grant_type": "refresh_token",
                                                               "refresh_token": pair["refresh_token"]})):
            assert _is_503(r), (r.status_code, r.text)
        health = await anon.get("/api/health")
        assert health.status_code == 503 and health.json()["failing"] == ["redis"]
        own_redis.start()  # same port, empty: sessions are gone, the pairing lives in PostgreSQL
        assert (await ext.get("/api/extension/scan-status")).status_code == 200
        assert (await user.client.get("/api/auth/me")).status_code == 401  # its session was in Redis
        again = await anon.post("/api/auth/signin", json={"email": user.email, "password": PASSWORD})
        assert again.status_code == 200, again.text
    await user.client.aclose()


async def test_revoked_pairing_stays_revoked_across_a_flush(fault_app: Litestar, own_redis: RedisServer) -> None:
    user = await _user(fault_app, "revoked@example.org")
    pair = await pair_extension(user)
    pairings = (await user.client.get("/api/account/extensions")).json()
    async with client_for(fault_app) as ext:
        ext.headers.update(bearer(pair["access_token"]))
        assert (await ext.get("/api/extension/scan-status")).status_code == 200  # caches "live"
        r = await user.client.delete(f"/api/account/extensions/{pairings[0]['id']}", headers=user.csrf_headers)
        assert r.status_code == 204
        assert (await ext.get("/api/extension/scan-status")).status_code == 401
        own_redis.client().flushall()
        assert (await ext.get("/api/extension/scan-status")).status_code == 401
        own_redis.stop()
        own_redis.start()
        assert (await ext.get("/api/extension/scan-status")).status_code == 401
        # a correctly signed token naming a pairing that never existed
        claims = jwt.decode(pair["access_token"], options={"verify_signature": False})
        forged = jwt.encode({**claims, "pid": str(uuid.uuid4())}, fault_app.state.resources.jwt_secret,
                            algorithm="HS256")
        r = await ext.get("/api/extension/scan-status", headers=bearer(forged))
        assert r.status_code == 401, r.text
        # and a token of this user's live pairing presented with another user's id
        other = await _user(fault_app, "other@example.org")
        other_pair = await pair_extension(other)
        claims = jwt.decode(other_pair["access_token"], options={"verify_signature": False})
        swapped = jwt.encode({**claims, "sub": user.id}, fault_app.state.resources.jwt_secret, algorithm="HS256")
        assert (await ext.get("/api/extension/scan-status", headers=bearer(swapped))).status_code == 401
        await other.client.aclose()
    await user.client.aclose()


@pytest.fixture
async def small_pool_app(fault_settings: Settings):
    app = create_app(msgspec.structs.replace(
        fault_settings, redis_max_connections=4, redis_pool_timeout_s=0.2, redis_socket_timeout_s=1.0,
        rate_limit_per_minute=100_000, rate_limit_ip_per_minute=100_000))
    async with lifespan(app):
        yield app


async def test_a_flooded_redis_pool_gives_503_never_500(small_pool_app: Litestar, own_redis: RedisServer) -> None:
    user = await _user(small_pool_app, "flood@example.org")
    pair = await pair_extension(user)
    async with client_for(small_pool_app) as ext:
        ext.headers.update(bearer(pair["access_token"]))
        flood = [ext.get("/api/extension/scan-status") for _ in range(300)]
        codes = [r.status_code for r in await asyncio.gather(*flood)]
        assert set(codes) <= {200, 503}, sorted(set(codes))
        # Redis stops answering (paused): requests hold the 4 connections, the rest wait 0.2 s for one
        pauser = own_redis.client()
        pauser.execute_command("CLIENT", "PAUSE", "1500", "ALL")
        try:
            answers = await asyncio.gather(*[ext.get("/api/extension/scan-status") for _ in range(60)])
        finally:
            pauser.close()
        codes = [r.status_code for r in answers]
        # those that found Redis paused waited at most a pool or socket timeout, then 503; the rest were
        # served after the pause
        assert set(codes) <= {200, 503} and codes.count(503) >= 50, codes
        assert all(r.headers.get("retry-after") for r in answers if r.status_code == 503)
        await asyncio.sleep(1.6)
        assert (await ext.get("/api/extension/scan-status")).status_code == 200
    await user.client.aclose()


async def test_concurrent_guesses_are_counted_per_account(fault_settings: Settings) -> None:
    """The probe: 40 wrong passwords at once from 40 addresses, 10 allowed per account per minute."""
    app = create_app(msgspec.structs.replace(fault_settings, auth_attempts_per_minute=1000,
                                             auth_attempts_per_account_per_minute=10))
    async with lifespan(app):
        user = await _user(app, "target@example.org")
        clients = [client_for(app, ip=f"10.77.0.{i + 1}") for i in range(40)]
        try:
            answers = await asyncio.gather(*[
                c.post("/api/auth/signin", json={"email": "Target@Example.org", "password": f"guess-{i}"})
                for i, c in enumerate(clients)])
        finally:
            for c in clients:
                await c.aclose()
        codes = [r.status_code for r in answers]
        assert codes.count(401) == 10 and codes.count(429) == 30, codes
        assert all(int(r.headers["retry-after"]) >= 1 for r in answers if r.status_code == 429)
        # the right password is refused too while the account is limited
        async with client_for(app, ip="10.77.1.1") as c:
            r = await c.post("/api/auth/signin", json={"email": user.email, "password": PASSWORD})
            assert r.status_code == 429
        await user.client.aclose()
