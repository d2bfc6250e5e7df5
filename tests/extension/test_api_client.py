"""The extension's API client against a scripted HTTP server: it retries network errors and 5xx
with back-off, waits out a 429's Retry-After, and gives up at once on any other 4xx."""

from __future__ import annotations

import asyncio
import json
import re
import threading
import time
from collections.abc import AsyncIterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.async_api import expect

from tests.extension.conftest import LoadedExtension


class ScriptedServer:
    """Answers each path with the next (status, headers, body) of its script; the last one repeats."""

    def __init__(self) -> None:
        self.scripts: dict[str, list[tuple[int, dict[str, str], Any]]] = {}
        self.hits: dict[str, list[float]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                path = self.path
                server.hits.setdefault(path, []).append(time.monotonic())
                script = server.scripts.get(path) or [(404, {}, {"error": "no such route"})]
                status, headers, body = script.pop(0) if len(script) > 1 else script[0]
                payload = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(payload)))
                for name, value in headers.items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()


@pytest.fixture(scope="module")
async def scripted(extension: LoadedExtension) -> AsyncIterator[ScriptedServer]:
    server = ScriptedServer()
    # the extension talks to a server whose origin the user granted: saving the URL asks for it
    popup = await extension.open_popup()
    try:
        await popup.locator("#server-url").fill(server.url)
        await popup.locator("#server-save").click()
        # not wait_for_function: it evals its string in the popup, which the extension's CSP refuses
        await expect(popup.locator("#server-url")).to_have_value(re.compile(":"))
        deadline = time.monotonic() + 10
        while not await popup.evaluate("chrome.permissions.contains({origins: ['http://127.0.0.1/*']})"):
            assert time.monotonic() < deadline, "the server's origin was never granted"
            await asyncio.sleep(0.1)
    finally:
        await popup.evaluate("chrome.storage.local.clear()")
        await popup.close()
    yield server
    server.httpd.shutdown()


CALL = """async ([url, path]) => {
    const { apiRequest } = await import('/background/api-client.js');
    try {
        return { ok: true, body: await apiRequest(url, path) };
    } catch (error) {
        return { ok: false, status: error.status, message: error.message, name: error.name };
    }
}"""


async def call(extension: LoadedExtension, url: str, path: str) -> dict[str, Any]:
    page = await extension.context.new_page()
    try:
        await page.goto(extension.url("popup/popup.html"))
        return await page.evaluate(CALL, [url, path])
    finally:
        await page.close()


async def test_server_errors_are_retried_with_growing_delays(
    extension: LoadedExtension, scripted: ScriptedServer,
) -> None:
    scripted.scripts["/flaky"] = [(503, {}, {"error": "busy"}), (502, {}, None), (200, {}, {"fine": True})]
    answer = await call(extension, scripted.url, "/flaky")
    assert answer == {"ok": True, "body": {"fine": True}}
    hits = scripted.hits["/flaky"]
    assert len(hits) == 3
    first_wait, second_wait = hits[1] - hits[0], hits[2] - hits[1]
    assert 0.2 <= first_wait < 1.0 and second_wait >= 0.45  # base 500 ms, doubling, half of it jitter


async def test_a_client_error_is_not_retried(extension: LoadedExtension, scripted: ScriptedServer) -> None:
    scripted.scripts["/bad"] = [(400, {}, {"error": "platform must be one of google, facebook, microsoft"})]
    answer = await call(extension, scripted.url, "/bad")
    assert answer["ok"] is False and answer["status"] == 400
    assert answer["message"] == "platform must be one of google, facebook, microsoft"
    assert len(scripted.hits["/bad"]) == 1


async def test_too_many_requests_waits_for_retry_after(
    extension: LoadedExtension, scripted: ScriptedServer,
) -> None:
    scripted.scripts["/limited"] = [(429, {"Retry-After": "1"}, {"error": "slow down"}), (200, {}, {"n": 1})]
    answer = await call(extension, scripted.url, "/limited")
    assert answer == {"ok": True, "body": {"n": 1}}
    hits = scripted.hits["/limited"]
    assert len(hits) == 2 and hits[1] - hits[0] >= 0.95


async def test_persistent_server_errors_give_up_after_the_retries(
    extension: LoadedExtension, scripted: ScriptedServer,
) -> None:
    scripted.scripts["/down"] = [(500, {}, {"error": "internal"})]
    answer = await call(extension, scripted.url, "/down")
    assert answer["ok"] is False and answer["status"] == 500 and answer["name"] == "ApiError"
    assert len(scripted.hits["/down"]) == 4  # the first try and three retries
