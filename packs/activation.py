"""Which selector pack a scan uses, the facts about its settings that analysis needs, and the
operator's pack lifecycle: publish (immutable), activate (fully or as a canary), roll back.

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

from analysis.specs import SettingSpec
from core.errors import InvalidInput, NotFound
from core.types import PLATFORMS
from scanner.packs import SelectorPack, load_pack, pack_path, pack_versions, parse_pack_text
from store import audit
from store import packs as store_packs
from store.db import Conn

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


def uses_canary(state: dict[str, Any] | None, connection_id: str | None) -> bool:
    if not state or not state["canary_version"] or not connection_id:
        return False
    return canary_bucket(str(connection_id)) < state["canary_percent"]


async def resolve_version(conn: Conn, platform: str, connection_id: str | None = None) -> str:
    state = await store_packs.current_state(conn, platform)
    if state is None:
        return default_version(platform)
    return state["canary_version"] if uses_canary(state, connection_id) else state["active_version"]


async def load_version(conn: Conn, platform: str, version: str) -> SelectorPack:
    """A pack version: the published content when published, else the file shipped on disk."""
    row = await store_packs.get_published(conn, platform, version)
    if row is None:
        return load_pack(pack_path(platform, version))
    pack = _parsed.get(row["content_sha256"])
    if pack is None:
        if content_sha256(row["content"]) != row["content_sha256"]:
            raise InvalidInput(f"published pack {platform}/{version} does not match its sha256; republish it")
        pack = parse_pack_text(row["content"], f"published pack {platform}/{version}")
        _parsed[row["content_sha256"]] = pack
    return pack


async def pack_for_scan(
    conn: Conn, platform: str, version: str | None = None, *, connection_id: str | None = None
) -> SelectorPack:
    """The pack for this scan: the version asked for, or the one the platform's activation gives
    this connection (the canary for a stable share of connections)."""
    return await load_version(conn, platform, version or await resolve_version(conn, platform, connection_id))


def specs_from_pack(pack: SelectorPack) -> list[SettingSpec]:
    pages = {page.key: page.url for page in pack.pages}
    return [
        SettingSpec(
            key=s.key, label=s.label, value_space=tuple(s.value_space), preferred=s.preferred,
            weight=s.weight, description=s.description, where_url=pages.get(s.page, ""),
        )
        for s in pack.settings
    ]


# ---- operator lifecycle (CLI and API share it; every step lands in audit_log) --------------------

class Published(msgspec.Struct, kw_only=True):
    platform: str
    version: str
    content_sha256: str
    published_by: str
    created: bool  # False: the same content was published before (a no-op)


class PackState(msgspec.Struct, kw_only=True):
    platform: str
    active_version: str
    canary_version: str | None = None
    canary_percent: int = 0
    action: str = "default"  # activate | canary | rollback | default (never activated)
    by: str = ""
    at: Any = None


def _actor(by: str) -> str:
    by = (by or "").strip()
    if not by or len(by) > 80:
        raise InvalidInput("say who does this (--by NAME, at most 80 characters)")
    return by if ":" in by else f"operator:{by}"


def _state(platform: str, row: dict[str, Any] | None) -> PackState:
    if row is None:
        return PackState(platform=platform, active_version=default_version(platform))
    return PackState(platform=platform, active_version=row["active_version"], canary_version=row["canary_version"],
                     canary_percent=row["canary_percent"], action=row["action"], by=row["created_by"],
                     at=row["created_at"])


async def current(conn: Conn, platform: str) -> PackState:
    return _state(check_platform(platform), await store_packs.current_state(conn, platform))


async def publish_pack(conn: Conn, text: str, *, by: str, source: str = "pack") -> Published:
    """Store a pack's YAML as an immutable version (schema-checked first)."""
    actor = _actor(by)
    pack = parse_pack_text(text, source)
    check_platform(pack.platform)
    digest = content_sha256(text)
    subject = f"pack:{pack.platform}/{pack.version}"
    try:
        row, created = await store_packs.publish(conn, platform=pack.platform, version=pack.version, content=text,
                                                 content_sha256=digest, published_by=actor)
    except store_packs.PackVersionTaken:
        await audit.record(conn, actor=actor, action="pack.publish_refused", subject=subject,
                           details={"sha256": digest, "reason": "version already published with other content"})
        raise
    await audit.record(conn, actor=actor, action="pack.published" if created else "pack.publish_unchanged",
                       subject=subject, details={"sha256": digest})
    return Published(platform=pack.platform, version=pack.version, content_sha256=digest,
                     published_by=row["published_by"], created=created)


async def activate(
    conn: Any, platform: str, version: str, *, by: str, canary_percent: int | None = None
) -> PackState:
    """From the next scan on, all scans of the platform (or ``canary_percent`` of its connections)
    use ``version``. The version must be published."""
    actor = _actor(by)
    check_platform(platform)
    if canary_percent is not None and not 1 <= canary_percent <= 99:
        raise InvalidInput(f"--canary must be a percentage from 1 to 99, not {canary_percent} "
                           "(activate without --canary to switch every scan)")
    if await store_packs.get_published(conn, platform, version, with_content=False) is None:
        raise NotFound(f"{platform}/{version} is not published; run `loopwho packs publish PATH` first")
    async with conn.transaction():
        await store_packs.lock_platform(conn, platform)
        now = _state(platform, await store_packs.current_state(conn, platform))
        if canary_percent is None:
            action, active, canary, pct = "activate", version, None, 0
        else:
            if version == now.active_version:
                raise InvalidInput(f"{platform}/{version} is already the active version; a canary needs another one")
            action, active, canary, pct = "canary", now.active_version, version, canary_percent
        row = await store_packs.add_state(conn, platform=platform, action=action, active_version=active,
                                          canary_version=canary, canary_percent=pct, created_by=actor)
        await audit.record(conn, actor=actor, action=f"pack.{action}", subject=f"pack:{platform}/{version}",
                           details={"previous": msgspec.to_builtins(_brief(now)), "canary_percent": pct or None})
    return _state(platform, row)


async def rollback(conn: Any, platform: str, *, by: str) -> PackState:
    """Undo the last step: a running canary is cancelled; otherwise the previous active version
    (or the default pack) comes back. Repeated rollbacks walk further back."""
    actor = _actor(by)
    check_platform(platform)
    async with conn.transaction():
        await store_packs.lock_platform(conn, platform)
        now = _state(platform, await store_packs.current_state(conn, platform))
        steps = await store_packs.live_steps(conn, platform)  # newest first
        if not steps:
            raise InvalidInput(f"nothing to roll back: {platform} runs {now.active_version} and no activation "
                               "is left to undo")
        undone: list[dict[str, Any]] = []
        if now.canary_version:
            while steps and steps[0]["action"] == "canary":
                undone.append(steps.pop(0))
            back_to = now.active_version
        else:
            while steps and steps[0]["action"] == "canary":  # canaries before the activation we undo
                undone.append(steps.pop(0))
            if steps:
                undone.append(steps.pop(0))
            while steps and steps[0]["action"] == "canary":
                undone.append(steps.pop(0))
            earlier = next((s for s in steps if s["action"] == "activate"), None)
            back_to = earlier["active_version"] if earlier else default_version(platform)
        await store_packs.mark_reverted(conn, [s["id"] for s in undone])
        row = await store_packs.add_state(conn, platform=platform, action="rollback", active_version=back_to,
                                          canary_version=None, canary_percent=0, created_by=actor)
        await audit.record(conn, actor=actor, action="pack.rollback", subject=f"pack:{platform}/{back_to}",
                           details={"previous": msgspec.to_builtins(_brief(now)), "active_version": back_to,
                                    "undone_steps": [s["id"] for s in undone]})
    return _state(platform, row)


def _brief(state: PackState) -> dict[str, Any]:
    return {"active_version": state.active_version, "canary_version": state.canary_version,
            "canary_percent": state.canary_percent}
