"""Web-app fixtures: one real `loopwho serve` for all of tests/web (its own Redis database, the resend and
Stripe stand-ins behind the real SDKs), one headless Debian Chromium for all of them, and helpers that
sign a person up through the pages as they would."""

from __future__ import annotations

import re
import secrets
import subprocess
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from axe_playwright_python.async_playwright import Axe
from playwright.async_api import Browser, BrowserContext, Page, Playwright, async_playwright

from core.crypto import generate_key
from scanner.pool import CHROMIUM_ARGS
from standins.resend import ResendStandin
from standins.stripe import StripeStandin
from tests.conftest import free_port, start_serve

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/lib/chromium/chromium"
SCREENSHOTS = REPO / "docs" / "screenshots"
PASSWORD = "correct horse battery staple"
RESEND_KEY = "re_web_tests"
STRIPE_KEY = "sk_test_" + "w" * 24
PLAN_PRICE = "price_plan_monthly"
CREDITS_PRICE = "price_credits_100"
_redis_db = iter(range(3, 16))


@dataclass
class RunningApp:
    url: str
    env: dict[str, str]
    mail: ResendStandin
    stripe: StripeStandin
    log: Path

    def links_in_last_mail(self, to: str) -> list[str]:
        mail = next(m for m in reversed(self.mail.sent) if to in m.to)
        return re.findall(r'href="([^"]+)"', mail.html or "")

    def mails_to(self, to: str) -> list:
        return [m for m in self.mail.sent if to in m.to]


def start_server(env: dict[str, str], log: Path) -> subprocess.Popen:
    return start_serve(env, int(env["LOOPWHO_PUBLIC_URL"].rsplit(":", 1)[1]), log)


@pytest.fixture(scope="session")
def web_env(database_url: str, redis_server_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """Environment for the server (and the journey's worker), with the stand-ins running."""
    home = tmp_path_factory.mktemp("web")
    port = free_port()
    with ResendStandin(api_key=RESEND_KEY) as mail, StripeStandin(
            api_key=STRIPE_KEY, prices={PLAN_PRICE: "recurring", CREDITS_PRICE: "one_time"}) as stripe:
        env = {
            "DATABASE_URL": database_url,
            "REDIS_URL": redis_server_url.rsplit("/", 1)[0] + f"/{next(_redis_db)}",
            "LOOPWHO_BLOB_DIR": str(home / "privacy-data"),
            "LOOPWHO_ENCRYPTION_KEYS": f"t1:{generate_key()}",
            "LOOPWHO_JWT_SECRET": secrets.token_urlsafe(32),
            "LOOPWHO_HOME": str(home / "home"),
            "LOOPWHO_PUBLIC_URL": f"http://127.0.0.1:{port}",
            "RESEND_API_KEY": RESEND_KEY,
            "LOOPWHO_RESEND_API_URL": mail.url,
            "STRIPE_SECRET_KEY": STRIPE_KEY,
            "LOOPWHO_STRIPE_API_BASE": stripe.url,
            "LOOPWHO_STRIPE_SUBSCRIPTION_PRICE_ID": PLAN_PRICE,
            "LOOPWHO_STRIPE_CREDITS_PRICE_ID": CREDITS_PRICE,
            "LOOPWHO_STRIPE_MAX_NETWORK_RETRIES": "0",
            # one browser signs many people up and in from 127.0.0.1
            "LOOPWHO_AUTH_ATTEMPTS_PER_MINUTE": "1000",
            "LOOPWHO_RATE_LIMIT_IP_PER_MINUTE": "100000",
            "LOOPWHO_RATE_LIMIT_PER_MINUTE": "100000",
        }
        yield {"env": env, "mail": mail, "stripe": stripe, "home": home}


@pytest.fixture(scope="session")
def web_app(web_env: dict) -> Iterator[RunningApp]:
    """`loopwho serve` for the web tests (started once: each test signs up its own people)."""
    log = web_env["home"] / "serve.log"
    proc = start_server(web_env["env"], log)
    yield RunningApp(url=web_env["env"]["LOOPWHO_PUBLIC_URL"], env=web_env["env"], mail=web_env["mail"],
                     stripe=web_env["stripe"], log=log)
    proc.terminate()
    proc.wait(10)


@pytest.fixture(scope="session")
async def pw() -> AsyncIterator[Playwright]:
    async with async_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
async def browser(pw: Playwright) -> AsyncIterator[Browser]:
    launched = await pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=list(CHROMIUM_ARGS))
    yield launched
    await launched.close()


@pytest.fixture
async def context(browser: Browser) -> AsyncIterator[BrowserContext]:
    """A fresh cookie jar per test (a different person), English unless the test asks otherwise."""
    ctx = await browser.new_context(locale="en-US")
    yield ctx
    await ctx.close()


@pytest.fixture
async def page(context: BrowserContext) -> AsyncIterator[Page]:
    p = await context.new_page()
    yield p
    await p.close()


_axe = Axe()


async def assert_accessible(page: Page) -> None:
    """axe-core (bundled with axe-playwright-python, no CDN) finds no serious or critical violation."""
    results = await _axe.run(page)
    bad = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not bad, [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in bad]


async def screenshot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


async def sign_up(page: Page, app: RunningApp, *, name: str = "Ada") -> str:
    """Sign up through the page and follow the e-mail's confirmation link; returns the address."""
    email = f"web-{secrets.token_hex(4)}@example.com"
    await page.goto(f"{app.url}/signup")
    await page.get_by_label("Name (optional)").fill(name)
    await page.get_by_label("E-mail address").fill(email)
    await page.get_by_label("Password").fill(PASSWORD)
    await page.get_by_role("button", name="Create account").click()
    await page.wait_for_url("**/verify")
    link = next(link for link in app.links_in_last_mail(email) if "/verify/" in link)
    await page.goto(link)
    await page.wait_for_url("**/connect**")
    return email
