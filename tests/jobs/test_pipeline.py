"""The chain on real parts: simulators in Chromium, PostgreSQL, blob storage, the offline analyser,
and e-mail through the resend SDK to the stand-in."""

from __future__ import annotations

import asyncio
import secrets

import msgspec
import pytest

from jobs import notifications, pipeline
from jobs.runtime import Runtime
from standins.platforms import Simulator
from standins.resend import ResendStandin
from store import audit, events, snapshots
from tests.jobs.conftest import Connected, connect, new_job

pytestmark = pytest.mark.browser


async def scan_and_process(rt: Runtime, who: Connected) -> pipeline.ChainOutcome:
    job_id = await new_job(rt, who)
    result = await pipeline.scan_for_job(rt, job_id)
    return await pipeline.process_scan(rt, job_id, result)


def account() -> str:
    return f"user{secrets.token_hex(3)}"


async def test_flipped_setting_gives_exactly_one_event_and_one_email(
    runtime: Runtime, simulator: Simulator, resend_standin: ResendStandin
) -> None:
    who = await connect(runtime, simulator, "google", account())
    first = await scan_and_process(runtime, who)
    assert first.scan_status == "ok" and first.events == 0 and first.snapshot_id
    assert first.analysis is not None and 0 <= first.analysis.privacy_score <= 100

    simulator.set_setting("google", who.account, "youtube_history", "off")
    second = await scan_and_process(runtime, who)
    stored = await events.list_events(await runtime.db(), who.user_id)
    assert [(e.change_data["key"], e.change_data["old"], e.change_data["new"]) for e in stored] == [
        ("youtube_history", "on", "off")
    ]
    assert second.events == 1 and stored[0].impact_level == "low"  # a move toward privacy

    sent = await notifications.notify_changes(runtime, who.user_id)
    assert len(sent) == 1 and len(resend_standin.sent) == 1
    mail = resend_standin.sent[0]
    assert mail.to == [f"{who.account}@example.org"]
    assert "YouTube History" in (mail.text or "") and "YouTube History" in (mail.html or "")
    # a second notify (a retried job) sends nothing more
    assert await notifications.notify_changes(runtime, who.user_id) == []
    assert len(resend_standin.sent) == 1
    assert all(e.user_notified for e in await events.list_events(await runtime.db(), who.user_id))


async def test_unchanged_page_gives_nothing_across_20_scans(
    runtime: Runtime, simulator: Simulator, resend_standin: ResendStandin
) -> None:
    who = await connect(runtime, simulator, "microsoft", account())
    outcomes = [await scan_and_process(runtime, who) for _ in range(20)]
    opened = [e for e in await audit.entries_for_user(await runtime.db(), who.user_id)
              if e.action == "profile.opened"]
    assert len(opened) == 20  # every use of the sealed session is audited
    assert [o.scan_status for o in outcomes] == ["ok"] * 20
    assert outcomes[0].snapshot_id and all(o.unchanged for o in outcomes[1:])
    db = await runtime.db()
    assert len(await snapshots.list_snapshots(db, who.user_id)) == 1
    assert await events.list_events(db, who.user_id) == []
    assert await notifications.notify_changes(runtime, who.user_id) == []
    assert resend_standin.sent == []


async def test_degraded_scan_raises_no_change_and_is_not_the_next_baseline(
    runtime: Runtime, simulator: Simulator
) -> None:
    who = await connect(runtime, simulator, "facebook", account())
    assert (await scan_and_process(runtime, who)).scan_status == "ok"
    simulator.set_variant("facebook", "v2")  # a redesign pack 1 cannot read
    try:
        simulator.set_setting("facebook", who.account, "partner_ads", "off")
        degraded = await scan_and_process(runtime, who)
    finally:
        simulator.set_variant("facebook", "classic")
    assert degraded.scan_status in ("partial", "failed")
    assert degraded.events == 0
    assert await events.list_events(await runtime.db(), who.user_id) == []
    # back on the readable design the change shows, diffed against the last GOOD snapshot
    back = await scan_and_process(runtime, who)
    stored = await events.list_events(await runtime.db(), who.user_id)
    assert back.scan_status == "ok"
    assert [e.change_data["key"] for e in stored] == ["partner_ads"]


async def test_retried_steps_store_and_send_nothing_twice(
    runtime: Runtime, simulator: Simulator, resend_standin: ResendStandin
) -> None:
    who = await connect(runtime, simulator, "google", account())
    await scan_and_process(runtime, who)
    simulator.set_setting("google", who.account, "timeline", "off")
    simulator.set_setting("google", who.account, "auto_delete", "3")
    job_id = await new_job(runtime, who)
    result = await pipeline.scan_for_job(runtime, job_id)
    first = await pipeline.process_scan(runtime, job_id, result)
    # the worker died after storing everything but before the job was acknowledged: rq runs it again
    again = await pipeline.process_scan(runtime, job_id, result)
    assert again.snapshot_id == first.snapshot_id
    db = await runtime.db()
    stored = await events.list_events(db, who.user_id)
    assert len(stored) == first.events == 2
    assert len(await snapshots.list_snapshots(db, who.user_id)) == 2
    # the notify step is retried after the provider accepted the e-mail but before it was recorded
    assert len(await notifications.notify_changes(runtime, who.user_id)) == 1
    await db.execute("UPDATE notifications_sent SET provider_id = NULL WHERE user_id = $1::uuid", who.user_id)
    await db.execute("UPDATE privacy_change_events SET user_notified = false WHERE user_id = $1::uuid", who.user_id)
    await notifications.notify_changes(runtime, who.user_id)
    assert resend_standin.attempts == 2  # sent again with the same idempotency key ...
    assert len(resend_standin.sent) == 1  # ... which the provider deduplicated
    assert all(e.user_notified for e in await events.list_events(db, who.user_id))


async def test_digest_mode_batches_changes_into_one_email(
    runtime: Runtime, simulator: Simulator, resend_standin: ResendStandin
) -> None:
    from datetime import UTC, datetime, timedelta

    who = await connect(runtime, simulator, "google", account(), frequency="daily")
    await scan_and_process(runtime, who)
    for key, value in (("web_app_activity", "off"), ("timeline", "off")):
        simulator.set_setting("google", who.account, key, value)
        await scan_and_process(runtime, who)
    simulator.set_setting("google", who.account, "auto_delete", "3")
    await scan_and_process(runtime, who)
    stored = await events.list_events(await runtime.db(), who.user_id)
    assert sorted(e.change_data["key"] for e in stored) == ["auto_delete", "timeline", "web_app_activity"]
    # scans seconds apart each keep their own snapshot blob (none overwrites its baseline)
    paths = [s.r2_file_path for s in await snapshots.list_snapshots(await runtime.db(), who.user_id)]
    assert len(paths) == 4 == len(set(paths))
    now = datetime.now(UTC)
    sent = await notifications.notify_changes(runtime, who.user_id, now=now)
    assert len(sent) == 1 and len(resend_standin.sent) == 1
    assert "digest" in resend_standin.sent[0].subject.lower()
    # the next day's digest has nothing new to say; a day with no change sends nothing
    assert await notifications.notify_changes(runtime, who.user_id, now=now + timedelta(days=1)) == []
    assert len(resend_standin.sent) == 1


async def test_a_new_policy_version_gives_one_policy_event_naming_the_section(
    runtime: Runtime, simulator: Simulator
) -> None:
    runtime.settings = msgspec.structs.replace(runtime.settings, policy_refresh_s=1)
    who = await connect(runtime, simulator, "microsoft", account())
    first = await scan_and_process(runtime, who)
    assert first.scan_status == "ok"
    snap = await snapshots.get_snapshot(await runtime.db(), who.user_id, first.snapshot_id)
    body = runtime.blobs.get(snap.r2_file_path).decode()
    assert "## " in body and "privacy" in body.lower()  # the policy's sections are in the snapshot

    simulator.publish_policy("microsoft", "We now share location data with advertising partners.")
    await asyncio.sleep(1.1)  # past the refresh interval: the worker fetches the policy again
    second = await scan_and_process(runtime, who)
    stored = await events.list_events(await runtime.db(), who.user_id)
    assert [e.change_type for e in stored] == ["policy_updated"]
    assert second.events == 1
    changed = stored[0].change_data["sections"]
    assert changed and all(s["kind"] in ("changed", "added", "removed") for s in changed)


async def test_expired_session_asks_to_reconnect_once(
    runtime: Runtime, simulator: Simulator, resend_standin: ResendStandin
) -> None:
    from jobs import notifications as notify_step
    from store import connections

    who = await connect(runtime, simulator, "facebook", account())
    simulator.expire_session("facebook", who.account)
    outcome = await scan_and_process(runtime, who)
    assert outcome.scan_status == "reauth_required" and outcome.notify == "reconnect"
    db = await runtime.db()
    assert (await connections.get_connection(db, who.user_id, who.connection_id)).connection_status == (
        "reauth_required")
    assert await events.list_events(db, who.user_id) == [] and await snapshots.list_snapshots(db, who.user_id) == []
    first = await notify_step.notify_reconnect(runtime, who.user_id, who.connection_id)
    again = await notify_step.notify_reconnect(runtime, who.user_id, who.connection_id)  # a retried job
    assert first is not None and again is None
    assert [m.subject for m in resend_standin.sent] == [
        "Reconnect Facebook: loopwho can no longer see your privacy settings"]
