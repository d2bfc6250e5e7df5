"""Run the one JavaScript extractor (``extractor.js``) inside a Playwright page and turn its answer
into ``SettingReading``s. The extension runs the same file as a content script."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

from core.types import SettingReading
from scanner.packs import SelectorPack

EXTRACTOR_PATH = Path(__file__).with_name("extractor.js")


@functools.cache
def extractor_source() -> str:
    return EXTRACTOR_PATH.read_text(encoding="utf-8")


def _script() -> str:
    # defines globalThis.loopwhoExtract (once per document) and calls it
    return f"""([pack, pageKey]) => {{
        if (typeof globalThis.loopwhoExtract !== "function") {{ {extractor_source()} }}
        return globalThis.loopwhoExtract(pack, pageKey);
    }}"""


def to_readings(raw: list[dict[str, Any]], pack: SelectorPack, page_url: str) -> list[SettingReading]:
    readings = []
    for item in raw:
        value = item.get("value")
        readings.append(
            SettingReading(
                key=str(item["key"]),
                label=str(item.get("label") or ""),
                value=None if value is None else str(value),
                method="dom",
                confidence=float(item.get("confidence") or 0.0) if value is not None else 0.0,
                pack_version=pack.version,
                page_url=page_url,
            )
        )
    return readings


async def read_page(page: Any, pack: SelectorPack, page_key: str) -> list[SettingReading]:
    """Read every setting of ``page_key`` from the page as it is now (the caller navigated and
    waited for the page's ``ready`` selector). One reading per setting, value None when missed."""
    pack.page(page_key)  # an unknown page key is the caller's error: NotFound names it
    raw = await page.evaluate(_script(), [pack.to_builtins(), page_key])
    return to_readings(raw, pack, page.url)


async def read_page_details(page: Any, pack: SelectorPack, page_key: str) -> list[dict[str, Any]]:
    """The extractor's raw answer (with ``raw`` and ``found_by``), for pack validation and dry runs."""
    pack.page(page_key)
    return await page.evaluate(_script(), [pack.to_builtins(), page_key])


async def check_fixtures(page: Any, pack: SelectorPack, variants: list[str] | None = None) -> list[dict[str, Any]]:
    """Run the pack over its recorded fixture pages (see ``scanner.packs.fixture_cases``) in ``page``:
    one row per setting and fixture, ``outcome`` found / not_found / wrong_value."""
    from scanner.packs import fixture_cases

    rows: list[dict[str, Any]] = []
    for case in fixture_cases(pack, variants):
        await page.set_content(case.html_path.read_text(encoding="utf-8"))
        for item in await read_page_details(page, pack, case.page_key):
            want = case.expected.get(item["key"])
            got = item.get("value")
            outcome = "not_found" if got is None else ("found" if got == want else "wrong_value")
            rows.append(
                {
                    "variant": case.variant,
                    "page": case.page_key,
                    "key": item["key"],
                    "expected": want,
                    "value": got,
                    "outcome": outcome,
                    "found_by": item.get("found_by"),
                    "confidence": item.get("confidence", 0),
                }
            )
    return rows
