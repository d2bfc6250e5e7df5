"""Run the one JavaScript extractor (``extractor.js``) inside a Playwright page and turn its answer
into ``SettingReading``s. The extension runs the same file as a content script.

``read_page`` reads the page as it is now; ``read_page_settled`` waits the extractor's way first
(every setting's label there, a quiet DOM, collapsed sections opened, lazy and virtualized rows
scrolled into being) and says which settings were shown twice with different values."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import msgspec
from playwright.async_api import Error as PlaywrightError

from core.selector_pack import SelectorPack
from core.types import SettingReading
from scanner import accessibility
from scanner.settle import NetworkWatch

# a page is read again when data was still arriving after the extractor found it quiet; this often at most
MAX_REREADS = 2
# a reading this confident is one a later read that cannot see the setting keeps (the scanner's default
# reading_min_confidence)
SURE = 0.8
# a page that navigates by script while it is read (a redirect to its new address) is followed this often
MAX_NAVIGATIONS = 3

EXTRACTOR_PATH = Path(__file__).with_name("extractor.js")


@functools.cache
def extractor_source() -> str:
    return EXTRACTOR_PATH.read_text(encoding="utf-8")


@functools.cache
def _script(call: str = "loopwhoExtract(pack, pageKey)") -> str:
    # defines the extractor's globals (once per document) and calls one of them; the pack arrives as
    # one JSON string (see _pack_json)
    return f"""([packJson, pageKey, options]) => {{
        if (typeof globalThis.loopwhoRead !== "function") {{ {extractor_source()} }}
        const pack = JSON.parse(packJson);
        return globalThis.{call};
    }}"""


# pack object -> its JSON, made once: Playwright would otherwise walk the whole pack as a nested value
# on every read, in Python and again in its driver
_PACK_JSON: dict[tuple[str, str], tuple[SelectorPack, str]] = {}


def _pack_json(pack: SelectorPack) -> str:
    key = (pack.platform, pack.version)
    cached = _PACK_JSON.get(key)
    if cached is None or cached[0] is not pack:  # another object of the same version: an edited pack
        if len(_PACK_JSON) > 64:
            _PACK_JSON.clear()
        cached = _PACK_JSON[key] = (pack, pack.to_json())
    return cached[1]


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
    raw = await page.evaluate(_script(), [_pack_json(pack), page_key, None])
    return to_readings(raw, pack, page.url)


async def read_page_settled(
    page: Any, pack: SelectorPack, page_key: str, *, timeout_ms: int, quiet_ms: int,
    network: NetworkWatch | None = None, on_navigation: Callable[[str], None] | None = None,
) -> PageReading:
    """Wait for the page's settings and read them (see extractor.js ``loopwhoRead``). With the page's
    ``network`` watch (made before the page loaded), a read after which data was still arriving is
    done again once the network is idle: a page that draws its defaults first and the account's
    state when its request returns is read with the state. A page that navigates by script while it
    is read is followed (``on_navigation`` sees each new URL first and may raise to stop: a sign-in
    wall), and read at its new address. Settings the DOM left unread get a second look through the
    browser's accessibility tree (``scanner.accessibility``)."""
    pack.page(page_key)
    deadline = time.monotonic() + timeout_ms / 1000
    reading = await _read_following(page, pack, page_key, deadline, quiet_ms, on_navigation)
    for _ in range(MAX_REREADS):
        settled_at = time.monotonic() - reading.quiet_ms / 1000
        if network is None or not network.busy_since(settled_at + 0.001) or time.monotonic() >= deadline:
            break
        await network.idle(quiet_ms / 1000, deadline)
        url = page.url
        earlier = reading
        reading = await _read_following(page, pack, page_key, deadline, quiet_ms, on_navigation)
        if page.url == url:
            reading = _keep_earlier_reads(earlier, reading)
    reading = await _with_other_origin_frames(page, pack, page_key, reading)
    return await _with_accessibility_tree(page, pack, page_key, reading)


def _every_setting_read(reading: PageReading) -> bool:
    """Every setting of the page read, or found in conflict (``PageReading.complete``)."""
    return all(r.value is not None or r.key in reading.conflicts for r in reading.readings)


def _keep_earlier_reads(earlier: PageReading, later: PageReading) -> PageReading:
    """A read again (data arrived after the first) that cannot see a setting the first read was sure
    of keeps that reading: the first read opened a tab or a panel since closed, so the setting is out
    of sight, not gone. What the later read did see, it decides."""
    sure = {r.key: r for r in earlier.readings
            if r.value is not None and r.confidence >= SURE and r.key not in earlier.conflicts}
    unseen = {r.key for r in later.readings if r.value is None and r.key not in later.conflicts}
    if not sure.keys() & unseen:
        return later
    later.readings = [sure[r.key] if r.key in unseen and r.key in sure else r for r in later.readings]
    later.complete = _every_setting_read(later)
    return later


async def _read_following(page: Any, pack: SelectorPack, page_key: str, deadline: float, quiet_ms: int,
                          on_navigation: Callable[[str], None] | None) -> PageReading:
    """One settled read; when the page navigates away during it, the read starts over on the new
    document (within the same deadline)."""
    for _ in range(MAX_NAVIGATIONS):
        remaining_ms = int((deadline - time.monotonic()) * 1000)
        try:
            return await _read_settled_once(page, pack, page_key, max(remaining_ms, 0), quiet_ms)
        except PlaywrightError as exc:
            if not navigated_away(exc):
                raise
        await page.wait_for_load_state("domcontentloaded")
        if on_navigation is not None:
            on_navigation(page.url)
    raise PlaywrightError(f"the page kept navigating while it was read (last at {page.url.split('?')[0]})")


def navigated_away(exc: BaseException) -> bool:
    """Did a read fail because the page navigated (its document, and the read, went away)?"""
    text = str(exc)
    return "Execution context was destroyed" in text or "navigation" in text.lower()


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


async def _with_other_origin_frames(page: Any, pack: SelectorPack, page_key: str, reading: PageReading
                                    ) -> PageReading:
    """Settings still unread may sit in a shown iframe from another origin (or an <embed>'s document),
    which the extractor in the page cannot enter (the browser keeps origins apart) but the driver
    can: each such frame is read by the same extractor, for the unread settings only (frames that
    disagree: a conflict)."""
    unread = {r.key for r in reading.readings if r.value is None and r.key not in reading.conflicts}
    found: dict[str, list[SettingReading]] = {}
    for frame in page.frames if unread else []:
        parent = frame.parent_frame
        if parent is None or not frame.url.startswith("http"):
            continue
        try:
            element = await frame.frame_element()
            # a frame of its parent's origin is read by the extractor running in that parent, except
            # an <embed>'s document, which scripts in the parent cannot reach
            if _origin(frame.url) == _origin(parent.url) and await element.evaluate("e => e.tagName") != "EMBED":
                continue
            if not await element.is_visible():
                continue
            # read as it is now: the page's own settled read has given the frame its time to load
            raw = await frame.evaluate(_script(), [_pack_json(pack), page_key, None])
        except PlaywrightError:  # the frame went away meanwhile
            continue
        for r in to_readings(raw, pack, frame.url):
            if r.key in unread and r.value is not None:
                found.setdefault(r.key, []).append(r)
    for key, readings in found.items():
        if len({r.value for r in readings}) > 1:
            reading.conflicts[key] = " | ".join(sorted({str(r.value) for r in readings}))
    by_key = {key: readings[0] for key, readings in found.items() if key not in reading.conflicts}
    if found:
        reading.readings = [by_key.get(r.key, r) for r in reading.readings]
        reading.complete = _every_setting_read(reading)
    return reading


async def _with_accessibility_tree(page: Any, pack: SelectorPack, page_key: str, reading: PageReading
                                   ) -> PageReading:
    unread = [r.key for r in reading.readings if r.value is None and r.key not in reading.conflicts]
    if not unread:
        return reading
    found, conflicts = await accessibility.read_unread(page, pack.settings_on(page_key), unread, pack.version)
    by_key = {r.key: r for r in found}
    reading.readings = [by_key.get(r.key, r) for r in reading.readings]
    reading.conflicts.update(conflicts)
    reading.complete = _every_setting_read(reading)
    return reading


async def _read_settled_once(page: Any, pack: SelectorPack, page_key: str, timeout_ms: int,
                             quiet_ms: int) -> PageReading:
    options = {"timeoutMs": max(0, timeout_ms), "quietMs": quiet_ms}
    answer = await page.evaluate(_settled_script(), [_pack_json(pack), page_key, options])
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
    return await page.evaluate(_script(), [_pack_json(pack), page_key, None])
