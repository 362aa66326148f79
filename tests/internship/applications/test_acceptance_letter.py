"""The acceptance letter: printed for an accepted application by its reviewers (audited),
with a QR code whose address checks it in public, the name partly masked."""

from __future__ import annotations

from apik_testing.pdf import text_of
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import APPLICATIONS, PROBLEM, V1, accepted, apply, link_account


def letter_url(application_id: str) -> str:
    return f"{APPLICATIONS}/{application_id}/acceptance-letter.pdf"


async def test_an_accepted_applicants_letter_prints_and_its_code_verifies_in_public(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor, unit="examination")
    answer = await internship.client.get(letter_url(filed["id"]), headers=supervisor)
    assert answer.status_code == 200, answer.text
    assert answer.headers["content-type"] == "application/pdf"
    text = " ".join(text_of(answer.content).split())
    assert "SURAT PENERIMAAN MAGANG" in text and "Rina Kartika" in text
    assert "Pemeriksaan Laporan" in text and "1 Februari 2027" in text
    [code] = [w for w in text.split() if w.startswith("PNR-")][:1]
    address = f"http://localhost:8000/magang/cek/{code}"  # the web app's check page
    assert address in text.replace(" ", "") or address in text
    # The print named the applicant: one full read, audited.
    reads = await internship.scalar(
        "SELECT count(*) FROM applicant_read WHERE application_id = :a AND purpose = :p",
        a=filed["id"],
        p="print the letter",
    )
    assert reads == 1

    check = await internship.client.get(f"{V1}/public/acceptance-letters/{code}")
    assert check.status_code == 200, check.text
    body = check.json()
    assert body["document"] == "acceptance_letter" and body["valid"] is True
    assert body["name"] == "Rina K******"
    assert (body["unit"], body["period_start"], body["period_end"]) == (
        "examination",
        "2027-02-01",
        "2027-04-30",
    )
    assert body["institution"] == "Universitas Bengkulu" and body["office"] == "KAB"
    # Typed from the paper: lower case, spaces for dashes.
    typed = code.lower().replace("-", " ")
    assert (
        await internship.client.get(f"{V1}/public/acceptance-letters/{typed}")
    ).status_code == 200


async def test_a_reprint_carries_the_same_code(
    internship: RunningService, supervisor: dict[str, str]
):
    filed = await accepted(internship, supervisor)
    first = await internship.client.get(letter_url(filed["id"]), headers=supervisor)
    second = await internship.client.get(letter_url(filed["id"]), headers=supervisor)
    codes = [
        next(w for w in text_of(a.content).split() if w.startswith("PNR-")) for a in (first, second)
    ]
    assert codes[0] == codes[1]
    assert (
        await internship.scalar(
            "SELECT count(*) FROM acceptance_letter WHERE application_id = :a", a=filed["id"]
        )
        == 1
    )


async def test_no_letter_before_acceptance_and_none_for_the_head(
    internship: RunningService, supervisor: dict[str, str], head: dict[str, str]
):
    filed = await apply(internship)
    early = await internship.client.get(letter_url(filed["id"]), headers=supervisor)
    assert early.status_code == 409 and early.headers["content-type"] == PROBLEM
    assert early.json()["code"] == "application_not_accepted"
    assert early.json()["params"] == {"status": "submitted"}
    done = await accepted(internship, supervisor)
    refused = await internship.client.get(letter_url(done["id"]), headers=head)
    assert refused.status_code == 403


async def test_an_unknown_or_malformed_code_is_404_problem(internship: RunningService):
    for code in ("PNR-0000-0000-0000-0000", "nonsense", "MORI-0000-0000-0000-0000"):
        answer = await internship.client.get(f"{V1}/public/acceptance-letters/{code}")
        assert answer.status_code == 404 and answer.headers["content-type"] == PROBLEM


async def test_the_intern_prints_their_own_letter_and_only_theirs(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    filed = await accepted(internship, supervisor)
    await link_account(internship, supervisor, filed["id"], "magang.surat")
    intern = tokens.headers("intern", office="KAB", username="magang.surat")
    mine = await internship.client.get(f"{V1}/interns/me/acceptance-letter.pdf", headers=intern)
    assert mine.status_code == 200 and "Rina Kartika" in text_of(mine.content)
    audited = await internship.scalar(
        "SELECT actor_username FROM applicant_read WHERE application_id = :a"
        " AND purpose = 'print the letter'",
        a=filed["id"],
    )
    assert audited == "magang.surat"
    stranger = tokens.headers("intern", office="KAB", username="bukan.siapa")
    refused = await internship.client.get(
        f"{V1}/interns/me/acceptance-letter.pdf", headers=stranger
    )
    assert refused.status_code == 403
