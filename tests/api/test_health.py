"""/api/health answers 200 when database, Redis and blob storage are up, 503 naming the part that is
down, and fast when it is."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import msgspec

from api.app import create_app, lifespan
from core.settings import Settings
from tests.api.conftest import client_for
from tests.conftest import free_port


@asynccontextmanager
async def served(settings: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(settings)
    async with lifespan(app), client_for(app) as client:
        yield client


async def test_health_ok_with_all_parts_up(api_settings: Settings) -> None:
    async with served(api_settings) as client:
        r = await client.get("/api/health")
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["status"] == "healthy" and body["failing"] == []
    for part in ("database", "redis", "blob_storage"):
        assert body["parts"][part]["status"] == "up"
    assert body["parts"]["gemini"]["status"] == "not_configured"


async def test_health_503_names_dead_redis_and_answers_fast(api_settings: Settings) -> None:
    dead = msgspec.structs.replace(api_settings, redis_url=f"redis://127.0.0.1:{free_port()}/0")
    async with served(dead) as client:
        started = time.perf_counter()
        r = await client.get("/api/health")
        elapsed = time.perf_counter() - started
    assert r.status_code == 503, r.text
    body = r.json()
    assert body["failing"] == ["redis"]
    assert body["parts"]["database"]["status"] == "up"
    assert elapsed < 3


async def test_health_503_names_dead_database(api_settings: Settings) -> None:
    dead = msgspec.structs.replace(
        api_settings, database_url=f"postgresql://postgres@127.0.0.1:{free_port()}/nothing")
    async with served(dead) as client:
        r = await client.get("/api/health")
        assert r.status_code == 503
        assert r.json()["failing"] == ["database"]
        # routes that need the database say so with 503, not a 500
        r = await client.post("/api/auth/signin", json={"email": "a@b.c", "password": "x"})
        assert r.status_code == 503, r.text
        assert "database" in r.json()["error"]


async def test_health_configured_services_are_reported(api_settings: Settings) -> None:
    configured = msgspec.structs.replace(api_settings, gemini_api_key="gk-secret-value",
                                         stripe_secret_key="sk_x")
    async with served(configured) as client:
        r = await client.get("/api/health")
    assert r.json()["parts"]["gemini"]["status"] == "configured"
    assert r.json()["parts"]["stripe"]["status"] == "configured"
    assert "gk-secret-value" not in r.text
