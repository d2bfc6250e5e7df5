"""A local Firecrawl: answers ``POST /v2/scrape`` in Firecrawl's documented v2 wire format.

Request: camelCase JSON ``{"url", "formats", "includeTags", "excludeTags", "waitFor", "onlyMainContent",
"maxAge", ...}`` with ``Authorization: Bearer <key>``. Success: ``{"success": true, "data": {"markdown",
"html", "metadata": {"title", "sourceURL", "url", "statusCode", "contentType", "scrapeId", ...}}}``.
Errors: ``{"success": false, "error": "..."}`` with 400, 401, 402, 429 or 5xx.

It fetches the requested page itself (``resolve`` maps a host name to ``127.0.0.1:port``, so it can
reach the platform simulators under their real names; TLS is not verified, the simulators' certificate
is self-signed) or serves content set with ``set_page``. It records every request (headers and body)
so tests can check what loopwho sent, and ``set_mode`` switches it to each documented error answer.
Like Firecrawl it keeps a cache: a page fetched with ``storeInCache`` (the SDK's default) is answered
from it while younger than the request's ``maxAge`` milliseconds (``cacheState: "hit"``), which is how
Firecrawl still answers for a site that has since walled off its fetchers too.

    with FirecrawlStandIn(api_key="fc-test", resolve={"policies.google.com": 8443}) as fc:
        Firecrawl(api_key="fc-test", api_url=fc.url).scrape("https://policies.google.com/privacy")

Run alone: ``python -m standins.firecrawl --port 3002 --resolve policies.google.com=8443``.
"""

from __future__ import annotations

import argparse
import html as html_lib
import json
import re
import threading
import time
import uuid
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import httpx

from standins.base import LocalServer, send_json

# the documented error answers (Firecrawl's API reference, "Errors")
ERROR_MODES: dict[str, tuple[int, str]] = {
    "unauthorized": (401, "Unauthorized: Invalid token"),
    "out_of_credits": (402, "Insufficient credits to perform this request. For more credits, you can upgrade "
                            "your plan at https://firecrawl.dev/pricing."),
    "rate_limited": (429, "Rate limit exceeded. Consumed (req/min): 11, Remaining (req/min): 0. Upgrade your "
                          "plan at https://firecrawl.dev/pricing for increased rate limits or please retry "
                          "after 60s."),
    "server_error": (500, "An unexpected error occurred. Please contact help@firecrawl.com for help."),
    "unavailable": (503, "Service Unavailable"),
}
MODES = ("ok", "timeout", *ERROR_MODES)
KNOWN_FORMATS = {"markdown", "html", "rawHtml", "links", "summary", "images", "screenshot", "json",
                 "changeTracking", "branding"}


@dataclass
class RecordedRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None
    raw_body: bytes


@dataclass
class _Fetched:
    status: int
    html: str
    final_url: str
    content_type: str = "text/html"


@dataclass
class _State:
    api_key: str | None
    resolve: dict[str, str]
    mode: str = "ok"
    timeout_s: float = 5.0
    pages: dict[str, tuple[int, str]] = field(default_factory=dict)
    requests: list[RecordedRequest] = field(default_factory=list)
    target_requests: list[dict[str, str]] = field(default_factory=list)  # headers sent to pages
    cache: dict[str, tuple[float, _Fetched]] = field(default_factory=dict)  # url -> (fetched at, page)
    lock: threading.Lock = field(default_factory=threading.Lock)


class FirecrawlStandIn(LocalServer):
    name = "firecrawl-standin"

    def __init__(self, *, api_key: str | None = "fc-standin", resolve: dict[str, int | str] | None = None,
                 host: str = "127.0.0.1", port: int = 0) -> None:
        resolved = {h.lower(): (f"127.0.0.1:{v}" if isinstance(v, int) or str(v).isdigit() else str(v))
                    for h, v in (resolve or {}).items()}
        self.state = _State(api_key=api_key, resolve=resolved)
        super().__init__(_make_handler(self.state), host, port)

    @property
    def requests(self) -> list[RecordedRequest]:
        with self.state.lock:
            return list(self.state.requests)

    @property
    def target_requests(self) -> list[dict[str, str]]:
        """Headers the stand-in itself sent to the pages it fetched."""
        with self.state.lock:
            return list(self.state.target_requests)

    def set_mode(self, mode: str, *, timeout_s: float = 5.0) -> None:
        """"ok", an error answer from ERROR_MODES, or "timeout" (answers after ``timeout_s``)."""
        if mode not in MODES:
            raise ValueError(f"unknown mode {mode!r}; one of {', '.join(MODES)}")
        self.state.mode, self.state.timeout_s = mode, timeout_s

    def set_page(self, url: str, html: str, status: int = 200) -> None:
        """Serve this content for ``url`` instead of fetching it."""
        with self.state.lock:
            self.state.pages[url] = (status, html)
            self.state.cache.pop(url, None)

    def set_resolve(self, host: str, target: int | str) -> None:
        self.state.resolve[host.lower()] = f"127.0.0.1:{target}" if str(target).isdigit() else str(target)

    def clear(self) -> None:
        """Forget recorded requests and the page cache."""
        with self.state.lock:
            self.state.requests.clear()
            self.state.target_requests.clear()
            self.state.cache.clear()


def _make_handler(state: _State) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:  # quiet in tests
            return

        def _answer(self, status: int, payload: dict[str, Any]) -> None:
            send_json(self, status, payload)

        def _error(self, status: int, message: str) -> None:
            self._answer(status, {"success": False, "error": message})

        def do_GET(self) -> None:
            self._error(404, f"Cannot GET {self.path}")

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            try:
                body = json.loads(raw) if raw else None
            except ValueError:
                body = None
            with state.lock:
                record = RecordedRequest("POST", self.path, dict(self.headers.items()), body, raw)
                state.requests.append(record)
            if self.path.split("?")[0].rstrip("/") != "/v2/scrape":
                return self._error(404, f"Cannot POST {self.path}")
            if state.api_key and self.headers.get("Authorization") != f"Bearer {state.api_key}":
                return self._error(401, "Unauthorized: Invalid token")
            if state.mode == "timeout":
                time.sleep(state.timeout_s)
                return self._error(408, "Request timed out")
            if state.mode in ERROR_MODES:
                return self._error(*ERROR_MODES[state.mode])
            problem = _validate(body)
            if problem:
                return self._answer(400, {"success": False, "error": "Bad Request", "details": problem})
            assert body is not None
            self._answer(200, {"success": True, "data": _scrape(state, body)})

    return Handler


def _validate(body: Any) -> str | None:
    if not isinstance(body, dict):
        return "the body must be a JSON object"
    url = body.get("url")
    if not isinstance(url, str) or urlsplit(url).scheme not in ("http", "https"):
        return "url: must be an http(s) URL"
    formats = body.get("formats", ["markdown"])
    if not isinstance(formats, list):
        return "formats: must be a list"
    names = [f if isinstance(f, str) else (f or {}).get("type") for f in formats]
    if any(n not in KNOWN_FORMATS for n in names):
        return f"formats: unknown format in {formats!r}"
    for key in ("includeTags", "excludeTags"):
        if key in body and not (isinstance(body[key], list) and all(isinstance(t, str) for t in body[key])):
            return f"{key}: must be a list of strings"
    if "waitFor" in body and not isinstance(body["waitFor"], int):
        return "waitFor: must be an integer (milliseconds)"
    return None


def _fetch(state: _State, url: str) -> _Fetched:
    if url in state.pages:
        status, text = state.pages[url]
        return _Fetched(status, text, url)
    current = url
    with httpx.Client(verify=False, timeout=15.0, follow_redirects=False) as client:
        for _ in range(6):
            parts = urlsplit(current)
            host = (parts.hostname or "").lower()
            target = state.resolve.get(host)
            address = urlunsplit(parts._replace(netloc=target)) if target else current
            headers = {"Host": parts.netloc, "User-Agent": "Mozilla/5.0 (compatible; FirecrawlStandIn/1.0)",
                       "Accept": "text/html,application/xhtml+xml"}
            with state.lock:
                state.target_requests.append(dict(headers))
            try:
                resp = client.get(address, headers=headers)
            except httpx.HTTPError as exc:
                why = f"<p>could not reach {html_lib.escape(host)}: {type(exc).__name__}</p>"
                return _Fetched(502, why, current)
            if resp.status_code in (301, 302, 303, 307, 308) and resp.headers.get("location"):
                current = urljoin(current, resp.headers["location"])
                continue
            content_type = resp.headers.get("content-type", "text/html")
            return _Fetched(resp.status_code, resp.text, current, content_type)
    return _Fetched(508, "<p>too many redirects</p>", current)


def _drop_tags(html: str, tags: list[str]) -> str:
    for tag in tags:
        t = re.escape(tag)
        html = re.sub(rf"<{t}\b[^>]*>.*?</{t}\s*>", "", html, flags=re.DOTALL | re.IGNORECASE)
        html = re.sub(rf"<{t}\b[^>]*/?>", "", html, flags=re.IGNORECASE)
    return html


def _keep_tags(html: str, tags: list[str]) -> str:
    kept: list[tuple[int, str]] = []
    for tag in tags:
        t = re.escape(tag)
        for m in re.finditer(rf"<{t}\b[^>]*>(?:.*?</{t}\s*>)?", html, flags=re.DOTALL | re.IGNORECASE):
            kept.append((m.start(), m.group(0)))
    return "\n".join(fragment for _, fragment in sorted(kept))


def _main_content(html: str) -> str:
    main = re.search(r"<main\b[^>]*>.*?</main\s*>", html, flags=re.DOTALL | re.IGNORECASE)
    if main:
        return main.group(0)
    body = re.search(r"<body\b[^>]*>(.*?)</body\s*>", html, flags=re.DOTALL | re.IGNORECASE)
    return _drop_tags(body.group(1) if body else html, ["header", "footer", "aside"])


def _to_markdown(html: str) -> str:
    """Small and rough on purpose: Firecrawl's real Markdown differs in details anyway."""
    text = _drop_tags(html, ["script", "style", "head", "noscript", "template"])
    flags = re.DOTALL | re.IGNORECASE
    for level in range(1, 7):
        text = re.sub(rf"<h{level}\b[^>]*>(.*?)</h{level}\s*>",
                      lambda m, n=level: f"\n\n{'#' * n} {m.group(1)}\n\n", text, flags=flags)
    text = re.sub(r'<a\b[^>]*href="([^"]*)"[^>]*>(.*?)</a\s*>', r"[\2](\1)", text, flags=flags)
    text = re.sub(r"<li\b[^>]*>", "\n- ", text, flags=re.IGNORECASE)
    text = re.sub(r"<br\s*/?>", "\n", text, flags=re.IGNORECASE)
    text = re.sub(r"</?(p|div|section|article|ul|ol|table|tr|main|blockquote)\b[^>]*>", "\n\n", text,
                  flags=re.IGNORECASE)
    text = html_lib.unescape(re.sub(r"<[^>]+>", "", text))
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip() + "\n"


def _fetch_or_cached(state: _State, body: dict[str, Any]) -> tuple[_Fetched, bool]:
    url, max_age_ms = body["url"], body.get("maxAge", 172_800_000)
    with state.lock:
        cached = state.cache.get(url)
    if cached and isinstance(max_age_ms, int) and (time.time() - cached[0]) * 1000 < max_age_ms:
        return cached[1], True
    fetched = _fetch(state, url)
    if fetched.status < 400 and body.get("storeInCache", True):
        with state.lock:
            state.cache[url] = (time.time(), fetched)
    return fetched, False


def _scrape(state: _State, body: dict[str, Any]) -> dict[str, Any]:
    url = body["url"]
    fetched, hit = _fetch_or_cached(state, body)
    page = fetched.html
    title_match = re.search(r"<title\b[^>]*>(.*?)</title\s*>", page, flags=re.DOTALL | re.IGNORECASE)
    html = _main_content(page) if body.get("onlyMainContent", True) else page
    if body.get("includeTags"):
        html = _keep_tags(html, body["includeTags"])
    html = _drop_tags(html, body.get("excludeTags") or [])
    formats = [f if isinstance(f, str) else f.get("type") for f in body.get("formats", ["markdown"])]
    data: dict[str, Any] = {
        "metadata": {
            "title": html_lib.unescape(title_match.group(1).strip()) if title_match else "",
            "language": "en",
            "sourceURL": url,
            "url": fetched.final_url,
            "statusCode": fetched.status,
            "contentType": fetched.content_type,
            "scrapeId": str(uuid.uuid4()),
            "proxyUsed": "basic",
            "cacheState": "hit" if hit else "miss",
            "creditsUsed": 1,
        }
    }
    if fetched.status >= 400:
        data["metadata"]["error"] = f"The page answered HTTP {fetched.status}"
    if "markdown" in formats:
        data["markdown"] = _to_markdown(html)
    if "html" in formats:
        data["html"] = html
    if "rawHtml" in formats:
        data["rawHtml"] = page
    if "links" in formats:
        data["links"] = sorted({urljoin(fetched.final_url, h) for h in re.findall(r'href="([^"]+)"', page)})
    return data


def main() -> None:
    parser = argparse.ArgumentParser(description="Run the Firecrawl stand-in.")
    parser.add_argument("--port", type=int, default=3002)
    parser.add_argument("--api-key", default="fc-standin")
    parser.add_argument("--resolve", action="append", default=[], metavar="HOST=PORT",
                        help="fetch HOST from 127.0.0.1:PORT (repeatable)")
    args = parser.parse_args()
    resolve = dict(item.split("=", 1) for item in args.resolve)
    standin = FirecrawlStandIn(api_key=args.api_key, resolve=resolve, port=args.port)
    standin.start()
    print(f"Firecrawl stand-in on {standin.url}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        standin.stop()


if __name__ == "__main__":
    main()
