"""Which selector pack a scan uses, and the facts about its settings that analysis needs."""

from __future__ import annotations

from analysis.specs import SettingSpec
from scanner.packs import SelectorPack, load_active_pack, load_pack, pack_path


def pack_for_scan(platform: str, version: str | None = None) -> SelectorPack:
    """The pack for this scan: the version asked for, or the platform's active one."""
    return load_pack(pack_path(platform, version)) if version else load_active_pack(platform)


def specs_from_pack(pack: SelectorPack) -> list[SettingSpec]:
    pages = {page.key: page.url for page in pack.pages}
    return [
        SettingSpec(
            key=s.key, label=s.label, value_space=tuple(s.value_space), preferred=s.preferred,
            weight=s.weight, description=s.description, where_url=pages.get(s.page, ""),
        )
        for s in pack.settings
    ]
