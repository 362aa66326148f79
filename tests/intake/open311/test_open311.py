"""The Open311 facade on intake with its real database: discovery, services, filing a
report through intake's registration, reading it back as the public may."""

from __future__ import annotations

import secrets
import uuid
from xml.etree import ElementTree as ET

import pytest
from sqlalchemy import text

from apik_intake.open311.rules.tokens import request_token, token_key
from apik_testing.services import RunningService
from tests.intake.builders import register, register_office, report_body

V2 = "/api/v1/intake/public/open311/v2"
FORM = {
    "service_code": "education",
    "lat": "-3.7956",
    "long": "102.2592",
    "address_string": "SD Negeri 5, Kota Bengkulu",
    "first_name": "Budi",
    "last_name": "Santoso",
    "email": "budi@example.id",
    "phone": "0812-3456-7890",
    "description": "Ijazah anak saya ditahan sekolah sejak Juli.",
    "attribute[reported_agency]": "SD Negeri 5 Kota Bengkulu",
    "attribute[nik]": "1771010101900001",
    "attribute[maladministration][]": "undue_delay",
}


@pytest.fixture(scope="module")
async def office(intake: RunningService, infra) -> str:
    code = f"O{secrets.token_hex(3).upper()}"
    await register_office(intake, infra.nats_url, code, "Asia/Makassar")
    return code


@pytest.fixture
def app_key(tokens, office) -> dict[str, str]:
    """What the gateway forwards for a valid `api_key`: the API client's token (one
    with no role at all: filing needs none, as the public form needs no account)."""
    return tokens.headers(office=office, username="aplikasi-warga")


def _errors(response) -> list[dict]:
    assert response.headers["content-type"].startswith("application/json")
    return response.json()


async def _file(intake, headers, **changes):
    form = {**FORM, **changes}
    return await intake.client.post(
        f"{V2}/requests.json",
        data={k: v for k, v in form.items() if v is not None},
        headers=headers,
    )


async def test_discovery_names_the_gateways_path_in_both_formats(intake):
    found = await intake.client.get(
        f"{V2}/discovery.json",
        headers={"x-forwarded-proto": "https", "x-forwarded-host": "apik.example.id"},
    )
    assert found.status_code == 200, found.text
    [endpoint] = found.json()["endpoints"]
    assert endpoint["url"] == "https://apik.example.id/open311/v2"
    assert set(endpoint["formats"]) == {"text/xml", "application/json"}
    as_xml = await intake.client.get(f"{V2}/discovery.xml")
    assert as_xml.headers["content-type"] == "text/xml; charset=utf-8"
    root = ET.fromstring(as_xml.content)
    assert root.tag == "discovery"
    assert (
        root.findtext("endpoints/endpoint/specification") == "http://wiki.open311.org/GeoReport_v2"
    )


async def test_services_are_the_offices_substances(intake, office):
    found = await intake.client.get(f"{V2}/services.json", params={"jurisdiction_id": office})
    assert found.status_code == 200, found.text
    services = {s["service_code"]: s for s in found.json()}
    assert services["education"]["service_name"] == "Pendidikan"
    assert services["education"]["metadata"] is True and services["education"]["type"] == "realtime"
    english = await intake.client.get(
        f"{V2}/services.xml", params={"jurisdiction_id": office}, headers={"accept-language": "en"}
    )
    names = {
        s.findtext("service_code"): s.findtext("service_name")
        for s in ET.fromstring(english.content).findall("service")
    }
    assert names["education"] == "Education"


async def test_a_definition_lists_the_attributes(intake, office):
    found = await intake.client.get(
        f"{V2}/services/education.json", params={"jurisdiction_id": office}
    )
    assert found.status_code == 200, found.text
    codes = [a["code"] for a in found.json()["attributes"]]
    assert codes[0] == "reported_agency" and "nik" in codes
    missing = await intake.client.get(f"{V2}/services/astrology.xml")
    assert missing.status_code == 404
    [error] = ET.fromstring(missing.content).findall("error")
    assert error.findtext("code") == "404"
    assert error.findtext("description", "").startswith("service_code:")


async def test_an_unknown_jurisdiction_format_or_path_is_the_specs_404(intake):
    for path in ("services.json?jurisdiction_id=NOWHERE", "services.yaml", "tokens/1.json"):
        response = await intake.client.get(f"{V2}/{path}")
        assert response.status_code == 404, path
        assert _errors(response)[0]["code"] == 404


async def test_a_report_is_filed_through_intakes_registration(intake, app_key, office):
    before = await intake.scalar("SELECT count(*) FROM report")
    filed = await _file(intake, app_key)
    assert filed.status_code == 201, filed.text
    [receipt] = filed.json()
    number = receipt["service_request_id"]
    assert number.startswith(f"{office}-")
    assert "diterima dengan nomor registrasi" in receipt["service_notice"]
    assert filed.headers["location"] == f"{V2}/requests/{number}.json"
    row = await intake.scalar(
        "SELECT json_build_object('channel', channel, 'kind', kind, 'substance', substance,"
        " 'office', office, 'by', created_by, 'agency', reported_agency,"
        " 'forms', maladministration, 'chronology', chronology)"
        " FROM report WHERE registration_number = :n",
        n=number,
    )
    assert (row["channel"], row["kind"], row["substance"], row["office"]) == (
        "open311",
        "LM",
        "education",
        office,
    )
    assert row["by"] == "aplikasi-warga" and row["agency"] == "SD Negeri 5 Kota Bengkulu"
    assert row["forms"] == ["undue_delay"]
    assert "Lokasi (Open311): SD Negeri 5, Kota Bengkulu" in row["chronology"]
    # The identity is sealed like any reporter's: the name is nowhere in clear.
    clear = await intake.scalar(
        "SELECT count(*) FROM reporter r JOIN report p ON p.reporter_id = r.id"
        " WHERE p.registration_number = :n AND r::text LIKE '%Budi%'",
        n=number,
    )
    assert clear == 0
    assert await intake.scalar("SELECT count(*) FROM report") == before + 1
    report_id = await intake.scalar(
        "SELECT id FROM report WHERE registration_number = :n", n=number
    )
    [registered] = await intake.outbox_events("report.registered", subject=str(report_id))
    assert registered.data["channel"] == "open311"


async def test_a_retried_form_answers_the_first_receipt(intake, app_key):
    form = {"description": f"Pungutan liar di sekolah {secrets.token_hex(4)}."}
    first = await _file(intake, app_key, **form)
    again = await _file(intake, app_key, **form)
    assert first.status_code == again.status_code == 201
    assert again.json() == first.json()
    assert again.headers["idempotent-replayed"] == "true"
    number = first.json()[0]["service_request_id"]
    as_xml = await intake.client.post(f"{V2}/requests.xml", data={**FORM, **form}, headers=app_key)
    assert as_xml.status_code == 201
    assert ET.fromstring(as_xml.content).findtext("request/service_request_id") != number
    count = await intake.scalar(
        "SELECT count(*) FROM report WHERE summary = :s", s=form["description"]
    )
    assert count == 2  # one per format: each path is its own endpoint


@pytest.mark.parametrize(
    ("changes", "named"),
    [
        ({"service_code": "astrology"}, "service_code"),
        ({"attribute[nik]": "1234567890123456"}, "attribute[nik]"),
        ({"lat": None, "long": None, "address_string": None}, "lat"),
        ({"first_name": None, "last_name": None}, "first_name"),
        ({"attribute[reported_agency]": None}, "attribute[reported_agency]"),
        ({"attribute[event_date]": "2099-01-01"}, "attribute[event_date]"),
        ({"attribute[agency_type]": "spaceship"}, "attribute[agency_type]"),
        ({"lat": "north"}, "lat"),
        ({"api_key": "leaked"}, "api_key"),
        ({"jurisdiction_id": "NOWHERE"}, "jurisdiction_id"),
    ],
)
async def test_a_bad_form_is_a_spec_error_naming_the_field_and_changes_nothing(
    intake, app_key, changes, named
):
    before = await intake.scalar("SELECT count(*) FROM report")
    refused = await _file(intake, app_key, **changes)
    assert refused.status_code in (400, 403, 404), refused.text
    assert any(e["description"].startswith(f"{named}:") for e in _errors(refused)), refused.text
    assert await intake.scalar("SELECT count(*) FROM report") == before


async def test_without_a_key_posting_is_the_specs_403(intake):
    before = await intake.scalar("SELECT count(*) FROM report")
    refused = await intake.client.post(f"{V2}/requests.xml", data=FORM)
    assert refused.status_code == 403
    error = ET.fromstring(refused.content).find("error")
    assert error is not None and error.findtext("description", "").startswith("api_key:")
    assert await intake.scalar("SELECT count(*) FROM report") == before


async def test_a_key_files_with_its_own_office_only(intake, tokens, office):
    stranger = tokens.headers(office="MKS", username="aplikasi-lain")
    refused = await _file(intake, stranger, jurisdiction_id=office)
    assert refused.status_code == 403
    assert _errors(refused)[0]["description"].startswith("jurisdiction_id:")


async def test_reads_show_only_what_the_tracking_page_shows(intake, app_key, office, officer):
    mine = (await _file(intake, app_key, description="Bantuan sosial tidak cair.")).json()[0]
    hidden = (
        await _file(intake, app_key, description="Rahasia.", **{"attribute[confidential]": "true"})
    ).json()[0]
    web = await register(intake, officer)
    one = await intake.client.get(f"{V2}/requests/{mine['service_request_id']}.json")
    assert one.status_code == 200, one.text
    [shown] = one.json()
    assert shown["status"] == "open" and shown["status_notes"] == "Teregistrasi"
    assert shown["service_code"] == "education" and shown["service_name"] == "Pendidikan"
    assert shown["agency_responsible"] == f"Perwakilan {office}"
    assert shown["requested_datetime"].endswith("+08:00")  # the office's WITA
    text = one.text
    for personal in ("Budi", "budi@example.id", "Bantuan sosial", "SD Negeri", "102.2592"):
        assert personal not in text
    # A report of another channel is not there: its number opens nothing without a PIN.
    other = await intake.client.get(f"{V2}/requests/{web['registration_number']}.json")
    assert other.status_code == 404
    listed = await intake.client.get(f"{V2}/requests.json", params={"jurisdiction_id": office})
    numbers = [r["service_request_id"] for r in listed.json()]
    assert mine["service_request_id"] in numbers
    assert hidden["service_request_id"] not in numbers  # confidential: by number only
    by_number = await intake.client.get(
        f"{V2}/requests.json",
        params={
            "service_request_id": f"{hidden['service_request_id']},{mine['service_request_id']}"
        },
    )
    assert len(by_number.json()) == 2


async def test_the_list_filters_by_status_substance_and_dates(intake, app_key, office):
    filed = (await _file(intake, app_key, description="Listrik padam tiap hari.")).json()[0]
    number = filed["service_request_id"]
    # As the plenary's rejection leaves it (the step itself is the steps' tests' business).
    async with intake.app.state.database.sessions() as session:
        await session.execute(
            text("UPDATE report SET status = 'rejected' WHERE registration_number = :n"),
            {"n": number},
        )
        await session.commit()

    async def listed(**params: str) -> list[str]:
        response = await intake.client.get(
            f"{V2}/requests.json", params={"jurisdiction_id": office, **params}
        )
        assert response.status_code == 200, response.text
        return [r["service_request_id"] for r in response.json()]

    assert number in await listed(status="closed")
    assert number not in await listed(status="open")
    assert number in await listed(status="open,closed")
    assert number not in await listed(service_code="tax")
    assert number in await listed(service_code="tax,education")
    assert number not in await listed(
        start_date="2026-01-01T00:00:00+07:00", end_date="2026-02-01T00:00:00+07:00"
    )
    as_xml = await intake.client.get(f"{V2}/requests.xml", params={"service_request_id": number})
    [request] = ET.fromstring(as_xml.content).findall("request")
    assert request.findtext("status") == "closed" and request.findtext("description") == ""
    bad = await intake.client.get(f"{V2}/requests.json", params={"status": "pending"})
    assert bad.status_code == 400 and _errors(bad)[0]["description"].startswith("status:")


async def test_staff_cannot_register_on_the_facades_channel(intake, officer):
    before = await intake.scalar("SELECT count(*) FROM report")
    refused = await intake.client.post(
        "/api/v1/intake/reports", json=report_body(channel="open311"), headers=officer
    )
    assert refused.status_code == 422, refused.text
    assert refused.json()["errors"][0]["pointer"] == "#/body/channel"
    assert await intake.scalar("SELECT count(*) FROM report") == before


async def test_a_multipart_form_of_fields_is_taken_and_a_file_is_refused(intake, app_key):
    fields = {name: (None, value) for name, value in FORM.items()}
    fields["description"] = (None, f"Formulir multipart {secrets.token_hex(4)}.")
    taken = await intake.client.post(f"{V2}/requests.json", files=fields, headers=app_key)
    assert taken.status_code == 201, taken.text
    before = await intake.scalar("SELECT count(*) FROM report")
    with_file = {**fields, "media": ("foto.jpg", b"\xff\xd8\xff", "image/jpeg")}
    refused = await intake.client.post(f"{V2}/requests.json", files=with_file, headers=app_key)
    assert refused.status_code == 400
    assert _errors(refused)[0]["description"].startswith("media:")
    assert await intake.scalar("SELECT count(*) FROM report") == before


async def test_another_method_or_body_is_the_specs_error(intake, app_key):
    put = await intake.client.put(f"{V2}/requests.json", headers=app_key)
    assert put.status_code == 404 and _errors(put)[0]["code"] == 404
    as_json = await intake.client.post(f"{V2}/requests.json", json=FORM, headers=app_key)
    assert as_json.status_code == 400
    assert "x-www-form-urlencoded" in _errors(as_json)[0]["description"]


async def test_a_second_report_of_the_same_reporter_is_a_duplicate_candidate(
    intake, app_key, tokens, office
):
    tag = secrets.token_hex(4)
    first = (await _file(intake, app_key, description=f"Ijazah ditahan {tag}.")).json()[0]
    second = (await _file(intake, app_key, description=f"Ijazah masih ditahan {tag}.")).json()[0]
    report_id = await intake.scalar(
        "SELECT id FROM report WHERE registration_number = :n", n=second["service_request_id"]
    )
    staff = tokens.headers("intake_officer", office=office, username="petugas")
    found = await intake.client.get(f"/api/v1/intake/reports/{report_id}/duplicates", headers=staff)
    assert found.status_code == 200, found.text
    [candidate] = [
        c for c in found.json()["items"] if c["registration_number"] == first["service_request_id"]
    ]
    assert "same_reporter" in candidate["reasons"]  # the NIK, phone and email, recognised


async def test_a_token_names_the_request_it_was_given_for_in_both_formats(intake, app_key, officer):
    filed = await _file(intake, app_key, description=f"Token {secrets.token_hex(4)}.")
    assert filed.status_code == 201, filed.text
    [receipt] = filed.json()
    token = receipt["token"]
    found = await intake.client.get(f"{V2}/tokens/{token}.json")
    assert found.status_code == 200, found.text
    assert found.json() == [{"service_request_id": receipt["service_request_id"], "token": token}]
    xml = await intake.client.get(f"{V2}/tokens/{token}.xml")
    assert xml.status_code == 200 and xml.headers["content-type"].startswith("text/xml")
    request = ET.fromstring(xml.content).find("request")
    assert request is not None
    assert request.findtext("service_request_id") == receipt["service_request_id"]
    assert request.findtext("token") == token
    # A token of ours altered by one character, or made up, names nothing: the spec's 404.
    forged = token[:-2] + ("A" if token[-2] != "A" else "B") + token[-1]
    for bad in (forged, "abc", "x" * 80):
        missing = await intake.client.get(f"{V2}/tokens/{bad}.json")
        assert missing.status_code == 404, bad
        assert missing.json()[0]["code"] == 404
    # A report filed at the desk has no token, even one made with our own key.
    staff = await register(intake, officer)
    key = token_key(intake.app.state.tracking_key)
    made = request_token(key, uuid.UUID(str(staff["id"])))
    assert (await intake.client.get(f"{V2}/tokens/{made}.json")).status_code == 404
