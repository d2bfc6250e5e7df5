"""Fixtures for the pack lifecycle: clean pack tables around every test (a platform left on pack 2
would break every other room's scans in the same session), selector packs as text, the simulators,
the Resend stand-in, a Runtime pointed at them, and a way to run `loopwho packs ...` as an operator."""

from __future__ import annotations

import asyncio
import os
import sys
from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import msgspec
import pytest

from jobs.runtime import Runtime
from standins.platforms import Simulator
from standins.resend import ResendStandin
from tests.jobs.conftest import worker_runtime

ROOT = Path(__file__).resolve().parents[2]
PACK_TABLES = "selector_packs, pack_activations, pack_scan_health, platform_pack_health"


async def _clear(database_url: str) -> None:
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute(f"TRUNCATE {PACK_TABLES}")
    finally:
        await conn.close()


@pytest.fixture(autouse=True)
async def clean_pack_tables(database_url: str) -> AsyncIterator[None]:
    await _clear(database_url)
    yield
    await _clear(database_url)


def pack_text(platform: str, version: str = "1", *, draft: bool = False) -> str:
    folder = ROOT / "selectors" / platform / ("drafts" if draft else "")
    return (folder / f"{version}.yaml").read_text(encoding="utf-8")


def renumbered(text: str, version: str) -> str:
    """Pack 1's text as another version (same settings): a stand-in for an operator's new pack."""
    assert 'version: "1"' in text
    return text.replace('version: "1"', f'version: "{version}"', 1)


@pytest.fixture
async def runtime(settings_env, simulator: Simulator, resend_standin: ResendStandin,
                  monkeypatch) -> AsyncIterator[Runtime]:
    """A worker's runtime; health windows small enough for a test to walk through a redesign."""
    rt = worker_runtime(monkeypatch, simulator, resend_standin,
                        LOOPWHO_PACK_HEALTH_WINDOW="4", LOOPWHO_PACK_HEALTH_MIN_SCANS="3")
    yield rt
    await rt.close()


class CliRun(msgspec.Struct):
    code: int
    out: str
    err: str


CLI_TIMEOUT_S = 180


async def loopwho(*args: str) -> CliRun:
    """Run the real `loopwho` command (a new process, the environment of the test)."""
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "cli.main", *args, cwd=ROOT, env=dict(os.environ),
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
    out, err = await asyncio.wait_for(proc.communicate(), CLI_TIMEOUT_S)
    return CliRun(code=proc.returncode or 0, out=out.decode(), err=err.decode())
