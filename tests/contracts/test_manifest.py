"""Every persisted operation is in the manifest under the hash of its exact bytes, and valid for the schema."""

from __future__ import annotations

import json

import pytest
from graphql import OperationDefinitionNode, parse, validate

from api.contracts.operations import MANIFEST_PATH, OPERATIONS_DIR, digest, load, manifest_text, scan
from api.contracts.snapshot import EXPORT_HINT
from api.graphql.schema import build_schema

OPERATIONS = load()
EXPECTED = {
    "outreach-worker": {"MyCaseload", "OpenCase", "RegisterVictim", "RecordScreening", "FindAssistance",
                        "AssistanceExclusions", "CreateReferral", "Guidelines", "IndicatorCatalogue", "SubmitReport",
                        "SyncChanges", "MyAlerts", "SyncGuidelines"},
    "partner": {"ReferralsToRespond", "RespondToReferral", "CompleteReferral", "UpdateServiceCapacity",
                "TrainingSessions", "RecordAttendance", "Campaigns", "RecordCampaignEvent", "Programmes",
                "ReportProgrammeActivity"},
    "court": {"Transmissions", "AcknowledgeTransmission", "RecordCourtFollowUp", "TransmissionDocument"},
}


def test_manifest_lists_exactly_the_documents_on_disk() -> None:
    assert MANIFEST_PATH.read_text(encoding="utf-8") == manifest_text(scan()), EXPORT_HINT


def test_each_app_has_its_operations() -> None:
    by_app: dict[str, set[str]] = {}
    for operation in OPERATIONS.values():
        by_app.setdefault(operation.app, set()).add(operation.name)
    assert by_app == EXPECTED


def test_hashes_are_sha256_of_the_exact_bytes() -> None:
    raw = json.loads(MANIFEST_PATH.read_text(encoding="utf-8"))
    for sha, entry in raw.items():
        assert digest((OPERATIONS_DIR / entry["file"]).read_bytes()) == sha
        assert set(entry) == {"name", "app", "file"}


@pytest.mark.parametrize("sha", sorted(OPERATIONS))
def test_operation_is_valid_against_the_schema(sha: str) -> None:
    operation = OPERATIONS[sha]
    document = parse(operation.document)
    definitions = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    assert len(document.definitions) == 1 and len(definitions) == 1, "one operation per file, no fragments file"
    assert definitions[0].name is not None and definitions[0].name.value == operation.name
    errors = validate(build_schema()._schema, document)
    assert errors == [], [e.message for e in errors]
