"""A worker's Prometheus endpoint counts a real scan (the Google simulator through the browser
pool): scans by outcome, the duration histogram, readings by method, the pack's selector hits, the
queue backlog the scan left for the processing step, and the pool's browsers, contexts in use (seen
while the scan runs) and PSS. ``record_scan`` sorts a pack's settings into hit / ocr / missed."""

from __future__ import annotations

import re
import threading
import time
import urllib.request

import pytest
import redis
from prometheus_client import CollectorRegistry, generate_latest

from core.types import ScanResult, SettingReading
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


def _total(text: str, name: str, **labels: str) -> float:
    """The sum of every sample ``name`` whose labels include ``labels``."""
    total = 0.0
    for line in text.splitlines():
        m = re.match(r"^([a-z_]+)(?:\{(.*)\})? (\S+)$", line)
        if m and m.group(1) == name:
            have = dict(re.findall(r'([a-z_]+)="([^"]*)"', m.group(2) or ""))
            if all(have.get(k) == v for k, v in labels.items()):
                total += float(m.group(3))
    return total


def _scrape(port: int) -> str:
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as resp:
        return resp.read().decode()


async def test_metrics_count_a_real_scan(runtime: Runtime, simulator: Simulator) -> None:
    conn = redis.Redis.from_url(runtime.settings.redis_url)
    conn.delete("rq:queue:analysis")  # this test's own backlog only
    port = free_port()
    # the pool of this process's runtime, taken once: a lambda calling process_runtime() would make a
    # new runtime (with a later test's settings) whenever the still-registered collector is scraped
    _, worker_runtime = process_runtime()
    registry = metrics.serve_metrics(port, conn, lambda: worker_runtime.browser_pool, host="127.0.0.1")
    assert isinstance(registry, CollectorRegistry)
    before = _scrape(port)
    who = await connect(runtime, simulator, "google", "metered")
    job_id = await new_job(runtime, who)
    outcome: list[str] = []
    thread = threading.Thread(target=lambda: outcome.append(tasks.scan_connection(job_id)))
    thread.start()
    in_use: list[float] = []  # the contexts gauge, scraped while the scan runs
    deadline = time.monotonic() + 180
    while thread.is_alive() and time.monotonic() < deadline:
        in_use.append(_value(_scrape(port), "loopwho_pool_contexts_in_use"))
        thread.join(0.1)  # the scan runs on the worker loop's thread, not this one
    thread.join(max(1.0, deadline - time.monotonic()))
    try:
        assert outcome == ["ok"]
        after = _scrape(port)
        assert max(in_use) == 1  # the one scan held a context ...
        assert _value(after, "loopwho_pool_contexts_in_use") == 0  # ... and gave it back
        # an ok scan read every setting of the pack by its DOM reading: all hits, no fallback
        read = _value(after, "loopwho_readings_total", platform="google", method="dom") - \
            _value(before, "loopwho_readings_total", platform="google", method="dom")
        hits = "loopwho_pack_selector_hits_total"
        assert _total(after, hits, platform="google", outcome="hit") - \
            _total(before, hits, platform="google", outcome="hit") == read >= 3
        for fallback in ("ocr", "missed"):
            assert _total(after, hits, platform="google", outcome=fallback) == \
                _total(before, hits, platform="google", outcome=fallback)
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


def test_record_scan_sorts_a_packs_settings_into_hits_ocr_and_missed() -> None:
    platform = f"p{time.monotonic_ns()}"  # labels of this test's own

    def reading(key: str, method: str, uncertain: bool = False) -> SettingReading:
        return SettingReading(key=key, label=key, value="on", method=method, confidence=0.5 if uncertain else 0.9,
                              pack_version="9.9.9", uncertain=uncertain)

    # the runner's shape: confident and uncertain readings, the uncertain and unread keys listed again
    result = ScanResult(platform=platform, status="partial", pack_version="9.9.9",
                        readings=[reading("a", "dom"), reading("b", "dom", uncertain=True), reading("c", "ocr")],
                        uncertain_keys=["b", "d", "e"])
    metrics.record_scan(result)
    # a sign-in wall read no page of the pack: no selector outcome at all
    metrics.record_scan(ScanResult(platform=platform, status="reauth_required", pack_version="9.9.9",
                                   uncertain_keys=["a", "b"]))
    page = generate_latest().decode()
    hits = "loopwho_pack_selector_hits_total"
    assert [_value(page, hits, platform=platform, pack_version="9.9.9", outcome=o) for o in ("hit", "ocr", "missed")] \
        == [2, 1, 2]
    assert _value(page, "loopwho_scans_total", platform=platform, status="reauth_required") == 1
