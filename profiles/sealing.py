"""Encryption of a jar at rest (core.crypto envelope). The user id and platform are bound in as
associated data, so a sealed jar copied onto another user's row does not open."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Protocol

import msgspec

from core.crypto import KeyRing
from core.errors import CryptoError, InvalidInput
from core.types import Cookie, SessionProfile, Viewport


class SealedJar(msgspec.Struct, kw_only=True, frozen=True):
    ciphertext: bytes
    key_id: str
    cookie_count: int

    def __repr__(self) -> str:
        return f"SealedJar(key_id={self.key_id!r}, cookie_count={self.cookie_count}, ciphertext=[redacted])"


class ProfileUnavailable(InvalidInput):
    """The profile was revoked, wiped or has expired: the user must hand the session over again."""


def _aad(user_id: str, platform: str) -> bytes:
    return f"loopwho-jar:{user_id}:{platform}".encode()


def seal_jar(keys: KeyRing, user_id: str, platform: str, cookies: list[Cookie]) -> SealedJar:
    ciphertext = keys.encrypt(msgspec.json.encode(cookies), _aad(user_id, platform))
    return SealedJar(ciphertext=ciphertext, key_id=keys.current, cookie_count=len(cookies))


def open_jar(keys: KeyRing, user_id: str, platform: str, ciphertext: bytes | None) -> list[Cookie]:
    if not ciphertext:
        raise ProfileUnavailable(f"the {platform} session was revoked; connect {platform} again")
    plain = keys.decrypt(bytes(ciphertext), _aad(user_id, platform))
    try:
        return msgspec.json.decode(plain, type=list[Cookie])
    except msgspec.ValidationError:
        raise CryptoError("a sealed cookie jar does not hold cookies") from None


def reseal_jar(keys: KeyRing, user_id: str, platform: str, ciphertext: bytes) -> SealedJar:
    """The same jar sealed under the ring's current key (key rotation); raises CryptoError when the
    jar's key is no longer in the ring."""
    return seal_jar(keys, user_id, platform, open_jar(keys, user_id, platform, ciphertext))


def open_profile(
    keys: KeyRing,
    *,
    user_id: str,
    platform: str,
    ciphertext: bytes | None,
    expires_at: datetime | None = None,
    user_agent: str | None = None,
    locale: str = "en-US",
    timezone: str = "UTC",
    viewport: dict[str, int] | None = None,
    now: datetime | None = None,
) -> SessionProfile:
    """The SessionProfile a browser context needs, from a stored row's fields. Expired cookies
    are left out; an expired jar is refused."""
    now = now or datetime.now(UTC)
    if expires_at is not None and expires_at <= now:
        raise ProfileUnavailable(f"the {platform} session expired; connect {platform} again")
    cutoff = now.timestamp()
    cookies = [
        c for c in open_jar(keys, user_id, platform, ciphertext)
        if c.expirationDate is None or c.expirationDate > cutoff
    ]
    return SessionProfile(
        platform=platform,
        cookies=cookies,
        user_agent=user_agent,
        locale=locale,
        timezone=timezone,
        viewport=Viewport(**(viewport or {})),
    )


class SealedProfile(Protocol):
    """What a stored profile row carries (``store.profiles.StoredProfile``, ``store.packs.LiveProfile``)."""

    @property
    def user_id(self) -> str: ...
    @property
    def platform(self) -> str: ...
    @property
    def cookie_jar_enc(self) -> bytes | None: ...
    @property
    def expires_at(self) -> datetime | None: ...
    @property
    def user_agent(self) -> str | None: ...
    @property
    def locale(self) -> str: ...
    @property
    def timezone(self) -> str: ...
    @property
    def viewport(self) -> Any: ...


def open_stored_profile(keys: KeyRing, stored: SealedProfile, now: datetime | None = None) -> SessionProfile:
    """The one way from a stored row to a usable profile: unseal the jar, drop expired cookies."""
    return open_profile(keys, user_id=stored.user_id, platform=stored.platform, ciphertext=stored.cookie_jar_enc,
                        expires_at=stored.expires_at, user_agent=stored.user_agent, locale=stored.locale,
                        timezone=stored.timezone, viewport=stored.viewport, now=now)
