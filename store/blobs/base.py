"""The blob store interface and the key rules every backend shares."""

from __future__ import annotations

import re
from typing import Protocol, runtime_checkable

from core.errors import LoopwhoError

# keys are relative, slash-separated, of plain characters; no '.' or '..' segments
_SEGMENT = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._@+=-]*$")
MAX_KEY_LENGTH = 512


class BlobStoreError(LoopwhoError):
    """Blob storage is unreachable, refused a request, or was asked for a bad key."""


def validate_key(key: str, *, prefix: bool = False) -> str:
    """Return the key when it is safe; BlobStoreError otherwise. A prefix may be '' or end in '/'."""
    if prefix and key == "":
        return key
    body = key[:-1] if prefix and key.endswith("/") else key
    if len(key) > MAX_KEY_LENGTH or not body or not all(_SEGMENT.match(s) for s in body.split("/")):
        raise BlobStoreError(f"bad blob key {key[:80]!r}: use relative paths of letters, digits, '._-'")
    return key


@runtime_checkable
class BlobStore(Protocol):
    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None: ...

    def get(self, key: str) -> bytes:
        """The blob's bytes; core.errors.NotFound when there is none."""
        ...

    def exists(self, key: str) -> bool: ...

    def list(self, prefix: str = "") -> list[str]:
        """Keys starting with ``prefix``, sorted."""
        ...

    def delete(self, key: str) -> None:
        """Delete one blob; deleting a missing blob is not an error."""
        ...

    def delete_prefix(self, prefix: str) -> int:
        """Delete every blob under ``prefix`` (a user's data on erasure); returns how many."""
        ...

    def check(self) -> None:
        """Raise BlobStoreError naming the problem when the store cannot be written and read."""
        ...
