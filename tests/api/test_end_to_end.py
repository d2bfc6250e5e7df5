"""Readings submitted by the extension go through the real rq worker (the jobs room's chain) and
come back on the dashboard and in the history."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from litestar import Litestar

from tests.api.conftest import bearer, client_for, pair_extension


def _reading(key: str, value: str) -> dict:
    return {"key": key, "label": key, "value": value, "confidence": 0.95, "method": "extension"}


def _run_worker(redis_url: str) -> None:
    rq = os.path.join(os.path.dirname(sys.executable), "rq")
    done = subprocess.run([rq, "worker", "--burst", "--url", redis_url, "scans", "analysis"],
                          env=dict(os.environ), capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]


@pytest.mark.slow
async def test_submitted_scan_reaches_the_dashboard(app: Litestar, make_user, redis_url: str) -> None:
    user = await make_user()
    pair = await pair_extension(user)
    async with client_for(app) as ext:
        ext.headers.update(bearer(pair["access_token"]))
        # every setting of the active pack, read with confidence: an "ok" scan, which gets analysed
        pack = (await ext.get("/api/extension/packs/facebook")).json()
        readings = [_reading(s["key"], s["preferred"]) for s in pack["settings"]]
        readings[0] = _reading(pack["settings"][0]["key"], next(
            v for v in pack["settings"][0]["value_space"] if v != pack["settings"][0]["preferred"]))
        r = await ext.post("/api/extension/submit-scan", json={"platform": "facebook", "readings": readings})
        assert r.status_code == 202, r.text
        job_id = r.json()["job"]["id"]
        _run_worker(redis_url)
        status = (await ext.get("/api/extension/scan-status", params={"job_id": job_id})).json()["jobs"][0]
        assert status["status"] == "done", status
        dash = (await ext.get("/api/privacy/dashboard")).json()["platforms"]
    facebook = next(p for p in dash if p["platform"] == "facebook")
    values = {s["key"]: s["value"] for s in facebook["settings"]}
    assert values == {r["key"]: r["value"] for r in readings}
    assert facebook["last_scan_status"] == "ok" and 0 <= facebook["privacy_score"] <= 100
    # the one setting left away from its privacy-preferred value is what the analysis recommends
    assert readings[0]["key"] in {r["setting_key"] for r in facebook["recommendations"]}
