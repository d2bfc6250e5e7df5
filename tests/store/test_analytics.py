"""The seed's three analytics queries answer right on rows placed at known times, from Python and
from `loopwho report`."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter, defaultdict
from datetime import UTC, datetime, timedelta

import pytest

from core.types import ChangeEvent
from store import analytics, events, users
from store.db import connect_pool
from store.migrate import apply_migrations

NOW = datetime.now(UTC)


def _ago(days: float) -> datetime:
    return NOW - timedelta(days=days)


@pytest.fixture(scope="module")
async def seeded(new_database):
    """A private database: A has 3 recent google changes (1 high) and one 40 days old; B has 7
    facebook changes this week (2 high) and 2 google changes 10 days ago; C has 6 within 7 days
    but spread over two platforms (3 + 3)."""
    url = await new_database()
    await apply_migrations(url)
    pool = await connect_pool(url, max_size=2)
    a, b, c = [(await users.create_user(pool, f"{n}@example.test")).id for n in "abc"]
    plan = [
        (a, "google", 1, "high"), (a, "google", 2, "low"), (a, "google", 20, "medium"),
        (a, "google", 40, "high"),
        *[(b, "facebook", 0.5 + i * 0.8, "high" if i < 2 else "low") for i in range(7)],
        (b, "google", 10, "medium"), (b, "google", 10.2, "medium"),
        *[(c, "microsoft", 1 + i, "low") for i in range(3)],
        *[(c, "google", 1 + i, "low") for i in range(3)],
    ]
    rows = [ChangeEvent(user_id=u, platform=p, change_type="setting_changed", change_data={"n": i},
                        impact_level=lvl, created_at=_ago(days))
            for i, (u, p, days, lvl) in enumerate(plan)]
    await events.insert_events(pool, rows)
    yield {"pool": pool, "url": url, "a": a, "b": b, "c": c, "rows": rows}
    await pool.close()


async def test_changes_last_30_days_for_one_user(seeded) -> None:
    got = await analytics.changes_last_30_days(seeded["pool"], seeded["a"])
    assert [r.user_id for r in got] == [seeded["a"]] * 3
    assert [r.created_at for r in got] == sorted((r.created_at for r in got), reverse=True)
    assert [r.impact_level for r in got] == ["high", "low", "medium"]


async def test_daily_trends_per_platform_and_day(seeded) -> None:
    for days in (90, 7):
        expected: dict[tuple[str, object], list[str]] = defaultdict(list)
        for e in seeded["rows"]:
            if e.created_at > NOW - timedelta(days=days):
                expected[(e.platform, e.created_at.astimezone(UTC).date())].append(e.impact_level)
        got = await analytics.daily_trends(seeded["pool"], days=days)
        assert {(r.platform, r.day): r.change_count for r in got} == {
            k: len(v) for k, v in expected.items()}
        for r in got:
            levels = expected[(r.platform, r.day)]
            assert r.high_impact_ratio == pytest.approx(levels.count("high") / len(levels))
        assert [r.day for r in got] == sorted((r.day for r in got), reverse=True)


async def test_users_with_many_changes(seeded) -> None:
    pool, b = seeded["pool"], seeded["b"]
    assert await analytics.users_with_many_changes(pool) == [
        analytics.HeavyUser(user_id=b, platform="facebook", change_count=7)]
    assert await analytics.users_with_many_changes(pool, days=7, threshold=7) == []
    # a wider window brings in B's google changes of 10 days ago, under the threshold of 1 too
    wide = await analytics.users_with_many_changes(pool, days=14, threshold=1)
    counts = Counter({(r.user_id, r.platform): r.change_count for r in wide})
    assert counts == Counter({(b, "facebook"): 7, (seeded["c"], "microsoft"): 3,
                              (seeded["c"], "google"): 3, (seeded["a"], "google"): 2,
                              (b, "google"): 2})


def test_report_command_prints_heavy_users_as_json(seeded) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "cli.main", "report", "--database-url", seeded["url"], "heavy-users",
         "--days", "7", "--threshold", "5", "--json"], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout) == [{"user_id": seeded["b"], "platform": "facebook", "change_count": 7}]


def test_report_command_prints_a_table_of_a_users_changes(seeded) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "cli.main", "report", "--database-url", seeded["url"], "changes",
         "--user", seeded["a"]], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["created_at", "platform", "change_type", "impact_level", "user_notified"]
    assert len(lines) == 4 and all("google" in line for line in lines[1:])
