"""A tiny HTTPS site for pool tests: answers for any host name (Chromium reaches it through
--host-resolver-rules), echoes the cookies it receives and remembers every request it saw."""

from __future__ import annotations

import datetime
import http.server
import ipaddress
import ssl
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID


@dataclass
class HostList:
    """The part of a selector pack the pool uses: an allowlist and resource types to skip."""

    hosts: list[str]
    block_resources: list[str] = field(default_factory=lambda: ["image", "font", "media"])

    def allows_host(self, host: str) -> bool:
        return host in self.hosts


PAGES = {
    "/echo": "<html><body><pre id=cookies>{cookies}</pre></body></html>",
    # an image on the same host (skipped as a resource type) and a fetch to a host outside the allowlist
    "/subrequests": (
        "<html><body><img src='/pixel.png'><p id=done>loading</p><script>"
        "fetch('https://tracker.example/collect?x=1').catch(() => null)"
        ".then(() => {{ document.getElementById('done').textContent = 'done'; }});"
        "</script></body></html>"
    ),
    # a WebSocket to a host outside the allowlist and one to the page's own host, a service worker
    "/sockets": (
        "<html><body><p id=done>waiting</p><script>"
        "const seen = [];"
        "const note = (what) => {{ seen.push(what); if (seen.length === 3)"
        " document.getElementById('done').textContent = seen.sort().join(','); }};"
        "const off = new WebSocket('wss://tracker.example/socket'); off.onclose = (e) => note('off:' + e.code);"
        "const own = new WebSocket('wss://a.test/socket'); own.onclose = () => note('own:closed');"
        "navigator.serviceWorker.register('/sw.js').then((r) => note(r ? 'sw:registered' : 'sw:none'),"
        " () => note('sw:refused'));"
        "</script></body></html>"
    ),
    "/leave": "<html><body><script>location.href = 'https://tracker.example/landing';</script></body></html>",
}


def _certificate(folder: Path) -> tuple[Path, Path]:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "loopwho test site")])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1)).not_valid_after(now + datetime.timedelta(days=7))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("*.test"),
                                                    x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = folder / "cert.pem", folder / "key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class LocalSite:
    def __init__(self) -> None:
        self.requests: list[tuple[str, str]] = []  # (host, path)
        self._folder = tempfile.TemporaryDirectory()
        cert, key = _certificate(Path(self._folder.name))
        site = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                host = (self.headers.get("Host") or "").split(":")[0]
                path = self.path.split("?")[0]
                site.requests.append((host, path))
                if path == "/slow":
                    time.sleep(3)
                if path == "/redirect-out":  # a server-side redirect to a host outside the allowlist
                    self.send_response(302)
                    self.send_header("Location", "https://tracker.example/landing")
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                body = PAGES.get(path, "<html><body><p id=ok>ok</p></body></html>")
                data = body.format(cookies=self.headers.get("Cookie", "")).encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        class Server(http.server.ThreadingHTTPServer):
            daemon_threads = True

            def handle_error(self, request: object, client_address: object) -> None:
                pass  # browsers hang up mid-answer (a killed browser, an aborted request)

        self._server = Server(("127.0.0.1", 0), Handler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def resolve_rule(self) -> str:
        return f"MAP *.test 127.0.0.1:{self.port}, MAP tracker.example 127.0.0.1:{self.port}"

    def __enter__(self) -> LocalSite:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._folder.cleanup()
