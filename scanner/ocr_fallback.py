"""OCR step of the fallback chain: settings the DOM extractor missed, read from a screenshot.

Contract (the runner calls this after the DOM read of a page):
    async def read_missing(page, pack, page_key: str, missing_keys: list[str]) -> list[SettingReading]
returns one reading per missing key, method "ocr" (value None when OCR cannot read it either).
Every setting of the page with an ``ocr`` hint becomes a target, not only the missing ones: knowing all
labels lets the reader give each value to the nearest label on its row.
"""

from __future__ import annotations

import asyncio
import base64
import weakref

from playwright.async_api import CDPSession, Page
from playwright.async_api import Error as PlaywrightError

from core.logging import get_logger
from core.settings import get_settings
from core.types import SettingReading
from ocr import OcrReading, OcrTarget, read_settings
from scanner.packs import PackSetting, SelectorPack

log = get_logger(__name__)

# a sharper screenshot reads better than an upscaled one: ask Chromium for 2 device pixels per CSS px
OCR_DEVICE_SCALE = 2
# one DevTools session per page, kept for the page's life (see screenshot)
_cdp_sessions: weakref.WeakKeyDictionary[Page, CDPSession] = weakref.WeakKeyDictionary()


def target_for(setting: PackSetting) -> OcrTarget | None:
    """The OCR target of a pack setting; None when the pack gives no ``ocr`` hint for it."""
    if setting.ocr is None:
        return None
    toggle_values = {"on": setting.values.get("true", "on"), "off": setting.values.get("false", "off")}
    return OcrTarget(key=setting.key, labels=list(setting.labels), kind=setting.ocr.kind,
                     words=dict(setting.ocr.words), toggle_values=toggle_values)


async def _scroll_through(page: Page) -> None:
    """Scroll to the bottom a screen at a time so lazily rendered rows exist, then back to the top."""
    height = await page.evaluate("document.documentElement.scrollHeight")
    step = (page.viewport_size or {"height": 900})["height"]
    if height <= step:
        return
    for y in range(step, height, step):
        await page.evaluate("y => window.scrollTo(0, y)", y)
        await page.wait_for_timeout(30)
    await page.evaluate("window.scrollTo(0, 0)")


async def screenshot(page: Page) -> bytes:
    """A full-page PNG at 2 device pixels per CSS pixel where Chromium lets us (CDP: Playwright's own
    screenshot keeps the context's scale), else as the context renders it (the OCR reader then
    upscales it)."""
    await _scroll_through(page)
    ratio = await page.evaluate("window.devicePixelRatio")
    size = page.viewport_size
    if ratio >= OCR_DEVICE_SCALE or size is None:
        return await page.screenshot(full_page=True, animations="disabled", caret="hide")
    cdp = _cdp_sessions.get(page)
    if cdp is None:
        try:
            cdp = _cdp_sessions[page] = await page.context.new_cdp_session(page)
        except PlaywrightError:  # not Chromium, or a remote browser without CDP
            return await page.screenshot(full_page=True, animations="disabled", caret="hide")
    metrics = {"width": size["width"], "height": size["height"], "mobile": False}
    try:
        full = await page.evaluate("[document.documentElement.scrollWidth, document.documentElement.scrollHeight]")
        # a viewport as tall as the page at twice the scale: one capture holds every row
        await cdp.send("Emulation.setDeviceMetricsOverride", {
            **metrics, "height": max(size["height"], full[1]), "deviceScaleFactor": OCR_DEVICE_SCALE})
        await page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
        shot = await cdp.send("Page.captureScreenshot", {"format": "png"})
        return base64.b64decode(shot["data"])
    finally:
        # back to the context's own metrics; the session stays attached, because detaching it would
        # drop every override, the context's viewport included
        await cdp.send("Emulation.setDeviceMetricsOverride", {**metrics, "deviceScaleFactor": ratio})


def _reading(setting: PackSetting, found: OcrReading | None, pack: SelectorPack, url: str) -> SettingReading:
    if found is None:
        return SettingReading(key=setting.key, label=setting.label, value=None, method="ocr",
                              confidence=0.0, pack_version=pack.version, page_url=url, uncertain=True)
    return SettingReading(key=setting.key, label=found.label_found or setting.label, value=found.value,
                          method="ocr", confidence=found.confidence, pack_version=pack.version,
                          page_url=url, uncertain=found.uncertain or found.value is None)


async def read_missing(page: Page, pack: SelectorPack, page_key: str,
                       missing_keys: list[str]) -> list[SettingReading]:
    settings_here = pack.settings_on(page_key)
    targets = [t for t in (target_for(s) for s in settings_here) if t is not None]
    wanted = [s for s in settings_here if s.key in missing_keys]
    url = page.url.split("?")[0]
    found: dict[str, OcrReading] = {}
    if targets and any(s.ocr is not None for s in wanted):
        png = await screenshot(page)
        readings = await asyncio.to_thread(read_settings, png, targets)
        found = {r.key: r for r in readings}
        min_conf = get_settings().ocr_min_confidence
        for r in readings:
            if r.key in missing_keys:
                log.info("ocr reading", platform=pack.platform, key=r.key, value=r.value,
                         confidence=r.confidence, uncertain=r.uncertain or r.confidence < min_conf,
                         detail=r.detail)
    return [_reading(s, found.get(s.key), pack, url) for s in wanted]
