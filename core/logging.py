"""Structured JSON logging (structlog) that never lets a secret through.

Keys that name secrets (cookie, token, password, key, ...) are replaced by ``"[redacted]"`` at any
depth, and values that look like bearer tokens, JWTs or API keys are masked inside free text too.
"""

from __future__ import annotations

import logging
import re
import sys
from collections.abc import Mapping
from typing import Any

import structlog

REDACTED = "[redacted]"
_SECRET_KEY = re.compile(
    r"(cookie|cookies|token|secret|password|passwd|authorization|api[_-]?key|session|jar|"
    r"value_enc|credential|private)",
    re.IGNORECASE,
)
_SECRET_TEXT = [
    re.compile(r"(?i)(bearer\s+)[A-Za-z0-9._~+/=-]{8,}"),
    re.compile(r"eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}"),  # JWT
    re.compile(r"\b(sk|rk|pk|whsec|re|fc|lw)_[A-Za-z0-9_]{12,}\b"),  # API-key shapes
    re.compile(r"(?i)\b(SID|HSID|SSID|APISID|SAPISID|__Secure-[13]PSID\w*|c_user|xs|MSPAuth|MSPProf)=[^;\s]+"),
]


def scrub_text(text: str) -> str:
    for pattern in _SECRET_TEXT:
        text = pattern.sub(lambda m: (m.group(1) if m.re.groups and m.group(1) else "") + REDACTED, text)
    return text


def scrub(value: Any, key: str | None = None) -> Any:
    """A copy of ``value`` with secrets replaced; safe to log."""
    if key is not None and _SECRET_KEY.search(key):
        return REDACTED
    if isinstance(value, Mapping):
        return {k: scrub(v, str(k)) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [scrub(v) for v in value]
    if isinstance(value, str):
        return scrub_text(value)
    return value


def _scrub_processor(_logger: Any, _name: str, event_dict: dict[str, Any]) -> dict[str, Any]:
    return {k: v if k in ("level", "timestamp") else scrub(v, k) for k, v in event_dict.items()}


def configure_logging(level: str = "INFO", json: bool = True) -> None:
    """Route stdlib and structlog output through the scrubber, as JSON lines on stderr."""
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[
            structlog.contextvars.merge_contextvars,
            structlog.processors.add_log_level,
            structlog.processors.TimeStamper(fmt="iso", utc=True),
            structlog.processors.format_exc_info,
            _scrub_processor,
            renderer,
        ],
        wrapper_class=structlog.make_filtering_bound_logger(getattr(logging, level.upper(), logging.INFO)),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=False,
    )
    logging.basicConfig(level=getattr(logging, level.upper(), logging.INFO), stream=sys.stderr)
    for noisy in ("asyncio", "urllib3", "botocore", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)


def get_logger(name: str | None = None) -> Any:
    return structlog.get_logger(name)
