"""The Ed25519 key ring that signs and verifies tokens, and its on-disk store.

Keys come from ``HIMAYA_JWT_PRIVATE_KEYS`` (PEM blocks, the first one signs) or, when that is unset,
from ``<state_dir>/keys/`` where the first start generates one (file mode 0600). Rotation adds a new
signing key and keeps the previous public keys until every token they signed has expired.
"""

from __future__ import annotations

import base64
import contextlib
import fcntl
import hashlib
import json
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

_PEM_BLOCK = re.compile(r"-----BEGIN PRIVATE KEY-----.+?-----END PRIVATE KEY-----", re.DOTALL)
_KEY_FILE = re.compile(r"^jwt-ed25519-(\d{20})\.pem$")


class KeyMaterialError(ValueError):
    """The configured key material cannot be used."""


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _raw_public(public_key: Ed25519PublicKey) -> bytes:
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def thumbprint(public_key: Ed25519PublicKey) -> str:
    """RFC 7638 JWK thumbprint: the ``kid`` of a key is derived from the key itself."""
    canonical = json.dumps({"crv": "Ed25519", "kty": "OKP", "x": _b64url(_raw_public(public_key))},
                           separators=(",", ":"), sort_keys=True)
    return _b64url(hashlib.sha256(canonical.encode()).digest())


@dataclass(frozen=True)
class SigningKey:
    kid: str
    public_key: Ed25519PublicKey
    private_key: Ed25519PrivateKey | None

    @classmethod
    def from_private(cls, private_key: Ed25519PrivateKey) -> SigningKey:
        public_key = private_key.public_key()
        return cls(kid=thumbprint(public_key), public_key=public_key, private_key=private_key)

    def jwk(self) -> dict[str, str]:
        return {"kty": "OKP", "crv": "Ed25519", "x": _b64url(_raw_public(self.public_key)), "kid": self.kid,
                "use": "sig", "alg": "EdDSA"}


class KeyRing:
    """The signing key and every public key still accepted, selected only by ``kid``."""

    def __init__(self, keys: list[SigningKey]) -> None:
        if not keys or keys[0].private_key is None:
            raise KeyMaterialError("a key ring needs a signing key first")
        self._keys = list(keys)
        self._by_kid = {key.kid: key for key in keys}

    @property
    def active(self) -> SigningKey:
        return self._keys[0]

    def get(self, kid: str) -> SigningKey | None:
        return self._by_kid.get(kid)

    @property
    def kids(self) -> list[str]:
        return [key.kid for key in self._keys]

    def jwks(self) -> dict[str, list[dict[str, str]]]:
        return {"keys": [key.jwk() for key in self._keys]}


def parse_private_keys(pem_bundle: str) -> list[Ed25519PrivateKey]:
    """Ed25519 private keys from one or more PKCS#8 PEM blocks."""
    blocks = _PEM_BLOCK.findall(pem_bundle)
    if not blocks:
        raise KeyMaterialError("HIMAYA_JWT_PRIVATE_KEYS holds no PEM private key")
    keys: list[Ed25519PrivateKey] = []
    for block in blocks:
        try:
            key = serialization.load_pem_private_key(block.encode(), password=None)
        except (ValueError, TypeError) as exc:
            raise KeyMaterialError("HIMAYA_JWT_PRIVATE_KEYS holds an unreadable key") from exc
        if not isinstance(key, Ed25519PrivateKey):
            raise KeyMaterialError("HIMAYA_JWT_PRIVATE_KEYS must hold Ed25519 keys")
        keys.append(key)
    return keys


def private_key_pem(private_key: Ed25519PrivateKey) -> bytes:
    return private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                     serialization.NoEncryption())


def ring_from_pem(pem_bundle: str) -> KeyRing:
    return KeyRing([SigningKey.from_private(key) for key in parse_private_keys(pem_bundle)])


class KeyDirectory:
    """Keys kept as ``jwt-ed25519-<creation ns>.pem`` files; the newest signs."""

    def __init__(self, directory: Path, *, retention_seconds: int) -> None:
        self.directory = directory
        self.retention_seconds = retention_seconds

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        os.chmod(self.directory, 0o700)
        descriptor = os.open(self.directory / ".lock", os.O_CREAT | os.O_RDWR, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX)
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            os.close(descriptor)

    def _files(self) -> list[tuple[int, Path]]:
        found = []
        for path in self.directory.iterdir():
            match = _KEY_FILE.match(path.name)
            if match:
                found.append((int(match.group(1)), path))
        return sorted(found)

    def _write_new(self) -> Path:
        created = time.time_ns()
        path = self.directory / f"jwt-ed25519-{created:020d}.pem"
        descriptor = os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(private_key_pem(Ed25519PrivateKey.generate()))
        return path

    def _still_valid(self) -> list[Path]:
        """Newest first; an older key is kept while tokens it signed may still be alive."""
        files = self._files()
        now = time.time_ns()
        kept: list[Path] = []
        for index, (_created, path) in enumerate(files):
            retired_at = files[index + 1][0] if index + 1 < len(files) else None
            if retired_at is None or now - retired_at < self.retention_seconds * 1_000_000_000:
                kept.append(path)
        return list(reversed(kept))

    def _ring(self, paths: list[Path]) -> KeyRing:
        keys: list[SigningKey] = []
        for path in paths:
            keys.extend(SigningKey.from_private(key) for key in parse_private_keys(path.read_text("ascii")))
        return KeyRing(keys)

    def load_or_create(self) -> KeyRing:
        with self._locked():
            if not self._files():
                self._write_new()
            return self._ring(self._still_valid())

    def rotate(self) -> KeyRing:
        """Add a new signing key; delete keys retired for longer than the retention."""
        with self._locked():
            self._write_new()
            keep = set(self._still_valid())
            for _created, path in self._files():
                if path not in keep:
                    path.unlink()
            return self._ring(self._still_valid())
