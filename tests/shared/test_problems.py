"""RFC 9457 rendering (pure)."""

from __future__ import annotations

from fastapi.exceptions import RequestValidationError

from apik_shared.platform.problems import (
    InvalidInput,
    NotFound,
    TransitionNotAllowed,
    validation_problem,
)


def test_a_problem_renders_type_title_status_detail():
    body = NotFound("No report 7.").body("/api/v1/intake/reports/7")
    assert body == {
        "type": "/problems/not-found",
        "title": "Not found",
        "status": 404,
        "detail": "No report 7.",
        "instance": "/api/v1/intake/reports/7",
    }


def test_subclasses_keep_their_own_type_and_extensions():
    problem = TransitionNotAllowed("no", status="registered")
    assert problem.status == 409
    assert problem.body()["type"] == "/problems/transition-not-allowed"
    assert problem.body()["status"] == 409  # the extension may not clobber the HTTP status


def test_validation_errors_point_at_fields():
    exc = RequestValidationError(
        [
            {"loc": ("body", "reporter", "nik"), "msg": "a NIK has exactly 16 digits"},
            {"loc": ("query", "a/b"), "msg": "bad"},
        ]
    )
    problem = validation_problem(exc)
    assert problem.status == 422
    assert [e["pointer"] for e in problem.errors] == ["#/body/reporter/nik", "#/query/a~1b"]
    assert InvalidInput.field("#/body/x", "bad").errors == [
        {"pointer": "#/body/x", "detail": "bad"}
    ]
