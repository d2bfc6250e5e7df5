"""The daily retention job: history past each user's plan window goes, in batches, with counts logged.

- change events past the window are deleted;
- snapshots past the window are deleted with their blobs (blob first, so a crash leaves a row to retry,
  never a blob nobody can find), except each connection's newest and newest good snapshot (the
  current state and the next diff's baseline);
- monthly partitions older than the longest window of any plan are dropped whole (a snapshots
  partition only when it holds no current state, after its blobs are deleted); on TimescaleDB the
  events hypertable gets a retention policy of that longest window instead. Snapshots are always
  deleted row by row there too, because their blobs must go with them.

A downgrade keeps the old plan's longer window for ``retention_notice_days`` (billing.lifecycle).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import msgspec

from billing.plans import PlanBook, load_plans
from core.logging import get_logger
from store import retention as store_retention
from store.blobs import BlobStore
from store.db import Pool

log = get_logger(__name__)
BATCH_SIZE = 500


class RetentionReport(msgspec.Struct, kw_only=True):
    events_deleted: int = 0
    snapshots_deleted: int = 0
    blobs_deleted: int = 0
    partitions_dropped: list[str] = []
    rows_in_dropped_partitions: int = 0
    timescale_policy: bool = False


async def _drop_old_partitions(pool: Pool, blobs: BlobStore, before: datetime,
                               report: RetentionReport) -> None:
    for part in await store_retention.old_partitions(pool, before):
        if part.table == "privacy_snapshots":
            if await store_retention.partition_keeps_current_state(pool, part.name):
                continue  # its old rows go one by one below; the current state stays
            for key in await store_retention.partition_blob_keys(pool, part.name):
                await asyncio.to_thread(blobs.delete, key)
                report.blobs_deleted += 1
        async with pool.acquire() as conn, conn.transaction():
            report.rows_in_dropped_partitions += await store_retention.drop_partition(conn, part.name)
        report.partitions_dropped.append(part.name)


async def run_retention(pool: Pool, blobs: BlobStore, now: datetime | None = None,
                        book: PlanBook | None = None, batch_size: int = BATCH_SIZE) -> RetentionReport:
    """Delete what is past its window (see the module's docstring); the counts, also logged."""
    now, book = now or datetime.now(UTC), book or load_plans()
    windows = store_retention.Windows(days_by_plan={p.name: p.retention_days for p in book.plans},
                                      default_plan=book.default_plan)
    report = RetentionReport()
    longest = timedelta(days=book.longest_retention_days)
    if await store_retention.is_hypertable(pool, "privacy_change_events"):
        await store_retention.ensure_retention_policy(pool, "privacy_change_events", book.longest_retention_days)
        report.timescale_policy = True
    else:
        await _drop_old_partitions(pool, blobs, now - longest, report)
    while deleted := await store_retention.delete_old_events(pool, windows, now, batch_size):
        report.events_deleted += deleted
    while batch := await store_retention.old_snapshots(pool, windows, now, batch_size):
        for snap in batch:
            await asyncio.to_thread(blobs.delete, snap.r2_file_path)
        report.blobs_deleted += len(batch)
        report.snapshots_deleted += await store_retention.delete_snapshots(pool, batch)
    log.info("retention done", **msgspec.to_builtins(report))
    return report
