"""Duplicate candidates on realistic texts, links, copies, merges and the history."""

from __future__ import annotations

import uuid

from apik_intake.duplicates.rules import (
    Signals,
    is_candidate,
    score,
    text_bands,
    without_reporter,
)
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.intake.builders import report_body

REPORTS = "/api/v1/intake/reports"
PDF = b"%PDF-1.7\n%%EOF\n"


def test_a_resent_letter_scores_high_and_says_why():
    value, reasons = score(
        Signals(True, 0.8, same_agency=True, same_substance=True, days_apart=20), window_days=180
    )
    assert value == 1.0
    assert reasons == ["same_reporter", "similar_text", "same_agency", "same_substance"]


def test_the_same_agency_alone_is_not_enough():
    value, reasons = score(Signals(False, 0.1, True, True, 10), window_days=180)
    assert value == 0.25 and not is_candidate(value)
    assert reasons == ["same_agency", "same_substance"]


def test_the_window_bounds_agency_and_substance_but_not_text():
    near = score(Signals(False, 0.6, True, True, 30), window_days=180)
    far = score(Signals(False, 0.6, True, True, 400), window_days=180)
    assert near == (0.5, ["similar_text", "same_agency", "same_substance"])
    assert far == (0.3, ["similar_text"])
    assert is_candidate(near[0]) and not is_candidate(far[0])


def test_the_same_reporter_on_another_matter_is_shown():
    value, reasons = score(Signals(True, 0.05, False, False, 3), window_days=180)
    assert is_candidate(value) and reasons == ["same_reporter"]


def test_without_the_reporter_a_pair_keeps_only_what_the_text_and_agency_say():
    """What a role not entitled to a confidential reporter's link sees of a pair."""
    alone = score(Signals(True, 0.05, False, False, 3), window_days=180)
    assert without_reporter(*alone) is None
    resent = score(Signals(True, 0.8, True, True, 20), window_days=180)
    assert without_reporter(*resent) == (0.6, ["similar_text", "same_agency", "same_substance"])
    other = score(Signals(False, 0.8, True, False, 20), window_days=180)
    assert without_reporter(*other) == other


LETTER = (
    "Sejak awal Agustus air PDAM tidak mengalir ke rumah warga Desa Rawa Indah, Kecamatan "
    "Seluma Selatan. Warga sudah melapor ke kantor PDAM tetapi belum ada perbaikan. Tagihan "
    "bulanan tetap dibayar padahal air tidak mengalir selama tiga minggu."
)


def test_a_letter_sent_again_in_another_order_shares_a_band_of_its_signature():
    sentences = LETTER.split(". ")
    again = ". ".join(reversed(sentences)) + " Laporan ini kami kirim ulang karena belum ada kabar."
    assert set(text_bands(LETTER)) & set(text_bands(again.upper()))
    assert len(text_bands(LETTER)) == 8


def test_another_complaint_in_the_usual_words_shares_no_band():
    other = (
        "Sejak awal Maret sertifikat tanah pelapor belum terbit di Kantor Pertanahan Kota "
        "Bengkulu. Pelapor sudah melapor ke kantor tersebut tetapi belum ada kepastian."
    )
    assert not set(text_bands(LETTER)) & set(text_bands(other))


def test_texts_under_three_words_have_no_signature():
    assert text_bands("Ijazah ditahan") == [] and text_bands("  ...  ") == []


def person(name: str, nik: str, phone: str | None) -> dict[str, object]:
    return {"name": name, "nik": nik, "phone": phone}


SITI = person("Siti Aminah", "1771015203850002", "0812 7000 1001")
JOKO = person("Joko Susilo", "1771021007800003", "0812 7000 2002")
RINA = person("Rina Wati", "1771034408950004", "0812 7000 3003")


async def register(intake: RunningService, headers: dict, **overrides: object) -> dict:
    response = await intake.client.post(REPORTS, json=report_body(**overrides), headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def candidates(intake: RunningService, report_id: str, headers: dict) -> dict[str, dict]:
    response = await intake.client.get(f"{REPORTS}/{report_id}/duplicates", headers=headers)
    assert response.status_code == 200, response.text
    return {c["report_id"]: c for c in response.json()["items"]}


async def test_candidates_on_realistic_reports(intake, tokens: TestTokens):
    headers = tokens.headers("intake_officer", office="DUP" + uuid.uuid4().hex[:4].upper())
    pdam = {"name": "PDAM Tirta Dharma Kabupaten Seluma"}
    original = await register(
        intake,
        headers,
        reporter=SITI,
        reported_agency=pdam,
        substance="drinking_water",
        summary="Air PDAM tidak mengalir selama tiga minggu di Desa Rawa Indah",
        chronology=(
            "Sejak awal Agustus air PDAM tidak mengalir ke rumah warga Desa Rawa Indah, "
            "Kecamatan Seluma Selatan. Warga sudah melapor ke kantor PDAM tetapi belum ada "
            "perbaikan, padahal tagihan bulanan tetap dibayar."
        ),
    )
    unrelated = await register(
        intake,
        headers,
        reporter=JOKO,
        reported_agency={"name": "Kantor Pertanahan Kota Bengkulu"},
        substance="land",
        summary="Sertifikat tanah belum terbit setelah dua tahun",
        chronology="Permohonan sertifikat diajukan pada 2024 dan belum ada kabar sampai kini.",
    )
    # The same complaint sent again by letter, in slightly different words.
    resent = await register(
        intake,
        headers,
        channel="letter",
        reporter={**SITI, "phone": None},
        reported_agency={"name": "pdam tirta dharma kabupaten seluma"},
        substance="drinking_water",
        summary="Air PDAM tidak mengalir tiga minggu di Desa Rawa Indah",
        chronology=(
            "Sejak awal Agustus air PDAM tidak mengalir ke rumah warga di Desa Rawa Indah, "
            "Seluma Selatan. Sudah melapor ke kantor PDAM namun belum diperbaiki, tagihan "
            "tetap dibayar tiap bulan."
        ),
    )
    # A neighbour with the same problem: another person, the same matter.
    neighbour = await register(
        intake,
        headers,
        reporter=RINA,
        reported_agency=pdam,
        substance="drinking_water",
        summary="Air PDAM mati tiga minggu di Desa Rawa Indah",
        chronology=(
            "Air PDAM di Desa Rawa Indah tidak mengalir sejak awal Agustus, sudah melapor ke "
            "PDAM tetapi belum ada perbaikan."
        ),
    )
    found = await candidates(intake, resent["id"], headers)
    assert set(found) == {original["id"], neighbour["id"]}
    best = found[original["id"]]
    assert best["score"] >= 0.9
    assert best["reasons"] == ["same_reporter", "similar_text", "same_agency", "same_substance"]
    assert best["registration_number"] == original["registration_number"]
    assert "same_reporter" not in found[neighbour["id"]]["reasons"]
    assert found[neighbour["id"]]["score"] < best["score"]
    # The earlier report learns of the later ones.
    assert set(await candidates(intake, original["id"], headers)) == {
        resent["id"],
        neighbour["id"],
    }
    assert await candidates(intake, unrelated["id"], headers) == {}


async def test_a_copy_sent_on_by_someone_else_is_found_by_its_text(intake, tokens: TestTokens):
    headers = tokens.headers("intake_officer", office="DUP" + uuid.uuid4().hex[:4].upper())
    original = await register(
        intake,
        headers,
        reporter=SITI,
        reported_agency={"name": "PDAM Tirta Dharma Kabupaten Seluma"},
        substance="drinking_water",
        summary="Air PDAM tidak mengalir selama tiga minggu",
        chronology=LETTER,
    )
    for n in range(3):  # other reports of the office, about other things
        await register(
            intake, headers, reporter=person(f"Warga {n}", f"17710152038510{n + 1:02d}", None)
        )
    # The village head forwards the same letter, addressed to the regent: another
    # reporter, another agency; only the text says it is the same matter.
    copy = await register(
        intake,
        headers,
        kind="TEMBUSAN",
        channel="letter",
        reporter=JOKO,
        reported_agency={"name": "Bupati Seluma"},
        addressed_to="Bupati Seluma",
        summary="Tembusan: air PDAM tidak mengalir",
        chronology=LETTER,
    )
    found = await candidates(intake, copy["id"], headers)
    assert set(found) == {original["id"]}
    assert found[original["id"]]["reasons"] == ["similar_text"]


async def test_merge_moves_files_and_history_to_the_survivor(intake, officer):
    survivor = await register(intake, officer)
    merged = await register(intake, officer, channel="email")
    await intake.client.post(
        f"{REPORTS}/{merged['id']}/attachments",
        params={"filename": "bukti.pdf"},
        content=PDF,
        headers=officer,
    )
    response = await intake.client.post(
        f"{REPORTS}/{merged['id']}/links",
        json={"target_report_id": survivor["id"], "link": "merged"},
        headers=officer,
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "merged" and body["linked_report_id"] == survivor["id"]
    files = await intake.client.get(f"{REPORTS}/{survivor['id']}/attachments", headers=officer)
    assert [f["filename"] for f in files.json()["items"]] == ["bukti.pdf"]
    history = await intake.client.get(f"{REPORTS}/{survivor['id']}/history", headers=officer)
    items = history.json()["items"]
    assert {i["registration_number"] for i in items} == {
        survivor["registration_number"],
        merged["registration_number"],
    }
    assert [i["step"] for i in items if i["report_id"] == survivor["id"]] == [
        "registered",
        "merged_in",
    ]
    assert all(i["actor"] and i["at"] for i in items)
    [event] = await intake.outbox_events("report.linked", subject=merged["id"])
    assert event.data["link"] == "merged" and event.data["linked_report_id"] == survivor["id"]
    # A merged report is done; nothing more can be linked to or from it.
    again = await intake.client.post(
        f"{REPORTS}/{merged['id']}/links",
        json={"target_report_id": survivor["id"], "link": "duplicate"},
        headers=officer,
    )
    assert again.status_code == 409


async def test_duplicates_and_copies_are_linked_and_bad_links_refused(intake, officer, tokens):
    first = await register(intake, officer)
    second = await register(intake, officer)
    linked = await intake.client.post(
        f"{REPORTS}/{second['id']}/links",
        json={"target_report_id": first["id"], "link": "duplicate"},
        headers=officer,
    )
    assert linked.status_code == 200
    assert linked.json()["status"] == "registered"  # a duplicate stays, marked
    assert linked.json()["linked_report_id"] == first["id"]
    third = await register(intake, officer)
    foreign = await register(intake, tokens.headers("intake_officer", office="JKT"))
    cases = [
        ({"target_report_id": first["id"], "link": "twin"}, "#/body/link"),
        ({"target_report_id": first["id"]}, "#/body/link"),
        ({"target_report_id": foreign["id"], "link": "copy"}, "#/body/target_report_id"),
        ({"target_report_id": third["id"], "link": "copy"}, "#/body/target_report_id"),  # itself
    ]
    for body, pointer in cases:
        response = await intake.client.post(
            f"{REPORTS}/{third['id']}/links", json=body, headers=officer
        )
        assert response.status_code == 422, body
        assert response.json()["errors"][0]["pointer"] == pointer
    unchanged = (await intake.client.get(f"{REPORTS}/{third['id']}", headers=officer)).json()
    assert unchanged["linked_report_id"] is None and unchanged["version"] == 1
