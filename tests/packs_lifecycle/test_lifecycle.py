"""The operator steps on real PostgreSQL: publish is immutable, canaries split connections stably,
rollbacks walk back in order, a new file on disk switches nothing, and every step is audited."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

import packs
from core.errors import InvalidInput, NotFound
from core.settings import get_settings
from core.types import ScanResult, SettingReading
from packs.health import evaluate_platform, scan_outcomes
from store import audit
from store import pack_health as store_health
from store import packs as store_packs
from store.db import connect_pool
from tests.packs_lifecycle.conftest import pack_text, renumbered


@pytest.fixture
async def db(settings_env) -> AsyncIterator[asyncpg.Pool]:
    pool = await connect_pool(settings_env["DATABASE_URL"])
    yield pool
    await pool.close()


async def test_publish_is_immutable_and_idempotent(db: asyncpg.Pool) -> None:
    text = renumbered(pack_text("google"), "7")
    first = await packs.publish_pack(db, text, by="alice")
    assert first.created and (first.platform, first.version) == ("google", "7")
    again = await packs.publish_pack(db, text, by="bob")
    assert not again.created and again.published_by == "operator:alice"  # a no-op keeps the first publication
    changed = text.replace("Saves your searches", "Keeps your searches")
    with pytest.raises(store_packs.PackVersionTaken, match=r"google/7 is already published with other content"):
        await packs.publish_pack(db, changed, by="mallory")
    stored = await store_packs.get_published(db, "google", "7")
    assert stored is not None
    assert stored.content == text and stored.content_sha256 == packs.content_sha256(text)
    # the published bytes are what scans read
    assert (await packs.pack_for_scan(db, "google", "7")).setting("web_app_activity").description.startswith("Saves")
    trail = await audit.entries_for_subject(db, "pack:google/7")
    assert [(e.action, e.actor) for e in reversed(trail)] == [
        ("pack.published", "operator:alice"), ("pack.publish_unchanged", "operator:bob"),
        ("pack.publish_refused", "operator:mallory")]


async def test_bad_input_gets_one_clear_error(db: asyncpg.Pool) -> None:
    with pytest.raises(InvalidInput, match="invalid selector pack"):
        await packs.publish_pack(db, "platform: google\nversion: '3'\n", by="alice")
    with pytest.raises(InvalidInput, match="say who does this"):
        await packs.publish_pack(db, pack_text("google"), by=" ")
    async with db.acquire() as conn:
        with pytest.raises(NotFound, match=r"google/9 is not published; run `loopwho packs publish PATH` first"):
            await packs.activate(conn, "google", "9", by="alice")
        with pytest.raises(InvalidInput, match="unknown platform 'myspace'"):
            await packs.activate(conn, "myspace", "1", by="alice")
        await packs.publish_pack(conn, renumbered(pack_text("google"), "2"), by="alice")
        with pytest.raises(InvalidInput, match="--canary must be a percentage from 1 to 99"):
            await packs.activate(conn, "google", "2", by="alice", canary_percent=100)
        with pytest.raises(InvalidInput, match="nothing to roll back: google runs 1"):
            await packs.rollback(conn, "google", by="alice")


async def test_a_new_file_on_disk_switches_nothing(db: asyncpg.Pool, tmp_path: Path, monkeypatch) -> None:
    for version in ("1", "2"):
        folder = tmp_path / "microsoft"
        folder.mkdir(exist_ok=True)
        (folder / f"{version}.yaml").write_text(renumbered(pack_text("microsoft"), version) if version != "1"
                                                else pack_text("microsoft"))
    monkeypatch.setenv("LOOPWHO_SELECTORS_DIR", str(tmp_path))
    assert (await packs.pack_for_scan(db, "microsoft", connection_id=str(uuid.uuid4()))).version == "1"
    state = await packs.current(db, "microsoft")
    assert (state.active_version, state.action) == ("1", "default")


async def test_canary_split_is_stable_and_near_the_percentage(db: asyncpg.Pool) -> None:
    async with db.acquire() as conn:
        await packs.publish_pack(conn, renumbered(pack_text("facebook"), "2"), by="alice")
        await packs.activate(conn, "facebook", "2", by="alice", canary_percent=50)
    ids = [str(uuid.uuid4()) for _ in range(400)]
    chosen = {cid: await packs.resolve_version(db, "facebook", cid) for cid in ids}
    share = sum(v == "2" for v in chosen.values()) / len(ids)
    assert 0.40 <= share <= 0.60
    # the same connection always gets the same pack, scan after scan
    for cid in ids[:50]:
        assert await packs.resolve_version(db, "facebook", cid) == chosen[cid]
    assert await packs.resolve_version(db, "facebook", None) == "1"  # no connection: the active version
    # widening the canary keeps everyone already in it
    async with db.acquire() as conn:
        await packs.activate(conn, "facebook", "2", by="alice", canary_percent=80)
    widened = {cid: await packs.resolve_version(db, "facebook", cid) for cid in ids}
    assert all(widened[cid] == "2" for cid in ids if chosen[cid] == "2")
    assert sum(v == "2" for v in widened.values()) > sum(v == "2" for v in chosen.values())


async def test_rollback_walks_back_in_order_and_is_audited(db: asyncpg.Pool) -> None:
    start = await db.fetchval("SELECT coalesce(max(id), 0) FROM audit_log")
    async with db.acquire() as conn:
        for version in ("2", "3"):
            await packs.publish_pack(conn, renumbered(pack_text("google"), version), by="alice")
        steps = [
            await packs.activate(conn, "google", "2", by="alice"),
            await packs.activate(conn, "google", "3", by="bob", canary_percent=10),
            await packs.activate(conn, "google", "3", by="bob"),
        ]
        assert [(s.active_version, s.canary_version) for s in steps] == [("2", None), ("2", "3"), ("3", None)]
        back = [await packs.rollback(conn, "google", by="carol") for _ in range(2)]
        assert [(s.active_version, s.canary_version) for s in back] == [("2", None), ("1", None)]
        with pytest.raises(InvalidInput, match="nothing to roll back"):
            await packs.rollback(conn, "google", by="carol")
        # a running canary is cancelled first, the active version stays
        await packs.activate(conn, "google", "2", by="alice")
        await packs.activate(conn, "google", "3", by="alice", canary_percent=25)
        cancelled = await packs.rollback(conn, "google", by="carol")
        assert (cancelled.active_version, cancelled.canary_version, cancelled.canary_percent) == ("2", None, 0)
        assert (await packs.rollback(conn, "google", by="carol")).active_version == "1"
    actions = [e.action for e in await audit.entries_for_subject(db, "pack:google/1") if e.id > start]
    assert actions == ["pack.rollback", "pack.rollback"]
    rows = await db.fetch("SELECT action, actor, details FROM audit_log WHERE action LIKE 'pack.%' "
                          "AND subject LIKE 'pack:google/%' AND id > $1 ORDER BY id", start)
    assert [r["action"] for r in rows][-4:] == ["pack.activate", "pack.canary", "pack.rollback", "pack.rollback"]
    assert rows[-1]["actor"] == "operator:carol" and rows[-1]["details"]["previous"]["active_version"] == "2"


def _result(version: str, methods: dict[str, str | None]) -> ScanResult:
    readings = [SettingReading(key=k, label=k, value="on", method=m, confidence=0.9, pack_version=version)
                for k, m in methods.items() if m is not None]
    return ScanResult(platform="microsoft", status="partial", pack_version=version, readings=readings)


async def test_health_degrades_below_the_dom_hit_rate_and_recovers_on_a_good_pack(
    db: asyncpg.Pool, monkeypatch
) -> None:
    monkeypatch.setenv("LOOPWHO_PACK_HEALTH_WINDOW", "4")
    monkeypatch.setenv("LOOPWHO_PACK_HEALTH_MIN_SCANS", "3")
    get_settings.cache_clear()
    s = get_settings()
    start = await db.fetchval("SELECT coalesce(max(id), 0) FROM audit_log")
    keys = ["location_activity", "search_history"]
    good = scan_outcomes(keys, _result("1", {"location_activity": "dom", "search_history": "dom"}))
    redesign = scan_outcomes(keys, _result("1", {"location_activity": "ocr", "search_history": None}))
    assert redesign == {"location_activity": "ocr", "search_history": "missed"}
    for outcomes in (good, good):
        await store_health.record_scan(db, platform="microsoft", pack_version="1", outcomes=outcomes)
    assert (await evaluate_platform(db, "microsoft", s)).state == "ok"
    await store_health.record_scan(db, platform="microsoft", pack_version="1", outcomes=redesign)
    degraded = await evaluate_platform(db, "microsoft", s)
    assert degraded.state == "degraded" and degraded.pack_version == "1"
    assert "location_activity 67% (2 of 3 by DOM, 1 by OCR, 0 missed)" in degraded.reason
    # the same job recorded twice (a retried step) counts once
    job = str(uuid.uuid4())
    assert await store_health.record_scan(db, platform="microsoft", pack_version="1", outcomes=redesign,
                                          scan_job_id=job)
    assert not await store_health.record_scan(db, platform="microsoft", pack_version="1", outcomes=redesign,
                                              scan_job_id=job)
    # a good pack 2 with its first scan in, then activated: healthy again
    async with db.acquire() as conn:
        await packs.publish_pack(conn, renumbered(pack_text("microsoft"), "2"), by="alice")
        await store_health.record_scan(conn, platform="microsoft", pack_version="2", outcomes=good)
        await packs.activate(conn, "microsoft", "2", by="alice")
    recovered = await evaluate_platform(db, "microsoft", s)
    assert recovered.state == "ok" and "pack 2 reads every setting" in recovered.reason
    trail = [e.action for e in await audit.entries_for_subject(db, "pack:microsoft/1") if e.id > start]
    assert trail == ["pack.health_degraded"]
