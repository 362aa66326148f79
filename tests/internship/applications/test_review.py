"""Reviewers read applications (the applicant masked unless they review them, every full
read audited), read the letter, and accept within the quota or decline with a reason."""

from __future__ import annotations

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import APPLICATIONS, APPLY, LETTER, PROBLEM, apply, set_quota


async def reads_of(internship: RunningService, application_id: str) -> int:
    return int(
        await internship.scalar(
            "SELECT count(*) FROM applicant_read WHERE application_id = :a", a=application_id
        )
    )


async def test_a_supervisor_reads_the_applicant_in_full_and_each_read_is_audited(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await apply(internship)
    answer = await internship.client.get(f"{APPLICATIONS}/{filed['id']}", headers=supervisor)
    assert answer.status_code == 200
    assert answer.json()["applicant"] == {
        "name": "Rina Kartika",
        "email": "rina.kartika@student.ac.id",
        "phone": "+6281322223333",
        "study": "Ilmu Hukum",
        "disclosure": "full",
    }
    assert await reads_of(internship, filed["id"]) == 1
    listed = await internship.client.get(APPLICATIONS, headers=supervisor)
    assert filed["id"] in {a["id"] for a in listed.json()["items"]}
    assert await reads_of(internship, filed["id"]) == 2


async def test_the_head_sees_the_applicant_masked_and_not_the_letter(
    internship: RunningService, head: dict[str, str]
):
    filed = await apply(internship)
    answer = await internship.client.get(f"{APPLICATIONS}/{filed['id']}", headers=head)
    assert answer.json()["applicant"]["name"] == "R*** K******"
    assert answer.json()["applicant"]["disclosure"] == "masked"
    assert await reads_of(internship, filed["id"]) == 0  # a masked read reads nobody
    letter = await internship.client.get(f"{APPLICATIONS}/{filed['id']}/letter", headers=head)
    assert letter.status_code == 403 and letter.headers["content-type"] == PROBLEM


async def test_the_letter_comes_back_as_sent_to_the_supervisor(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await apply(internship)
    letter = await internship.client.get(f"{APPLICATIONS}/{filed['id']}/letter", headers=supervisor)
    assert letter.status_code == 200
    assert letter.content == LETTER and letter.headers["content-type"] == "application/pdf"
    assert 'filename="surat-pengantar.pdf"' in letter.headers["content-disposition"]
    assert await reads_of(internship, filed["id"]) == 1


async def test_an_accepted_applicant_sees_the_unit_and_intern_accepted_is_published(
    internship: RunningService, supervisor: dict[str, str]
):
    for month in ("2027-05", "2027-06"):
        await set_quota(internship, supervisor, "prevention", month, 5)
    filed = await apply(internship, period_start="2027-05-02", period_end="2027-06-30")
    accept = f"{APPLICATIONS}/{filed['id']}/acceptance"
    stale = await internship.client.post(
        accept, json={"unit": "prevention"}, headers={**supervisor, "If-Match": '"7"'}
    )
    assert stale.status_code == 412
    answer = await internship.client.post(
        accept, json={"unit": "prevention"}, headers={**supervisor, "If-Match": '"1"'}
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["status"] == "accepted" and answer.headers["etag"] == '"2"'
    status = await internship.client.get(f"{APPLY}/{filed['application_code']}")
    assert (status.json()["status"], status.json()["unit"]) == ("accepted", "prevention")
    [event] = await internship.outbox_events("intern.accepted", subject=filed["id"])
    assert event.data["unit"] == "prevention" and event.data["accepted_by"] == "pembimbing"
    assert "Rina" not in str(event.data)
    again = await internship.client.post(
        f"{APPLICATIONS}/{filed['id']}/decline", json={"reason": "Kuota"}, headers=supervisor
    )
    assert again.status_code == 409  # a decision is final
    assert again.json()["code"] == "decision_final"


async def test_a_declined_applicant_reads_the_reason(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await apply(internship)
    reason = "Periode yang diminta bertepatan dengan audit internal kantor."
    answer = await internship.client.post(
        f"{APPLICATIONS}/{filed['id']}/decline", json={"reason": reason}, headers=supervisor
    )
    assert answer.status_code == 200 and answer.json()["status"] == "declined"
    status = (await internship.client.get(f"{APPLY}/{filed['application_code']}")).json()
    assert (status["status"], status["reason"]) == ("declined", reason)
    assert await internship.outbox_events("intern.accepted", subject=filed["id"]) == []
    blank = await internship.client.post(
        f"{APPLICATIONS}/{filed['id']}/decline", json={"reason": " "}, headers=supervisor
    )
    assert blank.status_code == 422 and blank.json()["errors"][0]["pointer"] == "#/body/reason"


async def test_another_office_and_other_roles_do_not_review(
    internship: RunningService, tokens: TestTokens
):
    filed = await apply(internship)
    url = f"{APPLICATIONS}/{filed['id']}"
    elsewhere = tokens.headers("intern_supervisor", office="LAIN")
    assert (await internship.client.get(url, headers=elsewhere)).status_code == 404
    listed = await internship.client.get(APPLICATIONS, headers=elsewhere)
    assert filed["id"] not in {a["id"] for a in listed.json()["items"]}
    desk = tokens.headers("desk_officer", office="KAB")
    assert (await internship.client.get(url, headers=desk)).status_code == 403
    analyst = tokens.headers("analyst", office="KAB")
    accept = await internship.client.post(
        f"{url}/acceptance", json={"unit": "intake"}, headers=analyst
    )
    assert accept.status_code == 403
    assert (await internship.client.get(url)).status_code == 401
