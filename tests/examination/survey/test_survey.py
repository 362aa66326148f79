"""The reporter's survey by link (no login) and the IKM on real PostgreSQL and NATS."""

from __future__ import annotations

from decimal import Decimal

from apik_shared.vocabulary.ikm import ELEMENTS
from apik_testing.tokens import TestTokens
from tests.examination.builders import API, answers, closed_case


async def test_the_reporter_answers_once_without_logging_in(infra, examination, tokens):
    case, token = await closed_case(infra, examination, tokens)
    url = f"{API}/public/surveys/{token}"
    form = await examination.client.get(url)
    assert form.status_code == 200, form.text
    assert form.json()["registration_number"] == case["registration_number"]
    assert [q["element"] for q in form.json()["questions"]] == [e.value for e in ELEMENTS]
    assert form.json()["answered"] is False
    answered = await examination.client.post(url, json={"answers": answers(3), "comment": "Baik"})
    assert answered.status_code == 201, answered.text
    again = await examination.client.post(url, json={"answers": answers(4)})
    assert again.status_code == 409 and again.json()["code"] == "survey_answered"
    assert (await examination.client.get(url)).json()["answered"] is True
    # Published with the answer, in its transaction; the refused second answer adds none.
    [surveyed] = await examination.outbox_events("case.surveyed", subject=case["id"])
    assert surveyed.data["answers"] == answers(3) and "comment" not in surveyed.data
    assert surveyed.data["answered_at"] == answered.json()["answered_at"]
    assert surveyed.data["examiner_id"] == "user:budi"
    assert surveyed.data["office"] == "BKL"
    assert surveyed.data["report_id"] == case["report_id"]
    result = await examination.client.get(
        f"{API}/ikm", params={"case_id": case["id"]}, headers=tokens.headers("head")
    )
    assert result.json()["responses"] == 1
    assert Decimal(result.json()["index"]) == Decimal("75.00") and result.json()["grade"] == "C"


async def test_bad_answers_change_nothing(infra, examination, tokens: TestTokens):
    case, token = await closed_case(infra, examination, tokens)
    url = f"{API}/public/surveys/{token}"
    incomplete = answers()
    del incomplete["facilities"]
    for body, pointer in [
        ({"answers": answers(cost=5)}, "#/body/answers/cost"),
        ({"answers": answers(behaviour=0)}, "#/body/answers/behaviour"),
        ({"answers": incomplete}, "#/body/answers/facilities"),
        ({"answers": answers(cost="banyak")}, "#/body/answers/cost"),
        ({}, "#/body/answers"),
    ]:
        response = await examination.client.post(url, json=body)
        assert response.status_code == 422, (body, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert pointer in [e["pointer"] for e in response.json()["errors"]], body
    assert (await examination.client.get(url)).json()["answered"] is False
    assert await examination.outbox_events("case.surveyed", subject=case["id"]) == []
    unknown = await examination.client.get(f"{API}/public/surveys/{'x' * 32}")
    assert unknown.status_code == 404


async def test_ikm_per_examiner_and_office(infra, examination, tokens: TestTokens):
    for value in (4, 3):
        _, token = await closed_case(infra, examination, tokens, office="IKM")
        posted = await examination.client.post(
            f"{API}/public/surveys/{token}", json={"answers": answers(value)}
        )
        assert posted.status_code == 201
    head = tokens.headers("head", office="IKM")
    by_examiner = await examination.client.get(
        f"{API}/ikm", params={"examiner_id": "user:budi"}, headers=head
    )
    body = by_examiner.json()
    assert body["responses"] == 2 and body["index"] == "87.50" and body["grade"] == "B"
    assert body["nrr"]["cost"] == 3.5
    nobody = await examination.client.get(
        f"{API}/ikm", params={"examiner_id": "user:nobody"}, headers=head
    )
    assert nobody.json() == {
        "responses": 0,
        "nrr": {},
        "index": None,
        "grade": None,
        "meaning": None,
    }
    other = await examination.client.get(f"{API}/ikm", params={"office": "BKL"}, headers=head)
    assert other.status_code == 422 and other.json()["errors"][0]["pointer"] == "#/query/office"
    backwards = await examination.client.get(
        f"{API}/ikm", params={"since": "2026-03-01", "until": "2026-02-01"}, headers=head
    )
    assert backwards.json()["errors"][0]["pointer"] == "#/query/until"
    open_ended = await examination.client.get(
        f"{API}/ikm", params={"since": "0001-01-01", "until": "9999-12-31"}, headers=head
    )
    assert open_ended.status_code == 200 and open_ended.json()["responses"] == 2
    forbidden = await examination.client.get(f"{API}/ikm", headers=tokens.headers("desk_officer"))
    assert forbidden.status_code == 403
