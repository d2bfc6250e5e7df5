"""docker/compose.yaml, checked with `docker-compose config` (Debian's docker-compose, installed by
./scripts/setup): migrate runs first and once, every long-running service has a healthcheck, a
restart policy and resource limits, workers and browser servers scale, and every setting an operator
sets in docker/.env reaches the processes and means something to core/settings."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import msgspec
import pytest
import yaml

from core.settings import Settings, load_settings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = ROOT / "docker/compose.yaml"
REQUIRED = {"LOOPWHO_ENCRYPTION_KEYS": "k1:eA==", "LOOPWHO_JWT_SECRET": "y" * 32, "POSTGRES_PASSWORD": "pw",
            "LOOPWHO_PUBLIC_URL": "https://loopwho.example.test", "LOOPWHO_BROWSERS_TOKEN": "tok",
            "LOOPWHO_BROWSER_WS_ENDPOINTS": "ws://browsers:3000/tok"}
APP = ("api", "worker", "scheduler")


def compose_config(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    assert shutil.which("docker-compose"), "./scripts/setup installs Debian's docker-compose"
    clean = {k: v for k, v in os.environ.items() if k not in REQUIRED and not k.startswith(("LOOPWHO_", "S3_"))}
    return subprocess.run(["docker-compose", "-f", str(COMPOSE), *args, "config"], capture_output=True, text=True,
                          env={**clean, **env}, cwd=ROOT, timeout=60)


@pytest.fixture(scope="module")
def services() -> dict:
    extra = {"LOOPWHO_EXTENSION_ORIGIN": "chrome-extension://abcdefghijklmnopabcdefghijklmnop",
             "STRIPE_WEBHOOK_SECRET": "whsec_test", "LOOPWHO_STRIPE_SUBSCRIPTION_PRICE_ID": "price_sub",
             "LOOPWHO_STRIPE_CREDITS_PRICE_ID": "price_credits", "LOOPWHO_BLOB_BACKEND": "s3",
             "S3_BUCKET_NAME": "privacy", "S3_REGION": "eu-central-1",
             "LOOPWHO_S3_ENDPOINT_URL": "http://minio:9000", "EMAIL_FROM": "loopwho <alerts@example.test>"}
    proc = compose_config({**REQUIRED, **extra}, "--profile", "s3")
    assert proc.returncode == 0, proc.stderr
    return yaml.safe_load(proc.stdout)["services"]


def test_migrate_runs_once_before_the_processes(services: dict) -> None:
    assert services["migrate"]["command"] == ["migrate"]
    assert services["migrate"]["restart"] == "no"
    for name in APP:
        deps = services[name]["depends_on"]
        assert deps["migrate"]["condition"] == "service_completed_successfully", name
        assert deps["timescaledb"]["condition"] == deps["redis"]["condition"] == "service_healthy", name


def test_every_service_is_watched_restarted_and_bounded(services: dict) -> None:
    assert {*APP, "migrate", "browsers", "timescaledb", "redis", "minio"} <= set(services)
    for name, svc in services.items():
        limits = svc.get("deploy", {}).get("resources", {}).get("limits", {})
        assert limits.get("memory") and limits.get("cpus"), f"{name} has no resource limits"
        if name == "migrate":
            continue
        assert svc.get("restart") == "unless-stopped", name
        assert svc.get("healthcheck", {}).get("test"), f"{name} has no healthcheck"
    assert "--appendonly" in services["redis"]["command"]  # queued jobs survive a Redis restart
    assert "timescaledb" in services["timescaledb"]["image"]
    assert services["minio"]["profiles"] == ["s3"]


def test_workers_and_browser_servers_scale_and_run_sandboxed(services: dict) -> None:
    for name in ("worker", "browsers"):
        svc = services[name]
        assert "container_name" not in svc and "ports" not in svc, f"{name} could not be scaled"
        assert svc["build"]["target"] == name
        profile = json.loads((ROOT / svc["security_opt"][0].split(":", 1)[1]).read_text())
        denied = {n for rule in profile["syscalls"] if rule["action"] != "SCMP_ACT_ALLOW" for n in rule["names"]}
        # Chromium's user-namespace sandbox needs clone/unshare; the host-level calls stay denied
        assert not denied & {"clone", "clone3", "unshare"} and {"kexec_load", "mount", "bpf"} <= denied
    assert services["browsers"]["command"][-1] == "/tok"
    assert services["worker"]["environment"]["LOOPWHO_BROWSER_WS_ENDPOINTS"] == "ws://browsers:3000/tok"
    api = services["api"]["command"]
    assert "--proxy-headers" in api and api[api.index("--workers") + 1] == "2"


def test_the_operators_configuration_reaches_every_process(services: dict) -> None:
    for name in APP:
        env = {k: str(v) for k, v in services[name]["environment"].items()}
        assert env["LOOPWHO_PUBLIC_URL"] == "https://loopwho.example.test"
        s = load_settings(env)  # the process would start with it
        assert (s.public_url, s.extension_origin) == ("https://loopwho.example.test",
                                                      "chrome-extension://abcdefghijklmnopabcdefghijklmnop")
        assert (s.stripe_webhook_secret, s.stripe_subscription_price_id, s.stripe_credits_price_id) == (
            "whsec_test", "price_sub", "price_credits")
        assert (s.blob_backend, s.s3_bucket, s.s3_region, s.s3_endpoint_url) == (
            "s3", "privacy", "eu-central-1", "http://minio:9000")
        assert s.email_from == "loopwho <alerts@example.test>" and s.is_production


def test_every_variable_is_explained_and_means_a_setting() -> None:
    example = (ROOT / "docker/.env.example").read_text()
    documented = set(re.findall(r"^([A-Z0-9_]+)=", example, re.M))
    used = set(re.findall(r"\$\{([A-Z0-9_]+)", COMPOSE.read_text()))
    assert used <= documented, f"used in compose.yaml, not explained in .env.example: {used - documented}"
    assert documented <= used, f"explained but never passed: {documented - used}"
    fields = {f.name for f in msgspec.structs.fields(Settings)}
    app_env = yaml.safe_load(COMPOSE.read_text())["x-environment"]
    seed = {"S3_BUCKET_NAME", "S3_REGION", "EMAIL_FROM", "DATABASE_URL", "REDIS_URL", "GEMINI_API_KEY",
            "FIRECRAWL_API_KEY", "STRIPE_SECRET_KEY", "STRIPE_WEBHOOK_SECRET", "RESEND_API_KEY",
            "S3_ACCESS_KEY_ID", "S3_SECRET_ACCESS_KEY"}
    for key in app_env:
        assert key in seed or key.removeprefix("LOOPWHO_").lower() in fields, f"{key} is no setting"


def test_compose_refuses_to_start_without_its_secrets() -> None:
    for missing in ("LOOPWHO_ENCRYPTION_KEYS", "POSTGRES_PASSWORD", "LOOPWHO_BROWSERS_TOKEN"):
        proc = compose_config({k: v for k, v in REQUIRED.items() if k != missing})
        assert proc.returncode != 0
        assert missing in proc.stderr
