"""The operator routes for packs over the real app (PostgreSQL, Redis): operators only, writes need
the signed-in session's CSRF token, publish is 201 / 200 (same content) / 409 (other content)."""

from __future__ import annotations

import secrets
from collections.abc import AsyncIterator
from datetime import UTC, datetime

import httpx
import pytest
from litestar import Litestar

from api.app import create_app, lifespan
from core.settings import load_settings
from store import users
from store.db import connect_pool
from tests.api.conftest import PASSWORD, client_for
from tests.packs_lifecycle.conftest import pack_text, renumbered


@pytest.fixture
async def app(settings_env) -> AsyncIterator[Litestar]:
    application = create_app(load_settings())
    async with lifespan(application):
        yield application


async def _signed_in(app: Litestar, role: str) -> tuple[httpx.AsyncClient, dict[str, str]]:
    client = client_for(app)
    email = f"{role}{secrets.token_hex(4)}@example.org"
    r = await client.post("/api/auth/signup", json={"email": email, "password": PASSWORD})
    assert r.status_code == 201, r.text
    if role != "user":
        pool = await app.state.resources.pool()
        await users.set_role(pool, r.json()["user"]["id"], role)
    return client, {"X-CSRF-Token": r.json()["csrf_token"]}


async def test_pack_routes_are_for_operators_only(app: Litestar) -> None:
    client, csrf = await _signed_in(app, "user")
    try:
        for path in ("/api/operator/packs", "/api/operator/packs/health", "/api/operator/packs/google/history"):
            r = await client.get(path)
            assert r.status_code == 403 and "operator" in r.json()["error"]
        r = await client.post("/api/operator/packs", json={"content": pack_text("google")}, headers=csrf)
        assert r.status_code == 403
        r = await client.post("/api/operator/packs/google/rollback", headers=csrf)
        assert r.status_code == 403
    finally:
        await client.aclose()
    anonymous = client_for(app)
    try:
        assert (await anonymous.get("/api/operator/packs")).status_code == 401
    finally:
        await anonymous.aclose()


async def test_operator_publishes_activates_and_rolls_back(app: Litestar, settings_env) -> None:
    started = datetime.now(UTC)  # pack steps other tests' operators took are not this test's
    client, csrf = await _signed_in(app, "operator")
    text = renumbered(pack_text("google"), "5")
    try:
        r = await client.post("/api/operator/packs", json={"content": text}, headers=csrf)
        assert r.status_code == 201 and r.json()["version"] == "5" and r.json()["created"] is True
        r = await client.post("/api/operator/packs", json={"content": text}, headers=csrf)
        assert r.status_code == 200 and r.json()["created"] is False
        r = await client.post("/api/operator/packs", json={"content": text.replace("Saves", "Keeps")}, headers=csrf)
        assert r.status_code == 409 and "already published with other content" in r.json()["error"]
        r = await client.post("/api/operator/packs", json={"content": "platform: [oops"}, headers=csrf)
        assert r.status_code == 400 and "not valid YAML" in r.json()["error"]
        # writes need the CSRF token of the session
        r = await client.post("/api/operator/packs/google/activate", json={"version": "5"})
        assert r.status_code == 403

        r = await client.post("/api/operator/packs/google/activate", json={"version": "5", "canary_percent": 30},
                              headers=csrf)
        assert r.status_code == 200, r.text
        assert (r.json()["active_version"], r.json()["canary_version"], r.json()["canary_percent"]) == ("1", "5", 30)
        r = await client.post("/api/operator/packs/google/activate", json={"version": "5", "canary_percent": 0},
                              headers=csrf)
        assert r.status_code == 400
        r = await client.post("/api/operator/packs/google/activate", json={"version": "6"}, headers=csrf)
        assert r.status_code == 404 and "not published" in r.json()["error"]
        r = await client.post("/api/operator/packs/google/activate", json={"version": "5"}, headers=csrf)
        assert r.json()["active_version"] == "5" and r.json()["health"] == "ok"

        listing = (await client.get("/api/operator/packs")).json()
        google = next(p for p in listing if p["platform"] == "google")
        assert google["active_version"] == "5" and [p["version"] for p in google["published"]] == ["5"]
        assert google["default_version"] == "1" and "2" in google["drafts"]

        r = await client.post("/api/operator/packs/google/rollback", headers=csrf)
        assert r.status_code == 200 and r.json()["active_version"] == "1"
        r = await client.post("/api/operator/packs/google/rollback", headers=csrf)
        assert r.status_code == 400 and "nothing to roll back" in r.json()["error"]
        history = (await client.get("/api/operator/packs/google/history")).json()
        assert [(h["action"], h["reverted"]) for h in history] == [
            ("rollback", False), ("activate", True), ("canary", True)]
        assert (await client.get("/api/operator/packs/myspace/history")).status_code == 400
    finally:
        await client.aclose()

    pool = await connect_pool(settings_env["DATABASE_URL"])
    try:
        actors = {r["actor"] for r in await pool.fetch(
            "SELECT actor FROM audit_log WHERE subject LIKE 'pack:google/%' AND action LIKE 'pack.%'"
            " AND created_at >= $1", started)}
    finally:
        await pool.close()
    assert len(actors) == 1 and next(iter(actors)).startswith("operator:")


async def test_an_operator_starts_a_reextraction_in_the_workers(app: Litestar, settings_env) -> None:
    from rq import Queue

    from jobs.queues import SCANS

    client, csrf = await _signed_in(app, "operator")
    try:
        r = await client.post("/api/operator/packs/microsoft/reextract",
                              json={"version": "1", "since": "2026-11-20T00:00:00Z", "dry_run": True}, headers=csrf)
        assert r.status_code == 202, r.text
        job_id = r.json()["job_id"]
        assert r.json()["status"] == "queued" and job_id.startswith("reextract-microsoft-1-dry-")
        queued = Queue(SCANS, connection=app.state.resources.sync_redis()).fetch_job(job_id)
        assert queued.func_name == "jobs.tasks.reextract_pages"
        assert queued.args[:4] == ("microsoft", "1", "2026-11-20T00:00:00+00:00", True)
        status = await client.get(f"/api/operator/packs/reextractions/{job_id}")
        assert status.status_code == 200 and status.json()["status"] == "queued" and status.json()["report"] is None
        queued.delete()
        r = await client.post("/api/operator/packs/microsoft/reextract", json={"version": "9"}, headers=csrf)
        assert r.status_code == 404 and "microsoft/9" in r.json()["error"]
        r = await client.post("/api/operator/packs/microsoft/reextract", json={"version": "1", "when": 1},
                              headers=csrf)
        assert r.status_code == 400
        assert (await client.get("/api/operator/packs/reextractions/reextract-nothing")).status_code == 404
    finally:
        await client.aclose()
    user, user_csrf = await _signed_in(app, "user")
    try:
        r = await user.post("/api/operator/packs/microsoft/reextract", json={"version": "1"}, headers=user_csrf)
        assert r.status_code == 403
    finally:
        await user.aclose()
