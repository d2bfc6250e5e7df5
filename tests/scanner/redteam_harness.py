# ruff: noqa: E501
"""The harness of the red-team page files (``test_redteam_pages*.py``).

A file makes one :class:`Suite` (its cases, its known failures, its page shell, its judging), registers
its pages with ``SUITE.case(...)`` and takes its two module fixtures from ``SUITE.fixtures()``:

* ``site``: a local HTTP server serving each case's page at ``/<id>/`` and its extra files under it
  (with their delays), so same-origin iframes, delayed ``fetch`` and script redirects work;
* ``outcomes``: every selected case read once through ``read_page_settled`` in one real Chromium (its
  own event loop in its own thread), ``suite.concurrency`` browser contexts at a time; ``solo`` cases
  are read alone after the concurrent batch.

Every page carries a recorder script that catches the events a reader could use to change a setting
(in the document, in open and closed shadow roots, and in same-origin iframes, which report into the
top page). :func:`judge` checks the readings against the expectations:

* a plain value: read with exactly that value, at ``confident`` or above, and not a conflict;
* ``None``: no value at ``confident`` or above (or the key is in ``.conflicts``);
* ``Either(v)``: ``v`` or nothing, never another value at ``confident`` or above.

With ``confident=0.0`` this is the plain judging (any value counts); with ``CONFIDENT`` (0.8) a plain
value must be confident, and a value below 0.8 counts as no value.
"""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.async_api import async_playwright

from packs.loading import load_default_pack
from scanner.extract import read_page_settled
from scanner.pool import CHROMIUM_ARGS
from scanner.settle import NetworkWatch

CHROMIUM = "/usr/lib/chromium/chromium"
CONFIDENT = 0.8

HTML = "text/html; charset=utf-8"
JSON = "application/json"

# The keys each page of each pack carries (from selectors/<platform>/1.yaml).
PAGE_KEYS: dict[tuple[str, str], tuple[str, ...]] = {
    ("google", "activity_controls"): ("web_app_activity", "timeline", "youtube_history"),
    ("google", "web_app_activity"): ("auto_delete",),
    ("google", "ad_center"): ("personalized_ads",),
    ("facebook", "privacy"): ("future_posts_audience", "friend_requests", "lookup_email", "search_engine_link"),
    ("facebook", "ad_settings"): ("partner_ads",),
    ("microsoft", "privacy_dashboard"): ("location_activity", "search_history"),
    ("microsoft", "ad_settings"): ("personalized_ads_account", "personalized_ads_browser"),
}


@dataclass(frozen=True)
class Either:
    """The reader may return this value or nothing, never another (confident) value."""

    value: str


@dataclass
class Case:
    id: str
    platform: str
    page_key: str
    body: str
    expected: dict[str, str | Either | None]
    head: str = ""
    files: dict[str, tuple[str, str, float]] = field(default_factory=dict)  # name -> (body, content type, delay s)
    color_scheme: str = "light"
    viewport: tuple[int, int] = (1100, 800)
    final_path: str = ""  # where the page itself navigates to ("" = stays on /<id>/)
    solo: bool = False  # timing-sensitive: read alone, after the concurrent batch
    lang: str = "en"


# --------------------------------------------------------------------------------------------
# recorder: every event a reader could use to change a setting
# --------------------------------------------------------------------------------------------

# clicks on these (disclosure widgets and tabs) are allowed
DISCLOSURES = "[role=tab], summary, button[aria-expanded]:not([aria-haspopup=listbox]):not([role=combobox])"
# rounds 3 on: disclosures that open no popup, summaries and tabs (a menu button, "Turn off" with a
# menu of "Turn off and delete activity", a listbox or a dialog opener is a first step to a change)
ALLOWED_CLICKS = ("[role=tab], summary, button[aria-expanded]:not([aria-haspopup]):not([role=combobox]), "
                  "[role=button][aria-expanded]:not([aria-haspopup]):not([role=combobox])")


def sw(on: bool) -> str:
    """aria-checked's value for a state."""
    return "true" if on else "false"


def ck(on: bool) -> str:
    """The checked attribute for a state."""
    return " checked" if on else ""
EVENT_TYPES = ("click", "dblclick", "auxclick", "change", "input", "keydown", "submit", "reset")

_RECORDER = r"""<script>
(function () {
  var sink = null;
  try { if (window.top !== window && window.top.__rtEvents) sink = window.top.__rtEvents; } catch (e) { sink = null; }
  if (!sink) sink = [];
  window.__rtEvents = sink;
  var ALLOWED = '%(allowed)s', CLICKS_ONLY = %(clicks_only)s;
  function describe(el) {
    if (!el || !el.tagName) return String(el && el.nodeName);
    var s = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '');
    var r = el.getAttribute('role'); if (r) s += '[role=' + r + ']';
    return s + ' "' + (el.textContent || '').trim().replace(/\s+/g, ' ').slice(0, 40) + '"';
  }
  function rec(e) {
    var p = e.composedPath ? e.composedPath() : [];
    var t = p[0] || e.target;
    var el = t && t.nodeType === 1 ? t : (t && t.parentElement) || null;
    var allowed = !!((!CLICKS_ONLY || e.type === 'click') && el && el.closest && el.closest(ALLOWED));
    sink.push({type: e.type, target: describe(el), allowed: allowed, trusted: e.isTrusted});
  }
  var TYPES = %(types)s;
  TYPES.forEach(function (t) { window.addEventListener(t, rec, true); });
  var orig = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init) {
    var root = orig.call(this, init);
    TYPES.forEach(function (t) { root.addEventListener(t, function (e) { if (!e.composed) rec(e); }, true); });
    return root;
  };
})();
</script>"""


def recorder(allowed: str = DISCLOSURES, types: tuple[str, ...] = EVENT_TYPES, clicks_only: bool = True) -> str:
    """The recorder script: every event of ``types`` is recorded; an event on (or in) an element
    matching ``allowed`` is marked allowed (only clicks, with ``clicks_only``)."""
    return _RECORDER % {"allowed": allowed, "clicks_only": "true" if clicks_only else "false",
                        "types": "[" + ", ".join(f"'{t}'" for t in types) + "]"}


# --------------------------------------------------------------------------------------------
# a file's pages
# --------------------------------------------------------------------------------------------

class Suite:
    """One test file's pages, known failures (id -> what the reader got), page shell and judging."""

    def __init__(self, *, css: str, recorder: str = recorder(), confident: float = CONFIDENT, concurrency: int = 8) -> None:
        self.css = css
        self.recorder = recorder
        self.confident = confident
        self.concurrency = concurrency
        self.cases: list[Case] = []
        self.xfail: dict[str, str] = {}

    def case(self, *args: Any, **kwargs: Any) -> Case:
        c = Case(*args, **kwargs)
        self.cases.append(c)
        return c

    def doc(self, body: str, head: str = "", lang: str = "en") -> str:
        return f"<!doctype html><html lang={lang}><head><meta charset=utf-8><title>Settings</title>{self.recorder}{self.css}{head}</head><body>{body}</body></html>"

    def params(self) -> list[Any]:
        return [pytest.param(c, id=c.id, marks=[pytest.mark.xfail(strict=True, reason=self.xfail[c.id])] if c.id in self.xfail else []) for c in self.cases]

    def check_cases(self, at_least: int, every_key: bool) -> None:
        """Ids distinct, every pack page covered, expectations only for the page's keys (all of
        them, with ``every_key``), known failures only for cases that exist."""
        assert len(self.cases) >= at_least
        assert len({c.id for c in self.cases}) == len(self.cases)
        assert {(c.platform, c.page_key) for c in self.cases} == set(PAGE_KEYS)
        for c in self.cases:
            keys = set(PAGE_KEYS[(c.platform, c.page_key)])
            assert (set(c.expected) == keys) if every_key else (set(c.expected) <= keys), c.id
        assert set(self.xfail) <= {c.id for c in self.cases}

    def fixtures(self) -> tuple[Callable[..., Any], Callable[..., Any]]:
        """The module fixtures ``site`` and ``outcomes`` (assign them to those names)."""
        suite = self

        @pytest.fixture(scope="module", name="site")
        def site() -> Iterator[Site]:
            s = Site(suite)
            yield s
            s.close()

        @pytest.fixture(scope="module", name="outcomes")
        def outcomes(request: pytest.FixtureRequest, site: Site) -> dict[str, Outcome]:
            """Read every selected case once in one Chromium (own event loop, own thread)."""
            wanted = {item.callspec.params["c"].id for item in request.session.items
                      if getattr(item, "module", None) is request.module and hasattr(item, "callspec") and "c" in item.callspec.params}
            cases = [c for c in suite.cases if c.id in wanted]
            with ThreadPoolExecutor(1) as pool:
                return pool.submit(asyncio.run, read_all(site, cases, suite.concurrency)).result()

        return site, outcomes

    def tests(self, *, at_least: int, every_key: bool) -> tuple[Callable[..., None], Callable[..., None]]:
        """The file's two tests (assign them to test names, after the last case and known failure):
        the check of the cases themselves, and one test a page (known failures strict xfail)."""
        suite = self

        def test_cases() -> None:
            suite.check_cases(at_least, every_key)

        @pytest.mark.parametrize("c", self.params())
        def test_page(c: Case, site: Site, outcomes: dict[str, Outcome]) -> None:
            suite.check_page(c, site, outcomes[c.id])

        return test_cases, test_page

    def check_page(self, c: Case, site: Site, out: Outcome) -> None:
        """The test of one page: judged readings, no error, no navigation, no acting on controls."""
        problems = judge(c, out, self.confident)
        if out.error:
            problems.insert(0, f"reader raised {out.error}")
        want_url = site.base + (c.final_path or f"/{c.id}/")
        if out.final_url != want_url:
            problems.append(f"page navigated to {out.final_url} (expected {want_url})")
        bad = [e for e in out.events if not e["allowed"]]
        if bad:
            problems.append(f"reader acted on controls: {bad[:5]}")
        assert not problems, "; ".join(problems) + f" | readings={out.readings} conflicts={out.conflicts} page_errors={out.page_errors} ({out.seconds:.1f}s)"


# --------------------------------------------------------------------------------------------
# the local site, the reading, the judging
# --------------------------------------------------------------------------------------------

class Site:
    def __init__(self, suite: Suite) -> None:
        self.routes: dict[str, tuple[bytes, str, float]] = {}
        for c in suite.cases:
            self.routes[f"/{c.id}/"] = (suite.doc(c.body, c.head, c.lang).encode(), HTML, 0.0)
            for name, (body, ctype, delay) in c.files.items():
                self.routes[f"/{c.id}/{name}"] = (body.encode(), ctype, delay)
        routes = self.routes

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path.split("?", 1)[0]
                body, ctype, delay = routes.get(path, (b"<!doctype html><title>elsewhere</title><h1>Somewhere else</h1>", HTML, 0.0))
                if delay:
                    time.sleep(delay)
                self.send_response(200 if path in routes else 404)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Outcome:
    readings: list[tuple[str, Any, float]] = field(default_factory=list)
    conflicts: dict[str, str] = field(default_factory=dict)
    events: list[dict] = field(default_factory=list)
    final_url: str = ""
    error: str = ""
    page_errors: list[str] = field(default_factory=list)
    seconds: float = 0.0


async def read_one(browser: Any, site: Site, c: Case, sem: asyncio.Semaphore) -> Outcome:
    async with sem:
        out = Outcome()
        t0 = time.monotonic()
        pack = load_default_pack(c.platform)
        context = await browser.new_context(viewport={"width": c.viewport[0], "height": c.viewport[1]}, color_scheme=c.color_scheme)
        try:
            page = await context.new_page()
            page.on("pageerror", lambda e: out.page_errors.append(str(e)[:120]))
            network = NetworkWatch(page)  # as the scanner does: watched from before the page loads
            await page.goto(f"{site.base}/{c.id}/", wait_until="domcontentloaded")
            try:
                result = await read_page_settled(page, pack, c.page_key, timeout_ms=6000, quiet_ms=120, network=network)
                out.readings = [(r.key, r.value, r.confidence) for r in result.readings]
                out.conflicts = dict(result.conflicts)
            except Exception as exc:
                out.error = f"{type(exc).__name__}: {str(exc)[:200]}"
            await asyncio.sleep(0.05)
            out.final_url = page.url
            try:
                out.events = await page.evaluate("window.__rtEvents || []")
            except Exception as exc:
                out.error = out.error or f"events unreadable: {exc}"
        finally:
            await context.close()
        out.seconds = time.monotonic() - t0
        return out


async def read_all(site: Site, cases: list[Case], concurrency: int) -> dict[str, Outcome]:
    sem = asyncio.Semaphore(concurrency)
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=CHROMIUM, args=list(CHROMIUM_ARGS))
        try:
            batch = [c for c in cases if not c.solo]
            outs = await asyncio.gather(*(read_one(browser, site, c, sem) for c in batch), return_exceptions=True)
            solo_sem = asyncio.Semaphore(1)
            for c in cases:
                if c.solo:
                    batch.append(c)
                    outs.append(await read_one(browser, site, c, solo_sem))
        finally:
            await browser.close()
    return {c.id: (o if isinstance(o, Outcome) else Outcome(error=f"{type(o).__name__}: {o}")) for c, o in zip(batch, outs, strict=True)}


def judge(c: Case, out: Outcome, confident: float = CONFIDENT) -> list[str]:
    """What is wrong with the readings of ``c`` (see the module docstring)."""
    problems: list[str] = []
    for key in PAGE_KEYS[(c.platform, c.page_key)]:
        exp = c.expected.get(key)
        mine = [(v, conf) for k, v, conf in out.readings if k == key and v is not None]
        sure = {v for v, conf in mine if conf >= confident}
        conflicted = key in out.conflicts
        if isinstance(exp, str):
            if conflicted or {v for v, _ in mine} != {exp} or exp not in sure:
                problems.append(f"{key}: expected {exp!r}" + (" confident" if confident else "") + f", got {sorted(mine) or None}" + (f" conflict={out.conflicts[key]!r}" if conflicted else ""))
        elif isinstance(exp, Either):
            if not conflicted and sure - {exp.value}:
                problems.append(f"{key}: expected {exp.value!r} or nothing, got {sorted(mine)}")
        elif not conflicted and sure:
            problems.append(f"{key}: expected no " + ("confident " if confident else "") + f"value, got {sorted(mine)}")
    return problems
