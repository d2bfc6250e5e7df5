"""The facts about a pack's settings that analysis needs (label, value space, preferred value,
weight, where to change it)."""

from __future__ import annotations

from analysis.specs import SettingSpec
from core.selector_pack import SelectorPack


def specs_from_pack(pack: SelectorPack) -> list[SettingSpec]:
    pages = {page.key: page.url for page in pack.pages}
    return [
        SettingSpec(
            key=s.key, label=s.label, value_space=tuple(s.value_space), preferred=s.preferred,
            weight=s.weight, description=s.description, where_url=pages.get(s.page, ""),
        )
        for s in pack.settings
    ]
