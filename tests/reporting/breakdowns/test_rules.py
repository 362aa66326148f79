"""The public loss breakdown's pure rules: the kinds side by side, the totals."""

from __future__ import annotations

from apik_reporting.breakdowns.rules import LOSS_COLUMNS, Loss, loss_rows, loss_totals

FOUND = [
    Loss("MKS", "education", "school", "prevented", 2, 30, 5_000_000),
    Loss("MKS", "land", "land_office", "recovered", 1, 2, 7_500_000),
    Loss("MKS", "land", "land_office", "prevented", 1, 4, 120_000_000),
    Loss("BKL", "education", "school", "recovered", 3, 300, 5_000_000),
    Loss("BKL", "water", "unspecified", "doubled", 1, 1, 10**9),  # not a kind: left out
]


def test_one_row_per_office_substance_and_agency_type_the_largest_amount_first():
    rows = loss_rows(FOUND)
    assert list(rows[0]) == list(LOSS_COLUMNS)
    # MKS land: 120.000.000 prevented + 7.500.000 recovered = 127.500.000, first; then
    # two rows of 5.000.000 each, in office order (BKL before MKS).
    assert rows == [
        {
            "office": "MKS",
            "substance": "land",
            "agency_type": "land_office",
            "prevented_cases": 1,
            "prevented_people": 4,
            "prevented_idr": 120_000_000,
            "recovered_cases": 1,
            "recovered_people": 2,
            "recovered_idr": 7_500_000,
        },
        {
            "office": "BKL",
            "substance": "education",
            "agency_type": "school",
            "prevented_cases": 0,
            "prevented_people": 0,
            "prevented_idr": 0,
            "recovered_cases": 3,
            "recovered_people": 300,
            "recovered_idr": 5_000_000,
        },
        {
            "office": "MKS",
            "substance": "education",
            "agency_type": "school",
            "prevented_cases": 2,
            "prevented_people": 30,
            "prevented_idr": 5_000_000,
            "recovered_cases": 0,
            "recovered_people": 0,
            "recovered_idr": 0,
        },
    ]


def test_the_totals_of_each_kind():
    totals = loss_totals(FOUND)
    # prevented: 2 + 1 cases, 30 + 4 people, 5.000.000 + 120.000.000
    assert (totals["prevented"].cases, totals["prevented"].people) == (3, 34)
    assert totals["prevented"].idr == 125_000_000
    # recovered: 1 + 3 cases, 2 + 300 people, 7.500.000 + 5.000.000
    assert (totals["recovered"].cases, totals["recovered"].people) == (4, 302)
    assert totals["recovered"].idr == 12_500_000
    assert set(totals) == {"prevented", "recovered"}
    assert loss_totals([])["recovered"].idr == 0
