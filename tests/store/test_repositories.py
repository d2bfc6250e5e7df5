"""Repositories keep each user's rows to that user, and the once-only operations happen once."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import asyncpg
import pytest

from core.errors import InvalidInput, NotFound
from core.types import AnalysisResult, ChangeEvent
from store import (
    analyses,
    audit,
    connections,
    credits,
    events,
    jobs,
    notifications,
    profiles,
    snapshots,
    users,
)


@pytest.fixture
async def two_users(pool, make_user):
    """User A with a google connection, a snapshot, an event, an analysis and a scan job; user B
    with a google connection of their own."""
    a, b = await make_user(), await make_user()
    a_conn = await connections.upsert_connection(pool, a, "google")
    b_conn = await connections.upsert_connection(pool, b, "google")
    snap = await snapshots.insert_snapshot(
        pool, user_id=a, connection_id=a_conn.id, platform="google", r2_file_path="x.md",
        content_hash="a" * 64, scan_status="ok")
    [event] = await events.insert_events(pool, [ChangeEvent(
        user_id=a, platform="google", change_type="setting_changed",
        change_data={"key": "web_app_activity", "old": "off", "new": "on"}, impact_level="high")])
    analysis = await analyses.insert_analysis(
        pool, user_id=a, connection_id=a_conn.id, result=AnalysisResult(privacy_score=70, summary="ok"),
        file_path="x.md")
    job, _ = await jobs.create_job(pool, a, a_conn.id)
    return {"a": a, "b": b, "a_conn": a_conn, "b_conn": b_conn, "snap": snap, "event": event,
            "analysis": analysis, "job": job}


async def test_user_b_reaches_nothing_of_user_a_by_id(pool, two_users) -> None:
    t = two_users
    b = t["b"]
    with pytest.raises(NotFound):
        await connections.get_connection(pool, b, t["a_conn"].id)
    with pytest.raises(NotFound):
        await connections.set_status(pool, b, t["a_conn"].id, "revoked")
    with pytest.raises(NotFound):
        await snapshots.get_snapshot(pool, b, t["snap"].id)
    with pytest.raises(NotFound):
        await snapshots.insert_snapshot(
            pool, user_id=b, connection_id=t["a_conn"].id, platform="google", r2_file_path="y.md",
            content_hash="b" * 64, scan_status="ok")
    assert await snapshots.latest_good_snapshot(pool, b, t["a_conn"].id) is None
    assert await snapshots.list_snapshots(pool, b) == []
    assert await events.get_event(pool, b, t["event"].id) is None
    assert await events.list_events(pool, b) == []
    assert await events.mark_notified(pool, b, [t["event"].id]) == []
    with pytest.raises(NotFound):
        await analyses.get_analysis(pool, b, t["analysis"].id)
    assert await analyses.latest_analysis(pool, b, t["a_conn"].id) is None
    with pytest.raises(NotFound):
        await jobs.get_job(pool, b, t["job"].id)
    with pytest.raises(NotFound):
        await jobs.create_job(pool, b, t["a_conn"].id)
    # and A still has all of it, untouched by B's attempts
    a_conn = await connections.get_connection(pool, t["a"], t["a_conn"].id)
    assert a_conn.connection_status == "connected"
    assert (await events.get_event(pool, t["a"], t["event"].id)).user_notified is False  # type: ignore[union-attr]
    assert [s.id for s in await snapshots.list_snapshots(pool, t["a"])] == [t["snap"].id]


async def test_mark_notified_flips_each_event_once(pool, two_users) -> None:
    a, event_id = two_users["a"], two_users["event"].id
    assert await events.mark_notified(pool, a, [event_id]) == [event_id]
    assert await events.mark_notified(pool, a, [event_id]) == []
    assert await events.unnotified_events(pool, a) == []


async def test_latest_good_snapshot_skips_degraded_scans(pool, two_users) -> None:
    a, conn_id = two_users["a"], two_users["a_conn"].id
    later = datetime.now(UTC) + timedelta(seconds=5)
    await snapshots.insert_snapshot(
        pool, user_id=a, connection_id=conn_id, platform="google", r2_file_path="p.md",
        content_hash="c" * 64, scan_status="partial", created_at=later)
    latest = await snapshots.latest_good_snapshot(pool, a, conn_id)
    assert latest is not None and latest.id == two_users["snap"].id


async def test_retried_event_insert_adds_nothing(pool, two_users) -> None:
    a = two_users["a"]
    when = datetime(2026, 1, 15, 12, tzinfo=UTC)
    batch = [ChangeEvent(user_id=a, platform="google", change_type="setting_changed",
                         change_data={"key": k}) for k in ("ads", "youtube")]
    keys = ["snap-1:ads", "snap-1:youtube"]
    first = await events.insert_events(pool, batch, dedupe_keys=keys, created_at=when, pack_version="2")
    again = await events.insert_events(pool, batch, dedupe_keys=keys, created_at=when, pack_version="2")
    assert len(first) == 2 and again == []
    assert {e.pack_version for e in first} == {"2"}
    assert len(await events.list_events(pool, a)) == 3


async def test_copy_path_keeps_events_deduplicated(pool, two_users) -> None:
    """Events go in through COPY into a staging table; duplicates within one batch, across a retry,
    and across two calls inside one caller transaction (the stage is per session) are stored once."""
    a = two_users["a"]
    when = datetime(2026, 2, 3, 4, tzinfo=UTC)

    def batch(keys: list[str]) -> list[ChangeEvent]:
        return [ChangeEvent(user_id=a, platform="google", change_type="setting_changed",
                            change_data={"key": k, "quote": "it's \"odd\"\ttab\nline"}) for k in keys]

    twice = ["copy:a", "copy:b", "copy:a", "copy:b"]
    first = await events.insert_events(pool, batch(twice), dedupe_keys=twice, created_at=when)
    assert sorted(e.dedupe_key for e in first) == ["copy:a", "copy:b"]
    assert first[0].change_data["quote"] == "it's \"odd\"\ttab\nline"
    async with pool.acquire() as conn, conn.transaction():
        again = await events.insert_events(conn, batch(["copy:a", "copy:c"]), dedupe_keys=["copy:a", "copy:c"],
                                           created_at=when)
        more = await events.insert_events(conn, batch(["copy:c", "copy:d"]), dedupe_keys=["copy:c", "copy:d"],
                                          created_at=when)
    assert [e.dedupe_key for e in again] == ["copy:c"] and [e.dedupe_key for e in more] == ["copy:d"]
    stored = [e for e in await events.list_events(pool, a, limit=100) if e.created_at == when]
    assert sorted(e.dedupe_key for e in stored) == ["copy:a", "copy:b", "copy:c", "copy:d"]
    # a failed batch (unknown user) leaves nothing behind in the stage for the next one
    with pytest.raises(asyncpg.ForeignKeyViolationError):
        await events.insert_events(pool, [ChangeEvent(
            user_id="00000000-0000-0000-0000-000000000000", platform="google",
            change_type="setting_changed", change_data={})], dedupe_keys=["copy:e"], created_at=when)
    assert await events.insert_events(pool, batch(["copy:d"]), dedupe_keys=["copy:d"], created_at=when) == []


async def test_one_live_scan_job_per_connection(pool, two_users) -> None:
    a, conn_id, job = two_users["a"], two_users["a_conn"].id, two_users["job"]
    same, created = await jobs.create_job(pool, a, conn_id, trigger="api")
    assert (same.id, created) == (job.id, False)
    assert await jobs.mark_running(pool, job.id) is True
    assert await jobs.mark_running(pool, job.id) is False
    await jobs.set_progress(pool, job.id, 40)
    await jobs.finish(pool, job.id, "failed", "login wall")
    done = await jobs.get_job(pool, a, job.id)
    assert (done.status, done.error, done.progress) == ("failed", "login wall", 40)
    fresh, created = await jobs.create_job(pool, a, conn_id)
    assert created and fresh.id != job.id


async def test_session_profile_holds_encrypted_bytes_and_revocation_wipes_them(pool, make_user) -> None:
    a, b = await make_user(), await make_user()
    jar = b"\x00ciphertext\xff" * 10
    meta = await profiles.save_profile(pool, a, "facebook", cookie_jar_enc=jar, key_id="k1", cookie_count=4,
                                       viewport={"width": 1024, "height": 700})
    assert "cookie_jar_enc" not in meta.__struct_fields__
    got = await profiles.get_profile(pool, a, "facebook")
    assert (got.cookie_jar_enc, got.key_id) == (jar, "k1")
    assert got.viewport == {"width": 1024, "height": 700}
    assert "ciphertext" not in repr(got)
    with pytest.raises(NotFound):
        await profiles.get_profile(pool, b, "facebook")
    assert await profiles.revoke_profile(pool, b, "facebook") is False
    assert await profiles.revoke_profile(pool, a, "facebook") is True
    with pytest.raises(NotFound):
        await profiles.get_profile(pool, a, "facebook")
    assert await pool.fetchval(
        "SELECT cookie_jar_enc FROM session_profiles WHERE user_id = $1::uuid", a) is None


async def test_expired_profile_is_not_served(pool, make_user) -> None:
    a = await make_user()
    await profiles.save_profile(pool, a, "microsoft", cookie_jar_enc=b"x", key_id="k1", cookie_count=1,
                                expires_at=datetime.now(UTC) - timedelta(minutes=1))
    with pytest.raises(NotFound, match="connect it again"):
        await profiles.get_profile(pool, a, "microsoft")
    assert (a, "microsoft") in await profiles.wipe_expired(pool)


async def test_bad_input_is_a_clear_error(pool, make_user) -> None:
    a = await make_user()
    with pytest.raises(InvalidInput, match="not a valid UUID"):
        await connections.get_connection(pool, a, "42; DROP TABLE users")
    with pytest.raises(InvalidInput, match="unknown or inactive platform"):
        await connections.upsert_connection(pool, a, "myspace")
    with pytest.raises(InvalidInput, match="role must be one of"):
        await users.create_user(pool, "x@example.test", role="root")
    email = (await users.get_user(pool, a)).email
    with pytest.raises(InvalidInput, match="already exists"):
        await users.create_user(pool, email.upper())


async def test_once_only_email_claims_credits_and_preferences(pool, make_user) -> None:
    a = await make_user()
    assert await notifications.claim_send(pool, a, "change", "event-1") is True
    assert await notifications.claim_send(pool, a, "change", "event-1") is False
    await notifications.release_claim(pool, a, "change", "event-1")
    assert await notifications.claim_send(pool, a, "change", "event-1") is True
    assert await credits.add_entry(pool, a, 100, "purchase", f"stripe:{a}:evt_1") is True
    assert await credits.add_entry(pool, a, 100, "purchase", f"stripe:{a}:evt_1") is False
    assert await credits.add_entry(pool, a, -3, "scan", f"scan:{a}:1") is True
    assert await credits.balance(pool, a) == 97
    assert (await notifications.get_preferences(pool, a)).frequency == "immediate"
    prefs = await notifications.set_preferences(pool, a, frequency="daily", email_enabled=False)
    assert (prefs.frequency, prefs.email_enabled) == ("daily", False)
    assert prefs.change_notifications is True
    with pytest.raises(InvalidInput):
        await notifications.set_preferences(pool, a, frequency="hourly")


async def test_erasing_a_user_removes_their_rows(pool, two_users) -> None:
    a = two_users["a"]
    await audit.record(pool, actor=f"user:{a}", action="session.revoke", subject="google", user_id=a,
                       details={"cookies": 3})
    assert [e.action for e in await audit.entries_for_user(pool, a)] == ["session.revoke"]
    assert await users.erase_user(pool, a) is True
    for table in ("privacy_change_events", "privacy_snapshots", "scan_jobs", "user_platform_connections"):
        assert await pool.fetchval(f"SELECT count(*) FROM {table} WHERE user_id = $1::uuid", a) == 0
    with pytest.raises(NotFound):
        await users.get_user(pool, a)
