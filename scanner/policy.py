"""Public privacy-policy pages: browser first, Firecrawl when the browser cannot get the text.

    async def fetch_policies(new_context, pack, firecrawl) -> list[PolicyDocument]

``new_context()`` is an async context manager giving a Playwright BrowserContext
(``pool_contexts(pool, pack)`` makes them from the browser pool). Its cookies are cleared before
use: a policy page is public, and a user's session must never travel with it. For each
``pack.policies`` entry the page is opened, left to render, and its DOM normalised to stable
Markdown (``scanner.policy_text``). When that fails (HTTP 4xx/5xx, a bot wall or captcha, a
timeout, an (almost) empty page) the public URL alone goes to Firecrawl. Each PolicyDocument
records ``method`` ("browser" | "firecrawl") and ``status``: "ok", or one of the ``firecrawl_*``
statuses of ``scanner.firecrawl_client`` (``firecrawl_not_configured`` when there is no Firecrawl
to fall back to); ``error`` says in words what the browser and Firecrawl each met. Nothing here
raises for a page that cannot be fetched.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from typing import Any, Protocol
from urllib.parse import urlsplit

import msgspec
from playwright.async_api import Error as PlaywrightError
from playwright.async_api import TimeoutError as PlaywrightTimeoutError

from core.errors import LoopwhoError
from core.logging import get_logger
from core.settings import Settings, get_settings
from core.types import PolicyDocument
from scanner.firecrawl_client import FirecrawlClient
from scanner.policy_text import normalise_policy, split_sections

log = get_logger(__name__)

NewContext = Callable[[], AbstractAsyncContextManager[Any]]

# phrases of bot walls and interstitials (Cloudflare, reCAPTCHA, hCaptcha, Google's "unusual traffic")
_WALL_PHRASES = re.compile(
    r"verify (?:that )?you(?: a|')re (?:a )?human|are you a robot|i'?m not a robot|checking (?:if the site "
    r"connection is secure|your browser)|unusual traffic from your (?:computer|network)|complete the "
    r"security check|please (?:enable javascript and cookies|solve the captcha)|just a moment\.\.\."
    r"|access denied|request blocked|captcha",
    re.IGNORECASE,
)
# markup that only a challenge page carries, whatever its text says
_WALL_MARKUP = re.compile(
    r"class=\"[^\"]*\b(?:g-recaptcha|h-captcha|cf-turnstile)\b|id=\"(?:challenge-form|cf-challenge-running|"
    r"captcha[\w-]*)\"|<iframe[^>]+src=\"[^\"]*(?:recaptcha|hcaptcha|challenges\.cloudflare)",
    re.IGNORECASE,
)
# a walled page is short: a long policy that merely mentions CAPTCHA is still a policy
_WALL_MAX_CHARS = 3000

# waits until the page's text has arrived and stopped growing (pages render by JavaScript); a short
# page that stays the same for a second (a wall, an error) is taken as it is
_SETTLE_JS = """async ([minChars, rounds]) => {
  let last = -1, same = 0;
  for (let i = 0; i < rounds; i++) {
    const n = document.body ? document.body.innerText.trim().length : 0;
    same = n === last ? same + 1 : 0;
    if ((n >= minChars && same >= 2) || same >= 10) return n;
    last = n;
    await new Promise(r => setTimeout(r, 100));
  }
  return last;
}"""


class PolicyRefLike(Protocol):
    key: str
    url: str
    title: str


class _Fetch(msgspec.Struct, kw_only=True):
    markdown: str = ""
    title: str = ""
    reason: str | None = None  # why the browser result is unusable; None when it is good


def bot_wall_reason(html: str, markdown: str) -> str | None:
    """Why this page looks like a bot wall / captcha rather than the policy (None: it does not)."""
    if _WALL_MARKUP.search(html):
        return "a captcha / bot-check widget is on the page"
    if len(markdown) <= _WALL_MAX_CHARS:
        match = _WALL_PHRASES.search(markdown)  # visible text only: page scripts may name the wall
        if match:
            return f"bot wall ({match.group(0)!r})"
    return None


def policy_hosts(pack: Any) -> list[str]:
    """The host names of a pack's policy pages (the pool's allowlist must let them through)."""
    refs = getattr(pack, "policies", None) or []
    return sorted({(urlsplit(ref.url).hostname or "").lower() for ref in refs})


def pool_contexts(pool: Any, pack: Any) -> NewContext:
    """Cookie-less contexts from ``scanner.pool.BrowserPool`` for this pack's policy pages."""
    hosts = policy_hosts(pack)
    return lambda: pool.session(None, pack, allow_hosts=hosts)


async def fetch_policies(new_context: NewContext, pack: Any, firecrawl: FirecrawlClient | None,
                         settings: Settings | None = None) -> list[PolicyDocument]:
    """One PolicyDocument per ``pack.policies`` entry, in the pack's order."""
    s = settings or get_settings()
    refs = list(getattr(pack, "policies", None) or [])
    return list(await asyncio.gather(*(fetch_policy(new_context, ref, firecrawl, s) for ref in refs)))


async def fetch_policy(new_context: NewContext, ref: PolicyRefLike, firecrawl: FirecrawlClient | None,
                       settings: Settings | None = None) -> PolicyDocument:
    s = settings or get_settings()
    fetched = await browser_fetch(new_context, ref.url, s)
    if fetched.reason is None:
        return _document(ref, fetched.markdown, title=fetched.title, method="browser")
    log.info("policy page not readable in the browser; trying Firecrawl", url=ref.url, reason=fetched.reason)
    browser_note = f"browser: {fetched.reason}"
    if firecrawl is None or not firecrawl.configured:
        return PolicyDocument(key=ref.key, url=ref.url, title=ref.title, method="firecrawl",
                              status="firecrawl_not_configured",
                              error=f"{browser_note}; Firecrawl is not configured (set FIRECRAWL_API_KEY)")
    outcome = await firecrawl.scrape(ref.url, settings_page=False)
    if not outcome.ok:
        return PolicyDocument(key=ref.key, url=ref.url, title=ref.title, method="firecrawl",
                              status=outcome.status, error=f"{browser_note}; {outcome.error}")
    # Firecrawl's HTML goes through the same normaliser as the browser's DOM, so switching method
    # does not look like a policy change
    source = outcome.html or outcome.markdown
    markdown = normalise_policy(source, ref.url)
    wall = bot_wall_reason(source, markdown)
    if wall or len(markdown) < s.policy_min_chars:
        why = wall or f"only {len(markdown)} characters of text"
        return PolicyDocument(key=ref.key, url=ref.url, title=ref.title, method="firecrawl",
                              status="firecrawl_empty",
                              error=f"{browser_note}; Firecrawl got no policy text ({why})")
    return _document(ref, markdown, title=outcome.title, method="firecrawl")


def _document(ref: PolicyRefLike, markdown: str, *, title: str, method: str) -> PolicyDocument:
    return PolicyDocument(key=ref.key, url=ref.url, title=ref.title or title, markdown=markdown,
                          sections=split_sections(markdown), method=method, status="ok")  # type: ignore[arg-type]


async def browser_fetch(new_context: NewContext, url: str, settings: Settings | None = None) -> _Fetch:
    """The page's normalised Markdown, or the reason it is not usable. Never raises for a bad page."""
    s = settings or get_settings()
    timeout_ms = s.policy_page_timeout_s * 1000
    try:
        async with asyncio.timeout(s.policy_page_timeout_s + 5), new_context() as context:
            await context.clear_cookies()  # public page: the user's session never goes along
            page = await context.new_page()
            try:
                response = await page.goto(url, wait_until="domcontentloaded", timeout=timeout_ms)
            except PlaywrightTimeoutError:
                return _Fetch(reason=f"timed out after {s.policy_page_timeout_s:g}s loading the page")
            except PlaywrightError as exc:
                return _Fetch(reason=f"navigation failed: {_first_line(exc)}")
            if response is not None and response.status >= 400:
                return _Fetch(reason=f"HTTP {response.status}")
            rounds = max(10, int(min(timeout_ms, 4000) / 100))
            try:
                await page.evaluate(_SETTLE_JS, [s.policy_min_chars, rounds])
            except PlaywrightError as exc:  # the page navigated away or crashed mid-wait
                return _Fetch(reason=f"page did not settle: {_first_line(exc)}")
            html = await page.content()
            title = await page.title()
    except TimeoutError:
        return _Fetch(reason=f"timed out after {s.policy_page_timeout_s:g}s")
    except PlaywrightError as exc:
        return _Fetch(reason=f"browser error: {_first_line(exc)}")
    except LoopwhoError as exc:  # the pool is busy or its browser died: Firecrawl still can help
        return _Fetch(reason=f"browser pool: {exc}")
    markdown = normalise_policy(html, url)
    wall = bot_wall_reason(html, markdown)
    if wall:
        return _Fetch(reason=wall)
    if len(markdown) < s.policy_min_chars:
        return _Fetch(reason=f"the page is empty (only {len(markdown)} characters of text)")
    return _Fetch(markdown=markdown, title=title)


def _first_line(exc: BaseException) -> str:
    lines = str(exc).strip().splitlines()
    return lines[0][:200] if lines else type(exc).__name__
