"""The survey's scale is strict, and the IKM's period counts the office's own days."""

from __future__ import annotations

import uuid
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import text

from tests.examination.builders import API, answers, closed_case


async def test_only_whole_numbers_from_one_to_four_are_answers(infra, examination, tokens):
    case, token = await closed_case(infra, examination, tokens)
    url = f"{API}/public/surveys/{token}"
    # JSON true would pass for 1, "3" and 3.0 for 3, if the numbers were parsed loosely.
    for value in (True, "3", 3.0, 2.5, None):
        response = await examination.client.post(url, json={"answers": answers(cost=value)})
        assert response.status_code == 422, (value, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert "#/body/answers/cost" in [e["pointer"] for e in response.json()["errors"]], value
    assert (await examination.client.get(url)).json()["answered"] is False
    assert await examination.outbox_events("case.surveyed", subject=case["id"]) == []
    assert (await examination.client.post(url, json={"answers": answers(2)})).status_code == 201


async def test_the_period_is_in_days_of_the_office(infra, examination, tokens):
    case, token = await closed_case(infra, examination, tokens, office="WIB")
    posted = await examination.client.post(
        f"{API}/public/surveys/{token}", json={"answers": answers(4)}
    )
    assert posted.status_code == 201
    # 03:00 on 1 March in Jakarta (the office's zone) is still 28 February in UTC.
    answered = datetime(2026, 3, 1, 3, 0, tzinfo=ZoneInfo("Asia/Jakarta"))
    async with examination.app.state.database.sessions() as session, session.begin():
        await session.execute(
            text("UPDATE case_survey SET answered_at = :at WHERE case_id = :c"),
            {"at": answered, "c": uuid.UUID(case["id"])},
        )
    head = tokens.headers("head", office="WIB")

    async def responses(since: str, until: str) -> int:
        response = await examination.client.get(
            f"{API}/ikm",
            params={"case_id": case["id"], "since": since, "until": until},
            headers=head,
        )
        assert response.status_code == 200, response.text
        return int(response.json()["responses"])

    assert await responses("2026-03-01", "2026-03-31") == 1  # March, as the office counts
    assert await responses("2026-02-01", "2026-02-28") == 0
    assert await responses("2026-03-01", "2026-03-01") == 1  # one day, both ends included
    assert await responses("2026-03-02", "2026-03-31") == 0
    assert await responses("0001-01-01", "9999-12-31") == 1
