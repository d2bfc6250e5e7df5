"""Property-based fuzzing of the cookie handoff checks (hypothesis): whatever ``check_jar`` and
``check_context`` accept can be replayed, i.e. turned into Playwright cookies and added to a real
Chromium context, which then holds every cookie; whatever they refuse is refused with InvalidInput
(never another exception)."""

from __future__ import annotations

import math
import string
import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from playwright.async_api import async_playwright

from core.errors import InvalidInput
from core.settings import get_settings
from core.types import Cookie, Viewport
from profiles.context import check_context
from profiles.jar import SAME_SITE_VALUES, check_jar
from scanner.cookies import to_playwright_cookies
from scanner.pool import CHROMIUM_ARGS

NOW = time.time()
TOKEN = string.ascii_letters + string.digits + "!#$%&'*+-.^_`|~"
OCTETS = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) not in '",;\\')

labels = st.text(string.ascii_lowercase + string.digits + "-", min_size=1, max_size=12)
good_cookies = st.builds(
    Cookie,
    name=st.one_of(st.text(TOKEN, min_size=1, max_size=20), st.sampled_from(["__Secure-x", "__Host-x"])),
    value=st.one_of(st.text(OCTETS, max_size=40), st.text(OCTETS, max_size=10).map(lambda v: f'"{v}"')),
    domain=st.one_of(
        st.sampled_from([".google.com", "google.com", "myaccount.google.com", "GOOGLE.com", "google.com."]),
        st.builds(lambda a, dot: f"{'.' if dot else ''}{a}.google.com", labels, st.booleans())),
    path=st.one_of(st.just("/"), st.text(string.ascii_letters + string.digits + "-._~!$&'()*+,=:@/", max_size=10)
                   .map(lambda p: "/" + p)),
    secure=st.booleans(), httpOnly=st.booleans(), sameSite=st.sampled_from(SAME_SITE_VALUES),
    expirationDate=st.one_of(st.none(), st.floats(NOW + 86_400, NOW + 400 * 86_400)),
    hostOnly=st.one_of(st.none(), st.booleans()), session=st.one_of(st.none(), st.booleans()),
)
# one field of one cookie made hostile (or left alone)
cookie_mutations = st.one_of(
    st.none(),
    st.tuples(st.just("name"), st.one_of(st.sampled_from(["a;b", "a=b", "", " ", "__Host-", "a\x00"]),
                                          st.text(max_size=10))),
    st.tuples(st.just("value"), st.one_of(st.sampled_from(["a\r\nb", "a b", "a\x00", "é", '"', "a,b"]),
                                           st.text(max_size=10))),
    st.tuples(st.just("domain"), st.one_of(
        st.sampled_from(["evil.com/.google.com", "*.google.com", "127.0.0.1", "localhost", ".com", "[::1]",
                         "google.com.evil.org", "evilgoogle.com", "google.com\n", "a..google.com"]),
        st.text(max_size=20))),
    st.tuples(st.just("path"), st.one_of(st.sampled_from(["/a?b", "/a b", "/%2e%2e/", "/./", "/a/..", "x", ""]),
                                          st.text(max_size=8))),
    st.tuples(st.just("sameSite"), st.text(max_size=10)),
    st.tuples(st.just("expirationDate"), st.floats(allow_nan=True, allow_infinity=True)),
)
good_context = st.fixed_dictionaries({
    "user_agent": st.one_of(st.none(), st.text(string.printable[:95], max_size=60)),
    "locale": st.sampled_from(["en-US", "pt-BR", "zh-Hant-TW", "de-CH-1901", "es-419", "fr", "sr-Latn-RS"]),
    "timezone": st.sampled_from(["UTC", "Europe/Berlin", "America/Sao_Paulo", "Asia/Kolkata", "Etc/GMT+5"]),
    "viewport": st.builds(Viewport, st.integers(200, 7680), st.integers(200, 4320)),
})
context_mutations = st.one_of(
    st.none(),
    st.tuples(st.just("user_agent"), st.text(max_size=20)),
    st.tuples(st.just("locale"), st.text(max_size=12)),
    st.tuples(st.just("timezone"), st.text(max_size=12)),
    st.tuples(st.just("viewport"), st.builds(Viewport, st.integers(-10, 2**41), st.integers(-10, 2**41))),
)


@st.composite
def handoffs(draw: st.DrawFn) -> tuple[list[Cookie], dict]:
    jar = draw(st.lists(good_cookies, min_size=1, max_size=6))
    mutation = draw(cookie_mutations)
    if mutation is not None:
        i = draw(st.integers(0, len(jar) - 1))
        field, bad = mutation
        jar[i] = Cookie(**{**{f: getattr(jar[i], f) for f in jar[i].__struct_fields__}, field: bad})
    context = draw(good_context)
    change = draw(context_mutations)
    if change is not None:
        context[change[0]] = change[1]
    return jar, context


def _accepted(jar_cookies: list[Cookie], context: dict) -> tuple[list[dict], dict] | None:
    try:
        check_context(**context)
        jar = check_jar("google", jar_cookies, max_count=50, max_bytes=64 * 1024, session_ttl_s=3600)
        return to_playwright_cookies(jar.cookies), context
    except InvalidInput:
        return None


@pytest.mark.browser
async def test_whatever_the_handoff_accepts_chromium_replays() -> None:
    accepted: list[tuple[list[dict], dict]] = []
    refused = 0

    @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(handoffs())
    def fuzz(handoff: tuple[list[Cookie], dict]) -> None:
        nonlocal refused
        jar_cookies, context = handoff
        found = _accepted(jar_cookies, context)  # anything but InvalidInput propagates and fails
        if found is None:
            refused += 1
        else:
            accepted.append(found)

    fuzz()
    # a well-formed jar of every shape is surely among them: make one so the replay never runs empty
    accepted.append(_accepted([Cookie(name="SID", value="v", domain=".google.com", expirationDate=NOW + 86_400)],
                              {"user_agent": None, "locale": "en-US", "timezone": "UTC",
                               "viewport": Viewport()}))
    assert refused > 0
    print(f"accepted {len(accepted)}, refused {refused}")
    async with async_playwright() as pw:
        browser = await pw.chromium.launch(executable_path=get_settings().chromium_path, headless=True,
                                           args=list(CHROMIUM_ARGS))
        try:
            for pw_cookies, context in accepted[:150]:
                vp = context["viewport"]
                ctx = await browser.new_context(
                    user_agent=context["user_agent"], locale=context["locale"], timezone_id=context["timezone"],
                    viewport={"width": vp.width, "height": vp.height})
                try:
                    await ctx.add_cookies(pw_cookies)
                    page = await ctx.new_page()  # locale and time zone overrides are applied here
                    await page.close()
                    held = {(c["name"], c["domain"].lstrip("."), c["path"]) for c in await ctx.cookies()}
                    for c in pw_cookies:
                        assert (c["name"], c["domain"].lstrip("."), c["path"]) in held, c["name"]
                finally:
                    await ctx.close()
        finally:
            await browser.close()
    assert all(math.isfinite(c["expires"]) for jar, _ in accepted for c in jar)
