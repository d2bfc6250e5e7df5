"""Who is looking at a page, and the checks every page form passes.

The session is the API's web session (``lw_session``: an HttpOnly, SameSite=Lax cookie, Secure behind
TLS; Redis holds the user and the session's CSRF token). A signed-in visitor's forms carry that
token; an anonymous visitor's forms (sign-in, sign-up, reset) carry the value of an ``lw_csrf`` cookie
(double submit), which a cross-site form cannot read, so login CSRF is closed too."""

from __future__ import annotations

import hmac
import secrets
from dataclasses import dataclass, field
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.exceptions import TooManyRequestsException

from api.auth.caller import resources_of
from api.auth.sessions import COOKIE_NAME, create_session, load_session
from api.ratelimit import hit
from api.resources import Resources
from core.errors import NotFound
from store import web_accounts
from web import i18n
from web.errors import PageError, SignInRequired
from web.rendering import html_page

ANON_CSRF_COOKIE = "lw_csrf"
MAX_FORM_FIELD = 4000


class Visitor(msgspec.Struct, frozen=True):
    user_id: str
    email: str
    name: str | None
    role: str
    verified: bool
    locale: str | None
    csrf_token: str

    @property
    def is_operator(self) -> bool:
        return self.role in ("operator", "admin")


def secure_cookies(res: Resources) -> bool:
    return res.settings.public_url.startswith("https") or res.settings.is_production


def session_cookie(res: Resources, session_id: str) -> Cookie:
    return Cookie(key=COOKIE_NAME, value=session_id, httponly=True, samesite="lax", path="/",
                  secure=secure_cookies(res), max_age=res.settings.web_session_ttl_s)


async def signed_in_cookie(res: Resources, user_id: str) -> Cookie:
    session_id, _ = await create_session(res.redis, user_id, res.settings.web_session_ttl_s)
    return session_cookie(res, session_id)


@dataclass
class PageContext:
    """One page request: the visitor (or None), its language, its CSRF token, cookies to set."""

    request: Request
    res: Resources
    visitor: Visitor | None
    csrf: str
    cookies: list[Cookie] = field(default_factory=list)

    def render(self, template: str, *, status: int = 200, **context: Any) -> Response[str]:
        return html_page(template, {"visitor": self.visitor, "csrf": self.csrf, "path": self.request.url.path,
                                    **context}, status=status, cookies=self.cookies)

    def require(self) -> Visitor:
        if self.visitor is None:
            raise SignInRequired(self.request.url.path)
        return self.visitor

    def require_operator(self) -> Visitor:
        visitor = self.require()
        if not visitor.is_operator:
            raise PageError(403, i18n.gettext_("This page is for operators."))
        return visitor

    async def form(self) -> dict[str, str]:
        """The posted form, its CSRF field checked; fields are single strings, bounded in size."""
        try:
            raw = await self.request.form()
        except Exception:  # a body that is no form at all
            raise PageError(400, i18n.gettext_("The form could not be read; reload the page and try again.")) \
                from None
        fields = {k: str(v)[:MAX_FORM_FIELD] for k, v in raw.items() if isinstance(v, str)}
        if any("\x00" in v for v in fields.values()):  # PostgreSQL text cannot hold NUL: refuse, not 500
            raise PageError(400, i18n.gettext_("The form could not be read; reload the page and try again."))
        sent = fields.get("csrf", "")
        if not sent or not self.csrf or not hmac.compare_digest(sent, self.csrf):
            raise PageError(403, i18n.gettext_("This form has expired; reload the page and try again."))
        return fields

    async def limit(self, bucket: str, per_minute: int) -> None:
        try:
            await hit(self.res.redis, bucket, per_minute)
        except TooManyRequestsException:
            raise PageError(429, i18n.gettext_("Too many attempts; wait a minute and try again.")) from None


async def _visitor(res: Resources, request: Request) -> Visitor | None:
    session_id = request.cookies.get(COOKIE_NAME)
    if not session_id:
        return None
    session = await load_session(res.redis, session_id)
    if session is None:
        return None
    try:
        state = await web_accounts.account_state(await res.pool(), session.user_id)
    except NotFound:
        return None
    return Visitor(user_id=state.user_id, email=state.email, name=state.name, role=state.role,
                   verified=state.email_verified_at is not None, locale=state.locale,
                   csrf_token=session.csrf_token)


async def page_context(request: Request) -> PageContext:
    """Resolve the visitor, set the page language, and make sure a form on it can carry a CSRF token."""
    res = resources_of(request)
    visitor = await _visitor(res, request)
    i18n.set_language(i18n.negotiate(request.headers.get("accept-language"), visitor.locale if visitor else None))
    if visitor is not None:
        return PageContext(request, res, visitor, visitor.csrf_token)
    token = request.cookies.get(ANON_CSRF_COOKIE, "")
    cookies = []
    if len(token) < 32 or len(token) > 64:
        token = secrets.token_urlsafe(32)
        cookies.append(Cookie(key=ANON_CSRF_COOKIE, value=token, httponly=True, samesite="lax", path="/",
                              secure=secure_cookies(res)))
    return PageContext(request, res, None, token, cookies)
