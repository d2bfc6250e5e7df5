"""The API's /metrics: Stripe deliveries (signed by the stand-in's signer, verified by the real stripe
SDK) move loopwho_webhook_events_total by outcome; only operators may scrape it (anonymous 401, a
plain user 403, an operator's session or API key 200). Under ``loopwho serve --workers 2`` every
scrape, whichever process answers it, shows every process's deliveries (multiprocess mode)."""

from __future__ import annotations

import asyncio
import os
import re
import secrets
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import httpx
import pytest
from litestar import Litestar

from api.app import create_app, lifespan
from core.settings import load_settings
from store import users
from tests.api.conftest import PASSWORD, client_for
from tests.billing.conftest import completed_session, event, signed
from tests.conftest import free_port

REPO = Path(__file__).resolve().parents[2]
NAME = "loopwho_webhook_events_total"


def _value(text: str, name: str, **labels: str) -> float:
    """The sample ``name{labels}`` (exactly those labels) of a Prometheus text page; 0 when absent."""
    for line in text.splitlines():
        m = re.match(r"^([a-z_]+)(?:\{(.*)\})? (\S+)$", line)
        if m and m.group(1) == name and dict(re.findall(r'([a-z_]+)="([^"]*)"', m.group(2) or "")) == labels:
            return float(m.group(3))
    return 0.0


def _count(page: str, event_type: str, outcome: str) -> float:
    return _value(page, NAME, source="stripe", type=event_type, outcome=outcome)


@pytest.fixture
async def app(billing_env: dict[str, str], monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Litestar]:
    monkeypatch.setenv("LOOPWHO_PUBLIC_URL", "http://app.loopwho.test")  # no Secure cookie over http
    application = create_app(load_settings())
    async with lifespan(application):
        yield application


async def _signed_in(app: Litestar, role: str) -> tuple[httpx.AsyncClient, str, dict[str, str]]:
    """A client signed in as a new user of ``role``, the user's id and the CSRF header."""
    client = client_for(app)
    r = await client.post("/api/auth/signup", json={"email": f"m{secrets.token_hex(4)}@example.org",
                                                     "password": PASSWORD})
    assert r.status_code == 201, r.text
    user_id = r.json()["user"]["id"]
    if role != "user":
        await users.set_role(await app.state.resources.pool(), user_id, role)
    return client, user_id, {"X-CSRF-Token": r.json()["csrf_token"]}


async def test_webhook_deliveries_move_the_counter_and_only_operators_scrape(app: Litestar) -> None:
    anonymous = client_for(app)
    plain, user_id, plain_csrf = await _signed_in(app, "user")
    operator, _, csrf = await _signed_in(app, "operator")
    try:
        assert (await anonymous.get("/metrics")).status_code == 401
        assert (await plain.get("/metrics")).status_code == 403
        r = await operator.get("/metrics")
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/plain")
        before = r.text

        paid = event("checkout.session.completed", completed_session(user_id, "payment"))
        refund = event("charge.refunded", {"id": "ch_1", "object": "charge"})
        deliveries = [(paid, signed(paid), 200), (paid, signed(paid), 200), (refund, signed(refund), 200),
                      (paid, signed(paid, secret="whsec_other"), 400), (paid, None, 400)]
        for body, signature, status in deliveries:
            headers = {"Stripe-Signature": signature} if signature else {}
            r = await anonymous.post("/api/webhooks/stripe", content=body, headers=headers)
            assert r.status_code == status, r.text

        # an operator's API key (what Prometheus sends) reads the same page
        r = await operator.post("/api/account/api-keys", json={"name": "prometheus"}, headers=csrf)
        assert r.status_code == 201, r.text
        r = await anonymous.get("/metrics", headers={"Authorization": f"Bearer {r.json()['key']}"})
        assert r.status_code == 200
        after = r.text
        moved = {(t, o): _count(after, t, o) - _count(before, t, o) for t, o in [
            ("checkout.session.completed", "applied"), ("checkout.session.completed", "duplicate"),
            ("charge.refunded", "ignored"), ("unknown", "rejected")]}
        assert moved == {("checkout.session.completed", "applied"): 1, ("checkout.session.completed", "duplicate"): 1,
                         ("charge.refunded", "ignored"): 1, ("unknown", "rejected"): 2}
        # a plain user's API key is refused too
        r = await plain.post("/api/account/api-keys", json={"name": "not-ops"}, headers=plain_csrf)
        assert r.status_code == 201, r.text
        r = await anonymous.get("/metrics", headers={"Authorization": f"Bearer {r.json()['key']}"})
        assert r.status_code == 403
    finally:
        for client in (anonymous, plain, operator):
            await client.aclose()


@pytest.fixture
def served(billing_env: dict[str, str], tmp_path: Path) -> Iterator[str]:
    """``loopwho serve --workers 2`` in a process of its own, with no PROMETHEUS_MULTIPROC_DIR given:
    serve makes the shared folder itself."""
    port = free_port()
    env = {**os.environ, **billing_env, "LOOPWHO_JWT_SECRET": secrets.token_hex(32),
           "LOOPWHO_PUBLIC_URL": "http://app.loopwho.test"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    log = tmp_path / "serve.log"
    with log.open("wb") as stderr:
        proc = subprocess.Popen([sys.executable, "-m", "cli.main", "serve", "--port", str(port), "--workers", "2"],
                                cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=stderr)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120  # two processes import everything on a loaded 2-core machine
        while True:
            try:
                if httpx.get(f"{url}/api/health", timeout=2).status_code in (200, 503):
                    break
            except httpx.TransportError:
                pass
            assert proc.poll() is None and time.monotonic() < deadline, log.read_text()[-2000:]
            time.sleep(0.2)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(10)


async def test_every_uvicorn_worker_answers_with_every_workers_counts(served: str, pool) -> None:
    async with httpx.AsyncClient(base_url=served, timeout=30) as c:
        r = await c.post("/api/auth/signup", json={"email": f"ops{secrets.token_hex(4)}@example.org",
                                                    "password": PASSWORD})
        assert r.status_code == 201, r.text
        await users.set_role(pool, r.json()["user"]["id"], "operator")
        r = await c.post("/api/account/api-keys", json={"name": "prometheus"},
                         headers={"X-CSRF-Token": r.json()["csrf_token"]})
        assert r.status_code == 201, r.text
        key = {"Authorization": f"Bearer {r.json()['key']}"}
    body = event("charge.refunded", {"id": "ch_1", "object": "charge"})

    async def scrape() -> float:
        async with httpx.AsyncClient(base_url=served, timeout=30) as fresh:  # a new connection each time
            r = await fresh.get("/metrics", headers=key)
            assert r.status_code == 200, r.text
            return _count(r.text, "unknown", "rejected")

    async def reject() -> None:
        async with httpx.AsyncClient(base_url=served, timeout=30) as fresh:
            r = await fresh.post("/api/webhooks/stripe", content=body, headers={"Stripe-Signature": "t=1,v1=00"})
            assert r.status_code == 400

    start = await scrape()
    await asyncio.gather(*(reject() for _ in range(24)))  # at once, so both processes take some
    # without the shared folder each process would count only its own, and scrapes would disagree
    assert [await scrape() for _ in range(8)] == [start + 24] * 8
