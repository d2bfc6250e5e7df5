"""Connections to PostgreSQL: a pool with JSON codecs, and one clear error when the server is away."""

from __future__ import annotations

import json
import urllib.parse
import uuid
from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import asyncpg
import msgspec

from core.errors import ConfigError, InvalidInput

CONNECT_TIMEOUT_S = 10.0
S = TypeVar("S", bound=msgspec.Struct)
# repositories accept a connection (inside a transaction) or a pool alike; other rooms name these
# types from here (asyncpg itself is imported by store/ only: an import contract)
Pool = asyncpg.Pool
Connection = asyncpg.Connection
Conn = Connection | Pool


def describe_dsn(dsn: str) -> str:
    """host:port/database of a DSN, without user or password, for error messages."""
    parts = urllib.parse.urlsplit(dsn)
    host = parts.hostname or "localhost"
    port = parts.port or 5432
    return f"{host}:{port}{parts.path or '/'}"


class DatabaseUnreachable(ConfigError):
    """The database server cannot be reached (down, restarting, wrong DATABASE_URL)."""


def _unreachable(dsn: str, exc: BaseException) -> ConfigError:
    reason = type(exc).__name__ if not str(exc) else str(exc).splitlines()[0]
    return DatabaseUnreachable(
        f"cannot reach the database at {describe_dsn(dsn)} ({reason}); "
        "is PostgreSQL running, and is DATABASE_URL right?"
    )


async def init_connection(conn: asyncpg.Connection) -> None:
    """json/jsonb columns come and go as Python objects."""
    for name in ("json", "jsonb"):
        await conn.set_type_codec(
            name, schema="pg_catalog", encoder=json.dumps, decoder=json.loads, format="text"
        )


async def connect(dsn: str) -> asyncpg.Connection:
    """One connection with the JSON codecs; ConfigError (one line) when the server is unreachable."""
    try:
        conn = await asyncpg.connect(dsn, timeout=CONNECT_TIMEOUT_S)
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        raise _unreachable(dsn, exc) from None
    await init_connection(conn)
    return conn


async def connect_pool(dsn: str, min_size: int = 1, max_size: int = 10) -> asyncpg.Pool:
    """A pool whose connections have the JSON codecs; ConfigError when the server is unreachable."""
    try:
        pool = await asyncpg.create_pool(
            dsn, min_size=min_size, max_size=max_size, init=init_connection, timeout=CONNECT_TIMEOUT_S
        )
    except (OSError, TimeoutError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
        raise _unreachable(dsn, exc) from None
    assert pool is not None
    return pool


# errors that mean "the database is away or overloaded right now" (a restart, a dropped connection,
# too many clients), as opposed to a bad query: callers answer 503 / back off and try again
_UNAVAILABLE: tuple[type[BaseException], ...] = (
    OSError,
    TimeoutError,
    asyncpg.PostgresConnectionError,
    asyncpg.OperatorInterventionError,  # admin / crash shutdown, cannot connect now
    asyncpg.InsufficientResourcesError,  # too many connections, disk full
    asyncpg.InterfaceError,  # the connection closed under a query, pool closing
)


def database_unavailable(exc: BaseException) -> bool:
    """True when ``exc`` says the database cannot be reached or cannot serve right now."""
    return isinstance(exc, (DatabaseUnreachable, *_UNAVAILABLE))


def record_struct(record: Mapping[str, Any], kind: type[S]) -> S:
    """A record as the Struct ``kind``, UUIDs as strings (the cross-room types carry ids as str).
    Values come as asyncpg decoded them (datetime, date, bytes, JSON already parsed), so the
    conversion is strict: a column whose type drifts from the Struct fails here, not in a caller."""
    return msgspec.convert(
        {k: (str(v) if isinstance(v, uuid.UUID) else v) for k, v in record.items()}, kind)


def record_structs(records: Iterable[Mapping[str, Any]], kind: type[S]) -> list[S]:
    return [record_struct(r, kind) for r in records]


def maybe_struct(record: Mapping[str, Any] | None, kind: type[S]) -> S | None:
    """``record_struct`` for a query that may find nothing."""
    return None if record is None else record_struct(record, kind)


def as_uuid(value: str | uuid.UUID, what: str = "id") -> uuid.UUID:
    """Parse an id given by a person or a client; InvalidInput-style error instead of a traceback."""
    if isinstance(value, uuid.UUID):
        return value
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise InvalidInput(f"{what} {value!r} is not a valid UUID") from None
