"""The own-initiative investigation (investigasi atas prakarsa sendiri, kind IPS): the
office opens it itself, with no reporter and no verification; the plenary decides, and
an accepted one is handed to examination like an LM."""

from __future__ import annotations

import uuid

from apik_shared.platform.events.payloads import ReportVerified
from tests.intake.builders import FORMALLY_COMPLETE, REPORTS, report_body


def investigation(**overrides: object) -> dict[str, object]:
    body = report_body(
        kind="IPS",
        channel="social_media",
        summary="Pungutan liar pada pendaftaran sekolah yang ramai diberitakan",
        chronology="Media lokal memberitakan pungutan Rp500.000 per siswa baru sejak Juni 2026.",
        **overrides,
    )
    del body["reporter"]
    return body


async def test_registered_without_a_reporter_and_decided_by_the_plenary(intake, officer):
    created = await intake.client.post(REPORTS, json=investigation(), headers=officer)
    assert created.status_code == 201, created.text
    report = created.json()
    assert (report["kind"], report["status"]) == ("IPS", "registered")
    assert set(report["allowed_steps"]) == {"plenary_accept", "plenary_rco", "plenary_reject"}
    assert report["represented"] is False and report["reporter"]["confidential"] is False
    # No formal checklist, no identity: verification is not its path.
    url = f"{REPORTS}/{report['id']}"
    formal = await intake.client.post(
        f"{url}/formal-verification", json=FORMALLY_COMPLETE, headers=officer
    )
    assert formal.status_code == 409
    accepted = await intake.client.post(
        f"{url}/plenary-decision",
        json={"decision": "accept", "participants": ["Kepala Perwakilan", "Asisten PVL"]},
        headers=officer,
    )
    assert accepted.status_code == 200, accepted.text
    assert (accepted.json()["status"], accepted.json()["track"]) == ("accepted", "regular")


async def test_the_handoff_names_the_kind_and_parses_as_examination_reads_it(intake, officer):
    created = await intake.client.post(REPORTS, json=investigation(), headers=officer)
    report_id = created.json()["id"]
    await intake.client.post(
        f"{REPORTS}/{report_id}/plenary-decision", json={"decision": "accept"}, headers=officer
    )
    [event] = await intake.outbox_events("report.verified", subject=report_id)
    # What examination's consumer is given: the payload class, with a reporter id it turns
    # into a UUID (`uuid.UUID(report.reporter_id)` when it opens the case).
    handoff = ReportVerified.model_validate(event.data)
    assert handoff.kind == "IPS" and handoff.track == "regular"
    assert uuid.UUID(handoff.reporter_id) == uuid.UUID(created.json()["reporter"]["id"])
    assert handoff.reported_agency == "Dinas Pendidikan Kota Bengkulu"
    assert handoff.confidential is False


async def test_the_office_stands_as_its_own_reporter_and_no_person_is_made_up(
    intake, officer, tokens
):
    created = await intake.client.post(REPORTS, json=investigation(), headers=officer)
    head = tokens.headers("head", office="BKL", username="kepala")
    identity = await intake.client.get(
        f"{REPORTS}/{created.json()['id']}/reporter",
        params={"purpose": "memeriksa asal laporan"},
        headers=head,
    )
    assert identity.status_code == 200, identity.text
    held = identity.json()["identity"]
    assert held["name"].endswith("(investigasi atas prakarsa sendiri)")
    assert held["nik"] is None and held["phone"] is None and held["email"] is None
    # Nothing to recognise a person by: two investigations are not "the same reporter".
    second = await intake.client.post(REPORTS, json=investigation(), headers=officer)
    assert second.json()["reporter"]["matched_on"] == []


async def test_a_reporter_is_refused_on_it_and_required_on_every_other_kind(intake, officer):
    with_reporter = investigation()
    with_reporter["reporter"] = report_body()["reporter"]
    refused = await intake.client.post(REPORTS, json=with_reporter, headers=officer)
    assert refused.status_code == 422
    assert [e["pointer"] for e in refused.json()["errors"]] == ["#/body/reporter"]
    no_reporter = report_body()
    del no_reporter["reporter"]
    missing = await intake.client.post(REPORTS, json=no_reporter, headers=officer)
    assert missing.status_code == 422
    assert [e["pointer"] for e in missing.json()["errors"]] == ["#/body/reporter"]
