"""One letter, two offices (issue 17, part 6): each office that received the same letter
sees that the other holds it, by the other office's code and name, registration number
and status, and by nothing else; and no office can use it to look into another's data."""

from __future__ import annotations

import uuid

from apik_intake.duplicates.rules import same_letter
from tests.intake.builders import REPORTS, register, register_office, report_body

# A letter to the President with a copy to the Vice-President's secretariat (the seeds'
# ministry ↔ secretariat link): both units register it, each in its own office.
LETTER = (
    "Dengan hormat, kami warga Desa Rawa Indah Kecamatan Seluma Selatan memohon bantuan"
    " Bapak Presiden karena bantuan sosial beras untuk 120 keluarga tidak disalurkan oleh"
    " pemerintah desa sejak Januari. Kepala desa menyatakan kuota habis padahal nama kami"
    " tercantum dalam daftar penerima. Kami sudah mengadu ke dinas sosial kabupaten."
)
# Other letters, one per test (the module's service is shared: a test's letter must not
# be another test's).
LAND_LETTER = (
    "Yth. Menteri Agraria, sertifikat hak milik atas tanah kami seluas 400 meter persegi di"
    " Kelurahan Padang Harapan tidak kunjung terbit sejak pengukuran ulang tahun 2024."
    " Petugas kantor pertanahan meminta biaya tambahan tanpa kuitansi resmi."
)
ROAD_LETTER = (
    "Kepada Yth. Bapak Presiden, jalan provinsi penghubung Kabupaten Kaur dan Bengkulu"
    " Selatan rusak berat sepanjang 12 kilometer sehingga ambulans tidak dapat lewat saat"
    " hujan. Dinas pekerjaan umum sudah kami surati dua kali tanpa jawaban."
)
SCHOOL_LETTER = (
    "Bapak Wakil Presiden yang kami hormati, sekolah dasar negeri di desa kami memungut"
    " uang gedung sebesar satu juta rupiah dari setiap murid baru dan menahan rapor anak"
    " yang orang tuanya belum membayar. Komite sekolah tidak pernah bermusyawarah."
)
FIELDS = {"office", "office_name", "registration_number", "status"}


def test_only_a_near_copy_is_the_same_letter():
    # Trigram similarity: a copy of a letter scores near 1; the 0.6 default asks for
    # most of the text to be shared, which two complaints on one subject seldom do.
    assert same_letter(0.97, threshold=0.6)
    assert same_letter(0.6, threshold=0.6)
    assert not same_letter(0.35, threshold=0.6)
    assert not same_letter(0.7, threshold=0.75)  # an office's stricter setting


def offices() -> tuple[str, str, str]:
    tag = uuid.uuid4().hex[:5].upper()
    return f"KS{tag}", f"WP{tag}", f"XX{tag}"


async def held_elsewhere(intake, report_id: str, headers: dict):
    return await intake.client.get(f"{REPORTS}/{report_id}/held-elsewhere", headers=headers)


async def test_each_office_sees_that_the_other_holds_the_letter(intake, tokens, infra):
    ministry, secretariat, _ = offices()
    await register_office(intake, infra.nats_url, ministry, name="Kementerian Sekretariat Negara")
    await register_office(intake, infra.nats_url, secretariat, name="Sekretariat Wakil Presiden")
    at_ministry = tokens.headers("intake_officer", office=ministry, username="pvl_setneg")
    at_secretariat = tokens.headers("intake_officer", office=secretariat, username="pvl_setwapres")
    first = await register(
        intake, at_ministry, kind="LM", summary="Bansos beras", chronology=LETTER
    )
    copy = await register(
        intake,
        at_secretariat,
        kind="TEMBUSAN",
        addressed_to="Presiden Republik Indonesia",
        summary="Tembusan: bansos beras",
        chronology=LETTER,
    )
    seen_by_secretariat = await held_elsewhere(intake, copy["id"], at_secretariat)
    assert seen_by_secretariat.status_code == 200, seen_by_secretariat.text
    assert seen_by_secretariat.json()["items"] == [
        {
            "office": ministry,
            "office_name": "Kementerian Sekretariat Negara",
            "registration_number": first["registration_number"],
            "status": "registered",
        }
    ]
    # The earlier office learns of the later one as well.
    seen_by_ministry = (await held_elsewhere(intake, first["id"], at_ministry)).json()["items"]
    assert seen_by_ministry == [
        {
            "office": secretariat,
            "office_name": "Sekretariat Wakil Presiden",
            "registration_number": copy["registration_number"],
            "status": "recorded",
        }
    ]
    # Not among the office's own duplicate candidates, which show text and scores.
    own = await intake.client.get(f"{REPORTS}/{copy['id']}/duplicates", headers=at_secretariat)
    assert first["id"] not in own.text


async def test_the_other_offices_report_reveals_nothing_and_opens_nothing(intake, tokens, infra):
    ministry, secretariat, _ = offices()
    at_ministry = tokens.headers("intake_officer", office=ministry)
    at_secretariat = tokens.headers("intake_officer", office=secretariat)
    head_secretariat = tokens.headers("head", office=secretariat)
    reporter = {**report_body()["reporter"], "name": "Suryani Hartono"}
    theirs = await register(intake, at_ministry, reporter=reporter, chronology=LAND_LETTER)
    mine = await register(intake, at_secretariat, chronology=LAND_LETTER)
    answer = await held_elsewhere(intake, mine["id"], head_secretariat)
    [item] = answer.json()["items"]
    assert set(item) == FIELDS
    # Nothing of the other report: no id, no reporter, no text, no agency.
    for secret in (theirs["id"], theirs["reporter"]["id"], "Suryani", "1771010101900001"):
        assert secret not in answer.text
    assert theirs["summary"] not in answer.text and "Dinas" not in answer.text
    # The number opens nothing in this office: not the report, its reporter, its files,
    # its duplicates, a search, nor the office's own list.
    for path in ("", "/reporter?purpose=cek", "/attachments", "/duplicates", "/held-elsewhere"):
        probe = await intake.client.get(f"{REPORTS}/{theirs['id']}{path}", headers=at_secretariat)
        assert probe.status_code == 404, (path, probe.status_code)
    searched = await intake.client.get(
        REPORTS, params={"q": theirs["registration_number"]}, headers=at_secretariat
    )
    assert theirs["id"] not in searched.text
    listed = await intake.client.get(REPORTS, params={"limit": 200}, headers=at_secretariat)
    assert {r["id"] for r in listed.json()["items"]} == {mine["id"]}
    linked = await intake.client.post(
        f"{REPORTS}/{mine['id']}/links",
        json={"target_report_id": theirs["id"], "link": "duplicate"},
        headers=at_secretariat,
    )
    assert linked.status_code == 422


async def test_there_is_no_way_to_probe_an_arbitrary_text(intake, tokens):
    """Only a report the office holds has cross-office candidates: there is no endpoint
    taking a text, and a probe must be registered, which shows it to the other office."""
    ministry, _, third = offices()
    at_ministry = tokens.headers("intake_officer", office=ministry)
    prober = tokens.headers("intake_officer", office=third, username="penyelidik")
    held = await register(intake, at_ministry, chronology=ROAD_LETTER)
    for params in ({"q": ROAD_LETTER[:100]}, {"text": ROAD_LETTER[:100]}):
        refused = await intake.client.get(
            f"{REPORTS}/held-elsewhere", params=params, headers=prober
        )
        assert refused.status_code in {404, 405, 422}, (params, refused.status_code)
    unknown = await held_elsewhere(intake, str(uuid.uuid4()), prober)
    assert unknown.status_code == 404
    # A probe registered as a report of the third office is itself seen by the ministry:
    # the one way in leaves the prober's number and office in the other's view.
    probe = await register(intake, prober, chronology=ROAD_LETTER)
    seen = (await held_elsewhere(intake, held["id"], at_ministry)).json()["items"]
    assert {(i["office"], i["registration_number"]) for i in seen} == {
        (third, probe["registration_number"])
    }


async def test_a_complaint_on_the_same_subject_is_not_the_same_letter(intake, tokens):
    ministry, secretariat, _ = offices()
    at_ministry = tokens.headers("intake_officer", office=ministry)
    at_secretariat = tokens.headers("intake_officer", office=secretariat)
    await register(intake, at_ministry, chronology=SCHOOL_LETTER)
    other = await register(
        intake,
        at_secretariat,
        chronology=(
            "Pelapor mengadukan sekolah menengah pertama negeri yang menahan ijazah lulusan"
            " karena sumbangan pembangunan belum dilunasi oleh orang tua murid."
        ),
    )
    assert (await held_elsewhere(intake, other["id"], at_secretariat)).json()["items"] == []
