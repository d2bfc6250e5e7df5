"""Sign-up (with e-mail verification), sign-in, sign-out, password reset by e-mail and password
change. Forms post back to their own page; success redirects (303) so a reload never re-posts."""

from __future__ import annotations

from urllib.parse import urlsplit

from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect

from api.auth.passwords import hash_password, verify_password
from api.auth.sessions import COOKIE_NAME, destroy_session, destroy_user_sessions
from api.ratelimit import account_bucket, client_ip
from core.errors import InvalidInput
from store import audit, users, web_accounts
from web import i18n
from web.account_mail import send_account_email, use_token
from web.pages._route import page_get, page_post
from web.visitor import PageContext, page_context, signed_in_cookie


def _safe_next(value: str | None) -> str:
    """Only a path on this site (no scheme, no host, no '//'), else the dashboard: no open redirect."""
    if not value or not value.startswith("/") or value.startswith("//") or "\\" in value:
        return "/dashboard"
    parts = urlsplit(value)
    return value if not parts.scheme and not parts.netloc else "/dashboard"


def _redirect(path: str, cookies: list[Cookie] | None = None) -> Response:
    return Redirect(path, status_code=303, cookies=cookies or [])


async def _auth_limits(ctx: PageContext) -> None:
    await ctx.limit(f"auth:{client_ip(ctx.request.scope)}", ctx.res.settings.auth_attempts_per_minute)


@page_get("/signup")
async def signup_form(request: Request) -> Response:
    ctx = await page_context(request)
    if ctx.visitor:
        return _redirect("/dashboard")
    return ctx.render("signup.html", email="", name="", error=None)


@page_post("/signup")
async def signup(request: Request) -> Response:
    ctx = await page_context(request)
    form = await ctx.form()
    await _auth_limits(ctx)
    email, name, password = form.get("email", "").strip(), form.get("name", "").strip()[:255], form.get("password", "")
    minimum = ctx.res.settings.password_min_length
    error = None
    if len(password) < minimum:
        error = i18n.gettext_("The password must be at least %(n)s characters.") % {"n": minimum}
    elif len(password) > 1000:
        error = i18n.gettext_("The password is too long.")
    if error is None:
        pool = await ctx.res.pool()
        try:
            user = await users.create_user(pool, email, name=name or None, password_hash=await hash_password(password))
        except InvalidInput:
            # the same words for a taken and a malformed address would hide nothing here: say which
            error = i18n.gettext_("That e-mail address cannot be used: it is malformed or already has an account.")
        else:
            lang = i18n.current_language()
            await web_accounts.set_locale(pool, user.id, lang)
            await audit.record(pool, actor=f"user:{user.id}", user_id=user.id, action="account.created")
            await send_account_email(ctx.res, user.id, "verify")
            return _redirect("/verify", [await signed_in_cookie(ctx.res, user.id)])
    return ctx.render("signup.html", status=400, email=email, name=name, error=error)


@page_get("/verify")
async def verify_pending(request: Request) -> Response:
    ctx = await page_context(request)
    ctx.require()
    return ctx.render("verify.html", outcome="sent")


@page_post("/verify")
async def verify_resend(request: Request) -> Response:
    ctx = await page_context(request)
    visitor = ctx.require()
    await ctx.form()
    await ctx.limit(f"verify-mail:{visitor.user_id}", 3)
    sent = await send_account_email(ctx.res, visitor.user_id, "verify")
    return ctx.render("verify.html", outcome="sent" if sent else "mail_down")


@page_get("/verify/{token:str}")
async def verify_link(request: Request, token: FromPath[str]) -> Response:
    ctx = await page_context(request)
    user_id = await use_token(ctx.res, "verify", token)
    if user_id is None:
        return ctx.render("verify.html", status=400, outcome="bad_link")
    pool = await ctx.res.pool()
    await web_accounts.mark_email_verified(pool, user_id)
    await audit.record(pool, actor=f"user:{user_id}", user_id=user_id, action="account.email_verified")
    return _redirect("/connect?done=verified" if ctx.visitor else "/signin?done=verified")


@page_get("/signin")
async def signin_form(
    request: Request, next: FromQuery[str | None] = None, done: FromQuery[str | None] = None
) -> Response:
    ctx = await page_context(request)
    if ctx.visitor:
        return _redirect(_safe_next(next))
    return ctx.render("signin.html", email="", next=_safe_next(next), error=None, done=done)


@page_post("/signin")
async def signin(request: Request) -> Response:
    ctx = await page_context(request)
    form = await ctx.form()
    await _auth_limits(ctx)
    email, password = form.get("email", "").strip(), form.get("password", "")
    await ctx.limit(account_bucket(email), ctx.res.settings.auth_attempts_per_account_per_minute)
    pool = await ctx.res.pool()
    user = await users.find_by_email(pool, email) if email else None
    stored = await users.get_password_hash(pool, user.id) if user else None
    if user is None or not await verify_password(stored, password[:1000]):
        return ctx.render("signin.html", status=400, email=email, next=_safe_next(form.get("next")),
                          error=i18n.gettext_("Wrong e-mail or password."), done=None)
    await audit.record(pool, actor=f"user:{user.id}", user_id=user.id, action="account.signed_in",
                       details={"ip": client_ip(request.scope), "via": "web"})
    return _redirect(_safe_next(form.get("next")), [await signed_in_cookie(ctx.res, user.id)])


@page_post("/signout")
async def signout(request: Request) -> Response:
    ctx = await page_context(request)
    if ctx.visitor:
        await ctx.form()
        await destroy_session(ctx.res.redis, request.cookies.get(COOKIE_NAME, ""))
    return _redirect("/", [Cookie(key=COOKIE_NAME, value="", max_age=0, path="/")])


@page_get("/signout")
async def signout_page(request: Request) -> Response:
    ctx = await page_context(request)
    return ctx.render("signout.html") if ctx.visitor else _redirect("/")


@page_get("/reset")
async def reset_form(request: Request) -> Response:
    ctx = await page_context(request)
    return ctx.render("reset_request.html", sent=False)


@page_post("/reset")
async def reset_request(request: Request) -> Response:
    ctx = await page_context(request)
    form = await ctx.form()
    await _auth_limits(ctx)
    email = form.get("email", "").strip()
    await ctx.limit(f"reset-mail:{account_bucket(email)}", 3)
    user = await users.find_by_email(await ctx.res.pool(), email) if email else None
    if user is not None:
        await send_account_email(ctx.res, user.id, "reset")
    # the same answer whether or not the address has an account: nobody learns who is a user here
    return ctx.render("reset_request.html", sent=True)


@page_get("/reset/{token:str}")
async def reset_link(request: Request, token: FromPath[str]) -> Response:
    ctx = await page_context(request)
    return ctx.render("reset_password.html", token=token, error=None)


@page_post("/reset/{token:str}")
async def reset_password(request: Request, token: FromPath[str]) -> Response:
    ctx = await page_context(request)
    form = await ctx.form()
    password = form.get("password", "")
    minimum = ctx.res.settings.password_min_length
    if not minimum <= len(password) <= 1000:
        return ctx.render("reset_password.html", status=400, token=token,
                          error=i18n.gettext_("The password must be at least %(n)s characters.") % {"n": minimum})
    user_id = await use_token(ctx.res, "reset", token)
    if user_id is None:
        return ctx.render("reset_password.html", status=400, token=None,
                          error=i18n.gettext_("This reset link is unknown, used or expired; ask for a new one."))
    pool = await ctx.res.pool()
    await users.set_password_hash(pool, user_id, await hash_password(password))
    await web_accounts.mark_email_verified(pool, user_id)  # the link arrived: the address is theirs
    await destroy_user_sessions(ctx.res.redis, user_id)
    await audit.record(pool, actor=f"user:{user_id}", user_id=user_id, action="account.password_reset")
    return _redirect("/dashboard", [await signed_in_cookie(ctx.res, user_id)])


@page_post("/settings/password")
async def change_password(request: Request) -> Response:
    ctx = await page_context(request)
    visitor = ctx.require()
    form = await ctx.form()
    await ctx.limit(f"password-change:{visitor.user_id}", ctx.res.settings.auth_attempts_per_account_per_minute)
    pool = await ctx.res.pool()
    current, new = form.get("current_password", ""), form.get("new_password", "")
    minimum = ctx.res.settings.password_min_length
    if not await verify_password(await users.get_password_hash(pool, visitor.user_id), current[:1000]):
        return _redirect("/settings?error=wrong_password#password")
    if not minimum <= len(new) <= 1000:
        return _redirect("/settings?error=short_password#password")
    await users.set_password_hash(pool, visitor.user_id, await hash_password(new))
    await destroy_user_sessions(ctx.res.redis, visitor.user_id)  # other browsers signed in before are out
    await audit.record(pool, actor=f"user:{visitor.user_id}", user_id=visitor.user_id,
                       action="account.password_changed")
    return _redirect("/settings?done=password_changed#password", [await signed_in_cookie(ctx.res, visitor.user_id)])


ROUTES = [signup_form, signup, verify_pending, verify_resend, verify_link, signin_form, signin, signout,
          signout_page, reset_form, reset_request, reset_link, reset_password, change_password]
