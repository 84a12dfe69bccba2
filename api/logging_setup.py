"""Structured logs: JSON lines in production, readable lines in development, always with the request id.

Nothing personal goes into a log record: callers log ids and counts, never names, tokens or passwords,
and a redaction pass drops keys that look like secrets in case one slips into ``extra``.
"""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str | None] = ContextVar("himaya_request_id", default=None)

_STANDARD_ATTRS = frozenset(vars(logging.makeLogRecord({})).keys()) | {"message", "asctime"}
_REDACTED_KEYS = ("password", "token", "secret", "authorization", "otp", "receipt", "narrative", "name")


def _extras(record: logging.LogRecord) -> dict[str, object]:
    extras: dict[str, object] = {}
    for key, value in vars(record).items():
        if key in _STANDARD_ATTRS or key.startswith("_") or key == "color_message":
            continue
        lowered = key.lower()
        if any(marker in lowered for marker in _REDACTED_KEYS) and lowered not in {"operation_name"}:
            extras[key] = "[redacted]"
        else:
            extras[key] = value
    return extras


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        payload: dict[str, object] = {
            "ts": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        request_id = request_id_var.get()
        if request_id:
            payload["request_id"] = request_id
        payload.update(_extras(record))
        if record.exc_info:
            payload["exc_type"] = record.exc_info[0].__name__ if record.exc_info[0] else None
        return json.dumps(payload, default=str, ensure_ascii=False)


class ReadableFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        stamp = datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        request_id = request_id_var.get()
        rid = f" [{request_id[:8]}]" if request_id else ""
        extras = " ".join(f"{k}={v}" for k, v in _extras(record).items())
        line = f"{stamp} {record.levelname:<7} {record.name}{rid}: {record.getMessage()}"
        if extras:
            line += f"  {extras}"
        if record.exc_info and record.levelno >= logging.ERROR:
            line += "\n" + self.formatException(record.exc_info)
        return line


def configure_logging(*, as_json: bool, level: int = logging.INFO) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if as_json else ReadableFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # The driver and the HTTP server log connection details at INFO; keep them at WARNING.
    for noisy in ("neo4j", "uvicorn.access", "httpx", "httpcore"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
