"""``GET /exports/{id}``: the owner of a finished export downloads its file with their bearer token (audited).

Anyone else's job, an unknown id and a malformed id all answer 404 alike; an expired file answers 410. Every
attempt by a signed-in caller is written to the audit log, refusals included.
"""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response

from api.audit import log as audit
from api.auth import service
from api.i18n import negotiate, translate
from api.logging_setup import request_id_var
from api.state import state_of as get_state
from api.statistics import jobs
from graph.access.permissions import Permission
from graph.access.scope import Scope

router = APIRouter()
ACTION = "downloadExport"


def _refusal(request: Request, status: int, code: str, message_key: str) -> JSONResponse:
    message = translate(message_key, negotiate(request.headers.get("accept-language")))
    headers = {"www-authenticate": 'Bearer realm="himaya"'} if status == 401 else {}
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


async def _audit(request: Request, scope: Scope, outcome: str, job_id: str) -> bool:
    entry = audit.AuditEntry.of(scope, ACTION, outcome, target=[job_id[:100]], request_id=request_id_var.get())
    try:
        await audit.append(get_state(request).graph, entry)
    except Exception:
        return False
    return True


@router.get("/exports/{job_id}", include_in_schema=False)
async def download(request: Request, job_id: str) -> Response:
    """The export file, for its owner only, until it expires."""
    state = get_state(request)
    try:
        principal = await service.authenticate(state.auth, state.graph, request.headers.get("authorization"))
    except service.AuthRejected:
        principal = None
    if principal is None:
        return _refusal(request, 401, "UNAUTHENTICATED", "error.unauthenticated")
    scope = principal.scope
    if not scope.can(Permission.EXPORT_STATISTICS):
        await _audit(request, scope, audit.outcome_of("FORBIDDEN"), job_id)
        return _refusal(request, 403, "FORBIDDEN", "error.forbidden")
    job = await jobs.export_job(state.graph, scope, job_id)
    if job is None:
        await _audit(request, scope, audit.outcome_of("NOT_FOUND"), job_id)
        return _refusal(request, 404, "NOT_FOUND", "error.not_found")
    path = jobs.job_file(state.settings, job["id"])
    if job["status"] == "EXPIRED" or (job["status"] == "DONE" and (jobs.is_expired(job) or not path.exists())):
        await _audit(request, scope, audit.outcome_of("EXPIRED"), job_id)
        return _refusal(request, 410, "EXPIRED", "statistics.export_expired")
    if job["status"] != "DONE":
        await _audit(request, scope, audit.outcome_of("CONFLICT"), job_id)
        key = "statistics.export_failed" if job["status"] == "FAILED" else "statistics.export_not_ready"
        return _refusal(request, 409, "CONFLICT", key)
    if not await _audit(request, scope, audit.OK, job_id):
        return _refusal(request, 503, "UNAVAILABLE", "error.unavailable")  # no audit record, no file
    content = path.read_bytes()
    return Response(content, media_type=str(job.get("contentType") or "application/octet-stream"), headers={
        "content-disposition": f'attachment; filename="{job.get("fileName") or job["id"]}"',
        "x-content-type-options": "nosniff"})  # no-store is set for every response by the middleware


def install_exports(app: FastAPI) -> None:
    """Mount the export downloads."""
    app.include_router(router)
