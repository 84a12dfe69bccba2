"""Envelope encryption: sealed fields open only with their key, subject and field; rotation and shredding."""

from __future__ import annotations

from pathlib import Path

import pytest

from graph.protected.envelope import KeyRing, SealingError, WrappedKey, new_data_key, seal, unseal
from graph.protected.sealer import Sealer, normalise


def test_a_sealed_field_opens_only_for_its_subject_and_field() -> None:
    key = new_data_key()
    sealed = seal(key, "victim-1", "fullName", "Amina Ben Salah")
    assert "Amina" not in sealed
    assert unseal(key, "victim-1", "fullName", sealed) == "Amina Ben Salah"
    with pytest.raises(SealingError):
        unseal(key, "victim-2", "fullName", sealed)  # moved to another record
    with pytest.raises(SealingError):
        unseal(key, "victim-1", "phone", sealed)  # moved to another field
    with pytest.raises(SealingError):
        unseal(new_data_key(), "victim-1", "fullName", sealed)
    tampered = sealed[:-4] + ("AAAA" if not sealed.endswith("AAAA") else "BBBB")
    with pytest.raises(SealingError):
        unseal(key, "victim-1", "fullName", tampered)


def test_rotation_rewraps_keys_and_old_ciphertexts_still_open(tmp_path: Path) -> None:
    ring = KeyRing.load_or_create(tmp_path / "kek.json")
    assert (tmp_path / "kek.json").stat().st_mode & 0o777 == 0o600
    sealer = Sealer(ring, b"k" * 32)
    subject = sealer.seal_subject("report-1", {"narrative": "histoire", "contact": None})
    assert subject.fields["contact"] is None

    rotated = ring.with_new_active_key()
    assert rotated.active != ring.active and ring.active in rotated.key_ids
    rewrapped = rotated.rewrap(subject.key)
    assert rewrapped.kek_id == rotated.active and rewrapped.wrapped != subject.key.wrapped
    assert Sealer(rotated, b"k" * 32).open_subject(rewrapped, "report-1", {"narrative": subject.fields["narrative"]}) \
        == {"narrative": "histoire"}
    # A ring that has dropped the old KEK cannot open keys still wrapped by it.
    only_new = KeyRing({rotated.active: b"n" * 32}, rotated.active)
    with pytest.raises(SealingError):
        only_new.unwrap(subject.key)


def test_key_ring_refuses_bad_material() -> None:
    with pytest.raises(ValueError, match="active"):
        KeyRing({"a": b"x" * 32}, "b")
    with pytest.raises(ValueError, match="32 bytes"):
        KeyRing({"a": b"short"}, "a")
    with pytest.raises(SealingError):
        KeyRing({"a": b"x" * 32}, "a").unwrap(WrappedKey(key_id="k", kek_id="zzz", wrapped="AAAA"))


def test_blind_indexes_match_variants_and_differ_by_key() -> None:
    one = Sealer(KeyRing({"a": b"x" * 32}, "a"), b"1" * 32)
    two = Sealer(KeyRing({"a": b"x" * 32}, "a"), b"2" * 32)
    assert one.blind_index("name", "Amina  BEN-SALAH") == one.blind_index("name", "amina ben salah")
    assert one.blind_index("name", "Amïna") == one.blind_index("name", "Amina")
    assert one.blind_index("phone", "+216 20 123 456") == one.blind_index("phone", "20123456")
    assert one.blind_index("document", "AB-123 456") == one.blind_index("document", "ab123456")
    assert one.blind_index("name", "Amina") != two.blind_index("name", "Amina")
    assert one.blind_index("name", "Amina") != one.blind_index("phone", "Amina")
    assert normalise("phone", "00216 98 765 432") == "98765432"
