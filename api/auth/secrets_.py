"""Random secrets handed to clients and the hashes kept of them."""

from __future__ import annotations

import hashlib
import secrets

# no 0/O, 1/I/L: a pairing code is read off one screen and typed into another
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
API_KEY_PREFIX = "lw_"


def sha256_hex(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()


def new_pairing_code(length: int = 8) -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(length))
    return f"{raw[:4]}-{raw[4:]}"


def normalise_pairing_code(code: str) -> str:
    raw = "".join(ch for ch in code.upper() if ch.isalnum())
    return f"{raw[:4]}-{raw[4:]}"


def new_refresh_token() -> str:
    return "lwr_" + secrets.token_urlsafe(32)


def new_api_key() -> tuple[str, str]:
    """(key, prefix): the key is shown once; the prefix tells a user's keys apart."""
    prefix = secrets.token_hex(4)
    return f"{API_KEY_PREFIX}{prefix}_{secrets.token_urlsafe(32)}", prefix
