"""A clinic through the API: registration, attendance, tests, N-gain, completion with
its event and certificates, the public check, and the year's comparison."""

from __future__ import annotations

import pytest

from apik_testing.pdf import text_of
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.prevention.builders import CLINICS, PROBLEM, V1, open_clinic, register


@pytest.fixture
def analyst(tokens: TestTokens) -> dict[str, str]:
    return tokens.headers("analyst", office="KAB", username="analis")


async def test_a_clinic_from_registration_to_certificates(
    prevention: RunningService, enumerator: dict[str, str], analyst: dict[str, str]
) -> None:
    created = await prevention.client.post(
        CLINICS,
        json={
            "title": "Klinik Pengaduan Kota Bengkulu",
            "held_on": "2025-03-11",
            "place": "Aula Dinas Kominfo",
            "max_score": 50,
        },
        headers=enumerator,
    )
    assert created.status_code == 201, created.text
    clinic = created.json()["id"]
    assert created.headers["Location"].endswith(f"/clinics/{clinic}")
    ani = await register(prevention, enumerator, clinic, "Ani Rahmawati", "Dinas Kesehatan")
    budi = await register(prevention, enumerator, clinic, "Budi Santoso", "Dinas Pendidikan")
    citra = await register(prevention, enumerator, clinic, "Citra Lestari", "RSUD M. Yunus")
    dedi = await register(prevention, enumerator, clinic, "Dedi Kurniawan", "Dinas Sosial")

    # A score above the test's maximum names the field and changes nothing.
    too_high = await prevention.client.post(
        f"{CLINICS}/{clinic}/tests",
        json={
            "scores": [
                {"participant_id": ani, "pre": 20, "post": 41},
                {"participant_id": budi, "pre": 10, "post": 51},
            ]
        },
        headers=enumerator,
    )
    assert too_high.status_code == 422 and too_high.headers["content-type"] == PROBLEM
    [error] = too_high.json()["errors"]
    assert error["pointer"] == "#/body/scores/1/post"
    # Said by the web app as pydantic's own bound is ("Paling besar 50."), not in English.
    assert (error["code"], error["params"]) == ("less_than_equal", {"le": 50})
    untouched = (await prevention.client.get(f"{CLINICS}/{clinic}", headers=enumerator)).json()
    assert all(p["pre_score"] is None for p in untouched["participants"])

    current = await prevention.client.get(f"{CLINICS}/{clinic}", headers=enumerator)
    tests = await prevention.client.post(
        f"{CLINICS}/{clinic}/tests",
        json={
            "scores": [
                {"participant_id": ani, "pre": 20, "post": 41},
                {"participant_id": budi, "pre": 10, "post": 22},
                {"participant_id": citra, "pre": 50, "post": 50},
                {"participant_id": dedi, "pre": 30},
            ]
        },
        headers={**enumerator, "If-Match": current.headers["ETag"]},
    )
    assert tests.status_code == 200, tests.text
    # The old ETag no longer matches.
    stale = await prevention.client.put(
        f"{CLINICS}/{clinic}/attendance",
        json={"attended": [ani]},
        headers={**enumerator, "If-Match": current.headers["ETag"]},
    )
    assert stale.status_code == 412

    # Worked by hand in test_rules: A 0.7 high, B 0.3 medium, C undefined, D untested;
    # mean of individual gains 0.5, Hake's class gain 33/70 = 0.471.
    gains = await prevention.client.get(f"{CLINICS}/{clinic}/n-gain", headers=enumerator)
    assert gains.status_code == 200, gains.text
    body = gains.json()
    by_id = {p["participant_id"]: p for p in body["participants"]}
    assert (by_id[ani]["n_gain"], by_id[ani]["category"]) == (0.7, "high")
    assert (by_id[budi]["n_gain"], by_id[budi]["category"]) == (0.3, "medium")
    assert (by_id[citra]["n_gain"], by_id[citra]["category"]) == (None, "undefined")
    assert (by_id[dedi]["n_gain"], by_id[dedi]["category"]) == (None, "undefined")
    assert body["tested"] == 3
    assert body["mean_of_individual_gains"] == {"value": 0.5, "category": "medium"}
    assert body["class_gain_hake"] == {"value": 0.471, "category": "medium"}
    # The analyst sees the figures, names masked; only full reads are audited.
    audited = "SELECT count(*) FROM clinic_participant_read WHERE clinic_id = :c AND purpose = :p"
    assert await prevention.scalar(audited, c=clinic, p="n-gain") == 1
    masked = (await prevention.client.get(f"{CLINICS}/{clinic}/n-gain", headers=analyst)).json()
    assert {p["name"] for p in masked["participants"]} >= {"A** R********"}
    assert await prevention.scalar(audited, c=clinic, p="n-gain") == 1
    one = await prevention.client.get(f"{CLINICS}/{clinic}/participants/{ani}", headers=enumerator)
    assert one.status_code == 200 and one.json()["name"] == "Ani Rahmawati"
    assert await prevention.scalar(audited, c=clinic, p="participant") == 1

    # Nobody attended yet: no completion.
    early = await prevention.client.post(f"{CLINICS}/{clinic}/complete", headers=enumerator)
    assert early.status_code == 409 and early.json()["type"] == "/problems/clinic-nobody-attended"
    stranger = "00000000-0000-4000-8000-000000000000"
    unknown = await prevention.client.put(
        f"{CLINICS}/{clinic}/attendance", json={"attended": [ani, stranger]}, headers=enumerator
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["pointer"] == "#/body/attended/1"
    attendance = await prevention.client.put(
        f"{CLINICS}/{clinic}/attendance", json={"attended": [ani, budi, citra]}, headers=enumerator
    )
    assert attendance.status_code == 200, attendance.text

    done = await prevention.client.post(f"{CLINICS}/{clinic}/complete", headers=enumerator)
    assert done.status_code == 200, done.text
    assert done.json()["status"] == "completed"
    codes = {p["id"]: p["certificate_code"] for p in done.json()["participants"]}
    assert codes[dedi] is None and all(codes[p] for p in (ani, budi, citra))
    [event] = await prevention.outbox_events("clinic.completed", subject=clinic)
    assert (event.data["participants"], event.data["attended"], event.data["tested"]) == (4, 3, 3)
    assert (event.data["class_gain"], event.data["mean_gain"]) == (0.471, 0.5)
    assert "Ani" not in str(event.data)

    # Completed: nothing changes any more, and no second event.
    again = await prevention.client.post(f"{CLINICS}/{clinic}/complete", headers=enumerator)
    assert again.status_code == 409
    late = await prevention.client.post(
        f"{CLINICS}/{clinic}/participants",
        json={"name": "Eka Putri", "agency": "Dinas Sosial"},
        headers=enumerator,
    )
    assert late.status_code == 409
    assert len(await prevention.outbox_events("clinic.completed", subject=clinic)) == 1

    # The certificate to print names the attendee; none for who did not attend.
    printed = await prevention.client.get(
        f"{CLINICS}/{clinic}/participants/{ani}/certificate.pdf", headers=enumerator
    )
    assert printed.status_code == 200 and printed.content.startswith(b"%PDF")
    # Its QR code and printed address open the web app's check page, not raw JSON.
    page = f"http://localhost:8000/klinik/cek/{codes[ani]}"
    assert page in "".join(text_of(printed.content).split())
    absent = await prevention.client.get(
        f"{CLINICS}/{clinic}/participants/{dedi}/certificate.pdf", headers=enumerator
    )
    assert absent.status_code == 404
    assert (
        await prevention.client.get(
            f"{CLINICS}/{clinic}/participants/{ani}/certificate.pdf", headers=analyst
        )
    ).status_code == 403

    # Anyone holding the code checks it without login; the name is masked.
    code = codes[ani]
    check = await prevention.client.get(f"{V1}/public/clinics/certificates/{code.lower()}")
    assert check.status_code == 200, check.text
    assert check.json()["participant"] == "A** R********"
    assert check.json()["clinic"] == "Klinik Pengaduan Kota Bengkulu"
    forged = code[:-1] + ("0" if code[-1] != "0" else "1")
    assert (
        await prevention.client.get(f"{V1}/public/clinics/certificates/{forged}")
    ).status_code == 404
    assert (
        await prevention.client.get(f"{V1}/public/clinics/certificates/not-a-code")
    ).status_code == 404


async def test_clinics_compared_over_a_year(
    prevention: RunningService, enumerator: dict[str, str], tokens: TestTokens
) -> None:
    first = (await open_clinic(prevention, enumerator, held_on="2023-02-01"))["id"]
    second = (await open_clinic(prevention, enumerator, held_on="2023-09-01"))["id"]
    await open_clinic(prevention, enumerator, held_on="2022-12-31")
    # First: 40 -> 70 of 100, g = 30 / 60 = 0.5. Second: 40 -> 85, g = 45 / 60 = 0.75.
    for clinic, post in ((first, 70), (second, 85)):
        person = await register(prevention, enumerator, clinic, "Rina Wati", "Dinas Sosial")
        answer = await prevention.client.post(
            f"{CLINICS}/{clinic}/tests",
            json={"scores": [{"participant_id": person, "pre": 40, "post": post}]},
            headers=enumerator,
        )
        assert answer.status_code == 200, answer.text
    year = await prevention.client.get(
        f"{CLINICS}/effectiveness", params={"year": 2023}, headers=enumerator
    )
    assert year.status_code == 200, year.text
    rows = [r for r in year.json()["clinics"] if r["clinic_id"] in (first, second)]
    assert [r["clinic_id"] for r in rows] == [first, second]
    assert [r["class_gain_hake"]["value"] for r in rows] == [0.5, 0.75]
    assert [r["class_gain_hake"]["category"] for r in rows] == ["medium", "high"]
    # Another office sees neither these clinics nor the clinic itself.
    other = tokens.headers("prevention_officer", office="KOTA", username="lain")
    elsewhere = await prevention.client.get(
        f"{CLINICS}/effectiveness", params={"year": 2023}, headers=other
    )
    assert all(r["clinic_id"] not in (first, second) for r in elsewhere.json()["clinics"])
    assert (await prevention.client.get(f"{CLINICS}/{first}", headers=other)).status_code == 404
    bad = await prevention.client.get(
        f"{CLINICS}/effectiveness", params={"year": "dua"}, headers=enumerator
    )
    assert bad.status_code == 422


async def test_bad_input_names_the_field_and_roles_are_checked(
    prevention: RunningService, enumerator: dict[str, str], analyst: dict[str, str]
) -> None:
    bad = await prevention.client.post(
        CLINICS, json={"title": "Klinik", "held_on": "kemarin", "place": "Aula"}, headers=enumerator
    )
    assert bad.status_code == 422 and bad.headers["content-type"] == PROBLEM
    assert any(e["pointer"] == "#/body/held_on" for e in bad.json()["errors"])
    forbidden = await prevention.client.post(
        CLINICS, json={"title": "Klinik", "held_on": "2024-01-02", "place": "Aula"}, headers=analyst
    )
    assert forbidden.status_code == 403
    assert (await prevention.client.get(f"{V1}/clinics/effectiveness")).status_code == 401
