"""Re-extraction: read the pages a platform's scans kept with another pack version (Open Terms
Archive's "technical upgrade": the page did not change, our reading of it did).

``reextract(...)`` goes scan by scan (from ``since`` on), reads the stored pages with the pack
version asked for, and reports per connection which readings would change. Unless it is a dry run,
a scan whose readings change gets a corrected snapshot, marked as a re-extraction of that scan
(``privacy_snapshots.reextraction_of``): it is history, not news. It raises no change event, sends no
e-mail and is never a diff baseline, so a real change made during a pack's breakage is still reported
once, by the next real scan. Running it again with the same version writes nothing twice.
"""

from __future__ import annotations

import asyncio
import itertools
from datetime import datetime
from typing import Any

import msgspec

from analysis.snapshot import content_hash, render_data, snapshot_data
from core.crypto import KeyRing
from core.types import ScanResult
from packs.activation import check_platform, load_version
from packs.dry_run import confident_value
from packs.specs import specs_from_pack
from packs.stored_pages import open_pages
from scanner.pool import BrowserPool
from scanner.replay import read_stored_pages
from store import audit, scan_pages, snapshots
from store.blobs import BlobStore
from store.blobs.keys import free_snapshot_key


class ReadingChange(msgspec.Struct, kw_only=True, frozen=True):
    key: str
    before: str | None  # None: missed or uncertain
    after: str | None


class ScanReextraction(msgspec.Struct, kw_only=True):
    """One scan's stored pages read again."""

    scan_job_id: str
    scanned_at: datetime
    before_version: str
    before_status: str
    after_status: str
    changes: list[ReadingChange]
    snapshot_id: str | None = None  # the corrected snapshot written (never on a dry run)


class ConnectionReport(msgspec.Struct, kw_only=True):
    user_id: str
    connection_id: str
    scans: list[ScanReextraction]


class ReextractionReport(msgspec.Struct, kw_only=True):
    platform: str
    version: str
    dry_run: bool
    since: datetime | None
    connections: list[ConnectionReport]

    @property
    def scans_changed(self) -> int:
        return sum(1 for c in self.connections for s in c.scans if s.changes)


def _changes(before: ScanResult, after: ScanResult, keys: list[str]) -> list[ReadingChange]:
    found = [ReadingChange(key=k, before=confident_value(before, k), after=confident_value(after, k)) for k in keys]
    return [c for c in found if c.before != c.after]


async def _before(db: Any, row: scan_pages.ScanPage) -> ScanResult:
    """What the scan recorded: its snapshot's readings (none when the chain stopped before one)."""
    snap = await snapshots.snapshot_for_job(db, row.user_id, row.scan_job_id)
    if snap is None:
        return ScanResult(platform=row.platform, status="failed", pack_version=row.pack_version)
    return msgspec.convert({"platform": row.platform, "status": snap.scan_status,
                            "pack_version": snap.pack_version, "readings": snap.readings}, ScanResult)


async def reextract(db: Any, blobs: BlobStore, keys: KeyRing, pool: BrowserPool, platform: str, version: str, *,
                    since: datetime | None = None, dry_run: bool = False, by: str) -> ReextractionReport:
    """Read every kept page of ``platform`` since ``since`` with pack ``version``; see the module doc."""
    pack = await load_version(db, check_platform(platform), version)
    specs = specs_from_pack(pack)
    keys_order = [s.key for s in pack.settings]
    rows = await scan_pages.pages_since(db, platform, since)
    by_connection: dict[str, ConnectionReport] = {}
    for job_id, group in itertools.groupby(rows, key=lambda r: r.scan_job_id):
        pages = list(group)
        first = pages[0]
        before = await _before(db, first)
        after = await read_stored_pages(pool, pack, await open_pages(blobs, keys, pages))
        after.started_at = first.captured_at
        item = ScanReextraction(scan_job_id=job_id, scanned_at=first.captured_at, before_version=before.pack_version,
                                before_status=before.status, after_status=after.status,
                                changes=_changes(before, after, keys_order))
        if item.changes and not dry_run and not await scan_pages.reextraction_exists(
                db, first.user_id, job_id, version):
            data = snapshot_data(platform, after, specs)
            markdown = render_data(data)
            key = await asyncio.to_thread(free_snapshot_key, blobs, first.user_id, platform, first.captured_at)
            await asyncio.to_thread(blobs.put, key, markdown.encode(), "text/markdown; charset=utf-8")
            snap = await snapshots.insert_snapshot(
                db, user_id=first.user_id, connection_id=first.connection_id, platform=platform, r2_file_path=key,
                content_hash=content_hash(markdown), scan_status=after.status, pack_version=version,
                readings=msgspec.to_builtins(after.readings), created_at=first.captured_at,
                reextraction_of=job_id)
            item.snapshot_id = snap.id
        report = by_connection.setdefault(first.connection_id, ConnectionReport(
            user_id=first.user_id, connection_id=first.connection_id, scans=[]))
        report.scans.append(item)
    result = ReextractionReport(platform=platform, version=version, dry_run=dry_run, since=since,
                                connections=list(by_connection.values()))
    await audit.record(db, actor=by, action="pack.reextract_dry_run" if dry_run else "pack.reextracted",
                       subject=f"pack:{platform}/{version}",
                       details={"since": since.isoformat() if since else None,
                                "scans": sum(len(c.scans) for c in result.connections),
                                "scans_changed": result.scans_changed,
                                "snapshots_written": sum(1 for c in result.connections for s in c.scans
                                                         if s.snapshot_id)})
    return result
