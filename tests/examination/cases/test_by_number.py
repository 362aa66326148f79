"""A case is found by its report's registration number (the web app's "open by number")."""

from __future__ import annotations

from apik_testing.tokens import TestTokens
from tests.examination.builders import API, handoff, publish, wait_for_case


async def numbered(examination, headers: dict[str, str], number: str) -> list[str]:
    response = await examination.client.get(
        f"{API}/cases", params={"number": number}, headers=headers
    )
    assert response.status_code == 200, response.text
    return [item["id"] for item in response.json()["items"]]


async def test_the_whole_number_finds_the_one_case_in_the_office(
    infra, examination, tokens: TestTokens
):
    examiner = tokens.headers("examiner", office="PLU")
    wanted, other = handoff(office="PLU"), handoff(office="PLU")
    for event in (wanted, other):
        await publish(infra.nats_url, event)
    case = await wait_for_case(examination, examiner, wanted.data["report_id"])
    await wait_for_case(examination, examiner, other.data["report_id"])
    number = wanted.data["registration_number"]
    assert await numbered(examination, examiner, number) == [case["id"]]
    assert await numbered(examination, examiner, number.lower()) == [case["id"]]
    assert await numbered(examination, examiner, number[:-1]) == []
    elsewhere = tokens.headers("examiner", office="TTE")
    assert await numbered(examination, elsewhere, number) == []


async def test_a_bad_number_is_refused_naming_the_parameter(examination, tokens: TestTokens):
    examiner = tokens.headers("examiner")
    for bad in ("", " PLU-2026-1", "PLU\x00-2026", "P" * 65):
        response = await examination.client.get(
            f"{API}/cases", params={"number": bad}, headers=examiner
        )
        assert response.status_code == 422, (bad, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert "#/query/number" in [e["pointer"] for e in response.json()["errors"]]
