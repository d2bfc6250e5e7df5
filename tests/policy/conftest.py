"""Policy fixtures: a noisy local policy site, one real Chromium per module that reaches it under its
own host name, cookie-less contexts, and the Firecrawl stand-in that can reach the site too."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from typing import Any

import pytest
from playwright.async_api import Browser, BrowserContext, async_playwright

from core.settings import Settings
from scanner.firecrawl_client import FirecrawlClient
from scanner.pool import CHROMIUM_ARGS
from standins.firecrawl import FirecrawlStandIn
from tests.policy.policy_site import HOST, PolicySite, serve

CHROMIUM = "/usr/lib/chromium/chromium"
API_KEY = "fc-policy-test-key"


@pytest.fixture(scope="module")
def site_server() -> Iterator[tuple[PolicySite, int]]:
    site = PolicySite()
    server = serve(site)
    yield site, server.server_address[1]
    server.shutdown()
    server.server_close()


@pytest.fixture
def site(site_server: tuple[PolicySite, int]) -> PolicySite:
    """The module's site, reset to version 1, unblocked, with no recorded requests."""
    s = site_server[0]
    fresh = PolicySite()
    s.sections, s.effective, s.block = fresh.sections, fresh.effective, None
    s.received.clear()
    return s


@pytest.fixture(scope="module")
async def policy_browser(site_server: tuple[PolicySite, int]) -> AsyncIterator[Browser]:
    rules = f"--host-resolver-rules=MAP {HOST} 127.0.0.1:{site_server[1]}, EXCLUDE localhost"
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, headless=True,
                                           args=[*CHROMIUM_ARGS, rules])
        yield browser
        await browser.close()


NewContext = Callable[[], AbstractAsyncContextManager[BrowserContext]]


@pytest.fixture
def policy_context(policy_browser: Browser) -> NewContext:
    @asynccontextmanager
    async def make() -> AsyncIterator[BrowserContext]:
        context = await policy_browser.new_context(ignore_https_errors=True)
        try:
            yield context
        finally:
            await context.close()

    return make


@pytest.fixture(scope="module")
def firecrawl_standin(site_server: tuple[PolicySite, int]) -> Iterator[FirecrawlStandIn]:
    with FirecrawlStandIn(api_key=API_KEY, resolve={HOST: site_server[1]}) as standin:
        yield standin


@pytest.fixture
def firecrawl(firecrawl_standin: FirecrawlStandIn) -> FirecrawlClient:
    firecrawl_standin.set_mode("ok")
    firecrawl_standin.clear()
    return FirecrawlClient(API_KEY, firecrawl_standin.url, timeout_s=5, max_retries=1)


@pytest.fixture
def policy_settings() -> Settings:
    return Settings(policy_page_timeout_s=3.0, policy_min_chars=100)


class Pack:
    """The part of a selector pack fetch_policies reads."""

    def __init__(self, policies: list[Any]) -> None:
        self.policies = policies
