"""Blob storage: the same behaviour from a local folder and from S3 (a real moto_server process)."""

from __future__ import annotations

import os
import secrets
from datetime import UTC, date, datetime

import boto3
import pytest

from core.errors import NotFound
from core.settings import load_settings
from store.blobs import (
    BlobStoreError,
    LocalBlobStore,
    S3BlobStore,
    blob_store_from_settings,
    free_snapshot_key,
    snapshot_key,
)

CREDS = {"key": "testing", "secret": "testing", "region": "us-east-1"}


@pytest.fixture(params=["local", "s3"])
def blobs(request, tmp_path):
    if request.param == "local":
        return LocalBlobStore(tmp_path / "privacy-data")
    endpoint = request.getfixturevalue("moto_endpoint")
    return S3BlobStore(f"loopwho-{secrets.token_hex(4)}", endpoint_url=endpoint, **CREDS)


def test_put_get_list_delete(blobs) -> None:
    blobs.check()
    a = snapshot_key("u1", "google", date(2026, 11, 25))
    b = snapshot_key("u1", "facebook", date(2026, 11, 25))
    other = snapshot_key("u2", "google", date(2026, 11, 25))
    for key in (a, b, other):
        blobs.put(key, f"# {key}\n".encode(), "text/markdown")
    assert blobs.get(a) == f"# {a}\n".encode()
    assert blobs.exists(a) and not blobs.exists("privacy-data/u1/google/none.md")
    assert blobs.list("privacy-data/u1/") == sorted([a, b])
    assert blobs.list() == sorted([a, b, other])
    blobs.put(a, b"replaced")
    assert blobs.get(a) == b"replaced"
    blobs.delete(b)
    blobs.delete(b)  # deleting what is gone is fine
    assert blobs.list("privacy-data/u1/") == [a]
    with pytest.raises(NotFound):
        blobs.get(b)
    assert blobs.delete_prefix("privacy-data/u1/") == 1
    assert blobs.list() == [other]


def test_bad_keys_are_refused(blobs) -> None:
    for key in ("../escape.md", "/etc/passwd", "a/../../b", "a//b", "", "a/./b"):
        with pytest.raises(BlobStoreError, match="bad blob key"):
            blobs.put(key, b"x")


def test_local_store_refuses_a_symlink_out_of_its_root(tmp_path) -> None:
    root = tmp_path / "root"
    (tmp_path / "outside").mkdir()
    root.mkdir()
    os.symlink(tmp_path / "outside", root / "link")
    with pytest.raises(BlobStoreError, match="outside the store"):
        LocalBlobStore(root).put("link/secret.md", b"x")
    assert not (tmp_path / "outside" / "secret.md").exists()


def test_local_check_names_an_unwritable_folder(tmp_path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(BlobStoreError, match="not writable"):
        LocalBlobStore(blocker / "privacy-data").check()


def test_s3_creates_its_bucket_and_uses_the_s3_wire_protocol(moto_endpoint) -> None:
    bucket = f"loopwho-{secrets.token_hex(4)}"
    S3BlobStore(bucket, endpoint_url=moto_endpoint, **CREDS).put("privacy-data/u/google/a.md", b"hi")
    raw = boto3.client("s3", endpoint_url=moto_endpoint, region_name="us-east-1",
                       aws_access_key_id="testing", aws_secret_access_key="testing")
    assert bucket in [b["Name"] for b in raw.list_buckets()["Buckets"]]
    assert raw.get_object(Bucket=bucket, Key="privacy-data/u/google/a.md")["Body"].read() == b"hi"


def test_s3_delete_prefix_past_one_batch(moto_endpoint) -> None:
    # a small batch stands in for S3's 1000-key limit without writing 1000 objects
    store = S3BlobStore(f"loopwho-{secrets.token_hex(4)}", endpoint_url=moto_endpoint, delete_batch=4,
                        **CREDS)
    for i in range(10):
        store.put(f"privacy-data/u/google/{i:04}.md", b"x")
    store.put("privacy-data/v/google/keep.md", b"x")
    assert store.delete_prefix("privacy-data/u/") == 10
    assert store.list() == ["privacy-data/v/google/keep.md"]


def test_s3_unreachable_is_one_clear_error() -> None:
    from tests.conftest import free_port

    store = S3BlobStore("b", endpoint_url=f"http://127.0.0.1:{free_port()}", **CREDS)
    with pytest.raises(BlobStoreError, match="unreachable"):
        store.check()


def test_snapshot_keys_follow_the_layout_and_never_overwrite(tmp_path) -> None:
    store = LocalBlobStore(tmp_path)
    morning = datetime(2026, 11, 25, 8, 30, 5, tzinfo=UTC)
    first = free_snapshot_key(store, "u1", "google", morning)
    assert first == "privacy-data/u1/google/privacy-2026-11-25.md"
    store.put(first, b"1")
    second = free_snapshot_key(store, "u1", "google", morning.replace(hour=17))
    assert second == "privacy-data/u1/google/privacy-2026-11-25T173005.md"
    store.put(second, b"2")
    # a third snapshot within the same second gets a counter, never the second one's key
    third = free_snapshot_key(store, "u1", "google", morning.replace(hour=17))
    assert third == "privacy-data/u1/google/privacy-2026-11-25T173005-2.md"
    store.put(third, b"3")
    assert store.get(second) == b"2"
    with pytest.raises(BlobStoreError):
        snapshot_key("u1/../u2", "google", date(2026, 1, 1))


def test_store_from_settings(tmp_path, moto_endpoint) -> None:
    local = blob_store_from_settings(load_settings({"LOOPWHO_BLOB_DIR": str(tmp_path / "d")}))
    assert isinstance(local, LocalBlobStore) and local.root == (tmp_path / "d").resolve()
    s3 = blob_store_from_settings(load_settings({
        "LOOPWHO_BLOB_BACKEND": "s3", "LOOPWHO_S3_ENDPOINT_URL": moto_endpoint,
        "LOOPWHO_S3_BUCKET": "from-settings", "LOOPWHO_S3_REGION": "us-east-1",
        "S3_ACCESS_KEY_ID": "testing", "S3_SECRET_ACCESS_KEY": "testing-secret"}))
    s3.put("privacy-data/x.md", b"ok")
    assert s3.get("privacy-data/x.md") == b"ok"
    assert "testing-secret" not in repr(s3)
