"""The full path of one intern, application to alumnus, through the internship app's API
on real PostgreSQL and NATS: filed in public, accepted (the acceptance letter's QR code
verifies), placed by a cohort's rotation, present every working day by the office
screen's code, a logbook approved, evaluated both ways, certified (the certificate's QR
code verifies), and an alumnus who keeps their own record by a magic link. `intern.applied`,
`intern.accepted` and `intern.completed` reach the stream once each.

Not through the gateway (`tests/e2e/test_internship_flow.py` covers applying and
accepting there): the check-in only works on a working day of the period, today, and a
test can set the clock of an app in process (`deps._now`), not of a running process."""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime, timedelta

from apik_internship.deps import _now
from apik_testing.infra import TestInfra
from apik_testing.pdf import text_of
from apik_testing.polling import eventually
from apik_testing.services import RunningService
from apik_testing.tokens import TestTokens
from tests.internship.builders import (
    APPLICATIONS,
    APPLY,
    CERTIFICATES,
    COHORTS,
    INTERN,
    QUOTAS,
    V1,
    application_body,
    events_on_stream,
    form,
)

# Monday 2 to Wednesday 4 June 2025: three working days, 08:00 WIB on each. Past, since
# completion asks the period to be over by the real clock.
DAYS = ["2025-06-02", "2025-06-03", "2025-06-04"]
MORNINGS = [datetime(2025, 6, d, 1, 0, tzinfo=UTC) for d in (2, 3, 4)]
CRITERIA = [
    "discipline",
    "responsibility",
    "teamwork",
    "communication",
    "initiative",
    "mastery",
    "work_quality",
]


class Clock:
    def __init__(self, now: datetime) -> None:
        self.now = now

    async def __call__(self) -> datetime:
        return self.now


async def test_from_public_application_to_alumnus(
    internship: RunningService,
    supervisor: dict[str, str],
    tokens: TestTokens,
    infra: TestInfra,
):
    client = internship.client
    clock = Clock(MORNINGS[0] - timedelta(days=20))
    internship.app.dependency_overrides[_now] = clock
    try:
        # 1. Filed in public, with the institution's letter; tracked by its code.
        body = application_body(period_start=DAYS[0], period_end=DAYS[-1], units=["intake"])
        filed = await client.post(APPLY, **form(body))
        assert filed.status_code == 201, filed.text
        code = filed.json()["application_code"]
        assert (await client.get(f"{APPLY}/{code}")).json()["status"] == "submitted"
        listed = await client.get(APPLICATIONS, params={"status": "submitted"}, headers=supervisor)
        [application] = listed.json()["items"]
        application_id = application["id"]

        # 2. Accepted within the month's quota; the letter's QR code verifies in public.
        quota = {"unit": "intake", "month": "2025-06", "places": 2}
        assert (await client.put(QUOTAS, json=quota, headers=supervisor)).status_code == 200
        accepted = await client.post(
            f"{APPLICATIONS}/{application_id}/acceptance",
            json={"unit": "intake"},
            headers=supervisor,
        )
        assert accepted.status_code == 200, accepted.text
        letter = await client.get(
            f"{APPLICATIONS}/{application_id}/acceptance-letter.pdf", headers=supervisor
        )
        assert letter.status_code == 200, letter.text
        [letter_code] = [w for w in text_of(letter.content).split() if w.startswith("PNR-")][:1]
        checked = await client.get(f"{V1}/public/acceptance-letters/{letter_code}")
        assert checked.status_code == 200 and checked.json()["valid"] is True
        assert checked.json()["name"] == "Rina K******"

        # 3. The intern's account, and a cohort whose rotation places them.
        linked = await client.put(
            f"{APPLICATIONS}/{application_id}/intern-account",
            json={"username": "rina.jalur"},
            headers=supervisor,
        )
        assert linked.status_code == 200, linked.text
        rina = tokens.headers("intern", office="KAB", username="rina.jalur")
        cohort = await client.post(
            COHORTS,
            json={
                "name": "Angkatan Juni 2025",
                "period_start": DAYS[0],
                "period_end": DAYS[-1],
                "phases": 1,
            },
            headers=supervisor,
        )
        assert cohort.status_code == 201, cohort.text
        assert [m["application_id"] for m in cohort.json()["members"]] == [application_id]
        url = f"{COHORTS}/{cohort.json()['id']}"
        places = await client.put(
            f"{url}/units/intake",
            json={"capacity": 1, "supervisor": "pembimbing"},
            headers={**supervisor, "If-Match": '"1"'},
        )
        assert places.status_code == 200, places.text
        plan = await client.post(f"{url}/allocation", headers=supervisor)
        assert plan.status_code == 200 and plan.json()["unplaced"] == 0, plan.text
        rotation = (await client.get(f"{INTERN}/rotation", headers=rina)).json()
        assert [(p["phase"], p["unit"]) for p in rotation] == [(0, "intake")]

        # 4. Every working day: checked in with the screen's code, the day's logbook written.
        for day, morning in zip(DAYS, MORNINGS, strict=True):
            clock.now = morning
            screen = await client.get(f"{V1}/attendance/code", headers=supervisor)
            came = await client.post(
                f"{INTERN}/attendance/check-in", json={"code": screen.json()["code"]}, headers=rina
            )
            assert came.status_code == 200 and came.json()["day"] == day, came.text
            clock.now = morning + timedelta(hours=8)
            written = await client.put(
                f"{INTERN}/logbook/{day}",
                json={"activities": "Membantu verifikasi formil laporan masyarakat."},
                headers=rina,
            )
            assert written.status_code == 200, written.text

        # 5. The supervisor approves the logbook in one batch.
        waiting = await client.get(
            f"{V1}/logbook",
            params={"status": "submitted", "application_id": application_id},
            headers=supervisor,
        )
        decisions = [{"entry_id": e["id"], "decision": "approve"} for e in waiting.json()]
        assert len(decisions) == 3
        reviewed = await client.post(
            f"{V1}/logbook/review", json={"decisions": decisions}, headers=supervisor
        )
        assert reviewed.status_code == 200, reviewed.text

        # 6. Evaluations: the supervisor's rubric of the intern, the intern's of the unit.
        evaluated = await client.post(
            f"{V1}/evaluations/interns/{application_id}",
            json={"scores": dict.fromkeys(CRITERIA, 4), "comment": "Teliti."},
            headers=supervisor,
        )
        assert evaluated.status_code == 201 and evaluated.json()["score"] == 75.0
        unit = {"guidance": 4, "workload": 3, "learning": 5, "respect": 5, "facilities": 3}
        feedback = await client.post(
            f"{V1}/evaluations/mine/unit", json={"scores": unit}, headers=rina
        )
        assert feedback.status_code == 201, feedback.text

        # 7. Complete once the period is over: counted from the records, certified.
        done = await client.post(
            f"{APPLICATIONS}/{application_id}/completion", json={}, headers=supervisor
        )
        assert done.status_code == 201, done.text
        certificate = done.json()
        assert (certificate["working_days"], certificate["days_present"]) == (3, 3)
        assert (certificate["logbook_approved"], certificate["evaluation_score"]) == (3, 75)
        printed = await client.get(
            f"{CERTIFICATES}/{certificate['id']}/certificate.pdf", headers=supervisor
        )
        assert printed.status_code == 200
        assert certificate["verification_code"] in "".join(text_of(printed.content).split())
        verified = await client.get(f"{V1}/public/certificates/{certificate['verification_code']}")
        assert verified.status_code == 200 and verified.json()["valid"] is True
        assert verified.json()["unit"] == "intake"

        # 8. The alumnus: recorded from the application, updating their own record once.
        alumnus = await client.post(
            f"{V1}/alumni",
            json={
                "application_id": application_id,
                "name": "Rina Kartika",
                "institution": "Universitas Bengkulu",
                "email": "rina@example.id",
            },
            headers=supervisor,
        )
        assert alumnus.status_code == 201, alumnus.text
        link = await client.post(
            f"{V1}/alumni/{alumnus.json()['id']}/magic-link", headers=supervisor
        )
        assert link.status_code == 201, link.text
        token = link.json()["token"]
        own = await client.post(f"{V1}/public/alumni/self", json={"token": token})
        assert own.status_code == 200 and own.json()["fields"]["name"] == "Rina Kartika"
        update = {
            "name": "Rina Kartika",
            "institution": "Ombudsman RI Perwakilan Bengkulu",
            "consent": {"name": True, "institution": True},
            "visibility": "public",
            "token": token,
        }
        kept = await client.put(f"{V1}/public/alumni/self", json=update)
        assert kept.status_code == 200, kept.text
        directory = await client.get(f"{V1}/public/alumni", params={"office": "KAB"})
        assert {
            "name": "Rina Kartika",
            "institution": "Ombudsman RI Perwakilan Bengkulu",
        }.items() <= next(a for a in directory.json() if a["name"] == "Rina Kartika").items()
    finally:
        internship.app.dependency_overrides.pop(_now, None)

    # The three milestones reached the stream, once each, with references only.
    wanted = ("intern.applied", "intern.accepted", "intern.completed")

    async def published() -> Counter[str]:
        seen: Counter[str] = Counter()
        for event_type in wanted:
            events = await events_on_stream(infra.nats_url, f"apik.internship.{event_type}")
            seen[event_type] = sum(1 for e in events if e.subject == application_id)
        return seen

    seen = await eventually(published, lambda s: all(s[t] for t in wanted), within=15)
    assert seen == Counter(dict.fromkeys(wanted, 1))
    for event_type in wanted:
        [event] = await internship.outbox_events(event_type, subject=application_id)
        assert "Rina" not in str(event.data)
