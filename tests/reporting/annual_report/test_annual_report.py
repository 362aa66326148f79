"""The annual performance report (PDF) carries the API's numbers, in Indonesian."""

from __future__ import annotations

from apik_testing.pdf import text_of
from apik_testing.tokens import TestTokens
from tests.reporting.builders import applied, office, publish, year_of_activity

YEAR = 2025


async def test_the_annual_report_of_an_office(infra, reporting, tokens: TestTokens):
    code = office()
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
    text = text_of(response.content)
    assert f"Laporan Kinerja Tahunan {YEAR}" in text and f"Kantor {code}" in text
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
    assert "Nasional (seluruh kantor)" in text_of(national.content)
