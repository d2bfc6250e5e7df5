"""`loopwho demo`: the whole loop on the local platform simulators.

Connects a demo user to Google, Facebook and Microsoft (the simulators' sign-in cookies, sealed as
the extension hand-off does), scans each in real Chromium, flips two settings on the simulators,
scans again, and prints the changes, the privacy score, the recommendations and the e-mail that was
sent (through the real resend SDK to a local stand-in). Uses the configured PostgreSQL and Redis-free
in-process chain (the same functions the rq tasks call)."""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import time
from typing import Any

import msgspec

PLATFORMS = ("google", "facebook", "microsoft")
# (platform, key, new value): one move toward privacy, one away from it
FLIPS = (("google", "web_app_activity", "off"), ("facebook", "future_posts_audience", "public"))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="scan the local platform simulators end to end and show what changed")
    p.add_argument("--json", action="store_true", help="print one JSON object instead of the report")
    p.set_defaults(func=run)


def _say(args: argparse.Namespace, text: str) -> None:
    print(text, file=sys.stderr if args.json else sys.stdout, flush=True)


async def run(args: argparse.Namespace) -> int:
    from core.settings import get_settings
    from jobs.runtime import Runtime
    from standins.platforms import Simulator
    from standins.resend import ResendStandin
    from store.migrate import apply_migrations

    settings = get_settings()
    _say(args, "loopwho demo: preparing the database")
    await apply_migrations(settings.database_url)
    with Simulator() as sim, ResendStandin(api_key="re_demo_local") as mail:
        os.environ.update({
            "LOOPWHO_BROWSER_RESOLVE_RULES": sim.resolve_rule(),
            "LOOPWHO_BROWSER_IGNORE_HTTPS_ERRORS": "true",
            "RESEND_API_KEY": mail.api_key,
            "LOOPWHO_RESEND_API_URL": mail.url,
        })
        get_settings.cache_clear()
        rt = Runtime(get_settings())
        try:
            report = await _demo(args, rt, sim, mail)
        finally:
            await rt.close()
    if args.json:
        print(msgspec.json.encode(report).decode())
    return 0


async def _demo(args: argparse.Namespace, rt: Any, sim: Any, mail: Any) -> dict[str, Any]:
    from api.auth.passwords import hash_password
    from jobs import notifications
    from profiles.sealing import seal_jar
    from store import connections, profiles, users, web_accounts

    db = await rt.db()
    account = f"demo{secrets.token_hex(3)}"
    password = secrets.token_urlsafe(12)  # printed at the end, to sign in to the web app
    user = await users.create_user(db, f"{account}@loopwho.local", name="Demo User",
                                   password_hash=await hash_password(password))
    await web_accounts.mark_email_verified(db, user.id)
    _say(args, f"signed in to the simulators as {account} and handed the sessions over (sealed with AES-256-GCM)")
    conns = {}
    for platform in PLATFORMS:
        jar = seal_jar(rt.keys, user.id, platform, sim.sign_in(platform, account))
        await profiles.save_profile(db, user.id, platform, cookie_jar_enc=jar.ciphertext, key_id=jar.key_id,
                                    cookie_count=jar.cookie_count)
        conns[platform] = (await connections.upsert_connection(db, user.id, platform)).id

    report: dict[str, Any] = {"user": user.email, "first_scan": {}, "second_scan": {}}
    _say(args, "\n== first scan (real Chromium, selector packs, OCR fallback)")
    for platform in PLATFORMS:
        outcome, result = await _scan(args, rt, user.id, conns[platform], platform)
        report["first_scan"][platform] = _summary(outcome, result)
        _print_readings(args, result)
        for doc in result.policies:
            _say(args, f"   policy: {doc.title or doc.key}: {len(doc.sections)} sections via {doc.method} "
                       f"({doc.status})")
        _say(args, f"   privacy score {outcome.analysis.privacy_score}/100" if outcome.analysis else "")

    _say(args, "\n== flipping two settings on the simulators")
    for platform, key, value in FLIPS:
        old = sim.get_settings(platform, account)[key]
        sim.set_setting(platform, account, key, value)
        _say(args, f"   {platform}: {key} {old} -> {value}")
    sim.publish_policy("google", "We now keep location history for 36 months.")
    rt.policy_cache.clear()  # the worker would refetch after policy_refresh_s; the demo does not wait
    _say(args, "   google: a new version of the privacy policy is published")

    _say(args, "\n== second scan")
    for platform in PLATFORMS:
        outcome, result = await _scan(args, rt, user.id, conns[platform], platform)
        report["second_scan"][platform] = _summary(outcome, result)
        if outcome.unchanged:
            _say(args, "   unchanged: same settings, same snapshot hash; the chain stopped early")
            continue
        _print_changes(args, rt, outcome)

    sent = await notifications.notify_changes(rt, user.id)
    report["emails"] = [{"to": m.to, "subject": m.subject, "text": m.text} for m in sent]
    _say(args, f"\n== e-mail sent through the resend SDK to the local stand-in ({len(mail.sent)} message)")
    for m in mail.sent:
        _say(args, f"To: {', '.join(m.to)}\nSubject: {m.subject}\n\n{m.text}")
    _say(args, f"snapshots are in {rt.settings.blob_dir}/privacy-data/{user.id}/")
    base = rt.settings.public_url.rstrip("/")
    report["dashboard"] = {"url": f"{base}/dashboard", "sign_in": f"{base}/signin?next=/dashboard",
                           "email": user.email, "password": password}
    _say(args, "\n== see it in the browser\n"
               "   run the web app (another terminal):  source .loopwho/env && loopwho serve\n"
               f"   open {base}/signin?next=/dashboard\n"
               f"   and sign in as {user.email} with the password {password}")
    return report


async def _scan(args: argparse.Namespace, rt: Any, user_id: str, connection_id: str, platform: str) -> Any:
    from jobs import pipeline
    from store import jobs as scan_jobs

    job, _ = await scan_jobs.create_job(await rt.db(), user_id, connection_id, trigger="api")
    t0 = time.monotonic()
    result = await pipeline.scan_for_job(rt, job.id)
    outcome = await pipeline.process_scan(rt, job.id, result)
    _say(args, f"-- {platform}: {result.status}, {len(result.readings)} settings read in "
               f"{time.monotonic() - t0:.1f}s (pack {result.pack_version}, {result.blocked_requests} "
               "off-allowlist requests blocked)")
    return outcome, result


def _summary(outcome: Any, result: Any) -> dict[str, Any]:
    return {
        "status": result.status, "pack_version": result.pack_version, "unchanged": outcome.unchanged,
        "readings": [{"key": r.key, "value": r.value, "method": r.method, "confidence": round(r.confidence, 2)}
                     for r in result.readings],
        "events": outcome.events,
        "privacy_score": outcome.analysis.privacy_score if outcome.analysis else None,
        "recommendations": [msgspec.to_builtins(r) for r in outcome.analysis.recommendations]
        if outcome.analysis else [],
    }


def _print_readings(args: argparse.Namespace, result: Any) -> None:
    for r in result.readings:
        _say(args, f"   {r.label[:72]:<72} {r.value!s:<20} {r.method:<4} {r.confidence:.2f}")


def _print_changes(args: argparse.Namespace, rt: Any, outcome: Any) -> None:
    analysis = outcome.analysis
    _say(args, f"   {outcome.events} change(s); privacy score now {analysis.privacy_score}/100 ({analysis.analyser})")
    for e in analysis.explanations:
        _say(args, f"   - {e.setting_key}: {e.explanation}")
    for rec in analysis.recommendations[:3]:
        _say(args, f"   recommended: {rec.action} ({rec.priority}) at {rec.where}")
