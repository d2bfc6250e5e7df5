"""Plain-SQL migrations from ``store/migrations/NNNN_name.sql``, applied in order, each in its own
transaction, recorded in ``schema_migrations``. A PostgreSQL advisory lock makes concurrent runs
(two workers starting at once) safe: the second waits, then finds nothing left to do.

Numbering: 0001-0099 base schema (store), 0100+ API/auth, 0200+ selector packs. A statement that
cannot run inside a transaction (CREATE INDEX CONCURRENTLY) does not belong in a migration here.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from core.errors import ConfigError
from store.db import connect

MIGRATIONS_DIR = Path(__file__).parent / "migrations"
_NAME = re.compile(r"^\d{4}_[a-z0-9_]+\.sql$")
# pg_advisory_lock key: any constant bigint; this one spells "loopwho" in ASCII hex
_LOCK_KEY = 0x6C6F6F7077686F


@dataclass(frozen=True)
class Migration:
    name: str  # file name without .sql, e.g. "0001_core"
    sql: str

    @property
    def checksum(self) -> str:
        return hashlib.sha256(self.sql.encode()).hexdigest()


def discover(directory: Path = MIGRATIONS_DIR) -> list[Migration]:
    """Every migration file, in order. A badly named .sql file is an error, not silently skipped."""
    found: list[Migration] = []
    for path in sorted(directory.glob("*.sql")):
        if not _NAME.match(path.name):
            raise ConfigError(f"migration file {path.name} must be named NNNN_lower_snake.sql")
        found.append(Migration(path.stem, path.read_text()))
    numbers = [m.name[:4] for m in found]
    duplicates = sorted({n for n in numbers if numbers.count(n) > 1})
    if duplicates:
        raise ConfigError(f"two migrations share the number(s) {', '.join(duplicates)}")
    return found


_CREATE_TABLE = """
CREATE TABLE IF NOT EXISTS schema_migrations (
    name       text PRIMARY KEY,
    checksum   varchar(64) NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
)"""


async def apply_migrations(dsn: str, directory: Path = MIGRATIONS_DIR) -> list[str]:
    """Apply the migrations not applied yet; return their names (empty when up to date)."""
    migrations = discover(directory)
    conn = await connect(dsn)
    applied_now: list[str] = []
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", _LOCK_KEY)
        try:
            await conn.execute(_CREATE_TABLE)
            done = {r["name"]: r["checksum"] for r in await conn.fetch(
                "SELECT name, checksum FROM schema_migrations")}
            for migration in migrations:
                if migration.name in done:
                    if done[migration.name] != migration.checksum:
                        raise ConfigError(
                            f"migration {migration.name} changed after it was applied; "
                            "add a new migration instead of editing an applied one"
                        )
                    continue
                async with conn.transaction():
                    try:
                        await conn.execute(migration.sql)
                    except Exception as exc:
                        raise ConfigError(f"migration {migration.name} failed: {exc}") from exc
                    await conn.execute(
                        "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)",
                        migration.name, migration.checksum,
                    )
                applied_now.append(migration.name)
        finally:
            await conn.execute("SELECT pg_advisory_unlock($1)", _LOCK_KEY)
    finally:
        await conn.close()
    return applied_now
