"""What analysis needs to know about each setting, taken from the selector pack by the jobs layer.

Analysis never imports the scanner; ``SettingSpec`` carries the pack's facts it uses.
"""

from __future__ import annotations

from collections.abc import Iterable

import msgspec


class SettingSpec(msgspec.Struct, kw_only=True, frozen=True):
    key: str
    label: str  # the pack's current label (the first of its labels)
    value_space: tuple[str, ...]
    preferred: str  # the privacy-preferred value
    weight: int = 3  # 1 (minor) .. 5 (heavy)
    description: str = ""
    where_url: str = ""  # the settings page where the user can change it

    @property
    def is_binary(self) -> bool:
        return len(self.value_space) <= 2


def specs_by_key(specs: Iterable[SettingSpec]) -> dict[str, SettingSpec]:
    return {spec.key: spec for spec in specs}
