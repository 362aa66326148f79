"""Quotas per period and unit, through the API: an acceptance takes a place in every
month of the period, and a full month refuses the next one, naming it."""

from __future__ import annotations

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import APPLICATIONS, QUOTAS, apply, set_quota


async def accept(
    internship: RunningService, headers: dict[str, str], application_id: str, unit: str
):
    return await internship.client.post(
        f"{APPLICATIONS}/{application_id}/acceptance", json={"unit": unit}, headers=headers
    )


async def test_a_unit_full_in_one_month_of_the_period_refuses_and_names_the_month(
    internship: RunningService, supervisor: dict[str, str]
):
    # Examination takes 1 intern in August and 2 in September 2027.
    await set_quota(internship, supervisor, "examination", "2027-08", 1)
    await set_quota(internship, supervisor, "examination", "2027-09", 2)
    first = await apply(internship, period_start="2027-08-16", period_end="2027-09-15")
    assert (await accept(internship, supervisor, first["id"], "examination")).status_code == 200
    # August: 1 place, 1 taken. An internship touching August is refused...
    second = await apply(internship, period_start="2027-08-30", period_end="2027-09-30")
    refused = await accept(internship, supervisor, second["id"], "examination")
    assert refused.status_code == 409, refused.text
    assert refused.json()["type"].endswith("/quota-full")
    assert "2027-08 (1/1)" in refused.json()["detail"]
    [error] = refused.json()["errors"]
    assert error["pointer"] == "#/body/unit"
    assert (error["code"], error["params"]) == ("unit_full", {"months": "2027-08 (1/1)"})
    assert (
        await internship.scalar("SELECT status FROM application WHERE id = :i", i=second["id"])
        == "submitted"
    )
    # ...one in September only fits: 2 places, 1 taken.
    third = await apply(internship, period_start="2027-09-01", period_end="2027-09-30")
    assert (await accept(internship, supervisor, third["id"], "examination")).status_code == 200
    # Now September is full too (2/2).
    fourth = await apply(internship, period_start="2027-09-20", period_end="2027-09-25")
    assert (await accept(internship, supervisor, fourth["id"], "examination")).status_code == 409


async def test_a_month_without_a_quota_takes_nobody(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await apply(internship, period_start="2030-01-06", period_end="2030-01-31")
    refused = await accept(internship, supervisor, filed["id"], "intake")
    assert refused.status_code == 409 and "2030-01 (0/0)" in refused.json()["detail"]


async def test_the_quota_list_shows_places_taken_and_free_per_unit_and_month(
    internship: RunningService, supervisor: dict[str, str]
):
    await set_quota(internship, supervisor, "intake", "2028-03", 3)
    filed = await apply(internship, period_start="2028-03-01", period_end="2028-04-15")
    await set_quota(internship, supervisor, "intake", "2028-04", 1)
    assert (await accept(internship, supervisor, filed["id"], "intake")).status_code == 200
    answer = await internship.client.get(
        QUOTAS, params={"from": "2028-03", "to": "2028-04"}, headers=supervisor
    )
    assert answer.status_code == 200
    intake = [q for q in answer.json() if q["unit"] == "intake"]
    assert [(q["month"], q["places"], q["taken"], q["free"]) for q in intake] == [
        ("2028-03-01", 3, 1, 2),
        ("2028-04-01", 1, 1, 0),
    ]
    prevention = [q for q in answer.json() if q["unit"] == "prevention"]
    assert [(q["places"], q["taken"]) for q in prevention] == [(0, 0), (0, 0)]


async def test_quotas_are_set_by_reviewers_for_known_units_and_months(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    bad = [
        ({"unit": "kitchen", "month": "2027-01", "places": 1}, "#/body/unit"),
        ({"unit": "intake", "month": "2027-13", "places": 1}, "#/body/month"),
        ({"unit": "intake", "month": "2027-01", "places": -1}, "#/body/places"),
    ]
    for body, pointer in bad:
        answer = await internship.client.put(QUOTAS, json=body, headers=supervisor)
        assert answer.status_code == 422, body
        assert answer.json()["errors"][0]["pointer"] == pointer
    analyst = tokens.headers("analyst", office="KAB")
    body = {"unit": "intake", "month": "2027-01", "places": 1}
    assert (await internship.client.put(QUOTAS, json=body, headers=analyst)).status_code == 403
