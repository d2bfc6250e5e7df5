"""Where snapshots live: ``privacy-data/<user>/<platform>/privacy-<YYYY-MM-DD>.md`` (DESIGN.md).

A second snapshot on the same UTC day gets a time suffix, ``privacy-<YYYY-MM-DD>T<HHMMSS>.md``, so
the first snapshot of each day keeps the plain name and no snapshot overwrites another.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from store.blobs.base import BlobStore, BlobStoreError, validate_key

ROOT = "privacy-data"


def snapshot_key(user_id: str, platform: str, day: date, at: datetime | None = None) -> str:
    """The key of a snapshot of the day; with ``at``, the time-suffixed key for that moment."""
    for part, what in ((str(user_id), "user id"), (platform, "platform")):
        if "/" in part or not part:
            raise BlobStoreError(f"bad {what} for a snapshot key: {part!r}")
    name = f"privacy-{day.isoformat()}"
    if at is not None:
        name += "T" + at.astimezone(UTC).strftime("%H%M%S")
    return validate_key(f"{ROOT}/{user_id}/{platform}/{name}.md")


def free_snapshot_key(store: BlobStore, user_id: str, platform: str, at: datetime) -> str:
    """The day key if free, else the time-suffixed one, else (several snapshots in one second) the
    time-suffixed one with a counter: a stored snapshot is never overwritten (``at`` is UTC)."""
    at = at.astimezone(UTC)
    key = snapshot_key(user_id, platform, at.date())
    if not store.exists(key):
        return key
    key = snapshot_key(user_id, platform, at.date(), at)
    stem = key.removesuffix(".md")
    counter = 1
    while store.exists(key):
        counter += 1
        key = validate_key(f"{stem}-{counter}.md")
    return key


def user_prefix(user_id: str) -> str:
    """Everything stored for one user (export and erasure)."""
    return validate_key(f"{ROOT}/{user_id}/", prefix=True)
