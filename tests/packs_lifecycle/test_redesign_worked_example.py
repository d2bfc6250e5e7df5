"""The worked example of docs/pack-updates.md, end to end on real parts: Microsoft redesigns its
privacy pages (simulator variant v2), pack 1 cannot read them, the platform turns degraded without a
single false alert, and an operator ships pack 2 with the real `loopwho packs` command (validate on
fixtures, dry-run on users' profiles, publish, 50% canary, full activation, rollback)."""

from __future__ import annotations

import secrets

import msgspec
import pytest

from jobs import notifications, pipeline
from jobs.runtime import Runtime
from packs.activation import canary_bucket
from profiles.sealing import seal_jar
from standins.platforms import Simulator
from standins.resend import ResendStandin
from store import connections, events, profiles, snapshots, users
from store import jobs as scan_jobs
from tests.packs_lifecycle.conftest import ROOT, loopwho

pytestmark = pytest.mark.browser
PLATFORM = "microsoft"
DRAFT = str(ROOT / "selectors" / PLATFORM / "drafts" / "2.yaml")


class Who(msgspec.Struct):
    user_id: str
    connection_id: str
    account: str


async def connect_user(rt: Runtime, sim: Simulator) -> Who:
    """A user whose Microsoft cookies were handed over (sealed as the API does)."""
    db = await rt.db()
    account = f"user{secrets.token_hex(3)}"
    user = await users.create_user(db, f"{account}@example.org", name=account)
    jar = seal_jar(rt.keys, user.id, PLATFORM, sim.sign_in(PLATFORM, account))
    await profiles.save_profile(db, user.id, PLATFORM, cookie_jar_enc=jar.ciphertext, key_id=jar.key_id,
                                cookie_count=jar.cookie_count)
    conn = await connections.upsert_connection(db, user.id, PLATFORM)
    return Who(user_id=user.id, connection_id=conn.id, account=account)


async def scan(rt: Runtime, who: Who) -> tuple[pipeline.ChainOutcome, dict]:
    job, created = await scan_jobs.create_job(await rt.db(), who.user_id, who.connection_id, trigger="api")
    assert created
    result = await pipeline.scan_for_job(rt, job.id)
    outcome = await pipeline.process_scan(rt, job.id, result)
    # the snapshot stored for it (or, when the chain stopped as unchanged, the identical latest one)
    latest = (await snapshots.list_snapshots(await rt.db(), who.user_id, limit=1))[0]
    snap = await (await rt.db()).fetchrow(
        "SELECT pack_version, scan_status, readings FROM privacy_snapshots WHERE id = $1",
        outcome.snapshot_id or latest.id)
    return outcome, dict(snap)


async def one_in_and_one_out_of_the_canary(rt: Runtime, sim: Simulator) -> tuple[Who, Who]:
    """Users until one connection falls in a 50% canary and one outside it (about 2 tries)."""
    inside = outside = None
    while inside is None or outside is None:
        who = await connect_user(rt, sim)
        if canary_bucket(who.connection_id) < 50:
            inside = inside or who
        else:
            outside = outside or who
    return inside, outside


async def test_a_platform_redesign_from_degraded_to_pack_2_without_a_false_alert(
    runtime: Runtime, simulator: Simulator, resend_standin: ResendStandin
) -> None:
    db = await runtime.db()
    start = await db.fetchval("SELECT coalesce(max(id), 0) FROM audit_log")
    operator = await users.create_user(db, f"ops{secrets.token_hex(3)}@example.org", name="Ops", role="operator")
    anna, ben = await one_in_and_one_out_of_the_canary(runtime, simulator)
    everyone = (anna, ben)

    async def all_events() -> list:
        return [e for who in everyone for e in await events.list_events(db, who.user_id)]

    # 1. before the redesign: pack 1 (the default, never activated) reads everything
    for who in everyone:
        outcome, snap = await scan(runtime, who)
        assert outcome.scan_status == "ok" and snap["pack_version"] == "1"

    # 2. Microsoft ships its redesign; pack 1 cannot read it
    simulator.set_variant(PLATFORM, "v2")
    simulator.set_setting(PLATFORM, ben.account, "search_history", "off")  # a real change, made meanwhile
    for who in everyone:
        outcome, snap = await scan(runtime, who)
        assert outcome.scan_status == "partial" and outcome.events == 0 and outcome.notify is None
        assert snap["pack_version"] == "1" and snap["scan_status"] == "partial"
        assert all(r["method"] == "ocr" for r in snap["readings"])  # whatever was read, OCR read it
    health = await loopwho("packs", "health", PLATFORM)
    assert health.code == 0, health.err
    assert "microsoft: DEGRADED" in health.out and "pack 1: DOM hit rate below 80%" in health.out
    assert await all_events() == []
    assert [await notifications.notify_changes(runtime, who.user_id) for who in everyone] == [[], []]
    # every operator (this one among them) got one "degraded" e-mail; no user got anything
    assert [m.to for m in resend_standin.sent].count([operator.email]) == 1
    assert all("degraded" in m.subject for m in resend_standin.sent)

    # 3. the operator checks pack 2 on the recorded fixture pages ...
    validated = await loopwho("packs", "validate", DRAFT, "--by", "ops")
    assert validated.code == 0, validated.out + validated.err
    assert "4 of 4 readings right: the pack is valid" in validated.out
    blind = await loopwho("packs", "validate", str(ROOT / "selectors" / PLATFORM / "1.yaml"))
    assert blind.code == 0  # pack 1 still reads its own fixtures (classic, redesigned)

    # 4. ... dry-runs it on a user's real session (nothing is stored) ...
    stored_before = await db.fetchval("SELECT (SELECT count(*) FROM privacy_snapshots) + "
                                      "(SELECT count(*) FROM pack_scan_health)")
    dry = await loopwho("packs", "dry-run", DRAFT, "--platform", PLATFORM, "--sample", "1", "--by", "ops")
    assert dry.code == 0, dry.out + dry.err
    assert "current pack 1 partial, candidate pack 2 ok" in dry.out
    assert "candidate read every setting in 1 of 1 samples; nothing was stored" in dry.out
    assert await db.fetchval("SELECT (SELECT count(*) FROM privacy_snapshots) + "
                             "(SELECT count(*) FROM pack_scan_health)") == stored_before

    # 5. ... publishes it (twice: the second is a no-op) and starts a 50% canary
    published = await loopwho("packs", "publish", DRAFT, "--by", "ops")
    assert published.code == 0 and "microsoft/2 published" in published.out
    again = await loopwho("packs", "publish", DRAFT, "--by", "ops")
    assert again.code == 0 and "already published with the same content" in again.out
    canary = await loopwho("packs", "activate", PLATFORM, "2", "--canary", "50", "--by", "ops")
    assert canary.code == 0, canary.err
    assert "50% of connections now use pack 2" in canary.out and "health: degraded" in canary.out
    outcome_in, snap_in = await scan(runtime, anna)
    outcome_out, snap_out = await scan(runtime, ben)
    assert (snap_in["pack_version"], snap_out["pack_version"]) == ("2", "1")
    # pack 2 reads Anna's page fully, but while pack 1 still serves half the users the platform stays
    # degraded: the scan is kept for the record and held back from diffing
    assert all(r["method"] == "dom" and r["pack_version"] == "2" for r in snap_in["readings"])
    assert outcome_in.scan_status == "partial" and outcome_in.events == 0
    assert outcome_out.scan_status == "partial" and outcome_out.events == 0
    assert await all_events() == []

    # 6. full activation: the platform is healthy again, scans are ok, and diffs compare by key
    full = await loopwho("packs", "activate", PLATFORM, "2", "--by", "ops")
    assert full.code == 0 and "every scan now uses pack 2" in full.out and "health: ok" in full.out
    outcome_a, snap_a = await scan(runtime, anna)
    outcome_b, snap_b = await scan(runtime, ben)
    assert (outcome_a.scan_status, outcome_b.scan_status) == ("ok", "ok")
    assert snap_a["pack_version"] == snap_b["pack_version"] == "2"
    # Anna changed nothing: pack 1's and pack 2's readings compare by key (new labels, same values)
    assert outcome_a.events == 0 and await events.list_events(db, anna.user_id) == []
    # Ben's change during the redesign was held back, not lost: reported once, now, truly
    ben_events = await events.list_events(db, ben.user_id)
    assert [(e.change_data["key"], e.change_data["old"], e.change_data["new"]) for e in ben_events] == [
        ("search_history", "on", "off")]
    assert ben_events[0].pack_version == "2"
    await notifications.notify_changes(runtime, ben.user_id)
    user_mails = [m for m in resend_standin.sent if "degraded" not in m.subject]
    assert [m.to for m in user_mails] == [[f"{ben.account}@example.org"]]

    # 7. a rollback works: pack 1 is back for every scan (and, on this design, degraded again)
    back = await loopwho("packs", "rollback", PLATFORM, "--by", "ops")
    assert back.code == 0 and "every scan rolled back to pack 1" in back.out and "health: degraded" in back.out
    outcome, snap = await scan(runtime, anna)
    assert snap["pack_version"] == "1" and outcome.scan_status == "partial" and outcome.events == 0
    listing = await loopwho("packs", "list")
    assert "microsoft: active 1 (last step: rollback)" in listing.out and "published: 2 (" in listing.out
    again_full = await loopwho("packs", "activate", PLATFORM, "2", "--by", "ops")
    assert "health: ok" in again_full.out

    # no false change event at any point; every operator step is in the audit log
    assert [e.change_data["key"] for e in await all_events()] == ["search_history"]
    actions = [r["action"] for r in await db.fetch(
        "SELECT action FROM audit_log WHERE subject LIKE 'pack:microsoft/%' AND id > $1 ORDER BY id", start)]
    for step in ("pack.health_degraded", "pack.validated", "pack.dry_run", "pack.published",
                 "pack.publish_unchanged", "pack.canary", "pack.activate", "pack.health_recovered", "pack.rollback"):
        assert step in actions
    assert await db.fetchval("SELECT count(*) FROM audit_log WHERE action = 'profile.used_for_dry_run' "
                             "AND id > $1", start) == 1
