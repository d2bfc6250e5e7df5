"""The impact rules, in one place, and the change events they produce.

Settings (direction is measured against the pack's privacy-preferred value):
- ``toward``  the new value is the preferred one                         -> low
- ``away``    the old value was the preferred one, on weight >= 4         -> high
- ``away``    the same on a lighter weight (1-3)                          -> medium
- ``lateral`` between two non-preferred values (non-binary settings only) -> medium
Policies: a changed/added/removed section is medium; high when its heading is about data sharing,
partners, advertising, selling data or location (``HIGH_IMPACT_POLICY_WORDS``). An event made of
several sections takes the highest level among them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence

import msgspec

from analysis.changes import Direction, PolicyChange, SettingChange
from analysis.specs import SettingSpec
from core.types import ChangeEvent, ImpactLevel

HEAVY_WEIGHT = 4
HIGH_IMPACT_POLICY_WORDS = re.compile(
    r"\b(shar\w*|third[- ]part\w*|partner\w*|advertis\w*|ads?|sell\w*|sale|location\w*)\b", re.IGNORECASE
)
_RANK: dict[ImpactLevel, int] = {"low": 0, "medium": 1, "high": 2}


def direction(spec: SettingSpec, old: str, new: str) -> Direction:
    if new == spec.preferred:
        return "toward"
    if old == spec.preferred:
        return "away"
    return "lateral"


def setting_impact(spec: SettingSpec, moved: Direction) -> ImpactLevel:
    if moved == "toward":
        return "low"
    if moved == "away" and spec.weight >= HEAVY_WEIGHT:
        return "high"
    return "medium"


def policy_section_impact(heading: str) -> ImpactLevel:
    return "high" if HIGH_IMPACT_POLICY_WORDS.search(heading) else "medium"


def highest(levels: Iterable[ImpactLevel]) -> ImpactLevel:
    return max(levels, key=_RANK.__getitem__, default="low")


def _fingerprint(*parts: object) -> str:
    """Same change from the same baseline -> same fingerprint: jobs and emails dedupe on it."""
    return hashlib.sha256(msgspec.json.encode(parts)).hexdigest()[:32]


def to_change_events(
    user_id: str,
    platform: str,
    changes: Sequence[SettingChange | PolicyChange],
    file_path: str,
    previous_snapshot_id: str | None,
) -> list[ChangeEvent]:
    """One ``setting_changed`` event per setting; one ``policy_updated`` event per policy document."""
    events: list[ChangeEvent] = []
    by_policy: dict[str, list[PolicyChange]] = {}
    for change in changes:
        if isinstance(change, PolicyChange):
            by_policy.setdefault(change.policy_key, []).append(change)
            continue
        data = {
            "key": change.key,
            "label": change.label,
            "old": change.old,
            "new": change.new,
            "preferred": change.preferred,
            "weight": change.weight,
            "direction": change.direction,
            "pack_version": change.pack_version,
            "description": change.description,
            "where_url": change.where_url,
            "fingerprint": _fingerprint(
                user_id, platform, "setting_changed", change.key, change.old, change.new, previous_snapshot_id
            ),
        }
        events.append(ChangeEvent(
            user_id=user_id, platform=platform, change_type="setting_changed", change_data=data,
            impact_level=change.impact, r2_file_path=file_path, previous_snapshot_id=previous_snapshot_id,
        ))
    for policy_key, sections in by_policy.items():
        section_data = [
            {"heading": s.heading, "kind": s.kind, "excerpt": s.excerpt, "impact": s.impact} for s in sections
        ]
        data = {
            "policy_key": policy_key,
            "title": sections[0].title,
            "url": sections[0].url,
            "sections": section_data,
            "fingerprint": _fingerprint(user_id, platform, "policy_updated", policy_key, section_data,
                                        previous_snapshot_id),
        }
        events.append(ChangeEvent(
            user_id=user_id, platform=platform, change_type="policy_updated", change_data=data,
            impact_level=highest(s.impact for s in sections), r2_file_path=file_path,
            previous_snapshot_id=previous_snapshot_id,
        ))
    return events
