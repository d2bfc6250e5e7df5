"""Firecrawl, the last step of the fallback chain, through the real SDK (firecrawl-py 4.x, v2 API).

Only a public URL and scrape options ever leave: no cookies, no request headers, no user data.
Every failure becomes a status string (never an exception), so a scan can record it and go on:

    firecrawl_not_configured  neither FIRECRAWL_API_KEY nor LOOPWHO_FIRECRAWL_API_URL is set
    firecrawl_unauthorized    401: the API key is wrong or revoked
    firecrawl_out_of_credits  402: the Firecrawl plan has no credits left
    firecrawl_rate_limited    429: too many requests; try again later
    firecrawl_unavailable     5xx: Firecrawl itself failed
    firecrawl_unreachable     timeout or connection error on the way to Firecrawl
    firecrawl_page_error      Firecrawl reached the page but the page answered 4xx/5xx
    firecrawl_empty           Firecrawl answered without any content
    firecrawl_failed          any other refusal (400 bad request, 403 site not supported, ...)
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING, Any

import msgspec
import requests

from core.settings import Settings, get_settings

if TYPE_CHECKING:
    from firecrawl.v2.utils.error_handler import FirecrawlError

# the seed's options (architecture text, "firecrawlScrape")
FORMATS = ["markdown", "html"]
SETTINGS_PAGE_INCLUDE_TAGS = ["form", "input", "select", "button"]
EXCLUDE_TAGS = ["script", "style", "nav"]

_STATUS_BY_CODE = {
    401: ("firecrawl_unauthorized", "Firecrawl refused the API key (401): check FIRECRAWL_API_KEY"),
    402: ("firecrawl_out_of_credits", "Firecrawl has no credits left (402): top up the Firecrawl plan"),
    429: ("firecrawl_rate_limited", "Firecrawl rate limit reached (429): the page is tried again next scan"),
}


class ScrapeOutcome(msgspec.Struct, kw_only=True):
    """What Firecrawl gave for one URL: content when status is "ok", a reason otherwise."""

    url: str
    status: str = "ok"
    markdown: str = ""
    html: str = ""
    title: str = ""
    page_status_code: int | None = None
    error: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "ok"


def _failure(url: str, status: str, error: str, page_status_code: int | None = None) -> ScrapeOutcome:
    return ScrapeOutcome(url=url, status=status, error=error, page_status_code=page_status_code)


def _short(message: object, limit: int = 200) -> str:
    text = " ".join(str(message).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


class FirecrawlClient:
    """A thin wrapper that keeps what loopwho sends to Firecrawl small and fixed.

    ``api_key``/``api_url`` both unset means "not configured": nothing is sent anywhere (the SDK
    would otherwise fall back to Firecrawl's keyless public tier)."""

    def __init__(self, api_key: str | None, api_url: str | None, *, timeout_s: float = 60.0,
                 max_retries: int = 2, wait_for_ms: int = 2000) -> None:
        self.configured = bool(api_key or api_url)
        self.api_url = api_url or "https://api.firecrawl.dev"
        self.wait_for_ms = wait_for_ms
        self._sdk = None
        if self.configured:
            # imported only when configured: firecrawl-py costs ~40 MiB in every worker otherwise
            from firecrawl import Firecrawl

            self._sdk = Firecrawl(api_key=api_key, api_url=self.api_url, timeout=timeout_s,
                                  max_retries=max(1, max_retries), backoff_factor=0.2)

    @classmethod
    def from_settings(cls, settings: Settings | None = None) -> FirecrawlClient:
        s = settings or get_settings()
        return cls(s.firecrawl_api_key, s.firecrawl_api_url, timeout_s=s.firecrawl_timeout_s,
                   max_retries=s.firecrawl_max_retries, wait_for_ms=s.firecrawl_wait_for_ms)

    def __repr__(self) -> str:  # the key stays out of reprs
        return f"FirecrawlClient(api_url={self.api_url!r}, configured={self.configured})"

    def scrape_sync(self, url: str, *, settings_page: bool = False) -> ScrapeOutcome:
        if self._sdk is None:
            return _failure(url, "firecrawl_not_configured",
                            "Firecrawl is not configured: set FIRECRAWL_API_KEY (and "
                            "LOOPWHO_FIRECRAWL_API_URL for a self-hosted Firecrawl)")
        options: dict[str, Any] = {"formats": FORMATS, "exclude_tags": EXCLUDE_TAGS,
                                   "wait_for": self.wait_for_ms}
        if settings_page:  # the form controls are the settings; policy pages want the whole text
            options["include_tags"] = SETTINGS_PAGE_INCLUDE_TAGS
        from firecrawl.v2.utils.error_handler import FirecrawlError

        try:
            doc = self._sdk.scrape(url, **options)
        except FirecrawlError as exc:
            return self._from_error(url, exc)
        except requests.Timeout as exc:
            return _failure(url, "firecrawl_unreachable",
                            f"Firecrawl at {self.api_url} timed out: {_short(exc)}")
        except requests.RequestException as exc:
            return _failure(url, "firecrawl_unreachable",
                            f"Firecrawl at {self.api_url} cannot be reached: {_short(type(exc).__name__)}")
        except (ValueError, TypeError) as exc:  # a malformed answer the SDK could not parse
            return _failure(url, "firecrawl_failed",
                            f"Firecrawl answered something unreadable: {_short(exc)}")
        meta = doc.metadata
        code = getattr(meta, "status_code", None) if meta else None
        if code is not None and code >= 400:
            return _failure(url, "firecrawl_page_error", f"the page answered HTTP {code} to Firecrawl", code)
        markdown, html = doc.markdown or "", doc.html or ""
        if not markdown.strip() and not html.strip():
            return _failure(url, "firecrawl_empty", "Firecrawl answered without any page content", code)
        title = (getattr(meta, "title", None) or "") if meta else ""
        return ScrapeOutcome(url=url, markdown=markdown, html=html, title=str(title), page_status_code=code)

    async def scrape(self, url: str, *, settings_page: bool = False) -> ScrapeOutcome:
        """The SDK is synchronous (requests); run it off the event loop."""
        return await asyncio.to_thread(self.scrape_sync, url, settings_page=settings_page)

    def _from_error(self, url: str, exc: FirecrawlError) -> ScrapeOutcome:
        code = exc.status_code
        if code in _STATUS_BY_CODE:
            status, message = _STATUS_BY_CODE[code]
            return _failure(url, status, message)
        if code is not None and code >= 500:
            return _failure(url, "firecrawl_unavailable", f"Firecrawl failed on its side (HTTP {code}); "
                            "the page is tried again next scan")
        if code == 408:
            return _failure(url, "firecrawl_unreachable", "Firecrawl timed out scraping the page (408)")
        return _failure(url, "firecrawl_failed",
                        f"Firecrawl refused the request (HTTP {code}): {_short(exc)}")
