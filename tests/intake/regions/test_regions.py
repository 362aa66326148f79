"""The region list the public form's picker reads, and a report's regency checked exactly."""

from __future__ import annotations

import uuid

from apik_intake.regions.rules import is_regency, provinces, regencies
from apik_testing.services import RunningService
from tests.intake.builders import report_body

REGIONS = "/api/v1/intake/public/regions"
PUBLIC = "/api/v1/intake/public/reports"


def form_report(**overrides: object) -> dict[str, object]:
    body = report_body(office="BKL", summary=f"Jalan rusak {uuid.uuid4().hex[:8]}")
    del body["kind"], body["channel"]
    body.update(overrides)
    return body


def test_the_decree_s_provinces_and_regencies_come_from_the_package():
    assert len(provinces()) == 38
    # 416 regencies and 98 cities (Kepmendagri 2025); a future decree may add a few.
    assert 500 <= len(regencies()) <= 530
    assert {r.province for r in regencies()} == {p.code for p in provinces()}
    assert is_regency("1771") and is_regency("9601")  # Kota Bengkulu; Papua Barat Daya
    assert not is_regency("1799") and not is_regency("1700")


async def test_every_province_and_regency_in_one_cacheable_answer(intake: RunningService):
    response = await intake.client.get(REGIONS)
    assert response.status_code == 200
    assert "public" in response.headers["cache-control"]
    body = response.json()
    assert body["source"].startswith("Kepmendagri")
    assert {"code": "17", "name": "Bengkulu"} in body["provinces"]
    bengkulu = [r for r in body["regencies"] if r["province"] == "17"]
    assert {"code": "1771", "province": "17", "name": "Kota Bengkulu"} in bengkulu
    assert len(bengkulu) == 10
    again = await intake.client.get(REGIONS, headers={"If-None-Match": response.headers["etag"]})
    assert again.status_code == 304 and again.content == b""


async def test_a_report_in_a_known_regency_is_filed(intake: RunningService):
    response = await intake.client.post(
        PUBLIC, json=form_report(location={"province": "17", "regency": "1771"})
    )
    assert response.status_code == 201, response.text


async def test_an_unknown_regency_is_refused_at_its_field(intake: RunningService):
    summary = f"Kabupaten fiktif {uuid.uuid4().hex[:8]}"
    response = await intake.client.post(
        PUBLIC,
        json=form_report(summary=summary, location={"province": "17", "regency": "1799"}),
    )
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    errors = response.json()["errors"]
    assert [e["pointer"] for e in errors] == ["#/body/location/regency"]
    assert "1799" in errors[0]["detail"]
    assert (errors[0]["code"], errors[0]["params"]) == ("unknown_regency", {"regency": "1799"})
    count = "SELECT count(*) FROM report WHERE summary = :s"
    assert await intake.scalar(count, s=summary) == 0


async def test_a_regency_of_another_province_is_refused(intake: RunningService):
    agency = {"name": "Dinas PU", "region": {"province": "17", "regency": "3171"}}
    response = await intake.client.post(PUBLIC, json=form_report(reported_agency=agency))
    assert response.status_code == 422
    pointers = [e["pointer"] for e in response.json()["errors"]]
    assert pointers == ["#/body/reported_agency/region/regency"]
    assert response.json()["errors"][0]["code"] == "regency_outside_province"
