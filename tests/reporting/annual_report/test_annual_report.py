"""The annual performance report (PDF) carries the API's numbers, in Indonesian."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from apik_shared.vocabulary.indonesian import tanggal
from apik_testing.pdf import fonts_of, pages_text
from apik_testing.tokens import TestTokens
from tests.reporting.builders import applied, office, publish, register_office, year_of_activity

YEAR = 2025


async def test_the_annual_report_of_an_office(infra, reporting, tokens: TestTokens):
    code = office()
    # A Makassar office (WITA): the report is dated on its calendar, signed by its head.
    await register_office(
        reporting,
        infra.nats_url,
        code,
        timezone="Asia/Makassar",
        head_name="Dra. Hasnawati Tenri",
        head_title="Kepala Perwakilan",
        address="Jl. Urip Sumoharjo No. 3, Makassar",
    )
    events = year_of_activity(code, YEAR)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    head = tokens.headers("head", office=code)
    await reporting.client.put(
        f"/api/v1/reporting/targets/{YEAR}",
        json={"office": code, "targets": {"lm_registered": 4, "reports_closed": 3}},
        headers=head,
    )
    response = await reporting.client.get(
        f"/api/v1/reporting/annual-report/{YEAR}.pdf", headers=head
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    assert f"laporan-kinerja-{code}-{YEAR}.pdf" in response.headers["content-disposition"]
    pages = pages_text(response.content)
    text = "\n".join(pages)
    # The office's letterhead and name from the registry, not its code alone.
    assert pages[0].startswith(f"OMBUDSMAN REPUBLIK INDONESIA\nPERWAKILAN {code}\n")
    assert f"LAPORAN KINERJA TAHUNAN {YEAR}" in text and f"Perwakilan {code}" in text
    for number, page in enumerate(pages, start=1):
        assert f"Halaman {number} dari {len(pages)}" in page
    today = tanggal(datetime.now(ZoneInfo("Asia/Makassar")).date())  # e.g. 5 Desember 2026
    assert f"Makassar, {today}" in pages[-1]
    assert "Kepala Perwakilan," in pages[-1] and "Dra. Hasnawati Tenri" in pages[-1]
    # Codes by their Indonesian names: channels, agency types.
    assert "Datang langsung" in text and "walk_in" not in text and "walk in" not in text
    assert "Sekolah" in text
    fonts = fonts_of(response.content)
    assert fonts and all(fonts.values()), f"every font embedded: {fonts}"
    assert "LM teregistrasi" in text and "125%" in text  # 5 of 4
    assert "Laporan selesai (ditutup)" in text and "66,7%" in text  # 2 of 3
    assert "Tidak ditemukan maladministrasi" in text
    assert "Definisi indikator" in text and "penutupan terakhir" in text
    assert "Persentase capaian terhadap target" in text  # the chart's title


async def test_the_annual_report_checks_its_inputs(reporting, tokens: TestTokens):
    head = tokens.headers("head", office="BKL")
    bad_year = await reporting.client.get("/api/v1/reporting/annual-report/19.pdf", headers=head)
    assert bad_year.status_code == 422
    assert bad_year.json()["errors"][0]["pointer"] == "#/path/year"
    other = await reporting.client.get(
        f"/api/v1/reporting/annual-report/{YEAR}.pdf", params={"office": "MKS"}, headers=head
    )
    assert other.status_code == 403
    national = await reporting.client.get(
        f"/api/v1/reporting/annual-report/{YEAR}.pdf",
        headers=tokens.headers("head", "national", office="PUSAT"),
    )
    assert national.status_code == 200
    [first, *_] = pages_text(national.content)
    assert "Nasional (seluruh kantor)" in first
    # Every office together is dated in WIB, where the head office publishes it.
    today = tanggal(datetime.now(ZoneInfo("Asia/Jakarta")).date())
    assert today in pages_text(national.content)[-1]


async def test_the_national_edition_speaks_for_the_head_office(
    infra, reporting, tokens: TestTokens
):
    """Every office together, under the letterhead of the office that publishes it
    (`APIK_NATIONAL_OFFICE`, the bootstrap office PUSAT by default), signed by its head."""
    assert reporting.app.state.settings.national_office == "PUSAT"
    await register_office(
        reporting,
        infra.nats_url,
        "PUSAT",
        head_name="Mokhammad Najih",
        head_title="Ketua Ombudsman Republik Indonesia",
        address="Jl. H.R. Rasuna Said Kav. C-19, Jakarta Selatan 12920",
    )
    national = await reporting.client.get(
        f"/api/v1/reporting/annual-report/{YEAR}.pdf",
        headers=tokens.headers("head", "national", office="PUSAT"),
    )
    assert national.status_code == 200, national.text
    pages = pages_text(national.content)
    assert "PERWAKILAN PUSAT" in pages[0]  # the head office's letterhead
    assert "Nasional (seluruh kantor)" in pages[0]
    assert "Mokhammad Najih" in pages[-1]
    assert "Ketua Ombudsman Republik Indonesia" in pages[-1]
    today = tanggal(datetime.now(ZoneInfo("Asia/Jakarta")).date())
    assert f"Jakarta Selatan, {today}" in pages[-1]
