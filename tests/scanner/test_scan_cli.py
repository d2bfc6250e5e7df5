"""`loopwho scan` as a user runs it: a subprocess against a running simulator."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import msgspec
import pytest

from standins.platforms import Simulator

pytestmark = pytest.mark.browser




def loopwho(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True,
                          timeout=120, cwd=Path(__file__).resolve().parents[2])


def cookie_file(tmp_path: Path, sim: Simulator, platform: str, account: str) -> Path:
    path = tmp_path / f"{platform}-{account}.json"
    path.write_bytes(msgspec.json.encode(sim.sign_in(platform, account)))
    return path


def test_scan_json_reads_the_simulated_account(sim: Simulator, tmp_path: Path) -> None:
    cookies = cookie_file(tmp_path, sim, "google", "cli-user")
    sim.set_setting("google", "cli-user", "timeline", "off")
    sim.set_setting("google", "cli-user", "auto_delete", "3")
    # a pattern, as Chromium's resolver rules allow
    out = loopwho("scan", "google", "--cookies", str(cookies), "--resolve", f"*.google.com={sim.address}",
                  "--ignore-https-errors", "--json")
    assert out.returncode == 0, out.stderr
    result = json.loads(out.stdout)
    assert result["platform"] == "google" and result["status"] == "ok" and result["pack_version"] == "1"
    assert {r["key"]: r["value"] for r in result["readings"]} == sim.get_settings("google", "cli-user")
    for reading in result["readings"]:
        assert {"key", "label", "value", "method", "confidence"} <= set(reading)
    assert result["errors"] == []


def test_scan_table_and_expired_session(sim: Simulator, tmp_path: Path) -> None:
    cookies = cookie_file(tmp_path, sim, "microsoft", "cli-table")
    resolve = [arg for host_arg in sim.resolve_args() for arg in ("--resolve", host_arg)]
    out = loopwho("scan", "microsoft", "--cookies", str(cookies), *resolve, "--ignore-https-errors")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("microsoft: ok")
    assert "Location activity" in out.stdout and "dom" in out.stdout

    sim.expire_session("microsoft", "cli-table")
    out = loopwho("scan", "microsoft", "--cookies", str(cookies), *resolve, "--ignore-https-errors", "--json")
    result = json.loads(out.stdout)
    assert result["status"] == "reauth_required" and result["readings"] == []
    secrets = [c["value"] for c in json.loads(cookies.read_text())]
    assert not any(s in out.stdout + out.stderr for s in secrets)


def test_scan_with_policies_shows_the_ocr_method_and_the_policy(sim: Simulator, tmp_path: Path) -> None:
    cookies = cookie_file(tmp_path, sim, "google", "cli-ocr")
    resolve = [arg for host_arg in sim.resolve_args() for arg in ("--resolve", host_arg)]
    sim.set_variant("google", "ocr")  # the DOM gives nothing: every reading comes from the screenshot
    try:
        out = loopwho("scan", "google", "--cookies", str(cookies), *resolve, "--ignore-https-errors",
                      "--policies")
    finally:
        sim.set_variant("google", "classic")
    assert out.returncode == 0, out.stderr
    rows = {line.split()[0]: line.split() for line in out.stdout.splitlines()[2:] if line.startswith(
        ("web_app", "timeline", "youtube", "auto_delete", "personalized"))}
    assert set(rows) == {"web_app_activity", "timeline", "youtube_history", "auto_delete", "personalized_ads"}
    assert all("ocr" in row for row in rows.values())
    policy = [line for line in out.stdout.splitlines() if line.startswith("policy privacy_policy")]
    assert policy and "ok via browser" in policy[0]


@pytest.mark.parametrize(("content", "message"), [
    (None, "does not exist"),
    ("{not json", "not valid JSON"),
    ('[{"name": "SID"}]', "chrome.cookies shape"),
    ('[{"name": "SID", "value": "s3cret-value", "domain": ".google.com", "sameSite": "sideways"}]',
     "sameSite 'sideways'"),
])
def test_a_bad_cookie_file_is_one_error_line_and_exit_2(
        tmp_path: Path, content: str | None, message: str) -> None:
    path = tmp_path / "cookies.json"
    if content is not None:
        path.write_text(content)
    out = loopwho("scan", "google", "--cookies", str(path), "--json")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("loopwho: error:") and message in lines[0], out.stderr
    assert "s3cret-value" not in out.stderr and out.stdout == ""


def test_an_unknown_platform_is_one_error_line_and_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "cookies.json"
    path.write_text("[]")
    out = loopwho("scan", "myspace", "--cookies", str(path))
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [
        "loopwho: error: unknown platform 'myspace'; choose one of google, facebook, microsoft"]
