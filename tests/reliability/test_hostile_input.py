"""Hostile input through the gateway: a clear 4xx problem, never a 5xx, nothing stored."""

from __future__ import annotations

import json

import pytest

from tests.e2e.office import Office
from tests.intake.builders import report_body

pytestmark = pytest.mark.e2e
PROBLEM = "application/problem+json"


def encoded(**overrides: object) -> bytes:
    return json.dumps(report_body(**overrides)).encode()


HOSTILE_BODIES = {
    "nul character": encoded(summary="ijazah\u0000ditahan"),
    "nul in a nested field": encoded(reported_agency={"name": "Dinas\u0000"}),
    "deeply nested object": b'{"a":' * 100_000 + b"1" + b"}" * 100_000,
    "deeply nested array": b"[" * 100_000 + b"]" * 100_000,
    "latin-1 instead of utf-8": json.dumps(report_body(summary="café"), ensure_ascii=False)
    .encode("utf-8")
    .decode("utf-8")
    .encode("latin-1"),
    "lone surrogate": encoded(summary="\ud800"),
    "a 5,000-digit number": encoded().replace(b'"LM"', b"1" + b"0" * 5000),
    "over-long text": encoded(chronology="x" * 60_000),
    "an array": b"[]",
    "null": b"null",
    "nothing": b"",
    "not json": b"<script>alert(1)</script>",
    "duplicate keys, one bad": encoded()[:-1] + b', "channel": "carrier-pigeon"}',
    "script in a coded field": encoded(substance="<script>alert(1)</script>"),
    "sql in a coded field": encoded(channel="web'; DROP TABLE report; --"),
}


async def count_reports(office: Office) -> int:
    page = await office.client.get(
        "/api/v1/intake/reports", params={"limit": 200}, headers=office.officer
    )
    return len(page.json()["items"])


@pytest.mark.parametrize("name", list(HOSTILE_BODIES))
async def test_hostile_bodies_are_refused_cleanly(office: Office, name: str):
    before = await count_reports(office)
    response = await office.client.post(
        "/api/v1/intake/reports",
        content=HOSTILE_BODIES[name],
        headers={**office.officer, "content-type": "application/json"},
    )
    assert 400 <= response.status_code < 500, response.text[:300]
    assert response.headers["content-type"] == PROBLEM
    assert response.json()["status"] == response.status_code
    assert await count_reports(office) == before
    # The connection the gateway keeps to the service survived: the next request works.
    assert (await office.register()).status_code == 201


async def test_a_body_over_the_limit_is_413(office: Office):
    huge = b'{"summary": "' + b"x" * (26 * 1024 * 1024) + b'"}'
    response = await office.client.post(
        "/api/v1/intake/reports",
        content=huge,
        headers={**office.officer, "content-type": "application/json"},
    )
    assert response.status_code == 413 and response.headers["content-type"] == PROBLEM


async def test_sql_and_script_in_free_text_are_stored_as_text(office: Office):
    text = "'; DROP TABLE report; -- <script>alert('x')</script> ../../etc/passwd"
    created = await office.client.post(
        "/api/v1/intake/reports", json=report_body(summary=text), headers=office.officer
    )
    assert created.status_code == 201
    seen = await office.client.get(
        f"/api/v1/intake/reports/{created.json()['id']}", headers=office.officer
    )
    assert seen.json()["summary"] == text
    assert (await office.register()).status_code == 201  # the table is still there


@pytest.mark.parametrize(
    "path",
    [
        "/api/v1/intake/reports/..%2f..%2fauth%2fusers",
        "/api/v1/intake/reports/%00",
        "/api/v1/intake/reports/%2e%2e",
        "/api/v1/intake/reports?limit=99999999999999999999",
        "/api/v1/intake/reports?cursor=" + "A" * 5000,
        "/api/v1/examination/cases?report_id=' OR 1=1 --",
        "/api/v1/%2e%2e/auth/users",
    ],
)
async def test_path_and_query_tricks(office: Office, path: str):
    response = await office.client.get(path, headers=office.officer)
    assert 400 <= response.status_code < 500, response.text[:300]
    assert response.headers["content-type"] == PROBLEM
