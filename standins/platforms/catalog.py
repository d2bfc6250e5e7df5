"""What each simulated platform is: its hosts, settings pages, settings (with the labels the real
site shows, and the renamed labels of the `v2` redesign), session cookies and sign-in URLs.

The simulators stand in for the real sites, so this catalog is their own, independent of the
selector packs that read them."""

from __future__ import annotations

from dataclasses import dataclass, field

VARIANTS: tuple[str, ...] = ("classic", "redesigned", "v2", "ocr")  # the fixed designs (fixtures record these)
GENERATED = "generated"  # a structure drawn per setting from a seed (generated.py, static/generated.js)
ALL_VARIANTS: tuple[str, ...] = (*VARIANTS, GENERATED)
TRACKER_HOSTS: tuple[str, ...] = ("tracker.example.net", "connect.facebook.net")


@dataclass(frozen=True)
class Option:
    value: str
    text: str  # as the page shows it
    short: str = ""  # shorter words drawn in the OCR variant (defaults to text)


@dataclass(frozen=True)
class SimSetting:
    key: str
    page: str
    label: str
    v2_label: str  # the wording of the `v2` redesign, which pack 1 cannot read
    kind: str  # switch | choice (audience / drop-down) | radio (yes/no)
    default: str
    options: tuple[Option, ...] = ()
    dom_id: str = ""  # the platform's own id for the setting (data attributes)
    description: str = ""

    @property
    def values(self) -> list[str]:
        return [o.value for o in self.options] if self.options else ["on", "off"]


@dataclass(frozen=True)
class SimPage:
    key: str
    host: str
    path: str
    heading: str
    query: str = ""  # a required query, e.g. "tab=privacy"

    @property
    def url(self) -> str:
        return f"https://{self.host}{self.path}" + (f"?{self.query}" if self.query else "")


@dataclass(frozen=True)
class SimCookie:
    name: str
    domain: str  # ".google.com" (domain cookie) or "account.microsoft.com" (host-only)
    required: bool = True

    @property
    def host_only(self) -> bool:
        return not self.domain.startswith(".")


@dataclass(frozen=True)
class Platform:
    name: str
    hosts: tuple[str, ...]
    pages: tuple[SimPage, ...]
    settings: tuple[SimSetting, ...]
    cookies: tuple[SimCookie, ...]
    policy_host: str
    policy_path: str
    policy_title: str
    extra: dict[str, str] = field(default_factory=dict)

    def setting(self, key: str) -> SimSetting | None:
        return next((s for s in self.settings if s.key == key), None)

    def page_at(self, host: str, path: str) -> SimPage | None:
        path = path if path == "/" else path.rstrip("/") or "/"
        for page in self.pages:
            if page.host == host and page.path.rstrip("/") == path.rstrip("/"):
                return page
        return None

    def page(self, key: str) -> SimPage | None:
        return next((p for p in self.pages if p.key == key), None)


def _switch(
    key: str, page: str, label: str, v2_label: str, dom_id: str, default: str = "on", description: str = ""
) -> SimSetting:
    return SimSetting(
        key=key,
        page=page,
        label=label,
        v2_label=v2_label,
        kind="switch",
        default=default,
        dom_id=dom_id,
        description=description,
    )


GOOGLE = Platform(
    name="google",
    hosts=(
        "myactivity.google.com",
        "myadcenter.google.com",
        "myaccount.google.com",
        "accounts.google.com",
        "policies.google.com",
        "adssettings.google.com",
    ),
    pages=(
        SimPage("activity_controls", "myactivity.google.com", "/activitycontrols", "Activity controls"),
        SimPage(
            "web_app_activity", "myactivity.google.com", "/activitycontrols/webandapp", "Web & App Activity"
        ),
        SimPage("ad_center", "myadcenter.google.com", "/home", "My Ad Center"),
        SimPage("data_and_privacy", "myaccount.google.com", "/data-and-privacy", "Data & privacy"),
    ),
    settings=(
        _switch(
            "web_app_activity",
            "activity_controls",
            "Web & App Activity",
            "Saved activity from apps and sites",
            "webandapp",
            description="Saves your activity on Google sites and apps, like searches and Maps.",
        ),
        _switch(
            "timeline",
            "activity_controls",
            "Timeline",
            "Places you go",
            "timeline",
            description="Saves where you go with your devices, even when you aren't using a Google service.",
        ),
        _switch(
            "youtube_history",
            "activity_controls",
            "YouTube History",
            "Watch and search log on YouTube",
            "youtube",
            description="Saves the YouTube videos you watch and the things you search for.",
        ),
        SimSetting(
            key="auto_delete",
            page="web_app_activity",
            label="Auto-delete",
            v2_label="Remove activity automatically",
            kind="choice",
            default="18",
            dom_id="autodelete",
            options=(
                Option("off", "Don't auto-delete activity", "Off"),
                Option("3", "Auto-delete activity older than 3 months", "3 months"),
                Option("18", "Auto-delete activity older than 18 months", "18 months"),
                Option("36", "Auto-delete activity older than 36 months", "36 months"),
            ),
            description="Choose how long activity is kept before it is deleted automatically.",
        ),
        _switch(
            "personalized_ads",
            "ad_center",
            "Personalized ads",
            "Ads tailored to you",
            "personalization",
            description="See ads based on your Google activity and the info in your profile.",
        ),
    ),
    cookies=tuple(
        SimCookie(n, ".google.com")
        for n in ("SID", "HSID", "SSID", "APISID", "SAPISID", "__Secure-1PSID", "__Secure-3PSID")
    ),
    policy_host="policies.google.com",
    policy_path="/privacy",
    policy_title="Google Privacy Policy",
)

_AUDIENCE = (
    Option("public", "Public"),
    Option("friends", "Friends"),
    Option("only_me", "Only me"),
    Option("custom", "Custom"),
)
_LOOKUP = (
    Option("everyone", "Everyone"),
    Option("friends_of_friends", "Friends of friends"),
    Option("friends", "Friends"),
    Option("only_me", "Only me"),
)

FACEBOOK = Platform(
    name="facebook",
    hosts=("www.facebook.com", "facebook.com", "accountscenter.facebook.com", "m.facebook.com"),
    pages=(
        SimPage(
            "privacy", "www.facebook.com", "/settings/", "Privacy Settings and Tools", query="tab=privacy"
        ),
        SimPage(
            "ad_settings",
            "accountscenter.facebook.com",
            "/ad_preferences/ad_settings/data_from_partners",
            "Ad settings",
        ),
    ),
    settings=(
        SimSetting(
            "future_posts_audience",
            "privacy",
            "Who can see your future posts?",
            "Default audience for new posts",
            "choice",
            "friends",
            _AUDIENCE,
            "future_posts",
        ),
        SimSetting(
            "friend_requests",
            "privacy",
            "Who can send you friend requests?",
            "People who can add you as a friend",
            "choice",
            "everyone",
            (Option("everyone", "Everyone"), Option("friends_of_friends", "Friends of friends")),
            "friend_requests",
        ),
        SimSetting(
            "lookup_email",
            "privacy",
            "Who can look you up using the email address you provided?",
            "Find me by email address",
            "choice",
            "everyone",
            _LOOKUP,
            "lookup_email",
        ),
        SimSetting(
            "search_engine_link",
            "privacy",
            "Do you want search engines outside of Facebook to link to your profile?",
            "Show my profile in search engine results",
            "radio",
            "yes",
            (Option("yes", "Yes"), Option("no", "No")),
            "search_engine",
        ),
        _switch(
            "partner_ads",
            "ad_settings",
            "Activity information from ad partners",
            "Partner activity used for ads",
            "partners",
            description="Use information from ad partners about your activity to show you ads.",
        ),
    ),
    cookies=(
        SimCookie("c_user", ".facebook.com"),
        SimCookie("xs", ".facebook.com"),
        SimCookie("datr", ".facebook.com", required=False),
    ),
    policy_host="www.facebook.com",
    policy_path="/privacy/policy",
    policy_title="Meta Privacy Policy",
)

MICROSOFT = Platform(
    name="microsoft",
    hosts=("account.microsoft.com", "login.live.com", "privacy.microsoft.com"),
    pages=(
        SimPage("privacy_dashboard", "account.microsoft.com", "/privacy", "Privacy dashboard"),
        SimPage("ad_settings", "account.microsoft.com", "/privacy/ad-settings", "Ad settings"),
    ),
    settings=(
        _switch(
            "personalized_ads_account",
            "ad_settings",
            "Personalized ads wherever I use my Microsoft account",
            "Interest-based ads across my Microsoft account",
            "account",
        ),
        _switch(
            "personalized_ads_browser",
            "ad_settings",
            "Personalized ads in this browser",
            "Interest-based ads in this browser",
            "browser",
        ),
        _switch(
            "location_activity",
            "privacy_dashboard",
            "Location activity",
            "Places my devices report",
            "location",
        ),
        _switch("search_history", "privacy_dashboard", "Search history", "Bing search records", "search"),
    ),
    # MSPAuth/MSPProf live on .live.com (the sign-in service); account.microsoft.com has its own
    cookies=(
        SimCookie("MSPAuth", ".live.com"),
        SimCookie("MSPProf", ".live.com"),
        SimCookie("AMCSecAuth", "account.microsoft.com"),
    ),
    policy_host="privacy.microsoft.com",
    policy_path="/en-us/privacystatement",
    policy_title="Microsoft Privacy Statement",
)

PLATFORMS: dict[str, Platform] = {p.name: p for p in (GOOGLE, FACEBOOK, MICROSOFT)}


def all_hosts() -> list[str]:
    hosts: list[str] = []
    for platform in PLATFORMS.values():
        hosts.extend(h for h in platform.hosts if h not in hosts)
    hosts.extend(TRACKER_HOSTS)
    return hosts


def platform_of_host(host: str) -> Platform | None:
    for platform in PLATFORMS.values():
        if host in platform.hosts:
            return platform
    return None
