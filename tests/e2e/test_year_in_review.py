"""A year's work at one office, through the gateway with every process real, and the
reporting service's answer to "what did we achieve against our targets?".

A fresh office (the stack is shared by the package's tests, so nobody else's work is in
its numbers): LM reports registered, accepted and rejected at the plenary, KNL recorded
and answered, cases assigned, concluded and closed with outcomes, the reporters'
surveys, desk visits served (rated, and one the visitor left without rating). Each
expected figure is computed here from what the test did and what the producing
services answered; the KPIs are then polled until the read model has caught up. The
current year: decisions and desk visits happen now.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections import Counter
from collections.abc import Awaitable
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

import httpx
import pytest

from apik_shared.vocabulary.calendar import DEFAULT_TIMEZONE, OfficeCalendar
from apik_shared.vocabulary.ikm import ELEMENTS, compute_ikm
from apik_testing.polling import eventually
from apik_testing.stack import ADMIN_PASSWORD
from tests.consultation.builders import visit_body
from tests.e2e.office import Office, create_user, login, staff_office
from tests.intake.builders import FORMALLY_COMPLETE, report_body

pytestmark = pytest.mark.e2e
REPORTS = "/api/v1/intake/reports"
CASES = "/api/v1/examination/cases"
VISITS = "/api/v1/consultation/visits"
REPORTING = "/api/v1/reporting"
# Neither examination nor reporting is told this new office's time zone: both use the
# default, so the year and the working days are those of its calendar.
CALENDAR = OfficeCalendar(timezone=DEFAULT_TIMEZONE)


def one_decimal(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def two_decimals(value: Decimal) -> float:
    return float(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def percent(achieved: float | None, target: float | None, lower_is_better: bool) -> float | None:
    """Achievement against target as the indicators' definitions say it."""
    if target is None or achieved is None:
        return None
    a, t = Decimal(str(achieved)), Decimal(str(target))
    if lower_is_better:
        return one_decimal(t * 100 / a) if a else None
    return one_decimal(a * 100 / t) if t else None


async def ok(response: Awaitable[httpx.Response]) -> dict:
    answered = await response
    assert answered.status_code in (200, 201), f"{answered.request.url}: {answered.text}"
    return dict(answered.json())


class Year:
    """What the test did, as the indicators count it."""

    def __init__(self) -> None:
        self.lm: list[dict] = []
        self.accepted: list[dict] = []
        self.rejected: list[dict] = []
        self.knl_answered = 0
        self.closed: list[dict] = []  # examination's case details after closure
        self.in_process = 0
        self.surveys: list[dict[str, int]] = []
        # The desk's last answer for each visit served: the rating's, or the end's when
        # the visitor left without rating.
        self.visits: list[dict] = []


async def intake_work(office: Office, year: Year) -> None:
    client, officer = office.client, office.officer
    for substance, channel in (
        ("education", "walk_in"),
        ("education", "email"),
        ("land", "walk_in"),
        ("electricity", "letter"),
        ("education", "walk_in"),
    ):
        body = report_body(substance=substance, channel=channel)
        year.lm.append(await ok(client.post(REPORTS, json=body, headers=officer)))
    for report in year.lm:
        for path, body in (
            ("formal-verification", FORMALLY_COMPLETE),
            ("material-verification", {"within_authority": True}),
        ):
            await ok(office.step(report["id"], path, body))
    for report in year.lm[:4]:
        await ok(office.accept(report["id"]))
        year.accepted.append(report)
    decision = {"decision": "reject", "reason": "Sudah ditangani instansi terlapor."}
    await ok(office.step(year.lm[4]["id"], "plenary-decision", decision))
    year.rejected.append(year.lm[4])

    knl = report_body(kind="KNL", channel="phone", summary="Syarat pindah domisili")
    for field in ("reported_agency", "substance", "chronology", "event_date"):
        del knl[field]
    question = {"question": "Apa saja syarat mengurus surat pindah domisili?"}
    # Answered at once, answered later, and one still open (not counted).
    await ok(client.post(REPORTS, json=knl | question | {"answer": "KTP dan KK."}, headers=officer))
    later = await ok(client.post(REPORTS, json=knl | question, headers=officer))
    await ok(office.step(later["id"], "answer", {"answer": "Surat pengantar RT/RW."}))
    await ok(client.post(REPORTS, json=knl | question, headers=officer))
    year.knl_answered = 2


async def examination_work(
    office: Office, supervisor: dict[str, str], examiner_id: str, year: Year
) -> None:
    client, examiner = office.client, office.examiner
    await office.wait_for_cases([r["id"] for r in year.accepted])
    cases = [(await office.cases(r["id"]))[0] for r in year.accepted]
    await ok(
        client.put(
            f"/api/v1/examination/offices/{cases[0]['office']}/examiners/{examiner_id}",
            json={"display_name": "Riksa", "capacity": 20},
            headers=supervisor,
        )
    )
    for case in cases:
        url = f"{CASES}/{case['id']}"
        await ok(
            client.post(f"{url}/assignment", json={"examiner_id": examiner_id}, headers=supervisor)
        )
    conclusion = {"finding": "no_maladministration", "summary": "Layanan sesuai prosedur."}
    for case, outcome, route in (
        (cases[0], "no_maladministration", "written_clarification"),
        (cases[1], "no_maladministration", "oral_clarification"),
        (cases[2], "conciliation", "conciliation"),
    ):
        url = f"{CASES}/{case['id']}"
        if outcome == "no_maladministration":
            await ok(client.post(f"{url}/conclusion", json=conclusion, headers=examiner))
        closure: dict[str, Any] = {"outcome": outcome, "route": route}
        if outcome == "conciliation":  # the agency paid back what it had overcharged
            closure["public_loss"] = {
                "kind": "recovered",
                "amount_idr": 3_500_000,
                "people_affected": 12,
                "description": "Biaya yang dipungut di luar tarif dikembalikan.",
            }
        await ok(client.post(f"{url}/closure", json=closure, headers=examiner))
        year.closed.append(await ok(client.get(url, headers=examiner)))
    year.in_process = len(cases) - len(year.closed)


async def surveys(office: Office, year: Year) -> None:
    """Two reporters answer the survey behind the link on their tracking page."""
    client = office.client
    for index, detail in enumerate(year.closed[:2]):
        pin = await ok(
            client.post(f"{REPORTS}/{detail['report_id']}/tracking-pin", headers=office.officer)
        )
        number, track = pin["registration_number"], {"X-Tracking-PIN": pin["tracking_pin"]}

        async def tracking(number: str = number, track: dict = track) -> dict:
            return await ok(client.get(f"/api/v1/intake/public/reports/{number}", headers=track))

        view = await eventually(tracking, lambda v: (v.get("outcome") or {}).get("survey_url"))
        url = view["outcome"]["survey_url"]
        answers = {e.value: 4 - (index + position) % 3 for position, e in enumerate(ELEMENTS)}
        survey = f"/api/v1/examination/public/surveys/{url.rsplit('/', 1)[1]}"
        await ok(client.post(survey, json={"answers": answers}))
        year.surveys.append(answers)


async def desk_work(client: httpx.AsyncClient, desk: dict[str, str], year: Year) -> None:
    for score in (5, 4, 3, None):
        visit = await ok(client.post(VISITS, json=visit_body(), headers=desk))
        url = f"{VISITS}/{visit['id']}"
        await ok(client.post(f"{url}/start", headers=desk))
        ended = await ok(client.post(f"{url}/end", json={"outcome": "Dijelaskan"}, headers=desk))
        if score is None:  # served all the same: it counts, without a rating
            assert ended["status"] == "ended" and ended["rating"] is None
            year.visits.append(ended)
            continue
        year.visits.append(
            await ok(client.post(f"{url}/rating", json={"score": score}, headers=desk))
        )


def expected_achievements(year: Year) -> dict[str, float | int | None]:
    closed = year.closed
    met = sum(1 for c in closed if c["sla"]["state"] == "met")
    days = [
        CALENDAR.working_days_between(
            CALENDAR.local_date(datetime.fromisoformat(c["opened_at"])),
            CALENDAR.local_date(datetime.fromisoformat(c["closure"]["closed_at"])),
        )
        for c in closed
    ]
    seconds = [v["duration_seconds"] for v in year.visits]
    ratings = [v["rating"] for v in year.visits if v["rating"] is not None]
    ikm = compute_ikm(year.surveys)
    assert ikm is not None
    losses = [c["closure"]["public_loss"] for c in closed if c["closure"]["public_loss"]]
    assert losses, "a year without public loss would not show it is counted"
    return {
        "knl_recorded": year.knl_answered,
        "lm_registered": len(year.lm),
        "reports_handed_over": len(year.accepted),
        "reports_closed": len(closed),
        "reports_in_process": year.in_process,
        "closed_within_sla_pct": one_decimal(Decimal(met) * 100 / len(closed)),
        "avg_working_days_to_close": two_decimals(Decimal(sum(days)) / len(days)),
        "desk_visits": len(year.visits),
        "desk_avg_duration_minutes": two_decimals(Decimal(sum(seconds)) / len(seconds) / 60),
        "desk_avg_rating": two_decimals(Decimal(sum(ratings)) / len(ratings)),
        "ikm": float(ikm.index),
        **{
            f"public_loss_{kind}_idr": sum(x["amount_idr"] for x in losses if x["kind"] == kind)
            for kind in ("prevented", "recovered")
        },
    }


async def test_a_year_at_one_office_reaches_the_kpis(gateway: httpx.AsyncClient):
    code = f"Y{uuid.uuid4().hex[:5].upper()}"
    office = await staff_office(gateway, ADMIN_PASSWORD, code=code)
    admin = await login(gateway, "admin", ADMIN_PASSWORD)
    tag = uuid.uuid4().hex[:6]
    supervisor = await create_user(gateway, admin, f"spv{tag}", code, "examination_supervisor")
    head = await create_user(gateway, admin, f"kepala{tag}", code, "head")
    desk = await create_user(gateway, admin, f"amer{tag}", code, "desk_officer")
    me = {
        name: await ok(gateway.get("/api/v1/auth/me", headers=headers))
        for name, headers in (("pvl", office.officer), ("riksa", office.examiner), ("amer", desk))
    }
    year_now = datetime.now(CALENDAR.zone).year

    year = Year()
    await intake_work(office, year)
    await examination_work(office, supervisor, me["riksa"]["subject"], year)
    await surveys(office, year)
    await desk_work(gateway, desk, year)
    assert datetime.now(CALENDAR.zone).year == year_now, "the year turned during the test"

    targets = {
        "knl_recorded": 4,
        "lm_registered": 4,
        "reports_handed_over": 5,
        "reports_closed": 2,
        "closed_within_sla_pct": 90,
        "desk_visits": 2,
        "desk_avg_rating": 4,
        "ikm": 80,
    }
    await ok(
        gateway.put(
            f"{REPORTING}/targets/{year_now}",
            json={"office": code, "targets": targets},
            headers=head,
        )
    )
    expected = expected_achievements(year)

    async def kpis() -> dict[str, dict]:
        body = await ok(gateway.get(f"{REPORTING}/kpis", params={"year": year_now}, headers=head))
        return {item["indicator"]: item for item in body["items"]}

    def achieved(items: dict[str, dict]) -> dict[str, Any]:
        return {code: item["achieved"] for code, item in items.items()}

    items = await eventually(kpis, lambda items: achieved(items) == expected)
    lower = {"reports_in_process", "avg_working_days_to_close", "desk_avg_duration_minutes"}
    for indicator, item in items.items():
        target = targets.get(indicator)
        assert item["target"] == target, indicator
        assert item["percent"] == percent(expected[indicator], target, indicator in lower), (
            indicator
        )
    assert items["lm_registered"]["percent"] == 125.0  # 5 registered of 4 targeted

    outcome = await ok(
        gateway.get(f"{REPORTING}/breakdowns/outcome", params={"year": year_now}, headers=head)
    )
    closed_outcomes = Counter(c["closure"]["outcome"] for c in year.closed)
    assert {row["outcome"]: row["count"] for row in outcome["items"]} == closed_outcomes
    substance = await ok(
        gateway.get(f"{REPORTING}/breakdowns/substance", params={"year": year_now}, headers=head)
    )
    handed_over = Counter(r["substance"] for r in year.accepted)
    assert {row["substance"]: row["count"] for row in substance["items"]} == handed_over
    loss = await ok(
        gateway.get(f"{REPORTING}/breakdowns/public_loss", params={"year": year_now}, headers=head)
    )
    # The conciliation's closure: one case, 12 people, Rp 3.500.000 recovered.
    recovered = [
        (r["recovered_cases"], r["recovered_people"], r["recovered_idr"]) for r in loss["items"]
    ]
    assert recovered == [(1, 12, 3_500_000)]

    as_csv = await gateway.get(
        f"{REPORTING}/kpis", params={"year": year_now}, headers={**head, "Accept": "text/csv"}
    )
    assert as_csv.status_code == 200 and as_csv.headers["content-type"].startswith("text/csv")
    [header, *rows] = list(csv.reader(io.StringIO(as_csv.content.decode("utf-8-sig"))))
    assert header == ["Indikator", "Satuan", "Target", "Capaian", "Persentase capaian", "Definisi"]
    numbers = ("target", "achieved", "percent")
    as_text = [["" if i[c] is None else str(i[c]) for c in numbers] for i in items.values()]
    assert [row[2:5] for row in rows] == as_text

    # Staff activity: one row per person, keyed by the gateway's subject in every service.
    staff = await ok(gateway.get(f"{REPORTING}/staff", params={"year": year_now}, headers=head))
    people = {row["person"]: row for row in staff["items"]}
    assert set(people) == {me[name]["subject"] for name in ("pvl", "riksa", "amer")}
    pvl, riksa, amer = (people[me[name]["subject"]] for name in ("pvl", "riksa", "amer"))
    assert pvl["username"] == me["pvl"]["username"]
    assert (pvl["reports_verified"], pvl["reports_rejected"]) == (len(year.accepted), 1)
    assert pvl["consultations_answered"] == year.knl_answered
    assert riksa["cases_closed"] == len(year.closed)
    assert amer["username"] == me["amer"]["username"]
    assert amer["visits_served"] == len(year.visits)
    assert amer["desk_avg_rating"] == expected["desk_avg_rating"]
