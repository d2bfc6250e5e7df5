"""/ops, for operators and admins: selector-pack health per platform and version, degraded
platforms, activation history, activate / canary / roll back (each through a confirmation page),
re-reading the pages scans kept with another version (a worker runs it: packs.reextract), and the
analytics (daily change trends, users with many changes). The work is packs/'s and store's."""

from __future__ import annotations

import asyncio
from datetime import date

from litestar import Request, Response
from litestar.params import FromPath
from litestar.response import Redirect

from core.errors import LoopwhoError
from core.types import PLATFORMS
from jobs.queues import enqueue_reextraction
from notify.mailer import Mailer
from packs import lifecycle
from packs.activation import load_version
from packs.health import evaluate_platform, packs_overview, platform_health
from store import analytics
from store import packs as store_packs
from web import i18n
from web.errors import PageError
from web.pages._route import page_get, page_post
from web.visitor import page_context

ACTIONS = ("activate", "canary", "rollback")
TREND_DAYS, HEAVY_DAYS, HEAVY_THRESHOLD = 30, 7, 5


@page_get("/ops")
async def ops(request: Request) -> Response:
    ctx = await page_context(request)
    ctx.require_operator()
    pool = await ctx.res.pool()
    overview = await packs_overview(pool, ctx.res.settings, list(PLATFORMS))
    health = {p: await platform_health(pool, p, ctx.res.settings) for p in PLATFORMS}
    history = {p: await store_packs.history(pool, p, limit=10) for p in PLATFORMS}
    return ctx.render("ops.html", overview=overview, health=health, history=history,
                      degraded=[h for h in health.values() if h["state"] != "ok"],
                      trends=await analytics.daily_trends(pool, TREND_DAYS),
                      heavy=await analytics.users_with_many_changes(pool, HEAVY_DAYS, HEAVY_THRESHOLD),
                      trend_days=TREND_DAYS, heavy_days=HEAVY_DAYS, heavy_threshold=HEAVY_THRESHOLD,
                      done=request.query_params.get("done"))


def _canary_percent(raw: str) -> int:
    try:
        percent = int(raw)
    except ValueError:
        percent = 0
    if not 1 <= percent <= 99:
        raise PageError(400, i18n.gettext_("A canary share is a whole number from 1 to 99 percent."))
    return percent


@page_post("/ops/packs/{platform:str}/{action:str}")
async def pack_step(request: Request, platform: FromPath[str], action: FromPath[str]) -> Response:
    """Without ``confirmed=yes`` the step is shown for confirmation; with it, it is taken."""
    ctx = await page_context(request)
    visitor = ctx.require_operator()
    form = await ctx.form()
    if platform not in PLATFORMS or action not in ACTIONS:
        raise PageError(404, i18n.gettext_("There is no such pack step."))
    version = form.get("version", "").strip()[:50]
    percent = _canary_percent(form.get("canary_percent", "")) if action == "canary" else None
    if action != "rollback" and not version:
        raise PageError(400, i18n.gettext_("Choose a published version."))
    if form.get("confirmed") != "yes":
        return ctx.render("ops_confirm.html", platform=platform, action=action, version=version,
                          canary_percent=percent)
    pool = await ctx.res.pool()
    by = f"{visitor.role}:{visitor.user_id}"
    try:
        async with pool.acquire() as conn:
            if action == "rollback":
                await lifecycle.rollback(conn, platform, by=by)
            else:
                await lifecycle.activate(conn, platform, version, by=by, canary_percent=percent)
    except LoopwhoError as exc:  # not published, nothing to roll back, ...: the packs room's words
        raise PageError(409, str(exc)) from None
    mailer = Mailer.from_settings(ctx.res.settings) if ctx.res.settings.resend_api_key else None
    await evaluate_platform(pool, platform, ctx.res.settings, mailer)
    return Redirect(f"/ops?done={action}#pack-{platform}", status_code=303)


@page_post("/ops/reextract/{platform:str}")
async def reextract_step(request: Request, platform: FromPath[str]) -> Response:
    """Queue a re-extraction for the workers (a dry run unless the box is cleared); the report is in
    the audit log and at GET /api/operator/packs/reextractions/{job_id}."""
    ctx = await page_context(request)
    visitor = ctx.require_operator()
    form = await ctx.form()
    if platform not in PLATFORMS:
        raise PageError(404, i18n.gettext_("There is no such pack step."))
    version = form.get("version", "").strip()[:50]
    if not version:
        raise PageError(400, i18n.gettext_("Choose a published version."))
    since = form.get("since", "").strip()
    try:
        since_at = f"{date.fromisoformat(since).isoformat()}T00:00:00+00:00" if since else None
    except ValueError:
        raise PageError(400, i18n.gettext_("A start date looks like 2026-11-20.")) from None
    try:
        await load_version(await ctx.res.pool(), platform, version)
    except LoopwhoError as exc:
        raise PageError(409, str(exc)) from None

    def put() -> None:
        connection = ctx.res.sync_redis()
        try:
            enqueue_reextraction(connection, ctx.res.settings, platform, version, since=since_at,
                                 dry_run=form.get("dry_run") == "yes", by=f"{visitor.role}:{visitor.user_id}")
        finally:
            connection.close()

    await asyncio.to_thread(put)
    return Redirect(f"/ops?done=reextract#pack-{platform}", status_code=303)


ROUTES = [ops, pack_step, reextract_step]
