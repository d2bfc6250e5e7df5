"""Run the one JavaScript extractor (``extractor.js``) inside a Playwright page and turn its answer
into ``SettingReading``s. The extension runs the same file as a content script.

``read_page`` reads the page as it is now; ``read_page_settled`` waits the extractor's way first
(every setting's label there, a quiet DOM, collapsed sections opened, lazy and virtualized rows
scrolled into being) and says which settings were shown twice with different values."""

from __future__ import annotations

import functools
import time
from pathlib import Path
from typing import Any

import msgspec

from core.selector_pack import SelectorPack
from core.types import SettingReading
from scanner.settle import NetworkWatch

# a page is read again when data was still arriving after the extractor found it quiet; this often at most
MAX_REREADS = 2

EXTRACTOR_PATH = Path(__file__).with_name("extractor.js")


@functools.cache
def extractor_source() -> str:
    return EXTRACTOR_PATH.read_text(encoding="utf-8")


def _script(call: str = "loopwhoExtract(pack, pageKey)") -> str:
    # defines the extractor's globals (once per document) and calls one of them
    return f"""([pack, pageKey, options]) => {{
        if (typeof globalThis.loopwhoRead !== "function") {{ {extractor_source()} }}
        return globalThis.{call};
    }}"""


@functools.cache
def _settled_script() -> str:
    return _script("loopwhoRead(pack, pageKey, options)")


class PageReading(msgspec.Struct, kw_only=True):
    """What one settled read of a page gave."""

    readings: list[SettingReading]
    conflicts: dict[str, str]  # setting key -> the disagreeing values as shown ("on | off")
    complete: bool  # every setting of the page read (or found in conflict)
    waited_ms: int  # from the call to the last pass
    quiet_ms: int  # how long the DOM had been still when the extractor returned
    passes: int


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
    raw = await page.evaluate(_script(), [pack.to_builtins(), page_key, None])
    return to_readings(raw, pack, page.url)


async def read_page_settled(
    page: Any, pack: SelectorPack, page_key: str, *, timeout_ms: int, quiet_ms: int,
    network: NetworkWatch | None = None,
) -> PageReading:
    """Wait for the page's settings and read them (see extractor.js ``loopwhoRead``). With the page's
    ``network`` watch (made before the page loaded), a read after which data was still arriving is
    done again once the network is idle: a page that draws its defaults first and the account's
    state when its request returns is read with the state."""
    pack.page(page_key)
    deadline = time.monotonic() + timeout_ms / 1000
    reading = await _read_settled_once(page, pack, page_key, timeout_ms, quiet_ms)
    for _ in range(MAX_REREADS):
        settled_at = time.monotonic() - reading.quiet_ms / 1000
        if network is None or not network.busy_since(settled_at + 0.001) or time.monotonic() >= deadline:
            break
        await network.idle(quiet_ms / 1000, deadline)
        remaining_ms = int((deadline - time.monotonic()) * 1000)
        reading = await _read_settled_once(page, pack, page_key, max(remaining_ms, 0), quiet_ms)
    return reading


async def _read_settled_once(page: Any, pack: SelectorPack, page_key: str, timeout_ms: int,
                             quiet_ms: int) -> PageReading:
    options = {"timeoutMs": max(0, timeout_ms), "quietMs": quiet_ms}
    answer = await page.evaluate(_settled_script(), [pack.to_builtins(), page_key, options])
    raw = answer["readings"]
    return PageReading(
        readings=to_readings(raw, pack, page.url),
        conflicts={str(r["key"]): str(r.get("raw") or "") for r in raw if r.get("conflict")},
        complete=bool(answer.get("ready")),
        waited_ms=int(answer.get("waited_ms") or 0),
        quiet_ms=int(answer.get("quiet_ms") or 0),
        passes=int(answer.get("passes") or 0),
    )


async def read_page_details(page: Any, pack: SelectorPack, page_key: str) -> list[dict[str, Any]]:
    """The extractor's raw answer (with ``raw`` and ``found_by``), for pack validation and dry runs."""
    pack.page(page_key)
    return await page.evaluate(_script(), [pack.to_builtins(), page_key, None])
