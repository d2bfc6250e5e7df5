"""`loopwho migrate` as a person runs it: idempotent, and one clear line when the database is away."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import free_port


def _loopwho(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "cli.main", *args], capture_output=True, text=True,
                          timeout=60)


def test_migrate_on_a_dead_port_prints_one_error_line() -> None:
    out = _loopwho("migrate", "--database-url", f"postgresql://postgres:s3cr3tpass@127.0.0.1:{free_port()}/x")
    assert out.returncode == 2
    lines = out.stderr.strip().splitlines()
    assert len(lines) == 1, out.stderr
    assert lines[0].startswith("loopwho: error: cannot reach the database at 127.0.0.1:")
    assert "Traceback" not in out.stderr and "s3cr3tpass" not in out.stderr


async def test_migrate_applies_then_reports_up_to_date(new_database) -> None:
    url = await new_database()
    first = _loopwho("migrate", "--database-url", url)
    assert first.returncode == 0, first.stderr
    assert "applied 0001_core" in first.stdout and "applied 0003_timeseries" in first.stdout
    second = _loopwho("migrate", "--database-url", url)
    assert second.returncode == 0, second.stderr
    assert second.stdout.strip() == "database is up to date"


def test_report_rejects_a_bad_user_id_in_one_line() -> None:
    out = _loopwho("report", "--database-url", "postgresql://postgres@127.0.0.1:1/x", "changes",
                   "--user", "not-a-uuid")
    assert out.returncode == 2
    assert out.stderr.strip() == "loopwho: error: user id 'not-a-uuid' is not a valid UUID"
