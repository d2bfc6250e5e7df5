"""Billing e-mails: scans paused for lack of credits, a failed payment (grace period), the move to
the free plan, a subscription set to end. One plain-words message each, as HTML and text."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from notify.templates import Email, Recipient, _e, _footer, _greeting, _link, _page

KINDS = ("scans_paused", "payment_failed", "plan_downgraded", "subscription_cancelling")


def _day(value: Any) -> str:
    """An ISO timestamp from the notice as a date a person reads ("7 December 2026")."""
    if not value:
        return "soon"
    when = datetime.fromisoformat(str(value))
    return f"{when.day} {when:%B %Y}"


def _lines(kind: str, details: dict[str, Any]) -> tuple[str, list[str]]:
    if kind == "scans_paused":
        return "Your loopwho scans are paused: no credits left", [
            "loopwho has paused the scheduled checks of your privacy settings because your credits ran out.",
            "They start again by themselves when credits come back: with your next monthly allowance, or at "
            "once when you buy credits on the billing page."]
    if kind == "payment_failed":
        plan = details.get("plan") or "paid"
        return f"Your loopwho {plan} payment did not go through", [
            f"We could not take the payment for your {plan} plan.",
            f"You keep {plan} until {_day(details.get('grace_until'))}. Please update your payment method on "
            "the billing page; after that date your account moves to the Free plan."]
    if kind == "plan_downgraded":
        old, new = details.get("old_plan") or "paid", details.get("new_plan") or "Free"
        why = ("the payment was not made within the grace period" if details.get("reason") == "payment_failed"
               else "the subscription ended")
        lines = [f"Your loopwho account moved from {old} to {new} because {why}.",
                 f"Scans now follow the {new} plan's schedule and limits."]
        if details.get("history_kept_until"):
            lines.append(f"Your longer history is kept until {_day(details['history_kept_until'])}; after that "
                         f"the {new} plan's history window applies.")
        return f"Your loopwho plan is now {new}", lines
    if kind == "subscription_cancelling":
        return "Your loopwho subscription will end", [
            f"Your subscription is set to end on {_day(details.get('period_end'))}. You keep it until then.",
            "Changed your mind? Resume it on the billing page before that date."]
    raise ValueError(f"unknown billing e-mail kind {kind!r}")


def render_billing_email(user: Recipient, kind: str, details: dict[str, Any], public_url: str) -> Email:
    subject, lines = _lines(kind, details)
    billing_url = public_url.rstrip("/") + "/billing"
    foot_html, foot_text = _footer(public_url.rstrip("/") + "/dashboard",
                                   "You get this e-mail because it is about your loopwho plan.")
    html = _page(subject, [f"<p>{_e(_greeting(user))}</p>", *[f"<p>{_e(line)}</p>" for line in lines],
                           f"<p>{_link(billing_url, 'Open the billing page')}</p>"], foot_html)
    text = "\n\n".join([_greeting(user), *lines, f"Open the billing page: {billing_url}", foot_text]) + "\n"
    return Email(subject=subject, html=html, text=text)
