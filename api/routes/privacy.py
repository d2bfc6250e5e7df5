"""The caller's privacy data: dashboard, change history, recommendations, export, and erasure."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Annotated, Any

from litestar import Request, Response, delete, get
from litestar.datastructures import Cookie
from litestar.params import FromQuery, QueryParameter

from api.auth.caller import caller_of, resources_of
from api.auth.sessions import COOKIE_NAME
from api.erasure import erase_account as erase_everything
from api.errors import responses
from api.schemas import (
    ChangeEventOut,
    DashboardOut,
    Erased,
    ExportOut,
    HistoryOut,
    PlatformDashboard,
    RecommendationsOut,
    SettingOut,
    SnapshotFile,
)
from core.errors import InvalidInput, NotFound
from core.types import ImpactLevel, Platform, Recommendation
from store import accounts, analyses, audit, connections
from store.blobs.keys import user_prefix

AUTHED = responses(400, 401, 403, 404, 429, 503)
_PRIORITY = {"high": 0, "medium": 1, "low": 2}


def _recommendations(stored: list[Recommendation]) -> list[Recommendation]:
    """The analysis's recommendations (store.analyses skips entries in an unexpected shape), most
    important first."""
    return sorted(stored, key=lambda r: _PRIORITY.get(r.priority, 3))


def _settings(readings: Any) -> list[SettingOut]:
    out = []
    for r in readings if isinstance(readings, list) else []:
        if isinstance(r, dict) and isinstance(r.get("key"), str):
            value = r.get("value")
            out.append(SettingOut(key=r["key"], label=str(r.get("label") or r["key"]),
                                  value=value if isinstance(value, str) else None,
                                  uncertain=bool(r.get("uncertain", False))))
    return out


@get("/api/privacy/dashboard", operation_id="getDashboard", tags=["privacy"], scope="privacy:read",
     responses=AUTHED)
async def dashboard(request: Request) -> DashboardOut:
    """Per connected platform: score, last scan, settings as last read, open recommendations."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    out = []
    for c in await connections.list_connections(pool, caller.user_id):
        analysis = await analyses.latest_analysis(pool, caller.user_id, c.id)
        snapshot = await accounts.latest_readings(pool, caller.user_id, c.id)
        out.append(PlatformDashboard(
            platform=c.platform, status=c.connection_status,
            privacy_score=analysis.privacy_score if analysis else None,
            last_scan_at=c.last_scan_at, last_scan_status=c.last_scan_status,
            settings=_settings(snapshot.readings) if snapshot else [],
            recommendations=_recommendations(analysis.recommendations) if analysis else [],
        ))
    return DashboardOut(platforms=out)


def _parse_cursor(cursor: str) -> tuple[datetime, str]:
    found = accounts.parse_event_cursor(cursor)
    if found is None:
        raise InvalidInput("the cursor is not one this API gave out; start again without it")
    return found


@get("/api/privacy/history", operation_id="getHistory", tags=["privacy"], scope="privacy:read",
     responses=AUTHED)
async def history(
    request: Request,
    platform: FromQuery[Platform | None] = None,
    impact: FromQuery[ImpactLevel | None] = None,
    cursor: Annotated[str | None, QueryParameter(max_length=200)] = None,
    limit: Annotated[int, QueryParameter(ge=1, le=100)] = 50,
) -> HistoryOut:
    """The caller's change events, newest first; pass ``next_cursor`` as ``cursor`` for the next page."""
    caller, res = caller_of(request), resources_of(request)
    limit = min(limit, res.settings.history_page_max)
    rows = await accounts.event_page(await res.pool(), caller.user_id, platform=platform, impact_level=impact,
                                     after=_parse_cursor(cursor) if cursor else None, limit=limit)
    items = [ChangeEventOut(id=e.id, platform=e.platform, change_type=e.change_type,
                            change_data=e.change_data, impact_level=e.impact_level,
                            created_at=e.created_at) for e in rows]
    last = items[-1] if len(items) == limit else None
    return HistoryOut(events=items, next_cursor=accounts.event_cursor(last.created_at, last.id) if last else None)


@get("/api/privacy/recommendations", operation_id="getRecommendations", tags=["privacy"],
     scope="privacy:read", responses=AUTHED)
async def recommendations(
    request: Request, platform: FromQuery[Platform | None] = None
) -> RecommendationsOut:
    """Open recommendations from each platform's latest analysis, most important first."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    found: list[Recommendation] = []
    for c in await connections.list_connections(pool, caller.user_id):
        if platform is not None and c.platform != platform:
            continue
        analysis = await analyses.latest_analysis(pool, caller.user_id, c.id)
        if analysis:
            found.extend(_recommendations(analysis.recommendations))
    return RecommendationsOut(recommendations=sorted(found, key=lambda r: _PRIORITY.get(r.priority, 3)))


def _read_snapshots(blobs: Any, prefix: str) -> list[SnapshotFile]:
    files = []
    for key in blobs.list(prefix):
        if key.endswith(".md"):
            try:
                files.append(SnapshotFile(key=key, markdown=blobs.get(key).decode("utf-8", "replace")))
            except NotFound:  # deleted between list and get
                continue
    return files


@get("/api/privacy/export", operation_id="exportData", tags=["privacy"], scope="account:export",
     responses=AUTHED)
async def export(request: Request) -> Response[ExportOut]:
    """Everything held about the caller as one JSON archive, with the Markdown snapshots. Cookie
    jars are described (platform, count, expiry), never included."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    data = await accounts.export_user_rows(pool, caller.user_id)
    files = await asyncio.to_thread(_read_snapshots, res.blobs, user_prefix(caller.user_id))
    await audit.record(pool, actor=f"{caller.kind}:{caller.credential_id}", user_id=caller.user_id,
                       action="account.exported", details={"snapshot_files": len(files)})
    body = ExportOut(exported_at=datetime.now(UTC), data=data, snapshot_files=files)
    return Response(body, headers={"Content-Disposition": 'attachment; filename="loopwho-export.json"'})


@delete("/api/account", operation_id="eraseAccount", tags=["accounts"], scope="account", responses=AUTHED,
        status_code=200)
async def erase_account(request: Request) -> Response[Erased]:
    """Erase the account: every row, every stored snapshot and cookie jar, every session and
    extension pairing. Cannot be undone."""
    caller, res = caller_of(request), resources_of(request)
    done = await erase_everything(res, caller.user_id)
    return Response(Erased(erased=True, rows=done.rows, blobs=done.blobs),
                    cookies=[Cookie(key=COOKIE_NAME, value="", max_age=0, path="/")])
