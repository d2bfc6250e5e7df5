"""Setting-level and policy-section diffs between two snapshots.

Settings are compared by key only (a new pack version with the same values raises nothing), and
only when both readings are confident: a value, not marked uncertain, inside the pack's value space.
A setting the current pack no longer lists is ignored. Policies are compared section by section,
ignoring whitespace-only edits, and only when the document was read fine on both sides.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Protocol

from analysis.changes import PolicyChange, SectionChangeKind, SettingChange
from analysis.impact import direction, policy_section_impact, setting_impact
from analysis.snapshot import PolicySnapshot, SnapshotData
from analysis.specs import SettingSpec

DEFAULT_EXCERPT_LINES = 12


class ReadingLike(Protocol):
    """``core.types.SettingReading`` and ``analysis.snapshot.SnapshotSetting`` both fit."""

    @property
    def value(self) -> str | None: ...

    @property
    def uncertain(self) -> bool: ...

    @property
    def label(self) -> str: ...


def _confident(reading: ReadingLike | None, spec: SettingSpec) -> str | None:
    if reading is None or reading.uncertain or reading.value is None:
        return None
    return reading.value if reading.value in spec.value_space else None


def diff_settings(
    old: Mapping[str, ReadingLike],
    new: Mapping[str, ReadingLike],
    specs: Iterable[SettingSpec],
    *,
    pack_version: str = "",
) -> list[SettingChange]:
    """Settings whose confident value differs between ``old`` and ``new``, sorted by key."""
    changes: list[SettingChange] = []
    for spec in sorted(specs, key=lambda s: s.key):
        before = _confident(old.get(spec.key), spec)
        after = _confident(new.get(spec.key), spec)
        if before is None or after is None or before == after:
            continue
        moved = direction(spec, before, after)
        reading = new[spec.key]
        changes.append(SettingChange(
            key=spec.key,
            label=reading.label or spec.label,
            old=before,
            new=after,
            preferred=spec.preferred,
            weight=spec.weight,
            direction=moved,
            impact=setting_impact(spec, moved),
            pack_version=pack_version or getattr(reading, "pack_version", ""),
            description=spec.description,
            where_url=spec.where_url,
        ))
    return changes


def _normalised(text: str) -> str:
    return " ".join(text.split())


def _excerpt(old: str, new: str, max_lines: int) -> str:
    lines = [
        line for line in difflib.unified_diff(old.splitlines(), new.splitlines(), lineterm="", n=1)
        if not line.startswith(("---", "+++"))
    ]
    if len(lines) > max_lines:
        lines = [*lines[:max_lines], f"... ({len(lines) - max_lines} more lines)"]
    return "\n".join(lines)


def diff_policies(
    old: Mapping[str, PolicySnapshot],
    new: Mapping[str, PolicySnapshot],
    *,
    excerpt_lines: int = DEFAULT_EXCERPT_LINES,
) -> list[PolicyChange]:
    """Changed, added and removed sections of each policy read fine (status ok, sections) on both sides."""
    changes: list[PolicyChange] = []
    for key in sorted(old.keys() & new.keys()):
        before, after = old[key], new[key]
        if before.status != "ok" or after.status != "ok" or not before.sections or not after.sections:
            continue
        for heading in sorted(before.sections.keys() | after.sections.keys()):
            old_text, new_text = before.sections.get(heading), after.sections.get(heading)
            if old_text == new_text:
                continue  # the common case, and much cheaper than normalising whitespace
            kind: SectionChangeKind
            if old_text is None:
                kind, excerpt = "added", _excerpt("", new_text or "", excerpt_lines)
            elif new_text is None:
                kind, excerpt = "removed", _excerpt(old_text, "", excerpt_lines)
            elif _normalised(old_text) != _normalised(new_text):
                kind, excerpt = "changed", _excerpt(old_text, new_text, excerpt_lines)
            else:
                continue
            changes.append(PolicyChange(
                policy_key=key, title=after.title or before.title, url=after.url or before.url,
                heading=heading, kind=kind, excerpt=excerpt, impact=policy_section_impact(heading),
            ))
    return changes


def diff_snapshots(
    old: SnapshotData,
    new: SnapshotData,
    specs: Iterable[SettingSpec],
    *,
    excerpt_lines: int = DEFAULT_EXCERPT_LINES,
) -> list[SettingChange | PolicyChange]:
    """Every change between two snapshots; none unless both scans finished ``ok`` (a degraded scan
    neither raises changes nor serves as a baseline)."""
    if old.status != "ok" or new.status != "ok":
        return []
    found: list[SettingChange | PolicyChange] = []
    found += diff_settings(old.settings, new.settings, specs, pack_version=new.pack_version)
    found += diff_policies(old.policies, new.policies, excerpt_lines=excerpt_lines)
    return found
