"""Session profiles: one user x platform cookie jar, validated, encrypted at rest, opened only by
the code that uses it. Imports only ``core``; the database rows are written by ``store``."""

from profiles.context import check_context
from profiles.domains import PLATFORM_COOKIE_DOMAINS, cookie_domain_allowed, host_allowed, registrable_domain
from profiles.jar import CheckedJar, check_jar
from profiles.sealing import SealedJar, open_jar, seal_jar

__all__ = [
    "PLATFORM_COOKIE_DOMAINS",
    "CheckedJar",
    "SealedJar",
    "check_context",
    "check_jar",
    "cookie_domain_allowed",
    "host_allowed",
    "open_jar",
    "registrable_domain",
    "seal_jar",
]
