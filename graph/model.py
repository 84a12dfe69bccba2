"""The fixed allow-list of labels, relationship types and property keys Cypher may name.

Values always travel as ``$parameters``. When a query has to be assembled (a filter, a sort key),
the pieces come only from these enums, so no user input can ever become Cypher syntax.
"""

from __future__ import annotations

from enum import StrEnum


class Label(StrEnum):
    GOVERNORATE = "Governorate"
    ORGANIZATION = "Organization"
    SERVICE = "Service"
    USER = "User"
    VICTIM = "Victim"
    IDENTITY = "Identity"
    CASE = "Case"
    CONSENT = "Consent"
    REFERRAL = "Referral"
    REPORT = "Report"
    TRANSMISSION = "Transmission"
    MIGRATION = "Migration"
    MIGRATION_LOCK = "MigrationLock"
    REFERENCE_ITEM = "ReferenceItem"
    SESSION = "Session"
    DATA_KEY = "DataKey"
    REPORT_MESSAGE = "ReportMessage"
    CUSTODY_EVENT = "CustodyEvent"
    SCREENING = "Screening"
    COUNTER = "Counter"
    ALERT = "Alert"
    DELIVERY = "Delivery"
    DEVICE = "Device"
    WEBHOOK_ENDPOINT = "WebhookEndpoint"
    IDEMPOTENCY_RECORD = "IdempotencyRecord"
    TOMBSTONE = "Tombstone"
    AUDIT_EVENT = "AuditEvent"
    AUDIT_HEAD = "AuditHead"
    # the trafficking graph (issue 15)
    PERPETRATOR = "Perpetrator"
    IDENTIFIER = "Identifier"
    ROUTE_EVENT = "RouteEvent"
    PROTECTED_PERSON = "ProtectedPerson"
    PROTECTION_MEASURE = "ProtectionMeasure"
    SUSPECTED_NETWORK = "SuspectedNetwork"


class RelType(StrEnum):
    ADJACENT_TO = "ADJACENT_TO"
    LOCATED_IN = "LOCATED_IN"
    PARTNERS_WITH = "PARTNERS_WITH"
    MEMBER_OF = "MEMBER_OF"
    PROVIDED_BY = "PROVIDED_BY"
    COVERS = "COVERS"
    HAS_IDENTITY = "HAS_IDENTITY"
    CONCERNS = "CONCERNS"
    OWNED_BY = "OWNED_BY"
    ASSIGNED_TO = "ASSIGNED_TO"
    GIVEN_BY = "GIVEN_BY"
    GRANTS_TO = "GRANTS_TO"
    FOR_CASE = "FOR_CASE"
    TO_SERVICE = "TO_SERVICE"
    SEALED_WITH = "SEALED_WITH"
    ON_REPORT = "ON_REPORT"
    HAS_EVENT = "HAS_EVENT"
    LINKED_TO = "LINKED_TO"
    TRANSMITS = "TRANSMITS"
    ADDRESSED_TO = "ADDRESSED_TO"
    SCREENS = "SCREENS"
    FOR_USER = "FOR_USER"
    OF_ALERT = "OF_ALERT"
    TO_DEVICE = "TO_DEVICE"
    TO_ORGANIZATION = "TO_ORGANIZATION"
    HAS_DEVICE = "HAS_DEVICE"
    HAS_WEBHOOK = "HAS_WEBHOOK"
    # the trafficking graph (issue 15)
    INVOLVES = "INVOLVES"
    MENTIONS = "MENTIONS"
    USES = "USES"
    HAS_ROUTE_EVENT = "HAS_ROUTE_EVENT"
    PROTECTED_IN = "PROTECTED_IN"
    HAS_MEASURE = "HAS_MEASURE"
    CASE_LINK = "CASE_LINK"
    INCLUDES = "INCLUDES"


class SortKey(StrEnum):
    """Property keys a list may be ordered by."""

    CODE = "code"
    NAME = "name"
    CREATED_AT = "createdAt"
    UPDATED_AT = "updatedAt"
    REFERENCE = "reference"
