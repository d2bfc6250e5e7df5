"""Blobs in an S3-compatible bucket (AWS S3, Cloudflare R2, moto_server) through boto3."""

from __future__ import annotations

import threading

import boto3
import botocore.exceptions
from botocore.config import Config

from core.errors import NotFound
from store.blobs.base import BlobStoreError, validate_key

_TIMEOUTS = Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 3})
MAX_DELETE_BATCH = 1000  # DeleteObjects takes at most 1000 keys


class S3BlobStore:
    def __init__(
        self, bucket: str, endpoint_url: str | None = None, region: str = "auto",
        key: str | None = None, secret: str | None = None, delete_batch: int = MAX_DELETE_BATCH,
    ) -> None:
        self.bucket = bucket
        self.delete_batch = max(1, min(delete_batch, MAX_DELETE_BATCH))
        self.endpoint_url = endpoint_url
        self.region = region or "auto"  # "auto" is R2's region name
        self._client = boto3.client(
            "s3", endpoint_url=endpoint_url, region_name=self.region,
            aws_access_key_id=key, aws_secret_access_key=secret, config=_TIMEOUTS,
        )
        self._bucket_ready = False
        self._lock = threading.Lock()

    def __repr__(self) -> str:  # no credentials
        return f"S3BlobStore(bucket={self.bucket!r}, endpoint_url={self.endpoint_url!r})"

    def _fail(self, exc: Exception, doing: str) -> BlobStoreError:
        if isinstance(exc, botocore.exceptions.ClientError):
            code = exc.response.get("Error", {}).get("Code", "error")
            return BlobStoreError(f"S3 bucket {self.bucket}: {doing} failed ({code})")
        return BlobStoreError(f"S3 at {self.endpoint_url or 'AWS'} unreachable while {doing}: "
                              f"{type(exc).__name__}")

    def _ensure_bucket(self) -> None:
        """Create the bucket on first use when it is missing."""
        if self._bucket_ready:
            return
        with self._lock:
            if self._bucket_ready:
                return
            try:
                self._client.head_bucket(Bucket=self.bucket)
            except botocore.exceptions.ClientError as exc:
                if exc.response.get("Error", {}).get("Code") not in ("404", "NoSuchBucket", "NotFound"):
                    raise self._fail(exc, "checking the bucket") from None
                try:
                    self._client.create_bucket(Bucket=self.bucket, **self._location())
                except botocore.exceptions.ClientError as create_exc:
                    code = create_exc.response.get("Error", {}).get("Code")
                    if code not in ("BucketAlreadyOwnedByYou", "BucketAlreadyExists"):
                        raise self._fail(create_exc, "creating the bucket") from None
            except botocore.exceptions.BotoCoreError as exc:
                raise self._fail(exc, "checking the bucket") from None
            self._bucket_ready = True

    def _location(self) -> dict[str, dict[str, str]]:
        # us-east-1 and R2's "auto" take no LocationConstraint; other AWS regions require one
        if self.region in ("us-east-1", "auto"):
            return {}
        return {"CreateBucketConfiguration": {"LocationConstraint": self.region}}

    def put(self, key: str, data: bytes, content_type: str = "application/octet-stream") -> None:
        validate_key(key)
        self._ensure_bucket()
        try:
            self._client.put_object(Bucket=self.bucket, Key=key, Body=data, ContentType=content_type)
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as exc:
            raise self._fail(exc, f"writing {key}") from None

    def get(self, key: str) -> bytes:
        validate_key(key)
        self._ensure_bucket()
        try:
            return self._client.get_object(Bucket=self.bucket, Key=key)["Body"].read()
        except botocore.exceptions.ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("NoSuchKey", "404"):
                raise NotFound(f"no blob {key}") from None
            raise self._fail(exc, f"reading {key}") from None
        except botocore.exceptions.BotoCoreError as exc:
            raise self._fail(exc, f"reading {key}") from None

    def exists(self, key: str) -> bool:
        validate_key(key)
        self._ensure_bucket()
        try:
            self._client.head_object(Bucket=self.bucket, Key=key)
            return True
        except botocore.exceptions.ClientError as exc:
            if exc.response.get("Error", {}).get("Code") in ("404", "NoSuchKey", "NotFound"):
                return False
            raise self._fail(exc, f"checking {key}") from None
        except botocore.exceptions.BotoCoreError as exc:
            raise self._fail(exc, f"checking {key}") from None

    def list(self, prefix: str = "") -> list[str]:
        validate_key(prefix, prefix=True)
        self._ensure_bucket()
        keys: list[str] = []
        try:
            for page in self._client.get_paginator("list_objects_v2").paginate(
                    Bucket=self.bucket, Prefix=prefix):
                keys.extend(obj["Key"] for obj in page.get("Contents", []))
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as exc:
            raise self._fail(exc, "listing") from None
        return sorted(keys)

    def delete(self, key: str) -> None:
        validate_key(key)
        self._ensure_bucket()
        try:
            self._client.delete_object(Bucket=self.bucket, Key=key)
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as exc:
            raise self._fail(exc, f"deleting {key}") from None

    def delete_prefix(self, prefix: str) -> int:
        keys = self.list(prefix)
        try:
            for start in range(0, len(keys), self.delete_batch):
                batch = [{"Key": k} for k in keys[start:start + self.delete_batch]]
                self._client.delete_objects(Bucket=self.bucket, Delete={"Objects": batch, "Quiet": True})
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as exc:
            raise self._fail(exc, f"deleting under {prefix}") from None
        return len(keys)

    def check(self) -> None:
        self._bucket_ready = False  # re-check the bucket itself, not a cached answer
        self._ensure_bucket()
        try:
            self._client.list_objects_v2(Bucket=self.bucket, MaxKeys=1)
        except (botocore.exceptions.ClientError, botocore.exceptions.BotoCoreError) as exc:
            raise self._fail(exc, "listing") from None
