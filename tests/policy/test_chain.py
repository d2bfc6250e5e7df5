"""The policy chain in real Chromium: the browser when it can, Firecrawl when the page is walled off,
blocked or too slow, a clear status when neither works, and never a cookie on the way."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import pytest
from playwright.async_api import Browser, BrowserContext

from core.selector_pack import PolicyRef
from core.settings import Settings
from scanner.firecrawl_client import FirecrawlClient
from scanner.policy import fetch_policies
from standins.firecrawl import FirecrawlStandIn
from tests.policy.conftest import NewContext, Pack
from tests.policy.policy_site import HOST, URL, PolicySite

pytestmark = pytest.mark.browser

PACK = Pack([PolicyRef(key="privacy_policy", url=URL, title="loopwho Privacy Policy")])


async def test_browser_reads_the_policy_the_same_way_twice(
        policy_context: NewContext, site: PolicySite, firecrawl: FirecrawlClient,
        firecrawl_standin: FirecrawlStandIn, policy_settings: Settings) -> None:
    [first] = await fetch_policies(policy_context, PACK, firecrawl, policy_settings)
    [second] = await fetch_policies(policy_context, PACK, firecrawl, policy_settings)
    assert (first.method, first.status, first.error) == ("browser", "ok", None)
    assert first.markdown == second.markdown  # despite the clock, tokens and script-written lines
    assert [s.sha256 for s in first.sections] == [s.sha256 for s in second.sections]
    assert len(first.sections) == 5 and first.sections[3].heading == "Sharing your information"
    assert "Last viewed" not in first.markdown and "request id" not in first.markdown
    assert firecrawl_standin.requests == []  # Firecrawl costs credits: not used when not needed

    site.publish("Keeping your information", "We keep data for 18 months.", effective="March 1, 2027")
    [third] = await fetch_policies(policy_context, PACK, firecrawl, policy_settings)
    changed = [a.heading for a, b in zip(first.sections, third.sections, strict=True) if a.sha256 != b.sha256]
    assert changed == ["Privacy Policy", "Keeping your information"]


@pytest.mark.parametrize("block", ["403", "captcha", "slow"])
async def test_a_blocked_page_falls_back_to_firecrawl(
        policy_context: NewContext, site: PolicySite, firecrawl: FirecrawlClient,
        firecrawl_standin: FirecrawlStandIn, policy_settings: Settings, block: str) -> None:
    [browser_doc] = await fetch_policies(policy_context, PACK, firecrawl, policy_settings)
    site.block = block
    [doc] = await fetch_policies(policy_context, PACK, firecrawl, policy_settings)
    assert (doc.method, doc.status) == ("firecrawl", "ok")
    # the same normaliser on both paths: a method switch is not a policy change
    assert doc.markdown == browser_doc.markdown
    assert [s.sha256 for s in doc.sections] == [s.sha256 for s in browser_doc.sections]
    [request] = firecrawl_standin.requests
    assert request.body is not None and request.body["url"] == URL


async def test_firecrawl_errors_after_a_block_are_statuses(
        policy_context: NewContext, site: PolicySite, firecrawl: FirecrawlClient,
        firecrawl_standin: FirecrawlStandIn, policy_settings: Settings) -> None:
    site.block = "403"
    firecrawl_standin.set_mode("out_of_credits")
    [doc] = await fetch_policies(policy_context, PACK, firecrawl, policy_settings)
    assert (doc.method, doc.status) == ("firecrawl", "firecrawl_out_of_credits")
    assert (doc.markdown, doc.sections) == ("", [])
    assert doc.error is not None and "HTTP 403" in doc.error and "credits" in doc.error

    [doc] = await fetch_policies(policy_context, PACK, None, policy_settings)
    assert doc.status == "firecrawl_not_configured" and "FIRECRAWL_API_KEY" in (doc.error or "")


async def test_no_cookie_reaches_the_page_or_firecrawl(
        policy_browser: Browser, site: PolicySite, firecrawl: FirecrawlClient,
        firecrawl_standin: FirecrawlStandIn, policy_settings: Settings) -> None:
    secret = "SID-secret-value-0123456789"

    @asynccontextmanager
    async def context_with_a_session() -> AsyncIterator[BrowserContext]:
        # a context that (wrongly) still carries a user's session for the policy's host
        context = await policy_browser.new_context()
        await context.add_cookies([{"name": "SID", "value": secret, "domain": HOST, "path": "/"}])
        try:
            yield context
        finally:
            await context.close()

    [doc] = await fetch_policies(context_with_a_session, PACK, firecrawl, policy_settings)
    assert doc.method == "browser" and doc.status == "ok"
    site.block = "403"
    [doc] = await fetch_policies(context_with_a_session, PACK, firecrawl, policy_settings)
    assert doc.method == "firecrawl" and doc.status == "ok"

    assert site.received, "the site saw no request"
    assert all("Cookie" not in headers for headers in site.received)
    [request] = firecrawl_standin.requests
    assert "cookie" not in {k.lower() for k in request.headers}
    assert secret.encode() not in request.raw_body and b"SID" not in request.raw_body
    assert request.body is not None and "headers" not in request.body  # no headers forwarded to pages
    assert all("Cookie" not in headers for headers in firecrawl_standin.target_requests)
