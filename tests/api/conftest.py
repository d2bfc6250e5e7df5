"""API fixtures: the app over real PostgreSQL and Redis (tests/conftest.py), an ASGI client that runs
the lifespan, and signed-in users, each with their own cookie jar and client address."""

from __future__ import annotations

import itertools
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass

import httpx
import pytest
from litestar import Litestar

from api.app import create_app, lifespan
from core.settings import Settings, load_settings

PASSWORD = "correct horse battery staple"
_ip = itertools.count(10)


@dataclass
class User:
    id: str
    email: str
    client: httpx.AsyncClient  # holds the session cookie
    csrf: str

    @property
    def csrf_headers(self) -> dict[str, str]:
        return {"X-CSRF-Token": self.csrf}


@pytest.fixture
def api_settings(settings_env: dict[str, str]) -> Settings:
    return load_settings()


@pytest.fixture
async def app(api_settings: Settings) -> AsyncIterator[Litestar]:
    """The app with its lifespan running (the test client enters it)."""
    application = create_app(api_settings)
    async with lifespan(application):  # in this event loop, where the requests run too
        yield application


def client_for(app: Litestar, ip: str | None = None) -> httpx.AsyncClient:
    """A client with its own cookie jar and source address (per-IP limits see them apart)."""
    address = ip or f"10.0.0.{next(_ip) % 250 + 1}"
    transport = httpx.ASGITransport(app=app, client=(address, 40000))
    return httpx.AsyncClient(transport=transport, base_url="http://testserver")


@pytest.fixture
async def make_user(app: Litestar) -> AsyncIterator[Callable[..., Awaitable[User]]]:
    clients: list[httpx.AsyncClient] = []

    async def _make(email: str | None = None) -> User:
        client = client_for(app)
        clients.append(client)
        email = email or f"u{secrets.token_hex(4)}@example.org"
        r = await client.post("/api/auth/signup", json={"email": email, "password": PASSWORD})
        assert r.status_code == 201, r.text
        body = r.json()
        return User(id=body["user"]["id"], email=email, client=client, csrf=body["csrf_token"])

    yield _make
    for client in clients:
        await client.aclose()


async def pair_extension(user: User) -> dict:
    """Pairing code (signed-in user) -> token pair (extension)."""
    r = await user.client.post("/api/account/pairing-codes", headers=user.csrf_headers)
    assert r.status_code == 201, r.text
    r = await user.client.post("/api/extension/auth", json={
        "grant_type": "pairing_code", "code": r.json()["code"], "device_name": "test"})
    assert r.status_code == 200, r.text
    return r.json()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
