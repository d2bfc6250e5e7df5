"""`loopwho extension build --server URL --out DIR` (a store-ready zip) and `loopwho extension icons`."""

from __future__ import annotations

import argparse
from pathlib import Path


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("extension", help="build the browser extension's store zip, or redraw its icons")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True)
    build = actions.add_parser("build", help="write a store-ready zip for one loopwho server")
    build.add_argument("--server", required=True, help="the loopwho server, https://... (no loopback)")
    build.add_argument("--out", required=True, type=Path, help="folder to write the zip into")
    build.set_defaults(func=run_build)
    icons = actions.add_parser("icons", help="redraw extension/icons/icon-{16,32,48,128}.png")
    icons.set_defaults(func=run_icons)


def run_build(args: argparse.Namespace) -> int:
    from cli.extension_build import build_extension

    print(build_extension(args.server, args.out))
    return 0


def run_icons(args: argparse.Namespace) -> int:
    from cli.extension_build import draw_icons

    for path in draw_icons():
        print(path)
    return 0
