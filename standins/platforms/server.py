"""The simulators' one HTTPS server: routes by Host header to Google, Facebook, Microsoft (and the
trackers), gates settings pages by each platform's real session cookies, redirects a signed-out
browser to the platform's real sign-in URL shape, and answers the `/__sim/` control API."""

from __future__ import annotations

import contextlib
import http.cookies
import json
import logging
import socket
import ssl
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import msgspec

from core.errors import InvalidInput
from standins.platforms import generated, pages, policies
from standins.platforms.catalog import (
    GENERATED,
    PLATFORMS,
    TRACKER_HOSTS,
    Platform,
    SimPage,
    platform_of_host,
)
from standins.platforms.state import Session, SimState, cookie_value, facebook_user_id, token_of

log = logging.getLogger(__name__)
STATIC = Path(__file__).with_name("static")
APP_JS = (STATIC / "app.js").read_bytes()
GENERATED_JS = (STATIC / "generated.js").read_bytes()
MAX_BODY = 64 * 1024
HANDSHAKE_TIMEOUT_S = 10.0
# the cookie on each host whose value names the session (the others must belong to the same one)
PRIMARY_COOKIE = {"google": "SID", "facebook": "xs", "microsoft": "AMCSecAuth"}
HOME_PAGES = {
    "myactivity.google.com": "https://myactivity.google.com/activitycontrols",
    "myadcenter.google.com": "https://myadcenter.google.com/home",
    "adssettings.google.com": "https://myadcenter.google.com/home",
    "myaccount.google.com": "https://myaccount.google.com/data-and-privacy",
    "www.facebook.com": "https://www.facebook.com/settings/?tab=privacy",
    "facebook.com": "https://www.facebook.com/",
    "m.facebook.com": "https://www.facebook.com/",
    "accountscenter.facebook.com": "https://accountscenter.facebook.com/ad_preferences/ad_settings/data_from_partners",
    "account.microsoft.com": "https://account.microsoft.com/privacy",
    "privacy.microsoft.com": "https://privacy.microsoft.com/en-us/privacystatement",
}


class Reply:
    def __init__(
        self,
        status: int = 200,
        body: bytes | str = b"",
        content_type: str = "text/html; charset=utf-8",
        headers: list[tuple[str, str]] | None = None,
    ) -> None:
        self.status = status
        self.body = body.encode() if isinstance(body, str) else body
        self.content_type = content_type
        self.headers = headers or []


def redirect(location: str, cookies: list[str] | None = None) -> Reply:
    return Reply(302, b"", headers=[("Location", location)] + [("Set-Cookie", c) for c in cookies or []])


def json_reply(data: Any, status: int = 200) -> Reply:
    return Reply(status, msgspec.json.encode(data), "application/json")


def set_cookie_header(name: str, value: str, domain: str, max_age: int) -> str:
    domain_part = f"; Domain={domain}" if domain.startswith(".") else ""
    return f"{name}={value}{domain_part}; Path=/; Max-Age={max_age}; Secure; HttpOnly; SameSite=None"


class SimServer(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True
    request_queue_size = 128

    def __init__(self, address: tuple[str, int], state: SimState, context: ssl.SSLContext) -> None:
        self.state = state
        self.context = context
        super().__init__(address, Handler)

    def get_request(self) -> tuple[socket.socket, Any]:
        sock, addr = self.socket.accept()
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)  # no 40 ms Nagle/delayed-ACK stalls
        # the TLS handshake happens in the request's own thread (Handler.setup), not the accept loop
        return self.context.wrap_socket(sock, server_side=True, do_handshake_on_connect=False), addr


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    wbufsize = 64 * 1024  # headers and body leave in one write
    server: SimServer
    server_version = "sim"
    sys_version = ""

    def setup(self) -> None:
        self.request.settimeout(HANDSHAKE_TIMEOUT_S)
        try:
            self.request.do_handshake()
        except (OSError, ssl.SSLError):
            self.close_connection = True
        super().setup()

    def handle(self) -> None:
        with contextlib.suppress(OSError, ssl.SSLError):  # a browser closing a kept-alive connection
            super().handle()

    def log_message(self, format: str, *args: Any) -> None:  # quiet: no per-request lines
        return

    def do_GET(self) -> None:
        self._serve("GET")

    def do_POST(self) -> None:
        self._serve("POST")

    def do_HEAD(self) -> None:
        self._serve("HEAD")

    # --- plumbing ------------------------------------------------------------------------------------
    def _serve(self, method: str) -> None:
        state = self.server.state
        with state.lock:
            state.requests += 1
        parts = urllib.parse.urlsplit(self.path)
        host = (self.headers.get("Host") or "").split(":")[0].lower()
        body = b""
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            reply = json_reply({"error": "request body too large"}, 413)
        else:
            body = self.rfile.read(length) if length else b""
            try:
                reply = Router(
                    state,
                    host,
                    method,
                    parts.path,
                    urllib.parse.parse_qs(parts.query),
                    self.headers,
                    body,
                    parts.query,
                ).route()
            except InvalidInput as exc:
                reply = json_reply({"error": str(exc)}, 400)
            except Exception:  # the simulator must keep serving other requests
                log.exception("simulator route failed")
                reply = json_reply({"error": "simulator error"}, 500)
        self.send_response(reply.status)
        self.send_header("Content-Type", reply.content_type)
        self.send_header("Content-Length", str(len(reply.body)))
        self.send_header("Cache-Control", "no-store")
        for name, value in reply.headers:
            self.send_header(name, value)
        self.end_headers()
        if method != "HEAD":
            self.wfile.write(reply.body)


class Router:
    def __init__(
        self,
        state: SimState,
        host: str,
        method: str,
        path: str,
        query: dict[str, list[str]],
        headers: Any,
        body: bytes,
        raw_query: str,
    ) -> None:
        self.state = state
        self.host = host
        self.method = method
        self.path = path or "/"
        self.query = query
        self.body = body
        self.raw_query = raw_query
        jar = http.cookies.SimpleCookie()
        with contextlib.suppress(http.cookies.CookieError):
            jar.load(headers.get("Cookie") or "")
        self.cookies = {k: m.value for k, m in jar.items()}

    def q(self, name: str, default: str = "") -> str:
        return (self.query.get(name) or [default])[0]

    def form(self) -> dict[str, str]:
        if not self.body:
            return {}
        text = self.body.decode("utf-8", "replace")
        if text.lstrip().startswith("{"):
            try:
                data = json.loads(text)
            except json.JSONDecodeError:
                raise InvalidInput("request body is not valid JSON") from None
            if not isinstance(data, dict):
                raise InvalidInput("request body must be a JSON object")
            return data
        return {k: v[0] for k, v in urllib.parse.parse_qs(text).items()}

    @property
    def url(self) -> str:
        return f"https://{self.host}{self.path}" + (f"?{self.raw_query}" if self.raw_query else "")

    # --- routing -------------------------------------------------------------------------------------
    def route(self) -> Reply:
        if self.path.startswith("/__sim/"):
            from standins.platforms.control import control

            return control(self.state, self.method, self.path[len("/__sim/") :], self.query, self.form())
        if self.host in TRACKER_HOSTS:
            with self.state.lock:
                self.state.tracker_hits += 1
            return Reply(200, b"/* collected */", "application/javascript")
        platform = platform_of_host(self.host)
        if platform is None:
            return Reply(421, f"this simulator does not serve {self.host!r}", "text/plain")
        if self.path == "/_/static/app.js":
            return Reply(200, APP_JS, "application/javascript")
        if self.path == "/_/static/generated.js":
            return Reply(200, GENERATED_JS, "application/javascript")
        if self.path == "/_/frame":  # a same-host frame the generated pages fill (no data in it)
            return Reply(200, pages.FRAME_HTML)
        if self.host == platform.policy_host and self.path.rstrip("/") == platform.policy_path:
            return self.policy(platform)
        sign_in = getattr(self, f"{platform.name}_auth")()
        if sign_in is not None:
            return sign_in
        if self.path == "/_/data":
            return self.data(platform)
        page = platform.page_at(self.host, self.path)
        if page is None:
            home = HOME_PAGES.get(self.host)
            if self.path in ("", "/") and home and home != self.url:
                return redirect(home)
            return Reply(
                404, "<!doctype html><title>Page not found</title><h2>This page isn't available</h2>"
            )
        if page.query and page.query not in self.raw_query:
            return redirect(page.url)
        session = self.session(platform)
        if session is None:
            return redirect(self.login_url(platform, self.url))
        if self.state.needs_verification(session) and page.host == "myactivity.google.com":
            return redirect(self.challenge_url(self.url))
        if self.state.variants[platform.name] == GENERATED:
            return Reply(200, pages.generated_shell_html(platform, page))
        return Reply(200, pages.shell_html(platform, page))

    def policy(self, platform: Platform) -> Reply:
        policy = self.state.policies[platform.name]
        if policy.blocked:
            return Reply(403, policies.BOT_WALL_HTML)
        return Reply(200, policies.policy_html(platform.name, policy))

    # --- sessions ------------------------------------------------------------------------------------
    def session(self, platform: Platform) -> Session | None:
        primary = PRIMARY_COOKIE[platform.name]
        token = token_of(primary, self.cookies.get(primary, ""))
        session = self.state.session(platform.name, token)
        if session is None:
            return None
        for c in platform.cookies:
            if (
                not c.required
                or (c.host_only
                and c.domain != self.host)
                or (c.domain.startswith(".")
                and not (self.host.endswith(c.domain)))
            ):
                continue  # the browser would not send it here
            expected = (
                facebook_user_id(session.account)
                if c.name == "c_user"
                else cookie_value(c.name, session.token)
            )
            if self.cookies.get(c.name) != expected:
                return None
        return session

    def login_url(self, platform: Platform, back: str) -> str:
        quote = urllib.parse.quote
        if platform.name == "google":
            return (
                "https://accounts.google.com/v3/signin/identifier?continue="
                + quote(back, safe="")
                + "&followup="
                + quote(back, safe="")
                + "&flowName=GlifWebSignIn&flowEntry=ServiceLogin"
                + "&passive=1209600&ifkv="
                + quote(str(int(time.time())))
            )
        if platform.name == "facebook":
            return "https://www.facebook.com/login/?next=" + quote(back, safe="")
        wreply = "https://account.microsoft.com/auth/complete-signin?ru=" + quote(back, safe="")
        return (
            "https://login.live.com/login.srf?wa=wsignin1.0&rpsnv=175&ct="
            + str(int(time.time()))
            + "&rver=7.5.2211.0&wp=MBI_SSL&wreply="
            + quote(wreply, safe="")
            + "&lc=1033&id=292666&lw=1"
        )

    def challenge_url(self, back: str) -> str:
        q = urllib.parse.quote(back, safe="")
        return (
            f"https://accounts.google.com/v3/signin/challenge/pwd?continue={q}&TL=sim&flowName=GlifWebSignIn"
        )

    def safe_back(self, url: str, default: str) -> str:
        """Only ever redirect back to a simulated host (no open redirects)."""
        host = urllib.parse.urlsplit(url).hostname or ""
        return url if url.startswith("https://") and platform_of_host(host) is not None else default

    def set_session_cookies(self, session: Session, only_domain: str | None = None) -> list[str]:
        headers = []
        for c in self.state.cookies_for(session):
            if only_domain is not None and c.domain != only_domain:
                continue
            headers.append(set_cookie_header(c.name, c.value, c.domain, 2 * 365 * 86_400))
        return headers

    def account_from_form(self, form: dict[str, str], field: str) -> str:
        raw = (form.get(field) or "").strip().lower()
        return raw.split("@")[0] if raw else "alice"

    # --- sign-in flows (None: not a sign-in URL) ------------------------------------------------------
    def google_auth(self) -> Reply | None:
        if self.host != "accounts.google.com":
            return None
        back = self.safe_back(self.q("continue"), "https://myaccount.google.com/data-and-privacy")
        if self.path in ("/ServiceLogin", "/signin/v2/identifier", "/AccountChooser"):
            return redirect(self.login_url(PLATFORMS["google"], back))
        if self.path == "/v3/signin/identifier":
            if self.method == "POST":
                form = self.form()
                back = self.safe_back(form.get("continue", ""), back)
                session = self.state.new_session("google", self.account_from_form(form, "identifier"))
                return redirect(back, self.set_session_cookies(session))
            return Reply(200, pages.google_identifier_page(back))
        if self.path == "/v3/signin/challenge/pwd":
            session = self.session(PLATFORMS["google"])
            if session is None:
                return redirect(self.login_url(PLATFORMS["google"], back))
            if self.method == "POST":
                form = self.form()
                session.verified = True
                return redirect(self.safe_back(form.get("continue", ""), back))
            return Reply(200, pages.google_challenge_page(back))
        return redirect("https://myaccount.google.com/data-and-privacy") if self.path == "/" else None

    def facebook_auth(self) -> Reply | None:
        if self.host not in ("www.facebook.com", "facebook.com", "m.facebook.com"):
            return None
        if self.path.rstrip("/") != "/login":
            return None
        back = self.safe_back(self.q("next"), "https://www.facebook.com/settings/?tab=privacy")
        if self.method == "POST":
            form = self.form()
            back = self.safe_back(form.get("next", ""), back)
            session = self.state.new_session("facebook", self.account_from_form(form, "email"))
            return redirect(back, self.set_session_cookies(session))
        return Reply(200, pages.facebook_login_page(back))

    def microsoft_auth(self) -> Reply | None:
        ms = PLATFORMS["microsoft"]
        if self.host == "account.microsoft.com" and self.path == "/auth/complete-signin":
            back = self.safe_back(self.q("ru"), "https://account.microsoft.com/privacy")
            session = self.state.session("microsoft", self.q("t"))
            if session is None:
                return redirect(self.login_url(ms, back))
            return redirect(back, self.set_session_cookies(session, only_domain="account.microsoft.com"))
        if self.host != "login.live.com":
            return None
        wreply = self.safe_back(self.q("wreply"), "https://account.microsoft.com/auth/complete-signin")
        if self.path == "/login.srf":
            token = token_of("MSPAuth", self.cookies.get("MSPAuth", ""))
            session = self.state.session("microsoft", token)
            if session is not None and self.cookies.get("MSPProf") == cookie_value("MSPProf", session.token):
                return redirect(_with_param(wreply, "t", session.token))  # still signed in: silent SSO
            return Reply(200, pages.microsoft_login_page(wreply))
        if self.path == "/ppsecure/post.srf" and self.method == "POST":
            form = self.form()
            wreply = self.safe_back(form.get("wreply", ""), wreply)
            session = self.state.new_session("microsoft", self.account_from_form(form, "login"))
            return redirect(
                _with_param(wreply, "t", session.token),
                self.set_session_cookies(session, only_domain=".live.com"),
            )
        return None

    # --- the settings data the page script fetches ------------------------------------------------
    def data(self, platform: Platform) -> Reply:
        session = self.session(platform)
        page_key = self.q("page") or self.form().get("page", "")
        page = platform.page(page_key)
        if page is None or page.host != self.host:
            return json_reply({"error": f"no page {page_key!r} on {self.host}"}, 404)
        if session is None:
            return json_reply({"error": "signed out", "redirect": self.login_url(platform, page.url)}, 401)
        if self.state.needs_verification(session) and page.host == "myactivity.google.com":
            return json_reply({"error": "verify", "redirect": self.challenge_url(page.url)}, 403)
        if self.method == "POST":  # the page's own UI changed a setting: recorded in page_changes
            form = self.form()
            key, value = str(form.get("key")), str(form.get("value"))
            with self.state.lock:
                previous = self.state.settings_of(platform.name, session.account).get(key, "")
                self.state.set_setting(platform.name, session.account, key, value)
                self.state.record_page_change(platform.name, session.account, page.key, key, value, previous)
        return json_reply(self.page_data(platform, page, session))

    def page_data(self, platform: Platform, page: SimPage, session: Session) -> dict[str, Any]:
        with self.state.lock:
            variant = self.state.variants[platform.name]
            values = dict(self.state.settings_of(platform.name, session.account))
            delay = self.state.render_delay_ms
            seed = self.state.seed_of(platform.name, session.account)
            time_scale = self.state.time_scales[platform.name]
        extra: dict[str, Any] = {}
        if variant == GENERATED:
            extra = {
                "seed": seed,
                "time_scale": time_scale,
                "recipe": generated.recipe_data(generated.page_recipe(platform.name, page.key, seed)),
                "values": {s.key: values[s.key] for s in platform.settings if s.page == page.key},
            }
        return extra | {
            "platform": platform.name,
            "variant": variant,
            "render_delay_ms": delay,
            "page": {"key": page.key, "heading": page.heading},
            "settings": [
                {
                    "key": s.key,
                    "label": s.v2_label if variant == "v2" else s.label,
                    "kind": s.kind,
                    "value": values[s.key],
                    "dom_id": s.dom_id,
                    "description": s.description,
                    "options": [{"value": o.value, "text": o.text, "short": o.short} for o in s.options],
                }
                for s in platform.settings
                if s.page == page.key
            ],
        }


def _with_param(url: str, name: str, value: str) -> str:
    return f"{url}{'&' if '?' in url else '?'}{name}={urllib.parse.quote(value)}"


def serve_in_thread(server: SimServer) -> threading.Thread:
    thread = threading.Thread(
        target=server.serve_forever, kwargs={"poll_interval": 0.2}, name="loopwho-simulator", daemon=True
    )
    thread.start()
    return thread
