"""Plans as data: ``billing/plans.yaml`` (or the file ``LOOPWHO_PLANS_FILE`` names) says what each plan
lets the service do: how often it scans, how many platforms, how many "scan now" a day, credits a
month, how long history is kept. Loaded and checked once per path; a bad file is one clear error."""

from __future__ import annotations

import functools
import os
from pathlib import Path

import msgspec

from core.errors import ConfigError

DEFAULT_PLANS_FILE = Path(__file__).with_name("plans.yaml")
PLANS_FILE_ENV = "LOOPWHO_PLANS_FILE"


class Plan(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    name: str
    title: str
    scan_interval_s: int  # the scheduler scans each connection of the plan this often
    platforms: int  # connected platforms allowed at once
    scan_now_per_day: int  # manual scans a UTC day
    credits_per_month: int  # granted each month (each paid period for a subscription plan)
    retention_days: int  # snapshots, change events and blobs older than this are deleted
    members: int = 1


class PlanBook(msgspec.Struct, kw_only=True, frozen=True, forbid_unknown_fields=True):
    default_plan: str
    subscription_plan: str
    scan_credit_cost: int
    grace_days: int
    retention_notice_days: int
    paused_recheck_s: int
    plans: list[Plan]

    def get(self, name: str | None) -> Plan:
        """The named plan; the default plan for None or a name no longer in the file."""
        by_name = {p.name: p for p in self.plans}
        return by_name.get(name or "", by_name[self.default_plan])

    @property
    def longest_retention_days(self) -> int:
        return max(p.retention_days for p in self.plans)


def _check(book: PlanBook, source: str) -> PlanBook:
    names = [p.name for p in book.plans]
    problems = []
    if len(set(names)) != len(names):
        problems.append("plan names repeat")
    for wanted in ("default_plan", "subscription_plan"):
        if getattr(book, wanted) not in names:
            problems.append(f"{wanted} {getattr(book, wanted)!r} is not a plan")
    for p in book.plans:
        if min(p.scan_interval_s, p.platforms, p.retention_days, p.members) < 1 or \
                min(p.scan_now_per_day, p.credits_per_month) < 0:
            problems.append(f"plan {p.name!r} has a limit below its minimum")
    if min(book.scan_credit_cost, book.grace_days, book.retention_notice_days) < 0 or book.paused_recheck_s < 1:
        problems.append("a policy number is negative")
    if problems:
        raise ConfigError(f"plans file {source}: {'; '.join(problems)}")
    return book


@functools.cache
def _load(path: str) -> PlanBook:
    try:
        raw = Path(path).read_bytes()
    except OSError as exc:
        raise ConfigError(f"cannot read the plans file {path}: {exc.strerror}") from None
    try:
        book = msgspec.yaml.decode(raw, type=PlanBook)
    except msgspec.ValidationError as exc:
        raise ConfigError(f"plans file {path}: {exc}") from None
    except msgspec.DecodeError:
        raise ConfigError(f"plans file {path} is not valid YAML") from None
    return _check(book, path)


def load_plans(path: str | os.PathLike[str] | None = None) -> PlanBook:
    """The plan book from ``path``, else ``LOOPWHO_PLANS_FILE``, else the bundled plans.yaml."""
    return _load(str(path or os.environ.get(PLANS_FILE_ENV) or DEFAULT_PLANS_FILE))
