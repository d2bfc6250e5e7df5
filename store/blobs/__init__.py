"""Blob storage behind one interface: a local folder (default) or S3 / Cloudflare R2 (boto3).

The interface is synchronous (boto3 is); async callers wrap calls in ``asyncio.to_thread``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from store.blobs.base import BlobStore, BlobStoreError, validate_key
from store.blobs.keys import free_snapshot_key, snapshot_key
from store.blobs.local import LocalBlobStore

if TYPE_CHECKING:
    from store.blobs.s3 import S3BlobStore

__all__ = [
    "BlobStore", "BlobStoreError", "LocalBlobStore", "S3BlobStore", "blob_store_from_settings",
    "free_snapshot_key", "snapshot_key", "validate_key",
]


def __getattr__(name: str) -> Any:
    # boto3 (~18 MiB) is imported on first use of the S3 store, not by every process using local blobs
    if name == "S3BlobStore":
        from store.blobs.s3 import S3BlobStore

        return S3BlobStore
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def blob_store_from_settings(settings: object) -> BlobStore:
    """The store the settings name (``blob_backend``: 'local' or 's3')."""
    from core.errors import ConfigError

    backend = getattr(settings, "blob_backend", "local")
    if backend == "local":
        return LocalBlobStore(settings.blob_dir)  # type: ignore[attr-defined]
    if backend == "s3":
        from store.blobs.s3 import S3BlobStore

        return S3BlobStore(
            bucket=settings.s3_bucket,  # type: ignore[attr-defined]
            endpoint_url=settings.s3_endpoint_url,  # type: ignore[attr-defined]
            region=settings.s3_region,  # type: ignore[attr-defined]
            key=settings.s3_access_key_id,  # type: ignore[attr-defined]
            secret=settings.s3_secret_access_key,  # type: ignore[attr-defined]
        )
    raise ConfigError(f"blob_backend must be 'local' or 's3', not {backend!r}")
