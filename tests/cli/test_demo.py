"""`loopwho demo --json`, the project's main job, run as a user runs it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import httpx
import pytest

from tests.conftest import free_port
from tests.web.conftest import start_server

pytestmark = pytest.mark.browser


def test_demo_shows_the_two_changes_the_policy_update_and_the_emails(database_url: str, tmp_path) -> None:
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("LOOPWHO_")}
    env.update(DATABASE_URL=database_url, LOOPWHO_BLOB_DIR=str(tmp_path / "blobs"),
               LOOPWHO_HOME=str(tmp_path / "home"), LOOPWHO_PUBLIC_URL=f"http://127.0.0.1:{port}")
    done = subprocess.run([sys.executable, "-m", "cli.main", "demo", "--json"], env=env, capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    first, second = report["first_scan"], report["second_scan"]
    assert {p: s["status"] for p, s in first.items()} == {"google": "ok", "facebook": "ok", "microsoft": "ok"}
    assert all(r["method"] == "dom" and r["value"] for s in first.values() for r in s["readings"])
    assert second["microsoft"]["unchanged"] is True
    assert second["facebook"]["events"] == 1
    assert second["google"]["events"] == 2  # Web & App Activity, and the re-published privacy policy
    assert second["google"]["privacy_score"] > first["google"]["privacy_score"]
    subjects = sorted(m["subject"] for m in report["emails"])
    assert subjects == ["Privacy settings changed on Google - 2 update(s) detected",
                        "[Action needed] Privacy settings changed on Facebook - 1 update(s) detected"]
    assert any("public" in m["text"] for m in report["emails"])
    assert list((tmp_path / "blobs" / "privacy-data").iterdir())  # the snapshots were written

    # what the demo prints at its end is enough to see its scans in the web app (`loopwho serve`)
    shown = report["dashboard"]
    assert shown["sign_in"] == f"http://127.0.0.1:{port}/signin?next=/dashboard"
    server = start_server(env, tmp_path / "serve.log")
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
            form = client.get("/signin?next=/dashboard")
            csrf = form.text.split('name="csrf" value="')[1].split('"')[0]
            page = client.post("/signin", data={"csrf": csrf, "email": shown["email"], "password": shown["password"],
                                                "next": "/dashboard"}, follow_redirects=True)
        assert page.status_code == 200 and page.url.path == "/dashboard"
        for platform in ("google", "facebook", "microsoft"):
            assert f'data-platform="{platform}"' in page.text
        assert "Privacy score" in page.text
    finally:
        server.terminate()
        server.wait(10)
