"""The dry-run core: read a few sessions with the platform's current pack and a candidate pack, side
by side, and store nothing but the audit trail (`loopwho packs dry-run`). Where the sessions come
from (recent live profiles, or a simulator the caller runs) is the caller's choice."""

from __future__ import annotations

from typing import Any

import msgspec

from core.crypto import key_ring_from_settings
from core.selector_pack import SelectorPack
from core.settings import Settings
from core.types import ScanRequest, ScanResult, SessionProfile
from packs.activation import pack_for_scan
from profiles.sealing import ProfileUnavailable, open_stored_profile
from scanner.pool import BrowserPool
from scanner.runner import run_scan
from store import audit
from store.packs import recent_live_profiles


class DrySubject(msgspec.Struct, kw_only=True):
    """One session to read: who it is (for the report), its connection (for the canary bucket)."""

    subject: str
    profile: SessionProfile
    connection_id: str | None = None
    user_id: str | None = None  # set when a user's session is used: it goes into their audit trail


class DrySample(msgspec.Struct, kw_only=True):
    subject: str
    current: ScanResult
    candidate: ScanResult


def confident_value(result: ScanResult, key: str) -> str | None:
    """The value a scan read for a setting, or None when missed or uncertain."""
    return next((r.value for r in result.readings if r.key == key and not r.uncertain), None)


def differing_keys(sample: DrySample, pack: SelectorPack) -> list[str]:
    return [s.key for s in pack.settings
            if confident_value(sample.current, s.key) != confident_value(sample.candidate, s.key)]


async def subjects_from_profiles(db: Any, settings: Settings, platform: str, sample: int) -> list[DrySubject]:
    """The most recently updated live profiles of the platform (a jar that no longer opens is skipped)."""
    keys = key_ring_from_settings(settings.encryption_keys, settings.is_production)
    found = []
    for row in await recent_live_profiles(db, platform, sample):
        try:
            profile = open_stored_profile(keys, row)
        except ProfileUnavailable:
            continue
        found.append(DrySubject(subject=f"user {row.user_id}", profile=profile,
                                connection_id=row.connection_id, user_id=row.user_id))
    return found


async def compare_packs(db: Any, pool: BrowserPool, candidate: SelectorPack, subjects: list[DrySubject], *,
                        actor: str, source: str, path: str) -> list[DrySample]:
    """Scan each subject with the pack its connection uses now and with ``candidate``; audit each
    session used and the dry run itself."""
    samples: list[DrySample] = []
    platform = candidate.platform
    for s in subjects:
        current = await pack_for_scan(db, platform, connection_id=s.connection_id)
        request = ScanRequest(platform=platform, profile=s.profile, connection_id=s.connection_id)
        samples.append(DrySample(subject=s.subject, current=await run_scan(pool, request, current),
                                 candidate=await run_scan(pool, request, candidate)))
        if s.user_id is not None:
            await audit.record(db, actor=actor, action="profile.used_for_dry_run", user_id=s.user_id,
                               subject=f"pack:{platform}/{candidate.version}")
    await audit.record(db, actor=actor, action="pack.dry_run", subject=f"pack:{platform}/{candidate.version}",
                       details={"path": path, "samples": len(samples), "source": source,
                                "candidate_ok": sum(x.candidate.status == "ok" for x in samples)})
    return samples
