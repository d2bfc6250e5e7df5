"""The selector pack as data: the msgspec shape every room reads (the scanner runs it, the packs
room loads, validates and activates it, the API hands it to the extension). Loading and validating a
pack file is the packs room's job (``packs.loading``); the format is in docs/contracts.md."""

from __future__ import annotations

import urllib.parse
from typing import Any, Literal

import msgspec

from core.errors import NotFound
from core.session_cookies import PackCookies

ReadKind = Literal["checked", "pressed", "selected", "text", "attribute"]


class UrlRule(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    host: str
    path_prefix: str = "/"

    def matches(self, url: str) -> bool:
        parts = urllib.parse.urlsplit(url)
        return host_matches(self.host, parts.hostname or "") and (parts.path or "/").startswith(self.path_prefix)


class PackPage(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    key: str
    url: str
    ready: str = ""  # an optional CSS hint; the scanner waits for the settings themselves
    title: str = ""


class Locate(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    role: str | list[str] | None = None
    css: str | None = None
    proximity: bool = True

    @property
    def roles(self) -> list[str]:
        if self.role is None:
            return []
        return [self.role] if isinstance(self.role, str) else list(self.role)


class OcrHint(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    kind: Literal["toggle", "words"]
    words: dict[str, str] = {}


class PackSetting(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    key: str
    page: str
    labels: list[str]
    locate: Locate
    read: ReadKind
    values: dict[str, str]
    value_space: list[str]
    preferred: str
    weight: int
    description: str
    attribute: str | None = None
    ocr: OcrHint | None = None
    # words a person reads as the value (status text, option labels): "Paused" -> off
    vocabulary: dict[str, str] = {}

    def words(self) -> dict[str, str]:
        """Every word that names a value: the vocabulary, the OCR words and the value names."""
        found = {v.replace("_", " "): v for v in self.value_space}
        found.update(self.ocr.words if self.ocr else {})
        found.update(self.vocabulary)
        return found

    @property
    def label(self) -> str:
        """The current label (former labels follow it in ``labels``)."""
        return self.labels[0]


class PolicyRef(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    key: str
    url: str
    title: str = ""


class SelectorPack(msgspec.Struct, kw_only=True, frozen=True, omit_defaults=True):
    platform: str
    version: str
    hosts: list[str]
    login_wall: list[UrlRule]
    pages: list[PackPage]
    settings: list[PackSetting]
    description: str = ""
    block_resources: list[str] = []
    verification: list[UrlRule] = []
    policies: list[PolicyRef] = []
    fixture_variants: list[str] = []
    # the cookies that carry the session, and consent cookies (the extension sends, the server keeps
    # only these); None in a pack that names none: then every platform cookie is kept
    cookies: PackCookies | None = None

    def page(self, key: str) -> PackPage:
        for page in self.pages:
            if page.key == key:
                return page
        raise NotFound(f"pack {self.platform}/{self.version} has no page {key!r}")

    def settings_on(self, page_key: str) -> list[PackSetting]:
        return [s for s in self.settings if s.page == page_key]

    def setting(self, key: str) -> PackSetting:
        for setting in self.settings:
            if setting.key == key:
                return setting
        raise NotFound(f"pack {self.platform}/{self.version} has no setting {key!r}")

    def is_login_wall(self, url: str) -> bool:
        return any(rule.matches(url) for rule in self.login_wall)

    def is_verification(self, url: str) -> bool:
        return any(rule.matches(url) for rule in self.verification)

    def allows_host(self, host: str) -> bool:
        host = (host or "").lower().rstrip(".")
        return any(host_matches(pattern, host) for pattern in self.hosts)

    def to_builtins(self) -> dict[str, Any]:
        """The pack as plain JSON types, the shape ``extractor.js`` takes."""
        return msgspec.to_builtins(self)

    def to_json(self) -> str:
        return msgspec.json.encode(self).decode()


def host_matches(pattern: str, host: str) -> bool:
    pattern = pattern.lower()
    host = host.lower()
    if pattern.startswith("*."):
        return host.endswith(pattern[1:]) or host == pattern[2:]
    return host == pattern
