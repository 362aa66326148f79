"""Public loss prevented and recovered: per year (of the last closure, office's zone),
office, substance and agency type, in the breakdown, the KPIs, the roll-up, the exports
and the annual report.

Two offices (unregistered: WIB, UTC+7), the agency type from intake's report.verified:

case office substance agency type       closed (UTC)                  loss (Rp, people)
a    A      education school            2025-03-15                    prevented 10.000.000, 40
b    A      education school            2025-05-15                    prevented 2.500.000, 10
c    A      land      land_office       2025-07-15                    recovered 75.000.000, 3
d    A      land      (no report fact)  2025-08-15                    recovered 1.000.000, 1
e    A      education school            2025-12-31 20:00 (2026 WIB)   prevented 99.000.000, 9
f    A      education school            2025-09-15, again 2025-10-15  recovered 5.000.000, 5;
                                                                      then none
g    B      water     regional_company  2025-04-15                    prevented 40.000.000, 200
"""

from __future__ import annotations

import csv
import io

from apik_testing.pdf import text_of
from apik_testing.tokens import TestTokens
from tests.reporting.builders import (
    applied,
    at,
    closed,
    event,
    kpis,
    office,
    opened,
    publish,
    registered,
    verified,
)

YEAR = 2025
PATH = "/api/v1/reporting/breakdowns/public_loss"


def _case(code: str, substance: str, agency_type: str | None, *closures) -> list:
    report = registered(code, at(YEAR, 1, 5), substance=substance)
    handoff = verified(report, at(YEAR, 1, 10), agency_type=agency_type)
    case = opened(handoff, at(YEAR, 1, 20))
    return [report, handoff, case, *(closed(case, when, loss=loss) for when, loss in closures)]


def _scenario(a: str, b: str) -> list:
    d = _case(a, "land", None, (at(YEAR, 8), ("recovered", 1_000_000, 1)))
    return [
        *_case(a, "education", "school", (at(YEAR, 3), ("prevented", 10_000_000, 40))),
        *_case(a, "education", "school", (at(YEAR, 5), ("prevented", 2_500_000, 10))),
        *_case(a, "land", "land_office", (at(YEAR, 7), ("recovered", 75_000_000, 3))),
        *d[2:],  # intake's events of this one never reached reporting
        *_case(a, "education", "school", (at(YEAR, 12, 31, 20), ("prevented", 99_000_000, 9))),
        *_case(
            a,
            "education",
            "school",
            (at(YEAR, 9), ("recovered", 5_000_000, 5)),
            (at(YEAR, 10), None),  # closed again, recording none: the last closure counts
        ),
        *_case(b, "water", "regional_company", (at(YEAR, 4), ("prevented", 40_000_000, 200))),
    ]


def _row(office, substance, agency_type, prevented=(0, 0, 0), recovered=(0, 0, 0)) -> dict:
    return {
        "office": office,
        "substance": substance,
        "agency_type": agency_type,
        **dict(
            zip(("prevented_cases", "prevented_people", "prevented_idr"), prevented, strict=True)
        ),
        **dict(
            zip(("recovered_cases", "recovered_people", "recovered_idr"), recovered, strict=True)
        ),
    }


async def test_public_loss_per_year_office_substance_and_agency_type(
    infra, reporting, tokens: TestTokens
):
    a, b = office(), office()
    events = _scenario(a, b)
    await publish(infra.nats_url, *events)
    await applied(reporting, *events)
    head = tokens.headers("head", office=a)

    response = await reporting.client.get(PATH, params={"year": YEAR}, headers=head)
    assert response.status_code == 200, response.text
    body = response.json()
    assert "case.closed public_loss" in body["definition"]
    # Office A, 2025 (WIB): education/school prevented a + b = 2 cases, 40 + 10 people,
    # 10.000.000 + 2.500.000; land/land_office recovered c; land/unspecified recovered d.
    # e closed on 1 January 2026 in WIB; f's last closure recorded no loss.
    assert body["items"] == [
        _row(a, "land", "land_office", recovered=(1, 3, 75_000_000)),
        _row(a, "education", "school", prevented=(2, 50, 12_500_000)),
        _row(a, "land", "unspecified", recovered=(1, 1, 1_000_000)),
    ]
    items = await kpis(reporting, head, year=YEAR)
    assert items["public_loss_prevented_idr"]["achieved"] == 12_500_000
    assert items["public_loss_prevented_idr"]["unit"] == "idr"
    # recovered: c 75.000.000 + d 1.000.000
    assert items["public_loss_recovered_idr"]["achieved"] == 76_000_000
    after = await kpis(reporting, head, year=YEAR + 1)
    assert after["public_loss_prevented_idr"]["achieved"] == 99_000_000  # e

    # Targets in rupiah past a billion; the percentage as for any count.
    put = await reporting.client.put(
        f"/api/v1/reporting/targets/{YEAR}",
        json={"office": a, "targets": {"public_loss_prevented_idr": 2_000_000_000}},
        headers=head,
    )
    assert put.status_code == 200, put.text
    items = await kpis(reporting, head, year=YEAR)
    assert items["public_loss_prevented_idr"]["percent"] == 0.6  # 12.5 M of 2,000 M

    # Every office together: A's rows and B's, each with its office.
    national = tokens.headers("head", "national", office="PUSAT")
    everyone = await reporting.client.get(PATH, params={"year": YEAR}, headers=national)
    mine = [row for row in everyone.json()["items"] if row["office"] in (a, b)]
    assert _row(b, "water", "regional_company", prevented=(1, 200, 40_000_000)) in mine
    assert len(mine) == 4
    rollup = await reporting.client.get(
        "/api/v1/reporting/rollup", params={"year": YEAR}, headers=national
    )
    rows = {row["office"]: row for row in rollup.json()["items"]}
    assert rows[a]["public_loss_prevented_idr"] == 12_500_000
    assert rows[b]["public_loss_prevented_idr"] == 40_000_000
    national_kpis = await kpis(reporting, national, year=YEAR)
    # The national row is every office's: at least A's and B's (other tests add theirs).
    assert (
        rows["national"]["public_loss_prevented_idr"]
        == (national_kpis["public_loss_prevented_idr"]["achieved"])
    )
    assert rows["national"]["public_loss_prevented_idr"] >= 52_500_000

    # The export is the same table.
    as_csv = await reporting.client.get(
        PATH, params={"year": YEAR}, headers={**head, "Accept": "text/csv"}
    )
    assert as_csv.text.startswith("\ufeff")  # the BOM spreadsheets read UTF-8 by
    [header, *lines] = list(csv.reader(io.StringIO(as_csv.text[1:])))
    assert header == [
        "Kantor",
        "Substansi",
        "Jenis instansi terlapor",
        "Kasus kerugian dicegah",
        "Orang terdampak (dicegah)",
        "Kerugian publik yang dicegah (Rp)",
        "Kasus kerugian dipulihkan",
        "Orang terdampak (dipulihkan)",
        "Kerugian publik yang dipulihkan (Rp)",
    ]
    assert len(header) == len(body["columns"])
    # The same first row as the JSON, its codes named in Indonesian.
    assert lines[0] == [a, "Pertanahan", "Kantor pertanahan", "0", "0", "0", "1", "3", "75000000"]

    # The annual report: the indicators and the table, in Indonesian.
    pdf = await reporting.client.get(f"/api/v1/reporting/annual-report/{YEAR}.pdf", headers=head)
    text = text_of(pdf.content)
    assert "Kerugian publik yang dicegah (Rp)" in text
    assert "Kerugian publik yang dipulihkan (Rp)" in text
    assert "Kerugian publik yang dicegah dan dipulihkan" in text
    assert "Pendidikan / Sekolah" in text and "12.500.000" in text
    assert "Pertanahan / Tidak disebutkan" in text and "76.000.000" in text  # recovered


async def test_a_kind_of_loss_reporting_does_not_know_counts_nowhere(
    infra, reporting, tokens: TestTokens
):
    code = office()
    report, handoff, case, closure = _case(
        code, "land", "village", (at(YEAR, 6), ("prevented", 1_000_000, 1))
    )
    # A kind examination might add one day: counted nowhere until reporting knows it.
    loss = closure.data["public_loss"] | {"kind": "averted_by_the_regent_himself"}
    odd = event("case.closed", closure.data | {"public_loss": loss}, closure.subject or "")
    await publish(infra.nats_url, report, handoff, case, odd)
    await applied(reporting, report, handoff, case, odd)
    head = tokens.headers("head", office=code)
    items = await kpis(reporting, head, year=YEAR)
    assert items["reports_closed"]["achieved"] == 1
    assert items["public_loss_prevented_idr"]["achieved"] == 0
    response = await reporting.client.get(PATH, params={"year": YEAR}, headers=head)
    assert response.json()["items"] == []
