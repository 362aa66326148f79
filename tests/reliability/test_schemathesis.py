"""Generated requests against every operation of the merged API, through the gateway:
no 5xx, and every response matches the schema the service publishes."""

from __future__ import annotations

import re

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.specs.openapi.checks import response_schema_conformance

from apik_shared.devstack.stack import Stack
from apik_testing.stack import ADMIN_PASSWORD

pytestmark = pytest.mark.e2e

# Streams never end, so a generated call would wait for ever.
ENDLESS = re.compile(r"/stream$")
# Bodies that are files (prevention's filled XLSX template) are sent as the bytes
# generated: not a workbook, they must get a 4xx problem, never a 5xx.
schemathesis.serializer.alias(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "application/octet-stream"
)


# On the package's stack (conftest.py), whose gateway does not rate-limit public routes.
@pytest.mark.parametrize(
    ("examples", "derandomize"),
    [
        (12, True),
        # 200 examples of every operation take minutes, past the suite's 300 s limit.
        pytest.param(200, False, marks=[pytest.mark.slow, pytest.mark.timeout(3600)]),
    ],
    ids=["short", "long"],
)
def test_generated_requests_get_no_5xx_and_match_the_schema(
    stack: Stack, examples: int, derandomize: bool
):
    token = httpx.post(
        f"{stack.url}/api/v1/auth/token", data={"username": "admin", "password": ADMIN_PASSWORD}
    )
    admin = {"Authorization": f"Bearer {token.json()['access_token']}"}
    schema = schemathesis.openapi.from_url(f"{stack.url}/api/openapi.json")
    failures: list[str] = []
    checked = 0
    for result in schema.get_all_operations():
        if isinstance(result, Err):  # an operation the document cannot describe is a failure
            failures.append(f"unreadable operation: {result.err()}"[:4000])
            continue
        operation = result.ok()
        if ENDLESS.search(operation.path):
            continue

        @settings(
            max_examples=examples,
            deadline=None,
            database=None,
            # CI gets the same examples on every run, so it is reproducible; the long
            # variant searches wider and at random.
            derandomize=derandomize,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=operation.as_strategy())
        def check(case: schemathesis.Case) -> None:
            response = case.call(base_url=stack.url, headers=admin, timeout=30)
            case.validate_response(
                response, checks=[not_a_server_error, response_schema_conformance]
            )

        checked += 1
        try:
            check()
        except Exception as exc:  # collect every operation's failure, then report them all
            failures.append(f"{operation.method.upper()} {operation.path}: {_explain(exc)}"[:4000])
    assert checked > 20, "the merged document lost operations"
    assert not failures, "\n\n".join(failures)


def _explain(exc: BaseException) -> str:
    """The failure and, for a group (Hypothesis's flaky report), each failure inside."""
    inner = getattr(exc, "exceptions", ())
    return "; ".join([str(exc), *(f"[{type(e).__name__}] {_explain(e)}" for e in inner)])
