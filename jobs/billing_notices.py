"""Send the billing notices billing wrote (scans paused, payment failed, plan downgraded, cancel at
period end): each once, through the same once-only delivery as every other e-mail. They are about
the account, so they go out whatever the alert preferences say. Run by each scheduler tick."""

from __future__ import annotations

from core.logging import get_logger
from jobs.notifications import _deliver, _recipient
from jobs.runtime import Runtime
from notify.billing_emails import render_billing_email
from store import billing_notices

log = get_logger(__name__)
EMAIL_KIND = "billing"


async def send_billing_notices(rt: Runtime, limit: int = 100) -> int:
    """Send waiting notices (oldest first); returns how many e-mails went out. A send that fails stays
    waiting for the next tick."""
    db = await rt.db()
    sent = 0
    for notice in await billing_notices.unsent(db, limit):
        try:
            to = await _recipient(rt, notice.user_id)
            email = render_billing_email(to, notice.kind, notice.details, rt.settings.public_url)
            mail = await _deliver(rt, notice.user_id, EMAIL_KIND, f"{notice.kind}:{notice.dedupe_key}",
                                  to.email, email)
        except Exception as exc:  # one bad notice must not hold back the others
            log.warning("billing e-mail not sent; retried next tick", kind=notice.kind, user_id=notice.user_id,
                        error=type(exc).__name__)
            continue
        await billing_notices.mark_sent(db, notice.id)
        sent += mail is not None
    return sent
