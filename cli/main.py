"""Entry point of the `loopwho` command. Commands live in ``cli/commands/``, one module each, and are
found by name, so adding a command never touches this file."""

from __future__ import annotations

import argparse
import asyncio
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

import cli.commands
from core.errors import LoopwhoError
from core.logging import scrub_text


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="loopwho",
        description="Watch your privacy settings on Google, Facebook and Microsoft.",
    )
    parser.add_argument("--log-level", default=os.environ.get("LOOPWHO_LOG_LEVEL", "WARNING"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)
    for info in sorted(pkgutil.iter_modules(cli.commands.__path__), key=lambda m: m.name):
        module = importlib.import_module(f"cli.commands.{info.name}")
        module.register(sub)
    return parser


def _connection_refused(exc: BaseException) -> bool:
    return isinstance(exc, ConnectionRefusedError | OSError) and not isinstance(exc, FileNotFoundError)


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    from core.logging import configure_logging

    configure_logging(args.log_level, json=not sys.stderr.isatty())
    try:
        result = args.func(args)
        if asyncio.iscoroutine(result):
            result = asyncio.run(result)
        return int(result or 0)
    except KeyboardInterrupt:
        return 130
    except LoopwhoError as exc:
        print(f"loopwho: error: {scrub_text(str(exc))}", file=sys.stderr)
        return 2
    except Exception as exc:  # one clear line for the failures a person can fix
        if _connection_refused(exc) or type(exc).__module__.startswith(("asyncpg", "redis")):
            print(f"loopwho: error: cannot reach a required service: {scrub_text(str(exc))}", file=sys.stderr)
            return 2
        raise


if __name__ == "__main__":
    sys.exit(main())
