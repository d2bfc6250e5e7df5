import base64

import pytest

from core.crypto import KeyRing, generate_key, key_ring_from_settings
from core.errors import ConfigError, CryptoError


def test_round_trip_and_fresh_nonce_each_time() -> None:
    ring = KeyRing.parse(f"k1:{generate_key()}")
    jar = b'[{"name":"SID","value":"secret-cookie"}]'
    a, b = ring.encrypt(jar), ring.encrypt(jar)
    assert a != b  # new data key and nonce per message
    assert b"secret-cookie" not in a
    assert ring.decrypt(a) == jar == ring.decrypt(b)


def test_rotation_old_ciphertext_still_decrypts_and_new_uses_new_key() -> None:
    old_key, new_key = generate_key(), generate_key()
    old_ring = KeyRing.parse(f"k1:{old_key}")
    sealed_old = old_ring.encrypt(b"jar v1")
    rotated = KeyRing.parse(f"k2:{new_key},k1:{old_key}")
    assert rotated.decrypt(sealed_old) == b"jar v1"
    sealed_new = rotated.encrypt(b"jar v2")
    assert KeyRing.key_id_of(sealed_new) == "k2"
    assert KeyRing.key_id_of(sealed_old) == "k1"
    with pytest.raises(CryptoError, match="k2"):
        old_ring.decrypt(sealed_new)


def test_tampering_and_wrong_associated_data_are_refused() -> None:
    ring = KeyRing.parse(f"k1:{generate_key()}")
    sealed = ring.encrypt(b"payload", associated_data=b"user-1/google")
    with pytest.raises(CryptoError):
        ring.decrypt(sealed, associated_data=b"user-2/google")
    magic, kid, body = sealed.split(b".", 2)
    raw = bytearray(base64.urlsafe_b64decode(body))
    raw[-1] ^= 0x01
    with pytest.raises(CryptoError, match="authentication"):
        ring.decrypt(b".".join([magic, kid, base64.urlsafe_b64encode(bytes(raw))]), b"user-1/google")
    with pytest.raises(CryptoError, match="format"):
        ring.decrypt(b"not sealed")


def test_bad_key_specs_give_clear_errors() -> None:
    with pytest.raises(ConfigError, match="32 bytes"):
        KeyRing.parse("k1:" + base64.urlsafe_b64encode(b"short").decode())
    with pytest.raises(ConfigError, match="kid:base64key"):
        KeyRing.parse("justakey")
    with pytest.raises(ConfigError, match="required in production"):
        key_ring_from_settings(None, production=True)


def test_development_key_is_stable_for_a_checkout(tmp_path, monkeypatch) -> None:
    monkeypatch.setenv("LOOPWHO_HOME", str(tmp_path))
    first = key_ring_from_settings(None, production=False)
    sealed = first.encrypt(b"demo")
    assert key_ring_from_settings(None, production=False).decrypt(sealed) == b"demo"
    assert oct((tmp_path / "dev-encryption-key").stat().st_mode & 0o777) == "0o600"
