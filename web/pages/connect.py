"""/connect: how to install the extension (and what each permission is for), a pairing code with
its expiry, the paired extensions (disconnect), and per platform the connection state with the step
that fits it (connect, reconnect after ``reauth_required``, revoke)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from litestar import Request, Response
from litestar.params import FromPath
from litestar.response import Redirect

from api.auth.tokens import create_pairing_code, mark_pairing_revoked
from core.types import PLATFORMS
from profiles import audit as profile_audit
from store import audit, connections, profiles, tokens
from store.db import Conn
from web import i18n
from web.errors import PageError
from web.pages._route import page_get, page_post
from web.visitor import PageContext, page_context

PLATFORM_NAMES = {"google": "Google", "facebook": "Facebook", "microsoft": "Microsoft"}


async def platform_states(pool: Conn, user_id: str) -> list[dict]:
    """Each platform: never connected, connected, reauth_required or revoked, with its session."""
    by_platform = {c.platform: c for c in await connections.list_connections(pool, user_id)}
    jars = {p.platform: p for p in await profiles.list_profiles(pool, user_id) if p.revoked_at is None}
    out = []
    for platform in PLATFORMS:
        row = by_platform.get(platform)
        out.append({"platform": platform, "name": PLATFORM_NAMES.get(platform, platform),
                    "status": row.connection_status if row else "not_connected",
                    "last_scan_at": row.last_scan_at if row else None,
                    "session_expires_at": jars[platform].expires_at if platform in jars else None,
                    "has_session": platform in jars})
    return out


async def _render(ctx: PageContext, *, code: str | None = None, expires_at: datetime | None = None,
                  status: int = 200) -> Response:
    visitor = ctx.require()
    pool = await ctx.res.pool()
    pairings = [p for p in await tokens.list_pairings(pool, visitor.user_id) if p.revoked_at is None]
    return ctx.render("connect.html", status=status, code=code, expires_at=expires_at,
                      pairings=pairings, platforms=await platform_states(pool, visitor.user_id),
                      done=ctx.request.query_params.get("done"))


@page_get("/connect")
async def connect(request: Request) -> Response:
    return await _render(await page_context(request))


@page_post("/connect/pairing-code")
async def new_pairing_code(request: Request) -> Response:
    ctx = await page_context(request)
    visitor = ctx.require()
    await ctx.form()
    if not visitor.verified:
        raise PageError(403, i18n.gettext_(
            "Confirm your e-mail address first: alerts can only go to a confirmed address."))
    await ctx.limit(f"pairing-code:{visitor.user_id}", ctx.res.settings.auth_attempts_per_account_per_minute)
    ttl = ctx.res.settings.pairing_code_ttl_s
    code = await create_pairing_code(ctx.res.redis, visitor.user_id, ttl)
    await audit.record(await ctx.res.pool(), actor=f"user:{visitor.user_id}", user_id=visitor.user_id,
                       action="extension.pairing_code_created", details={"via": "web"})
    return await _render(ctx, code=code, expires_at=datetime.now(UTC) + timedelta(seconds=ttl), status=201)


@page_post("/connect/extensions/{pairing_id:str}/disconnect")
async def disconnect_extension(request: Request, pairing_id: FromPath[str]) -> Response:
    ctx = await page_context(request)
    visitor = ctx.require()
    await ctx.form()
    pool = await ctx.res.pool()
    try:
        revoked = await tokens.revoke_pairing(pool, visitor.user_id, pairing_id)
    except Exception:  # a malformed id is just not one of theirs
        revoked = False
    if not revoked:
        raise PageError(404, i18n.gettext_("That extension is not paired with your account."))
    await mark_pairing_revoked(ctx.res.redis, pairing_id, ctx.res.settings.jwt_ttl_s)
    await audit.record(pool, actor=f"user:{visitor.user_id}", user_id=visitor.user_id,
                       action="extension.revoked", subject=f"pairing:{pairing_id}", details={"via": "web"})
    return Redirect("/connect?done=disconnected", status_code=303)


@page_post("/connect/platforms/{platform:str}/revoke")
async def revoke_platform(request: Request, platform: FromPath[str]) -> Response:
    """Wipe the stored session of the platform (scans stop); the history stays."""
    ctx = await page_context(request)
    visitor = ctx.require()
    await ctx.form()
    if platform not in PLATFORMS:
        raise PageError(404, i18n.gettext_("loopwho does not know that platform."))
    pool = await ctx.res.pool()
    async with pool.acquire() as conn, conn.transaction():
        wiped = await profiles.revoke_profile(conn, visitor.user_id, platform)
        row = await connections.find_connection(conn, visitor.user_id, platform)
        if row is not None:
            await connections.set_status(conn, visitor.user_id, row.id, "revoked")
        await audit.record(conn, actor=f"user:{visitor.user_id}", user_id=visitor.user_id,
                           action=profile_audit.PROFILE_REVOKED, subject=profile_audit.subject(platform),
                           details={"jar_wiped": wiped, "via": "web"})
    return Redirect("/connect?done=revoked", status_code=303)


ROUTES = [connect, new_pairing_code, disconnect_extension, revoke_platform]
