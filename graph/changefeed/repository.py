"""The commit-ordered change sequence that delta sync pages by (fragments every synced write embeds).

Every statement that writes a record a device keeps in sync (case, victim, referral, service, organisation,
report, guideline version, tombstone) starts with ``CHANGE_TICK``: it increments the one ``(:ChangeHead)`` and so
holds its write lock until the transaction ends. The records it writes take ``CHANGE_SEQ`` (the head's value, read
back inside the same transaction) as their ``syncSeq``. Two writers can never hold the head at once, so sequence
numbers are handed out in commit order: a transaction that commits later always carries a larger number, whatever
its clock said. ``updatedAt`` stays the time of the change (shown to people); only the sequence orders sync.
"""

from __future__ import annotations

from typing import LiteralString

# First clause of a synced write: take the head (its write lock orders the commits) and move it on by one.
CHANGE_TICK: LiteralString = """CALL () {
  MERGE (change_head:ChangeHead {id: 'sync'}) ON CREATE SET change_head.seq = 0
  SET change_head.seq = change_head.seq + 1
}
"""

# The sequence number of this transaction's changes (the head as this transaction just set it).
CHANGE_SEQ: LiteralString = "COLLECT { MATCH (change_now:ChangeHead {id: 'sync'}) RETURN change_now.seq }[0]"
