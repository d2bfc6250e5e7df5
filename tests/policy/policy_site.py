"""A small public policy site for the policy tests: the same policy text on every request, wrapped in
the per-request noise real sites add (a clock, request ids, tracking parameters, a cookie banner with a
random id, a script-written "last viewed" line), with a way to publish a new version and to wall off
browsers (403 or a captcha page) the way bot defences do, while letting Firecrawl's fetcher through."""

from __future__ import annotations

import html
import secrets
import sys
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

HOST = "policies.loopwho.test"
URL = f"http://{HOST}/privacy"

SECTIONS_V1: list[tuple[str, str]] = [
    ("Information we collect", "We collect the searches you make, the videos you watch and the places "
                               "you go."),
    ("How we use information", "We use information to provide, maintain and improve our services."),
    ("Sharing your information", "We do not share personal information with companies outside loopwho "
                                 "except with your consent or for legal reasons."),
    ("Keeping your information", "We keep data for different periods depending on what it is."),
]


@dataclass
class PolicySite:
    sections: list[tuple[str, str]] = field(default_factory=lambda: list(SECTIONS_V1))
    effective: str = "January 22, 2026"
    block: str | None = None  # None | "403" | "captcha" | "slow": applies to browsers only
    slow_s: float = 5.0
    received: list[dict[str, str]] = field(default_factory=list)  # request headers, for cookie checks
    lock: threading.Lock = field(default_factory=threading.Lock)

    def publish(self, heading: str, text: str, effective: str) -> None:
        """A new version of the policy: ``heading``'s section gets ``text``."""
        self.sections = [(h, text if h == heading else t) for h, t in self.sections]
        self.effective = effective

    def render(self) -> str:
        token = secrets.token_hex(12)
        now = time.strftime("%H:%M:%S")
        body = "\n".join(
            f"<h2 class='h-{secrets.token_hex(3)}'>{html.escape(h)}</h2>\n<p>{html.escape(t)}</p>"
            for h, t in self.sections
        )
        return f"""<!doctype html><html><head><title>loopwho Privacy Policy</title>
<style>.x{{color:red}}</style>
<script nonce="{token}">window.__session = "{token}";</script></head>
<body>
<div id="consent-{token[:6]}" class="cookie-banner">We use cookies. <button>Accept all</button></div>
<nav><a href="/?utm_source=nav&amp;sid={token}">Home</a> <a href="/terms">Terms</a></nav>
<main>
<h1>Privacy   Policy</h1>
<p id="viewed"></p>
<p>Effective {self.effective}. Read our
<a href="/terms?hl=en&amp;utm_campaign=p{token[:4]}&amp;gclid={token}">Terms of Service</a> and the <a href="https://{HOST}/faq#{token}">FAQ</a>.</p>
{body}
<p>Generated at {now} (request id {token}).</p>
</main>
<footer>Served by node-{secrets.randbelow(9)} at {now}</footer>
<script>
document.getElementById("viewed").textContent = "Last viewed at " + new Date().toTimeString().slice(0, 8);
</script>
</body></html>"""


WALL_PAGE = """<!doctype html><html><head><title>Just a moment...</title></head><body>
<main><h1>Verify you are human</h1><p>Complete the security check to continue.</p>
<div class="g-recaptcha" data-sitekey="x"></div></main></body></html>"""


def _is_browser(headers: Any) -> bool:
    return "Chrome" in (headers.get("User-Agent") or "")


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):  # a browser that gave up is expected
            super().handle_error(request, client_address)


def serve(site: PolicySite) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return

        def do_GET(self) -> None:
            with site.lock:
                site.received.append(dict(self.headers.items()))
            if self.path.split("?")[0] != "/privacy":
                return self._send(404, "<p>not found</p>")
            if site.block and _is_browser(self.headers):
                if site.block == "403":
                    return self._send(403, WALL_PAGE)
                if site.block == "captcha":
                    return self._send(200, WALL_PAGE)
                if site.block == "slow":
                    time.sleep(site.slow_s)
            self._send(200, site.render())

        def _send(self, status: int, text: str) -> None:
            data = text.encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    server = _QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server
