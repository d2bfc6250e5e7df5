"""Scan now and submitted readings: a scan_jobs row, an rq job on the scans queue by task name,
status as the extension sees it, and pack checks on submitted readings."""

from __future__ import annotations

import pytest
import redis
from litestar import Litestar
from rq import Queue

from jobs.queues import ALL_QUEUES
from tests.api.conftest import bearer, client_for, pair_extension
from tests.api.test_session_handoff import google_cookies


@pytest.fixture
async def ext(app: Litestar, make_user):
    user = await make_user()
    pair = await pair_extension(user)
    async with client_for(app) as client:
        client.headers.update(bearer(pair["access_token"]))
        yield client


def queued(redis_url: str) -> list:
    conn = redis.Redis.from_url(redis_url)
    try:
        return [(j.func_name, j.args) for name in ALL_QUEUES for j in Queue(name, connection=conn).jobs]
    finally:
        conn.close()


async def test_scan_now_queues_one_job_and_reports_status(ext, redis_url: str) -> None:
    await ext.post("/api/extension/session", json={"platform": "google", "cookies": google_cookies(2)})
    r = await ext.post("/api/extension/scan-status", json={"platform": "google"})
    assert r.status_code == 202, r.text
    job = r.json()["job"]
    assert r.json()["created"] and job["status"] == "queued" and job["platform"] == "google"
    assert job["trigger"] == "extension" and job["progress"] == 0
    assert queued(redis_url) == [("jobs.tasks.scan_connection", (job["id"],))]
    again = await ext.post("/api/extension/scan-status", json={"platform": "google"})
    assert again.json()["created"] is False and again.json()["job"]["id"] == job["id"]
    assert len(queued(redis_url)) == 1
    status = await ext.get("/api/extension/scan-status", params={"job_id": job["id"]})
    assert [j["id"] for j in status.json()["jobs"]] == [job["id"]]
    by_platform = await ext.get("/api/extension/scan-status", params={"platform": "facebook"})
    assert by_platform.json()["jobs"] == []
    bad = await ext.get("/api/extension/scan-status", params={"job_id": "not-a-uuid"})
    assert bad.status_code == 400


def _reading(key: str, value: str | None, confidence: float = 0.95) -> dict:
    return {"key": key, "label": key, "value": value, "confidence": confidence, "method": "dom"}


async def test_submitted_readings_are_checked_against_the_pack(ext, redis_url: str, database_url: str) -> None:
    import asyncpg

    unknown = await ext.post("/api/extension/submit-scan", json={
        "platform": "facebook", "readings": [_reading("no_such_setting", "on")]})
    assert unknown.status_code == 400 and "not in the facebook pack" in unknown.json()["error"]
    bad_value = await ext.post("/api/extension/submit-scan", json={
        "platform": "facebook", "readings": [_reading("friend_requests", "martians")]})
    assert bad_value.status_code == 400 and "everyone" in bad_value.json()["error"]
    twice = await ext.post("/api/extension/submit-scan", json={"platform": "facebook", "readings": [
        _reading("friend_requests", "everyone"), _reading("friend_requests", "everyone")]})
    assert twice.status_code == 400
    assert queued(redis_url) == []

    ok = await ext.post("/api/extension/submit-scan", json={"platform": "facebook", "readings": [
        _reading("friend_requests", "everyone"), _reading("lookup_email", "only_me", 0.3)]})
    assert ok.status_code == 202, ok.text
    job_id = ok.json()["job"]["id"]
    assert queued(redis_url) == [("jobs.tasks.process_submitted_scan", (job_id,))]
    conn = await asyncpg.connect(database_url)
    try:
        stored = await conn.fetchval("SELECT submitted_result FROM scan_jobs WHERE id = $1::uuid", job_id)
    finally:
        await conn.close()
    import json

    result = json.loads(stored)
    assert result["platform"] == "facebook" and result["status"] == "partial"
    assert {r["method"] for r in result["readings"]} == {"extension"}
    assert "lookup_email" in result["uncertain_keys"]  # low confidence: shown, never diffed
    assert result["pack_version"]
    busy = await ext.post("/api/extension/submit-scan", json={"platform": "facebook", "readings": [
        _reading("friend_requests", "everyone")]})
    assert busy.status_code == 409


async def test_active_pack_is_served_to_the_extension(ext) -> None:
    r = await ext.get("/api/extension/packs/facebook")
    assert r.status_code == 200
    pack = r.json()
    assert pack["platform"] == "facebook" and pack["version"] and pack["pages"]
    assert "friend_requests" in {s["key"] for s in pack["settings"]}
    assert (await ext.get("/api/extension/packs/myspace")).status_code == 400


async def test_scan_now_queues_again_a_job_whose_rq_job_is_lost_or_abandoned(ext, redis_url: str) -> None:
    from rq.job import Job

    from jobs.queues import scan_rq_state
    from tests.jobs.test_reaper import abandon

    await ext.post("/api/extension/session", json={"platform": "google", "cookies": google_cookies(2)})
    job = (await ext.post("/api/extension/scan-status", json={"platform": "google"})).json()["job"]
    rq_id = f"scan_connection-{job['id']}"
    conn = redis.Redis.from_url(redis_url)
    try:
        # lost from Redis (a flush): the live job is handed back and queued again under the same id
        Queue("scans", connection=conn).remove(rq_id)
        conn.delete(Job.key_for(rq_id))
        again = await ext.post("/api/extension/scan-status", json={"platform": "google"})
        assert again.status_code == 202 and again.json()["created"] is False
        assert again.json()["job"]["id"] == job["id"]
        assert queued(redis_url) == [("jobs.tasks.scan_connection", (job["id"],))]
        # its worker killed mid-scan (started, heartbeat expired): rq's recovery retries it with its
        # back-off (scheduled, 5 s) while it has retries left ...
        abandon(conn, rq_id)
        third = await ext.post("/api/extension/scan-status", json={"platform": "google"})
        assert third.status_code == 202 and third.json()["job"]["id"] == job["id"]
        assert Job.fetch(rq_id, connection=conn).get_status() == "scheduled"
        assert scan_rq_state(conn, job["id"]) == "live"
        # ... and when it has none, it is queued again at once
        job_row = Job.fetch(rq_id, connection=conn)
        job_row.retries_left = 0
        job_row.save()
        conn.zrem(f"rq:scheduled:{job_row.origin}", rq_id)
        abandon(conn, rq_id)
        fourth = await ext.post("/api/extension/scan-status", json={"platform": "google"})
        assert fourth.status_code == 202 and fourth.json()["job"]["id"] == job["id"]
        assert queued(redis_url) == [("jobs.tasks.scan_connection", (job["id"],))]
        assert Job.fetch(rq_id, connection=conn).get_status() == "queued"
        # live: a further click queues nothing more
        await ext.post("/api/extension/scan-status", json={"platform": "google"})
        assert len(queued(redis_url)) == 1
    finally:
        conn.close()
