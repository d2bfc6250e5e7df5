"""Subscriptions (one row per user: the Stripe customer, plan, status, period) and the Stripe webhook
events already handled. The credits balance lives in ``store.credits``."""

from __future__ import annotations

from datetime import datetime

import msgspec

from store.db import Conn, as_uuid, maybe_struct

NO_SUBSCRIPTION = "none"  # status of a row that holds only the customer id


async def customer_id_of(conn: Conn, user_id: str) -> str | None:
    return await conn.fetchval(
        "SELECT stripe_customer_id FROM subscriptions WHERE user_id = $1", as_uuid(user_id, "user id"))


async def remember_customer(conn: Conn, user_id: str, customer_id: str) -> str:
    """Store the user's Stripe customer unless one is stored already; the stored one wins a race."""
    await conn.execute(
        "INSERT INTO subscriptions (user_id, stripe_customer_id, status) VALUES ($1, $2, $3) "
        "ON CONFLICT (user_id) DO UPDATE SET stripe_customer_id = excluded.stripe_customer_id, "
        "updated_at = now() WHERE subscriptions.stripe_customer_id IS NULL",
        as_uuid(user_id, "user id"), customer_id, NO_SUBSCRIPTION)
    return await customer_id_of(conn, user_id)  # type: ignore[return-value]


async def user_of_customer(conn: Conn, customer_id: str) -> str | None:
    got = await conn.fetchval("SELECT user_id FROM subscriptions WHERE stripe_customer_id = $1", customer_id)
    return str(got) if got else None


class _SubscriptionColumns(msgspec.Struct, kw_only=True, frozen=True):
    """The columns of a subscriptions row that every reading of it has."""

    stripe_customer_id: str | None
    stripe_subscription_id: str | None
    plan: str | None
    status: str
    current_period_start: datetime | None
    current_period_end: datetime | None
    cancel_at_period_end: bool
    grace_until: datetime | None


class Subscription(_SubscriptionColumns, kw_only=True, frozen=True):
    """The user's subscription row as the billing page and API show it."""

    updated_at: datetime


async def subscription_of(conn: Conn, user_id: str) -> Subscription | None:
    return maybe_struct(await conn.fetchrow(
        "SELECT stripe_customer_id, stripe_subscription_id, plan, status, current_period_start, "
        "current_period_end, cancel_at_period_end, grace_until, updated_at FROM subscriptions WHERE user_id = $1",
        as_uuid(user_id, "user id")), Subscription)


async def start_subscription(
    conn: Conn, user_id: str, *, customer_id: str | None, subscription_id: str, plan: str, status: str
) -> None:
    """The user's row now names this subscription (a checkout completed)."""
    await conn.execute(
        "INSERT INTO subscriptions (user_id, stripe_customer_id, stripe_subscription_id, plan, status) "
        "VALUES ($1, $2, $3, $4, $5) ON CONFLICT (user_id) DO UPDATE SET "
        "stripe_customer_id = coalesce(subscriptions.stripe_customer_id, excluded.stripe_customer_id), "
        "stripe_subscription_id = excluded.stripe_subscription_id, plan = excluded.plan, "
        "status = excluded.status, updated_at = now()",
        as_uuid(user_id, "user id"), customer_id, subscription_id, plan, status)


async def update_subscription(
    conn: Conn, *, subscription_id: str | None, customer_id: str | None, status: str,
    period_start: datetime | None = None, period_end: datetime | None = None,
) -> str | None:
    """Update the row of this subscription, or else the row of its customer while that names no
    subscription yet (an update can arrive before the checkout completion; a late event of an older
    subscription must not touch the current one); the user id, or None when no row matches."""
    for column, value in (("stripe_subscription_id", subscription_id),
                          ("stripe_customer_id", customer_id)):
        if not value:
            continue
        got = await conn.fetchval(
            "UPDATE subscriptions SET status = $2, "  # column below comes from the tuple above, never input
            "stripe_subscription_id = coalesce($3, stripe_subscription_id), "
            "current_period_start = coalesce($4, current_period_start), "
            "current_period_end = coalesce($5, current_period_end), updated_at = now() "
            f"WHERE {column} = $1"
            + (" AND stripe_subscription_id IS NULL" if column == "stripe_customer_id" else "")
            + " RETURNING user_id",
            value, status, subscription_id, period_start, period_end)
        if got:
            return str(got)
    return None


async def claim_event(conn: Conn, event_id: str, event_type: str) -> bool:
    """Record a webhook event as handled; False when it was handled before (a redelivery). Call it in
    the transaction that applies the event, so a failure leaves it unclaimed for Stripe's retry."""
    got = await conn.fetchval(
        "INSERT INTO stripe_webhook_events (id, type) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING RETURNING id",
        event_id, event_type)
    return got is not None


async def set_event_outcome(conn: Conn, event_id: str, outcome: str) -> None:
    await conn.execute("UPDATE stripe_webhook_events SET outcome = $2 WHERE id = $1", event_id, outcome[:100])


async def event_count(conn: Conn) -> int:
    return await conn.fetchval("SELECT count(*)::int FROM stripe_webhook_events")


class SubscriptionState(_SubscriptionColumns, kw_only=True, frozen=True):
    """One user's subscription row as the plan life cycle reads it."""

    user_id: str
    state_event_at: datetime | None


_STATE = ("user_id::text, stripe_customer_id, stripe_subscription_id, plan, status, current_period_start, "
          "current_period_end, cancel_at_period_end, grace_until, state_event_at")


def _state(row: object) -> SubscriptionState | None:
    return None if row is None else SubscriptionState(**dict(row))  # type: ignore[call-overload]


async def state_of_user(conn: Conn, user_id: str) -> SubscriptionState | None:
    return _state(await conn.fetchrow(f"SELECT {_STATE} FROM subscriptions WHERE user_id = $1",
                                      as_uuid(user_id, "user id")))


async def find_state(conn: Conn, subscription_id: str | None, customer_id: str | None) -> SubscriptionState | None:
    """The row of this subscription, else of its customer while the row names no subscription yet."""
    if subscription_id:
        row = await conn.fetchrow(f"SELECT {_STATE} FROM subscriptions WHERE stripe_subscription_id = $1 "
                                  "FOR UPDATE", subscription_id)
        if row is not None:
            return _state(row)
    if customer_id:
        return _state(await conn.fetchrow(
            f"SELECT {_STATE} FROM subscriptions WHERE stripe_customer_id = $1 AND stripe_subscription_id IS NULL "
            "FOR UPDATE", customer_id))
    return None


async def apply_state(
    conn: Conn, user_id: str, *, event_at: datetime, subscription_id: str | None = None,
    status: str | None = None, plan: str | None = None, period_start: datetime | None = None,
    period_end: datetime | None = None, cancel_at_period_end: bool | None = None,
) -> bool:
    """Apply a Stripe event's view of the user's subscription unless a later event was applied
    already (Stripe does not deliver in order); True when applied. None leaves a field as it is."""
    got = await conn.fetchval(
        "UPDATE subscriptions SET stripe_subscription_id = coalesce($3, stripe_subscription_id), "
        "status = coalesce($4, status), plan = coalesce($5, plan), "
        "current_period_start = coalesce($6, current_period_start), "
        "current_period_end = coalesce($7, current_period_end), "
        "cancel_at_period_end = coalesce($8, cancel_at_period_end), state_event_at = $2, updated_at = now() "
        "WHERE user_id = $1 AND (state_event_at IS NULL OR state_event_at <= $2) RETURNING user_id",
        as_uuid(user_id, "user id"), event_at, subscription_id, status, plan, period_start, period_end,
        cancel_at_period_end)
    return got is not None


async def set_grace(conn: Conn, user_id: str, until: datetime | None) -> None:
    await conn.execute("UPDATE subscriptions SET grace_until = $2, updated_at = now() WHERE user_id = $1",
                       as_uuid(user_id, "user id"), until)


async def expired_grace(conn: Conn, now: datetime, default_plan: str) -> list[SubscriptionState]:
    """Subscriptions still unpaid after their grace period ended whose users are not on the default
    plan yet (all users; the scheduler's sweep)."""
    rows = await conn.fetch(
        f"SELECT {_STATE} FROM subscriptions s WHERE grace_until IS NOT NULL AND grace_until <= $1 "
        "AND status NOT IN ('active', 'trialing') AND EXISTS (SELECT 1 FROM user_plans p "
        "WHERE p.user_id = s.user_id AND p.plan <> $2)", now, default_plan)
    return [SubscriptionState(**dict(r)) for r in rows]
