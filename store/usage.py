"""What a user used: scan charges and refunds in the credits ledger (one charge per scan job, keyed
by the job id, so a retried job is charged once) and the day's manual scans."""

from __future__ import annotations

from datetime import datetime

from store.db import Conn, as_uuid

SCAN_CHARGE = "scan"
SCAN_REFUND = "scan_refund"


def charge_key(job_id: str) -> str:
    return f"scan:{job_id}:charge"


async def charge_scan(conn: Conn, user_id: str, job_id: str, cost: int) -> bool:
    """Take ``cost`` credits for this scan job; False when it was charged before."""
    got = await conn.fetchval(
        "INSERT INTO credits_ledger (user_id, delta, reason, idempotency_key) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
        as_uuid(user_id, "user id"), -cost, SCAN_CHARGE, charge_key(job_id))
    return got is not None


async def refund_scan(conn: Conn, job_id: str) -> bool:
    """Give a charged scan's credits back, once (the same entry the failed-job trigger writes)."""
    got = await conn.fetchval(
        "INSERT INTO credits_ledger (user_id, delta, reason, idempotency_key) "
        "SELECT user_id, -delta, $2, 'scan:' || $1 || ':refund' FROM credits_ledger "
        "WHERE idempotency_key = $3 ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
        str(as_uuid(job_id, "job id")), SCAN_REFUND, charge_key(job_id))
    return got is not None


async def manual_scans_since(conn: Conn, user_id: str, since: datetime) -> int:
    """Server scans the user asked for ("scan now") since ``since``; failed ones do not count."""
    return int(await conn.fetchval(
        "SELECT count(*) FROM scan_jobs WHERE user_id = $1 AND trigger IN ('api', 'extension') "
        "AND submitted_result IS NULL AND status <> 'failed' AND created_at >= $2",
        as_uuid(user_id, "user id"), since))


async def scans_charged_since(conn: Conn, user_id: str, since: datetime) -> int:
    """Scans charged and not refunded since ``since`` (usage of the period)."""
    return int(await conn.fetchval(
        "SELECT count(*) FILTER (WHERE reason = $2) - count(*) FILTER (WHERE reason = $3) "
        "FROM credits_ledger WHERE user_id = $1 AND created_at >= $4",
        as_uuid(user_id, "user id"), SCAN_CHARGE, SCAN_REFUND, since))
