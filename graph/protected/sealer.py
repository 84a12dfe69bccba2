"""The one place personal fields are sealed and opened, and blind indexes are computed."""

from __future__ import annotations

import hashlib
import hmac
import os
import re
import unicodedata
import uuid
from dataclasses import dataclass
from pathlib import Path

from graph.protected.envelope import KeyRing, WrappedKey, new_data_key, seal, unseal

_BLIND_INDEX_BYTES = 32


@dataclass(frozen=True)
class SealedSubject:
    """What gets stored for one subject: its wrapped data key and its sealed fields."""

    key: WrappedKey
    fields: dict[str, str | None]


def normalise(kind: str, value: str) -> str:
    """Canonical form for blind indexing: names ignore case/accents/spacing; phones and documents keep digits."""
    text = unicodedata.normalize("NFKD", value)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    if kind == "phone":
        digits = re.sub(r"\D", "", text)
        return digits[-8:] if len(digits) >= 8 else digits  # Tunisian numbers: compare the 8 national digits
    if kind == "document":
        return re.sub(r"[^0-9a-z]", "", text)
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


class Sealer:
    def __init__(self, ring: KeyRing, blind_index_key: bytes, ring_path: Path | None = None) -> None:
        self.ring = ring
        self._blind_key = blind_index_key
        self._ring_path = ring_path

    def _unwrap(self, key: WrappedKey) -> bytes:
        # After `himaya keys rotate` in another process, data keys are wrapped by a KEK this process has not
        # loaded yet: reload the ring once, so rotation needs no restart.
        if key.kek_id not in self.ring.key_ids and self._ring_path is not None and self._ring_path.exists():
            self.ring = KeyRing.load_or_create(self._ring_path)
        return self.ring.unwrap(key)

    @classmethod
    def from_state_dir(cls, keys_dir: Path) -> Sealer:
        ring = KeyRing.load_or_create(keys_dir / "kek.json")
        blind_path = keys_dir / "blind-index.key"
        if not blind_path.exists():
            keys_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(blind_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as handle:
                handle.write(os.urandom(_BLIND_INDEX_BYTES))
        return cls(ring, blind_path.read_bytes(), keys_dir / "kek.json")

    def seal_subject(self, subject_id: str, fields: dict[str, str | None]) -> SealedSubject:
        data_key = new_data_key()
        key = self.ring.wrap(str(uuid.uuid4()), data_key)
        sealed = {name: seal(data_key, subject_id, name, value) if value is not None else None
                  for name, value in fields.items()}
        return SealedSubject(key=key, fields=sealed)

    def seal_with(self, key: WrappedKey, subject_id: str, fields: dict[str, str | None]) -> dict[str, str | None]:
        data_key = self._unwrap(key)
        return {name: seal(data_key, subject_id, name, value) if value is not None else None
                for name, value in fields.items()}

    def open_subject(self, key: WrappedKey, subject_id: str, fields: dict[str, str | None]) -> dict[str, str | None]:
        data_key = self._unwrap(key)
        return {name: unseal(data_key, subject_id, name, value) if value is not None else None
                for name, value in fields.items()}

    def seal_field(self, subject_id: str, field: str, value: str | None) -> tuple[dict[str, str] | None, str | None]:
        """Seal one secret or free-text field under a data key of its own: the key as stored (``id``, ``kekId``,
        ``wrapped``: a ``DataKey`` the rotation re-wraps) and the ciphertext; ``(None, None)`` for no value."""
        if value is None:
            return None, None
        sealed = self.seal_subject(subject_id, {field: value})
        key = sealed.key
        return {"id": key.key_id, "kekId": key.kek_id, "wrapped": key.wrapped}, sealed.fields[field]

    def open_field(self, key: dict[str, str] | None, subject_id: str, field: str, sealed: str | None) -> str | None:
        """The value :meth:`seal_field` sealed (None when there is none)."""
        if sealed is None or key is None:
            return None
        wrapped = WrappedKey(key_id=key["id"], kek_id=key["kekId"], wrapped=key["wrapped"])
        return self.open_subject(wrapped, subject_id, {field: sealed})[field]

    def token_index(self, kind: str, value: str) -> str:
        """A keyed hash to find a sealed secret by its exact value (a device token), never the value itself."""
        return hmac.new(self._blind_key, f"{kind}:{value}".encode(), hashlib.sha256).hexdigest()

    def blind_index(self, kind: str, value: str) -> str:
        return self.keyed_index(kind, normalise(kind, value))

    def keyed_index(self, kind: str, canonical: str) -> str:
        """The blind index of a value already in its canonical form (identifiers normalise their own kinds)."""
        return hmac.new(self._blind_key, f"{kind}:{canonical}".encode(), hashlib.sha256).hexdigest()
