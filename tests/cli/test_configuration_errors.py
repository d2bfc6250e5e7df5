"""Bad configuration gives one clear error line and exit status 2, never a traceback."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


def loopwho(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if not k.startswith("LOOPWHO_")}
    return subprocess.run([sys.executable, "-m", "cli.main", *args], env={**clean, **env},
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("command", [["worker", "--burst"], ["scheduler", "--once"], ["serve"]])
def test_production_without_an_encryption_key_is_refused(command: list[str]) -> None:
    done = loopwho(*command, LOOPWHO_ENV="production")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        "loopwho: error: LOOPWHO_ENCRYPTION_KEYS is required in production (generate: loopwho keygen)"
    ]


def test_unreachable_redis_is_one_line() -> None:
    done = loopwho("worker", "--burst", REDIS_URL="redis://127.0.0.1:1/0")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("loopwho: error: cannot reach a required service")


def test_unknown_setting_in_the_config_file_is_named(tmp_path) -> None:
    cfg = tmp_path / "loopwho.toml"
    cfg.write_text("scan_deadline = 3\n")
    done = loopwho("migrate", LOOPWHO_CONFIG=str(cfg))
    assert done.returncode == 2
    assert "scan_deadline" in done.stderr and "Traceback" not in done.stderr


def test_every_command_has_help() -> None:
    listing = loopwho("--help").stdout
    for command in ("migrate", "serve", "worker", "scheduler", "demo", "scan", "simulate", "packs", "report"):
        assert command in listing
        done = loopwho(command, "--help")
        assert done.returncode == 0 and "usage: loopwho" in done.stdout


def test_several_serve_workers_without_a_shared_jwt_secret_are_refused() -> None:
    done = loopwho("serve", "--workers", "2", "--port", "1")
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("loopwho: error: --workers 2 needs LOOPWHO_JWT_SECRET"), lines
    assert loopwho("serve", "--workers", "0").returncode == 2
