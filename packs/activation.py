"""Which selector pack a scan uses: ``pack_for_scan`` is the one answer (workers, the extension's
pack, dry runs and `loopwho scan` without ``--pack`` all ask it).

Resolution: the platform's latest activation row names the active version (and maybe a canary
version with a percentage). With no activation at all, a platform runs its DEFAULT pack: the lowest
version on disk (``selectors/<platform>/1.yaml``). A newer file on disk never switches scans by
itself; activating is an explicit operator step. Published versions are read from the database (the
content as published, checked by its sha256), so every worker reads the same bytes.
"""

from __future__ import annotations

import hashlib
from typing import Any

import msgspec

from core.errors import InvalidInput, NotFound
from core.selector_pack import SelectorPack
from core.types import PLATFORMS
from packs.loading import load_pack, pack_path, pack_versions, parse_pack_text
from store import packs as store_packs
from store.db import Conn
from store.packs import PackActivation

_parsed: dict[str, SelectorPack] = {}  # content sha256 -> parsed pack (published content never changes)


def content_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_platform(platform: str) -> str:
    if platform not in PLATFORMS:
        raise InvalidInput(f"unknown platform {platform!r}; choose one of {', '.join(PLATFORMS)}")
    return platform


def default_version(platform: str) -> str:
    """The version a platform runs before any activation: the lowest one on disk."""
    versions = pack_versions(check_platform(platform))
    if not versions:
        raise NotFound(f"no selector pack on disk for {platform}; nothing can scan it")
    return versions[0]


def canary_bucket(connection_id: str) -> int:
    """A connection's stable place 0..99: the same connection always lands in the same bucket."""
    return int.from_bytes(hashlib.sha256(connection_id.encode()).digest()[:8], "big") % 100


def uses_canary(state: PackActivation | None, connection_id: str | None) -> bool:
    if not state or not state.canary_version or not connection_id:
        return False
    return canary_bucket(str(connection_id)) < state.canary_percent


async def resolve_version(conn: Conn, platform: str, connection_id: str | None = None) -> str:
    state = await store_packs.current_state(conn, platform)
    if state is None:
        return default_version(platform)
    return state.canary_version if uses_canary(state, connection_id) else state.active_version


async def load_version(conn: Conn, platform: str, version: str) -> SelectorPack:
    """A pack version: the published content when published, else the file shipped on disk."""
    row = await store_packs.get_published(conn, platform, version)
    if row is None:
        return load_pack(pack_path(platform, version))
    pack = _parsed.get(row.content_sha256)
    if pack is None:
        if content_sha256(row.content) != row.content_sha256:
            raise InvalidInput(f"published pack {platform}/{version} does not match its sha256; republish it")
        pack = parse_pack_text(row.content, f"published pack {platform}/{version}")
        _parsed[row.content_sha256] = pack
    return pack


async def pack_for_scan(
    conn: Conn, platform: str, version: str | None = None, *, connection_id: str | None = None
) -> SelectorPack:
    """The pack for this scan: the version asked for, or the one the platform's activation gives
    this connection (the canary for a stable share of connections)."""
    return await load_version(conn, platform, version or await resolve_version(conn, platform, connection_id))


class PackState(msgspec.Struct, kw_only=True):
    platform: str
    active_version: str
    canary_version: str | None = None
    canary_percent: int = 0
    action: str = "default"  # activate | canary | rollback | default (never activated)
    by: str = ""
    at: Any = None


def state_from_row(platform: str, row: PackActivation | None) -> PackState:
    if row is None:
        return PackState(platform=platform, active_version=default_version(platform))
    return PackState(platform=platform, active_version=row.active_version, canary_version=row.canary_version,
                     canary_percent=row.canary_percent, action=row.action, by=row.created_by,
                     at=row.created_at)


async def current(conn: Conn, platform: str) -> PackState:
    return state_from_row(check_platform(platform), await store_packs.current_state(conn, platform))
