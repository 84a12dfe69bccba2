"""A local stand-in for Google's OAuth token endpoint, the FCM v1 send endpoint, and a partner's webhook receiver.

It runs ``http.server`` in a thread on 127.0.0.1 (firebase-admin talks to it for real over HTTP) and records
every request. Replies are scripted per device token: a list of HTTP statuses consumed in order.
"""

from __future__ import annotations

import json
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

ACCESS_TOKEN = "standin-access-token"
_SEND = re.compile(r"^/v1/projects/([^/]+)/messages:send$")


def fcm_error(status: int, fcm_code: str | None) -> dict[str, Any]:
    names = {404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED", 500: "INTERNAL", 503: "UNAVAILABLE"}
    error: dict[str, Any] = {"code": status, "message": "stand-in error", "status": names.get(status, "UNKNOWN")}
    if fcm_code:
        error["details"] = [{"@type": "type.googleapis.com/google.firebase.fcm.v1.FcmError", "errorCode": fcm_code}]
    return {"error": error}


@dataclass
class StandIn:
    public_key_pem: bytes = b""
    token_requests: int = 0
    messages: list[dict[str, Any]] = field(default_factory=list)  # accepted FCM messages
    attempts: list[dict[str, Any]] = field(default_factory=list)  # every FCM request
    hooks: list[dict[str, Any]] = field(default_factory=list)
    script: dict[str, list[int]] = field(default_factory=lambda: defaultdict(list))
    unregistered: set[str] = field(default_factory=set)
    lock: threading.Lock = field(default_factory=threading.Lock)
    base_url: str = ""

    def fcm_reply(self, token: str) -> tuple[int, dict[str, Any]]:
        with self.lock:
            if token in self.unregistered:
                return 404, fcm_error(404, "UNREGISTERED")
            queue = self.script.get(token)
            status = queue.pop(0) if queue else 200
        if status == 200:
            return 200, {"name": f"projects/himaya-test/messages/{len(self.messages)}"}
        return status, fcm_error(status, "QUOTA_EXCEEDED" if status == 429 else None)


def _handler(state: StandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:
            return

        def _reply(self, status: int, body: dict[str, Any] | None = None, headers: dict[str, str] | None = None
                   ) -> None:
            data = json.dumps(body or {}).encode()
            self.send_response(status)
            for key, value in (headers or {}).items():
                self.send_header(key, value)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            if self.path == "/token":
                form = dict(pair.split("=", 1) for pair in raw.decode().split("&") if "=" in pair)
                # The assertion must be signed by the service account's key (google-auth chooses the audience).
                claims = jwt.decode(form.get("assertion", ""), state.public_key_pem, algorithms=["RS256"],
                                    options={"verify_aud": False})
                assert claims["iss"].endswith("@himaya-test.iam.gserviceaccount.com")
                with state.lock:
                    state.token_requests += 1
                self._reply(200, {"access_token": ACCESS_TOKEN, "expires_in": 3600, "token_type": "Bearer"})
                return
            match = _SEND.match(self.path)
            if match:
                if self.headers.get("Authorization") != f"Bearer {ACCESS_TOKEN}":
                    self._reply(401, fcm_error(401, None))
                    return
                message = json.loads(raw)["message"]
                status, body = state.fcm_reply(message.get("token", ""))
                with state.lock:
                    state.attempts.append({"project": match.group(1), "message": message, "status": status})
                    if status == 200:
                        state.messages.append(message)
                self._reply(status, body)
                return
            if self.path == "/hook":
                with state.lock:
                    state.hooks.append({"headers": dict(self.headers.items()), "body": raw})
                self._reply(200, {"ok": True})
                return
            if self.path == "/redirect":
                self._reply(302, {}, {"Location": state.base_url + "/hook"})
                return
            self._reply(404, {})

    return Handler


class _Listener(ThreadingHTTPServer):
    request_queue_size = 1024  # firebase-admin opens up to 100 connections at once
    daemon_threads = True


class Server:
    def __init__(self, state: StandIn) -> None:
        self.state = state
        self.httpd = _Listener(("127.0.0.1", 0), _handler(state))
        state.base_url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> StandIn:
        self.thread.start()
        return self.state

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
