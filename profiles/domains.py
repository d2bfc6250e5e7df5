"""Which cookie domains belong to which platform. A jar handed over for a platform may hold only
cookies of these registrable domains (and their subdomains)."""

from __future__ import annotations

from core.errors import InvalidInput
from core.types import PLATFORMS

PLATFORM_COOKIE_DOMAINS: dict[str, tuple[str, ...]] = {
    "google": ("google.com",),
    "facebook": ("facebook.com",),
    "microsoft": ("microsoft.com", "live.com", "microsoftonline.com"),
}


def domains_for(platform: str) -> tuple[str, ...]:
    if platform not in PLATFORM_COOKIE_DOMAINS:
        raise InvalidInput(f"unknown platform {platform!r}; known: {', '.join(PLATFORMS)}")
    return PLATFORM_COOKIE_DOMAINS[platform]


def cookie_domain_allowed(platform: str, domain: str) -> bool:
    """True when ``domain`` (as chrome.cookies reports it, maybe with a leading dot) is one of the
    platform's domains or a subdomain of one. ``evilgoogle.com`` is not ``google.com``."""
    host = domain.strip().lower().lstrip(".")
    if not host:
        return False
    return any(host == d or host.endswith("." + d) for d in domains_for(platform))
