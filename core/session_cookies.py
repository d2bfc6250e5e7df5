"""The cookies a selector pack names for its platform: the ones that carry the signed-in session
(a jar without them cannot be replayed) and the consent cookies the platform's pages want (kept when
present, never required). The extension sends only these, and the server stores only these: a
platform that renames its session cookie is fixed by publishing a pack, not by shipping code."""

from __future__ import annotations

import msgspec

from core.types import Cookie


class CookieRule(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    name: str
    domain: str  # a host name without a leading dot: "google.com", "account.microsoft.com"
    host_only: bool = False  # True: set by that exact host (no Domain attribute), never its subdomains

    def matches(self, cookie: Cookie) -> bool:
        domain = cookie.domain.lower().removesuffix(".")
        host_only = cookie.hostOnly if cookie.hostOnly is not None else not domain.startswith(".")
        return (cookie.name == self.name and domain.lstrip(".") == self.domain
                and host_only == self.host_only)

    def shown(self) -> str:
        return f"{self.name} ({self.domain}{', host-only' if self.host_only else ''})"


class PackCookies(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    session: list[CookieRule]
    consent: list[CookieRule] = []

    def named(self) -> list[CookieRule]:
        return [*self.session, *self.consent]

    def keeps(self, cookie: Cookie) -> bool:
        return any(rule.matches(cookie) for rule in self.named())

    def missing_session(self, cookies: list[Cookie]) -> list[CookieRule]:
        return [rule for rule in self.session if not any(rule.matches(c) for c in cookies)]
