"""Operator routes for selector packs: list, health, publish, activate (or canary), roll back, history.
Operators and admins only; writes need a signed-in browser session (CSRF-checked). Validation and
dry runs need Chromium and run from the CLI (`loopwho packs validate|dry-run`)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Annotated, Any

import msgspec
from litestar import Request, Response, get, post
from litestar.params import FromPath, JSONBody

from api.auth.caller import caller_of, resources_of
from api.errors import Conflict, responses
from api.resources import ServiceUnavailable
from core.errors import NotFound
from core.types import PLATFORMS
from jobs.queues import enqueue_reextraction
from notify.mailer import Mailer
from packs import activation, lifecycle
from packs.health import evaluate_platform, packs_overview, platform_health
from store import packs as store_packs

OPERATOR = responses(400, 401, 403, 404, 409, 429, 503)
MAX_PACK_CHARS = 200_000


class PackUpload(msgspec.Struct, forbid_unknown_fields=True):
    content: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_PACK_CHARS)]  # the pack's YAML text


class Activation(msgspec.Struct, forbid_unknown_fields=True):
    version: Annotated[str, msgspec.Meta(min_length=1, max_length=50)]
    canary_percent: Annotated[int, msgspec.Meta(ge=1, le=99)] | None = None


class Reextraction(msgspec.Struct, forbid_unknown_fields=True):
    version: Annotated[str, msgspec.Meta(min_length=1, max_length=50)]
    since: datetime | None = None  # only scans from then on
    dry_run: bool = False  # report what would change; write nothing


class ReextractionOut(msgspec.Struct):
    job_id: str  # the worker job; its report: GET /api/operator/packs/reextractions/{job_id}
    status: str
    report: dict[str, Any] | None = None


class PublishedOut(msgspec.Struct):
    platform: str
    version: str
    content_sha256: str
    published_by: str
    created: bool


class PackStateOut(msgspec.Struct):
    platform: str
    active_version: str
    canary_version: str | None
    canary_percent: int
    action: str
    by: str
    at: datetime | None
    health: str


class HistoryEntryOut(msgspec.Struct):
    action: str
    active_version: str
    canary_version: str | None
    canary_percent: int
    reverted: bool
    by: str
    at: datetime


def _actor(request: Request) -> str:
    caller = caller_of(request)
    return f"{caller.role}:{caller.user_id}"


async def _state_out(request: Request, state: activation.PackState) -> PackStateOut:
    res = resources_of(request)
    mailer = Mailer.from_settings(res.settings) if res.settings.resend_api_key else None
    health = await evaluate_platform(await res.pool(), state.platform, res.settings, mailer)
    return PackStateOut(platform=state.platform, active_version=state.active_version,
                        canary_version=state.canary_version, canary_percent=state.canary_percent,
                        action=state.action, by=state.by, at=state.at, health=health.state)


@get("/api/operator/packs", operation_id="listPacks", tags=["operator"], responses=OPERATOR, role="operator")
async def list_packs(request: Request) -> list[dict[str, Any]]:
    """Per platform: versions on disk and published, the active and canary versions, DOM hit rates."""
    res = resources_of(request)
    return await packs_overview(await res.pool(), res.settings, list(PLATFORMS))


@get("/api/operator/packs/health", operation_id="packHealth", tags=["operator"], responses=OPERATOR,
     role="operator")
async def pack_health(request: Request) -> list[dict[str, Any]]:
    """Each platform's pack health (ok | degraded, since, reason) with per-setting hit rates."""
    res = resources_of(request)
    pool = await res.pool()
    return [await platform_health(pool, p, res.settings) for p in PLATFORMS]


@post("/api/operator/packs", operation_id="publishPack", tags=["operator"], responses=OPERATOR,
      role="operator", scope="account")
async def publish_pack(request: Request, data: JSONBody[PackUpload]) -> Response[PublishedOut]:
    """Publish a pack (YAML text) as an immutable version: 201 new, 200 the same content again,
    409 when the version exists with other content."""
    res = resources_of(request)
    try:
        done = await lifecycle.publish_pack(await res.pool(), data.content, by=_actor(request), source="uploaded pack")
    except store_packs.PackVersionTaken as exc:
        raise Conflict(str(exc)) from None
    return Response(PublishedOut(platform=done.platform, version=done.version, content_sha256=done.content_sha256,
                                 published_by=done.published_by, created=done.created),
                    status_code=201 if done.created else 200)


@post("/api/operator/packs/{platform:str}/activate", operation_id="activatePack", tags=["operator"],
      responses=OPERATOR, role="operator", scope="account", status_code=200)
async def activate_pack(request: Request, platform: FromPath[str], data: JSONBody[Activation]) -> PackStateOut:
    """Use a published version for every scan of the platform, or as a canary for a share of them."""
    pool = await resources_of(request).pool()
    async with pool.acquire() as conn:
        state = await lifecycle.activate(conn, platform, data.version, by=_actor(request),
                                     canary_percent=data.canary_percent)
    return await _state_out(request, state)


@post("/api/operator/packs/{platform:str}/rollback", operation_id="rollbackPack", tags=["operator"],
      responses=OPERATOR, role="operator", scope="account", status_code=200)
async def rollback_pack(request: Request, platform: FromPath[str]) -> PackStateOut:
    """Undo the last step: cancel a running canary, else go back to the previous active version."""
    pool = await resources_of(request).pool()
    async with pool.acquire() as conn:
        state = await lifecycle.rollback(conn, platform, by=_actor(request))
    return await _state_out(request, state)


@get("/api/operator/packs/{platform:str}/history", operation_id="packHistory", tags=["operator"],
     responses=OPERATOR, role="operator")
async def pack_history(request: Request, platform: FromPath[str]) -> list[HistoryEntryOut]:
    """The platform's activation steps, newest first."""
    activation.check_platform(platform)
    rows = await store_packs.history(await resources_of(request).pool(), platform)
    return [HistoryEntryOut(action=r.action, active_version=r.active_version, canary_version=r.canary_version,
                            canary_percent=r.canary_percent, reverted=r.reverted, by=r.created_by,
                            at=r.created_at) for r in rows]


@post("/api/operator/packs/{platform:str}/reextract", operation_id="reextractPack", tags=["operator"],
      responses=OPERATOR, role="operator", scope="account", status_code=202)
async def reextract_pack(request: Request, platform: FromPath[str], data: JSONBody[Reextraction]) -> ReextractionOut:
    """Start a re-extraction in a worker: the pages earlier scans kept are read with ``version``; the
    report says per connection which readings change (corrected snapshots, never alerts, unless
    ``dry_run``)."""
    res = resources_of(request)
    activation.check_platform(platform)
    await activation.load_version(await res.pool(), platform, data.version)  # 404 for an unknown version
    since = data.since.isoformat() if data.since else None

    def put() -> Any:
        connection = res.sync_redis()
        try:
            return enqueue_reextraction(connection, res.settings, platform, data.version, since=since,
                                        dry_run=data.dry_run, by=_actor(request))
        finally:
            connection.close()

    try:
        job = await asyncio.to_thread(put)
    except OSError as exc:
        raise ServiceUnavailable(f"the job queue is unavailable ({type(exc).__name__}); try again") from None
    return ReextractionOut(job_id=job.id, status=getattr(job.get_status(refresh=False), "value", "queued"))


@get("/api/operator/packs/reextractions/{job_id:str}", operation_id="reextractionStatus", tags=["operator"],
     responses=OPERATOR, role="operator")
async def reextraction_status(request: Request, job_id: FromPath[str]) -> ReextractionOut:
    """A re-extraction's state (queued, started, finished, failed) and, once finished, its report."""
    from rq.exceptions import NoSuchJobError
    from rq.job import Job

    res = resources_of(request)
    if not job_id.startswith("reextract-"):
        raise NotFound(f"no re-extraction {job_id}")

    def fetch() -> ReextractionOut:
        connection = res.sync_redis()
        try:
            job = Job.fetch(job_id, connection=connection)
            status = getattr(job.get_status(), "value", "unknown")
            return ReextractionOut(job_id=job_id, status=status,
                                   report=job.return_value() if status == "finished" else None)
        except NoSuchJobError:
            raise NotFound(f"no re-extraction {job_id}") from None
        finally:
            connection.close()

    return await asyncio.to_thread(fetch)


ROUTES = [list_packs, pack_health, publish_pack, activate_pack, rollback_pack, pack_history, reextract_pack,
          reextraction_status]
