"""Cypher for victims and their sealed identity (reached only through ``write_identity`` / ``read_identity``)."""

from __future__ import annotations

from typing import Any

from graph.access.repository import VICTIM_VISIBLE
from graph.access.scope import Scope
from graph.changefeed.repository import CHANGE_SEQ, CHANGE_TICK
from graph.db import Graph, Record, Transaction
from graph.protected.envelope import WrappedKey
from graph.protected.sealer import Sealer

# What every query returns for a victim bound to ``v``; identity is never part of it.
VICTIM_PROJECTION = """v {.id, .alias, .sex, .ageBand, .birthYear, .birthDatePrecision, .minor, .nationality,
    .languages, .specialNeeds, createdAt: v.createdAt, updatedAt: v.updatedAt,
    version: coalesce(v.version, 0)}"""

CREATE_VICTIM = (
    CHANGE_TICK
    + """
CREATE (v:Victim {id: coalesce($clientId, randomUUID()),
    alias: $alias, sex: $sex, ageBand: $ageBand, birthYear: $birthYear,
    birthDatePrecision: $birthDatePrecision, minor: $minor, nationality: $nationality, languages: $languages,
    specialNeeds: $specialNeeds, registeredByOrg: $scope.org, createdAt: datetime(), updatedAt: datetime(),
    syncSeq: """ + CHANGE_SEQ + """,
    version: 1})
RETURN """
    + VICTIM_PROJECTION
    + """ AS victim
"""
)

# Visible through a case, or just registered by the caller's organisation and not yet in any case.
VICTIM_WORKABLE = (
    "("
    + VICTIM_VISIBLE
    + " OR (v.registeredByOrg = $scope.org AND NOT EXISTS { MATCH (v)<-[:CONCERNS]-(:Case) }))"
)

VICTIM_BY_ID = (
    """
MATCH (v:Victim {id: $id})
WHERE """
    + VICTIM_WORKABLE
    + """
RETURN """
    + VICTIM_PROJECTION
    + """ AS victim
"""
)

VICTIMS_BY_IDS = (
    """
UNWIND $ids AS wanted
MATCH (v:Victim {id: wanted})
WHERE """
    + VICTIM_WORKABLE
    + """
RETURN """
    + VICTIM_PROJECTION
    + """ AS victim
"""
)

# Identity fields are stored only sealed (AES-256-GCM under the identity's own data key, itself wrapped by the
# key-encryption key), with keyed blind indexes so duplicates across organisations can be found without plaintext.
WRITE_IDENTITY = """
MATCH (v:Victim {id: $victimId})
// unscoped: runs in the transaction that just created or scoped-read the victim
OPTIONAL MATCH (v)-[:HAS_IDENTITY]->(old:Identity)
OPTIONAL MATCH (old)-[:SEALED_WITH]->(oldKey:DataKey)
DETACH DELETE oldKey, old
CREATE (v)-[:HAS_IDENTITY]->(i:Identity {id: randomUUID(), createdAt: datetime(), updatedAt: datetime(),
                                         fullNameSealed: $sealed.fullName, documentNumberSealed: $sealed.documentNumber,
                                         phoneSealed: $sealed.phone, addressSealed: $sealed.address,
                                         nameIndex: $blind.name, documentIndex: $blind.document,
                                         phoneIndex: $blind.phone})
CREATE (i)-[:SEALED_WITH]->(:DataKey {id: $key.id, kekId: $key.kekId, wrapped: $key.wrapped, createdAt: datetime()})
RETURN i.id AS id
"""

# Identity is read by national roles, or by the organisation owning the victim's case (or that just registered
# them), for a stated reason; the read itself leaves a trace.
READ_IDENTITY = (
    """
MATCH (v:Victim {id: $victimId})
WHERE ($scope.national OR 'READ_RECORDED_IDENTITY' IN $scope.permissions) AND """
    + VICTIM_WORKABLE
    + """
OPTIONAL MATCH (v)-[:HAS_IDENTITY]->(i:Identity)
OPTIONAL MATCH (i)-[:SEALED_WITH]->(dk:DataKey)
SET v.identityReadAt = datetime(), v.identityReadBy = $scope.user, v.identityReadReason = $reason
RETURN i IS NOT NULL AS recorded, dk IS NOT NULL AS readable,
       {fullName: i.fullNameSealed, documentNumber: i.documentNumberSealed, phone: i.phoneSealed,
        address: i.addressSealed} AS sealed,
       CASE WHEN dk IS NULL THEN null ELSE {id: dk.id, kekId: dk.kekId, wrapped: dk.wrapped} END AS key
"""
)

# Victims elsewhere in the network whose identity shares a blind index with this one (never the identity itself).
IDENTITY_MATCHES = (
    """
MATCH (v:Victim {id: $victimId})-[:HAS_IDENTITY]->(i:Identity)
WHERE $scope.national AND """
    + VICTIM_VISIBLE
    + """
MATCH (other:Victim)-[:HAS_IDENTITY]->(j:Identity)
WHERE other <> v AND ((i.nameIndex IS NOT NULL AND j.nameIndex = i.nameIndex)
   OR (i.documentIndex IS NOT NULL AND j.documentIndex = i.documentIndex)
   OR (i.phoneIndex IS NOT NULL AND j.phoneIndex = i.phoneIndex))
RETURN other.id AS victimId, other.alias AS alias,
       [k IN ['name', 'document', 'phone'] WHERE
          (k = 'name' AND j.nameIndex = i.nameIndex) OR (k = 'document' AND j.documentIndex = i.documentIndex)
          OR (k = 'phone' AND j.phoneIndex = i.phoneIndex)] AS matchedOn
ORDER BY size(matchedOn) DESC, other.id
LIMIT 20
"""
)

# Crypto-shredding: destroying the data key leaves the sealed fields unreadable everywhere, backups included.
SHRED_IDENTITY = (
    """
MATCH (v:Victim {id: $victimId})-[:HAS_IDENTITY]->(i:Identity)
WHERE $scope.national AND """
    + VICTIM_VISIBLE
    + """
OPTIONAL MATCH (i)-[:SEALED_WITH]->(dk:DataKey)
DETACH DELETE dk
REMOVE i.nameIndex, i.documentIndex, i.phoneIndex
SET i.shreddedAt = datetime(), i.shreddedBy = $scope.user
RETURN i.id AS id
"""
)

_IDENTITY_FIELDS = ("fullName", "documentNumber", "phone", "address")


def _blind_indexes(sealer: Sealer, fields: dict[str, Any]) -> dict[str, str | None]:
    def index(kind: str, value: Any) -> str | None:
        return sealer.blind_index(kind, str(value)) if value else None

    return {"name": index("name", fields.get("fullName")), "document": index("document", fields.get("documentNumber")),
            "phone": index("phone", fields.get("phone"))}


async def create_victim(tx: Transaction, scope: Scope, fields: dict[str, Any]) -> Record:
    row = await tx.run_one(CREATE_VICTIM, {**fields, **scope.params()})
    assert row is not None
    victim: Record = row["victim"]
    return victim


async def write_identity(tx: Transaction, sealer: Sealer, victim_id: str, fields: dict[str, Any]) -> None:
    """Store a victim's identity fields sealed, in the caller's transaction."""
    plain = {name: (str(fields[name]) if fields.get(name) is not None else None) for name in _IDENTITY_FIELDS}
    sealed = sealer.seal_subject(victim_id, plain)
    key = {"id": sealed.key.key_id, "kekId": sealed.key.kek_id, "wrapped": sealed.key.wrapped}
    await tx.run(WRITE_IDENTITY, {"victimId": victim_id, "sealed": sealed.fields, "key": key,
                                  "blind": _blind_indexes(sealer, plain)})


async def read_identity(graph: Graph, sealer: Sealer, scope: Scope, victim_id: str,
                        reason: str) -> dict[str, Any] | None:
    """The victim's identity fields, or None when the victim is not visible; {} when none is recorded or it was
    erased (its data key destroyed)."""
    row = await graph.write_one(READ_IDENTITY, {"victimId": victim_id, "reason": reason, **scope.params()})
    if row is None:
        return None
    if not row["recorded"] or not row["readable"]:
        return {}
    key = WrappedKey(key_id=row["key"]["id"], kek_id=row["key"]["kekId"], wrapped=row["key"]["wrapped"])
    return sealer.open_subject(key, victim_id, row["sealed"])


async def identity_matches(graph: Graph, scope: Scope, victim_id: str) -> list[Record]:
    return await graph.read(IDENTITY_MATCHES, {"victimId": victim_id, **scope.params()})


async def shred_identity(graph: Graph, scope: Scope, victim_id: str) -> bool:
    return await graph.write_one(SHRED_IDENTITY, {"victimId": victim_id, **scope.params()}) is not None


async def victim_by_id(graph: Graph, scope: Scope, victim_id: str) -> Record | None:
    row = await graph.read_one(VICTIM_BY_ID, {"id": victim_id, **scope.params()})
    return None if row is None else row["victim"]


async def victims_by_ids(graph: Graph, scope: Scope, ids: list[str]) -> list[Record]:
    return [row["victim"] for row in await graph.read(VICTIMS_BY_IDS, {"ids": ids, **scope.params()})]
