"""Read stored settings pages (``core.types.RenderedPage``) with a pack, in the browser pool, without
the network: each page is served from its stored copy at its own URL with JavaScript off (the copy is
the page as rendered; its scripts must not run again), every other request is refused. The extractor
reads it as it reads a live page; a setting it cannot find stays missing (no OCR on stored copies).
"""

from __future__ import annotations

from urllib.parse import urlsplit

from playwright.async_api import Route

from core.selector_pack import SelectorPack
from core.settings import Settings, get_settings
from core.types import RenderedPage, ScanResult
from scanner import extract
from scanner.pool import BrowserPool, ScanContext
from scanner.runner import _Progress, _result


def _bare(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}{parts.path}"


def _stored_for(pack: SelectorPack, page_key: str, pages: list[RenderedPage]) -> RenderedPage | None:
    """The stored page a pack page reads: same key, else same URL (a pack may rename its pages)."""
    url = _bare(pack.page(page_key).url)
    return (next((p for p in pages if p.key == page_key), None)
            or next((p for p in pages if _bare(p.url) == url), None))


async def read_stored_pages(pool: BrowserPool, pack: SelectorPack, pages: list[RenderedPage],
                            settings: Settings | None = None) -> ScanResult:
    """The readings ``pack`` takes from the stored pages (status as a live scan's)."""
    s = settings or get_settings()
    progress = _Progress()
    served = {_bare(p.url): p.html for p in pages}
    hosts = [urlsplit(p.url).hostname or "" for p in pages]

    async def serve(route: Route) -> None:
        html = served.get(_bare(route.request.url)) if route.request.resource_type == "document" else None
        if html is None:
            await route.abort("blockedbyclient")
        else:
            await route.fulfill(status=200, content_type="text/html; charset=utf-8", body=html)

    async def work(scan: ScanContext) -> None:
        await scan.route("**/*", serve)
        page = await scan.new_page()
        for pack_page in pack.pages:
            stored = _stored_for(pack, pack_page.key, pages)
            if stored is None:
                progress.errors.append(f"page {pack_page.key}: no stored copy")
                continue
            await page.goto(stored.url, wait_until="load")
            wanted = {st.key for st in pack.settings_on(pack_page.key)}
            for reading in await extract.read_page(page, pack, pack_page.key):
                if reading.key not in wanted or reading.value is None:
                    continue
                reading.pack_version = pack.version
                reading.page_url = stored.url
                reading.uncertain = reading.uncertain or reading.confidence < s.reading_min_confidence
                progress.readings[reading.key] = reading

    async with pool.session(None, pack, allow_hosts=hosts, java_script_enabled=False) as scan:
        await work(scan)
    return _result(pack, progress, s)
