"""Rules for link analysis: who sees what of the links between cases, and how suspected networks are found.

``caseLinks``: every caller who may see the case gets, per piece of its evidence (identifier or perpetrator), the
number of other cases that share it; only national roles (ADMIN, COORDINATOR) get the other cases and the paths.
``suspectedNetworks``: connected components of the bipartite graph (case — identifier/perpetrator, plus confirmed
links), computed with networkx on a projection read in one query and stored as a snapshot; the worker recomputes
it every HIMAYA_NETWORK_RECOMPUTE_MINUTES (and ``recomputeSuspectedNetworks`` on demand). Ranked by size, then by
the most recent activity on their cases.
"""

from __future__ import annotations

import time
import uuid
from collections import Counter
from enum import StrEnum
from typing import Any

import networkx as nx

from api.common.cursors import page_size
from api.common.text import clean_text
from api.errors import BadInput, Forbidden, NotFound
from api.graphql.relay import to_global_id
from api.identifiers.rules import audit_read
from api.settings import Settings
from api.victims.rules import require_casework
from graph.access.scope import Scope
from graph.db import Graph, Record
from graph.links import repository

BRANCH_LIMIT = 200  # paths per evidence pattern: a hotline number shared by thousands stays cheap
MAX_LINKED_CASES = 50
MAX_PATHS = 5
NETWORK_NAMESPACE = uuid.UUID("a4a4c1e2-6f0b-4bb2-9d55-8d3f6d1c2b15")
_last_recompute: dict[int, float] = {}


class LinkDecision(StrEnum):
    SUGGESTED = "SUGGESTED"
    CONFIRMED = "CONFIRMED"
    DISMISSED = "DISMISSED"


async def case_links(graph: Graph, scope: Scope, case_id: str) -> tuple[Record, list[Record]]:
    """(counts, details): details only for national roles, empty otherwise."""
    require_casework(scope)
    counts = await repository.case_link_counts(graph, scope, case_id, BRANCH_LIMIT)
    if counts is None:
        raise NotFound()
    if not scope.national:
        return counts, []
    details = await repository.case_link_details(graph, scope, case_id, branch_limit=BRANCH_LIMIT,
                                                 limit=MAX_LINKED_CASES, path_limit=MAX_PATHS)
    await audit_read(graph, scope, "read:caseLinks", [to_global_id("Case", case_id)] +
                     [to_global_id("Case", row["caseId"]) for row in details])
    return counts, details


def _require_national(scope: Scope) -> None:
    require_casework(scope)
    if not scope.national:
        raise Forbidden()


async def decide(graph: Graph, scope: Scope, case_id: str, other_case_id: str, decision: LinkDecision,
                 reason: str) -> Record:
    """A coordinator confirms or dismisses a suggested link (the guard audits it, with the reason)."""
    _require_national(scope)
    why = clean_text(reason, "reason", required=True)
    if why is None or len(why) < 5:
        raise BadInput("casework.reason_required")
    if case_id == other_case_id:
        raise BadInput("links.same_case")
    first, second = sorted([case_id, other_case_id])
    row = await repository.decide_link(graph, scope, first, second, decision.value, why)
    if row is None:
        raise NotFound()
    decided: Record = row["decision"]
    return decided


def components(pairs: list[Record]) -> list[dict[str, Any]]:
    """Suspected networks from (case, evidence) pairs: components with at least two cases, largest first."""
    network: nx.Graph[tuple[str, str]] = nx.Graph()
    kinds: dict[str, str] = {}
    for pair in pairs:
        network.add_edge(("case", pair["caseId"]), ("evidence", pair["evidenceId"]))
        kinds[pair["evidenceId"]] = pair["type"]
    found: list[dict[str, Any]] = []
    for component in nx.connected_components(network):
        cases = sorted(node[1] for node in component if node[0] == "case")
        if len(cases) < 2:
            continue
        shared = Counter(kinds[node[1]] for node in component
                         if node[0] == "evidence" and network.degree(node) >= 2)
        found.append({"id": str(uuid.uuid5(NETWORK_NAMESPACE, cases[0])), "size": len(cases), "caseIds": cases,
                      "identifiers": shared["Identifier"], "perpetrators": shared["Perpetrator"],
                      "confirmedLinks": shared["CaseLink"]})
    found.sort(key=lambda n: (-n["size"], n["id"]))
    for rank, item in enumerate(found, start=1):
        item["rank"] = rank
    return found


async def recompute_networks(graph: Graph) -> int:
    """Read the projection, compute the components, replace the snapshot. Two round trips."""
    networks = components(await repository.evidence_pairs(graph))
    await repository.write_networks(graph, networks)
    _last_recompute[id(graph)] = time.monotonic()
    return len(networks)


async def recompute_if_due(graph: Graph, settings: Settings) -> int | None:
    """The worker's schedule: recompute when the last run in this process is older than the setting."""
    last = _last_recompute.get(id(graph))
    if last is not None and time.monotonic() - last < settings.network_recompute_minutes * 60:
        return None
    return await recompute_networks(graph)


async def recompute_on_demand(graph: Graph, scope: Scope) -> int:
    _require_national(scope)
    return await recompute_networks(graph)


async def suspected_networks(graph: Graph, scope: Scope, *, first: int | None,
                             min_size: int) -> tuple[int, Any, list[Record]]:
    _require_national(scope)
    if min_size < 2:
        raise BadInput("links.network_too_small", minimum=2)
    return await repository.list_networks(graph, scope, min_size=min_size, limit=page_size(first),
                                          cases_per_network=20)
