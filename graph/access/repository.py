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

# Aggregates over the whole national database (statistics, exports): holders of READ_STATISTICS only; the
# figures that leave the national roles go through the disclosure control (api/statistics/disclosure.py).
AGGREGATES_VISIBLE = "($scope.national OR 'READ_STATISTICS' IN $scope.permissions)"

# Aggregates of one organisation (variable ``o``): as AGGREGATES_VISIBLE, or the organisation's own members.
ORGANIZATION_AGGREGATES_VISIBLE = "($scope.national OR 'READ_STATISTICS' IN $scope.permissions OR o.id = $scope.org)"

# An export job is its owner's own (variable ``j``); system jobs (the worker) say why they are unscoped.
EXPORT_JOB_VISIBLE = "(j.ownerId = $scope.user)"
# A consent bound to ``k`` counts while it is neither revoked nor expired (checked at the moment of the query).
CONSENT_VALID = "(k.revokedAt IS NULL AND (k.expiresAt IS NULL OR k.expiresAt > datetime()))"

# The victim ``v`` gave organisation ``o`` a consent for REFERRAL that still counts.
REFERRAL_CONSENT_HOLDS = (
    "EXISTS { MATCH (k:Consent {purpose: 'REFERRAL'})-[:GIVEN_BY]->(v) WHERE EXISTS { MATCH (k)-[:GRANTS_TO]->(o) }"
    " AND " + CONSENT_VALID + " }"
)

# The services of every organisation the victim ``v`` gave a REFERRAL consent that still counts (the same rule as
# REFERRAL_CONSENT_HOLDS, read once per victim: testing each candidate service's organisation costs far more).
REFERRAL_CONSENTED_SERVICES = (
    "COLLECT { MATCH (k:Consent {purpose: 'REFERRAL'})-[:GIVEN_BY]->(v) WHERE " + CONSENT_VALID
    + " MATCH (k)-[:GRANTS_TO]->(:Organization)<-[:PROVIDED_BY]-(k_s:Service) RETURN DISTINCT k_s }"
)

# The need-to-know profile of the victim ``v`` of the case ``c`` behind referral ``r`` to a service of ``o``:
# national roles and the case's owner always; the receiving organisation only while the victim's REFERRAL
# consent to it holds, or while an emergency referral made without consent is open (PENDING or ACCEPTED).
# Revocation or expiry takes effect at once, in every path that reads the profile through this fragment.
REFERRAL_PROFILE_VISIBLE = (
    "($scope.national"
    " OR EXISTS { MATCH (c)-[:OWNED_BY]->(:Organization {id: $scope.org}) }"
    " OR (o.id = $scope.org AND ("
    + REFERRAL_CONSENT_HOLDS
    + " OR (coalesce(r.emergencyOverride, false) AND r.status IN ['PENDING', 'ACCEPTED']))))"
)

# The victim of ``v`` gave the court ``court`` a PROSECUTION consent that still counts.
PROSECUTION_CONSENT_HOLDS = (
    "EXISTS { MATCH (k:Consent {purpose: 'PROSECUTION'})-[:GIVEN_BY]->(v)"
    " WHERE EXISTS { MATCH (k)-[:GRANTS_TO]->(court) } AND " + CONSENT_VALID + " }"
)

# An approval request ``ap`` about case ``c``: visible with its case, to the organisation that asked (also once
# the case has moved away), or to the organisation a transfer asks.
APPROVAL_VISIBLE = (
    "($scope.national"
    " OR EXISTS { MATCH (c)-[:OWNED_BY]->(:Organization {id: $scope.org}) }"
    " OR (ap.requestedByOrg IS NOT NULL AND ap.requestedByOrg = $scope.org)"
    " OR EXISTS { MATCH (ap)-[:TO_ORGANIZATION]->(:Organization {id: $scope.org}) })"
)

# A perpetrator is visible nationally, or to an organisation owning a case that involves them (variable ``p``).
PERPETRATOR_VISIBLE = (
    "($scope.national"
    " OR EXISTS { MATCH (p)<-[:INVOLVES]-(:Case)-[:OWNED_BY]->(:Organization {id: $scope.org}) })"
)

# An identifier is visible nationally, or through a case of the caller's organisation that mentions it or involves
# a perpetrator using it (variable ``i``). Elsewhere only counts of the cases it appears in leave the database.
IDENTIFIER_VISIBLE = (
    "($scope.national"
    " OR EXISTS { MATCH (i)<-[:MENTIONS]-(:Case)-[:OWNED_BY]->(:Organization {id: $scope.org}) }"
    " OR EXISTS { MATCH (i)<-[:USES]-(:Perpetrator)<-[:INVOLVES]-(:Case)"
    "-[:OWNED_BY]->(:Organization {id: $scope.org}) })"
)

# A protected person (witness, whistleblower) is visible nationally, to the organisation that recorded them, and to
# the owner of a case they are protected in (variable ``pp``); their identity only to the first two.
PROTECTED_PERSON_VISIBLE = (
    "($scope.national OR pp.recordedByOrg = $scope.org"
    " OR EXISTS { MATCH (pp)-[:PROTECTED_IN]->(:Case)-[:OWNED_BY]->(:Organization {id: $scope.org}) })"
)
PROTECTED_IDENTITY_VISIBLE = "($scope.national OR pp.recordedByOrg = $scope.org)"

# The person-level and case-level labels: every repository statement reading or writing one embeds a fragment
# above or ``$scope``, or says why not with a ``// unscoped: <why>`` line (``ops/scope_lint.py``, run by
# ``make lint``). A domain adding such a label adds it here.
SCOPED_LABELS = ("Victim", "Identity", "Case", "Referral", "Report", "ReportMessage", "CustodyEvent", "Consent",
                 "Transmission", "Screening", "ExportJob", "ApprovalRequest", "ReferralStep", "Perpetrator",
                 "Identifier", "RouteEvent", "ProtectedPerson", "ProtectionMeasure", "SuspectedNetwork",
                 "TrainingEnrolment", "NetworkTransmission")

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
