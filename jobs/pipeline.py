"""The chain for one scan job: scan -> snapshot -> diff -> analyse (notify is its own step, see
jobs/notifications.py). Every step can run again after a crash without doubling anything: a stored
snapshot is found by its job id, events carry dedupe keys, an analysis is stored once per snapshot.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import msgspec

from analysis.diff import diff_snapshots
from analysis.impact import to_change_events
from analysis.inputs import build_analysis_input
from analysis.snapshot import content_hash, parse_snapshot, render_data, snapshot_data
from billing.usage import refund_scan
from core.errors import NotFound
from core.logging import get_logger
from core.types import AnalysisResult, ScanRequest, ScanResult
from jobs.policies import attach_policies
from jobs.runtime import Runtime
from packs.activation import pack_for_scan
from packs.health import record_pack_health
from packs.specs import specs_from_pack
from packs.stored_pages import keep_pages
from profiles import audit as profile_audit
from profiles.sealing import ProfileUnavailable, open_stored_profile
from scanner.runner import run_scan
from store import accounts, analyses, audit, connections, events, profiles, snapshots
from store import jobs as scan_jobs
from store.blobs import free_snapshot_key

log = get_logger(__name__)

# what a finished scan's status means for the job row and the connection
_NEEDS_USER = ("reauth_required", "verification_required")


class ChainOutcome(msgspec.Struct, kw_only=True):
    job_id: str
    user_id: str
    connection_id: str
    platform: str
    scan_status: str
    snapshot_id: str | None = None
    unchanged: bool = False
    events: int = 0
    analysis: AnalysisResult | None = None
    notify: str | None = None  # which notification step should follow: change | reconnect | scan_failure


async def job_row(rt: Runtime, job_id: str) -> scan_jobs.ScanJob:
    return await scan_jobs.job_for_worker(await rt.db(), job_id)


async def submitted_for_job(rt: Runtime, job_id: str) -> ScanResult:
    """The readings the extension submitted for this job (the job is now running)."""
    db = await rt.db()
    job = await scan_jobs.job_for_worker(db, job_id)
    submitted = await accounts.submitted_result(db, job.user_id, job_id)
    if submitted is None:
        raise ValueError(f"scan job {job_id} has no submitted readings")
    await scan_jobs.mark_running(db, job_id)
    return submitted


async def scan_for_job(rt: Runtime, job_id: str) -> ScanResult:
    """Run the scan of a queued job in the browser pool."""
    db = await rt.db()
    job = await scan_jobs.job_for_worker(db, job_id)
    user_id = job.user_id
    await scan_jobs.mark_running(db, job_id)
    connection = await connections.get_connection(db, user_id, job.connection_id)
    platform = connection.platform
    pack = await pack_for_scan(db, platform, connection_id=job.connection_id)
    try:
        profile = open_stored_profile(rt.keys, await profiles.get_profile(db, user_id, platform))
        await audit.record(db, actor="worker", action=profile_audit.PROFILE_OPENED,
                           subject=profile_audit.subject(platform), user_id=user_id,
                           details={"scan_job_id": job_id, "pack_version": pack.version,
                                    "cookie_count": len(profile.cookies)})
    except (NotFound, ProfileUnavailable) as exc:
        return ScanResult(platform=platform, status="reauth_required", pack_version=pack.version,
                          errors=[str(exc)])
    await scan_jobs.set_progress(db, job_id, 10)
    request = ScanRequest(platform=platform, profile=profile, connection_id=job.connection_id)
    scanned = await run_scan(await rt.browsers(), request, pack, keep_pages=rt.settings.scan_pages_keep)
    if scanned.pages:  # sealed and stored; the result travels on without them
        await keep_pages(db, rt.blobs, rt.keys, scan_job_id=job_id, user_id=user_id,
                         connection_id=job.connection_id, result=scanned,
                         keep_days=rt.settings.scan_pages_retention_days)
        scanned.pages = []
    result = await attach_policies(rt, pack, scanned)
    await scan_jobs.set_progress(db, job_id, 60)
    log.info("scan finished", job_id=job_id, platform=platform, status=result.status,
             readings=len(result.readings), duration_ms=result.duration_ms)
    return result


async def process_scan(rt: Runtime, job_id: str, result: ScanResult) -> ChainOutcome:
    """Snapshot, diff, analyse and record one finished scan of a job."""
    db = await rt.db()
    job = await scan_jobs.job_for_worker(db, job_id)
    user_id, connection_id = job.user_id, job.connection_id
    connection = await connections.get_connection(db, user_id, connection_id)
    platform = connection.platform
    scanned = result.status
    # a degraded platform's scan is held back
    result = await record_pack_health(db, rt.settings, rt.mailer, job_id, platform, result)
    if scanned == "ok" and result.status != "ok":  # held back: loopwho's pack failed, the credit comes back
        await refund_scan(db, job_id)
    outcome = ChainOutcome(job_id=job_id, user_id=user_id, connection_id=connection_id, platform=platform,
                           scan_status=result.status)

    if result.status in _NEEDS_USER or result.status == "failed":
        await connections.record_scan(db, user_id, connection_id, result.status)
        if result.status in _NEEDS_USER:
            await connections.set_status(db, user_id, connection_id, "reauth_required")
            outcome.notify = "reconnect"
            await scan_jobs.finish(db, job_id, "reauth_required", "; ".join(result.errors) or result.status)
        else:
            outcome.notify = "scan_failure"
            await scan_jobs.finish(db, job_id, "failed", "; ".join(result.errors) or "no setting could be read")
        return outcome

    specs = specs_from_pack(await pack_for_scan(db, platform, result.pack_version))
    data = snapshot_data(platform, result, specs)
    markdown = render_data(data)
    digest = content_hash(markdown)

    snap = await snapshots.snapshot_for_job(db, user_id, job_id)
    if snap is None:
        last = await (snapshots.latest_good_snapshot(db, user_id, connection_id) if result.status == "ok"
                      else snapshots.latest_snapshot(db, user_id, connection_id))
        if last is not None and last.content_hash == digest:
            outcome.unchanged = True  # same settings, same bytes: the chain ends here
            await connections.record_scan(db, user_id, connection_id, result.status)
            await scan_jobs.finish(db, job_id, "done")
            return outcome
        taken_at = result.started_at or datetime.now(UTC)
        key = await asyncio.to_thread(free_snapshot_key, rt.blobs, user_id, platform, taken_at)
        await asyncio.to_thread(rt.blobs.put, key, markdown.encode(), "text/markdown; charset=utf-8")
        snap = await snapshots.insert_snapshot(
            db, user_id=user_id, connection_id=connection_id, platform=platform, r2_file_path=key,
            content_hash=digest, scan_status=result.status, pack_version=result.pack_version,
            readings=msgspec.to_builtins(result.readings), scan_duration_ms=result.duration_ms,
            scan_job_id=job_id,
        )
    outcome.snapshot_id = snap.id

    if result.status != "ok":  # a degraded scan is kept for the record, never diffed
        await connections.record_scan(db, user_id, connection_id, result.status)
        await scan_jobs.finish(db, job_id, "done")
        return outcome

    baseline = await snapshots.previous_good_snapshot(db, user_id, connection_id, snap.created_at, snap.id)
    changes = []
    if baseline is not None:
        old = parse_snapshot((await asyncio.to_thread(rt.blobs.get, baseline.r2_file_path)).decode())
        changes = diff_snapshots(old, data, specs)
    new_events = to_change_events(user_id, platform, changes, snap.r2_file_path,
                                  baseline.id if baseline else None)

    analysis = await (await rt.analyser()).analyse(build_analysis_input(data, digest, changes), specs)
    outcome.analysis = analysis.result
    async with db.acquire() as conn, conn.transaction():
        current = await snapshots.get_snapshot(conn, user_id, snap.id)
        analysis_id = current.analysis_result_id
        if analysis_id is None:
            stored = await analyses.insert_analysis(
                conn, user_id=user_id, connection_id=connection_id, result=analysis.result,
                fallback_reason=analysis.fallback_reason, file_path=snap.r2_file_path, content_hash=digest,
            )
            analysis_id = stored.id
            await snapshots.set_analysis(conn, user_id, snap.id, analysis_id)
        for event in new_events:
            event.analysis_result_id = analysis_id
        inserted = await events.insert_events(
            conn, new_events, connection_id=connection_id, snapshot_id=snap.id,
            pack_version=result.pack_version, dedupe_keys=[e.change_data["fingerprint"] for e in new_events],
            created_at=snap.created_at,
        )
    outcome.events = len(new_events)
    log.info("scan processed", job_id=job_id, platform=platform, changes=len(new_events),
             inserted=len(inserted), score=analysis.result.privacy_score)
    if new_events:
        outcome.notify = "change"
    await connections.record_scan(db, user_id, connection_id, result.status)
    await scan_jobs.finish(db, job_id, "done")
    return outcome
