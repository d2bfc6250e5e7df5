"""Names and shapes of the audit entries written for every use of a session profile. Details never
carry a cookie value: counts, domains and names of cookies at most."""

from __future__ import annotations

from typing import Any

from core.types import Cookie

PROFILE_STORED = "profile.stored"
PROFILE_REVOKED = "profile.revoked"
PROFILE_OPENED = "profile.opened"  # a worker decrypted the jar to scan
PROFILE_EXPIRED = "profile.expired"
PROFILE_ERASED = "profile.erased"


def jar_details(cookies: list[Cookie], **extra: Any) -> dict[str, Any]:
    return {
        "cookie_count": len(cookies),
        "domains": sorted({c.domain.lstrip(".").lower() for c in cookies}),
        **extra,
    }


def subject(platform: str) -> str:
    return f"session_profile:{platform}"
