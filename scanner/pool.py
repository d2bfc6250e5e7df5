"""The browser pool: a few Chromium processes, a fresh BrowserContext per scan.

    pool = BrowserPool(resolve_rules="MAP *.google.com 127.0.0.1:8443", ignore_https_errors=True)
    async with pool.session(profile, pack) as scan:      # ScanContext, acts as a BrowserContext
        page = await scan.new_page()
    result = await pool.run(profile, pack, work)          # the same, retried once if the browser dies
    await pool.close()

Knobs (core.settings; constructor arguments override):
- pool_browsers: browser processes launched (lazily) at most; with browser_ws_endpoints, one per endpoint.
- pool_concurrency: scans (contexts) open at once across the pool; more wait for a slot.
- pool_contexts_per_browser: contexts one browser serves before it is retired and replaced.
- pool_browser_max_pss_mb: a browser whose process tree's PSS passes this is retired.
- pool_wait_timeout_s: how long a scan waits for a slot before PoolBusy.
- scan_deadline_s: the default deadline of one scan (used by scanner.runner.run_scan).
- pool_chromium_path / chromium_path: the Chromium binary launched locally (the first one set wins).
- chromium_sandbox: "auto" (default; --no-sandbox only as root), "on" or "off" (see chromium_args).
- browser_ws_endpoints: comma-separated ws:// endpoints of Playwright browser servers to attach to
  instead of launching (launch flags such as --host-resolver-rules are then the server's business;
  `loopwho browsers --port N` starts one). Contexts are spread over the endpoints (the least busy
  first); an endpoint that refuses or drops the connection is skipped for ``host_retry_s`` (doubling
  up to HOST_RETRY_MAX_S while it stays away) and its in-flight scans, retried by ``run``, go elsewhere.
- pool_memory_check_interval_s: seconds between two PSS checks of one browser (done between contexts).
- pool_driver_heap_mb: V8 old-space cap of the Playwright node driver the pool starts (its
  NODE_OPTIONS); without it the driver only collects garbage once it holds hundreds of MiB.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import os
import secrets
import shutil
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar
from urllib.parse import urlsplit

import psutil
from playwright.async_api import Browser, BrowserContext, Page, Playwright, Route, WebSocketRoute, async_playwright
from playwright.async_api import Error as PlaywrightError

from core.errors import InvalidInput, LoopwhoError
from core.logging import get_logger
from core.settings import Settings, get_settings
from core.types import SessionProfile
from scanner.cookies import to_playwright_cookies

log = get_logger(__name__)
T = TypeVar("T")

_BASE_ARGS: tuple[str, ...] = (
    "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    # the software compositor as a thread of the browser process: one process (~45 MiB PSS) less
    "--in-process-gpu",
)


def chromium_args(sandbox: str = "auto") -> tuple[str, ...]:
    """The pool's Chromium flags under the ``chromium_sandbox`` setting: "on" keeps Chromium's
    sandbox, "off" adds --no-sandbox, "auto" adds it only for root (Chromium refuses to start
    sandboxed as root; the images run as a non-root user with the sandbox on)."""
    if sandbox == "off" or (sandbox == "auto" and os.geteuid() == 0):
        return ("--no-sandbox", *_BASE_ARGS)
    return _BASE_ARGS


# the flags under "auto", for one-off browsers outside a pool (fixture recording, pack checks)
CHROMIUM_ARGS: tuple[str, ...] = chromium_args("auto")
HOST_RETRY_MAX_S = 60.0  # longest wait before a browser host that went away is tried again
HOST_CONNECT_TIMEOUT_MS = 10_000
_MARKER = "--loopwho-browser="  # an unknown switch Chromium ignores; finds our processes by cmdline


class PoolBusy(LoopwhoError):
    """No browser slot became free within the wait timeout."""


class PoolClosed(LoopwhoError):
    """The pool was closed."""


class BrowserLost(LoopwhoError):
    """The browser crashed or disconnected while a scan was using it."""


class _HostUnreachable(LoopwhoError):
    """A remote browser server refused or timed out the connection."""


class HostPolicy(Protocol):
    """What the pool needs of a selector pack."""

    block_resources: Sequence[str]

    def allows_host(self, host: str) -> bool: ...


@dataclass(eq=False)
class _Browser:
    browser: Browser
    label: str
    pid: int | None = None  # None for remote browsers
    index: int = 0  # its place in the pool's slots (for a remote browser, its endpoint)
    served: int = 0
    active: int = 0
    lost: bool = False
    closing: bool = False
    last_memory_check: float = field(default_factory=time.monotonic)
    seen: set[tuple[int, float]] = field(default_factory=set)  # (pid, create_time) of its processes


class ScanContext:
    """One leased BrowserContext. Attribute access falls through to the context, so it can be used
    as one (``await scan.new_page()``); it also counts what the host allowlist blocked."""

    def __init__(self, context: BrowserContext, slot: _Browser, allowed: Callable[[str], bool]) -> None:
        self.context = context
        self._slot = slot
        self._allowed = allowed
        self._guards: dict[int, asyncio.Future[None]] = {}
        self.blocked_requests = 0  # requests to hosts outside the allowlist, aborted
        self.blocked_hosts: set[str] = set()
        self.blocked_navigations: list[str] = []  # URLs of aborted document requests (redirects too)
        self.skipped_resources = 0  # images/fonts/... aborted for speed
        self.browser_label = slot.label

    @property
    def browser_pid(self) -> int | None:
        """Main process id of the browser serving this context (None for a remote browser)."""
        return self._slot.pid

    @property
    def browser_lost(self) -> bool:
        return _is_lost(self._slot)

    def allows(self, url: str) -> bool:
        if url.startswith(("data:", "blob:", "about:")):
            return True
        return self._allowed((urlsplit(url).hostname or "").lower())

    def count_blocked(self, url: str, navigation: bool) -> None:
        self.blocked_requests += 1
        self.blocked_hosts.add((urlsplit(url).hostname or "").lower())
        if navigation:
            self.blocked_navigations.append(url)

    async def new_page(self) -> Page:
        page = await self.context.new_page()
        await self.guard_redirects(page)
        return page

    async def guard_redirects(self, page: Page) -> None:
        """Playwright's routes never see redirect hops (by design), so a 302 to another host would get
        through. Chromium's own interception (CDP Fetch) does see them: pause every document request
        of the page, redirects included, and fail those that leave the allowlist."""
        if id(page) not in self._guards:  # the "page" event and new_page() both ask; enable once
            self._guards[id(page)] = asyncio.ensure_future(self._enable_guard(page))
        await asyncio.shield(self._guards[id(page)])

    async def _enable_guard(self, page: Page) -> None:
        cdp = await self.context.new_cdp_session(page)

        async def paused(event: dict[str, Any]) -> None:
            url = event["request"]["url"]
            with contextlib.suppress(PlaywrightError):
                if self.allows(url):
                    await cdp.send("Fetch.continueRequest", {"requestId": event["requestId"]})
                else:
                    if "redirectedRequestId" in event or event.get("resourceType") == "Document":
                        self.count_blocked(url, navigation=True)
                    await cdp.send("Fetch.failRequest",
                                   {"requestId": event["requestId"], "errorReason": "BlockedByClient"})

        cdp.on("Fetch.requestPaused", paused)
        await cdp.send("Fetch.enable", {"patterns": [
            {"urlPattern": "*", "resourceType": "Document", "requestStage": "Request"}]})

    def __getattr__(self, name: str) -> Any:
        return getattr(self.context, name)


def _is_lost(slot: _Browser) -> bool:
    if slot.lost or not slot.browser.is_connected():
        return True
    if slot.pid is None:
        return False
    try:
        return psutil.Process(slot.pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def _alive(proc: psutil.Process) -> bool:
    try:
        return proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False


@contextlib.contextmanager
def driver_node_options(heap_mb: int) -> Iterator[None]:
    """NODE_OPTIONS for a node driver started inside the block (Playwright copies os.environ when it
    spawns one): a capped old space and small young space, so the driver collects garbage early. An
    operator's own --max-old-space-size wins."""
    before = os.environ.get("NODE_OPTIONS")
    if heap_mb <= 0 or "--max-old-space-size" in (before or ""):
        yield
        return
    os.environ["NODE_OPTIONS"] = " ".join(filter(None, [
        before, f"--max-old-space-size={heap_mb}", "--max-semi-space-size=2"]))
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("NODE_OPTIONS", None)
        else:
            os.environ["NODE_OPTIONS"] = before


def tree_memory(pid: int) -> tuple[int, int]:
    """(PSS, RSS) in bytes of a process and its descendants."""
    pss = rss = 0
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0
    for proc in procs:
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            info = proc.memory_full_info()
            pss += info.pss
            rss += info.rss
    return pss, rss


class BrowserPool:
    def __init__(
        self,
        *,
        browsers: int | None = None,
        concurrency: int | None = None,
        contexts_per_browser: int | None = None,
        max_pss_mb: int | None = None,
        wait_timeout_s: float | None = None,
        scan_deadline_s: float | None = None,
        chromium_path: str | None = None,
        ws_endpoints: str | Sequence[str] | None = None,
        resolve_rules: str | None = None,
        ignore_https_errors: bool = False,
        memory_check_interval_s: float | None = None,
        extra_args: Sequence[str] = (),
        host_retry_s: float = 5.0,
        settings: Settings | None = None,
    ) -> None:
        s = settings or get_settings()
        endpoints = s.browser_ws_endpoints if ws_endpoints is None else ws_endpoints
        if isinstance(endpoints, str):
            endpoints = [e.strip() for e in endpoints.split(",") if e.strip()]
        self.ws_endpoints: list[str] = list(endpoints or [])
        self.browsers = len(self.ws_endpoints) or (browsers if browsers is not None else s.pool_browsers)
        self.concurrency = concurrency if concurrency is not None else s.pool_concurrency
        self.contexts_per_browser = (
            contexts_per_browser if contexts_per_browser is not None else s.pool_contexts_per_browser
        )
        self.max_pss_bytes = (max_pss_mb if max_pss_mb is not None else s.pool_browser_max_pss_mb) * 2**20
        self.wait_timeout_s = wait_timeout_s if wait_timeout_s is not None else s.pool_wait_timeout_s
        self.scan_deadline_s = scan_deadline_s if scan_deadline_s is not None else s.scan_deadline_s
        self.chromium_path = chromium_path or s.pool_chromium_path or s.chromium_path
        self.memory_check_interval_s = (
            memory_check_interval_s if memory_check_interval_s is not None else s.pool_memory_check_interval_s
        )
        self.driver_heap_mb = s.pool_driver_heap_mb
        self.resolve_rules = resolve_rules
        self.ignore_https_errors = ignore_https_errors
        self.extra_args = list(extra_args)
        self.chromium_args = chromium_args(s.chromium_sandbox)
        if self.browsers < 1 or self.concurrency < 1 or self.contexts_per_browser < 1:
            raise InvalidInput("pool_browsers, pool_concurrency and pool_contexts_per_browser must be >= 1")

        # contexts one browser takes before the next opens; remote hosts are already running, so
        # contexts are spread over every reachable one
        self._share = 1 if self.ws_endpoints else -(-self.concurrency // self.browsers)
        self.host_retry_s = host_retry_s
        self._down_until = [0.0] * self.browsers  # per endpoint: not tried again before this (monotonic)
        self._down_backoff = [host_retry_s] * self.browsers
        self._token = secrets.token_hex(6)
        self._home: str | None = None  # XDG_CONFIG_HOME of our browsers: marks their crashpad handlers
        self._playwright: Playwright | None = None
        self._slots: list[_Browser | None] = [None] * self.browsers
        self._draining: set[_Browser] = set()  # retired or lost, closed once their last context ends
        self._lock = asyncio.Lock()
        self._start_lock = asyncio.Lock()
        self._semaphore = asyncio.Semaphore(self.concurrency)
        self._counter = itertools.count(1)
        self._tasks: set[asyncio.Task[None]] = set()
        self._closed = False
        self.stats = {"launched": 0, "retired": 0, "lost": 0, "retried": 0, "stragglers_killed": 0,
                      "hosts_down": 0}

    # ---- lifecycle -------------------------------------------------------------------------------

    async def __aenter__(self) -> BrowserPool:
        await self.start()
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def start(self) -> None:
        if self._closed:
            raise PoolClosed("the browser pool is closed")
        async with self._start_lock:  # two first scans at once must not start two drivers
            if self._playwright is None:
                with driver_node_options(self.driver_heap_mb):
                    self._playwright = await async_playwright().start()

    async def close(self) -> None:
        """Close every browser and make sure no process of ours survives."""
        if self._closed:
            return
        self._closed = True
        for task in list(self._tasks):
            with contextlib.suppress(Exception):
                await task
        slots = [s for s in self._slots if s is not None] + list(self._draining)
        self._slots = [None] * self.browsers
        self._draining.clear()
        await asyncio.gather(*(self._dispose(s) for s in slots))
        if self._playwright is not None:
            with contextlib.suppress(Exception):
                await self._playwright.stop()
            self._playwright = None
        await asyncio.to_thread(self._reap_leftovers)
        if self._home:
            shutil.rmtree(self._home, ignore_errors=True)

    # ---- public API ------------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def session(
        self,
        profile: SessionProfile | None,
        pack: HostPolicy,
        *,
        allow_hosts: Iterable[str] = (),
        **context_options: Any,
    ) -> AsyncIterator[ScanContext]:
        """A fresh context with the profile's cookies, UA, locale, timezone and viewport, whose requests
        are limited to the pack's host allowlist (plus ``allow_hosts``). Raises PoolBusy when no slot
        frees up in time, BrowserLost when the browser dies under it."""
        await self.start()
        try:
            async with asyncio.timeout(self.wait_timeout_s):
                await self._semaphore.acquire()
        except TimeoutError:
            raise PoolBusy(
                f"no browser slot became free within {self.wait_timeout_s:g}s "
                f"({self.concurrency} scans already running); try again later"
            ) from None
        try:
            slot = await self._lease_browser()
            try:
                try:
                    context = await self._new_context(slot, profile, context_options)
                    extra = {h.lower() for h in allow_hosts}
                    scan = ScanContext(context, slot, lambda host: host in extra or pack.allows_host(host))
                    await self._install_routing(scan, pack)
                except PlaywrightError as exc:
                    raise self._lost_or(slot, exc) from None
                try:
                    yield scan
                except PlaywrightError as exc:
                    raise self._lost_or(slot, exc) from None
                finally:
                    with contextlib.suppress(PlaywrightError):
                        await context.close()
            finally:
                slot.active -= 1
                await self._after_lease(slot)
        finally:
            self._semaphore.release()

    async def run(
        self,
        profile: SessionProfile | None,
        pack: HostPolicy,
        work: Callable[[ScanContext], Awaitable[T]],
        *,
        allow_hosts: Iterable[str] = (),
    ) -> T:
        """``work(scan)`` in a fresh context; if the browser dies under it, once more in a new browser."""
        hosts = list(allow_hosts)
        try:
            async with self.session(profile, pack, allow_hosts=hosts) as scan:
                return await work(scan)
        except BrowserLost as exc:
            self.stats["retried"] += 1
            log.warning("browser lost mid-scan; retrying in a new browser", error=str(exc))
        async with self.session(profile, pack, allow_hosts=hosts) as scan:
            return await work(scan)

    def browser_pids(self) -> list[int]:
        """Main process ids of the locally launched browsers that are still in use."""
        slots = [s for s in self._slots if s is not None] + list(self._draining)
        return [s.pid for s in slots if s.pid is not None and not s.lost]

    def contexts_in_use(self) -> int:
        """Contexts leased right now (scans holding a slot): counters the pool keeps anyway, so a
        metrics scrape from another thread can read them without touching the event loop."""
        slots = [s for s in self._slots if s is not None] + list(self._draining)
        return sum(s.active for s in slots)

    def processes(self) -> list[psutil.Process]:
        """Every live process this pool started: browsers, their children, their crash handlers."""
        found: dict[int, psutil.Process] = {}
        marker = f"{_MARKER}{self._token}-"
        for proc in psutil.process_iter(["cmdline"]):
            cmdline = " ".join(proc.info.get("cmdline") or [])
            if marker in cmdline or (self._home and self._home in cmdline):
                found[proc.pid] = proc
                with contextlib.suppress(psutil.NoSuchProcess):
                    for child in proc.children(recursive=True):
                        found[child.pid] = child
        return [p for p in found.values() if _alive(p)]

    # ---- internals -------------------------------------------------------------------------------

    def _lost_or(self, slot: _Browser, exc: PlaywrightError) -> Exception:
        if _is_lost(slot):
            self._mark_lost(slot)
            return BrowserLost(f"browser {slot.label} went away during the scan: {_first_line(exc)}")
        return exc

    def _mark_lost(self, slot: _Browser) -> None:
        if slot.lost or slot.closing:  # a browser we close ourselves also reports "disconnected"
            slot.lost = True
            return
        slot.lost = True
        self.stats["lost"] += 1
        if slot.pid is None and self.ws_endpoints:
            self._host_down(slot.index, "disconnected")
        self._retire(slot, reason="lost")

    def _host_down(self, index: int, reason: str) -> None:
        wait = self._down_backoff[index]
        self._down_until[index] = time.monotonic() + wait
        self._down_backoff[index] = min(wait * 2, HOST_RETRY_MAX_S)
        self.stats["hosts_down"] += 1
        log.warning("browser host unavailable; trying it again later", endpoint=self.ws_endpoints[index],
                    reason=reason, retry_in_s=round(wait, 1))

    def _retire(self, slot: _Browser, reason: str) -> None:
        for i, s in enumerate(self._slots):
            if s is slot:
                self._slots[i] = None
                self._draining.add(slot)
                if reason != "lost":
                    self.stats["retired"] += 1
                log.info("browser retired", browser=slot.label, reason=reason, served=slot.served)
        if slot in self._draining and slot.active == 0:
            self._draining.discard(slot)
            self._spawn(self._dispose(slot))

    def _spawn(self, coro: Awaitable[None]) -> None:
        task: asyncio.Task[None] = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _lease_browser(self) -> _Browser:
        async with self._lock:
            if self._closed:
                raise PoolClosed("the browser pool is closed")
            for s in [s for s in self._slots if s is not None and _is_lost(s)]:
                self._mark_lost(s)
            live = [s for s in self._slots if s is not None]
            now = time.monotonic()
            free = [i for i, s in enumerate(self._slots) if s is None and self._down_until[i] <= now]
            best = min(live, key=lambda s: s.active, default=None)
            # fill a browser up to its share of the concurrency before paying for another one
            if best is None or (best.active >= self._share and free):
                opened = await self._open_first(free)
                if opened is not None:
                    best = opened
                elif best is None:
                    raise BrowserLost("no browser host is reachable now: "
                                      f"{', '.join(self.ws_endpoints)} (each is tried again later)")
            best.active += 1
            best.served += 1
            if best.served >= self.contexts_per_browser:
                self._retire(best, reason="served its quota of contexts")
            return best

    async def _open_first(self, free: list[int]) -> _Browser | None:
        """Open a browser in the first free slot that works; a remote endpoint that fails is marked
        down and the next one tried. None when every remote endpoint failed (a local launch raises)."""
        for index in free:
            try:
                slot = await self._open_browser(index)
            except _HostUnreachable as exc:
                self._host_down(index, str(exc))
                continue
            self._slots[index] = slot
            return slot
        return None

    async def _open_browser(self, index: int) -> _Browser:
        assert self._playwright is not None
        n = next(self._counter)
        if self.ws_endpoints:
            endpoint = self.ws_endpoints[index]
            try:
                browser = await self._playwright.chromium.connect(endpoint, timeout=HOST_CONNECT_TIMEOUT_MS)
            except PlaywrightError as exc:
                raise _HostUnreachable(
                    f"cannot attach to the browser server {endpoint}: {_first_line(exc)}"
                ) from None
            self._down_backoff[index] = self.host_retry_s
            slot = _Browser(browser=browser, label=f"remote#{n}", index=index)
        else:
            if self._home is None:
                self._home = await asyncio.to_thread(_private_home, self._token)
            marker = f"{_MARKER}{self._token}-{n}"
            args = [*self.chromium_args, marker, *self.extra_args]
            if self.resolve_rules:
                args.append(f"--host-resolver-rules={self.resolve_rules}")
            try:
                browser = await self._playwright.chromium.launch(
                    executable_path=self.chromium_path, headless=True, args=args,
                    env={**os.environ, "XDG_CONFIG_HOME": self._home or ""},
                )
            except PlaywrightError as exc:
                raise LoopwhoError(
                    f"cannot launch Chromium at {self.chromium_path}: {_first_line(exc)}"
                ) from None
            pid = await asyncio.to_thread(_find_pid, marker)
            slot = _Browser(browser=browser, label=f"local#{n}", pid=pid, index=index)
        browser.on("disconnected", lambda _b: self._mark_lost(slot))
        self.stats["launched"] += 1
        return slot

    async def _new_context(
        self,
        slot: _Browser,
        profile: SessionProfile | None,
        options: dict[str, Any],
    ) -> BrowserContext:
        kwargs: dict[str, Any] = {"ignore_https_errors": self.ignore_https_errors, "service_workers": "block"}
        if profile is not None:
            kwargs.update(
                locale=profile.locale, timezone_id=profile.timezone,
                viewport={"width": profile.viewport.width, "height": profile.viewport.height},
            )
            if profile.user_agent:
                kwargs["user_agent"] = profile.user_agent
        kwargs.update(options)
        context = await slot.browser.new_context(**kwargs)
        if profile is not None and profile.cookies:
            cookies = to_playwright_cookies(profile.cookies)
            try:
                await context.add_cookies(cookies)
            except PlaywrightError:
                await context.close()
                if _is_lost(slot):
                    raise
                # the driver's message may echo cookie fields: name only what is safe
                domains = sorted({c["domain"] for c in cookies})
                raise InvalidInput(
                    f"Chromium refused the session's {len(cookies)} cookies for {', '.join(domains)}"
                ) from None
        return context

    async def _install_routing(self, scan: ScanContext, pack: HostPolicy) -> None:
        blocked_types = set(getattr(pack, "block_resources", ()) or ())

        async def route(route: Route) -> None:
            request = route.request
            if not scan.allows(request.url):
                scan.count_blocked(request.url, navigation=request.is_navigation_request())
                await route.abort("blockedbyclient")
            elif request.resource_type in blocked_types:
                scan.skipped_resources += 1
                await route.abort("blockedbyclient")
            else:
                await route.continue_()

        await scan.context.route("**/*", route)

        # WebSockets never reach ``route``: the ones to hosts off the allowlist are taken over (so no
        # handshake leaves the browser) and closed; the allowed ones are not intercepted at all
        async def refuse_socket(socket: WebSocketRoute) -> None:
            scan.count_blocked(socket.url, navigation=False)
            await socket.close(code=1008, reason="host not allowed")

        await scan.context.route_web_socket(lambda url: not scan.allows(url), refuse_socket)
        # pages the site opens by itself (popups) get the redirect guard too
        scan.context.on("page", lambda page: self._spawn(_quietly(scan.guard_redirects(page))))

    async def _after_lease(self, slot: _Browser) -> None:
        if slot in self._draining:
            if slot.active == 0:
                self._draining.discard(slot)
                self._spawn(self._dispose(slot))
            return
        if slot.pid is None or slot.lost:
            return
        now = time.monotonic()
        if now - slot.last_memory_check < self.memory_check_interval_s:
            return
        slot.last_memory_check = now
        pss, _rss = await asyncio.to_thread(self._measure, slot)
        if pss > self.max_pss_bytes and slot in self._slots:
            self._retire(slot, reason=f"PSS {pss // 2**20} MB over {self.max_pss_bytes // 2**20} MB")

    def _measure(self, slot: _Browser) -> tuple[int, int]:
        assert slot.pid is not None
        with contextlib.suppress(psutil.NoSuchProcess):
            root = psutil.Process(slot.pid)
            for proc in [root, *root.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    slot.seen.add((proc.pid, proc.create_time()))
        return tree_memory(slot.pid)

    async def _dispose(self, slot: _Browser) -> None:
        slot.closing = True
        if slot.pid is not None:
            await asyncio.to_thread(self._measure, slot)  # remember its processes before closing
        with contextlib.suppress(Exception):
            await asyncio.wait_for(slot.browser.close(), 15)
        if slot.pid is not None:
            await asyncio.to_thread(self._reap, slot.seen)

    def _reap(self, seen: set[tuple[int, float]], grace_s: float = 5.0) -> None:
        procs = []
        for pid, created in seen:
            with contextlib.suppress(psutil.NoSuchProcess):
                proc = psutil.Process(pid)
                if proc.create_time() == created:
                    procs.append(proc)
        self._kill_after_grace(procs, grace_s)

    def _reap_leftovers(self) -> None:
        self._kill_after_grace(self.processes(), 5.0)

    def _kill_after_grace(self, procs: list[psutil.Process], grace_s: float) -> None:
        deadline = time.monotonic() + grace_s
        while time.monotonic() < deadline and any(_alive(p) for p in procs):
            time.sleep(0.05)
        stragglers = [p for p in procs if _alive(p)]
        for proc in stragglers:
            with contextlib.suppress(psutil.NoSuchProcess):
                proc.kill()
        if stragglers:
            self.stats["stragglers_killed"] += len(stragglers)
            log.warning("killed chromium processes that outlived their browser", count=len(stragglers))
            psutil.wait_procs(stragglers, timeout=5)


async def _quietly(coro: Awaitable[None]) -> None:
    with contextlib.suppress(PlaywrightError):
        await coro


def _first_line(exc: BaseException) -> str:
    text = getattr(exc, "message", None) or str(exc)
    return (text.strip().splitlines() or [type(exc).__name__])[0]


def _private_home(token: str) -> str:
    """A fresh XDG_CONFIG_HOME for our browsers, after removing those of pools whose process is gone
    (a worker that exited without close() leaves its folder behind)."""
    base = Path(tempfile.gettempdir())
    for old in base.glob("loopwho-pool-*"):
        pid = old.name.split("-")[2]
        if pid.isdigit() and len(pid) <= 7 and not psutil.pid_exists(int(pid)):
            shutil.rmtree(old, ignore_errors=True)
    return tempfile.mkdtemp(prefix=f"loopwho-pool-{os.getpid()}-{token}-")


def _find_pid(marker: str) -> int | None:
    """The browser's main process: a descendant of ours whose command line carries the marker."""
    for proc in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.NoSuchProcess, psutil.AccessDenied):
            cmdline = proc.cmdline()
            if marker in cmdline and not any(a.startswith("--type=") for a in cmdline):
                return proc.pid
    return None
