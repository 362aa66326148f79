"""Open311 GeoReport v2 through the gateway, every process real: an app with an API
client's key files a report at `/open311/v2/`, reads it back, and staff see it."""

from __future__ import annotations

import asyncio
import uuid
from xml.etree import ElementTree as ET

import httpx
import pytest

from apik_testing.stack import ADMIN_PASSWORD
from tests.e2e.office import login, staff_office

pytestmark = pytest.mark.e2e
V2 = "/open311/v2"


def _form(**changes: str) -> dict[str, str]:
    form = {
        "service_code": "education",
        "address_string": "SMP Negeri 2, Kota Kendari",
        "first_name": "Wa Ode",
        "last_name": "Sitti",
        "email": "waode@example.id",
        "description": f"Ijazah ditahan sekolah ({uuid.uuid4().hex[:6]}).",
        "attribute[reported_agency]": "SMP Negeri 2 Kota Kendari",
    }
    form.update(changes)
    return form


async def _served(gateway: httpx.AsyncClient, code: str) -> None:
    """Intake hears of a new office by event: the facade takes it once it has."""
    for _ in range(300):
        found = await gateway.get(f"{V2}/services.json", params={"jurisdiction_id": code})
        if found.status_code == 200:
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"intake never heard of {code}: {found.text}")


async def test_an_open311_app_files_and_reads_through_the_gateway(gateway):
    code = f"O{uuid.uuid4().hex[:5].upper()}"
    office = await staff_office(gateway, ADMIN_PASSWORD, code=code)
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    # The app's key: an API client of the office with no role at all.
    registered = await gateway.post(
        "/api/v1/auth/clients", headers=admin, json={"name": "Aplikasi Warga", "office": code}
    )
    assert registered.status_code == 201, registered.text
    client = registered.json()
    key = f"{client['id']}:{client['client_secret']}"
    await _served(gateway, code)

    discovery = await gateway.get(f"{V2}/discovery.json")
    assert discovery.status_code == 200, discovery.text
    assert discovery.json()["endpoints"][0]["url"] == f"{gateway.base_url}{V2}".rstrip("/")
    services = await gateway.get(f"{V2}/services.xml", params={"jurisdiction_id": code})
    codes = [s.findtext("service_code") for s in ET.fromstring(services.content)]
    assert "education" in codes

    filed = await gateway.post(f"{V2}/requests.json", data={**_form(), "api_key": key})
    assert filed.status_code == 201, filed.text
    [receipt] = filed.json()
    number = receipt["service_request_id"]
    assert number.startswith(f"{code}-")

    without = await gateway.post(f"{V2}/requests.json", data=_form())
    assert without.status_code == 403 and without.json()[0]["code"] == 403
    wrong = await gateway.post(
        f"{V2}/requests.xml", data={**_form(), "api_key": f"{client['id']}:not-it"}
    )
    assert wrong.status_code == 403
    assert ET.fromstring(wrong.content).findtext("error/code") == "403"
    bad_service = await gateway.post(
        f"{V2}/requests.json", data={**_form(service_code="astrology"), "api_key": key}
    )
    assert bad_service.status_code == 400
    assert bad_service.json()[0]["description"].startswith("service_code:")

    one = await gateway.get(f"{V2}/requests/{number}.json")
    assert one.status_code == 200, one.text
    [shown] = one.json()
    assert (shown["status"], shown["service_code"]) == ("open", "education")
    assert "Wa Ode" not in one.text and "waode@example.id" not in one.text
    listed = await gateway.get(
        f"{V2}/requests.xml",
        params={"jurisdiction_id": code, "status": "open", "service_code": "education"},
    )
    assert listed.status_code == 200, listed.text
    numbers = [r.findtext("service_request_id") for r in ET.fromstring(listed.content)]
    assert numbers == [number]  # the refused ones left nothing behind
    closed = await gateway.get(
        f"{V2}/requests.json", params={"jurisdiction_id": code, "status": "closed"}
    )
    assert closed.json() == []

    # Staff see it like any report, on the Open311 channel, filed by the app.
    staff = await gateway.get(
        "/api/v1/intake/reports", params={"channel": "open311"}, headers=office.officer
    )
    assert staff.status_code == 200, staff.text
    [report] = [r for r in staff.json()["items"] if r["registration_number"] == number]
    assert report["office"] == code and report["status"] == "registered"
