"""What a diff finds: one setting that moved, or one policy section that changed."""

from __future__ import annotations

from typing import Literal

import msgspec

from core.types import ImpactLevel

Direction = Literal["toward", "away", "lateral"]  # relative to the privacy-preferred value
SectionChangeKind = Literal["changed", "added", "removed"]


class SettingChange(msgspec.Struct, kw_only=True, frozen=True):
    key: str
    label: str
    old: str
    new: str
    preferred: str
    weight: int
    direction: Direction
    impact: ImpactLevel
    pack_version: str = ""
    description: str = ""
    where_url: str = ""


class PolicyChange(msgspec.Struct, kw_only=True, frozen=True):
    policy_key: str
    title: str
    url: str
    heading: str
    kind: SectionChangeKind
    excerpt: str  # a few lines of unified diff
    impact: ImpactLevel
