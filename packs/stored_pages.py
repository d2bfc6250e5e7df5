"""The rendered settings pages a scan read, kept sealed: written after each scan (``keep_pages``),
opened for re-extraction (``open_pages``), removed when they expire (``drop_expired``).

A page holds the user's settings, so it is sealed like the cookie jar: AES-256-GCM with core's key
ring, bound (associated data) to the user, platform, scan job and page, so a copy cannot be passed
off as another user's or another scan's page. Blobs live under the user's ``privacy-data/<user>/``
prefix, so deleting a user's data deletes them too.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any

from core.crypto import KeyRing
from core.types import RenderedPage, ScanResult
from store import scan_pages
from store.blobs import BlobStore
from store.blobs.keys import ROOT
from store.db import Conn
from store.scan_pages import ScanPage


def _aad(user_id: str, platform: str, scan_job_id: str, page_key: str) -> bytes:
    return f"loopwho:scan-page:{user_id}:{platform}:{scan_job_id}:{page_key}".encode()


def page_blob_key(user_id: str, platform: str, scan_job_id: str, page_key: str) -> str:
    return f"{ROOT}/{user_id}/{platform}/pages/{scan_job_id}/{page_key}.html.sealed"


async def keep_pages(db: Conn, blobs: BlobStore, keys: KeyRing, *, scan_job_id: str, user_id: str,
                     connection_id: str, result: ScanResult, keep_days: int) -> list[ScanPage]:
    """Seal and store the pages ``result`` carries (then the result can travel without them)."""
    kept = []
    captured_at = result.started_at or datetime.now(UTC)
    for page in result.pages:
        key = page_blob_key(user_id, result.platform, scan_job_id, page.key)
        sealed = keys.encrypt(page.html.encode(), _aad(user_id, result.platform, scan_job_id, page.key))
        await asyncio.to_thread(blobs.put, key, sealed, "application/octet-stream")
        kept.append(await scan_pages.insert_page(
            db, scan_job_id=scan_job_id, user_id=user_id, connection_id=connection_id, platform=result.platform,
            pack_version=result.pack_version, page_key=page.key, url=page.url, blob_key=key,
            key_id=KeyRing.key_id_of(sealed), captured_at=captured_at, keep_days=keep_days))
    return kept


async def open_pages(blobs: BlobStore, keys: KeyRing, rows: list[ScanPage]) -> list[RenderedPage]:
    """The stored pages of one scan, unsealed (CryptoError when a blob was tampered with)."""
    pages = []
    for row in rows:
        sealed = await asyncio.to_thread(blobs.get, row.blob_key)
        html = keys.decrypt(sealed, _aad(row.user_id, row.platform, row.scan_job_id, row.page_key)).decode()
        pages.append(RenderedPage(key=row.page_key, url=row.url, html=html))
    return pages


async def drop_expired(db: Any, blobs: BlobStore) -> int:
    """Delete the pages past their retention (rows and blobs); how many went."""
    gone = 0
    while rows := await scan_pages.take_expired(db):
        for row in rows:
            await asyncio.to_thread(blobs.delete, row.blob_key)
        gone += len(rows)
    return gone
