"""The notify step: change alerts (immediate, or held for the digest), reconnect and scan-failure
e-mails. Each e-mail is claimed in notifications_sent before it goes out and carries an idempotency
key, so a retried job never sends twice; events are marked ``user_notified`` only after the send."""

from __future__ import annotations

import asyncio
import hashlib
from collections import defaultdict
from datetime import UTC, datetime

import msgspec

from core.logging import get_logger
from core.types import AnalysisResult, ChangeEvent
from jobs.runtime import Runtime
from notify.mailer import idempotency_key
from notify.preferences import NotificationPreferences, delivery, digest_due
from notify.templates import (
    DigestItem,
    Email,
    Recipient,
    render_change_email,
    render_digest,
    render_reconnect_email,
    render_scan_failed_email,
)
from notify.unsubscribe import list_unsubscribe_headers, unsubscribe_url
from store import analyses, connections, events, notifications, profiles, web_accounts
from store.events import StoredEvent

log = get_logger(__name__)


class SentEmail(msgspec.Struct, kw_only=True):
    kind: str
    to: str
    subject: str
    text: str
    provider_id: str | None  # None when no mailer is configured (the e-mail is only rendered)


async def _recipient(rt: Runtime, user_id: str) -> Recipient:
    state = await web_accounts.account_state(await rt.db(), user_id)  # e-mails in the user's language
    return Recipient(email=state.email, name=state.name or "", user_id=user_id, language=state.locale or "en",
                     unsubscribe_url=unsubscribe_url(rt.settings.public_url, state.unsubscribe_token))


async def _preferences(rt: Runtime, user_id: str) -> NotificationPreferences:
    found = await notifications.get_preferences(await rt.db(), user_id)
    return msgspec.convert(found, NotificationPreferences, from_attributes=True)


async def _unsubscribe_headers(rt: Runtime, user_id: str) -> dict[str, str]:
    token = await web_accounts.unsubscribe_token_of(await rt.db(), user_id)
    return list_unsubscribe_headers(unsubscribe_url(rt.settings.public_url, token))


async def _deliver(rt: Runtime, user_id: str, kind: str, dedupe: str, to: str, email: Email) -> SentEmail | None:
    """Send once per (user, kind, dedupe). A claim left unconfirmed by a crash is sent again with the
    same idempotency key, which the provider deduplicates."""
    db = await rt.db()
    state = await notifications.send_state(db, user_id, kind, dedupe)
    if state == "sent":
        return None
    if state == "free" and not await notifications.claim_send(db, user_id, kind, dedupe):
        return None  # another worker claimed it a moment ago
    provider_id = None
    if rt.mailer is not None:
        try:
            provider_id = await asyncio.to_thread(
                rt.mailer.send, to, email, idempotency_key(kind, user_id, dedupe), {"kind": kind},
                await _unsubscribe_headers(rt, user_id))
        except Exception:
            await notifications.release_claim(db, user_id, kind, dedupe)
            raise
    await notifications.confirm_send(db, user_id, kind, dedupe, provider_id or "not-sent:no-mailer")
    log.info("email sent", kind=kind, user_id=user_id, configured=rt.mailer is not None)
    return SentEmail(kind=kind, to=to, subject=email.subject, text=email.text, provider_id=provider_id)


def _digest_key(batch: list[StoredEvent]) -> str:
    return hashlib.sha256(",".join(sorted(e.id for e in batch)).encode()).hexdigest()[:32]


async def _latest_analysis(rt: Runtime, user_id: str, connection_id: str | None) -> AnalysisResult | None:
    if connection_id is None:
        return None
    stored = await analyses.latest_analysis(await rt.db(), user_id, connection_id)
    return None if stored is None else stored.result()


async def notify_changes(rt: Runtime, user_id: str, now: datetime | None = None) -> list[SentEmail]:
    """E-mail the user's unnotified change events, by their preferences."""
    now = now or datetime.now(UTC)
    db = await rt.db()
    pending = await events.unnotified_events(db, user_id)
    if not pending:
        return []
    prefs = await _preferences(rt, user_id)
    mode = delivery(prefs, "change")
    if mode == "none":  # alerts are off: these events are settled, not saved for later
        await events.mark_notified(db, user_id, [e.id for e in pending])
        return []
    if mode == "digest" and not digest_due(prefs, await notifications.last_sent_at(db, user_id, "digest"), now):
        return []
    by_platform: dict[str, list[StoredEvent]] = defaultdict(list)
    for event in pending:
        by_platform[event.platform].append(event)
    to = await _recipient(rt, user_id)
    dashboard = f"{rt.settings.public_url}/dashboard"
    recs = prefs.recommendation_notifications
    sent: list[SentEmail] = []
    items = []
    for platform, batch in sorted(by_platform.items()):
        analysis = await _latest_analysis(rt, user_id, batch[0].connection_id)
        changes: list[ChangeEvent] = [e.to_change_event() for e in batch]
        items.append(DigestItem(platform=platform, changes=changes, analysis=analysis))
        if mode == "immediate":
            email = render_change_email(to, platform, changes, analysis, dashboard, with_recommendations=recs)
            mail = await _deliver(rt, user_id, "change", _digest_key(batch), to.email, email)
            sent += [mail] if mail else []
            await events.mark_notified(db, user_id, [e.id for e in batch])
    if mode == "digest":
        email = render_digest(to, items, dashboard, with_recommendations=recs)
        mail = await _deliver(rt, user_id, "digest", _digest_key(pending), to.email, email)
        sent += [mail] if mail else []
        await events.mark_notified(db, user_id, [e.id for e in pending])
    return sent


async def notify_reconnect(rt: Runtime, user_id: str, connection_id: str) -> SentEmail | None:
    """Once per expiry: the dedupe key is the session profile's hand-over time, which changes only
    when the user connects again."""
    db = await rt.db()
    connection = await connections.get_connection(db, user_id, connection_id)
    handed = {p.platform: p.updated_at for p in await profiles.list_profiles(db, user_id)}
    session_mark = handed.get(connection.platform)
    if delivery(await _preferences(rt, user_id), "reconnect") == "none":
        return None
    to = await _recipient(rt, user_id)
    email = render_reconnect_email(to, connection.platform, f"{rt.settings.public_url}/connections")
    dedupe = f"{connection_id}:{session_mark.isoformat() if session_mark else 'never-connected'}"
    return await _deliver(rt, user_id, "reconnect", dedupe, to.email, email)


async def notify_scan_failure(rt: Runtime, user_id: str, connection_id: str, reason: str) -> SentEmail | None:
    """At most one failure e-mail per connection per day."""
    db = await rt.db()
    connection = await connections.get_connection(db, user_id, connection_id)
    if delivery(await _preferences(rt, user_id), "scan_failure") == "none":
        return None
    to = await _recipient(rt, user_id)
    email = render_scan_failed_email(to, connection.platform, reason, f"{rt.settings.public_url}/dashboard")
    dedupe = f"{connection_id}:{datetime.now(UTC).date().isoformat()}"
    return await _deliver(rt, user_id, "scan_failure", dedupe, to.email, email)
