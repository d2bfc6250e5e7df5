"""Settings read once from the environment and an optional TOML file.

Every tunable number has a name and a documented default here (see STYLE.md: defaults live in one
home). Environment variables win over the TOML file (``LOOPWHO_CONFIG`` points at it).
"""

from __future__ import annotations

import functools
import os
import tomllib
from pathlib import Path
from typing import Any, Literal

import msgspec

from core.errors import ConfigError


class Settings(msgspec.Struct, kw_only=True, frozen=True):
    # environment: "development" tolerates a generated encryption key, "production" does not
    env: str = "development"
    database_url: str = "postgresql://postgres@127.0.0.1:5432/loopwho"
    redis_url: str = "redis://127.0.0.1:6379/0"
    # blob storage: "local" (a folder) or "s3" (S3 / Cloudflare R2 through boto3)
    blob_backend: str = "local"
    blob_dir: str = ".loopwho/blobs"  # local backend: keys privacy-data/<user>/... live under it
    s3_bucket: str = "loopwho-privacy-data"
    s3_endpoint_url: str | None = None
    s3_region: str = "auto"
    s3_access_key_id: str | None = None
    s3_secret_access_key: str | None = None
    # AES-256-GCM keys as "kid:base64key,kid2:base64key"; the first one encrypts, all decrypt
    encryption_keys: str | None = None
    jwt_secret: str | None = None
    # external services; unset means "not configured" (the offline twin is used where one exists)
    gemini_api_key: str | None = None
    gemini_base_url: str | None = None
    gemini_model: str = "gemini-2.5-flash"
    firecrawl_api_key: str | None = None
    firecrawl_api_url: str | None = None
    stripe_secret_key: str | None = None
    stripe_api_base: str | None = None
    stripe_webhook_secret: str | None = None
    # billing: the Stripe prices behind "subscription" (recurring) and "credits" (one-time) checkouts
    stripe_subscription_price_id: str | None = None
    stripe_credits_price_id: str | None = None
    stripe_plan_name: str = "pro"  # what subscriptions.plan records for the subscription price
    credits_per_pack: int = 100  # credits one paid credits checkout adds to the ledger
    stripe_webhook_tolerance_s: int = 300  # older signed timestamps are refused (replay window)
    stripe_max_network_retries: int = 1  # the SDK's own retries (with idempotency keys)
    resend_api_key: str | None = None
    resend_api_url: str | None = None
    email_from: str = "loopwho <alerts@loopwho.local>"
    public_url: str = "http://127.0.0.1:8000"
    # browser pool
    chromium_path: str = "/usr/lib/chromium/chromium"
    # Chromium's own sandbox (a user namespace): "on", "off" (--no-sandbox), or "auto": on, except
    # for root, whom Chromium refuses to sandbox (tests/docker/test_sandbox.py). The images run as
    # a non-root user and set "on"
    chromium_sandbox: Literal["auto", "on", "off"] = "auto"
    pool_browsers: int = 2
    pool_concurrency: int = 8
    pool_contexts_per_browser: int = 200
    pool_browser_max_pss_mb: int = 1500
    pool_wait_timeout_s: float = 60.0
    scan_deadline_s: float = 60.0
    browser_ws_endpoints: str | None = None
    # browser binary of the scan pool (None: chromium_path). Debian's chromium-headless-shell has no
    # browser UI and needs about a third of the memory per context; ./scripts/setup installs it
    pool_chromium_path: str | None = "/usr/lib/chromium/chromium-headless-shell"
    # Chromium --host-resolver-rules for workers (the demo and tests point real host names at the
    # simulators); never set in production
    browser_resolve_rules: str | None = None
    browser_ignore_https_errors: bool = False
    # V8 old-space cap (MiB) of the Playwright node driver a pool starts: left alone it grows to
    # ~360 MiB under a worker's traffic before collecting; 64 kept it near 95 MiB PSS at 4 scans at once
    pool_driver_heap_mb: int = 64
    # seconds between two memory (PSS) checks of one browser; checked when a context is returned
    pool_memory_check_interval_s: float = 5.0
    # seconds a settings page may take to show every setting's label (and to settle) before the
    # settings still unread count as missing
    scan_page_ready_timeout_s: float = 8.0
    # a page counts as settled after this long without a DOM change or a pending document/XHR request
    scan_settle_quiet_ms: int = 120
    # selector packs: folder holding <platform>/<version>.yaml (None: the repo's selectors/)
    selectors_dir: str | None = None
    # scanning and analysis thresholds
    ocr_min_confidence: float = 0.70
    # OCR: how closely a label must match (0..1), and screenshots narrower than this are upscaled 2x
    ocr_label_min_score: float = 0.75
    ocr_upscale_below_width: int = 1600
    reading_min_confidence: float = 0.80
    pack_health_min_dom_hit_rate: float = 0.80
    pack_health_window: int = 20
    # scans of a pack version needed in the window before its hit rate can mark a platform degraded
    pack_health_min_scans: int = 10
    # analysis: one Gemini call may take this long before the offline analyser answers instead
    gemini_timeout_s: float = 30.0
    # Gemini attempts per analysis (1 = no retry); 429/5xx are retried, then the offline twin answers
    gemini_attempts: int = 2
    # first pause between two Gemini attempts (grows exponentially, with jitter)
    gemini_retry_delay_s: float = 1.0
    # lines of unified diff kept per changed policy section (event data and emails)
    policy_excerpt_lines: int = 12
    # policy pages: browser first, Firecrawl when the page is blocked, walled, empty or too slow
    policy_page_timeout_s: float = 20.0
    policy_min_chars: int = 200  # less normalised text than this counts as an empty page
    firecrawl_timeout_s: float = 60.0  # one HTTP request to Firecrawl
    firecrawl_max_retries: int = 2  # attempts on connection errors (the SDK's own retry loop)
    firecrawl_wait_for_ms: int = 2000  # the seed's waitFor
    # public policy pages are the same for every user: fetched once per platform per this many
    # seconds by each worker and attached to every scan's snapshot (0: never fetch policies)
    policy_refresh_s: int = 6 * 3600
    # each scan keeps the rendered settings pages it read (sealed like the cookie jar) so another pack
    # version can read them again (`loopwho packs reextract`), this many days unless a plan says otherwise
    scan_pages_keep: bool = True
    scan_pages_retention_days: int = 30
    # scheduling
    scan_interval_s: int = 86_400
    scan_jitter_s: int = 900
    job_retries: int = 3
    # the scheduler leaves due connections due while this many scans wait in the queue (0: no cap);
    # size it to what the fleet scans in one tick or two (see jobs/README.md)
    scheduler_max_queued: int = 200
    # database: connections in each process's asyncpg pool (a worker needs about one per scan slot
    # plus one per side thread; PostgreSQL's max_connections bounds the sum over the fleet)
    db_pool_min_size: int = 1
    db_pool_max_size: int = 10
    # workers: `loopwho worker` starts this many worker processes; each runs up to pool_concurrency
    # scans at once in its one browser pool, plus worker_side_threads analysis/notification jobs
    worker_processes: int = 1
    worker_side_threads: int = 2
    # a worker stops taking scan jobs while its process tree (worker, driver, browsers) uses more PSS
    # than this (0: no memory cap; slots still apply)
    worker_max_pss_mb: int = 2048
    # seconds between two liveness beats of a worker's running jobs; a job whose worker missed three
    # beats is requeued by the next worker's maintenance (every worker_maintenance_interval_s)
    worker_heartbeat_s: int = 10
    worker_maintenance_interval_s: int = 15
    # the reaper (each scheduler tick, and "scan now"): a live scan job at least this old whose rq job
    # was lost or whose worker stopped beating is queued again under the same rq id, at most
    # scan_requeue_max times; then it is failed
    scan_reap_after_s: int = 60
    scan_requeue_max: int = 3
    # the per-connection scan lock expires this long after its holder's last renewal
    scan_lock_ttl_s: int = 30
    # API
    rate_limit_per_minute: int = 120
    max_body_bytes: int = 256 * 1024
    extension_origin: str | None = None
    dashboard_origin: str | None = None
    # API: per-IP requests per minute (higher than per user: many users can share one address)
    rate_limit_ip_per_minute: int = 600
    # sign-in / sign-up / pairing attempts per minute per IP (password and code guessing)
    auth_attempts_per_minute: int = 10
    # sign-in attempts per minute per account (e-mail), whatever the addresses they come from
    auth_attempts_per_account_per_minute: int = 10
    # the API's Redis client: a bounded pool; a request waits this long for a free connection, then 503
    redis_max_connections: int = 64
    redis_pool_timeout_s: float = 1.0
    redis_socket_timeout_s: float = 2.0
    # Retry-After (seconds) on a 503 when Redis or the database is away
    service_retry_after_s: int = 5
    # how long Redis may answer "this pairing is live / revoked" before PostgreSQL is asked again
    pairing_cache_ttl_s: int = 30
    # HSTS max-age sent on responses served over TLS (or when public_url is https)
    hsts_max_age_s: int = 365 * 86_400
    # the scheduler's pause after a failed tick: doubles from min(interval, 1 s) up to this
    scheduler_max_backoff_s: float = 60.0
    health_timeout_s: float = 2.0
    # /api/health answers 503 ("workers") when no rq worker beat within 3 x worker_heartbeat_s; off
    # where the API runs without workers (development, tests); the compose stack turns it on
    health_require_workers: bool = False
    # Prometheus /metrics of a worker on this port, apart from the public API (0: not served)
    metrics_port: int = 0
    # accounts and extension tokens
    web_session_ttl_s: int = 14 * 86_400
    jwt_ttl_s: int = 900
    refresh_token_ttl_s: int = 30 * 86_400
    pairing_code_ttl_s: int = 600
    password_min_length: int = 10
    # cookie handoff: bounds of one platform's jar, and how long a jar of session cookies is kept
    cookie_jar_max_count: int = 200
    cookie_jar_max_bytes: int = 64 * 1024
    session_cookie_jar_ttl_s: int = 7 * 86_400
    history_page_max: int = 100

    @property
    def is_production(self) -> bool:
        return self.env == "production"


_FIELDS = {f.name: f for f in msgspec.structs.fields(Settings)}
# names the wider world already uses without our prefix (12-factor style)
_UNPREFIXED = {
    "database_url", "redis_url", "gemini_api_key", "firecrawl_api_key", "stripe_secret_key",
    "stripe_webhook_secret", "resend_api_key", "s3_access_key_id", "s3_secret_access_key",
}

# the seed's variable names for the same settings; set beside ours with another value, they are refused
_SEED_ALIASES = {"s3_bucket": "S3_BUCKET_NAME", "s3_region": "S3_REGION", "email_from": "EMAIL_FROM"}


def _from_env(environ: dict[str, str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    for name in _FIELDS:
        keys = [f"LOOPWHO_{name}".upper()] + ([name.upper()] if name in _UNPREFIXED else [])
        for key in keys:
            if environ.get(key):
                found[name] = environ[key]
                break
    for name, alias in _SEED_ALIASES.items():
        if not environ.get(alias):
            continue
        if name in found and found[name] != environ[alias]:
            raise ConfigError(f"{alias} and LOOPWHO_{name.upper()} are both set, to different values; keep one")
        found[name] = environ[alias]
    return found


def load_settings(environ: dict[str, str] | None = None, config_file: str | None = None) -> Settings:
    """Build Settings from a TOML file (optional) overlaid with environment variables."""
    environ = dict(os.environ if environ is None else environ)
    values: dict[str, Any] = {}
    path = config_file or environ.get("LOOPWHO_CONFIG")
    if path:
        try:
            values.update(tomllib.loads(Path(path).read_text()))
        except FileNotFoundError:
            raise ConfigError(f"config file {path} does not exist") from None
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"config file {path} is not valid TOML: {exc}") from None
    values.update(_from_env(environ))
    unknown = sorted(set(values) - set(_FIELDS))
    if unknown:
        raise ConfigError(f"unknown setting(s): {', '.join(unknown)}")
    try:
        return msgspec.convert(values, Settings, strict=False)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"bad setting: {exc}") from None


@functools.cache
def get_settings() -> Settings:
    return load_settings()
