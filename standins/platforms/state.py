"""The simulators' memory: accounts and their settings, sign-in sessions, the page variant of each
platform, policy versions, and a few switches tests flip. One lock guards it all; every request
is short, so contention is negligible."""

from __future__ import annotations

import hashlib
import secrets
import threading
import time
import zlib
from dataclasses import dataclass, field
from datetime import UTC, datetime

from core.errors import InvalidInput
from core.types import Cookie
from standins.platforms.catalog import ALL_VARIANTS, PLATFORMS, Platform

SESSION_LIFETIME_S = 2 * 365 * 86_400  # what the real sites give their session cookies, roughly


@dataclass
class Session:
    token: str
    platform: str
    account: str
    expired: bool = False
    verified: bool = False  # passed Google's "Verify it's you" prompt


@dataclass(frozen=True)
class PageChange:
    """A setting change a settings page made through its own UI (a POST to `/_/data`), as opposed to
    the control API: what a scanner that clicked a live control would cause."""

    platform: str
    account: str
    page: str
    key: str
    value: str
    previous: str
    variant: str
    seed: int
    at: float  # unix time


@dataclass
class PolicyState:
    version: int = 1
    notes: list[str] = field(default_factory=list)
    effective: str = "November 4, 2026"
    blocked: bool = False


def platform_or_error(name: str) -> Platform:
    platform = PLATFORMS.get(name)
    if platform is None:
        raise InvalidInput(f"unknown platform {name!r}: use one of {', '.join(PLATFORMS)}")
    return platform


def facebook_user_id(account: str) -> str:
    return str(100_000_000_000_000 + zlib.crc32(account.encode()))


def cookie_value(name: str, token: str) -> str:
    """Each session cookie's value, derived from the session token (so the gate can check that the
    whole set belongs together, like the real sites bind SID, HSID, SSID, ...)."""
    digest = hashlib.sha256(f"{name}:{token}".encode()).hexdigest()
    if name in ("SID", "__Secure-1PSID", "__Secure-3PSID"):
        return f"g.a000{token}{digest[:12]}" if name == "SID" else f"g.a000{digest[:40]}"
    if name == "xs":
        return f"{len(token)}%3A{token}%3A2%3A1732500000%3A-1%3A-1"
    if name == "MSPAuth":
        return f"Disabled-{token}"
    if name == "AMCSecAuth":
        return f"CAAS{token}"
    return digest[:32]


def token_of(name: str, value: str) -> str | None:
    """The session token inside a primary cookie's value (see cookie_value)."""
    if name == "SID" and value.startswith("g.a000") and len(value) > 18:
        return value[6:-12]
    if name == "xs":
        parts = value.split("%3A")
        return parts[1] if len(parts) > 2 else None
    if name == "MSPAuth" and value.startswith("Disabled-"):
        return value[len("Disabled-") :]
    if name == "AMCSecAuth" and value.startswith("CAAS"):
        return value[4:]
    return None


class SimState:
    def __init__(self) -> None:
        self.lock = threading.RLock()
        self.accounts: dict[tuple[str, str], dict[str, str]] = {}
        self.sessions: dict[str, Session] = {}
        self.variants: dict[str, str] = dict.fromkeys(PLATFORMS, "classic")
        self.seeds: dict[str, int] = dict.fromkeys(PLATFORMS, 0)  # the `generated` variant's seed
        # per-account seeds (so many generated accounts can be scanned at once); else the platform's
        self.account_seeds: dict[tuple[str, str], int] = {}
        self.time_scales: dict[str, float] = dict.fromkeys(PLATFORMS, 1.0)  # its delays x this
        self.page_changes: list[PageChange] = []
        self.policies: dict[str, PolicyState] = {name: PolicyState() for name in PLATFORMS}
        self.verification_required: set[str] = set()
        self.render_delay_ms = 0
        self.tracker_hits = 0
        self.requests = 0

    # --- accounts and settings -----------------------------------------------------------------
    def settings_of(self, platform: str, account: str) -> dict[str, str]:
        p = platform_or_error(platform)
        with self.lock:
            return self.accounts.setdefault((p.name, account), {s.key: s.default for s in p.settings})

    def set_setting(self, platform: str, account: str, key: str, value: str) -> None:
        p = platform_or_error(platform)
        setting = p.setting(key)
        if setting is None:
            raise InvalidInput(f"{platform} has no setting {key!r}: use one of {[s.key for s in p.settings]}")
        if value not in setting.values:
            raise InvalidInput(f"{platform}.{key} cannot be {value!r}: use one of {setting.values}")
        with self.lock:
            self.settings_of(platform, account)[key] = value

    # --- sessions ----------------------------------------------------------------------------------
    def new_session(self, platform: str, account: str) -> Session:
        p = platform_or_error(platform)
        if (
            not account
            or len(account) > 64
            or not account.replace("-", "").replace("_", "").replace(".", "").replace("@", "").isalnum()
        ):
            raise InvalidInput("account name: 1-64 letters, digits, '.', '-', '_' or '@'")
        session = Session(
            token=secrets.token_urlsafe(24).replace("-", "x").replace("_", "y"),
            platform=p.name,
            account=account,
        )
        with self.lock:
            self.sessions[session.token] = session
            self.settings_of(p.name, account)
        return session

    def session(self, platform: str, token: str | None) -> Session | None:
        if not token:
            return None
        with self.lock:
            found = self.sessions.get(token)
        if found is None or found.expired or found.platform != platform:
            return None
        return found

    def expire_session(self, platform: str, account: str) -> int:
        platform_or_error(platform)
        count = 0
        with self.lock:
            for s in self.sessions.values():
                if s.platform == platform and s.account == account and not s.expired:
                    s.expired = True
                    count += 1
        return count

    def set_verification_required(self, account: str, required: bool) -> None:
        with self.lock:
            if required:
                self.verification_required.add(account)
                for s in self.sessions.values():
                    if s.account == account:
                        s.verified = False
            else:
                self.verification_required.discard(account)

    def needs_verification(self, session: Session) -> bool:
        return (
            session.platform == "google"
            and session.account in self.verification_required
            and not (session.verified)
        )

    def cookies_for(self, session: Session) -> list[Cookie]:
        p = PLATFORMS[session.platform]
        expires = float(int(time.time()) + SESSION_LIFETIME_S)
        cookies = []
        for c in p.cookies:
            value = (
                facebook_user_id(session.account)
                if c.name == "c_user"
                else cookie_value(c.name, session.token)
            )
            cookies.append(
                Cookie(
                    name=c.name,
                    value=value,
                    domain=c.domain,
                    path="/",
                    secure=True,
                    httpOnly=True,
                    sameSite="no_restriction",
                    expirationDate=expires,
                    hostOnly=c.host_only,
                    session=False,
                    storeId="0",
                )
            )
        return cookies

    # --- changes the pages themselves made ----------------------------------------------------------
    def record_page_change(
        self, platform: str, account: str, page: str, key: str, value: str, previous: str
    ) -> None:
        with self.lock:
            self.page_changes.append(
                PageChange(
                    platform=platform,
                    account=account,
                    page=page,
                    key=key,
                    value=value,
                    previous=previous,
                    variant=self.variants[platform],
                    seed=self.seed_of(platform, account),
                    at=time.time(),
                )
            )

    # --- variants and policies ---------------------------------------------------------------------
    def seed_of(self, platform: str, account: str) -> int:
        """The `generated` seed an account's pages are drawn with."""
        return self.account_seeds.get((platform, account), self.seeds[platform])

    def set_account_seed(self, platform: str, account: str, seed: int) -> None:
        p = platform_or_error(platform)
        if not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**63:
            raise InvalidInput("seed: a non-negative integer")
        with self.lock:
            self.account_seeds[(p.name, account)] = seed

    def set_variant(
        self, platform: str, variant: str, seed: int | None = None, time_scale: float | None = None
    ) -> None:
        """`seed` and `time_scale` (delays x this; 0 renders at once) matter to the `generated` variant
        only; left out, they keep their current values."""
        p = platform_or_error(platform)
        if variant not in ALL_VARIANTS:
            raise InvalidInput(f"unknown variant {variant!r}: use one of {', '.join(ALL_VARIANTS)}")
        if seed is not None and (not isinstance(seed, int) or isinstance(seed, bool) or not 0 <= seed < 2**63):
            raise InvalidInput("seed: a non-negative integer")
        if time_scale is not None and (
            isinstance(time_scale, bool) or not isinstance(time_scale, int | float) or not 0 <= time_scale <= 10
        ):
            raise InvalidInput("time_scale: a number from 0 to 10")
        with self.lock:
            self.variants[p.name] = variant
            if seed is not None:
                self.seeds[p.name] = seed
            if time_scale is not None:
                self.time_scales[p.name] = float(time_scale)

    def publish_policy(self, platform: str, version_note: str) -> int:
        p = platform_or_error(platform)
        note = " ".join(str(version_note).split())
        if not note or len(note) > 2000:
            raise InvalidInput("version_note: 1-2000 characters of text")
        with self.lock:
            policy = self.policies[p.name]
            policy.version += 1
            policy.notes.append(note)
            policy.effective = datetime.now(UTC).strftime("%B %-d, %Y")
            return policy.version

    def set_policy_blocked(self, platform: str, blocked: bool) -> None:
        p = platform_or_error(platform)
        with self.lock:
            self.policies[p.name].blocked = bool(blocked)

    def snapshot(self) -> dict[str, object]:
        with self.lock:
            return {
                "variants": dict(self.variants),
                "seeds": dict(self.seeds),
                "time_scales": dict(self.time_scales),
                "page_changes": len(self.page_changes),
                "policies": {
                    k: {"version": v.version, "blocked": v.blocked} for k, v in self.policies.items()
                },
                "verification_required": sorted(self.verification_required),
                "render_delay_ms": self.render_delay_ms,
                "tracker_hits": self.tracker_hits,
                "requests": self.requests,
                "accounts": sorted(f"{p}/{a}" for p, a in self.accounts),
            }
