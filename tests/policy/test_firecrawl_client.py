"""firecrawl-py (the real SDK) against the Firecrawl stand-in: content on success, and each documented
error answer turned into a clear status instead of an exception."""

from __future__ import annotations

import time

import pytest

from core.settings import Settings
from scanner.firecrawl_client import FirecrawlClient
from standins.firecrawl import FirecrawlStandIn
from tests.conftest import free_port
from tests.policy.conftest import API_KEY
from tests.policy.policy_site import URL, PolicySite


async def test_success_returns_the_page_with_the_seed_options(
        firecrawl: FirecrawlClient, firecrawl_standin: FirecrawlStandIn, site: PolicySite) -> None:
    outcome = await firecrawl.scrape(URL)
    assert outcome.ok and outcome.status == "ok" and outcome.error is None
    assert outcome.page_status_code == 200 and outcome.title == "loopwho Privacy Policy"
    assert "## Sharing your information" in outcome.markdown
    assert "<h2" in outcome.html and "<script" not in outcome.html and "<nav" not in outcome.html
    [request] = firecrawl_standin.requests
    assert request.path == "/v2/scrape"
    assert request.headers["Authorization"] == f"Bearer {API_KEY}"
    body = request.body
    assert body is not None
    assert body["url"] == URL
    assert body["formats"] == ["markdown", "html"]
    assert body["excludeTags"] == ["script", "style", "nav"]
    assert body["waitFor"] == 2000
    assert "includeTags" not in body  # a policy page wants all of its text


async def test_settings_pages_ask_only_for_form_controls(
        firecrawl: FirecrawlClient, firecrawl_standin: FirecrawlStandIn, site: PolicySite) -> None:
    firecrawl_standin.set_page("https://myactivity.google.com/activitycontrols",
                               "<main><h1>Activity controls</h1><form><input type=checkbox checked>"
                               "<button aria-pressed=true>Web &amp; App Activity</button></form></main>")
    outcome = await firecrawl.scrape("https://myactivity.google.com/activitycontrols", settings_page=True)
    assert outcome.ok
    assert firecrawl_standin.requests[-1].body["includeTags"] == ["form", "input", "select", "button"]
    assert "<form>" in outcome.html and "<h1>" not in outcome.html


@pytest.mark.parametrize(("mode", "status", "words"), [
    ("unauthorized", "firecrawl_unauthorized", "API key"),
    ("out_of_credits", "firecrawl_out_of_credits", "credits"),
    ("rate_limited", "firecrawl_rate_limited", "rate limit"),
    ("server_error", "firecrawl_unavailable", "HTTP 500"),
    ("unavailable", "firecrawl_unavailable", "HTTP 503"),
])
async def test_error_answers_become_clear_statuses(
        firecrawl: FirecrawlClient, firecrawl_standin: FirecrawlStandIn,
        mode: str, status: str, words: str) -> None:
    firecrawl_standin.set_mode(mode)
    outcome = await firecrawl.scrape(URL)
    assert (outcome.status, outcome.ok, outcome.markdown) == (status, False, "")
    assert words in (outcome.error or "")


async def test_a_wrong_key_is_refused_by_the_standin(firecrawl_standin: FirecrawlStandIn) -> None:
    outcome = await FirecrawlClient("fc-wrong-key", firecrawl_standin.url, max_retries=1).scrape(URL)
    assert outcome.status == "firecrawl_unauthorized"
    assert "fc-wrong-key" not in repr(outcome)


async def test_unreachable_and_slow_firecrawl_are_reported_not_raised(
        firecrawl_standin: FirecrawlStandIn) -> None:
    nobody = FirecrawlClient(API_KEY, f"http://127.0.0.1:{free_port()}", max_retries=1)
    outcome = await nobody.scrape(URL)
    assert outcome.status == "firecrawl_unreachable" and "cannot be reached" in (outcome.error or "")

    firecrawl_standin.set_mode("timeout", timeout_s=2.0)
    started = time.monotonic()
    outcome = await FirecrawlClient(API_KEY, firecrawl_standin.url, timeout_s=0.5, max_retries=1).scrape(URL)
    assert outcome.status == "firecrawl_unreachable" and "timed out" in (outcome.error or "")
    assert time.monotonic() - started < 1.9


async def test_a_page_error_behind_firecrawl_is_not_content(
        firecrawl: FirecrawlClient, firecrawl_standin: FirecrawlStandIn) -> None:
    firecrawl_standin.set_page("https://policies.loopwho.test/gone", "<p>Not here</p>", status=404)
    outcome = await firecrawl.scrape("https://policies.loopwho.test/gone")
    assert outcome.status == "firecrawl_page_error" and outcome.page_status_code == 404


async def test_not_configured_sends_nothing(firecrawl_standin: FirecrawlStandIn) -> None:
    firecrawl_standin.clear()
    client = FirecrawlClient.from_settings(Settings())
    assert not client.configured
    outcome = await client.scrape(URL)
    assert outcome.status == "firecrawl_not_configured" and "FIRECRAWL_API_KEY" in (outcome.error or "")
    assert firecrawl_standin.requests == []


def test_settings_configure_the_client(firecrawl_standin: FirecrawlStandIn) -> None:
    settings = Settings(firecrawl_api_key="fc-k", firecrawl_api_url=firecrawl_standin.url)
    client = FirecrawlClient.from_settings(settings)
    assert client.configured and client.api_url == firecrawl_standin.url
    assert "fc-k" not in repr(client)
