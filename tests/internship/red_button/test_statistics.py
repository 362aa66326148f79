"""The office's Red Button statistics: cases per month in the office's own zone, median
response times, and nothing shown for a month under the minimum count."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import text

from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import CASES, RED_BUTTON, red_button_body

STATISTICS = f"{CASES.removesuffix('/cases')}/statistics"


async def raised_at(
    internship: RunningService,
    raised: str,
    acknowledged_after: int | None = None,
    protected_after: int | None = None,
) -> None:
    """A case of office SBY, raised at `raised` (UTC) and answered after so many minutes:
    the times are set in the database, as the clock cannot be sent back through the API
    (in the past, so that the newest case is always the one just raised)."""
    answer = await internship.client.post(
        RED_BUTTON, json=red_button_body("anonymous", office="SBY")
    )
    assert answer.status_code == 201
    async with internship.app.state.database.sessions() as session:
        await session.execute(
            text(
                "UPDATE red_button_case SET raised_at = CAST(:r AS timestamptz),"
                " acknowledged_at = CAST(:r AS timestamptz) + make_interval(mins => :a),"
                " protected_at = CAST(:r AS timestamptz) + make_interval(mins => :p)"
                " WHERE id = (SELECT id FROM red_button_case WHERE office = 'SBY'"
                " ORDER BY raised_at DESC LIMIT 1)"
            ),
            {"r": datetime.fromisoformat(raised), "a": acknowledged_after, "p": protected_after},
        )
        await session.commit()


async def test_months_in_the_office_zone_with_median_times_and_small_months_withheld(
    internship: RunningService, tokens: TestTokens
):
    # January 2026 (WIB): five cases, acknowledged after 10, 20, 30, 40 minutes and one
    # not yet; protected after 60 and 120 minutes.
    await raised_at(internship, "2026-01-10T02:00:00+00:00", 10, 60)
    await raised_at(internship, "2026-01-11T02:00:00+00:00", 20, 120)
    await raised_at(internship, "2026-01-12T02:00:00+00:00", 30)
    await raised_at(internship, "2026-01-13T02:00:00+00:00", 40)
    await raised_at(internship, "2026-01-14T02:00:00+00:00")
    # 31 January 18:00 UTC is 1 February 01:00 WIB: February's only case (under 5).
    await raised_at(internship, "2026-01-31T18:00:00+00:00", 5, 5)

    head = tokens.headers("head", office="SBY", username="kepala_sby")
    answer = await internship.client.get(STATISTICS, headers=head)
    assert answer.status_code == 200, answer.text
    # Medians: (20 + 30) / 2 = 25 minutes to acknowledge; (60 + 120) / 2 = 90 to protect.
    assert answer.json() == [
        {
            "month": "2026-01",
            "cases": 5,
            "median_acknowledge_minutes": 25.0,
            "median_protect_minutes": 90.0,
        },
        {
            "month": "2026-02",
            "cases": None,
            "median_acknowledge_minutes": None,
            "median_protect_minutes": None,
        },
    ]
    officer = tokens.headers("protection_officer", office="SBY", username="pelindung_sby")
    assert (await internship.client.get(STATISTICS, headers=officer)).json() == answer.json()
    # Another office's caller sees only its own (none of SBY's).
    other = tokens.headers("head", office="MDN", username="kepala_mdn")
    assert (await internship.client.get(STATISTICS, headers=other)).json() == []


async def test_other_roles_do_not_read_the_statistics(
    internship: RunningService, tokens: TestTokens
):
    for role in ("intern_supervisor", "admin", "analyst"):
        headers = tokens.headers(role, office="SBY", username="lain")
        assert (await internship.client.get(STATISTICS, headers=headers)).status_code == 403
