"""The account e-mails the pages send (verify the address, reset the password), in the user's
language, through the resend SDK (``notify.mailer``). Their links carry one-use tokens that Redis
holds by hash for a limited time, so a leaked old e-mail is worth nothing."""

from __future__ import annotations

import asyncio
import hashlib
import secrets
from typing import Literal

from api.resources import Resources
from core.errors import ConfigError
from core.logging import get_logger
from notify.mailer import Mailer, NotifyError, idempotency_key
from notify.templates import Email
from notify.unsubscribe import list_unsubscribe_headers, unsubscribe_url
from store import web_accounts
from web import i18n
from web.rendering import render_text

log = get_logger(__name__)
Purpose = Literal["verify", "reset"]
TOKEN_TTL_S: dict[Purpose, int] = {"verify": 48 * 3600, "reset": 3600}


def _key(purpose: Purpose, token: str) -> str:
    return f"lw:web:{purpose}:{hashlib.sha256(token.encode()).hexdigest()}"


async def new_token(res: Resources, purpose: Purpose, user_id: str) -> str:
    token = secrets.token_urlsafe(32)
    await res.redis.set(_key(purpose, token), user_id, ex=TOKEN_TTL_S[purpose])
    return token


async def use_token(res: Resources, purpose: Purpose, token: str) -> str | None:
    """The user the token was made for, once; None when unknown, used or expired."""
    if not token or len(token) > 100:
        return None
    found = await res.redis.getdel(_key(purpose, token))
    return found.decode() if isinstance(found, bytes) else found


async def send_account_email(res: Resources, user_id: str, purpose: Purpose) -> bool:
    """Send the verify or reset e-mail in the user's language; False when e-mail is not set up here."""
    pool = await res.pool()
    state = await web_accounts.account_state(pool, user_id)
    token = await new_token(res, purpose, user_id)
    base = res.settings.public_url.rstrip("/")
    link = f"{base}/verify/{token}" if purpose == "verify" else f"{base}/reset/{token}"
    previous = i18n.current_language()
    i18n.set_language(i18n.negotiate(None, state.locale) if state.locale else previous)
    try:
        subject = i18n.gettext_("Confirm your e-mail address for loopwho") if purpose == "verify" \
            else i18n.gettext_("Reset your loopwho password")
        context = {"purpose": purpose, "link": link, "subject": subject, "name": state.name or "",
                   "unsubscribe": unsubscribe_url(base, state.unsubscribe_token)}
        email = Email(subject=subject, html=render_text("email/account.html", **context),
                      text=render_text("email/account.txt", **context))
    finally:
        i18n.set_language(previous)
    try:
        mailer = Mailer.from_settings(res.settings)
    except ConfigError:
        log.warning("account e-mail not sent: e-mail is not configured", purpose=purpose, user_id=user_id)
        return False
    try:
        await asyncio.to_thread(mailer.send, state.email, email, idempotency_key(purpose, user_id, token),
                                {"kind": purpose}, list_unsubscribe_headers(context["unsubscribe"]))
    except NotifyError as exc:
        log.warning("account e-mail not accepted", purpose=purpose, user_id=user_id, error=str(exc))
        return False
    return True
