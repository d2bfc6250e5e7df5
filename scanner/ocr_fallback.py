"""OCR step of the fallback chain: settings the DOM extractor missed, read from a screenshot.

Contract (the runner calls this after the DOM read of a page):
    async def read_missing(page, pack, page_key: str, missing_keys: list[str]) -> list[SettingReading]
returns one reading per missing key, method "ocr" (value None when OCR cannot read it either).
Placeholder until the OCR room lands: reports each missing key as unread.
"""

from __future__ import annotations

from typing import Any

from core.types import SettingReading


async def read_missing(page: Any, pack: Any, page_key: str, missing_keys: list[str]) -> list[SettingReading]:
    return [SettingReading(key=k, label="", value=None, method="ocr", confidence=0.0, uncertain=True)
            for k in missing_keys]
