"""/history: the change timeline, filterable by platform and impact, paged by cursor (keyset on
(created_at, id), as the API pages it); the score over time per platform as an SVG chart; policy
updates with the sections that changed."""

from __future__ import annotations

from datetime import datetime

from litestar import Request, Response

from core.types import PLATFORMS
from store import accounts, analyses, connections
from web import i18n
from web.errors import PageError
from web.pages._route import page_get
from web.pages.connect import PLATFORM_NAMES
from web.score_chart import HEIGHT, WIDTH, score_lines
from web.visitor import page_context

IMPACTS = ("high", "medium", "low")
PAGE_SIZE = 20


def _after(cursor: str) -> tuple[datetime, str]:
    found = accounts.parse_event_cursor(cursor)
    if found is None:
        raise PageError(400, i18n.gettext_("That page link is broken; start again from the newest changes."))
    return found


@page_get("/history")
async def history(request: Request) -> Response:
    ctx = await page_context(request)
    visitor = ctx.require()
    q = request.query_params
    platform = q.get("platform") or None
    impact = q.get("impact") or None
    cursor = q.get("cursor") or None
    if platform not in (None, *PLATFORMS) or impact not in (None, *IMPACTS) or (cursor and len(cursor) > 200):
        raise PageError(400, i18n.gettext_("Choose a platform and an impact from the lists."))
    pool = await ctx.res.pool()
    events = await accounts.event_page(pool, visitor.user_id, platform=platform, impact_level=impact,
                                       after=_after(cursor) if cursor else None, limit=PAGE_SIZE)
    next_cursor = (accounts.event_cursor(events[-1].created_at, events[-1].id)
                   if len(events) == PAGE_SIZE else None)
    platform_of = {c.id: c.platform for c in await connections.list_connections(pool, visitor.user_id)}
    lines = score_lines(await analyses.list_analyses(pool, visitor.user_id, limit=500), platform_of)
    times = [when for line in lines for when, _ in line.scores]
    return ctx.render("history.html", first_at=min(times) if times else None, last_at=max(times) if times else None,
                      events=events, next_cursor=next_cursor, platform=platform, impact=impact,
                      platforms=PLATFORMS, names=PLATFORM_NAMES, impacts=IMPACTS, lines=lines,
                      chart_w=WIDTH, chart_h=HEIGHT, first_page=cursor is None)


ROUTES = [history]
