"""`loopwho keygen`: print a new AES-256 key for LOOPWHO_ENCRYPTION_KEYS."""

from __future__ import annotations

import argparse

from core.crypto import generate_key


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("keygen", help="print a new encryption key entry (kid:base64key)")
    p.add_argument("--kid", default="k1", help="key id to prefix (letters and digits)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    print(f"{args.kid}:{generate_key()}")
    return 0
