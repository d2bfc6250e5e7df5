"""/dashboard: per connected platform a card with the privacy score (an SVG gauge), every setting as
last read (value, DOM/OCR/extension and confidence, uncertain ones marked, the privacy-preferred
value), the last scan time, a "scan now" button with live progress, and the recommendations with
the platform's own link."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from litestar import Request, Response
from litestar.response import Redirect

from api.enqueue import SCAN_CONNECTION_TASK, enqueue
from billing import usage as plan_usage
from billing.errors import PlanLimitReached, ScanAllowanceUsed
from core.errors import LoopwhoError
from core.types import PLATFORMS, Recommendation
from packs.activation import load_version
from store import accounts, analyses, audit, connections, jobs
from store.db import Conn
from web import i18n
from web.errors import PageError
from web.pages._route import page_get, page_post
from web.pages.connect import PLATFORM_NAMES
from web.visitor import page_context

_PRIORITY = {"high": 0, "medium": 1, "low": 2}
LIVE_JOB = ("queued", "running")


async def _preferred(pool: Conn, platform: str, version: str | None) -> dict[str, str]:
    """Each setting's privacy-preferred value, from the pack version that made the readings."""
    if not version:
        return {}
    try:
        pack = await load_version(pool, platform, version)
    except (LoopwhoError, OSError):  # a version no longer on disk or published: show no preference
        return {}
    return {s.key: s.preferred for s in pack.settings}


def _recommendations(stored: list[Recommendation]) -> list[Recommendation]:
    return sorted(stored, key=lambda r: _PRIORITY.get(r.priority, 3))


def _link(url: str) -> str | None:
    return url if url.startswith(("https://", "http://")) else None


async def platform_cards(pool: Conn, user_id: str) -> list[dict[str, Any]]:
    live = {j.connection_id: j for j in await jobs.list_jobs(pool, user_id, limit=50) if j.status in LIVE_JOB}
    cards = []
    for c in await connections.list_connections(pool, user_id):
        analysis = await analyses.latest_analysis(pool, user_id, c.id)
        snapshot = await accounts.latest_readings(pool, user_id, c.id)
        readings = snapshot.readings if snapshot and isinstance(snapshot.readings, list) else []
        preferred = await _preferred(pool, c.platform, snapshot.pack_version if snapshot else None)
        settings = [{"key": r.get("key"), "label": r.get("label") or r.get("key"), "value": r.get("value"),
                     "method": r.get("method", "dom"), "confidence": float(r.get("confidence") or 0),
                     "uncertain": bool(r.get("uncertain")), "preferred": preferred.get(str(r.get("key")))}
                    for r in readings if isinstance(r, dict)]
        recs = _recommendations(analysis.recommendations) if analysis else []
        cards.append({
            "platform": c.platform, "name": PLATFORM_NAMES.get(c.platform, c.platform),
            "status": c.connection_status, "score": analysis.privacy_score if analysis else None,
            "last_scan_at": c.last_scan_at, "last_scan_status": c.last_scan_status, "settings": settings,
            "recommendations": [{"title": r.title, "action": r.action, "why": r.why, "priority": r.priority,
                                 "link": _link(r.where), "where": r.where} for r in recs],
            "job": live.get(c.id),
        })
    order = {p: i for i, p in enumerate(PLATFORMS)}
    return sorted(cards, key=lambda card: order.get(card["platform"], 99))


@page_get("/dashboard")
async def dashboard(request: Request) -> Response:
    ctx = await page_context(request)
    visitor = ctx.require()
    cards = await platform_cards(await ctx.res.pool(), visitor.user_id)
    return ctx.render("dashboard.html", cards=cards, scanned=request.query_params.get("scanned"),
                      payment=request.query_params.get("payment"))


@page_post("/dashboard/scan")
async def scan_now(request: Request) -> Response:
    """Queue a server scan of one platform (a live one is reused, never doubled) and come back to the
    dashboard, which follows it."""
    ctx = await page_context(request)
    visitor = ctx.require()
    form = await ctx.form()
    platform = form.get("platform", "")
    if platform not in PLATFORMS:
        raise PageError(400, i18n.gettext_("loopwho does not know that platform."))
    await ctx.limit(f"user:{visitor.user_id}", ctx.res.settings.rate_limit_per_minute)
    pool = await ctx.res.pool()
    connection = await connections.find_connection(pool, visitor.user_id, platform)
    if connection is None or connection.connection_status == "revoked":
        raise PageError(409, i18n.gettext_("Connect this platform from the extension first."))
    # the plan's rules, as the API's "scan now" applies them: credits and the day's allowance
    async with pool.acquire() as conn, conn.transaction():
        await plan_usage.lock_account(conn, visitor.user_id)
        job, created = await jobs.create_job(conn, visitor.user_id, connection.id, trigger="api")
        if created:
            try:
                await plan_usage.admit_manual_scan(conn, visitor.user_id, datetime.now(UTC))
            except (PlanLimitReached, ScanAllowanceUsed) as exc:
                # the plan's own words (billing/), shown as they are; the transaction rolls back
                raise PageError(402 if isinstance(exc, PlanLimitReached) else 429, str(exc)) from None
            await plan_usage.charge_scan(conn, visitor.user_id, job.id)
    if created:
        try:
            await jobs.set_rq_job_id(pool, job.id, await enqueue(ctx.res, SCAN_CONNECTION_TASK, job.id))
        except Exception:
            await jobs.finish(pool, job.id, "failed", "could not be queued: the job queue is unavailable")
            raise PageError(503, i18n.gettext_("Scans cannot be started just now; try again in a minute.")) from None
        await audit.record(pool, actor=f"user:{visitor.user_id}", user_id=visitor.user_id, action="scan.requested",
                           subject=f"scan_job:{job.id}", details={"platform": platform, "via": "web"})
    return Redirect(f"/dashboard#platform-{platform}", status_code=303)


ROUTES = [dashboard, scan_now]
