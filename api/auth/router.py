"""The /auth endpoints and the public key set. Errors answer ``{"error": {"code", "message"}}``."""

from __future__ import annotations

from typing import TypeVar

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse, Response
from neo4j.exceptions import DriverError, Neo4jError
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from api.auth import accounts as user_rules
from api.auth import service
from api.auth.passwords import MAX_PASSWORD_LENGTH
from api.auth.service import AuthRejected, AuthRuntime
from api.auth.tokens import MAX_TOKEN_LENGTH, InvalidToken, TokenType
from api.errors import HimayaError
from api.graphql.errors import DATABASE_RETRY_AFTER, is_database_unavailable
from api.i18n import negotiate, translate
from api.limits.address import client_address
from api.state import state_of
from graph.db import Graph

router = APIRouter()

_STATUS = {"BAD_USER_INPUT": 400, "UNAUTHENTICATED": 401, "FORBIDDEN": 403, "NOT_FOUND": 404, "CONFLICT": 409,
           "RATE_LIMITED": 429, "UNAVAILABLE": 503}

Body = TypeVar("Body", bound=BaseModel)


# Browser clients (the console) keep the refresh token out of script reach: on request it travels only as an
# HttpOnly, SameSite=Strict cookie scoped to /auth/, and a cookie is only honoured with the X-Himaya-Client
# header (which a cross-site form cannot send), so a page of another site can neither read nor spend it.
REFRESH_COOKIE = "himaya_refresh"
REFRESH_COOKIE_PATH = "/auth/"
CLIENT_HEADER = "x-himaya-client"


class LoginBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    username: str = Field(min_length=1, max_length=128)
    password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    otp: str | None = Field(default=None, max_length=16)
    refresh_cookie: bool = False


class RefreshBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    refresh_token: str | None = Field(default=None, min_length=1, max_length=MAX_TOKEN_LENGTH)


class PasswordBody(BaseModel):
    model_config = ConfigDict(extra="forbid")
    current_password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)
    new_password: str = Field(min_length=1, max_length=MAX_PASSWORD_LENGTH)


def _runtime(request: Request) -> tuple[AuthRuntime, Graph]:
    state = state_of(request)
    return state.auth, state.graph


async def _body(request: Request, model: type[Body]) -> Body:
    """Parse the JSON body; a bad one is refused without echoing anything back (it may hold a password)."""
    try:
        return model.model_validate_json(await request.body())
    except ValidationError as exc:
        fields = sorted({str(error["loc"][0]) for error in exc.errors() if error.get("loc")})
        raise AuthRejected(400, service.BAD_USER_INPUT, "error.bad_input",
                           params={"detail": ", ".join(fields) or "body"}) from None


def _address(request: Request) -> str:
    settings = state_of(request).settings
    return client_address(request, settings.trusted_proxies, settings.client_address_header)


@router.post("/auth/login")
async def login(request: Request) -> JSONResponse:
    """Exchange username, password (and a one-time code for national roles) for a token pair."""
    body = await _body(request, LoginBody)
    runtime, graph = _runtime(request)
    if body.refresh_cookie and not request.headers.get(CLIENT_HEADER):
        raise AuthRejected(400, service.BAD_USER_INPUT, "error.bad_input", params={"detail": CLIENT_HEADER})
    pair = await service.login(runtime, graph, username=body.username, password=body.password, otp=body.otp,
                               address=_address(request))
    return _pair_response(request, pair, as_cookie=body.refresh_cookie)


@router.post("/auth/refresh")
async def refresh(request: Request) -> JSONResponse:
    """Spend a refresh token (in the body, or the console's cookie) for a new pair."""
    body = await _body(request, RefreshBody)
    runtime, graph = _runtime(request)
    token = body.refresh_token
    from_cookie = token is None
    if from_cookie:
        if not request.headers.get(CLIENT_HEADER):
            raise AuthRejected(400, service.BAD_USER_INPUT, "error.bad_input", params={"detail": "refresh_token"})
        token = _cookie_refresh_token(request)
    if token is None:
        raise service.unauthenticated()
    return _pair_response(request, await service.refresh(runtime, graph, token), as_cookie=from_cookie)


@router.post("/auth/logout", status_code=204)
async def logout(request: Request) -> Response:
    """End the session of the presented access token (or of the console's refresh cookie)."""
    runtime, graph = _runtime(request)
    principal = await service.authenticate(runtime, graph, request.headers.get("authorization"), fresh=True)
    if principal is None:
        cookie = _cookie_refresh_token(request)
        if cookie is None:
            raise service.unauthenticated()
        try:
            claims = runtime.tokens.decode(cookie, TokenType.REFRESH)
        except InvalidToken:
            claims = None
        if claims is not None:
            await service.revoke_session(graph, claims.session_id, claims.subject)
    else:
        await service.logout(graph, principal)
    response = Response(status_code=204)
    response.delete_cookie(REFRESH_COOKIE, path=REFRESH_COOKIE_PATH, secure=_secure(request), httponly=True,
                           samesite="strict")
    return response


@router.get("/auth/session")
async def session_info(request: Request) -> JSONResponse:
    """Who the presented access token speaks for: role and organisation (the console's navigation)."""
    runtime, graph = _runtime(request)
    principal = await service.authenticate(runtime, graph, request.headers.get("authorization"))
    if principal is None:
        raise service.unauthenticated()
    return JSONResponse({"user_id": principal.user_id, "role": principal.role.value,
                         "organization_id": principal.organization_id})


def _secure(request: Request) -> bool:
    return request.url.scheme == "https" or state_of(request).settings.is_production


def _cookie_refresh_token(request: Request) -> str | None:
    """The refresh cookie, only when the request carries the console's header (no cross-site spending)."""
    token = request.cookies.get(REFRESH_COOKIE)
    if not token or not request.headers.get(CLIENT_HEADER) or len(token) > MAX_TOKEN_LENGTH:
        return None
    return token


def _pair_response(request: Request, pair: service.TokenPair, *, as_cookie: bool) -> JSONResponse:
    """The pair as JSON; in cookie mode the refresh token goes only into the HttpOnly cookie."""
    body = pair.as_json()
    if not as_cookie:
        return JSONResponse(body)
    body.pop("refresh_token")
    response = JSONResponse(body)
    response.set_cookie(REFRESH_COOKIE, pair.refresh_token, max_age=pair.refresh_expires_in,
                        path=REFRESH_COOKIE_PATH, secure=_secure(request), httponly=True, samesite="strict")
    return response


@router.post("/auth/password", status_code=204)
async def change_password(request: Request) -> Response:
    """Change one's own password; every session of the account ends, this one included."""
    runtime, graph = _runtime(request)
    principal = await service.authenticate(runtime, graph, request.headers.get("authorization"), fresh=True)
    if principal is None:
        raise service.unauthenticated()
    body = await _body(request, PasswordBody)
    throttle, address = runtime.password_throttle, _address(request)
    wait = await throttle.retry_after(graph, principal.user_id, address) if throttle else None
    if wait is not None:
        raise AuthRejected(429, service.RATE_LIMITED, "auth.rate_limited", retry_after=wait, params={"seconds": wait})
    try:
        await user_rules.change_password(graph, user_id=principal.user_id, current_password=body.current_password,
                                         new_password=body.new_password)
    except HimayaError as exc:
        if throttle is not None and exc.code.value == service.UNAUTHENTICATED:
            await throttle.record_failure(graph, principal.user_id, address)
        raise AuthRejected(_STATUS.get(exc.code.value, 500), exc.code.value, exc.message_key,
                           retry_after=exc.extra_extensions.get("retryAfter"), params=dict(exc.params)) from None
    return Response(status_code=204)


@router.get("/.well-known/jwks.json")
async def jwks(request: Request) -> JSONResponse:
    """The public keys that verify our tokens."""
    runtime, _ = _runtime(request)
    return JSONResponse(runtime.keys.jwks(), headers={"cache-control": "public, max-age=300"})


def _error(request: Request, status: int, code: str, message_key: str, params: dict[str, object],
           headers: dict[str, str] | None = None) -> JSONResponse:
    message = translate(message_key, negotiate(request.headers.get("accept-language")), **params)
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


async def _auth_rejected(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, AuthRejected)
    headers: dict[str, str] = {}
    if exc.status == 401:
        headers["www-authenticate"] = 'Bearer realm="himaya"'
    if exc.retry_after is not None:
        headers["retry-after"] = str(exc.retry_after)
    return _error(request, exc.status, exc.code, exc.message_key, exc.params, headers)


async def _himaya_error(request: Request, exc: Exception) -> Response:
    """A refusal raised below the /auth handlers (e.g. no hashing slot free: 503 with Retry-After)."""
    assert isinstance(exc, HimayaError)
    retry_after = exc.extra_extensions.get("retryAfter")
    return await _auth_rejected(request, AuthRejected(_STATUS.get(exc.code.value, 500), exc.code.value,
                                                      exc.message_key, retry_after=retry_after,
                                                      params=dict(exc.params)))


async def _database_unavailable(request: Request, exc: Exception) -> Response:
    """Neo4j down or unable to write: 503 with Retry-After, never a traceback."""
    if not is_database_unavailable(exc):
        raise exc
    return _error(request, 503, "UNAVAILABLE", "error.unavailable", {},
                  {"retry-after": str(DATABASE_RETRY_AFTER)})


def install_auth(app: FastAPI) -> None:
    """Mount /auth/* and the JWKS, and answer sign-in refusals as JSON."""
    app.include_router(router)
    app.add_exception_handler(AuthRejected, _auth_rejected)
    app.add_exception_handler(HimayaError, _himaya_error)
    app.add_exception_handler(Neo4jError, _database_unavailable)
    app.add_exception_handler(DriverError, _database_unavailable)
