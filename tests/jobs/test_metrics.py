"""A worker's Prometheus endpoint counts a real scan (the Google simulator through the browser
pool): scans by outcome, the duration histogram, readings by method, the queue backlog the scan
left for the processing step, and the pool's browsers and PSS."""

from __future__ import annotations

import re
import threading
import urllib.request

import pytest
import redis
from prometheus_client import CollectorRegistry

from jobs import metrics, tasks
from jobs.runtime import Runtime, process_runtime, shutdown_process_runtime
from standins.platforms import Simulator
from tests.conftest import free_port
from tests.jobs.conftest import connect, new_job

pytestmark = pytest.mark.browser


def _value(text: str, name: str, **labels: str) -> float:
    """The sample ``name{labels}`` of a Prometheus text page (0 when absent)."""
    want = ",".join(f'{k}="{v}"' for k, v in sorted(labels.items()))
    for line in text.splitlines():
        m = re.match(r"^([a-z_]+)(?:\{(.*)\})? (\S+)$", line)
        if m and m.group(1) == name and ",".join(sorted((m.group(2) or "").split(","))) == want:
            return float(m.group(3))
    return 0.0


def _scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as resp:
        return resp.read().decode()


async def test_metrics_count_a_real_scan(runtime: Runtime, simulator: Simulator) -> None:
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    conn.delete("rq:queue:analysis")  # this test's own backlog only
    port = free_port()
    registry = metrics.serve_metrics(port, conn, lambda: process_runtime()[1].browser_pool, host="127.0.0.1")
    assert isinstance(registry, CollectorRegistry)
    before = _scrape(port)
    who = await connect(runtime, simulator, "google", "metered")
    job_id = await new_job(runtime, who)
    outcome: list[str] = []
    thread = threading.Thread(target=lambda: outcome.append(tasks.scan_connection(job_id)))
    thread.start()
    thread.join(180)
    try:
        assert outcome == ["ok"]
        after = _scrape(port)
        scans = "loopwho_scans_total"
        assert _value(after, scans, platform="google", status="ok") == _value(before, scans, platform="google",
                                                                               status="ok") + 1
        count = "loopwho_scan_duration_seconds_count"
        assert _value(after, count, platform="google") == _value(before, count, platform="google") + 1
        assert _value(after, "loopwho_scan_duration_seconds_sum", platform="google") > 0
        assert _value(after, "loopwho_readings_total", platform="google", method="dom") >= 3
        assert _value(after, "loopwho_queue_depth", queue="analysis") == 1  # the processing step
        assert _value(after, "loopwho_queue_oldest_job_age_seconds", queue="analysis") >= 0
        assert _value(after, "loopwho_pool_browsers") == 1
        assert _value(after, "loopwho_pool_pss_bytes") > 20 * 2**20
        assert _value(after, "loopwho_pool_slots") >= 1
    finally:
        shutdown_process_runtime()
