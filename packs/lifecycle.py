"""The operator's pack lifecycle: publish (immutable), activate (fully or as a canary), roll back.
The CLI and the API share it; every step lands in audit_log."""

from __future__ import annotations

from typing import Any

import msgspec

from core.errors import InvalidInput, NotFound
from packs.activation import PackState, check_platform, content_sha256, default_version, state_from_row
from packs.loading import parse_pack_text
from store import audit
from store import packs as store_packs
from store.db import Conn
from store.packs import PackActivation


class Published(msgspec.Struct, kw_only=True):
    platform: str
    version: str
    content_sha256: str
    published_by: str
    created: bool  # False: the same content was published before (a no-op)


def _actor(by: str) -> str:
    by = (by or "").strip()
    if not by or len(by) > 80:
        raise InvalidInput("say who does this (--by NAME, at most 80 characters)")
    return by if ":" in by else f"operator:{by}"


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
                     published_by=row.published_by, created=created)


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
        now = state_from_row(platform, await store_packs.current_state(conn, platform))
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
    return state_from_row(platform, row)


async def rollback(conn: Any, platform: str, *, by: str) -> PackState:
    """Undo the last step: a running canary is cancelled; otherwise the previous active version
    (or the default pack) comes back. Repeated rollbacks walk further back."""
    actor = _actor(by)
    check_platform(platform)
    async with conn.transaction():
        await store_packs.lock_platform(conn, platform)
        now = state_from_row(platform, await store_packs.current_state(conn, platform))
        steps = await store_packs.live_steps(conn, platform)  # newest first
        if not steps:
            raise InvalidInput(f"nothing to roll back: {platform} runs {now.active_version} and no activation "
                               "is left to undo")
        undone: list[PackActivation] = []
        if now.canary_version:
            while steps and steps[0].action == "canary":
                undone.append(steps.pop(0))
            back_to = now.active_version
        else:
            while steps and steps[0].action == "canary":  # canaries before the activation we undo
                undone.append(steps.pop(0))
            if steps:
                undone.append(steps.pop(0))
            while steps and steps[0].action == "canary":
                undone.append(steps.pop(0))
            earlier = next((s for s in steps if s.action == "activate"), None)
            back_to = earlier.active_version if earlier else default_version(platform)
        await store_packs.mark_reverted(conn, [s.id for s in undone])
        row = await store_packs.add_state(conn, platform=platform, action="rollback", active_version=back_to,
                                          canary_version=None, canary_percent=0, created_by=actor)
        await audit.record(conn, actor=actor, action="pack.rollback", subject=f"pack:{platform}/{back_to}",
                           details={"previous": msgspec.to_builtins(_brief(now)), "active_version": back_to,
                                    "undone_steps": [s.id for s in undone]})
    return state_from_row(platform, row)


def _brief(state: PackState) -> dict[str, Any]:
    return {"active_version": state.active_version, "canary_version": state.canary_version,
            "canary_percent": state.canary_percent}
