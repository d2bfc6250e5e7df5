"""Re-reading kept pages (issue 17): Microsoft's redesign breaks pack 1, pack 2 is activated, and the
scans taken during the breakage are read again from their stored pages with pack 2 (the real
`loopwho packs reextract` command): their readings become right, and no alert is raised or sent."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

import packs
from core.crypto import KeyRing
from jobs import notifications
from jobs.runtime import Runtime
from standins.platforms import Simulator
from standins.resend import ResendStandin
from store import events, scan_pages
from tests.packs_lifecycle.conftest import loopwho, pack_text
from tests.packs_lifecycle.test_redesign_worked_example import PLATFORM, connect_user, scan

pytestmark = pytest.mark.browser


async def test_scans_read_during_a_redesign_are_read_right_with_pack_2_and_raise_no_alert(
    runtime: Runtime, simulator: Simulator, resend_standin: ResendStandin
) -> None:
    db = await runtime.db()
    who = await connect_user(runtime, simulator)
    first, right = await scan(runtime, who)  # pack 1 on the design it was written for
    assert first.scan_status == "ok" and right["pack_version"] == "1"
    values = {r["key"]: r["value"] for r in right["readings"]}

    # the redesign: pack 1 cannot read it; the user changes a setting meanwhile
    since = datetime.now(UTC)
    simulator.set_variant(PLATFORM, "v2")
    simulator.set_setting(PLATFORM, who.account, "search_history", "off")
    broken, misread = await scan(runtime, who)
    assert broken.scan_status == "partial" and broken.events == 0
    assert {r["key"]: r["value"] for r in misread["readings"] if r["method"] == "dom"} == {}

    # each page the scan read is kept, sealed (no settings in clear in blob storage)
    kept = await scan_pages.pages_since(db, PLATFORM, since)
    pack_1 = packs.load_default_pack(PLATFORM)
    assert sorted(p.page_key for p in kept) == sorted(p.key for p in pack_1.pages)
    assert all(p.scan_job_id == broken.job_id and (p.expires_at - p.captured_at).days == 30 for p in kept)
    sealed = runtime.blobs.get(kept[0].blob_key)
    assert KeyRing.key_id_of(sealed) == kept[0].key_id and b"<html" not in sealed.lower()

    await packs.publish_pack(db, pack_text(PLATFORM, "2", draft=True), by="ops")
    async with db.acquire() as conn:
        await packs.activate(conn, PLATFORM, "2", by="ops")

    # a dry run reports, per connection, what would change, and writes nothing
    count = "SELECT count(*) FROM privacy_snapshots WHERE user_id = $1"
    before = await db.fetchval(count, who.user_id)
    args = ("packs", "reextract", PLATFORM, "--version", "2", "--since", since.isoformat(), "--by", "ops")
    dry = await loopwho(*args, "--dry-run")
    assert dry.code == 0, dry.out + dry.err
    assert f"connection {who.connection_id}" in dry.out and "-> pack 2 ok" in dry.out
    assert "search_history - -> off" in dry.out
    assert "readings would change in 1; nothing was written" in dry.out
    assert await db.fetchval(count, who.user_id) == before

    done = await loopwho(*args)
    assert done.code == 0, done.out + done.err
    assert "readings changed in 1; no change alert was raised" in done.out
    corrected = await db.fetchrow("SELECT pack_version, scan_status, readings, created_at FROM privacy_snapshots "
                                  "WHERE reextraction_of = $1", broken.job_id)
    assert (corrected["pack_version"], corrected["scan_status"]) == ("2", "ok")
    assert all(r["method"] == "dom" and r["pack_version"] == "2" for r in corrected["readings"])
    assert {r["key"]: r["value"] for r in corrected["readings"]} == {**values, "search_history": "off"}

    # no alert: no change event, nothing to notify, no e-mail to the user
    assert await events.list_events(db, who.user_id) == []
    assert await notifications.notify_changes(runtime, who.user_id) == []
    assert not [m for m in resend_standin.sent if m.to == [f"{who.account}@example.org"]]

    # again: nothing is written twice
    again = await loopwho(*args)
    assert again.code == 0 and "corrected snapshot" not in again.out
    assert await db.fetchval("SELECT count(*) FROM privacy_snapshots WHERE reextraction_of = $1",
                             broken.job_id) == 1


async def test_kept_pages_past_their_retention_are_deleted_with_their_blobs(runtime: Runtime,
                                                                             simulator: Simulator) -> None:
    from packs.stored_pages import drop_expired

    db = await runtime.db()
    who = await connect_user(runtime, simulator)
    outcome, _ = await scan(runtime, who)
    kept = [p for p in await scan_pages.pages_since(db, PLATFORM, None) if p.scan_job_id == outcome.job_id]
    assert kept and all(runtime.blobs.exists(p.blob_key) for p in kept)
    assert await drop_expired(db, runtime.blobs) == 0  # nothing is due yet
    await db.execute("UPDATE scan_pages SET expires_at = now() - interval '1 second' WHERE scan_job_id = $1",
                     outcome.job_id)
    assert await drop_expired(db, runtime.blobs) == len(kept)
    assert not any(runtime.blobs.exists(p.blob_key) for p in kept)
    assert [p for p in await scan_pages.pages_since(db, PLATFORM, None) if p.scan_job_id == outcome.job_id] == []
