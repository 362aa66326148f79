"""JSON logs carrying the request id and trace id of the work being done."""

from __future__ import annotations

import json
import logging
import sys
from contextvars import ContextVar
from datetime import UTC, datetime

request_id_var: ContextVar[str] = ContextVar("request_id", default="")
# The W3C traceparent of the work being done, carried into the events it produces.
traceparent_var: ContextVar[str] = ContextVar("traceparent", default="")
trace_id_var: ContextVar[str] = ContextVar("trace_id", default="")


class JsonFormatter(logging.Formatter):
    def __init__(self, service: str) -> None:
        super().__init__()
        self.service = service

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "service": self.service,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if rid := request_id_var.get():
            entry["request_id"] = rid
        if tid := trace_id_var.get():
            entry["trace_id"] = tid
        for key in ("method", "path", "status", "duration_ms", "event_id", "event_type"):
            if hasattr(record, key):
                entry[key] = getattr(record, key)
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False, default=str)


def configure_logging(service: str, level: str = "INFO") -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter(service))
    root = logging.getLogger()
    root.handlers = [handler]
    root.setLevel(level)
    # uvicorn's access log repeats what our middleware logs, without the request id.
    logging.getLogger("uvicorn.access").disabled = True
    # uvicorn configures its loggers before it loads the app, with a plain-text handler:
    # its lines (start-up, shutdown, "Exception in ASGI application" with a traceback)
    # would break a log shipper reading one JSON object per line. They go to ours.
    server_log = logging.getLogger("uvicorn")
    server_log.handlers = []
    server_log.propagate = True
