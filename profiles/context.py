"""What a session profile asks of the browser context besides cookies: user agent, locale (BCP 47),
time zone (an IANA name the zoneinfo database knows) and viewport, each bounded so that whatever is
stored can be replayed by every scan."""

from __future__ import annotations

import functools
import re
import zoneinfo

from core.errors import InvalidInput
from core.types import Viewport

MAX_USER_AGENT_LENGTH = 512
MAX_LOCALE_LENGTH = 35
VIEWPORT_MIN = 200  # px, either side
VIEWPORT_MAX_WIDTH = 7680
VIEWPORT_MAX_HEIGHT = 4320
_PRINTABLE_ASCII = re.compile(r"^[\x20-\x7E]*$")

# RFC 5646 "langtag" (well-formed, case-insensitive), without extlang subtags and without bare
# private-use or grandfathered tags, which Chromium's locale override refuses
_BCP47 = re.compile(
    r"^(?:"
    r"(?:[a-z]{2,3}|[a-z]{5,8})"  # language
    r"(?:-[a-z]{4})?"  # script
    r"(?:-(?:[a-z]{2}|[0-9]{3}))?"  # region
    r"(?:-(?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*"  # variants
    r"(?:-[0-9a-wy-z](?:-[a-z0-9]{2,8})+)*"  # extensions
    r"(?:-x(?:-[a-z0-9]{1,8})+)?"  # private use
    r")$",
    re.IGNORECASE,
)


@functools.cache
def iana_time_zones() -> frozenset[str]:
    """Zone names of the system's tz database, without its helper files (posix/, right/, ...)."""
    return frozenset(
        z for z in zoneinfo.available_timezones()
        if not z.startswith(("posix/", "right/")) and z not in {"Factory", "localtime", "posixrules"}
    ) | {"UTC"}


def check_user_agent(user_agent: str | None) -> None:
    if user_agent is None:
        return
    if len(user_agent) > MAX_USER_AGENT_LENGTH or not _PRINTABLE_ASCII.fullmatch(user_agent):
        raise InvalidInput(
            f"user_agent must be printable ASCII (no control characters), at most {MAX_USER_AGENT_LENGTH}")


def check_locale(locale: str) -> None:
    if len(locale) > MAX_LOCALE_LENGTH or not _BCP47.fullmatch(locale):
        raise InvalidInput("locale must be a BCP 47 language tag such as en-US or pt-BR")


def check_time_zone(timezone: str) -> None:
    if timezone not in iana_time_zones():
        raise InvalidInput("timezone must be an IANA time zone name such as Europe/Berlin or UTC")


def check_viewport(viewport: Viewport) -> None:
    if not (VIEWPORT_MIN <= viewport.width <= VIEWPORT_MAX_WIDTH
            and VIEWPORT_MIN <= viewport.height <= VIEWPORT_MAX_HEIGHT):
        raise InvalidInput(f"viewport must be {VIEWPORT_MIN}-{VIEWPORT_MAX_WIDTH} px wide and "
                           f"{VIEWPORT_MIN}-{VIEWPORT_MAX_HEIGHT} px high")


def check_context(*, user_agent: str | None, locale: str, timezone: str, viewport: Viewport) -> None:
    """InvalidInput (one line, no value echoed) for the first field a browser context cannot take."""
    check_user_agent(user_agent)
    check_locale(locale)
    check_time_zone(timezone)
    check_viewport(viewport)
