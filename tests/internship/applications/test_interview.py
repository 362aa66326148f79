"""The reviewers' interview note: sealed at rest, written and rewritten by a reviewer who
sees the applicant in full (If-Match guards a rewrite), each read audited; the head, who
reads the applicant masked, neither reads nor writes it; bad input changes nothing."""

from __future__ import annotations

from apik_testing.services import RunningService
from tests.internship.builders import APPLICATIONS, PROBLEM, apply

NOTE = "Wawancara daring: motivasi kuat, siap di unit penerimaan laporan."


async def _reads(internship: RunningService, application_id: str, purpose: str) -> int:
    return int(
        await internship.scalar(
            "SELECT count(*) FROM applicant_read WHERE application_id = :a AND purpose = :p",
            a=application_id,
            p=purpose,
        )
    )


async def test_a_supervisor_writes_reads_and_rewrites_the_note_sealed(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await apply(internship)
    url = f"{APPLICATIONS}/{filed['id']}/interview"
    assert (await internship.client.get(url, headers=supervisor)).status_code == 404
    body = {"held_on": "2026-12-01", "note": NOTE}
    written = await internship.client.put(url, json=body, headers=supervisor)
    assert written.status_code == 200, written.text
    assert written.json()["note"] == NOTE and written.headers["etag"] == '"1"'
    assert written.json()["written_by"] == "pembimbing"
    stored = await internship.scalar(
        "SELECT note FROM application_interview WHERE application_id = :a", a=filed["id"]
    )
    assert "motivasi" not in stored  # sealed at rest
    read = await internship.client.get(url, headers=supervisor)
    assert read.json()["held_on"] == "2026-12-01" and read.json()["note"] == NOTE
    assert await _reads(internship, filed["id"], "read the interview note") == 1
    stale = await internship.client.put(
        url, json={"note": "Catatan kedua."}, headers={**supervisor, "If-Match": '"7"'}
    )
    assert stale.status_code == 412
    again = await internship.client.put(
        url, json={"note": "Catatan kedua."}, headers={**supervisor, "If-Match": '"1"'}
    )
    assert again.status_code == 200 and again.json()["version"] == 2
    assert again.json()["held_on"] is None


async def test_the_head_neither_reads_nor_writes_it(
    internship: RunningService, supervisor: dict[str, str], head: dict[str, str]
):
    filed = await apply(internship)
    url = f"{APPLICATIONS}/{filed['id']}/interview"
    await internship.client.put(url, json={"note": NOTE}, headers=supervisor)
    assert (await internship.client.get(url, headers=head)).status_code == 403
    refused = await internship.client.put(url, json={"note": "Ditimpa kepala."}, headers=head)
    assert refused.status_code == 403 and refused.headers["content-type"] == PROBLEM
    assert (await internship.client.get(url, headers=supervisor)).json()["note"] == NOTE


async def test_bad_input_names_the_field_and_changes_nothing(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await apply(internship)
    url = f"{APPLICATIONS}/{filed['id']}/interview"
    for body, pointer in (
        ({"note": "x"}, "#/body/note"),
        ({"note": NOTE, "held_on": "1800-01-01"}, "#/body/held_on"),
        ({"note": "bad\u0000note"}, "#/body/note"),
    ):
        refused = await internship.client.put(url, json=body, headers=supervisor)
        assert refused.status_code == 422, refused.text
        assert refused.json()["errors"][0]["pointer"] == pointer
    assert (await internship.client.get(url, headers=supervisor)).status_code == 404
