"""The msgspec types that cross rooms. Field names are a contract: the CLI's --json output, the API
and the extension use them as they are."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

import msgspec

PLATFORMS: tuple[str, ...] = ("google", "facebook", "microsoft")
Platform = Literal["google", "facebook", "microsoft"]
# how a reading was made: the pack's DOM extractor (server or extension), screenshot OCR, Firecrawl
ReadingMethod = Literal["dom", "ocr", "firecrawl", "extension"]
ScanStatus = Literal["ok", "partial", "reauth_required", "verification_required", "failed"]
ImpactLevel = Literal["low", "medium", "high"]
ChangeType = Literal["setting_changed", "policy_updated"]


class Cookie(msgspec.Struct, kw_only=True, omit_defaults=True):
    """One cookie in the shape ``chrome.cookies.getAll`` returns."""

    name: str
    value: str
    domain: str
    path: str = "/"
    secure: bool = False
    httpOnly: bool = False
    sameSite: str = "unspecified"  # no_restriction | lax | strict | unspecified
    expirationDate: float | None = None  # seconds since the epoch; None for session cookies
    hostOnly: bool | None = None
    session: bool | None = None
    storeId: str | None = None

    def __repr__(self) -> str:  # a cookie's value is a secret: keep it out of reprs and tracebacks
        return f"Cookie(name={self.name!r}, domain={self.domain!r}, value=[redacted])"


class Viewport(msgspec.Struct, frozen=True):
    width: int = 1280
    height: int = 900


class SessionProfile(msgspec.Struct, kw_only=True):
    """What a browser context needs to act as the user on one platform."""

    platform: str
    cookies: list[Cookie]
    user_agent: str | None = None
    locale: str = "en-US"
    timezone: str = "UTC"
    viewport: Viewport = msgspec.field(default_factory=Viewport)

    def __repr__(self) -> str:
        return f"SessionProfile(platform={self.platform!r}, cookies=[{len(self.cookies)} redacted])"


class ScanRequest(msgspec.Struct, kw_only=True):
    platform: str
    profile: SessionProfile
    connection_id: str | None = None
    pack_version: str | None = None  # None: the active one
    include_policies: bool = False


class SettingReading(msgspec.Struct, kw_only=True):
    key: str
    label: str  # the label as the page displayed it
    value: str | None  # a value from the pack's value space; None when not found
    method: ReadingMethod = "dom"
    confidence: float = 0.0  # 0..1
    pack_version: str = ""
    page_url: str = ""
    uncertain: bool = False  # below the confidence threshold: shown, never diffed


class PolicySection(msgspec.Struct, kw_only=True):
    heading: str
    text: str
    sha256: str


class PolicyDocument(msgspec.Struct, kw_only=True):
    key: str  # the pack's name for the policy, e.g. "privacy_policy"
    url: str
    title: str = ""
    markdown: str = ""
    sections: list[PolicySection] = []
    method: Literal["browser", "firecrawl"] = "browser"
    status: str = "ok"  # ok | failed | firecrawl_unauthorized | firecrawl_out_of_credits | ...
    error: str | None = None


class RenderedPage(msgspec.Struct, kw_only=True):
    """A settings page as the scan saw it: the DOM serialised with its open shadow roots and the live
    state of its controls, so another pack version can read it again later (``packs.reextract``)."""

    key: str  # the pack's page key
    url: str  # without query or fragment
    html: str

    def __repr__(self) -> str:  # it holds the user's settings: never in a log line
        return f"RenderedPage(key={self.key!r}, url={self.url!r}, html=[{len(self.html)} chars])"


class ScanResult(msgspec.Struct, kw_only=True):
    platform: str
    status: ScanStatus
    pack_version: str = ""
    readings: list[SettingReading] = []
    errors: list[str] = []
    policies: list[PolicyDocument] = []
    uncertain_keys: list[str] = []
    blocked_requests: int = 0
    started_at: datetime | None = None
    duration_ms: int = 0
    final_url: str | None = None
    pages: list[RenderedPage] = []  # only when the scan was asked to keep them (run_scan keep_pages)


class ChangeEvent(msgspec.Struct, kw_only=True):
    user_id: str
    platform: str
    change_type: ChangeType
    change_data: dict[str, Any]
    impact_level: ImpactLevel = "medium"
    r2_file_path: str = ""
    previous_snapshot_id: str | None = None
    analysis_result_id: str | None = None
    id: str | None = None
    user_notified: bool = False
    created_at: datetime | None = None


class Recommendation(msgspec.Struct, kw_only=True):
    setting_key: str
    title: str
    action: str  # what to switch
    where: str  # the page URL or menu path
    why: str
    priority: ImpactLevel = "medium"


class ChangeExplanation(msgspec.Struct, kw_only=True):
    setting_key: str
    explanation: str


class AnalysisResult(msgspec.Struct, kw_only=True):
    privacy_score: int  # 0..100
    summary: str
    explanations: list[ChangeExplanation] = []
    recommendations: list[Recommendation] = []
    analyser: str = "offline"  # offline | gemini
