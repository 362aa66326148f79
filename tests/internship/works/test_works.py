"""The intern's works with their files (checked, sealed), and case material the
supervisor shares, masked before it is stored."""

from __future__ import annotations

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import INTERN, LETTER, PROBLEM, V1, accepted, link_account

MATERIAL = (
    "Pelapor Budi Santoso (0812-3456-7890) mengadukan penundaan berlarut layanan KTP-el"
    " oleh Kepala Dinas Hj. Sri Wahyuni; Pak Budi sudah tiga kali datang."
)


async def test_a_work_with_its_file_and_masked_case_material(
    internship: RunningService, supervisor: dict[str, str], tokens: TestTokens
):
    filed = await accepted(internship, supervisor)
    await link_account(internship, supervisor, filed["id"], "rina.karya")
    rina = tokens.headers("intern", office="KAB", username="rina.karya")
    made = await internship.client.post(
        f"{INTERN}/works",
        json={"kind": "analysis", "title": "Analisis penundaan berlarut layanan KTP-el"},
        headers=rina,
    )
    assert made.status_code == 201, made.text
    work = made.json()
    assert made.headers["location"].endswith(work["id"]) and made.headers["etag"] == '"1"'

    files = f"{INTERN}/works/{work['id']}/files"
    uploaded = await internship.client.post(
        f"{files}?filename=analisis.pdf", content=LETTER, headers=rina
    )
    assert uploaded.status_code == 201, uploaded.text
    file_id = uploaded.json()["id"]
    assert uploaded.json()["media_type"] == "application/pdf"
    sealed = await internship.scalar("SELECT content FROM work_file WHERE id = :i", i=file_id)
    assert "%PDF" not in sealed
    script = await internship.client.post(
        f"{files}?filename=catatan.txt", content=b"#!/bin/sh\necho hi\n", headers=rina
    )
    assert script.status_code == 415 and script.headers["content-type"] == PROBLEM
    own = await internship.client.get(f"{files}/{file_id}", headers=rina)
    assert own.status_code == 200 and own.content == LETTER

    other = tokens.headers("intern", office="KAB", username="rina.lain")
    other_filed = await accepted(internship, supervisor)
    await link_account(internship, supervisor, other_filed["id"], "rina.lain")
    assert (await internship.client.get(f"{INTERN}/works", headers=other)).json() == []
    assert (await internship.client.get(f"{files}/{file_id}", headers=other)).status_code == 404

    listed = await internship.client.get(
        f"{V1}/works", params={"application_id": filed["id"]}, headers=supervisor
    )
    [seen] = listed.json()
    assert [f["filename"] for f in seen["files"]] == ["analisis.pdf"]
    download = await internship.client.get(
        f"{V1}/works/{work['id']}/files/{file_id}", headers=supervisor
    )
    assert download.status_code == 200 and download.content == LETTER
    analyst = tokens.headers("analyst", office="KAB", username="analis")
    refused = await internship.client.get(
        f"{V1}/works/{work['id']}/files/{file_id}", headers=analyst
    )
    assert refused.status_code == 403

    share = f"{V1}/works/{work['id']}/case-material"
    body = {
        "case_reference": "0123/LM/2027/KAB",
        "material": MATERIAL,
        "names": ["Budi Santoso", "Hj. Sri Wahyuni"],
    }
    stale = await internship.client.put(share, json=body, headers={**supervisor, "If-Match": '"7"'})
    assert stale.status_code == 412
    shared = await internship.client.put(
        share, json=body, headers={**supervisor, "If-Match": '"1"'}
    )
    assert shared.status_code == 200, shared.text
    expected = (
        "Pelapor [nama disamarkan] ([telepon disamarkan]) mengadukan penundaan berlarut"
        " layanan KTP-el oleh Kepala Dinas [nama disamarkan]; Pak [nama disamarkan] sudah"
        " tiga kali datang."
    )
    assert shared.json()["shared_material"] == expected
    stored = await internship.scalar("SELECT shared_material FROM work WHERE id = :i", i=work["id"])
    assert stored == expected  # the unmasked text is kept nowhere
    mine = await internship.client.get(f"{INTERN}/works", headers=rina)
    [as_intern] = mine.json()
    assert as_intern["shared_material"] == expected
    assert as_intern["case_reference"] == "0123/LM/2027/KAB"
    cannot = await internship.client.put(share, json=body, headers=rina)
    assert cannot.status_code == 403
