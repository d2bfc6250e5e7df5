"""Prometheus metrics: a worker's on their own port (``metrics_port``), the API's at ``GET /metrics``
for operators only.

Counted where the work happens:
- ``loopwho_scans_total{platform,status}``: finished scans by outcome (ok, partial, reauth_required, ...).
- ``loopwho_scan_duration_seconds{platform}``: how long one scan took (histogram).
- ``loopwho_readings_total{platform,method}``: settings read by DOM, OCR or Firecrawl.
- ``loopwho_pack_selector_hits_total{platform,pack_version,outcome}``: per setting of the pack a scan
  used, ``hit`` (read by the pack's own DOM reading), ``ocr`` (the DOM missed it, OCR read it) or
  ``missed``; the same count as pack health (``packs.health.scan_outcomes``). Hit rate:
  ``sum by (platform, pack_version) (rate(...{outcome="hit"}[1h])) / sum by (platform, pack_version)
  (rate(...[1h]))``; a redesign shows as a falling rate.
- ``loopwho_emails_total{kind,outcome}``: alert e-mails sent, or failed.
- ``loopwho_webhook_events_total{source,type,outcome}`` (API): Stripe deliveries by event type and
  ``applied`` / ``duplicate`` / ``stale`` (older than the state applied) / ``ignored`` / ``rejected``
  (bad or missing signature; type ``unknown``: an unsigned body names no trustworthy type) /
  ``unconfigured`` (no webhook secret: 503) / ``failed`` (an error; Stripe retries).
Read at scrape time (worker):
- ``loopwho_queue_depth{queue}`` and ``loopwho_queue_oldest_job_age_seconds{queue}``: rq's backlog.
- ``loopwho_pool_slots``, ``loopwho_pool_contexts_in_use``, ``loopwho_pool_browsers`` and
  ``loopwho_pool_pss_bytes``: this process's browser pool (slots = scans at once; contexts in use =
  scans holding a slot now; PSS of its Chromium processes).

Several processes on one machine share one endpoint through prometheus-client's multiprocess mode:
set ``PROMETHEUS_MULTIPROC_DIR`` to an empty folder per service (the images do; ``loopwho serve
--workers N`` and ``loopwho worker --processes N`` make a private one when it is unset). Worker
processes (``worker_processes``): the first to bind ``metrics_port`` serves every process's counters;
the scrape-time gauges come from it.

Why the API's metrics are a route and not a port: uvicorn's workers are interchangeable processes that
its supervisor restarts, so no one of them can own a second port for good, while any of them can
answer ``/metrics`` from the shared multiprocess folder. The route is behind the API's own sign-in: an
operator's (or admin's) session or API key (``Authorization: Bearer lw_...``, which Prometheus sends
with ``authorization: {credentials: ...}``); anyone else gets 401/403, so the public port does not
expose it. Workers have no HTTP server and no users, so theirs stays a private port.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable, Iterator
from datetime import UTC
from typing import Any

import msgspec
import psutil
import redis
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    start_http_server,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector
from prometheus_client.registry import REGISTRY, Collector
from rq import Queue, Worker

from core.logging import get_logger
from core.types import ScanResult
from jobs.queues import ALL_QUEUES
from packs.health import scan_outcomes

log = get_logger(__name__)

SCANS = Counter("loopwho_scans", "Finished scans by platform and outcome", ["platform", "status"])
SCAN_SECONDS = Histogram("loopwho_scan_duration_seconds", "Duration of one scan", ["platform"],
                         buckets=(1, 2, 5, 10, 15, 20, 30, 45, 60, 90, 120))
READINGS = Counter("loopwho_readings", "Settings read, by reading method", ["platform", "method"])
EMAILS = Counter("loopwho_emails", "Alert e-mails by kind and outcome", ["kind", "outcome"])
PACK_HITS = Counter("loopwho_pack_selector_hits",
                    "Settings of a selector pack per scan: hit (read by its DOM reading), ocr or missed",
                    ["platform", "pack_version", "outcome"])
WEBHOOK_EVENTS = Counter("loopwho_webhook_events", "Webhook deliveries by source, event type and outcome",
                         ["source", "type", "outcome"])
# the pack health outcome -> this metric's outcome label
_HIT = {"dom": "hit", "ocr": "ocr", "missed": "missed"}


def record_scan(result: ScanResult) -> None:
    """Count one finished scan, its duration, its readings by method and its pack's hits."""
    SCANS.labels(result.platform, result.status).inc()
    SCAN_SECONDS.labels(result.platform).observe(result.duration_ms / 1000)
    for reading in result.readings:
        READINGS.labels(result.platform, reading.method).inc()
    # a sign-in or verification wall read no page of the pack: it says nothing of the selectors
    if result.status in ("reauth_required", "verification_required") or not result.pack_version:
        return
    # the runner lists what it read confidently in readings and the rest in uncertain_keys, so
    # together they are the pack's settings (no database needed, unlike pack health)
    keys = list(dict.fromkeys([r.key for r in result.readings] + result.uncertain_keys))
    for outcome in scan_outcomes(keys, result).values():
        PACK_HITS.labels(result.platform, result.pack_version, _HIT[outcome]).inc()


def webhook_outcome(outcome: str) -> str:
    """The metric's outcome for what ``billing.webhooks.handle_webhook`` said it did."""
    if outcome in ("duplicate", "stale"):
        return outcome
    if outcome.startswith("ignored"):
        return "ignored"
    return "applied"


def record_webhook(source: str, event_type: str, outcome: str) -> None:
    WEBHOOK_EVENTS.labels(source, event_type, outcome).inc()


def metrics_page() -> tuple[bytes, str]:
    """This process's metrics as Prometheus text (and its content type); in multiprocess mode every
    process's counters, read from ``PROMETHEUS_MULTIPROC_DIR`` at each scrape."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
        return generate_latest(registry), CONTENT_TYPE_LATEST
    return generate_latest(REGISTRY), CONTENT_TYPE_LATEST


@contextlib.contextmanager
def counting_emails(kind: str) -> Iterator[list[int]]:
    """Count the e-mails of one notification step: put the number sent in the yielded list; an
    exception counts one failure (and goes on)."""
    sent: list[int] = []
    try:
        yield sent
    except Exception:
        EMAILS.labels(kind, "failed").inc()
        raise
    EMAILS.labels(kind, "sent").inc(sum(sent))


class WorkerCollector(Collector):
    """Gauges read when Prometheus scrapes: rq's queues, and the browser pool of this process."""

    def __init__(self, conn: redis.Redis, pool_of: Callable[[], Any] | None = None) -> None:
        self.conn = conn
        # the process's scanner.pool.BrowserPool once a scan started it (None before)
        self.pool_of = pool_of or (lambda: None)

    def collect(self) -> Iterator[GaugeMetricFamily]:
        depth = GaugeMetricFamily("loopwho_queue_depth", "Jobs waiting in an rq queue", labels=["queue"])
        age = GaugeMetricFamily("loopwho_queue_oldest_job_age_seconds", "Age of the oldest waiting job",
                                labels=["queue"])
        try:
            for name in ALL_QUEUES:
                queue = Queue(name, connection=self.conn)
                depth.add_metric([name], queue.count)
                oldest = queue.get_job_ids(0, 1)
                job = queue.fetch_job(oldest[0]) if oldest else None
                enqueued = job.enqueued_at.timestamp() if job is not None and job.enqueued_at else None
                age.add_metric([name], max(0.0, time.time() - enqueued) if enqueued else 0.0)
        except redis.RedisError as exc:  # Redis away: the scrape still answers, without these
            log.warning("queue metrics unavailable", error=type(exc).__name__)
        else:
            yield depth
            yield age
        pool = self.pool_of()
        if pool is not None:
            yield GaugeMetricFamily("loopwho_pool_slots", "Scans this pool runs at once", value=pool.concurrency)
            yield GaugeMetricFamily("loopwho_pool_contexts_in_use", "Browser contexts leased by scans now",
                                    value=pool.contexts_in_use())
            yield GaugeMetricFamily("loopwho_pool_browsers", "Browsers this pool has running",
                                    value=len(pool.browser_pids()))
            yield GaugeMetricFamily("loopwho_pool_pss_bytes", "PSS of this pool's browser processes",
                                    value=_pss(pool.processes()))


class FleetHealth(msgspec.Struct, frozen=True):
    workers_alive: int  # rq workers that beat within the staleness window
    workers_stale: int  # registered, but silent longer than that (killed, hung, cut off)
    backlog: dict[str, int]  # jobs waiting per queue


def fleet_health(conn: redis.Redis, stale_after_s: float) -> FleetHealth:
    """Workers' heartbeats and the queues' backlog, as rq records them in Redis."""
    alive = stale = 0
    now = time.time()
    for worker in Worker.all(connection=conn):
        beat = worker.last_heartbeat
        if beat is not None and now - beat.replace(tzinfo=beat.tzinfo or UTC).timestamp() <= stale_after_s:
            alive += 1
        else:
            stale += 1
    backlog = {name: Queue(name, connection=conn).count for name in ALL_QUEUES}
    return FleetHealth(workers_alive=alive, workers_stale=stale, backlog=backlog)


def _pss(processes: list[psutil.Process]) -> float:
    total = 0
    for proc in processes:
        with contextlib.suppress(psutil.Error):
            total += proc.memory_full_info().pss
    return float(total)


def serve_metrics(port: int, conn: redis.Redis, pool_of: Callable[[], Any] | None = None,
                  host: str = "0.0.0.0") -> CollectorRegistry | None:
    """Serve /metrics on ``port`` from a daemon thread; returns the registry it serves, or None when
    a sibling worker process already serves the port (multiprocess mode: it serves our counters too)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    collector = WorkerCollector(conn, pool_of)
    try:
        start_http_server(port, addr=host, registry=registry)
    except OSError as exc:
        log.info("metrics port served by another process", port=port, error=type(exc).__name__)
        return None
    registry.register(collector)
    log.info("metrics served", port=port)
    return registry
