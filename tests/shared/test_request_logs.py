"""JSON logs carry the request id and trace id of the request they were written for."""

from __future__ import annotations

import io
import json
import logging
import logging.config
import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from apik_shared.platform.logs import JsonFormatter, configure_logging
from apik_shared.platform.middleware import RequestContextMiddleware
from apik_shared.platform.problems import NotFound, install_problem_handlers

TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736"
TRACEPARENT = f"00-{TRACE_ID}-00f067aa0ba902b7-01"


def service_app() -> FastAPI:
    app = FastAPI()
    install_problem_handlers(app)
    app.add_middleware(RequestContextMiddleware)
    work_log = logging.getLogger("apik.test.work")

    @app.get("/reports/{number}")
    async def report(number: int) -> dict[str, int]:
        work_log.info("looking up report %s", number)
        if number == 404:
            raise NotFound("No such report.")
        return {"number": number}

    return app


@pytest.fixture
def log_lines() -> Iterator[io.StringIO]:
    """What the `apik.*` loggers write, formatted as the services format it."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter("intake"))
    logger = logging.getLogger("apik")
    old_level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield stream
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)


@pytest.fixture
async def client() -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=service_app())
    async with httpx.AsyncClient(transport=transport, base_url="http://svc") as client:
        yield client


def entries(stream: io.StringIO) -> list[dict[str, Any]]:
    return [json.loads(line) for line in stream.getvalue().splitlines()]


async def test_every_line_of_a_request_names_its_request_and_trace(
    client: httpx.AsyncClient, log_lines: io.StringIO
) -> None:
    response = await client.get(
        "/reports/7", headers={"X-Request-ID": "req-7", "traceparent": TRACEPARENT}
    )
    assert response.status_code == 200
    assert response.headers["x-request-id"] == "req-7"
    work, access = entries(log_lines)
    assert work["message"] == "looking up report 7"
    assert access["logger"] == "apik.access"
    for line in (work, access):
        assert line["request_id"] == "req-7"
        assert line["trace_id"] == TRACE_ID  # the caller's trace, continued
        assert line["service"] == "intake" and line["level"] == "INFO"
    assert (access["method"], access["path"], access["status"]) == ("GET", "/reports/7", 200)
    assert access["duration_ms"] >= 0


async def test_a_request_without_an_id_gets_one_in_its_answer_and_its_logs(
    client: httpx.AsyncClient, log_lines: io.StringIO
) -> None:
    response = await client.get("/reports/404")
    assert response.status_code == 404
    assert response.headers["content-type"] == "application/problem+json"
    request_id = response.headers["x-request-id"]
    assert re.fullmatch(r"[0-9a-f]{32}", request_id)
    lines = entries(log_lines)
    assert {line["request_id"] for line in lines} == {request_id}
    assert lines[-1]["status"] == 404
    # A new trace was started, and every line of the request shares it.
    assert len({line["trace_id"] for line in lines}) == 1


async def test_lines_outside_a_request_carry_no_request_id(
    client: httpx.AsyncClient, log_lines: io.StringIO
) -> None:
    await client.get("/reports/1", headers={"X-Request-ID": "req-1"})
    logging.getLogger("apik.test.work").info("between requests")
    assert "request_id" not in entries(log_lines)[-1]


@pytest.fixture
def restored_logging() -> Iterator[None]:
    names = ("", "uvicorn", "uvicorn.error", "uvicorn.access")
    saved = {
        n: (list(logging.getLogger(n).handlers), logging.getLogger(n).propagate) for n in names
    }
    level = logging.getLogger().level
    try:
        yield
    finally:
        for name, (handlers, propagate) in saved.items():
            logging.getLogger(name).handlers = handlers
            logging.getLogger(name).propagate = propagate
        logging.getLogger().setLevel(level)
        logging.getLogger("uvicorn.access").disabled = False


def test_the_servers_own_lines_are_json_too(
    restored_logging: None, capsys: pytest.CaptureFixture[str]
) -> None:
    from uvicorn.config import LOGGING_CONFIG

    logging.config.dictConfig(LOGGING_CONFIG)  # what uvicorn does before loading the app
    configure_logging("intake")  # what the app factory does
    try:
        raise RuntimeError("boom")
    except RuntimeError:
        logging.getLogger("uvicorn.error").exception("Exception in ASGI application")
    logging.getLogger("uvicorn.error").info("Shutting down")
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2, lines
    failure, shutdown = map(json.loads, lines)
    assert failure["message"] == "Exception in ASGI application"
    assert "RuntimeError: boom" in failure["exception"]
    assert (shutdown["logger"], shutdown["service"]) == ("uvicorn.error", "intake")
