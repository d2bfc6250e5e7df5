"""Chromium's sandbox: on in the images (a non-root user, a user namespace), and the one case where
--no-sandbox is needed, proven: Chromium refuses to start sandboxed as root, which is how the tests
and the demo run on the development machines. The pool follows the chromium_sandbox setting."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from core.errors import ConfigError
from core.settings import load_settings
from scanner.browser_host import server_config
from scanner.pool import BrowserPool, chromium_args

CHROMIUM = "/usr/lib/chromium/chromium-headless-shell"
PAGE = "data:text/html,<p>sandboxed</p>"


def _render(*, as_user: str | None, extra: list[str]) -> subprocess.CompletedProcess[str]:
    cmd = [CHROMIUM, "--headless", "--disable-gpu", *extra, "--dump-dom", PAGE]
    home = tempfile.mkdtemp(prefix="loopwho-sandbox-")
    os.chmod(home, 0o777)
    if as_user:
        cmd = ["runuser", "-u", as_user, "--", "env", f"HOME={home}", *cmd]
    try:
        return subprocess.run(cmd, capture_output=True, text=True, timeout=60, env={**os.environ, "HOME": home})
    finally:
        shutil.rmtree(home, ignore_errors=True)


def test_root_needs_no_sandbox_and_a_non_root_user_runs_sandboxed() -> None:
    assert os.geteuid() == 0, "run as root (as the development machines and CI do): runuser needs it"
    refused = _render(as_user=None, extra=[])
    assert "<p>sandboxed</p>" not in refused.stdout
    assert "Running as root without --no-sandbox is not supported" in refused.stderr
    assert "<p>sandboxed</p>" in _render(as_user=None, extra=["--no-sandbox"]).stdout
    # the images' case: an ordinary user, Chromium's user-namespace sandbox on
    sandboxed = _render(as_user="nobody", extra=[])
    assert "<p>sandboxed</p>" in sandboxed.stdout, sandboxed.stderr[-1500:]


def test_the_pool_and_the_browser_host_follow_the_sandbox_setting(settings_env: dict) -> None:
    on = load_settings({**settings_env, "LOOPWHO_CHROMIUM_SANDBOX": "on"})
    off = load_settings({**settings_env, "LOOPWHO_CHROMIUM_SANDBOX": "off"})
    assert "--no-sandbox" not in BrowserPool(settings=on).chromium_args
    assert "--no-sandbox" in BrowserPool(settings=off).chromium_args
    assert "--no-sandbox" not in server_config(port=9, settings=on)["args"]  # type: ignore[operator]
    assert ("--no-sandbox" in chromium_args("auto")) == (os.geteuid() == 0)
    with pytest.raises(ConfigError, match="chromium_sandbox"):
        load_settings({**settings_env, "LOOPWHO_CHROMIUM_SANDBOX": "maybe"})


def test_the_seeds_variable_names_are_honoured_or_refused(settings_env: dict) -> None:
    seed = {"S3_BUCKET_NAME": "privacy", "S3_REGION": "eu-west-1", "EMAIL_FROM": "alerts@example.test"}
    s = load_settings({**settings_env, **seed})
    assert (s.s3_bucket, s.s3_region, s.email_from) == ("privacy", "eu-west-1", "alerts@example.test")
    assert load_settings({**settings_env, **seed, "LOOPWHO_S3_BUCKET": "privacy"}).s3_bucket == "privacy"
    with pytest.raises(ConfigError, match="S3_BUCKET_NAME and LOOPWHO_S3_BUCKET"):
        load_settings({**settings_env, **seed, "LOOPWHO_S3_BUCKET": "other"})


def test_images_set_the_sandbox_on() -> None:
    dockerfile = (Path(__file__).resolve().parents[2] / "docker/Dockerfile").read_text()
    assert "LOOPWHO_CHROMIUM_SANDBOX=on" in dockerfile
    assert "--no-sandbox" not in dockerfile
