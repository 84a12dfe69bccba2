"""Envelope encryption for personal data (identities, report narratives, reporter contacts).

Each protected subject (a victim's identity, a report) has its own 256-bit data key. Fields are sealed with
AES-256-GCM under that key, with the subject id and field name as associated data, so a ciphertext moved to
another record or field does not open. The data key is stored only wrapped (AES-256-GCM) by a key-encryption
key (KEK) identified by ``kid``. Rotating the KEK re-wraps data keys without touching the ciphertexts;
destroying a subject's data key (crypto-shredding) leaves its ciphertexts unreadable, backups included.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

_NONCE_BYTES = 12
_KEY_BYTES = 32
_FORMAT = "v1"


class SealingError(RuntimeError):
    """A ciphertext or wrapped key could not be opened (wrong key, tampering, shredded subject)."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


@dataclass(frozen=True)
class WrappedKey:
    """A data key as stored: wrapped by the KEK ``kek_id``."""

    key_id: str
    kek_id: str
    wrapped: str


class KeyRing:
    """Key-encryption keys by id; one is active for wrapping new data keys, all can unwrap."""

    def __init__(self, keys: dict[str, bytes], active: str) -> None:
        if active not in keys:
            raise ValueError("the active KEK id is not in the key ring")
        for kid, key in keys.items():
            if len(key) != _KEY_BYTES:
                raise ValueError(f"KEK {kid} must be {_KEY_BYTES} bytes")
        self._keys = dict(keys)
        self.active = active

    @property
    def key_ids(self) -> list[str]:
        return sorted(self._keys)

    def wrap(self, key_id: str, data_key: bytes) -> WrappedKey:
        nonce = os.urandom(_NONCE_BYTES)
        sealed = AESGCM(self._keys[self.active]).encrypt(nonce, data_key, f"dk:{key_id}".encode())
        return WrappedKey(key_id=key_id, kek_id=self.active, wrapped=_b64(nonce + sealed))

    def unwrap(self, wrapped: WrappedKey) -> bytes:
        kek = self._keys.get(wrapped.kek_id)
        if kek is None:
            raise SealingError("data key wrapped by an unknown KEK")
        raw = _unb64(wrapped.wrapped)
        try:
            return AESGCM(kek).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], f"dk:{wrapped.key_id}".encode())
        except InvalidTag as exc:
            raise SealingError("data key does not open") from exc

    def rewrap(self, wrapped: WrappedKey) -> WrappedKey:
        return self.wrap(wrapped.key_id, self.unwrap(wrapped))

    # ------------------------------------------------------------------ persistence

    @classmethod
    def from_json(cls, text: str) -> KeyRing:
        data = json.loads(text)
        return cls({kid: _unb64(k) for kid, k in data["keys"].items()}, data["active"])

    def to_json(self) -> str:
        return json.dumps({"active": self.active, "keys": {kid: _b64(k) for kid, k in self._keys.items()}})

    @classmethod
    def load_or_create(cls, path: Path) -> KeyRing:
        """Read the ring from the state folder, creating it (0600) with one fresh KEK on first use."""
        if path.exists():
            return cls.from_json(path.read_text())
        ring = cls._fresh()
        ring.save(path)
        return ring

    @classmethod
    def _fresh(cls) -> KeyRing:
        kid = new_key_id()
        return cls({kid: os.urandom(_KEY_BYTES)}, active=kid)

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(self.to_json())
        tmp.replace(path)

    def with_new_active_key(self) -> KeyRing:
        kid = new_key_id()
        return KeyRing({**self._keys, kid: os.urandom(_KEY_BYTES)}, active=kid)


def new_key_id() -> str:
    return "kek-" + secrets.token_hex(6)


def new_data_key() -> bytes:
    return os.urandom(_KEY_BYTES)


def seal(data_key: bytes, subject_id: str, field: str, plaintext: str) -> str:
    nonce = os.urandom(_NONCE_BYTES)
    sealed = AESGCM(data_key).encrypt(nonce, plaintext.encode("utf-8"), f"{subject_id}:{field}".encode())
    return f"{_FORMAT}:{_b64(nonce + sealed)}"


def unseal(data_key: bytes, subject_id: str, field: str, ciphertext: str) -> str:
    version, _, body = ciphertext.partition(":")
    if version != _FORMAT:
        raise SealingError("unknown ciphertext format")
    raw = _unb64(body)
    try:
        plain = AESGCM(data_key).decrypt(raw[:_NONCE_BYTES], raw[_NONCE_BYTES:], f"{subject_id}:{field}".encode())
    except InvalidTag as exc:
        raise SealingError("ciphertext does not open") from exc
    return plain.decode("utf-8")
