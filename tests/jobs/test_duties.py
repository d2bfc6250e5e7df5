"""Duties of the jobs room that only show over time, each through the real processes: `loopwho
scheduler --once` (due scans queued, partitions made ahead, e-mail sweeps), a scan that reads nothing
e-mailing its user once, and the database-backed Gemini cache holding across worker restarts."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
import redis
from rq import Queue

from jobs.queues import NOTIFICATIONS, SCANS, enqueue_scan
from jobs.runtime import Runtime
from standins.gemini import GeminiStandin
from standins.platforms import Simulator
from standins.resend import ResendStandin
from store import connections, events
from store import jobs as scan_jobs
from tests.conftest import free_port
from tests.jobs.conftest import Connected, connect

pytestmark = pytest.mark.browser


def _env(**extra: str) -> dict[str, str]:
    keep = {k: v for k, v in os.environ.items()
            if k.startswith(("LOOPWHO_", "DATABASE_URL", "REDIS_URL", "RESEND_", "PATH", "HOME"))}
    return {**keep, "LOOPWHO_JOB_RETRIES": "0", "PYTHONPATH": os.getcwd(), **extra}


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    done = subprocess.run([sys.executable, "-m", "cli.main", *args], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    return done


async def _only_this_test_is_due(rt: Runtime) -> None:
    # what other tests left in the session's database is not this test's business
    db = await rt.db()
    await db.execute("UPDATE user_platform_connections SET next_scan_at = now() + interval '30 days'")
    await db.execute("UPDATE scan_jobs SET status = 'failed' WHERE status IN ('queued', 'running')")
    await db.execute("UPDATE privacy_change_events SET user_notified = true WHERE NOT user_notified")


async def test_scheduler_once_queues_the_due_scan_and_makes_partitions_ahead(
    runtime: Runtime, simulator: Simulator
) -> None:
    await _only_this_test_is_due(runtime)
    db = await runtime.db()
    who = await connect(runtime, simulator, "google", "once")
    # the furthest partition ahead is gone (as if the scheduler had been down for months)
    furthest = await db.fetchval(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p"
        " ON p.oid = i.inhparent WHERE p.relname = 'privacy_change_events' AND c.relname ~ '_p[0-9]{6}$'"
        " ORDER BY c.relname DESC LIMIT 1")
    if furthest is not None:  # native range partitions (TimescaleDB makes its own chunks)
        assert await db.fetchval(f"SELECT count(*) FROM {furthest}") == 0
        await db.execute(f"DROP TABLE {furthest}")

    done = _run("scheduler", "--once", env=_env())
    assert "due 1, queued 1" in done.stdout, done.stdout
    [job] = await scan_jobs.list_jobs(db, who.user_id)
    assert job.status == "queued"
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    assert Queue(SCANS, connection=conn).job_ids == [f"scan_connection-{job.id}"]
    if furthest is not None:
        assert await db.fetchval("SELECT to_regclass($1) IS NOT NULL", furthest), "partition not made again"

    # a second tick: nothing is due any more, nothing is queued twice
    again = _run("scheduler", "--once", env=_env())
    assert "due 0, queued 0" in again.stdout, again.stdout
    assert Queue(SCANS, connection=conn).count == 1


async def test_the_sweep_mails_changes_nobody_was_told_about_once(
    runtime: Runtime, simulator: Simulator, resend_standin: ResendStandin
) -> None:
    """A change recorded while Resend was away (the e-mail step failed for good) is found by the
    scheduler's sweep once Resend is back, and mailed once."""
    await _only_this_test_is_due(runtime)
    db = await runtime.db()
    who = await connect(runtime, simulator, "microsoft", "sweep")
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    env = _env(LOOPWHO_SCAN_INTERVAL_S="86400")
    resend_away = {**env, "LOOPWHO_RESEND_API_URL": f"http://127.0.0.1:{free_port()}"}
    for flip in (False, True):
        if flip:
            simulator.set_setting("microsoft", who.account, "search_history", "off")
        job, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
        enqueue_scan(conn, runtime.settings, job.id)
        _run("worker", "--burst", env=resend_away)
    [event] = await events.list_events(db, who.user_id)
    assert event.change_data["key"] == "search_history" and not event.user_notified
    assert resend_standin.sent == []
    await connections.set_next_scan(db, who.connection_id, datetime.now(UTC) + timedelta(days=30))  # only the sweep

    swept = _run("scheduler", "--once", env=env)
    assert "e-mail sweeps 1" in swept.stdout, swept.stdout
    assert Queue(NOTIFICATIONS, connection=conn).count == 1
    _run("worker", "--burst", env=env)
    assert [m.subject for m in resend_standin.sent] == [
        "Privacy settings changed on Microsoft - 1 update(s) detected"]
    assert all(e.user_notified for e in await events.list_events(db, who.user_id))
    assert "e-mail sweeps 0" in _run("scheduler", "--once", env=env).stdout
    assert len(resend_standin.sent) == 1


async def test_a_scan_that_reads_nothing_emails_its_user_once(
    runtime: Runtime, simulator: Simulator, resend_standin: ResendStandin
) -> None:
    who = await connect(runtime, simulator, "facebook", "unreadable")
    db = await runtime.db()
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    # the settings never arrive within the page's time (and OCR finds none on the empty page)
    simulator.set_render_delay(30_000)
    try:
        job, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
        enqueue_scan(conn, runtime.settings, job.id)
        _run("worker", "--burst", env=_env(LOOPWHO_SCAN_PAGE_READY_TIMEOUT_S="2"))
    finally:
        simulator.set_render_delay(0)
    row = await scan_jobs.get_job(db, who.user_id, job.id)
    assert row.status == "failed", row
    mine = [m for m in resend_standin.sent if who.account in m.to[0]]
    assert len(mine) == 1, [m.subject for m in resend_standin.sent]
    assert mine[0].subject == "We could not check your Facebook privacy settings"
    assert await events.list_events(db, who.user_id) == []


@pytest.fixture
def gemini() -> Iterator[GeminiStandin]:
    with GeminiStandin(api_key="duties-gemini-key") as standin:
        yield standin


async def test_gemini_is_asked_once_per_content_across_worker_restarts(
    runtime: Runtime, simulator: Simulator, gemini: GeminiStandin
) -> None:
    db = await runtime.db()
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    env = _env(GEMINI_API_KEY=gemini.api_key, LOOPWHO_GEMINI_BASE_URL=gemini.url)
    # two users whose Google settings are the same: their snapshots have the same content
    twins: list[Connected] = [await connect(runtime, simulator, "google", f"twin{k}") for k in (1, 2)]
    for who in twins:
        for key, value in simulator.get_settings("google", "twin1").items():
            simulator.set_setting("google", who.account, key, value)
    calls = []
    for who in twins:  # each scan in a worker process of its own: a restart between the two
        job, _ = await scan_jobs.create_job(db, who.user_id, who.connection_id)
        enqueue_scan(conn, runtime.settings, job.id)
        _run("worker", "--burst", env=env)
        assert (await scan_jobs.get_job(db, who.user_id, job.id)).status == "done"
        calls.append(gemini.call_count)
    assert calls == [1, 1], calls
    scores = await db.fetch(
        "SELECT a.analyser, a.privacy_score FROM privacy_analyses a JOIN user_platform_connections c"
        " ON c.id = a.connection_id WHERE c.user_id = ANY($1::uuid[])", [w.user_id for w in twins])
    assert len(scores) == 2 and {r["analyser"] for r in scores} == {scores[0]["analyser"]}
    assert "gemini" in scores[0]["analyser"] and scores[0]["privacy_score"] == scores[1]["privacy_score"]
