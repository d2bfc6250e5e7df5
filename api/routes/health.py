"""/api/health: database, Redis and blob storage must be up; external services are reported as
configured or not. Every check has a short timeout, so a dead part answers fast with 503.
/metrics: the API's Prometheus metrics, for operators only (why a route: jobs/metrics.py)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

from litestar import Request, Response, get
from litestar.openapi.datastructures import ResponseSpec

from api.auth.caller import resources_of
from api.errors import responses
from api.resources import Resources
from api.schemas import HealthOut, PartHealth
from core.logging import scrub_text
from jobs.metrics import FleetHealth, fleet_health, metrics_page


async def _timed(check: Callable[[], Awaitable[object]], timeout_s: float) -> PartHealth:
    started = time.perf_counter()
    try:
        await asyncio.wait_for(check(), timeout_s)
    except TimeoutError:
        return PartHealth(status="down", detail=f"no answer within {timeout_s:g} s")
    except Exception as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        return PartHealth(status="down", detail=scrub_text(reason)[:300])
    return PartHealth(status="up", latency_ms=round((time.perf_counter() - started) * 1000, 1))


async def _database(res: Resources) -> None:
    pool = await res.pool()
    async with pool.acquire(timeout=res.settings.health_timeout_s) as conn:
        await conn.fetchval("SELECT 1")


async def _workers(res: Resources, timeout_s: float) -> PartHealth:
    """Live rq workers (heartbeats) and the queues' backlog; "down" only when workers are required."""
    stale_after = 3 * res.settings.worker_heartbeat_s

    def read() -> FleetHealth:
        conn = res.sync_redis()
        try:
            return fleet_health(conn, stale_after)
        finally:
            conn.close()

    try:
        fleet = await asyncio.wait_for(asyncio.to_thread(read), timeout_s)
    except Exception as exc:  # Redis away: the redis part already says so
        return PartHealth(status="down" if res.settings.health_require_workers else "not_configured",
                          detail=f"cannot read worker heartbeats ({type(exc).__name__})")
    backlog = ", ".join(f"{name} {count}" for name, count in fleet.backlog.items())
    detail = f"{fleet.workers_alive} alive, {fleet.workers_stale} silent for over {stale_after} s; queued: {backlog}"
    if fleet.workers_alive == 0 and res.settings.health_require_workers:
        return PartHealth(status="down", detail=f"no worker is alive: {detail}")
    return PartHealth(status="up" if fleet.workers_alive else "not_configured", detail=detail)


async def check_parts(res: Resources) -> HealthOut:
    timeout = res.settings.health_timeout_s
    db, rd, blobs = await asyncio.gather(
        _timed(lambda: _database(res), timeout),
        _timed(lambda: res.redis.ping(), timeout),
        _timed(lambda: asyncio.to_thread(res.blobs.check), timeout),
    )
    parts = {"database": db, "redis": rd, "blob_storage": blobs}
    parts["workers"] = await _workers(res, timeout)
    s = res.settings
    for name, key in (("gemini", s.gemini_api_key), ("stripe", s.stripe_secret_key),
                      ("resend", s.resend_api_key), ("firecrawl", s.firecrawl_api_key)):
        parts[name] = PartHealth(status="configured" if key else "not_configured")
    failing = [name for name, part in parts.items() if part.status == "down"]
    return HealthOut(status="unhealthy" if failing else "healthy", parts=parts, failing=failing)


@get("/api/health", operation_id="health", exclude_from_auth=True, tags=["health"],
     responses={503: ResponseSpec(data_container=HealthOut, description="a required part is down")})
async def health(request: Request) -> Response[HealthOut]:
    """Whether the server can do its work; 503 names the failing parts."""
    report = await check_parts(resources_of(request))
    return Response(report, status_code=503 if report.failing else 200)


@get("/metrics", operation_id="metrics", tags=["operator"], role="operator",
     responses={200: ResponseSpec(data_container=str, media_type="text/plain",
                                  description="Prometheus text format"), **responses(401, 403, 429, 503)})
async def metrics(request: Request) -> Response[bytes]:
    """The API's Prometheus metrics (webhook events; with a shared multiprocess folder, every process's
    counters). Operators and admins only: a session, or an API key as ``Authorization: Bearer``."""
    body, content_type = await asyncio.to_thread(metrics_page)  # reads the multiprocess files
    return Response(body, media_type=content_type)
