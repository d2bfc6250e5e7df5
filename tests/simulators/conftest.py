"""One simulator per module; an httpx client that talks to it under any simulated host name."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from standins.platforms import Simulator


class SimClient:
    """Requests to https://<host>/... reach the simulator (like Chromium's host-resolver rules)."""

    def __init__(self, sim: Simulator) -> None:
        self.base = f"https://127.0.0.1:{sim.port}"
        self.http = httpx.Client(verify=False, follow_redirects=False, timeout=10)

    def request(self, method: str, url: str, cookies: dict[str, str] | None = None, **kwargs) -> httpx.Response:
        parsed = httpx.URL(url)
        headers = {"Host": parsed.host, **kwargs.pop("headers", {})}
        if cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        target = self.base + parsed.raw_path.decode()
        return self.http.request(method, target, headers=headers, **kwargs)

    def get(self, url: str, cookies: dict[str, str] | None = None, **kwargs) -> httpx.Response:
        return self.request("GET", url, cookies, **kwargs)

    def post(self, url: str, cookies: dict[str, str] | None = None, **kwargs) -> httpx.Response:
        return self.request("POST", url, cookies, **kwargs)


@pytest.fixture(scope="module")
def client(sim: Simulator) -> Iterator[SimClient]:
    c = SimClient(sim)
    yield c
    c.http.close()
