"""One scan: open a fresh context from the pool, walk the pack's pages, read every setting (DOM first,
then OCR for what the DOM missed), and say how it went.

    result = await run_scan(pool, ScanRequest(platform="google", profile=profile), pack)

Status: ``ok`` every setting read confidently; ``partial`` some missing/uncertain (``uncertain_keys``);
``reauth_required`` / ``verification_required`` the platform showed a sign-in or verification page
(no readings); ``failed`` nothing readable (``errors`` say why). Cookie values never reach errors.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from core.errors import LoopwhoError
from core.logging import get_logger, scrub_text
from core.selector_pack import SelectorPack
from core.settings import Settings, get_settings
from core.types import RenderedPage, ScanRequest, ScanResult, ScanStatus, SettingReading
from scanner import extract, ocr_fallback
from scanner.firecrawl_client import FirecrawlClient
from scanner.page_capture import capture_page
from scanner.policy import fetch_policies, pool_contexts
from scanner.pool import BrowserLost, BrowserPool, ScanContext
from scanner.settle import NetworkWatch

log = get_logger(__name__)


class _Stop(Exception):
    """The platform showed a sign-in or verification page: stop reading."""

    def __init__(self, status: ScanStatus, message: str) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class _Progress:
    """What one attempt found so far (kept when the deadline cuts the scan short)."""

    readings: dict[str, SettingReading] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)
    final_url: str | None = None
    blocked: int = 0
    stop: _Stop | None = None
    keep_pages: bool = False  # keep each page's rendered DOM (for re-extraction with another pack)
    pages: list[RenderedPage] = field(default_factory=list)

    def reset(self) -> None:
        self.readings, self.errors, self.final_url, self.blocked, self.stop = {}, [], None, 0, None
        self.pages = []


async def run_scan(
    pool: BrowserPool,
    request: ScanRequest,
    pack: SelectorPack,
    *,
    deadline_s: float | None = None,
    settings: Settings | None = None,
    keep_pages: bool = False,
) -> ScanResult:
    """With ``keep_pages`` the result carries each settings page as rendered (``ScanResult.pages``)."""
    s = settings or get_settings()
    deadline = deadline_s if deadline_s is not None else pool.scan_deadline_s
    started_at = datetime.now(UTC)
    t0 = time.monotonic()
    progress = _Progress(keep_pages=keep_pages)

    async def attempt(scan: ScanContext) -> None:
        progress.reset()  # a retry starts from scratch
        try:
            await _walk_pages(scan, pack, progress, s)
        finally:
            progress.blocked = scan.blocked_requests
            if scan.blocked_hosts:
                log.info("requests blocked by the host allowlist", platform=pack.platform,
                         count=scan.blocked_requests, hosts=sorted(scan.blocked_hosts))

    try:
        async with asyncio.timeout(deadline):
            await pool.run(request.profile, pack, attempt)
    except TimeoutError:
        progress.errors.append(f"the scan did not finish within its {deadline:g}s deadline")
    except BrowserLost as exc:
        progress.errors.append(f"the browser crashed twice during this scan: {exc}")
    except LoopwhoError as exc:
        progress.errors.append(str(exc))

    result = _result(pack, progress, s)
    if request.include_policies and result.status in ("ok", "partial"):
        # last step of the chain: public policy pages, without cookies; Firecrawl when the browser fails
        firecrawl = FirecrawlClient.from_settings(s)
        result.policies = await fetch_policies(pool_contexts(pool, pack), pack, firecrawl, s)
    result.started_at = started_at
    result.duration_ms = int((time.monotonic() - t0) * 1000)
    result.errors = [scrub_text(e) for e in result.errors]
    return result


async def _walk_pages(scan: ScanContext, pack: SelectorPack, progress: _Progress, s: Settings) -> None:
    page = await scan.new_page()
    page.set_default_timeout(s.scan_page_ready_timeout_s * 1000)
    network = NetworkWatch(page)
    for pack_page in pack.pages:
        try:
            await _read_one_page(scan, page, network, pack, pack_page.key, progress, s)
        except _Stop as stop:
            progress.stop = stop
            return
        except PlaywrightError as exc:
            if scan.browser_lost:
                raise  # the pool turns this into BrowserLost and retries in a new browser
            progress.errors.append(f"page {pack_page.key}: {_first_line(exc)}")


async def _open(scan: ScanContext, page: Page, pack: SelectorPack, url: str, progress: _Progress) -> None:
    try:
        await page.goto(url, wait_until="domcontentloaded")
    except PlaywrightError as exc:
        progress.final_url = page.url
        _check_walls(pack, page.url)
        for blocked in scan.blocked_navigations:  # a redirect to a sign-in host the pack does not list
            _check_walls(pack, blocked)
        if scan.blocked_hosts and "ERR_BLOCKED_BY_CLIENT" in str(exc):
            raise PlaywrightError(
                f"navigation left the pack's allowed hosts (blocked: {', '.join(sorted(scan.blocked_hosts))})"
            ) from None
        raise
    progress.final_url = page.url
    _check_walls(pack, page.url)


async def _settled_read(
    page: Page, network: NetworkWatch, pack: SelectorPack, page_key: str, progress: _Progress, s: Settings
) -> extract.PageReading:
    """Read once the settings are there and nothing moves (DOM and network). A script redirect (to a
    sign-in page, say) during the wait is followed and checked like any other."""

    def followed(url: str) -> None:
        progress.final_url = url
        _check_walls(pack, url)

    return await extract.read_page_settled(
        page, pack, page_key, timeout_ms=int(s.scan_page_ready_timeout_s * 1000), quiet_ms=s.scan_settle_quiet_ms,
        network=network, on_navigation=followed)


async def _read_one_page(
    scan: ScanContext, page: Page, network: NetworkWatch, pack: SelectorPack, page_key: str,
    progress: _Progress, s: Settings,
) -> None:
    await _open(scan, page, pack, pack.page(page_key).url, progress)
    reading = await _settled_read(page, network, pack, page_key, progress, s)
    progress.final_url = page.url
    _check_walls(pack, page.url)

    wanted = [setting.key for setting in pack.settings_on(page_key)]
    found: dict[str, SettingReading] = {
        r.key: r for r in reading.readings if r.key in wanted and r.value is not None
    }
    for key, shown in reading.conflicts.items():
        progress.errors.append(f"page {page_key}: {key!r} is shown more than once with different values "
                               f"({shown}); not read")
    # OCR for what the DOM did not find; never for a setting the page shows with two values
    missing = [k for k in wanted if k not in found and k not in reading.conflicts]
    if missing:
        if not reading.complete and not found:
            progress.errors.append(
                f"page {page_key}: settings not shown after {s.scan_page_ready_timeout_s:g}s "
                f"({', '.join(missing)} at {_safe_url(page.url)})")
        for ocr_reading in await ocr_fallback.read_missing(page, pack, page_key, missing):
            if ocr_reading.key in missing and ocr_reading.value is not None:
                found[ocr_reading.key] = ocr_reading
    for key, found_reading in found.items():
        found_reading.pack_version = found_reading.pack_version or pack.version
        found_reading.page_url = found_reading.page_url or _safe_url(page.url)
        if found_reading.confidence < s.reading_min_confidence:
            found_reading.uncertain = True
        progress.readings[key] = found_reading
    if progress.keep_pages:
        try:
            html = await capture_page(page)
        except PlaywrightError as exc:  # the readings stand; only the kept copy is lost
            log.warning("could not keep a rendered page", page=page_key, error=_first_line(exc))
        else:
            progress.pages.append(RenderedPage(key=page_key, url=_safe_url(page.url) or "", html=html))


def _check_walls(pack: SelectorPack, url: str) -> None:
    if pack.is_login_wall(url):
        raise _Stop("reauth_required", f"the session has expired: {pack.platform} asked to sign in "
                                       f"({urlsplit(url).hostname}); reconnect the account")
    if pack.is_verification(url):
        raise _Stop("verification_required", f"{pack.platform} asked to verify it is you "
                                             f"({urlsplit(url).hostname}) before showing the settings")


def _result(pack: SelectorPack, progress: _Progress, s: Settings) -> ScanResult:
    result = ScanResult(
        platform=pack.platform, status="failed", pack_version=pack.version,
        blocked_requests=progress.blocked, final_url=_safe_url(progress.final_url),
        errors=list(progress.errors), pages=list(progress.pages),
    )
    if progress.stop is not None:
        result.status = progress.stop.status
        result.errors.append(str(progress.stop))
        return result
    ordered = [progress.readings[st.key] for st in pack.settings if st.key in progress.readings]
    result.readings = ordered
    result.uncertain_keys = [
        st.key for st in pack.settings
        if st.key not in progress.readings or progress.readings[st.key].uncertain
    ]
    if not ordered:
        result.status = "failed"
        if not result.errors:
            result.errors.append("no setting could be read on any page of the pack")
    elif result.uncertain_keys:
        result.status = "partial"
    else:
        result.status = "ok"
    return result


def _safe_url(url: str | None) -> str | None:
    """A URL without its query and fragment (continue= parameters can carry tokens)."""
    if not url:
        return url
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _first_line(exc: BaseException) -> str:
    text: Any = getattr(exc, "message", None) or str(exc)
    return (str(text).strip().splitlines() or [type(exc).__name__])[0]
