import os
import shutil
import subprocess
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_compose_file_is_valid_and_runs_every_process() -> None:
    assert shutil.which("docker-compose"), "./scripts/setup installs Debian's docker-compose"
    env = dict(os.environ, LOOPWHO_ENCRYPTION_KEYS="k1:x", LOOPWHO_JWT_SECRET="y")
    out = subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker/compose.yaml"), "config"],
        capture_output=True, text=True, env=env, check=True,
    ).stdout
    services = yaml.safe_load(out)["services"]
    assert {"api", "worker", "scheduler", "migrate", "postgres", "redis"} <= set(services)
    assert services["worker"]["command"] == ["worker"]
    assert "timescaledb" in services["postgres"]["image"]


def test_compose_refuses_to_start_without_secrets() -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("LOOPWHO_ENCRYPTION_KEYS", "LOOPWHO_JWT_SECRET")}
    proc = subprocess.run(
        ["docker-compose", "-f", str(ROOT / "docker/compose.yaml"), "config"],
        capture_output=True, text=True, env=env,
    )
    assert proc.returncode != 0
    assert "LOOPWHO_ENCRYPTION_KEYS" in proc.stderr
