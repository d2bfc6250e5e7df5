"""/settings: how often to be e-mailed (immediate, daily or weekly digest, off), the e-mail address,
the language, the password, export, and erasing the account (a confirmation page first); and the
one-click unsubscribe link of every e-mail (no sign-in: the link's secret is the permission)."""

from __future__ import annotations

from litestar import Request, Response
from litestar.datastructures import Cookie
from litestar.params import FromPath
from litestar.response import Redirect

from api.auth.passwords import verify_password
from api.auth.sessions import COOKIE_NAME
from api.erasure import erase_account
from core.errors import InvalidInput
from store import audit, notifications, users, web_accounts
from web import i18n
from web.account_mail import send_account_email
from web.errors import PageError
from web.forms import chosen, member_form
from web.pages._route import page_get, page_post
from web.visitor import page_context

FREQUENCIES = ("immediate", "daily", "weekly", "off")


def _frequency(prefs: notifications.StoredPreferences) -> str:
    return prefs.frequency if prefs.email_enabled else "off"


@page_get("/settings")
async def settings_page(request: Request) -> Response:
    ctx = await page_context(request)
    visitor = ctx.require()
    prefs = await notifications.get_preferences(await ctx.res.pool(), visitor.user_id)
    return ctx.render("settings.html", frequency=_frequency(prefs), frequencies=FREQUENCIES,
                      languages=i18n.LANGUAGES, language=i18n.current_language(),
                      done=request.query_params.get("done"), error=request.query_params.get("error"))


@page_post("/settings/notifications")
async def save_notifications(request: Request) -> Response:
    ctx, visitor, form = await member_form(request)
    choice = chosen(form, "frequency", FREQUENCIES, i18n.gettext_("Choose how often to be e-mailed from the list."))
    pool = await ctx.res.pool()
    changes = {"email_enabled": False} if choice == "off" else {"email_enabled": True, "frequency": choice}
    await notifications.set_preferences(pool, visitor.user_id, **changes)
    await audit.record(pool, actor=f"user:{visitor.user_id}", user_id=visitor.user_id,
                       action="notifications.changed", details={"frequency": choice, "via": "web"})
    return Redirect("/settings?done=notifications#notifications", status_code=303)


@page_post("/settings/language")
async def save_language(request: Request) -> Response:
    ctx, visitor, form = await member_form(request)
    choice = chosen(form, "language", i18n.LANGUAGES, i18n.gettext_("Choose a language from the list."))
    await web_accounts.set_locale(await ctx.res.pool(), visitor.user_id, choice)
    return Redirect("/settings?done=language#language", status_code=303)


@page_post("/settings/email")
async def save_email(request: Request) -> Response:
    """A new address needs the password and is unconfirmed until its link is opened."""
    ctx, visitor, form = await member_form(request)
    await ctx.limit(f"email-change:{visitor.user_id}", 5)
    pool = await ctx.res.pool()
    if not await verify_password(await users.get_password_hash(pool, visitor.user_id),
                                 form.get("password", "")[:1000]):
        return Redirect("/settings?error=wrong_password#email", status_code=303)
    try:
        await web_accounts.set_email(pool, visitor.user_id, form.get("email", ""))
    except InvalidInput:
        return Redirect("/settings?error=email_taken#email", status_code=303)
    await audit.record(pool, actor=f"user:{visitor.user_id}", user_id=visitor.user_id, action="account.email_changed")
    await send_account_email(ctx.res, visitor.user_id, "verify")
    return Redirect("/verify", status_code=303)


@page_get("/settings/erase")
async def erase_confirm(request: Request) -> Response:
    ctx = await page_context(request)
    ctx.require()
    return ctx.render("erase.html", error=None)


@page_post("/settings/erase")
async def erase(request: Request) -> Response:
    ctx, visitor, form = await member_form(request)
    if form.get("confirm_email", "").strip().lower() != visitor.email.lower():
        return ctx.render("erase.html", status=400,
                          error=i18n.gettext_("Type your e-mail address exactly to confirm."))
    await erase_account(ctx.res, visitor.user_id)
    return Redirect("/?done=erased", status_code=303, cookies=[Cookie(key=COOKIE_NAME, value="", max_age=0, path="/")])


@page_get("/unsubscribe/{token:str}")
async def unsubscribe_page(request: Request, token: FromPath[str]) -> Response:
    """Opening the link changes nothing (mail scanners open links); the button does."""
    ctx = await page_context(request)
    account = await web_accounts.by_unsubscribe_token(await ctx.res.pool(), token)
    if account is None:
        raise PageError(404, i18n.gettext_("This unsubscribe link is not known (the account may be erased)."))
    i18n.set_language(i18n.negotiate(request.headers.get("accept-language"), account.locale))
    return ctx.render("unsubscribe.html", token=token, done=False)


@page_post("/unsubscribe/{token:str}")
async def unsubscribe(request: Request, token: FromPath[str]) -> Response:
    """RFC 8058 one-click: a mail client POSTs ``List-Unsubscribe=One-Click`` here, without cookies;
    the page's button posts the same. The unguessable token is the only credential needed."""
    ctx = await page_context(request)
    pool = await ctx.res.pool()
    account = await web_accounts.by_unsubscribe_token(pool, token)
    if account is None:
        raise PageError(404, i18n.gettext_("This unsubscribe link is not known (the account may be erased)."))
    await notifications.set_preferences(pool, account.user_id, email_enabled=False)
    await audit.record(pool, actor="unsubscribe-link", user_id=account.user_id, action="notifications.unsubscribed")
    i18n.set_language(i18n.negotiate(request.headers.get("accept-language"), account.locale))
    return ctx.render("unsubscribe.html", token=token, done=True)


ROUTES = [settings_page, save_notifications, save_language, save_email, erase_confirm, erase, unsubscribe_page,
          unsubscribe]
