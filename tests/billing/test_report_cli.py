"""`loopwho report plan`: a user's plan, credits, usage and next scan, from the command line."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import uuid

from store import connections


def _loopwho(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True, timeout=60,
                          env={**os.environ, **env})


async def test_report_plan_shows_plan_credits_and_next_scan(pool, settings_env, new_user) -> None:
    user_id = await new_user()
    await connections.upsert_connection(pool, user_id, "google")
    done = _loopwho("report", "plan", "--user", user_id, "--json", env=settings_env)
    assert done.returncode == 0, done.stderr
    shown = json.loads(done.stdout)
    assert (shown["plan"], shown["credits"], shown["platforms_connected"], shown["platforms_allowed"]) == (
        "free", 0, 1, 1)
    assert shown["scans_paused"] is False and shown["next_scan_at"] is not None

    text = _loopwho("report", "plan", "--user", user_id, env=settings_env)
    assert "scan_now_per_day" in text.stdout and "free" in text.stdout
    missing = _loopwho("report", "plan", "--user", str(uuid.uuid4()), env=settings_env)
    assert missing.returncode == 2 and missing.stderr.strip().startswith("loopwho: error: no user")
    assert "Traceback" not in missing.stderr
