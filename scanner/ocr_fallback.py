"""OCR step of the fallback chain: settings the DOM extractor missed, read from screenshots.

Contract (the runner calls this after the DOM read of a page):
    async def read_missing(page, pack, page_key: str, missing_keys: list[str]) -> list[SettingReading]
returns one reading per missing key, method "ocr" (value None when OCR cannot read it either).

Every setting of the page becomes a target, not only the missing ones: knowing all labels lets the
reader give each value to the nearest label. A target's words are the setting's vocabulary, its OCR
words, its value names and its displayed values (``PackSetting.words()`` plus ``values``); a setting
with two values (``values`` maps "true" and "false") is also read from switches and checkboxes.

The page is read after it settles (no DOM mutation for a short quiet window, fonts loaded, finite
animations done), after an overlay covering it (a cookie-consent dialog) is dismissed through its own
reject or close control (never "accept", never anything else), and with closed ``<details>`` opened.
It is scrolled once to the bottom so lazily rendered rows exist, then shot in tiles at 2 device pixels
per CSS pixel: the page in overlapping horizontal bands down to its full height (capped), then each
inner scroll container that holds more than it shows, scrolled a view at a time. Tiles are captured
one at a time (CDP ``Page.captureScreenshot`` with a clip beyond the viewport: the page's layout and
viewport are left alone) and each is reduced to words and controls before the next, so the memory
held is one tile's, whatever the page's height.
"""

from __future__ import annotations

import asyncio
import base64
import io
import math
import weakref
from collections.abc import AsyncIterator
from dataclasses import dataclass

from PIL import Image
from playwright.async_api import CDPSession, Page
from playwright.async_api import Error as PlaywrightError

from core.logging import get_logger
from core.selector_pack import PackSetting, SelectorPack
from core.settings import get_settings
from core.types import SettingReading
from ocr import OcrReading, OcrTarget, read_settings
from ocr.reader import PageReader
from ocr.types import Box

log = get_logger(__name__)

# a sharper screenshot reads better than an upscaled one: 2 device pixels per CSS px
OCR_DEVICE_SCALE = 2
# tiles: this many CSS px tall, overlapping by this much (a label and its value, a radio group or a
# card always lie whole in one tile's middle)
TILE_CSS_HEIGHT = 1600
TILE_OVERLAP_CSS = 320
# read at most this many CSS px of page (and of each inner scroll container); a settings page is shorter
MAX_PAGE_CSS_HEIGHT = 16_000
MAX_SCROLLER_CSS_HEIGHT = 8_000
MAX_SCROLLERS = 4
# a scroll container's views are read together, this many device px of them at a time (memory stays
# about one page tile's)
VIEWS_PER_PASS_HEIGHT = TILE_CSS_HEIGHT
# settle: this long without a DOM mutation, at most this long in all
SETTLE_QUIET_MS, SETTLE_MAX_MS = 50, 1500
SCROLL_SETTLE_QUIET_MS, SCROLL_SETTLE_MAX_MS = 40, 400
# one DevTools session per page, kept for the page's life
_cdp_sessions: weakref.WeakKeyDictionary[Page, CDPSession] = weakref.WeakKeyDictionary()

_SETTLE_JS = """async ([quietMs, maxMs]) => {
  const start = performance.now(), deadline = start + maxMs;
  const sleep = (ms) => new Promise((r) => setTimeout(r, Math.max(0, ms)));
  if (document.fonts && document.fonts.status !== "loaded")
    await Promise.race([document.fonts.ready, sleep(deadline - performance.now())]);
  await new Promise((resolve) => {
    let last = performance.now();
    const seen = new MutationObserver(() => { last = performance.now(); });
    seen.observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
    const check = () => {
      const now = performance.now();
      if (now - last >= quietMs || now >= deadline) { seen.disconnect(); resolve(); }
      else setTimeout(check, Math.min(quietMs - (now - last), deadline - now) + 1);
    };
    setTimeout(check, quietMs);
  });
  const running = document.getAnimations().filter((a) => {
    const t = a.effect && a.effect.getComputedTiming();
    return a.playState === "running" && t && Number.isFinite(t.endTime);
  });
  if (running.length)
    await Promise.race([Promise.all(running.map((a) => a.finished.catch(() => null))),
                        sleep(deadline - performance.now())]);
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  return performance.now() - start;
}"""

_SCROLL_THROUGH_JS = """async (maxHeight) => {
  const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  const root = document.scrollingElement || document.documentElement;
  const start = window.scrollY;
  let y = 0, moved = false;
  while (y + innerHeight < Math.min(root.scrollHeight, maxHeight)) {
    y += innerHeight;
    window.scrollTo(0, y);
    moved = true;
    await frame();
  }
  if (moved) { window.scrollTo(0, start); await frame(); }
  return moved;
}"""

# inner scroll containers (in open shadow roots and same-origin iframes too) that hold more than they
# show, biggest first, with their visible box in page coordinates
_SCROLLERS_JS = """(maxCount) => {
  const found = [];
  const consider = (el, x, y, width, height) => {
    if (el.scrollHeight <= el.clientHeight + 16 || height < 60 || width < 100) return;
    found.push({el, x, y, width, height});
  };
  const visit = (root, doc, ox, oy) => {
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_ELEMENT);
    for (let el = walker.nextNode(); el; el = walker.nextNode()) {
      if (el.shadowRoot) visit(el.shadowRoot, doc, ox, oy);
      if (el.tagName === "IFRAME") {
        let inner = null;
        try { inner = el.contentDocument; } catch (e) { inner = null; }
        if (inner && inner.documentElement) {
          const r = el.getBoundingClientRect(), st = getComputedStyle(el);
          const ix = ox + r.left + el.clientLeft + parseFloat(st.paddingLeft || "0");
          const iy = oy + r.top + el.clientTop + parseFloat(st.paddingTop || "0");
          const se = inner.scrollingElement || inner.documentElement;
          consider(se, ix, iy, se.clientWidth, se.clientHeight);
          visit(inner, inner, ix, iy);
        }
        continue;
      }
      if (el.scrollHeight <= el.clientHeight + 16 || el.clientHeight < 60 || el.clientWidth < 100) continue;
      if (el === doc.scrollingElement || el === doc.body || el === doc.documentElement) continue;
      const style = getComputedStyle(el);
      if (!/(auto|scroll|overlay)/.test(style.overflowY) || style.visibility === "hidden") continue;
      const r = el.getBoundingClientRect();
      if (r.width <= 0 || r.height <= 0) continue;
      consider(el, ox + r.left + el.clientLeft, oy + r.top + el.clientTop, el.clientWidth, el.clientHeight);
    }
  };
  visit(document, document, scrollX, scrollY);
  found.sort((a, b) => b.width * b.height - a.width * a.height);
  const kept = found.slice(0, maxCount);
  window.__loopwhoOcrScrollers = kept.map((f) => f.el);
  return kept.map((f) => ({x: f.x, y: f.y, width: f.width, height: f.height,
                           scrollHeight: f.el.scrollHeight, scrollTop: f.el.scrollTop}));
}"""

# an overlay (cookie consent, a modal) covering the view: dismissed through its own reject or close
# control only (never "accept", never a setting), since OCR reads what is on top
_CLEAR_VIEW_JS = """() => {
  const covers = (el) => {
    const style = getComputedStyle(el);
    if (style.position !== "fixed" || style.visibility === "hidden" || style.display === "none") return false;
    const r = el.getBoundingClientRect();
    return r.width * r.height >= 0.4 * innerWidth * innerHeight;
  };
  const points = [[0.5, 0.5], [0.25, 0.3], [0.75, 0.7], [0.5, 0.9]];
  let overlay = null;
  for (const [fx, fy] of points) {
    for (let el = document.elementFromPoint(innerWidth * fx, innerHeight * fy); el; el = el.parentElement) {
      if (el === document.body || el === document.documentElement) break;
      if (covers(el)) { overlay = el; break; }
    }
    if (overlay) break;
  }
  const dialog = overlay || document.querySelector("dialog[open], [aria-modal=true]");
  if (!dialog) return null;
  const dismiss = new RegExp("^(reject( all)?|decline( all)?|(use |allow )?(only )?(essential|necessary)" +
    "( cookies)?( only)?|close|dismiss|no,? thanks|not now|[×✕])$", "i");
  for (const b of dialog.querySelectorAll("button, [role=button], a, input[type=button]")) {
    const text = ((b.innerText || b.value || "").trim() || b.getAttribute("aria-label") || "").trim();
    if (dismiss.test(text)) { b.click(); return text; }
  }
  return null;
}"""

# closed <details> sections (in open shadow roots and same-origin iframes too) opened for the shot:
# a person would open them to see the settings; opening one changes nothing but what is shown
_OPEN_DETAILS_JS = """() => {
  let opened = 0;
  const visit = (root) => {
    for (const d of root.querySelectorAll("details:not([open])")) { d.open = true; opened += 1; }
    for (const el of root.querySelectorAll("*")) {
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el.tagName === "IFRAME") {
        let inner = null;
        try { inner = el.contentDocument; } catch (e) { inner = null; }
        if (inner) visit(inner);
      }
    }
  };
  visit(document);
  return opened;
}"""

_LAYOUT_JS = f"""(maxCount) => ({{
  ratio: window.devicePixelRatio,
  width: document.documentElement.clientWidth,
  height: (document.scrollingElement || document.documentElement).scrollHeight,
  scrollers: ({_SCROLLERS_JS})(maxCount),
}})"""

_SCROLL_TO_JS = """([i, top]) => {
  const el = (window.__loopwhoOcrScrollers || [])[i];
  if (!el) return null;
  el.scrollTop = top;
  return el.scrollTop;
}"""


@dataclass(frozen=True)
class Shot:
    """One tile: its PNG, where its top-left corner goes in the reader's page (device px), the stretch
    of the reader's y it answers for (tiles overlap), and whether it is the page or a scroll container."""

    png: bytes
    left: int
    top: int
    keep: tuple[float, float]
    part: str = "page"
    hide: tuple[Box, ...] = ()  # page shots: the scroll containers' areas, read view by view instead
    container: int = -1  # scroller shots: which container


def target_for(setting: PackSetting) -> OcrTarget:
    """The OCR target of a pack setting: every word that names one of its values, and switches and
    checkboxes when it has two values. (The pack's ``ocr.kind`` hint no longer narrows what is read: a
    redesign may show a switch setting as status words, or a choice as radio buttons.)"""
    words = {shown: value for shown, value in setting.values.items()
             if shown not in ("true", "false") and value in setting.value_space}
    words.update(setting.words())
    toggle_values = None
    if "true" in setting.values and "false" in setting.values:
        toggle_values = {"on": setting.values["true"], "off": setting.values["false"]}
    return OcrTarget(key=setting.key, labels=list(setting.labels), kind="any", words=words,
                     toggle_values=toggle_values)


async def settle(page: Page, quiet_ms: int = SETTLE_QUIET_MS, max_ms: int = SETTLE_MAX_MS) -> float:
    """Wait until the page stops changing (see module doc); returns the milliseconds it took."""
    try:
        return float(await page.evaluate(_SETTLE_JS, [quiet_ms, max_ms]))
    except PlaywrightError:  # the page navigated meanwhile: whatever is there now is read
        return 0.0


async def _cdp(page: Page) -> CDPSession | None:
    cdp = _cdp_sessions.get(page)
    if cdp is None:
        try:
            cdp = _cdp_sessions[page] = await page.context.new_cdp_session(page)
        except PlaywrightError:  # not Chromium, or a remote browser without CDP
            return None
    return cdp


def _bands(total: float, tile: float, overlap: float) -> list[tuple[float, float, float, float]]:
    """(top, height, keep from, keep to) of overlapping bands over [0, total), CSS px."""
    bands = []
    top = 0.0
    while True:
        height = min(tile, total - top)
        last = top + height >= total
        keep_from = -math.inf if top == 0 else top + overlap / 2
        keep_to = math.inf if last else top + tile - overlap / 2
        bands.append((top, height, keep_from, keep_to))
        if last:
            return bands
        top += tile - overlap


async def _capture(cdp: CDPSession, clip: dict[str, float]) -> bytes:
    shot = await cdp.send("Page.captureScreenshot", {
        "format": "png", "clip": clip, "captureBeyondViewport": True, "fromSurface": True})
    return base64.b64decode(shot["data"])


async def tiles(page: Page) -> AsyncIterator[Shot]:
    """The page's tiles, one capture at a time. The page itself first (down to its full height, capped),
    then each inner scroll container, scrolled a view at a time; each view is laid out below the page
    in the reader's coordinates and read on its own ("scroller" shots)."""
    cdp = await _cdp(page)
    if cdp is None:
        png = await page.screenshot(full_page=True, animations="disabled", caret="hide")
        yield Shot(png, 0, 0, (-math.inf, math.inf))
        return
    if await page.evaluate(_SCROLL_THROUGH_JS, MAX_PAGE_CSS_HEIGHT):
        await settle(page, SCROLL_SETTLE_QUIET_MS, SCROLL_SETTLE_MAX_MS)
    layout = await page.evaluate(_LAYOUT_JS, MAX_SCROLLERS)  # one round trip for all of it
    ratio = float(layout["ratio"]) or 1.0
    scale = max(1.0, OCR_DEVICE_SCALE / ratio)  # on top of the page's own ratio
    px = ratio * scale  # device px per CSS px in the captures
    width, height = layout["width"], min(layout["height"], MAX_PAGE_CSS_HEIGHT)
    scrollers = layout["scrollers"]
    hide = tuple(Box(int(b["x"] * px), int(b["y"] * px), int((b["x"] + b["width"]) * px),
                     int((b["y"] + b["height"]) * px)) for b in scrollers)
    for top, h, keep_from, keep_to in _bands(height, TILE_CSS_HEIGHT, TILE_OVERLAP_CSS):
        clip = {"x": 0, "y": top, "width": width, "height": h, "scale": scale}
        yield Shot(await _capture(cdp, clip), 0, round(top * px), (keep_from * px, keep_to * px), hide=hide)

    base = (height + 200) * px
    try:
        for i, box in enumerate(scrollers):
            view = box["height"]
            content = min(box["scrollHeight"], MAX_SCROLLER_CSS_HEIGHT)
            for top, _h, keep_from, keep_to in _bands(content, view, min(TILE_OVERLAP_CSS, 0.4 * view)):
                scrolled = await page.evaluate(_SCROLL_TO_JS, [i, top])
                if scrolled is None:
                    break
                await settle(page, SCROLL_SETTLE_QUIET_MS, SCROLL_SETTLE_MAX_MS)
                clip = {"x": box["x"], "y": box["y"], "width": box["width"], "height": view, "scale": scale}
                # each view is read on its own, placed apart from the others (virtualized rows may
                # move between views); it answers for the labels in its middle
                shift = scrolled - top  # near the end the container cannot scroll as far as asked
                yield Shot(await _capture(cdp, clip), round(box["x"] * px), round(base),
                           (base + (keep_from - top - shift) * px, base + (keep_to - top - shift) * px),
                           "scroller", container=i)
                base += (view + 200) * px
            await page.evaluate(_SCROLL_TO_JS, [i, box["scrollTop"]])
    finally:
        await page.evaluate("delete window.__loopwhoOcrScrollers")


async def screenshot(page: Page) -> bytes:
    """The whole page (capped at MAX_PAGE_CSS_HEIGHT) as one PNG at 2 device pixels per CSS pixel, its
    tiles stitched together. For looking at; ``read_page`` reads tile by tile instead."""
    parts: list[tuple[Image.Image, int]] = []
    async for shot in tiles(page):
        if shot.part == "page":
            image = Image.open(io.BytesIO(shot.png))
            image.load()
            parts.append((image, shot.top))
    width = max(im.width for im, _ in parts)
    whole = Image.new("RGB", (width, max(top + im.height for im, top in parts)), "white")
    for image, top in parts:
        whole.paste(image.convert("RGB"), (0, top))
    out = io.BytesIO()
    whole.save(out, format="PNG")
    return out.getvalue()


def _reading(setting: PackSetting, found: OcrReading | None, pack: SelectorPack, url: str) -> SettingReading:
    if found is None:
        return SettingReading(key=setting.key, label=setting.label, value=None, method="ocr",
                              confidence=0.0, pack_version=pack.version, page_url=url, uncertain=True)
    return SettingReading(key=setting.key, label=found.label_found or setting.label, value=found.value,
                          method="ocr", confidence=found.confidence, pack_version=pack.version,
                          page_url=url, uncertain=found.uncertain or found.value is None)


async def clear_view(page: Page) -> str | None:
    """Dismiss an overlay that covers the page (a cookie-consent dialog) through its reject or close
    control, and open closed ``<details>`` sections; returns the dismissing control's text, None when
    there was no overlay to dismiss."""
    try:
        dismissed, opened = await page.evaluate(f"() => [({_CLEAR_VIEW_JS})(), ({_OPEN_DETAILS_JS})()]")
    except PlaywrightError:
        return None
    if dismissed:
        log.info("ocr dismissed an overlay", control=dismissed)
    if dismissed or opened:
        await settle(page, SCROLL_SETTLE_QUIET_MS, SCROLL_SETTLE_MAX_MS)
    return dismissed


async def read_page(page: Page, targets: list[OcrTarget]) -> list[OcrReading]:
    """Settle, clear the view, then read ``targets`` from the page's tiles, one tile in memory at a time."""
    await settle(page)
    await clear_view(page)
    reader = PageReader(targets)
    views: list[Shot] = []  # a scroll container's views, read together (one tesseract pass)

    async def read_views() -> None:
        if views:
            batch = [(v.png, v.left, v.top, v.keep) for v in views]
            views.clear()
            await asyncio.to_thread(reader.add_views, batch)

    async for shot in tiles(page):
        if shot.part == "scroller":
            if views and (views[0].container != shot.container
                          or sum(_png_height(v.png) for v in views) >= VIEWS_PER_PASS_HEIGHT):
                await read_views()
            views.append(shot)
            continue
        await asyncio.to_thread(reader.add_tile, shot.png, shot.left, shot.top, shot.keep, False, shot.hide)
        del shot
    await read_views()
    return await asyncio.to_thread(reader.finish)


def _png_height(png: bytes) -> int:
    return int.from_bytes(png[20:24], "big")  # the IHDR chunk


async def read_missing(page: Page, pack: SelectorPack, page_key: str,
                       missing_keys: list[str]) -> list[SettingReading]:
    settings_here = pack.settings_on(page_key)
    wanted = [s for s in settings_here if s.key in missing_keys]
    url = page.url.split("?")[0]
    found: dict[str, OcrReading] = {}
    if wanted:
        readings = await read_page(page, [target_for(s) for s in settings_here])
        found = {r.key: r for r in readings}
        min_conf = get_settings().ocr_min_confidence
        for r in readings:
            if r.key in missing_keys:
                log.info("ocr reading", platform=pack.platform, key=r.key, value=r.value,
                         confidence=r.confidence, uncertain=r.uncertain or r.confidence < min_conf,
                         detail=r.detail)
    return [_reading(s, found.get(s.key), pack, url) for s in wanted]


__all__ = ["clear_view", "read_missing", "read_page", "read_settings", "screenshot", "settle", "target_for",
           "tiles"]
