"""What an analyser sees: the settings of one snapshot and the changes since the last one.

Never the user's identity or session: only values, the pack's facts, and policy diff excerpts.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import msgspec

from analysis.changes import PolicyChange, SettingChange
from analysis.snapshot import SnapshotData


class SettingState(msgspec.Struct, kw_only=True, frozen=True):
    key: str
    label: str
    value: str | None
    confident: bool


class AnalysisInput(msgspec.Struct, kw_only=True, frozen=True):
    platform: str
    pack_version: str
    content_hash: str  # of the snapshot Markdown
    settings: list[SettingState]
    changes: list[SettingChange] = []
    policy_changes: list[PolicyChange] = []


def build_analysis_input(
    data: SnapshotData, snapshot_hash: str, changes: Sequence[SettingChange | PolicyChange] = ()
) -> AnalysisInput:
    return AnalysisInput(
        platform=data.platform,
        pack_version=data.pack_version,
        content_hash=snapshot_hash,
        settings=[
            SettingState(key=s.key, label=s.label, value=s.value, confident=s.confident)
            for s in data.settings.values()
        ],
        changes=[c for c in changes if isinstance(c, SettingChange)],
        policy_changes=[c for c in changes if isinstance(c, PolicyChange)],
    )


def cache_key(data: AnalysisInput, analyser: str) -> str:
    """The analysis cache key: the snapshot's content hash together with the changes being explained
    and who explains them. A retried job (same snapshot, same changes) finds its earlier answer."""
    digest = hashlib.sha256(msgspec.json.encode([analyser, data.changes, data.policy_changes])).hexdigest()
    return hashlib.sha256(f"{data.content_hash}:{digest}".encode()).hexdigest()
