"""AES-256-GCM envelope encryption with key ids, so keys can be rotated.

A sealed blob is ``b"lw1." + kid + b"." + base64(data_key_nonce|wrapped_data_key|nonce|ciphertext)``:
a fresh 256-bit data key encrypts the payload, the current master key wraps the data key. Old
ciphertext keeps decrypting as long as its key id stays in the key ring.
"""

from __future__ import annotations

import base64
import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.errors import ConfigError, CryptoError

_MAGIC = b"lw1"
_NONCE = 12
_WRAPPED_KEY = 32 + 16  # 256-bit key + GCM tag


def generate_key() -> str:
    """A new base64 master key, for `LOOPWHO_ENCRYPTION_KEYS`."""
    return base64.urlsafe_b64encode(AESGCM.generate_key(bit_length=256)).decode()


class KeyRing:
    """Master keys by id; the first key is the one that encrypts."""

    def __init__(self, keys: dict[str, bytes], current: str) -> None:
        if current not in keys:
            raise ConfigError(f"encryption key id {current!r} is not in the key ring")
        for kid, key in keys.items():
            if len(key) != 32:
                raise ConfigError(f"encryption key {kid!r} must be 32 bytes (256 bits), got {len(key)}")
            if not kid.isalnum():
                raise ConfigError(f"encryption key id {kid!r} must be letters and digits")
        self._keys = dict(keys)
        self.current = current

    @classmethod
    def parse(cls, spec: str) -> KeyRing:
        """Parse ``"kid:base64key,kid2:base64key"``; the first entry encrypts."""
        keys: dict[str, bytes] = {}
        order: list[str] = []
        for part in (p.strip() for p in spec.split(",")):
            if not part:
                continue
            kid, sep, b64 = part.partition(":")
            if not sep:
                raise ConfigError("encryption keys must look like 'kid:base64key,kid2:base64key'")
            try:
                keys[kid] = base64.urlsafe_b64decode(b64 + "=" * (-len(b64) % 4))
            except ValueError:
                raise ConfigError(f"encryption key {kid!r} is not valid base64") from None
            order.append(kid)
        if not order:
            raise ConfigError("no encryption key given")
        return cls(keys, order[0])

    def key_ids(self) -> list[str]:
        return list(self._keys)

    def encrypt(self, plaintext: bytes, associated_data: bytes = b"") -> bytes:
        data_key = AESGCM.generate_key(bit_length=256)
        key_nonce, nonce = os.urandom(_NONCE), os.urandom(_NONCE)
        wrapped = AESGCM(self._keys[self.current]).encrypt(key_nonce, data_key, self.current.encode())
        body = AESGCM(data_key).encrypt(nonce, plaintext, associated_data)
        packed = base64.urlsafe_b64encode(key_nonce + wrapped + nonce + body)
        return b".".join([_MAGIC, self.current.encode(), packed])

    def decrypt(self, sealed: bytes, associated_data: bytes = b"") -> bytes:
        try:
            magic, kid_raw, packed = sealed.split(b".", 2)
            raw = base64.urlsafe_b64decode(packed)
        except ValueError:
            raise CryptoError("ciphertext is not in loopwho's sealed format") from None
        kid = kid_raw.decode(errors="replace")
        if magic != _MAGIC:
            raise CryptoError("ciphertext is not in loopwho's sealed format")
        if kid not in self._keys:
            raise CryptoError(f"ciphertext was sealed with key id {kid!r}, which is not in the key ring")
        key_nonce = raw[:_NONCE]
        wrapped = raw[_NONCE : _NONCE + _WRAPPED_KEY]
        nonce = raw[_NONCE + _WRAPPED_KEY : 2 * _NONCE + _WRAPPED_KEY]
        body = raw[2 * _NONCE + _WRAPPED_KEY :]
        try:
            data_key = AESGCM(self._keys[kid]).decrypt(key_nonce, wrapped, kid.encode())
            return AESGCM(data_key).decrypt(nonce, body, associated_data)
        except InvalidTag:
            raise CryptoError("ciphertext failed authentication (wrong key or tampered data)") from None

    @staticmethod
    def key_id_of(sealed: bytes) -> str:
        return sealed.split(b".", 2)[1].decode(errors="replace")


def key_ring_from_settings(spec: str | None, production: bool) -> KeyRing:
    """The configured key ring; in development a missing key gets a process-local one."""
    if spec:
        return KeyRing.parse(spec)
    if production:
        raise ConfigError("LOOPWHO_ENCRYPTION_KEYS is required in production (generate: loopwho keygen)")
    return KeyRing.parse(f"dev:{_dev_key()}")


def _dev_key() -> str:
    # a stable key for the developer's checkout, so data written by the demo stays readable
    path = os.path.join(os.environ.get("LOOPWHO_HOME", ".loopwho"), "dev-encryption-key")
    try:
        with open(path) as fh:
            return fh.read().strip()
    except FileNotFoundError:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        key = generate_key()
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(key)
        return key
