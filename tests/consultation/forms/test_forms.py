"""The check-in slip and the final form are real PDFs, in Bahasa Indonesia."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

import pytest

from apik_consultation.forms import views as forms
from apik_consultation.forms.views import lama, tanggal, waktu
from apik_consultation.models import Visit
from apik_consultation.visits.service import Visitor
from apik_shared.documents.issuer import Issuer
from apik_testing.pdf import check_structure, fonts_of, pages_text, text_of
from apik_testing.services import RunningService
from tests.consultation.builders import VISITS, backdate, check_in, check_xref, png_base64, step


def test_durations_and_dates_read_in_indonesian():
    assert lama(0) == "0 detik"
    assert lama(754) == "12 menit 34 detik"
    assert lama(3723) == "1 jam 2 menit 3 detik"
    assert lama(7200) == "2 jam 0 menit 0 detik"
    assert tanggal(date(2026, 8, 17)) == "17 Agustus 2026"


def test_printed_times_carry_the_offices_zone():
    late = datetime(2026, 8, 16, 16, 30, tzinfo=UTC)  # 23:30 WIB, the 17th further east
    assert waktu(late, "Asia/Jakarta") == "16 Agustus 2026, 23:30 WIB"
    assert waktu(late, "Asia/Pontianak") == "16 Agustus 2026, 23:30 WIB"
    assert waktu(late, "Asia/Makassar") == "17 Agustus 2026, 00:30 WITA"
    assert waktu(late, "Asia/Jayapura") == "17 Agustus 2026, 01:30 WIT"
    assert waktu(late, "Asia/Tokyo") == "17 Agustus 2026, 01:30 JST"  # an office abroad


async def fetch(desk: RunningService, headers: dict[str, str], visit_id: str, name: str):
    return await desk.client.get(f"{VISITS}/{visit_id}/{name}", headers=headers)


async def test_the_slip_shows_the_ticket_and_the_visitor(desk, officer):
    visit = await check_in(desk, officer)
    response = await fetch(desk, officer, visit["id"], "slip.pdf")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/pdf"
    assert "tanda-terima" in response.headers["content-disposition"]
    check_structure(response.content)
    check_xref(response.content)
    text = text_of(response.content)
    assert "TANDA TERIMA KUNJUNGAN" in text
    assert f"{visit['ticket']:03d}" in text
    assert "Siti Rahmawati" in text and "Konsultasi" in text and "CV Maju Jaya" in text
    assert "Halaman 1 dari 1" in text
    fonts = fonts_of(response.content)
    assert fonts and all(fonts.values()), f"every font embedded: {fonts}"


async def test_the_final_form_shows_outcome_rating_and_duration(desk, officer):
    visit = await check_in(desk, officer)
    vid = visit["id"]
    early = await fetch(desk, officer, vid, "form.pdf")
    assert early.status_code == 409 and early.headers["content-type"] == "application/problem+json"
    assert early.json()["code"] == "service_not_ended"
    assert early.json()["params"] == {"status": "waiting"}
    await step(desk, officer, vid, "start")
    await backdate(desk, vid, {"start": 12.5})
    await step(desk, officer, vid, "end", {"outcome": "Syarat kualifikasi dijelaskan"})
    rating = {"score": 4, "comment": "Petugas ramah", "signature": png_base64()}
    rated = await step(desk, officer, vid, "rating", rating)
    response = await fetch(desk, officer, vid, "form.pdf")
    assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
    content = response.content
    check_structure(content)
    assert check_xref(content) >= 5  # catalog, pages, page, content, font (and the image)
    assert b"/Subtype /Image" in content  # the drawn signature is on the form
    text = text_of(content)
    assert "FORMULIR HASIL LAYANAN" in text
    assert "Siti Rahmawati" in text
    assert "4 dari 5 (Baik)" in text and "Petugas ramah" in text
    assert "Syarat kualifikasi dijelaskan" in text
    assert lama(rated["duration_seconds"]) in text
    assert "12 menit" in text
    assert "Pengunjung," in text and "Mengetahui," in text and "Halaman 1 dari 1" in text


async def test_forms_are_for_the_desk_only(desk, officer, tokens):
    visit = await check_in(desk, officer)
    analyst = tokens.headers("analyst", office="KAB")
    assert (await fetch(desk, analyst, visit["id"], "slip.pdf")).status_code == 403
    elsewhere = tokens.headers("desk_officer", office="JKT")
    assert (await fetch(desk, elsewhere, visit["id"], "slip.pdf")).status_code == 404


def test_forms_survive_long_text_and_other_scripts():
    now = datetime.now(UTC)
    today = now.astimezone(ZoneInfo("Asia/Jakarta")).date()  # the desk's day, not UTC's
    visit = Visit(
        office="KAB", day=today, ticket=1, requested_category="objection", category="objection",
        description="x" * 2000, institution="W" * 300, visitor="",
        status="completed", officer="o" * 150, checked_in_at=now, started_at=now, ended_at=now,
        duration_seconds=10**6, rating=1, rating_comment="日本" * 500, outcome="Y" * 5000,
        tender_reference="T" * 200, created_by="t",
    )  # fmt: skip
    visitor = Visitor(name="Nguyễn Thị Ánh " * 20)
    papua = Issuer(code="PAPUA", name="Perwakilan Papua", timezone="Asia/Jayapura")
    form = forms.final_form(visit, visitor, signature=None, office=papua)
    check_structure(form)
    text = text_of(form)
    assert "277 jam 46 menit 40 detik" in text
    # Any Latin name prints as typed (the font is embedded); a script the font lacks
    # (日本) is left out, never a failed form.
    assert "Nguyễn Thị Ánh" in text
    assert "Halaman 1 dari" in text
    sulsel = Issuer(code="SULSEL", name="Perwakilan Sulsel", timezone="Asia/Makassar")
    check_structure(forms.slip(visit, visitor, office=sulsel))


def test_the_final_form_is_under_the_letterhead_and_acknowledged_by_the_head():
    now = datetime(2026, 12, 4, 23, 40, tzinfo=UTC)  # 5 December in Makassar
    visit = Visit(
        office="SULSEL", day=date(2026, 12, 5), ticket=12, requested_category="complaint",
        category="complaint", description="Izin usaha", visitor="", status="completed",
        officer="petugas", checked_in_at=now, started_at=now, ended_at=now,
        duration_seconds=600, rating=5, outcome="Dijelaskan", created_by="t",
    )  # fmt: skip
    sulsel = Issuer(
        code="SULSEL",
        name="Ombudsman RI Perwakilan Sulawesi Selatan",
        timezone="Asia/Makassar",
        letterhead=("OMBUDSMAN REPUBLIK INDONESIA", "PERWAKILAN PROVINSI SULAWESI SELATAN"),
        head_name="Ismu Iskandar",
        head_title="Kepala Perwakilan",
        address="Jl. Sultan Alauddin No. 1, Makassar",
    )
    content = forms.final_form(visit, Visitor(name="Andi Baso"), signature=None, office=sulsel)
    [page] = pages_text(content)
    lines = page.splitlines()
    assert lines[:2] == ["OMBUDSMAN REPUBLIK INDONESIA", "PERWAKILAN PROVINSI SULAWESI SELATAN"]
    assert "Ombudsman RI Perwakilan Sulawesi Selatan - Nomor antrean 012" in page
    assert "Pengaduan" in page and "5 dari 5 (Sangat baik)" in page
    assert "5 Desember 2026, 07:40 WITA" in page  # the office's clock
    # The place from the address, the visit's day in Indonesian; the head acknowledges.
    assert "Makassar, 5 Desember 2026" in page
    assert "Mengetahui," in page and "Kepala Perwakilan," in page
    assert "Ismu Iskandar" in page and "( Andi Baso )" in page
    assert "Halaman 1 dari 1" in page
    assert all(fonts_of(content).values())


def test_a_broken_cross_reference_is_noticed():
    now = datetime.now(UTC)
    visit = Visit(
        office="KAB", day=now.astimezone(ZoneInfo("Asia/Jakarta")).date(), ticket=7,
        requested_category="consultation", category="consultation", description="Syarat",
        visitor="", status="waiting", checked_in_at=now, created_by="t",
    )  # fmt: skip
    kab = Issuer(code="KAB", name="KAB", timezone="Asia/Jakarta")
    good = forms.slip(visit, Visitor(name="Siti"), office=kab)
    check_xref(good)
    # One byte more before the objects moves them and the table: what a careless writer
    # (or a text-mode transfer) produces.
    shifted = good.replace(b"1 0 obj", b" 1 0 obj", 1)
    with pytest.raises(AssertionError, match="startxref"):
        check_xref(shifted)
    # A table entry off by one, the rest intact.
    entry = re.search(rb"\n(\d{10}) 00000 n", good[good.rindex(b"\nxref\n") :])
    assert entry is not None
    wrong = f"{int(entry.group(1)) + 1:010d}".encode()
    with pytest.raises(AssertionError, match="offset"):
        check_xref(good.replace(entry.group(1) + b" 00000 n", wrong + b" 00000 n", 1))


async def test_the_form_names_the_officer_who_served(desk, tokens):
    """The desk assigns by username; the form prints the full name the serving officer's
    token carries (OpenID's `name`), not `petugas.andi`."""
    andi = tokens.headers(
        "desk_officer", office="KAB", username="petugas.andi", name="Andi Pratama"
    )
    visit = await check_in(desk, andi)
    vid = visit["id"]
    await step(desk, andi, vid, "start")
    await step(desk, andi, vid, "end", {"outcome": "Dijelaskan"})
    await step(desk, andi, vid, "rating", {"score": 5, "signature": png_base64()})
    text = text_of((await fetch(desk, andi, vid, "form.pdf")).content)
    assert "Andi Pratama" in text and "petugas.andi" not in text
