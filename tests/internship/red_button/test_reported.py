"""Who a report is about: sealed at rest, shown to the office's protection officers with
how many other reports name the same person or unit (never which, nor who raised them)."""

from __future__ import annotations

from typing import Any

import pytest

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import CASES, PROBLEM, RED_BUTTON, red_button_body


async def raise_naming(internship: RunningService, reported: dict[str, Any] | None) -> str:
    body = red_button_body("anonymous", reported=reported)
    answer = await internship.client.post(RED_BUTTON, json=body)
    assert answer.status_code == 201, answer.text
    return str(
        await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    )


async def shown(internship: RunningService, headers: dict[str, str], case: str) -> dict[str, Any]:
    page = await internship.client.get(CASES, params={"limit": 100}, headers=headers)
    assert page.status_code == 200
    [found] = [c for c in page.json()["items"] if c["id"] == case]
    return dict(found)


async def test_officers_see_how_many_other_reports_name_the_same_person_or_unit(
    internship: RunningService, tokens: TestTokens
):
    # A fresh office of its own, so that other tests' cases do not count.
    officer = tokens.headers("protection_officer", office="PLG", username="pelindung_plg")
    first = await _raise(internship, "PLG", {"person": "Pak Hendra Wijaya", "unit": "intake"})
    # The same person written otherwise, in another unit; then only the unit.
    second = await _raise(internship, "PLG", {"person": "HENDRA WIJAYA, S.H."})
    third = await _raise(internship, "PLG", {"unit": "intake"})
    # The same name in another office is not counted here.
    await _raise(internship, "KAB", {"person": "Hendra Wijaya"})

    one = await shown(internship, officer, first)
    assert one["reported"] == {"person": "Pak Hendra Wijaya", "unit": "intake"}
    # Person: the second case names him (1); unit: the third names intake (1).
    assert (one["same_person_reports"], one["same_unit_reports"]) == (1, 1)
    two = await shown(internship, officer, second)
    assert (two["same_person_reports"], two["same_unit_reports"]) == (1, None)
    three = await shown(internship, officer, third)
    assert (three["same_person_reports"], three["same_unit_reports"]) == (None, 1)
    # Nothing in the answer points at the other cases or their reporters.
    assert str(second) not in str(one) and str(third) not in str(one)


async def _raise(internship: RunningService, office: str, reported: dict[str, Any]) -> str:
    body = red_button_body("anonymous", office=office, reported=reported)
    answer = await internship.client.post(RED_BUTTON, json=body)
    assert answer.status_code == 201, answer.text
    return str(
        await internship.scalar("SELECT id FROM red_button_case ORDER BY raised_at DESC LIMIT 1")
    )


async def test_who_is_reported_is_sealed_at_rest(internship: RunningService):
    case = await raise_naming(internship, {"person": "Rahmat Hidayat", "unit": "prevention"})
    row = await internship.scalar(
        "SELECT row_to_json(c)::text FROM red_button_case c WHERE id = :c", c=case
    )
    assert "Rahmat" not in row and "rahmat" not in row and "prevention" not in row


@pytest.mark.parametrize(
    ("reported", "pointer"),
    [
        ({}, "#/body/reported"),
        ({"unit": "dapur"}, "#/body/reported/unit"),
        ({"person": ""}, "#/body/reported/person"),
    ],
)
async def test_a_bad_reported_field_is_named_and_raises_nothing(
    internship: RunningService, reported: dict[str, Any], pointer: str
):
    before = await internship.scalar("SELECT count(*) FROM red_button_case")
    answer = await internship.client.post(
        RED_BUTTON, json=red_button_body("anonymous", reported=reported)
    )
    assert answer.status_code == 422 and answer.headers["content-type"] == PROBLEM
    assert pointer in answer.text
    assert await internship.scalar("SELECT count(*) FROM red_button_case") == before
