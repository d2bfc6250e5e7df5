"""What the extension talks to: pairing exchange and refresh, the cookie handoff, connected
services, scan status, scan now, and readings it made in the browser."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import msgspec
from litestar import Request, delete, get, post
from litestar.exceptions import HTTPException, NotAuthorizedException
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody

from api.auth.caller import caller_of, resources_of
from api.auth.secrets_ import new_refresh_token, sha256_hex
from api.auth.tokens import issue_access_token, mark_pairing_revoked, redeem_pairing_code
from api.enqueue import PROCESS_SUBMITTED_TASK, SCAN_CONNECTION_TASK, enqueue, requeue_if_lost
from api.errors import Conflict, responses
from api.ratelimit import client_ip, hit
from api.resources import Resources
from api.schemas import (
    ConnectionState,
    ErrorBody,
    ExtensionAuth,
    Revoked,
    ScanJobOut,
    ScanStarted,
    ScanStatusOut,
    ServicesOut,
    SessionHandoff,
    StartScan,
    SubmitScan,
    TokenPair,
)
from billing import usage as plan_usage
from billing.errors import PlanLimitReached, ScanAllowanceUsed
from core.errors import InvalidInput, NotFound
from core.selector_pack import SelectorPack
from core.types import PLATFORMS, Platform, ScanResult, SettingReading
from profiles import audit as profile_audit
from profiles.context import check_context
from profiles.jar import check_jar
from profiles.sealing import seal_jar
from scanner.cookies import to_playwright_cookies
from store import accounts, audit, connections, jobs, profiles, tokens

AUTHED = responses(400, 401, 403, 404, 429, 503)
PAYMENT_REQUIRED = {402: ResponseSpec(data_container=ErrorBody, description="the plan does not allow this; "
                                      "`error` says why, in words the extension shows")}


def _plan_refusal(exc: PlanLimitReached | ScanAllowanceUsed) -> HTTPException:
    """402 (plan limit) or 429 with Retry-After (day's "scan now" used): the message as the user reads it."""
    if isinstance(exc, ScanAllowanceUsed):
        return HTTPException(status_code=429, detail=str(exc), headers={"Retry-After": str(exc.retry_after_s)})
    return HTTPException(status_code=402, detail=str(exc))


# ---- tokens -----------------------------------------------------------------------------------

@post("/api/extension/auth", operation_id="extensionAuth", exclude_from_auth=True, tags=["extension"],
      responses=responses(400, 401, 413, 429, 503), status_code=200)
async def extension_auth(request: Request, data: JSONBody[ExtensionAuth]) -> TokenPair:
    """Exchange a pairing code (grant_type=pairing_code) or a refresh token (grant_type=
    refresh_token) for a 15-minute access token and a new refresh token. A refresh token works
    once; replaying a spent one disconnects the extension."""
    res = resources_of(request)
    await hit(res.redis, f"auth:{client_ip(request.scope)}", res.settings.auth_attempts_per_minute)
    refresh = new_refresh_token()
    expires = datetime.now(UTC) + timedelta(seconds=res.settings.refresh_token_ttl_s)
    pool = await res.pool()
    if data.grant_type == "pairing_code":
        if not data.code:
            raise InvalidInput("grant_type pairing_code needs 'code'")
        user_id = await redeem_pairing_code(res.redis, data.code)
        if user_id is None:
            raise NotAuthorizedException("the pairing code is wrong, used or expired; create a new one")
        async with pool.acquire() as conn:
            pairing = await tokens.create_pairing(conn, user_id, device_name=data.device_name,
                                                  token_hash=sha256_hex(refresh), expires_at=expires)
        await audit.record(pool, actor=f"user:{user_id}", user_id=user_id, action="extension.paired",
                           subject=f"pairing:{pairing.id}", details={"device_name": data.device_name})
    else:
        if not data.refresh_token:
            raise InvalidInput("grant_type refresh_token needs 'refresh_token'")
        async with pool.acquire() as conn:
            outcome, rotated = await tokens.rotate_refresh_token(
                conn, token_hash=sha256_hex(data.refresh_token), new_token_hash=sha256_hex(refresh),
                new_expires_at=expires)
        if outcome == "replayed" and rotated:
            await mark_pairing_revoked(res.redis, rotated.id, res.settings.jwt_ttl_s)
            await audit.record(pool, actor="system", user_id=rotated.user_id,
                               action="extension.refresh_replayed", subject=f"pairing:{rotated.id}")
            raise NotAuthorizedException(
                "this refresh token was used before; the extension was disconnected for safety, "
                "pair it again")
        if outcome != "rotated" or rotated is None:
            reasons = {"unknown": "the refresh token is not valid",
                       "expired": "the refresh token has expired",
                       "revoked": "this extension was disconnected"}
            raise NotAuthorizedException(f"{reasons[outcome]}; pair the extension again")
        pairing = rotated
        user_id = pairing.user_id
    access = issue_access_token(res.jwt_secret, user_id=user_id, pairing_id=pairing.id,
                                ttl_s=res.settings.jwt_ttl_s)
    return TokenPair(access_token=access, refresh_token=refresh, expires_in=res.settings.jwt_ttl_s)


# ---- cookie handoff ---------------------------------------------------------------------------

def _state(
    platform: str, conn_row: connections.StoredConnection | None, profile_row: profiles.ProfileMeta | None,
    dropped: int = 0,
) -> ConnectionState:
    live = profile_row if profile_row is not None and profile_row.revoked_at is None else None
    return ConnectionState(
        platform=platform,  # type: ignore[arg-type]
        status=conn_row.connection_status if conn_row else "not_connected",
        connection_id=conn_row.id if conn_row else None,
        cookie_count=live.cookie_count if live else 0,
        dropped_expired=dropped,
        session_expires_at=live.expires_at if live else None,
        last_scan_at=conn_row.last_scan_at if conn_row else None,
        last_scan_status=conn_row.last_scan_status if conn_row else None,
    )


@post("/api/extension/session", operation_id="handOverSession", tags=["extension"], scope="scans:write",
      responses={**AUTHED, **responses(413), **PAYMENT_REQUIRED}, status_code=200)
async def hand_over_session(request: Request, data: JSONBody[SessionHandoff]) -> ConnectionState:
    """Store the platform's cookies (chrome.cookies.getAll shape) as the caller's encrypted session
    profile and mark the platform connected. Cookies of other domains are refused; expired ones are
    dropped; only the cookies the active pack names are stored, and a jar without the session
    cookies it names is refused (400, naming them); cookie values are never echoed. A jar or browser
    context that a scan could not replay is refused here, not at every scan. A platform beyond the
    plan's count is refused with 402."""
    caller, res = caller_of(request), resources_of(request)
    s = res.settings
    check_context(user_agent=data.user_agent, locale=data.locale, timezone=data.timezone, viewport=data.viewport)
    # least data: the active pack names the session (and consent) cookies; only those are kept
    named = (await _active_pack(await res.pool(), data.platform)).cookies
    jar = check_jar(data.platform, data.cookies, max_count=s.cookie_jar_max_count,
                    max_bytes=s.cookie_jar_max_bytes, session_ttl_s=s.session_cookie_jar_ttl_s, named=named)
    to_playwright_cookies(jar.cookies)  # what every scan adds to its browser context, built once now
    sealed = seal_jar(res.keys, caller.user_id, data.platform, jar.cookies)
    pool = await res.pool()
    async with pool.acquire() as conn, conn.transaction():
        plan = await plan_usage.lock_account(conn, caller.user_id)
        try:
            await plan_usage.check_can_connect(conn, caller.user_id, data.platform)
        except PlanLimitReached as exc:
            raise _plan_refusal(exc) from None
        profile = await profiles.save_profile(
            conn, caller.user_id, data.platform, cookie_jar_enc=sealed.ciphertext, key_id=sealed.key_id,
            cookie_count=sealed.cookie_count, user_agent=data.user_agent, locale=data.locale,
            timezone=data.timezone, viewport=msgspec.to_builtins(data.viewport), expires_at=jar.expires_at)
        connection = await connections.upsert_connection(conn, caller.user_id, data.platform,
                                                         scan_interval_s=plan.scan_interval_s)
        await audit.record(
            conn, actor=f"{caller.kind}:{caller.credential_id}", user_id=caller.user_id,
            action=profile_audit.PROFILE_STORED, subject=profile_audit.subject(data.platform),
            details=profile_audit.jar_details(jar.cookies, dropped_expired=jar.dropped_expired,
                                              size_bytes=jar.size_bytes))
    return _state(data.platform, connection, profile, jar.dropped_expired)


@delete("/api/extension/session", operation_id="revokeSession", tags=["extension"], scope="scans:write",
        responses=AUTHED, status_code=200)
async def revoke_session(request: Request, platform: FromQuery[Platform]) -> Revoked:
    """Disconnect a platform: the stored cookie jar is wiped and scans stop."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    async with pool.acquire() as conn, conn.transaction():
        wiped = await profiles.revoke_profile(conn, caller.user_id, platform)
        connection = await connections.find_connection(conn, caller.user_id, platform)
        if connection is None and not wiped:
            raise NotFound(f"{platform} is not connected")
        if connection is not None:
            await connections.set_status(conn, caller.user_id, connection.id, "revoked")
        await audit.record(conn, actor=f"{caller.kind}:{caller.credential_id}", user_id=caller.user_id,
                           action=profile_audit.PROFILE_REVOKED, subject=profile_audit.subject(platform),
                           details={"jar_wiped": wiped})
    return Revoked(platform=platform, status="revoked")


@get("/api/extension/get-user-services", operation_id="getUserServices", tags=["extension"],
     scope="privacy:read", responses=AUTHED)
async def get_user_services(request: Request) -> ServicesOut:
    """Each platform with the caller's connection state (never cookie values)."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    by_platform = {c.platform: c for c in await connections.list_connections(pool, caller.user_id)}
    profile_rows = {p.platform: p for p in await profiles.list_profiles(pool, caller.user_id)}
    return ServicesOut(services=[_state(p, by_platform.get(p), profile_rows.get(p)) for p in PLATFORMS])


@get("/api/extension/packs/{platform:str}", operation_id="getActivePack", tags=["extension"],
     scope="privacy:read", responses=AUTHED)
async def active_pack(request: Request, platform: FromPath[Platform]) -> dict[str, Any]:
    """The platform's active selector pack (the format of docs/contracts.md, as JSON), which the
    extension's content script runs with the shared extractor."""
    from packs.activation import pack_for_scan

    # the version operators activated (not a canary: the extension reads for its user, unbucketed)
    pack = await pack_for_scan(await resources_of(request).pool(), platform)
    return pack.to_builtins()


# ---- scans ------------------------------------------------------------------------------------

def _job_out(row: jobs.ScanJob, platform: str) -> ScanJobOut:
    return ScanJobOut(id=row.id, platform=platform, status=row.status, progress=row.progress,
                      trigger=row.trigger, created_at=row.created_at, started_at=row.started_at,
                      finished_at=row.finished_at, error=row.error)


@get("/api/extension/scan-status", operation_id="getScanStatus", tags=["extension"], scope="privacy:read",
     responses=AUTHED)
async def scan_status(
    request: Request, job_id: FromQuery[str | None] = None, platform: FromQuery[Platform | None] = None
) -> ScanStatusOut:
    """One scan job (``job_id``) or the caller's recent ones (optionally of one platform)."""
    caller, res = caller_of(request), resources_of(request)
    rows = await jobs.list_jobs_with_platform(await res.pool(), caller.user_id, job_id=job_id, platform=platform,
                                              limit=20)
    return ScanStatusOut(jobs=[_job_out(r, r.platform) for r in rows])


async def _queue(res: Resources, user_id: str, job: jobs.ScanJob, task: str) -> None:
    pool = await res.pool()
    try:
        rq_id = await enqueue(res, task, job.id)
    except Exception:
        await jobs.finish(pool, job.id, "failed", "could not be queued: the job queue is unavailable")
        raise
    await jobs.set_rq_job_id(pool, job.id, rq_id)


@post("/api/extension/scan-status", operation_id="startScan", tags=["extension"], scope="scans:write",
      responses={**AUTHED, **responses(409), **PAYMENT_REQUIRED}, status_code=202)
async def start_scan(request: Request, data: JSONBody[StartScan]) -> ScanStarted:
    """Scan a connected platform now (server-side, with the stored session). A new scan costs the
    plan's credits (402 without them) and counts against the day's "scan now" allowance (429 with
    Retry-After beyond it); asking again while one is queued or running returns that one, free."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    connection = await connections.find_connection(pool, caller.user_id, data.platform)
    if connection is None or connection.connection_status == "revoked":
        raise Conflict(f"{data.platform} is not connected; hand over its session from the extension first")
    async with pool.acquire() as conn, conn.transaction():
        await plan_usage.lock_account(conn, caller.user_id)
        job, created = await jobs.create_job(conn, caller.user_id, connection.id,
                                             trigger=_trigger(caller.kind))
        if created:
            try:
                await plan_usage.admit_manual_scan(conn, caller.user_id, datetime.now(UTC))
            except (PlanLimitReached, ScanAllowanceUsed) as exc:
                raise _plan_refusal(exc) from None  # the transaction (and the new job) rolls back
            await plan_usage.charge_scan(conn, caller.user_id, job.id)
    if created:
        await _queue(res, caller.user_id, job, SCAN_CONNECTION_TASK)
        job = await jobs.get_job(pool, caller.user_id, job.id)
    else:
        # the live job's rq work may be lost (Redis flushed) or abandoned (its worker was killed):
        # queue it again under the same rq id rather than hand back a job nothing will run
        submitted = await accounts.submitted_result(pool, caller.user_id, job.id) is not None
        await requeue_if_lost(res, job.id, submitted=submitted)
    return ScanStarted(job=_job_out(job, data.platform), created=created)


def _trigger(kind: str) -> str:
    return "extension" if kind == "extension" else "api"


async def _active_pack(pool: Any, platform: str) -> SelectorPack:
    from packs.activation import pack_for_scan

    try:
        return await pack_for_scan(pool, platform)
    except NotFound:
        raise Conflict(f"no selector pack is active for {platform}; readings cannot be checked") from None


def _checked_result(data: SubmitScan, pack: SelectorPack, min_confidence: float) -> ScanResult:
    """The submitted readings checked against the platform's active pack, as a ScanResult."""
    if not data.readings:
        raise InvalidInput("no readings were submitted")
    spaces = {s.key: s.value_space for s in pack.settings}
    seen: set[str] = set()
    readings: list[SettingReading] = []
    for r in data.readings:
        if r.key not in spaces:
            raise InvalidInput(f"setting {r.key[:80]!r} is not in the {data.platform} pack {pack.version}")
        if r.key in seen:
            raise InvalidInput(f"setting {r.key!r} was submitted twice")
        if r.value is not None and r.value not in spaces[r.key]:
            raise InvalidInput(f"{r.value[:80]!r} is not a value of {r.key} ({', '.join(spaces[r.key])})")
        if not 0.0 <= r.confidence <= 1.0:
            raise InvalidInput(f"the confidence of {r.key} must be between 0 and 1")
        seen.add(r.key)
        uncertain = r.uncertain or r.value is None or r.confidence < min_confidence
        readings.append(msgspec.structs.replace(
            r, method="extension", uncertain=uncertain,
            pack_version=r.pack_version or data.pack_version or pack.version,
            page_url=r.page_url or data.page_url))
    uncertain_keys = sorted({r.key for r in readings if r.uncertain} | (set(spaces) - seen))
    return ScanResult(platform=data.platform, status="partial" if uncertain_keys else "ok",
                      pack_version=data.pack_version or pack.version, readings=readings,
                      uncertain_keys=uncertain_keys, started_at=datetime.now(UTC))


@post("/api/extension/submit-scan", operation_id="submitScan", tags=["extension"], scope="scans:write",
      responses={**AUTHED, **responses(409, 413), **PAYMENT_REQUIRED}, status_code=202)
async def submit_scan(request: Request, data: JSONBody[SubmitScan]) -> ScanStarted:
    """Readings the extension made in the browser (same shape as the scanner's), checked against the
    platform's pack and handed to the snapshot / diff pipeline."""
    caller, res = caller_of(request), resources_of(request)
    pool = await res.pool()
    result = _checked_result(data, await _active_pack(pool, data.platform), res.settings.reading_min_confidence)
    async with pool.acquire() as conn, conn.transaction():
        connection = await connections.find_connection(conn, caller.user_id, data.platform)
        if connection is not None and connection.connection_status == "revoked":
            raise Conflict(f"{data.platform} was disconnected; connect it again before submitting scans")
        if connection is None:
            plan = await plan_usage.lock_account(conn, caller.user_id)
            try:
                await plan_usage.check_can_connect(conn, caller.user_id, data.platform)
            except PlanLimitReached as exc:
                raise _plan_refusal(exc) from None
            connection = await connections.upsert_connection(conn, caller.user_id, data.platform,
                                                             scan_interval_s=plan.scan_interval_s)
        job, created = await jobs.create_job(conn, caller.user_id, connection.id, trigger="extension")
        if not created:
            raise Conflict(f"a scan of {data.platform} is already queued or running; "
                           "submit again when it ends")
        await accounts.attach_submitted_result(conn, caller.user_id, job.id, result)
    await _queue(res, caller.user_id, job, PROCESS_SUBMITTED_TASK)
    job = await jobs.get_job(pool, caller.user_id, job.id)
    return ScanStarted(job=_job_out(job, data.platform), created=True)
