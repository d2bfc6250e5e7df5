"""Request and response bodies of the API (msgspec Structs; the OpenAPI schema is built from them).
Strings are length-bounded so a request cannot make the server hold megabytes in one field."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

import msgspec

from core.types import Cookie, Platform, Recommendation, SettingReading, Viewport
from store.accounts import UserExport

Email = Annotated[str, msgspec.Meta(min_length=3, max_length=255, pattern=r"^[^@\s]+@[^@\s]+$")]
Password = Annotated[str, msgspec.Meta(min_length=1, max_length=1024)]
# no control characters (PostgreSQL refuses NUL in text; the rest has no place in a label)
ShortText = Annotated[str, msgspec.Meta(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]
Scope = Literal["privacy:read", "scans:write", "account:export"]
Role = Literal["user", "operator", "admin"]
ConnectionStatus = Literal["connected", "reauth_required", "revoked", "degraded", "not_connected"]
JobStatus = Literal["queued", "running", "done", "failed", "reauth_required"]


class ErrorBody(msgspec.Struct):
    error: str
    detail: Any = None


# ---- accounts ---------------------------------------------------------------------------------

class SignUp(msgspec.Struct, forbid_unknown_fields=True):
    email: Email
    password: Password
    name: ShortText | None = None


class SignIn(msgspec.Struct, forbid_unknown_fields=True):
    email: Email
    password: Password


class UserOut(msgspec.Struct):
    id: str
    email: str
    name: str | None
    role: Role
    created_at: datetime


class SessionOut(msgspec.Struct):
    user: UserOut
    csrf_token: str  # send back as X-CSRF-Token on every state-changing request made with the cookie


class NewApiKey(msgspec.Struct, forbid_unknown_fields=True):
    name: ShortText = ""
    scopes: Annotated[list[Scope], msgspec.Meta(min_length=1, max_length=3)] = msgspec.field(
        default_factory=lambda: ["privacy:read"])
    expires_in_days: Annotated[int, msgspec.Meta(ge=1, le=3650)] | None = None


class ApiKeyOut(msgspec.Struct):
    id: str
    name: str
    prefix: str
    scopes: list[str]
    created_at: datetime
    last_used_at: datetime | None = None
    expires_at: datetime | None = None
    revoked_at: datetime | None = None


class ApiKeyCreated(msgspec.Struct):
    key: str  # shown once; only its hash is kept
    api_key: ApiKeyOut


class PairingCodeOut(msgspec.Struct):
    code: str
    expires_at: datetime


class PairingOut(msgspec.Struct):
    id: str
    device_name: str
    created_at: datetime
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None
    revoked_reason: str | None = None


class AuditEntryOut(msgspec.Struct):
    actor: str
    action: str
    subject: str
    details: dict[str, Any]
    created_at: datetime


class RoleChange(msgspec.Struct, forbid_unknown_fields=True):
    role: Role


# ---- extension --------------------------------------------------------------------------------

class ExtensionAuth(msgspec.Struct, forbid_unknown_fields=True):
    grant_type: Literal["pairing_code", "refresh_token"]
    code: Annotated[str, msgspec.Meta(max_length=32)] | None = None
    refresh_token: Annotated[str, msgspec.Meta(max_length=256)] | None = None
    device_name: ShortText = ""


class TokenPair(msgspec.Struct):
    access_token: str
    refresh_token: str
    expires_in: int
    token_type: str = "Bearer"


class SessionHandoff(msgspec.Struct, forbid_unknown_fields=True):
    platform: Platform
    cookies: list[Cookie]
    user_agent: Annotated[str, msgspec.Meta(max_length=512)] | None = None
    locale: Annotated[str, msgspec.Meta(max_length=35)] = "en-US"
    timezone: Annotated[str, msgspec.Meta(max_length=64)] = "UTC"
    viewport: Viewport = msgspec.field(default_factory=Viewport)


class ConnectionState(msgspec.Struct):
    platform: Platform
    status: ConnectionStatus
    connection_id: str | None = None
    cookie_count: int = 0
    dropped_expired: int = 0
    session_expires_at: datetime | None = None
    last_scan_at: datetime | None = None
    last_scan_status: str | None = None


class ServicesOut(msgspec.Struct):
    services: list[ConnectionState]


class ScanJobOut(msgspec.Struct):
    id: str
    platform: str
    status: JobStatus
    progress: int
    trigger: str
    created_at: datetime
    started_at: datetime | None = None
    finished_at: datetime | None = None
    error: str | None = None


class ScanStatusOut(msgspec.Struct):
    jobs: list[ScanJobOut]


class StartScan(msgspec.Struct, forbid_unknown_fields=True):
    platform: Platform


class ScanStarted(msgspec.Struct):
    job: ScanJobOut
    created: bool  # False: a scan of this connection was already queued or running


class SubmitScan(msgspec.Struct, forbid_unknown_fields=True):
    platform: Platform
    readings: Annotated[list[SettingReading], msgspec.Meta(max_length=200)]
    pack_version: Annotated[str, msgspec.Meta(max_length=50)] = ""
    page_url: Annotated[str, msgspec.Meta(max_length=2048)] = ""


class Revoked(msgspec.Struct):
    platform: Platform
    status: ConnectionStatus


# ---- privacy data -----------------------------------------------------------------------------

class SettingOut(msgspec.Struct):
    key: str
    label: str
    value: str | None
    uncertain: bool = False


class PlatformDashboard(msgspec.Struct):
    platform: str
    status: ConnectionStatus
    privacy_score: int | None = None
    last_scan_at: datetime | None = None
    last_scan_status: str | None = None
    settings: list[SettingOut] = []
    recommendations: list[Recommendation] = []


class DashboardOut(msgspec.Struct):
    platforms: list[PlatformDashboard]


class ChangeEventOut(msgspec.Struct):
    id: str
    platform: str
    change_type: str
    change_data: dict[str, Any]
    impact_level: str
    created_at: datetime


class HistoryOut(msgspec.Struct):
    events: list[ChangeEventOut]
    next_cursor: str | None = None  # pass as ?cursor= for the next page


class RecommendationsOut(msgspec.Struct):
    recommendations: list[Recommendation]


class SnapshotFile(msgspec.Struct):
    key: str
    markdown: str


class ExportOut(msgspec.Struct):
    exported_at: datetime
    data: UserExport
    snapshot_files: list[SnapshotFile]


class Erased(msgspec.Struct):
    erased: bool
    rows: dict[str, int]
    blobs: int


# ---- health -----------------------------------------------------------------------------------

class PartHealth(msgspec.Struct):
    status: Literal["up", "down", "configured", "not_configured"]
    detail: str | None = None
    latency_ms: float | None = None


class HealthOut(msgspec.Struct):
    status: Literal["healthy", "unhealthy"]
    parts: dict[str, PartHealth]
    failing: list[str] = []
