"""The one access-scope helper, as Cypher fragments every scoped query embeds.

Variables are fixed by convention: ``c`` a Case, ``v`` a Victim, ``r`` a Referral, ``s`` a Service,
``o`` an Organization. ``$scope`` comes from ``Scope.params()``.
"""

from __future__ import annotations

# A case is visible nationally, or to the organisation that owns it.
CASE_VISIBLE = "($scope.national OR EXISTS { MATCH (c)-[:OWNED_BY]->(:Organization {id: $scope.org}) })"

# Where a list of cases starts: every case for national roles, otherwise only from the caller's organisation,
# so a case worker's caseload never scans the nation's cases. Yields ``c``; still filter with CASE_VISIBLE.
CASES_IN_SCOPE = """
CALL () {
  WITH $scope AS sc WHERE sc.national
  MATCH (c:Case)
  RETURN c
  UNION
  WITH $scope AS sc WHERE NOT sc.national AND sc.org IS NOT NULL
  MATCH (:Organization {id: sc.org})<-[:OWNED_BY]-(c:Case)
  RETURN c
}
"""

# A referral is visible with its case, or to the organisation whose service received it.
REFERRAL_VISIBLE = (
    "($scope.national"
    " OR EXISTS { MATCH (r)-[:FOR_CASE]->(:Case)-[:OWNED_BY]->(:Organization {id: $scope.org}) }"
    " OR EXISTS { MATCH (r)-[:TO_SERVICE]->(:Service)-[:PROVIDED_BY]->(:Organization {id: $scope.org}) })"
)

# A victim is visible through a case the caller may see.
VICTIM_VISIBLE = (
    "($scope.national"
    " OR EXISTS { MATCH (v)<-[:CONCERNS]-(:Case)-[:OWNED_BY]->(:Organization {id: $scope.org}) })"
)

# Network data (organisations, services) is shared with every signed-in member.
NETWORK_VISIBLE = "($scope.role IS NOT NULL)"

# A report is visible nationally, or to the organisation whose member submitted it (variable ``rep``).
REPORT_VISIBLE = "($scope.national OR (rep.submittedByOrg IS NOT NULL AND rep.submittedByOrg = $scope.org))"

# A transmission is visible nationally, or to the court it is addressed to (variables ``t`` and ``court``).
TRANSMISSION_VISIBLE = "($scope.national OR court.id = $scope.org)"

# The person-level and case-level labels: every repository statement reading or writing one embeds a fragment
# above or ``$scope``, or says why not with a ``// unscoped: <why>`` line (``ops/scope_lint.py``, run by
# ``make lint``). A domain adding such a label adds it here.
SCOPED_LABELS = ("Victim", "Identity", "Case", "Referral", "Report", "ReportMessage", "CustodyEvent", "Consent",
                 "Transmission", "Screening", "Enrolment")

# --- the authority's own work (strategy, training, campaigns, programmes)
# A strategy action is editable nationally, or by members of its lead agency (variable ``ac``).
ACTION_LED = "($scope.national OR EXISTS { MATCH (ac)-[:LED_BY]->(:Organization {id: $scope.org}) })"

# A training session is visible nationally, or to the organisation that organises it (variable ``ts``).
TRAINING_SESSION_VISIBLE = (
    "($scope.national OR EXISTS { MATCH (ts)-[:ORGANISED_BY]->(:Organization {id: $scope.org}) })"
)

# A campaign is visible nationally, or to the organisations that are its partners (variable ``cmp``).
CAMPAIGN_VISIBLE = "($scope.national OR EXISTS { MATCH (cmp)-[:CAMPAIGN_PARTNER]->(:Organization {id: $scope.org}) })"

# A partner programme is visible nationally, or to the organisation that runs it (variable ``prg``).
PROGRAMME_VISIBLE = "($scope.national OR EXISTS { MATCH (prg)-[:RUN_BY]->(:Organization {id: $scope.org}) })"
