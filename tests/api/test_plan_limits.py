"""The plan's limits as the extension meets them: 402 beyond the plan's platforms or without credits
(the message is what the popup shows), 429 with Retry-After over the day's "scan now", credits
taken once per scan and given back when the scan fails for loopwho's reasons."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

import pytest
from litestar import Litestar

from billing.plans import load_plans
from store import credits
from store import jobs as scan_jobs
from store.db import connect
from tests.api.conftest import bearer, client_for, pair_extension
from tests.api.test_session_handoff import google_cookies

FREE = load_plans().get("free")


def facebook_cookies() -> list[dict]:
    future = time.time() + 86_400 * 30
    return [{"name": "c_user", "value": "1000123", "domain": ".facebook.com", "path": "/", "secure": True,
             "httpOnly": True, "sameSite": "no_restriction", "expirationDate": future},
            {"name": "xs", "value": "abc%3Adef", "domain": ".facebook.com", "path": "/", "secure": True,
             "expirationDate": future}]


@pytest.fixture
async def member(app: Litestar, make_user):
    user = await make_user()
    pair = await pair_extension(user)
    async with client_for(app) as client:
        client.headers.update(bearer(pair["access_token"]))
        yield user, client


async def test_connecting_beyond_the_plan_answers_402_with_a_message(member) -> None:
    assert FREE.platforms == 1
    _, ext = member
    assert (await ext.post("/api/extension/session", json={"platform": "google", "cookies": google_cookies()})
            ).status_code == 200
    refused = await ext.post("/api/extension/session", json={"platform": "facebook", "cookies": facebook_cookies()})
    assert refused.status_code == 402
    message = refused.json()["error"]
    assert "Free plan covers 1 connected platform" in message and "Google" in message
    assert "Facebook" in message and "upgrade" in message
    # the extension may hand over the connected platform's fresh cookies at any time
    assert (await ext.post("/api/extension/session", json={"platform": "google", "cookies": google_cookies()})
            ).status_code == 200
    # readings submitted for a platform connect it too: refused the same way
    submitted = await ext.post("/api/extension/submit-scan", json={
        "platform": "facebook", "readings": [
        {"key": "friend_requests", "label": "Friend requests", "value": "everyone", "confidence": 0.95,
         "method": "dom"}]})
    assert submitted.status_code == 402 and "Free plan" in submitted.json()["error"], submitted.text
    services = (await ext.get("/api/extension/get-user-services")).json()["services"]
    assert {s["platform"]: s["status"] for s in services}["facebook"] == "not_connected"
    # after disconnecting Google there is room for Facebook
    assert (await ext.delete("/api/extension/session", params={"platform": "google"})).status_code == 200
    assert (await ext.post("/api/extension/session", json={"platform": "facebook", "cookies": facebook_cookies()})
            ).status_code == 200


async def _balance(database_url: str, user_id: str) -> int:
    conn = await connect(database_url)
    try:
        return await credits.balance(conn, user_id)
    finally:
        await conn.close()


async def _finish(database_url: str, job_id: str, status: str) -> None:
    conn = await connect(database_url)
    try:
        await scan_jobs.finish(conn, job_id, status, None if status == "done" else "test")
    finally:
        await conn.close()


async def test_scan_now_costs_credits_once_and_stops_at_the_days_allowance(member, database_url: str) -> None:
    user, ext = member
    await ext.post("/api/extension/session", json={"platform": "google", "cookies": google_cookies()})
    first = await ext.post("/api/extension/scan-status", json={"platform": "google"})
    assert first.status_code == 202 and first.json()["created"]
    assert await _balance(database_url, user.id) == FREE.credits_per_month - 1
    # asking again while it is queued returns the same job, at no cost
    again = await ext.post("/api/extension/scan-status", json={"platform": "google"})
    assert again.json()["job"]["id"] == first.json()["job"]["id"] and not again.json()["created"]
    assert await _balance(database_url, user.id) == FREE.credits_per_month - 1

    # loopwho's failure (a browser crash, no worker): the credit comes back and the scan does not count
    await _finish(database_url, first.json()["job"]["id"], "failed")
    assert await _balance(database_url, user.id) == FREE.credits_per_month
    # an expired session is the user's: no refund
    expired = (await ext.post("/api/extension/scan-status", json={"platform": "google"})).json()["job"]["id"]
    await _finish(database_url, expired, "reauth_required")
    assert await _balance(database_url, user.id) == FREE.credits_per_month - 1

    for _ in range(FREE.scan_now_per_day - 1):
        r = await ext.post("/api/extension/scan-status", json={"platform": "google"})
        assert r.status_code == 202 and r.json()["created"]
        await _finish(database_url, r.json()["job"]["id"], "done")
    over = await ext.post("/api/extension/scan-status", json={"platform": "google"})
    assert over.status_code == 429
    assert f"today's {FREE.scan_now_per_day} \"scan now\"" in over.json()["error"]
    now = datetime.now(UTC)
    to_midnight = (now.replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1) - now).total_seconds()
    assert abs(int(over.headers["retry-after"]) - to_midnight) <= 5
    assert await _balance(database_url, user.id) == FREE.credits_per_month - FREE.scan_now_per_day
    billing = (await user.client.get("/api/billing")).json()
    assert billing["plan"]["scan_now_used_today"] == FREE.scan_now_per_day


async def test_scan_now_without_credits_answers_402(member, database_url: str) -> None:
    user, ext = member
    await ext.post("/api/extension/session", json={"platform": "google", "cookies": google_cookies()})
    first = await ext.post("/api/extension/scan-status", json={"platform": "google"})
    await _finish(database_url, first.json()["job"]["id"], "done")
    conn = await connect(database_url)
    try:
        await credits.add_entry(conn, user.id, -await credits.balance(conn, user.id), "test", f"drain:{user.id}")
    finally:
        await conn.close()
    refused = await ext.post("/api/extension/scan-status", json={"platform": "google"})
    assert refused.status_code == 402 and "no credits left" in refused.json()["error"]
    assert len((await ext.get("/api/extension/scan-status")).json()["jobs"]) == 1  # the refused one rolled back
