"""Dashboard, history, recommendations, export and erasure over real rows and blobs; and user A can
reach nothing of user B by any id."""

from __future__ import annotations

import asyncpg
import pytest
from litestar import Litestar

from core.types import AnalysisResult, ChangeEvent, Recommendation
from store import analyses, events, snapshots
from store.blobs import snapshot_key
from store.db import connect
from tests.api.conftest import User, bearer, client_for, pair_extension
from tests.api.test_session_handoff import SECRET, google_cookies


async def seed(app: Litestar, user: User, database_url: str) -> dict:
    """A connected google account with a snapshot (row + Markdown blob), an analysis and two events."""
    pair = await pair_extension(user)
    async with client_for(app) as ext:
        r = await ext.post("/api/extension/session", headers=bearer(pair["access_token"]),
                           json={"platform": "google", "cookies": google_cookies(2)})
        connection_id = r.json()["connection_id"]
        job = (await ext.post("/api/extension/scan-status", headers=bearer(pair["access_token"]),
                              json={"platform": "google"})).json()["job"]
    from datetime import date

    key = snapshot_key(user.id, "google", date(2026, 11, 25))
    app.state.resources.blobs.put(key, f"# Google privacy for {user.email}\n\nweb_app_activity: on\n".encode())
    conn = await connect(database_url)
    try:
        snap = await snapshots.insert_snapshot(
            conn, user_id=user.id, connection_id=connection_id, platform="google", r2_file_path=key,
            content_hash="a" * 64, scan_status="ok",
            readings=[{"key": "web_app_activity", "label": "Web & App Activity", "value": "on"}])
        analysis = await analyses.insert_analysis(
            conn, user_id=user.id, connection_id=connection_id, file_path=key, result=AnalysisResult(
                privacy_score=62, summary="ok", recommendations=[Recommendation(
                    setting_key="web_app_activity", title="Pause Web & App Activity", action="turn off",
                    where="https://myactivity.google.com/activitycontrols", why="less tracking", priority="high")]))
        # a row in an older shape: an entry the Struct cannot read is skipped, never a 500
        await conn.execute("UPDATE privacy_analyses SET recommendations = recommendations || $2::jsonb "
                           "WHERE id = $1::uuid", analysis.id, [{"broken": True}])
        stored = await events.insert_events(conn, [
            ChangeEvent(user_id=user.id, platform="google", change_type="setting_changed",
                        change_data={"key": "web_app_activity", "from": "off", "to": "on"}, impact_level="high",
                        r2_file_path=key),
            ChangeEvent(user_id=user.id, platform="google", change_type="policy_updated",
                        change_data={"section": "Sharing"}, impact_level="low", r2_file_path=key),
        ], connection_id=connection_id, snapshot_id=snap.id)
    finally:
        await conn.close()
    return {"pair": pair, "job": job, "events": [e.id for e in stored], "blob": key,
            "connection_id": connection_id}


async def test_dashboard_history_recommendations(app: Litestar, make_user, database_url: str) -> None:
    user = await make_user()
    await seed(app, user, database_url)
    dash = (await user.client.get("/api/privacy/dashboard")).json()["platforms"]
    assert len(dash) == 1 and dash[0]["platform"] == "google" and dash[0]["privacy_score"] == 62
    assert dash[0]["settings"] == [{"key": "web_app_activity", "label": "Web & App Activity", "value": "on",
                                    "uncertain": False}]
    assert [r["setting_key"] for r in dash[0]["recommendations"]] == ["web_app_activity"]
    page1 = (await user.client.get("/api/privacy/history", params={"limit": 1})).json()
    assert len(page1["events"]) == 1 and page1["next_cursor"]
    # both events were written in one statement (same timestamp): the cursor still separates them
    page2 = (await user.client.get("/api/privacy/history",
                                   params={"limit": 1, "cursor": page1["next_cursor"]})).json()
    assert len(page2["events"]) == 1 and page2["events"][0]["id"] != page1["events"][0]["id"]
    page3 = (await user.client.get("/api/privacy/history",
                                   params={"limit": 1, "cursor": page2["next_cursor"]})).json()
    assert page3 == {"events": [], "next_cursor": None}
    assert (await user.client.get("/api/privacy/history", params={"cursor": "garbage"})).status_code == 400
    high = (await user.client.get("/api/privacy/history", params={"impact": "high"})).json()["events"]
    assert [e["change_type"] for e in high] == ["setting_changed"]
    assert (await user.client.get("/api/privacy/history", params={"platform": "facebook"})).json()["events"] == []
    assert (await user.client.get("/api/privacy/history", params={"impact": "huge"})).status_code == 400
    assert (await user.client.get("/api/privacy/history", params={"limit": 100000})).status_code == 400
    recs = (await user.client.get("/api/privacy/recommendations")).json()["recommendations"]
    assert [r["priority"] for r in recs] == ["high"]


async def test_user_a_reaches_nothing_of_user_b(app: Litestar, make_user, database_url: str) -> None:
    a, b = await make_user(), await make_user()
    seeded_b = await seed(app, b, database_url)
    b_key = (await b.client.post("/api/account/api-keys", json={"scopes": ["privacy:read"]},
                                 headers=b.csrf_headers)).json()["api_key"]["id"]
    b_pairing = (await b.client.get("/api/account/extensions")).json()[0]["id"]
    a_pair = await pair_extension(a)
    async with client_for(app) as a_ext:
        a_ext.headers.update(bearer(a_pair["access_token"]))
        r = await a_ext.get("/api/extension/scan-status", params={"job_id": seeded_b["job"]["id"]})
        assert r.status_code == 404
        assert (await a_ext.get("/api/extension/scan-status")).json()["jobs"] == []
        services = (await a_ext.get("/api/extension/get-user-services")).json()["services"]
        assert all(s["status"] == "not_connected" for s in services)
        assert (await a_ext.delete("/api/extension/session", params={"platform": "google"})).status_code == 404
    assert (await a.client.delete(f"/api/account/api-keys/{b_key}", headers=a.csrf_headers)).status_code == 404
    assert (await a.client.delete(f"/api/account/extensions/{b_pairing}",
                                  headers=a.csrf_headers)).status_code == 404
    assert (await a.client.get("/api/privacy/history")).json()["events"] == []
    assert (await a.client.get("/api/privacy/dashboard")).json()["platforms"] == []
    assert (await a.client.get("/api/privacy/recommendations")).json()["recommendations"] == []
    export = await a.client.get("/api/privacy/export")
    assert b.id not in export.text and b.email not in export.text and export.json()["snapshot_files"] == []
    # B's things still work for B
    assert (await b.client.get("/api/privacy/history")).json()["events"]
    assert (await b.client.get("/api/extension/scan-status",
                                params={"job_id": seeded_b["job"]["id"]})).status_code == 200


async def test_export_holds_everything_but_no_secret(app: Litestar, make_user, database_url: str) -> None:
    user = await make_user()
    seeded = await seed(app, user, database_url)
    key = (await user.client.post("/api/account/api-keys", json={"scopes": ["privacy:read"]},
                                  headers=user.csrf_headers)).json()["key"]
    r = await user.client.get("/api/privacy/export")
    assert r.status_code == 200 and "attachment" in r.headers["content-disposition"]
    body = r.json()
    data = body["data"]
    assert data["user"][0]["email"] == user.email
    assert [p["platform"] for p in data["session_profiles"]] == ["google"]
    assert {e["id"] for e in data["change_events"]} == set(seeded["events"])
    assert data["snapshots"][0]["readings"][0]["key"] == "web_app_activity"
    assert data["analyses"][0]["privacy_score"] == 62
    assert [f["key"] for f in body["snapshot_files"]] == [seeded["blob"]]
    assert user.email in body["snapshot_files"][0]["markdown"]
    for secret in (SECRET, key, seeded["pair"]["refresh_token"], seeded["pair"]["access_token"]):
        assert secret not in r.text
    for field in ("password_hash", "key_hash", "cookie_jar_enc", "token_hash"):
        assert field not in r.text


async def test_erasure_removes_rows_blobs_jars_and_sessions(app: Litestar, make_user, database_url: str) -> None:
    user, other = await make_user(), await make_user()
    seeded = await seed(app, user, database_url)
    other_seeded = await seed(app, other, database_url)
    blobs = app.state.resources.blobs
    no_csrf = await user.client.delete("/api/account")
    assert no_csrf.status_code == 403
    r = await user.client.delete("/api/account", headers=user.csrf_headers)
    assert r.status_code == 200, r.text
    assert r.json()["blobs"] == 1 and r.json()["rows"]["users"] == 1
    assert not blobs.exists(seeded["blob"]) and blobs.exists(other_seeded["blob"])
    conn = await asyncpg.connect(database_url)
    try:
        for table, column in (("users", "id"), ("session_profiles", "user_id"), ("scan_jobs", "user_id"),
                              ("privacy_snapshots", "user_id"), ("privacy_change_events", "user_id"),
                              ("api_keys", "user_id"), ("extension_pairings", "user_id"),
                              ("user_platform_connections", "user_id")):
            n = await conn.fetchval(f"SELECT count(*) FROM {table} WHERE {column} = $1::uuid", user.id)
            assert n == 0, table
        left = await conn.fetch("SELECT action, details FROM audit_log WHERE user_id = $1::uuid", user.id)
        assert [row["action"] for row in left] == ["account.erased"] and user.email not in str(left)
        assert await conn.fetchval("SELECT count(*) FROM users WHERE id = $1::uuid", other.id) == 1
    finally:
        await conn.close()
    assert (await user.client.get("/api/auth/me")).status_code == 401
    async with client_for(app) as ext:
        r = await ext.get("/api/extension/get-user-services", headers=bearer(seeded["pair"]["access_token"]))
        assert r.status_code == 401
    assert (await other.client.get("/api/privacy/history")).json()["events"]


@pytest.mark.parametrize("path", ["/api/privacy/dashboard", "/api/privacy/history", "/api/privacy/export",
                                  "/api/extension/get-user-services", "/api/extension/scan-status"])
async def test_every_data_route_needs_a_caller(app: Litestar, path: str) -> None:
    async with client_for(app) as c:
        r = await c.get(path)
    assert r.status_code == 401 and r.json()["error"]
