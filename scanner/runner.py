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
from playwright.async_api import TimeoutError as PlaywrightTimeout

from core.errors import LoopwhoError
from core.logging import get_logger, scrub_text
from core.settings import Settings, get_settings
from core.types import ScanRequest, ScanResult, ScanStatus, SettingReading
from scanner import extract, ocr_fallback
from scanner.firecrawl_client import FirecrawlClient
from scanner.packs import SelectorPack
from scanner.policy import fetch_policies, pool_contexts
from scanner.pool import BrowserLost, BrowserPool, ScanContext

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

    def reset(self) -> None:
        self.readings, self.errors, self.final_url, self.blocked, self.stop = {}, [], None, 0, None


async def run_scan(
    pool: BrowserPool,
    request: ScanRequest,
    pack: SelectorPack,
    *,
    deadline_s: float | None = None,
    settings: Settings | None = None,
) -> ScanResult:
    s = settings or get_settings()
    deadline = deadline_s if deadline_s is not None else pool.scan_deadline_s
    started_at = datetime.now(UTC)
    t0 = time.monotonic()
    progress = _Progress()

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
    for pack_page in pack.pages:
        try:
            await _read_one_page(scan, page, pack, pack_page.key, progress, s)
        except _Stop as stop:
            progress.stop = stop
            return
        except PlaywrightError as exc:
            if scan.browser_lost:
                raise  # the pool turns this into BrowserLost and retries in a new browser
            progress.errors.append(f"page {pack_page.key}: {_first_line(exc)}")


async def _read_one_page(
    scan: ScanContext, page: Page, pack: SelectorPack, page_key: str, progress: _Progress, s: Settings
) -> None:
    pack_page = pack.page(page_key)
    try:
        await page.goto(pack_page.url, wait_until="domcontentloaded")
    except PlaywrightError as exc:
        progress.final_url = page.url
        _check_walls(pack, page.url)
        for url in scan.blocked_navigations:  # a redirect to a sign-in host the pack does not list
            _check_walls(pack, url)
        if scan.blocked_hosts and "ERR_BLOCKED_BY_CLIENT" in str(exc):
            raise PlaywrightError(
                f"navigation left the pack's allowed hosts (blocked: {', '.join(sorted(scan.blocked_hosts))})"
            ) from None
        raise
    progress.final_url = page.url
    _check_walls(pack, page.url)
    try:
        await page.wait_for_selector(pack_page.ready, state="attached")
    except PlaywrightTimeout:
        _check_walls(pack, page.url)  # a sign-in page reached by a script redirect
        progress.errors.append(
            f"page {page_key}: not ready after {s.scan_page_ready_timeout_s:g}s "
            f"(no {pack_page.ready!r} at {_safe_url(page.url)})"
        )
        return
    progress.final_url = page.url
    _check_walls(pack, page.url)

    wanted = [setting.key for setting in pack.settings_on(page_key)]
    found: dict[str, SettingReading] = {}
    for reading in await extract.read_page(page, pack, page_key):
        if reading.key in wanted and reading.value is not None:
            found[reading.key] = reading
    missing = [k for k in wanted if k not in found]
    if missing:
        for reading in await ocr_fallback.read_missing(page, pack, page_key, missing):
            if reading.key in missing and reading.value is not None:
                found[reading.key] = reading
    for key, reading in found.items():
        reading.pack_version = reading.pack_version or pack.version
        reading.page_url = reading.page_url or _safe_url(page.url)
        if reading.confidence < s.reading_min_confidence:
            reading.uncertain = True
        progress.readings[key] = reading


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
        errors=list(progress.errors),
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
