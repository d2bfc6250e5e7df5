"""Pack health: after each processed scan, how each setting was read (DOM found / OCR needed /
missed) is recorded for the pack version; the platform turns ``degraded`` when a setting's DOM hit
rate over the last ``pack_health_window`` scans of a version in use falls below
``pack_health_min_dom_hit_rate`` (a redesign), and ``ok`` again when every version in use reads well.

While a platform is degraded its scans are never diffed (an OCR-read or half-read scan during a
redesign must not raise a change): a scan that came back ``ok`` is held back as ``partial``, so it is
kept for the record but is not a baseline either. Operators hear of a degradation once per episode:
a log line and a health entry always, an e-mail to every operator when a mailer is configured.
"""

from __future__ import annotations

import asyncio
from typing import Any

import msgspec

from core.errors import LoopwhoError, NotFound
from core.logging import get_logger
from core.settings import Settings
from core.types import ScanResult
from notify.mailer import Mailer, idempotency_key
from notify.templates import render_pack_degraded_email
from packs import activation
from packs.loading import pack_versions, selectors_dir
from store import audit
from store import pack_health as store_health
from store import packs as store_packs
from store.db import Conn
from store.pack_health import PackHealthState

log = get_logger(__name__)

HELD_BACK = "held back from diffing: the {platform} selector pack is degraded ({reason})"


class SettingHealth(msgspec.Struct, kw_only=True):
    key: str
    scans: int = 0
    dom: int = 0
    ocr: int = 0
    missed: int = 0

    @property
    def dom_rate(self) -> float:
        return self.dom / self.scans if self.scans else 0.0


class VersionHealth(msgspec.Struct, kw_only=True):
    platform: str
    version: str
    scans: int
    settings: list[SettingHealth]

    def to_builtins(self) -> dict[str, Any]:
        return {"platform": self.platform, "version": self.version, "scans": self.scans,
                "settings": {s.key: {"scans": s.scans, "dom": s.dom, "ocr": s.ocr, "missed": s.missed,
                                     "dom_rate": round(s.dom_rate, 3)} for s in self.settings}}


def scan_outcomes(setting_keys: list[str], result: ScanResult) -> dict[str, str]:
    """dom | ocr | missed per setting of the pack (a reading without a value is a miss)."""
    read = {r.key: r for r in result.readings if r.value is not None}
    outcomes = {}
    for key in setting_keys:
        reading = read.get(key)
        outcomes[key] = "missed" if reading is None else ("ocr" if reading.method == "ocr" else "dom")
    return outcomes


async def version_health(conn: Conn, platform: str, version: str, window: int) -> VersionHealth:
    rows = await store_health.recent_outcomes(conn, platform, version, window)
    per_key: dict[str, SettingHealth] = {}
    for outcomes in rows:
        for key, outcome in outcomes.items():
            h = per_key.setdefault(key, SettingHealth(key=key))
            h.scans += 1
            setattr(h, outcome, getattr(h, outcome) + 1)
    return VersionHealth(platform=platform, version=version, scans=len(rows),
                         settings=sorted(per_key.values(), key=lambda h: h.key))


async def versions_in_use(conn: Conn, platform: str) -> list[str]:
    state = await activation.current(conn, platform)
    return [state.active_version] + ([state.canary_version] if state.canary_version else [])


def _low(h: VersionHealth, s: Settings) -> list[SettingHealth]:
    return [x for x in h.settings if x.dom_rate < s.pack_health_min_dom_hit_rate]


def _reason(h: VersionHealth, low: list[SettingHealth], s: Settings) -> str:
    shown = ", ".join(f"{x.key} {x.dom_rate:.0%} ({x.dom} of {x.scans} by DOM, {x.ocr} by OCR, {x.missed} missed)"
                      for x in low[:6])
    return (f"pack {h.version}: DOM hit rate below {s.pack_health_min_dom_hit_rate:.0%} over the last "
            f"{h.scans} scans: {shown}")


async def evaluate_platform(db: Any, platform: str, settings: Settings, mailer: Mailer | None = None
                            ) -> PackHealthState:
    """Decide the platform's health from the versions in use; returns the state row. A change of
    state is audited and logged; a new degradation also e-mails the operators (once)."""
    async with db.acquire() as conn, conn.transaction():
        before = await store_health.lock_state(conn, platform)
        failing: list[tuple[VersionHealth, list[SettingHealth]]] = []
        all_good = True
        for version in await versions_in_use(conn, platform):
            h = await version_health(conn, platform, version, settings.pack_health_window)
            low = _low(h, settings)
            if h.scans == 0 or low:
                all_good = False
            if low and h.scans >= settings.pack_health_min_scans:
                failing.append((h, low))
        after = before
        if before.state == "ok" and failing:
            h, low = failing[0]
            after = await store_health.set_state(conn, platform, "degraded", reason=_reason(h, low, settings),
                                                 pack_version=h.version)
            await audit.record(conn, actor="system", action="pack.health_degraded",
                               subject=f"pack:{platform}/{h.version}", details={"reason": after.reason})
        elif before.state == "degraded" and all_good:
            versions = ", ".join(await versions_in_use(conn, platform))
            after = await store_health.set_state(
                conn, platform, "ok", reason=f"pack {versions} reads every setting by DOM again", pack_version=None)
            await audit.record(conn, actor="system", action="pack.health_recovered",
                               subject=f"pack:{platform}/{versions}", details={"reason": after.reason})
    if after.state != before.state:
        if after.state == "degraded":
            log.warning("selector pack degraded", platform=platform, reason=after.reason)
        else:
            log.info("selector pack healthy again", platform=platform, reason=after.reason)
    if after.state == "degraded" and after.operators_notified_at is None:
        await _tell_operators(db, after, settings, mailer)
    return after


async def _tell_operators(db: Any, state: PackHealthState, settings: Settings, mailer: Mailer | None) -> None:
    if mailer is None:
        return  # a process with a mailer (the workers) tells them; the log line and health entry stand
    if not await store_health.mark_operators_notified(db, state.platform, state.since):
        return  # another worker told them about this episode
    operators = await store_health.operators(db)
    if not operators:
        log.warning("no operator to e-mail about a degraded selector pack", platform=state.platform)
        return
    email = render_pack_degraded_email(state.platform, state.since, state.reason, settings.public_url)
    for op in operators:
        key = idempotency_key("pack-degraded", op.id, state.platform, state.since.isoformat())
        try:
            await asyncio.to_thread(mailer.send, op.email, email, key, {"kind": "pack_degraded"})
        except LoopwhoError as exc:  # the health entry and the log stand; a mail outage must not fail scans
            log.error("could not e-mail an operator about a degraded pack", platform=state.platform,
                      error=str(exc))


async def record_pack_health(db: Any, settings: Settings, mailer: Mailer | None, job_id: str, platform: str,
                             result: ScanResult) -> ScanResult:
    """Record how the scan's pack read each setting and re-check the platform's health. Returns the
    result to process: an ``ok`` scan of a degraded platform comes back as ``partial`` (held back)."""
    if result.status in ("reauth_required", "verification_required") or not result.pack_version:
        return result  # no page of the pack was read: says nothing about the pack
    try:
        keys = [s.key for s in (await activation.load_version(db, platform, result.pack_version)).settings]
    except NotFound:
        keys = [r.key for r in result.readings] + [k for k in result.uncertain_keys]
    await store_health.record_scan(db, platform=platform, pack_version=result.pack_version,
                                   outcomes=scan_outcomes(keys, result), scan_job_id=job_id,
                                   scanned_at=result.started_at)
    state = await evaluate_platform(db, platform, settings, mailer)
    if state.state != "degraded" or result.status != "ok":
        return result
    note = HELD_BACK.format(platform=platform, reason=f"since {state.since:%Y-%m-%d %H:%M}")
    log.info("scan held back from diffing", job_id=job_id, platform=platform)
    return msgspec.structs.replace(result, status="partial", errors=[*result.errors, note])


async def platform_health(db: Any, platform: str, settings: Settings) -> dict[str, Any]:
    """What `loopwho packs health` shows for one platform: state and per-version hit rates."""
    state = await store_health.get_state(db, platform) or PackHealthState(
        platform=platform, state="ok", since=None, reason="no scan recorded yet", pack_version=None,
        operators_notified_at=None)
    seen = [v.pack_version for v in await store_health.versions_seen(db, platform)]
    in_use = await versions_in_use(db, platform)
    versions = sorted(set(seen) | set(in_use), key=lambda v: (v not in in_use, v))
    rates = [await version_health(db, platform, v, settings.pack_health_window) for v in versions]
    return {"platform": platform, "state": state.state, "since": state.since, "reason": state.reason,
            "degraded_version": state.pack_version, "in_use": in_use,
            "versions": [r.to_builtins() for r in rates]}


async def packs_overview(db: Any, settings: Settings, platforms: list[str]) -> list[dict[str, Any]]:
    """What `loopwho packs list` shows: per platform the versions on disk and published, the active
    and canary versions, and each version's DOM hit rate over its recent scans."""
    out = []
    published = await store_packs.list_published(db)
    for platform in platforms:
        state = await activation.current(db, platform)
        drafts = sorted(p.stem for p in (selectors_dir() / platform / "drafts").glob("*.yaml"))
        mine = [p for p in published if p.platform == platform]
        versions = {v.pack_version for v in await store_health.versions_seen(db, platform)}
        versions |= {p.version for p in mine} | {state.active_version}
        rates = {}
        for version in sorted(versions):
            h = await version_health(db, platform, version, settings.pack_health_window)
            total = sum(s.scans for s in h.settings)
            weakest = min(h.settings, key=lambda s: s.dom_rate) if total else None
            rates[version] = {"scans": h.scans, "dom_rate": round(sum(s.dom for s in h.settings) / total, 3)
                              if total else None,
                              "lowest": weakest.key if weakest and weakest.dom_rate < 1 else None}
        out.append({
            "platform": platform, "on_disk": pack_versions(platform), "drafts": drafts,
            "default_version": activation.default_version(platform),
            "published": [{"version": p.version, "sha256": p.content_sha256, "by": p.published_by,
                           "at": p.published_at} for p in mine],
            "active_version": state.active_version, "canary_version": state.canary_version,
            "canary_percent": state.canary_percent, "last_step": state.action, "hit_rates": rates,
        })
    return out
