"""Migrations: applied once, in order, safely in parallel; a changed or broken file is reported."""

from __future__ import annotations

import asyncio
from pathlib import Path

import asyncpg
import pytest

from core.errors import ConfigError
from store.migrate import apply_migrations, discover
from store.partitions import timeseries_layout


async def test_applied_twice_second_time_applies_nothing(new_database) -> None:
    url = await new_database()
    first = await apply_migrations(url)
    expected = [m.name for m in discover()]
    assert first == expected
    assert first[:3] == ["0001_core", "0002_accounts_and_operations", "0003_timeseries"]
    assert await apply_migrations(url) == []
    conn = await asyncpg.connect(url)
    try:
        recorded = [r["name"] for r in await conn.fetch("SELECT name FROM schema_migrations ORDER BY name")]
        slugs = [r["slug"] for r in await conn.fetch("SELECT slug FROM privacy_platforms ORDER BY slug")]
    finally:
        await conn.close()
    assert recorded == expected
    assert slugs == ["facebook", "google", "microsoft"]


async def test_two_processes_migrating_at_once_apply_each_file_once(new_database) -> None:
    url = await new_database()
    a, b = await asyncio.gather(apply_migrations(url), apply_migrations(url))
    assert sorted(a + b) == [m.name for m in discover()]
    assert not set(a) & set(b)


async def test_edited_migration_is_refused(new_database, tmp_path: Path) -> None:
    url = await new_database()
    (tmp_path / "0001_first.sql").write_text("CREATE TABLE t (id int);")
    assert await apply_migrations(url, tmp_path) == ["0001_first"]
    (tmp_path / "0001_first.sql").write_text("CREATE TABLE t (id bigint);")
    with pytest.raises(ConfigError, match="0001_first changed after it was applied"):
        await apply_migrations(url, tmp_path)


async def test_broken_migration_rolls_back_and_names_itself(new_database, tmp_path: Path) -> None:
    url = await new_database()
    (tmp_path / "0001_good.sql").write_text("CREATE TABLE good (id int);")
    (tmp_path / "0002_bad.sql").write_text("CREATE TABLE half (id int); SELECT * FROM missing_table;")
    with pytest.raises(ConfigError, match="migration 0002_bad failed"):
        await apply_migrations(url, tmp_path)
    conn = await asyncpg.connect(url)
    try:
        assert await conn.fetchval("SELECT to_regclass('half') IS NULL")
        assert await conn.fetchval("SELECT to_regclass('good') IS NOT NULL")
        assert [r["name"] for r in await conn.fetch("SELECT name FROM schema_migrations")] == ["0001_good"]
    finally:
        await conn.close()


def test_badly_named_file_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "1_oops.sql").write_text("SELECT 1;")
    with pytest.raises(ConfigError, match="NNNN_lower_snake"):
        discover(tmp_path)


async def test_time_series_layout_matches_the_server(pool) -> None:
    has_timescale = await pool.fetchval(
        "SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'timescaledb') "
        "AND current_setting('shared_preload_libraries') ILIKE '%timescaledb%'")
    assert await timeseries_layout(pool) == ("hypertable" if has_timescale else "partitioned")
