"""Signed checkpoints of the audit chain's head, kept outside Neo4j.

The chain proves that no event was edited, removed or reordered, but its head lives in the same database:
whoever can write there can rebuild the whole chain and its head. So, on a schedule, the head (sequence
number and hash) is signed with an Ed25519 key kept outside Neo4j and appended to a file in the state
directory (one JSON line per checkpoint) and to the log (which log shipping copies elsewhere again).
``himaya audit verify`` then checks the chain against every checkpoint: a rebuilt chain has other hashes at
the sequence numbers already checkpointed, and a truncated one lacks them.

The signing key: ``HIMAYA_AUDIT_ANCHOR_KEY`` (PEM, PKCS#8) or ``<state_dir>/keys/audit-anchor.pem`` (0600),
generated on first use. Keep a copy of the public key (``audit-anchor.pub``) and of the checkpoint file
where the database administrators cannot write.
"""

from __future__ import annotations

import base64
import datetime as dt
import fcntl
import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from api.audit.chain import Verification, verify
from api.settings import Settings
from graph.anchors import repository as anchors
from graph.audit import repository as audit_repository
from graph.db import Graph

logger = logging.getLogger("himaya.audit.anchor")

KEY_FILE = "audit-anchor.pem"
PUBLIC_FILE = "audit-anchor.pub"


@dataclass(frozen=True)
class Checkpoint:
    seq: int
    hash: str
    at: str
    signature: str

    def signed_bytes(self) -> bytes:
        return json.dumps({"seq": self.seq, "hash": self.hash, "at": self.at}, sort_keys=True,
                          separators=(",", ":")).encode()

    def as_json(self) -> str:
        return json.dumps({"seq": self.seq, "hash": self.hash, "at": self.at, "signature": self.signature},
                          sort_keys=True)


def checkpoint_path(settings: Settings) -> Path:
    return settings.audit_checkpoint_file or settings.state_dir / "audit" / "checkpoints.jsonl"


def signing_key(settings: Settings) -> Ed25519PrivateKey:
    """The anchor key from the settings, or the one generated under <state_dir>/keys (0600)."""
    if settings.audit_anchor_key is not None:
        loaded = serialization.load_pem_private_key(settings.audit_anchor_key.get_secret_value().encode(), None)
    else:
        keys_dir = settings.state_dir / "keys"
        path = keys_dir / KEY_FILE
        if not path.exists():
            keys_dir.mkdir(parents=True, exist_ok=True)
            pem = Ed25519PrivateKey.generate().private_bytes(serialization.Encoding.PEM,
                                                             serialization.PrivateFormat.PKCS8,
                                                             serialization.NoEncryption())
            try:
                fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            except FileExistsError:
                pass
            else:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(pem)
        loaded = serialization.load_pem_private_key(path.read_bytes(), None)
        public = loaded.public_key().public_bytes(serialization.Encoding.PEM,
                                                  serialization.PublicFormat.SubjectPublicKeyInfo)
        (keys_dir / PUBLIC_FILE).write_bytes(public)
    if not isinstance(loaded, Ed25519PrivateKey):
        raise ValueError("the audit anchor key must be an Ed25519 private key")
    return loaded


def sign(key: Ed25519PrivateKey, seq: int, head_hash: str, at: str | None = None) -> Checkpoint:
    unsigned = Checkpoint(seq=seq, hash=head_hash, at=at or dt.datetime.now(dt.UTC).isoformat(), signature="")
    signature = base64.b64encode(key.sign(unsigned.signed_bytes())).decode()
    return Checkpoint(seq=seq, hash=head_hash, at=unsigned.at, signature=signature)


def read_checkpoints(path: Path) -> list[tuple[int, dict[str, Any] | None]]:
    """(line number, parsed line or None when unreadable) for every line of the file."""
    if not path.exists():
        return []
    found: list[tuple[int, dict[str, Any] | None]] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            parsed = json.loads(line)
        except ValueError:
            parsed = None
        found.append((number, parsed if isinstance(parsed, dict) else None))
    return found


async def write_checkpoint(graph: Graph, settings: Settings) -> Checkpoint | None:
    """Sign the current head and append it to the checkpoint file and the log; None when the head has not
    moved since the last checkpoint (or there is no chain yet), or when another worker process is writing one
    right now. The head is read under an exclusive lock on the file, so checkpoints of several processes
    follow each other in order."""
    path = checkpoint_path(settings)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(path.name + ".lock").open("a") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return None  # another process of this server is checkpointing the same head
        try:
            return await _append_checkpoint(graph, settings, path)
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


async def _append_checkpoint(graph: Graph, settings: Settings, path: Path) -> Checkpoint | None:
    head = await audit_repository.head(graph)
    if head is None or int(head["seq"]) == 0:
        return None
    existing = read_checkpoints(path)
    last = existing[-1][1] if existing else None
    if last is not None and last.get("seq") == int(head["seq"]) and last.get("hash") == head["lastHash"]:
        return None
    checkpoint = sign(signing_key(settings), int(head["seq"]), str(head["lastHash"]))
    with path.open("a", encoding="utf-8") as handle:
        handle.write(checkpoint.as_json() + "\n")
        handle.flush()
        os.fsync(handle.fileno())
    logger.info("audit checkpoint", extra={"seq": checkpoint.seq, "hash": checkpoint.hash, "at": checkpoint.at,
                                           "signature": checkpoint.signature})
    return checkpoint


@dataclass(frozen=True)
class AnchoredVerification:
    chain: Verification
    checkpoints: int
    problem: str | None = None

    @property
    def ok(self) -> bool:
        return self.chain.ok and self.problem is None

    def describe(self) -> str:
        if not self.chain.ok:
            return self.chain.describe()
        if self.problem is not None:
            return f"audit chain does NOT match its signed checkpoints: {self.problem}"
        return f"{self.chain.describe()}; {self.checkpoints} signed checkpoint(s) match"


async def verify_anchored(graph: Graph, settings: Settings, *, batch: int = 1000) -> AnchoredVerification:
    """The chain walk, then every signed checkpoint: its signature, and the stored hash at its sequence number."""
    chain = await verify(graph, batch=batch)
    if not chain.ok:
        return AnchoredVerification(chain, 0)
    public: Ed25519PublicKey = signing_key(settings).public_key()
    checkpoints: list[Checkpoint] = []
    for number, parsed in read_checkpoints(checkpoint_path(settings)):
        try:
            assert parsed is not None
            checkpoint = Checkpoint(seq=int(parsed["seq"]), hash=str(parsed["hash"]), at=str(parsed["at"]),
                                    signature=str(parsed["signature"]))
            public.verify(base64.b64decode(checkpoint.signature), checkpoint.signed_bytes())
        except (AssertionError, KeyError, ValueError, TypeError, InvalidSignature):
            return AnchoredVerification(chain, len(checkpoints), f"checkpoint line {number} is not validly signed")
        checkpoints.append(checkpoint)
    stored = await anchors.hashes_at(graph, sorted({c.seq for c in checkpoints}))
    for checkpoint in checkpoints:
        if checkpoint.seq > chain.head_seq:
            return AnchoredVerification(chain, len(checkpoints),
                                        f"the chain ends at seq {chain.head_seq}, before checkpoint seq "
                                        f"{checkpoint.seq} of {checkpoint.at}")
        if stored.get(checkpoint.seq) != checkpoint.hash:
            return AnchoredVerification(chain, len(checkpoints),
                                        f"event {checkpoint.seq} differs from the checkpoint of {checkpoint.at}")
    return AnchoredVerification(chain, len(checkpoints))
