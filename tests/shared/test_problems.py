"""RFC 9457 rendering (pure)."""

from __future__ import annotations

import httpx
from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError

from apik_shared.platform.problems import (
    Conflict,
    InvalidInput,
    NotFound,
    TransitionNotAllowed,
    install_problem_handlers,
    validation_problem,
)
from apik_shared.vocabulary.labels import Label, Language, named, named_each

# A state machine's words, as a component's rules keep them.
STATUSES = {"waiting": Label("Menunggu", "Waiting"), "closed": Label("Ditutup", "Closed")}
STEPS = {"end": Label("Akhiri", "End")}


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
    assert InvalidInput.field("#/body/x", "Too big.", code="less_than_equal", le=3).errors == [
        {
            "pointer": "#/body/x",
            "detail": "Too big.",
            "code": "less_than_equal",
            "params": {"le": 3},
        }
    ]


def test_validation_errors_carry_pydantic_s_type_and_its_wordable_context():
    from pydantic import BaseModel, Field, ValidationError, field_validator

    class Thing(BaseModel):
        name: str = Field(min_length=3)
        size: int
        code: str

        @field_validator("code")
        @classmethod
        def _upper(cls, value: str) -> str:
            if value != value.upper():
                raise ValueError("must be upper case")
            return value

    try:
        Thing.model_validate({"name": "ab", "code": "x"})
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        problem = validation_problem(RequestValidationError(errors))
    by_pointer = {e["pointer"]: e for e in problem.errors}
    assert by_pointer["#/body/name"]["code"] == "string_too_short"
    assert by_pointer["#/body/name"]["params"] == {"min_length": 3}
    assert by_pointer["#/body/size"]["code"] == "missing"
    assert by_pointer["#/body/size"]["params"] == {}
    # A value error's exception is no placeholder: its English message stays the detail.
    assert by_pointer["#/body/code"]["code"] == "value_error"
    assert by_pointer["#/body/code"]["params"] == {}
    assert by_pointer["#/body/code"]["detail"] == "Value error, must be upper case"


def test_a_field_refused_by_apik_s_own_check_names_its_code_and_params():
    from pydantic import BaseModel, ValidationError, field_validator

    from apik_shared.vocabulary.field_errors import invalid

    class Thing(BaseModel):
        year: int

        @field_validator("year")
        @classmethod
        def _plausible(cls, value: int) -> int:
            if value < 1900:
                raise invalid("implausible_year", "must be after {min}", min=1900)
            return value

    try:
        Thing.model_validate({"year": 1850})
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        problem = validation_problem(RequestValidationError(errors))
    # The validator's own code and params, and its English without "Value error, ".
    assert problem.errors == [
        {
            "pointer": "#/body/year",
            "detail": "must be after 1900",
            "code": "implausible_year",
            "params": {"min": 1900},
        }
    ]
    # The same refusal raised by a service (a pure rule said it), one field or several.
    late = invalid("ends_before_start", "ends before {start}", start="2026-01-05")
    assert InvalidInput.at("#/query/to", late).errors == [
        {
            "pointer": "#/query/to",
            "detail": "ends before 2026-01-05",
            "code": "ends_before_start",
            "params": {"start": "2026-01-05"},
        }
    ]
    both = InvalidInput.each([("#/body/a", late), ("#/body/b", invalid("missing", "Required"))])
    assert both.detail == "ends before 2026-01-05"
    assert [(e["pointer"], e["code"]) for e in both.errors] == [
        ("#/body/a", "ends_before_start"),
        ("#/body/b", "missing"),
    ]
    assert InvalidInput.field("#/body/x", "At most 3.", code="less_than_equal", le=3).errors == [
        {
            "pointer": "#/body/x",
            "detail": "At most 3.",
            "code": "less_than_equal",
            "params": {"le": 3},
        }
    ]


def test_a_specific_reason_rides_as_code_and_params_beside_the_english_detail():
    body = TransitionNotAllowed("Ended on 2026-01-31.", code="ended", params={"on": "2026-01-31"})
    assert body.body()["code"] == "ended"
    assert body.body()["params"] == {"on": "2026-01-31"}
    assert body.body()["detail"] == "Ended on 2026-01-31."


def test_a_state_machine_s_refusal_names_its_step_or_move_by_code_and_in_words():
    step = TransitionNotAllowed.step_refused(
        "end is not allowed", step=named(STEPS, "end"), status=named(STATUSES, "waiting")
    )
    assert step.body() | {"detail": ""} == {
        "type": "/problems/transition-not-allowed",
        "title": "This step is not allowed in the current status",
        "status": 409,
        "detail": "",
        "code": "step_not_allowed",
        "params": {"step": "end", "status": "waiting"},
        "labels": {"step": "Akhiri", "status": "Menunggu"},
        "labels_by_language": {
            "id": {"step": "Akhiri", "status": "Menunggu"},
            "en": {"step": "End", "status": "Waiting"},
        },
        "current_status": "waiting",
    }
    assert step.body(language=Language.en)["labels"] == {"step": "End", "status": "Waiting"}
    move = TransitionNotAllowed.move_refused(
        "no", status=named(STATUSES, "closed"), target=named(STATUSES, "open")
    )
    assert (move.body()["code"], move.body()["params"], move.body()["labels"]) == (
        "cannot_become",
        {"status": "closed", "target": "open"},
        {"status": "Ditutup", "target": "Open"},  # a code the table lacks: its own words
    )
    assert {"step_not_allowed", "cannot_become"} <= set(TransitionNotAllowed.reasons)


def test_a_field_s_named_param_is_said_in_words_in_its_entry_and_its_english_detail():
    from apik_shared.vocabulary.field_errors import invalid

    # One code (a status) and several (what is missing), each as a problem's own.
    waiting = invalid("not_now", 'The case is "{status}".', status=named(STATUSES, "waiting"))
    missing = named_each(STATUSES, ["closed", "waiting"])
    lacking = invalid("lacks", "Lacks: {missing}.", missing=missing)
    problem = InvalidInput.each([("#/body/a", waiting), ("#/body/b", lacking)])
    first, second = problem.body(language=Language.en)["errors"]
    assert first == {
        "pointer": "#/body/a",
        "detail": 'The case is "Waiting".',
        "code": "not_now",
        "params": {"status": "waiting"},
        "labels": {"status": "Waiting"},
        "labels_by_language": {"id": {"status": "Menunggu"}, "en": {"status": "Waiting"}},
    }
    assert second["params"] == {"missing": "closed, waiting"}
    assert second["labels_by_language"] == {
        "id": {"missing": "Ditutup, Menunggu"},
        "en": {"missing": "Closed, Waiting"},
    }
    assert second["detail"] == "Lacks: Closed, Waiting."
    assert problem.body()["errors"][1]["labels"] == {"missing": "Ditutup, Menunggu"}


def test_a_problem_without_named_params_has_no_labels():
    body = Conflict("no", code="x", params={"day": "2026-12-01"}).body()
    assert "labels" not in body
    assert "labels_by_language" not in body


async def test_the_problem_handler_says_labels_in_the_request_s_language():
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/x")
    async def refuse() -> None:
        raise TransitionNotAllowed.move_refused(
            "no", status=named(STATUSES, "closed"), target=named(STATUSES, "waiting")
        )

    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        indonesian = (await client.get("/x")).json()
        english = (await client.get("/x", headers={"Accept-Language": "en-GB,en;q=0.9"})).json()
    assert indonesian["labels"] == {"status": "Ditutup", "target": "Menunggu"}
    assert english["labels"] == {"status": "Closed", "target": "Waiting"}
    assert english["params"] == {"status": "closed", "target": "waiting"}
    # Every language's words in either answer: a client that shows the refusal after a
    # switch of language rewords it from these, without sending the request again.
    both = {
        "id": {"status": "Ditutup", "target": "Menunggu"},
        "en": {"status": "Closed", "target": "Waiting"},
    }
    assert indonesian["labels_by_language"] == english["labels_by_language"] == both
