"""The inventory of innovations (KIP4): the office's own and agencies', as a register."""

from __future__ import annotations

from typing import Any

from apik_testing.services import RunningService
from tests.prevention.builders import INNOVATIONS, PROBLEM


def _body(**overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "owner": "agency",
        "agency": "Sekretariat Negara, Asisten Deputi Pengaduan Masyarakat",
        "name": "SIPDUMAS",
        "description": "Sistem informasi penanganan pengaduan masyarakat, terhubung ke LAPOR!.",
        "category": "complaint_handling",
        "year": 2016,
        "status": "running",
        "link": "https://www.setneg.go.id",
    }
    return {**body, **overrides}


async def test_innovations_are_recorded_replaced_and_listed(
    prevention: RunningService, enumerator: dict[str, str], tokens_other: dict[str, str]
) -> None:
    agency = await prevention.client.post(INNOVATIONS, json=_body(), headers=enumerator)
    assert agency.status_code == 201, agency.text
    own = await prevention.client.post(
        INNOVATIONS,
        json=_body(owner="own", agency=None, name="APIK 4 Plus", category="digital", year=2022),
        headers=enumerator,
    )
    assert own.status_code == 201, own.text

    url = f"{INNOVATIONS}/{agency.json()['id']}"
    stopped = await prevention.client.put(
        url,
        json=_body(status="stopped"),
        headers={**enumerator, "If-Match": agency.headers["ETag"]},
    )
    assert stopped.status_code == 200, stopped.text
    assert stopped.json()["status"] == "stopped" and stopped.json()["version"] == 2
    stale = await prevention.client.put(
        url, json=_body(), headers={**enumerator, "If-Match": agency.headers["ETag"]}
    )
    assert stale.status_code == 412

    mine = await prevention.client.get(INNOVATIONS, params={"owner": "own"}, headers=enumerator)
    assert [i["name"] for i in mine.json()] == ["APIK 4 Plus"]
    assert (await prevention.client.get(url, headers=tokens_other)).status_code == 404


async def test_an_innovation_names_its_agency_exactly_when_it_is_an_agencys(
    prevention: RunningService, enumerator: dict[str, str]
) -> None:
    before = await prevention.scalar("SELECT count(*) FROM innovation")
    for body in (_body(agency=None), _body(owner="own")):
        answer = await prevention.client.post(INNOVATIONS, json=body, headers=enumerator)
        assert answer.status_code == 422, answer.text
        assert answer.headers["content-type"].startswith(PROBLEM)
        assert answer.json()["errors"][0]["pointer"] == "#/body/agency"
    bad_link = await prevention.client.post(
        INNOVATIONS, json=_body(link="javascript:alert(1)"), headers=enumerator
    )
    assert bad_link.status_code == 422
    assert bad_link.json()["errors"][0]["pointer"] == "#/body/link"
    assert await prevention.scalar("SELECT count(*) FROM innovation") == before
