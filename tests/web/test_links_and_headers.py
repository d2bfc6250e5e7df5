"""Every link loopwho writes leads to a page: the e-mails (alerts, digest, reconnect, scan failure,
pack degraded, account mail), Stripe's success and cancel URLs, the extension's own links, and every
link on every page (a crawler, signed in as an operator who sees every page). Along the way: each
page's security headers, no CSP violation in the browser, and no form answers 500 to junk."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit

import asyncpg
import httpx
from playwright.async_api import Page, Route

from core.types import ChangeEvent
from notify.templates import (
    DigestItem,
    Recipient,
    render_change_email,
    render_digest,
    render_pack_degraded_email,
    render_reconnect_email,
    render_scan_failed_email,
)
from notify.unsubscribe import unsubscribe_url
from tests.web.conftest import REPO, RunningApp

EXTENSION = REPO / "extension"
_EXTENSION_LINK = re.compile(r'new URL\("(/[a-z][a-z/_-]*)"|\}(/[a-z][a-zA-Z/_-]*)[`?"*]')


def _hrefs(html: str) -> list[str]:
    return re.findall(r'href="([^"]+)"', html)


async def _mail_links(app: RunningApp, user_id: str, email: str) -> set[str]:
    """The links of every e-mail template, rendered the way jobs.notifications renders them."""
    conn = await asyncpg.connect(app.env["DATABASE_URL"])
    try:
        token = await conn.fetchval("SELECT unsubscribe_token FROM users WHERE id = $1::uuid", user_id)
    finally:
        await conn.close()
    base = app.url
    user = Recipient(email=email, user_id=user_id, unsubscribe_url=unsubscribe_url(base, token))
    change = ChangeEvent(user_id=user_id, platform="google", change_type="setting_changed",
                         change_data={"key": "web_app_activity", "label": "Web & App Activity", "old": "off",
                                      "new": "on"}, impact_level="high", created_at=datetime.now(UTC))
    mails = [render_change_email(user, "google", [change], None, f"{base}/dashboard"),
             render_digest(user, [DigestItem(platform="google", changes=[change])], f"{base}/dashboard"),
             render_reconnect_email(user, "google", f"{base}/connections"),
             render_scan_failed_email(user, "google", "timed out", f"{base}/dashboard"),
             render_pack_degraded_email("google", datetime.now(UTC), "hit rate fell", base)]
    links = {link for mail in mails for link in _hrefs(mail.html) + re.findall(r"https?://\S+", mail.text)}
    links |= {link for m in app.mails_to(email) for link in _hrefs(m.html or "")}
    return {link.rstrip(".") for link in links if link.startswith(base)}


def _extension_links(base: str) -> set[str]:
    found = set()
    for path in EXTENSION.rglob("*.js"):
        for a, b in _EXTENSION_LINK.findall(path.read_text()):
            found.add(base + (a or b))
    return found


async def _crawl(page: Page, start: str, base: str) -> dict[str, int]:
    """Every same-origin page reachable by links from ``start`` (not the API, not sign-out)."""
    seen: dict[str, int] = {}
    queue = [start]
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        answer = await page.goto(url)
        seen[url] = answer.status if answer else 0
        for href in await page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            target = urljoin(url, href).split("#")[0]
            parts = urlsplit(target)
            if target.startswith(base) and not parts.path.startswith(("/api/", "/static/")) and target not in seen:
                queue.append(target)
    return seen


async def _signed_in_operator(page: Page, app: RunningApp, email: str) -> str:
    """`loopwho admin create EMAIL`, then sign in with the password it printed."""
    done = await asyncio.to_thread(
        subprocess.run, [sys.executable, "-m", "cli.main", "admin", "create", email], cwd=REPO,
        env={**os.environ, **app.env}, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    password = done.stdout.split("password (shown once; change it in /settings): ")[1].split()[0]
    await page.goto(f"{app.url}/signin")
    await page.get_by_label("E-mail address").fill(email)
    await page.get_by_label("Password").fill(password)
    await page.get_by_role("button", name="Sign in").click()
    await page.wait_for_url("**/dashboard")
    return email


async def test_every_link_loopwho_writes_opens_a_page(page: Page, web_app: RunningApp) -> None:
    base = web_app.url
    email = await _signed_in_operator(page, web_app, "links-operator@example.com")
    user_id = (await (await page.request.get(f"{base}/api/auth/me")).json())["id"]

    # a reset e-mail for this person, so the account mails are among the links too
    async with httpx.AsyncClient(base_url=base) as anon:
        form = await anon.get("/reset")
        csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
        assert (await anon.post("/reset", data={"csrf": csrf, "email": email})).status_code == 200

    # Stripe's return URLs, as billing/ wrote them into a real checkout session
    async def stripe_page(route: Route) -> None:
        await route.fulfill(status=200, content_type="text/html", body="<title>Stripe</title>")

    await page.route("https://checkout.stripe.com/**", stripe_page)
    await page.goto(f"{base}/billing")
    await page.get_by_role("button", name="Buy credits").click()
    await page.wait_for_url("https://checkout.stripe.com/**")
    session = list(web_app.stripe.sessions.values())[-1]

    links = await _mail_links(web_app, user_id, email)
    links |= {session["success_url"], session["cancel_url"]}
    links |= _extension_links(base)
    assert any("/unsubscribe/" in link for link in links) and any("/reset/" in link for link in links)
    assert f"{base}/billing" in links and f"{base}/dashboard" in links
    broken = {}
    for link in sorted(links - {link for link in links if "/reset/" in link}):
        answer = await page.goto(link)
        if answer is None or answer.status != 200:
            broken[link] = answer.status if answer else None
    assert not broken, broken
    reset = next(link for link in links if "/reset/" in link)
    assert (await page.goto(reset)).status == 200  # type: ignore[union-attr]

    # and every link on every page
    crawled = await _crawl(page, f"{base}/", base)
    assert len(crawled) >= 8, crawled
    assert {u: s for u, s in crawled.items() if s != 200} == {}


async def test_pages_send_security_headers_and_break_no_csp_rule(page: Page, web_app: RunningApp) -> None:
    base = web_app.url
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    await _signed_in_operator(page, web_app, "headers-operator@example.com")
    for path in ("/", "/signin", "/signup", "/dashboard", "/connect", "/history", "/settings", "/billing", "/ops",
                 "/settings/erase", "/reset"):
        answer = await page.goto(base + path)
        assert answer is not None and answer.status == 200, path
        headers = await answer.all_headers()
        csp = headers["content-security-policy"]
        assert "unsafe-inline" not in csp and "frame-ancestors 'none'" in csp and "script-src 'self'" in csp
        assert headers["x-content-type-options"] == "nosniff"
        assert headers["referrer-policy"] == "no-referrer"
        assert headers["cache-control"] == "no-store"
    assert not violations, violations
    for cookie in await page.context.cookies():
        assert cookie["httpOnly"] and cookie["sameSite"] == "Lax", cookie


async def test_no_form_answers_500_to_junk(page: Page, web_app: RunningApp) -> None:
    """Every form of every page, posted with junk in each field (with and without its CSRF token)."""
    base = web_app.url
    await _signed_in_operator(page, web_app, "junk-operator@example.com")
    cookies = {c["name"]: c["value"] for c in await page.context.cookies()}
    junk = ["", "x" * 5000, "<script>alert(1)</script>' OR 1=1 --", "\u0000../../etc/passwd", "99999999999999999999"]
    answers: dict[str, set[int]] = {}
    async with httpx.AsyncClient(base_url=base, cookies=cookies, timeout=30) as client:
        for path in ("/", "/signin", "/signup", "/reset", "/dashboard", "/connect", "/history", "/settings",
                     "/billing", "/ops", "/settings/erase"):
            await page.goto(base + path)
            forms = await page.eval_on_selector_all("form", """forms => forms.map(f => ({
                action: f.getAttribute('action'), method: (f.getAttribute('method') || 'get').toLowerCase(),
                fields: [...f.elements].filter(e => e.name).map(e => [e.name, e.value])}))""")
            for form in forms:
                if form["action"] in ("/signout",):
                    continue
                for value in junk:
                    for keep_csrf in (True, False):
                        data = {name: (v if name == "csrf" and keep_csrf else value) for name, v in form["fields"]}
                        if form["method"] == "post":
                            answer = await client.post(form["action"], data=data)
                        else:
                            answer = await client.get(form["action"], params=data)
                        answers.setdefault(form["action"], set()).add(answer.status_code)
    assert len(answers) >= 10, answers
    assert not {action: codes for action, codes in answers.items() if any(c >= 500 for c in codes)}, answers
