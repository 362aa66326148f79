"""Fills a running APIK with the demo office's year (`data.py`), through the gateway's
public API only, as the bootstrap administrator and then as the office's own staff.

Idempotent: what exists is found and kept. Creating requests carry an `Idempotency-Key`
derived from the item's key (a replay answers with the first request's result), and
their historical moments count back from one stable instant, the creation of the
office's first intake officer, so a later run sends the very same bodies. Steps are
taken only from where an item stands: a report already verified is not verified again.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import httpx

from apik_shared.devstack.demo.community import community
from apik_shared.devstack.demo.data import (
    CASE_FATES,
    CONSULTATIONS,
    DEMO_PASSWORD,
    REPORTS,
    ROSTER,
    STAFF,
    TARGETS,
    VISITS,
    DemoReport,
    DemoVisit,
)
from apik_shared.vocabulary.ikm import ELEMENTS
from apik_shared.vocabulary.nik import parse_nik

AUTH = "/api/v1/auth"
REPORTS_PATH = "/api/v1/intake/reports"
CASES = "/api/v1/examination/cases"
VISITS_PATH = "/api/v1/consultation/visits"

TOKEN_SECONDS = 240  # below the gateway's default access-token lifetime (300 s)
ZONE = ZoneInfo("Asia/Jakarta")  # the demo office's (WIB)
OFFICE_NAMES = {"BKL": "Ombudsman RI Perwakilan Provinsi Bengkulu"}

# How far along intake each status is; a report is taken only forward.
_PROGRESS = {
    "registered": 0,
    "awaiting_completion": 1,
    "formally_verified": 1,
    "materially_verified": 2,
    "accepted": 3,
    "rejected": 3,
}
_TARGET_PROGRESS = {
    "registered": 0,
    "awaiting_completion": 1,
    "formally_verified": 1,
    "materially_verified": 2,
}


class CaseDays:
    """When a demo case's steps happened, in days after its opening (the plenary's
    decision, `PLENARY` days after the report's receipt), so that each case is in its
    fate's SLA state when the run ends; `data.REPORTS` picks receipt days and classes
    against these. The defaults' targets: sederhana 30 working days, sedang 120 calendar
    days (warning from day 96), berat 180 (from day 144), rapid response 14 (from day 12).

    - on track: meteran-pln, berat, opened 111 days ago: day 111 of 180, no warning yet;
    - near due: ktp-el, sedang, opened 105 days ago: day 105 of 120, in the warning;
    - breached: banjir-air, a rapid response opened 31 days ago, 14 days long;
    - paused: waiting since day 30 or day 20 (`PAUSED`, one each), sedang: 30 or 20
      days used of 120, the clock stopped there;
    - closed: the final report on day `CONCLUDED`, the closure on day `CLOSED`: within
      every target (20 calendar days are at most 16 working days), so met.
    """

    PLENARY = 9
    ASSIGNED = 0.05  # about an hour after the opening
    CLASSIFIED = 0.1
    PAUSED = (30, 20)  # picked by the case's place among the demo's cases, modulo 2
    CONCLUDED = 20
    ACTION_DONE = 23  # the agency's corrective action, for a case it resolved
    CLOSED = 25


_OCCUPATIONS = ("Petani", "Pedagang", "Guru", "Wiraswasta", "Karyawan swasta", "Nelayan")


class DemoError(RuntimeError):
    """The system answered something the demo did not expect."""


@dataclass
class Person:
    username: str
    subject: str  # the gateway's `user:<id>`, which every service keys people by
    headers: dict[str, str] | None = None  # signed in when first needed
    signed_in: float = 0.0  # the loop's clock then


@dataclass
class Summary:
    """What the run found (kept) and made (created), by kind."""

    created: dict[str, int] = field(default_factory=dict)
    kept: dict[str, int] = field(default_factory=dict)

    def count(self, kind: str, *, created: bool) -> None:
        into = self.created if created else self.kept
        into[kind] = into.get(kind, 0) + 1


def _fresh(response: httpx.Response) -> bool:
    """Whether a creating POST made something (not a replay of an earlier run's)."""
    return response.headers.get("idempotent-replayed") != "true"


def username(office: str, key: str) -> str:
    return f"{office.lower()}.{key}"


def _key(office: str, *parts: str) -> str:
    return "demo:" + ":".join((office, *parts))


def _nik(seed: str) -> str:
    """A NIK of Kota Bengkulu (1771) with a valid birth date, stable for a name."""
    digest = int(hashlib.sha256(seed.encode()).hexdigest(), 16)
    district, day, month = 1 + digest % 9, 1 + digest // 9 % 28, 1 + digest // 252 % 12
    year, serial = 60 + digest // 3024 % 40, 1 + digest // 120960 % 9999
    return f"1771{district:02d}{day:02d}{month:02d}{year:02d}{serial:04d}"


def _phone(seed: str) -> str:
    digits = int(hashlib.sha256(("phone" + seed).encode()).hexdigest(), 16) % 10**8
    return f"0812{digits:08d}"


class Demo:
    def __init__(
        self,
        client: httpx.AsyncClient,
        *,
        office: str,
        say: Callable[[str], None],
        wait_seconds: float = 60,
    ) -> None:
        self.client, self.office, self.say = client, office, say
        self.wait_seconds = wait_seconds
        self.summary = Summary()
        self.people: dict[str, Person] = {}
        self.anchor = datetime.now(UTC)

    # --- HTTP -----------------------------------------------------------------------

    async def call(
        self,
        method: str,
        path: str,
        headers: dict[str, str] | None = None,
        *,
        ok: tuple[int, ...] = (200, 201),
        **kwargs: Any,
    ) -> httpx.Response:
        response = await self.client.request(method, path, headers=headers, **kwargs)
        if response.status_code not in ok:
            raise DemoError(f"{method} {path}: {response.status_code} {response.text[:500]}")
        return response

    async def login(self, name: str, password: str) -> dict[str, str]:
        response = await self.call(
            "POST", f"{AUTH}/token", data={"username": name, "password": password}
        )
        return {"Authorization": f"Bearer {response.json()['access_token']}"}

    async def until(
        self, what: str, probe: Callable[[], Awaitable[Any]], ready: Callable[[Any], bool]
    ) -> Any:
        """`probe()` once `ready` says yes (events take a moment between services)."""
        deadline = asyncio.get_running_loop().time() + self.wait_seconds
        while True:
            value = await probe()
            if ready(value):
                return value
            if asyncio.get_running_loop().time() > deadline:
                raise DemoError(f"waited {self.wait_seconds:g}s for {what}")
            await asyncio.sleep(0.3)

    def at(self, days_ago: float) -> str:
        """A past moment, counted back from the run's stable anchor, for the record."""
        return (self.anchor - timedelta(days=days_ago)).isoformat()

    def after_opening(self, report: DemoReport, days: float) -> datetime:
        """The moment `days` after the case of `report` opened (its plenary decision)."""
        return self.anchor - timedelta(days=report.days_ago - CaseDays.PLENARY - days)

    # --- the gateway: the office, its staff ------------------------------------------

    async def office_and_staff(self, admin_password: str) -> None:
        admin = await self.login("admin", admin_password)
        found = await self.call("GET", f"{AUTH}/offices/{self.office}", admin, ok=(200, 404))
        if found.status_code == 404:
            body = {
                "code": self.office,
                "name": OFFICE_NAMES.get(self.office, f"Ombudsman RI Perwakilan {self.office}"),
                "timezone": ZONE.key,
                "address": "Jl. Demo No. 1, Kota Bengkulu",
                "letterhead": ["OMBUDSMAN REPUBLIK INDONESIA", f"PERWAKILAN {self.office}"],
                "head_name": "Ahmad Fauzi",
                "head_title": "Kepala Perwakilan",
            }
            idem = {**admin, "Idempotency-Key": _key(self.office, "office")}
            await self.call("POST", f"{AUTH}/offices", idem, json=body)
        self.summary.count("office", created=found.status_code == 404)

        existing = await self.users(admin)
        for staff in STAFF:
            name = username(self.office, staff.key)
            if name not in existing:
                body = {
                    "username": name,
                    "password": DEMO_PASSWORD,
                    "full_name": staff.full_name,
                    "office": self.office,
                    "roles": list(staff.roles),
                }
                idem = {**admin, "Idempotency-Key": _key(self.office, "user", name)}
                await self.call("POST", f"{AUTH}/users", idem, json=body)
            self.summary.count("users", created=name not in existing)
        accounts = await self.users(admin)
        for staff in STAFF:
            name = username(self.office, staff.key)
            self.people[staff.key] = Person(name, f"user:{accounts[name]['id']}")
        # The stable anchor of every historical moment: the first intake officer's
        # creation (the first run's "now").
        self.anchor = datetime.fromisoformat(accounts[username(self.office, "pvl1")]["created_at"])

    async def as_(self, key: str) -> dict[str, str]:
        """The headers of staff member `key`, signed in with the demo password once."""
        person, now = self.people[key], asyncio.get_running_loop().time()
        # Again before the access token's 5 minutes are up, on a slow machine.
        if person.headers is None or now - person.signed_in > TOKEN_SECONDS:
            person.headers = await self.login(person.username, DEMO_PASSWORD)
            person.signed_in = now
        return person.headers

    async def users(self, admin: dict[str, str]) -> dict[str, dict[str, Any]]:
        """The office's accounts by username, over every page."""
        found: dict[str, dict[str, Any]] = {}
        params: dict[str, str] = {"office": self.office, "limit": "100"}
        while True:
            page = (await self.call("GET", f"{AUTH}/users", admin, params=params)).json()
            found.update({u["username"]: u for u in page["items"]})
            if not page.get("next_cursor"):
                return found
            params["cursor"] = page["next_cursor"]

    async def roster(self) -> None:
        supervisor = await self.as_("spvriksa")
        for key, team, capacity in ROSTER:
            person = self.people[key]
            staff = next(s for s in STAFF if s.key == key)
            await self.call(
                "PUT",
                f"/api/v1/examination/offices/{self.office}/examiners/{person.subject}",
                supervisor,
                json={"display_name": staff.full_name, "team": team, "capacity": capacity},
            )
            self.summary.count("roster", created=True)  # a PUT: the same either way

    # --- intake: reports and consultations -------------------------------------------

    def _report_body(self, report: DemoReport) -> dict[str, Any]:
        return {
            "kind": "LM",
            "channel": report.channel,
            # The full identity formal verification checks for an LM (the birth date is
            # the one the NIK encodes, as the intake form requires).
            "reporter": {
                "name": report.reporter,
                "nik": _nik(report.reporter),
                "place_of_birth": "Bengkulu",
                "date_of_birth": parse_nik(_nik(report.reporter)).birth_date.isoformat(),
                "address": "Kota Bengkulu",
                "occupation": _OCCUPATIONS[len(report.reporter) % len(_OCCUPATIONS)],
                "phone": _phone(report.reporter),
            },
            "reported_agency": {"name": report.agency},
            "substance": report.substance,
            "summary": report.summary,
            "chronology": report.chronology,
            "event_date": (self.anchor - timedelta(days=report.days_ago + 20)).date().isoformat(),
            "received_at": self.at(report.days_ago),
        }

    async def report(self, report: DemoReport) -> dict[str, Any]:
        """The report registered and taken to its fate at intake; its current body."""
        officer = await self.as_("pvl1")
        idem = {**officer, "Idempotency-Key": _key(self.office, "report", report.key)}
        created = await self.call("POST", REPORTS_PATH, idem, json=self._report_body(report))
        report_id = created.json()["id"]
        current = (await self.call("GET", f"{REPORTS_PATH}/{report_id}", officer)).json()
        target = _TARGET_PROGRESS.get(report.fate, 3)
        done = _PROGRESS.get(current["status"], 3)
        steps: list[tuple[int, str, dict[str, Any]]] = []
        if report.fate == "awaiting_completion":
            steps.append(
                (
                    1,
                    "formal-verification",
                    {
                        "complete": False,
                        "missing": list(report.missing),
                        "notification": {
                            "channel": "whatsapp",
                            "message": "Mohon lengkapi: " + "; ".join(report.missing) + ".",
                        },
                        "decided_at": self.at(report.days_ago - 1),
                    },
                )
            )
        else:
            steps.append(
                (
                    1,
                    "formal-verification",
                    {
                        "complete": True,
                        "checklist": {
                            "identity": True,
                            "chronology": True,
                            "prior_complaint": True,
                            "within_two_years": True,
                        },
                        "decided_at": self.at(report.days_ago - 2),
                    },
                )
            )
            steps.append(
                (
                    2,
                    "material-verification",
                    {"within_authority": True, "decided_at": self.at(report.days_ago - 5)},
                )
            )
            if report.fate == "rejected":
                plenary: dict[str, Any] = {
                    "decision": "reject",
                    "reason": "Instansi terlapor masih menangani dalam waktu yang patut.",
                }
            else:
                plenary = {"decision": report.track}
            participants = [s.full_name for s in STAFF if s.key in ("kepala", "pvl1", "pvl2")]
            plenary |= {
                "participants": participants,
                "decided_at": self.at(report.days_ago - CaseDays.PLENARY),
            }
            steps.append((3, "plenary-decision", plenary))
        for level, path, body in steps:
            if done < level <= target:
                await self.call("POST", f"{REPORTS_PATH}/{report_id}/{path}", officer, json=body)
        self.summary.count("reports", created=_fresh(created))
        return dict((await self.call("GET", f"{REPORTS_PATH}/{report_id}", officer)).json())

    async def consultations(self) -> None:
        officer = await self.as_("pvl2")
        for key, days_ago, name, question, answer in CONSULTATIONS:
            body = {
                "kind": "KNL",
                "channel": "phone",
                "reporter": {"name": name, "phone": _phone(name)},
                "summary": question[:120],
                "question": question,
                "answer": answer,
                "received_at": self.at(days_ago),
            }
            idem = {**officer, "Idempotency-Key": _key(self.office, "knl", key)}
            created = await self.call("POST", REPORTS_PATH, idem, json=body)
            self.summary.count("consultations", created=_fresh(created))

    # --- examination: cases, their clocks, surveys -----------------------------------

    async def case_of(self, report_id: str) -> dict[str, Any]:
        examiner = await self.as_("spvriksa")

        async def cases() -> list[dict[str, Any]]:
            found = await self.call("GET", CASES, examiner, params={"report_id": report_id})
            return list(found.json()["items"])

        return dict((await self.until(f"the case of {report_id}", cases, bool))[0])

    async def case(self, report: DemoReport, report_id: str, index: int) -> dict[str, Any]:
        """The case of `report` taken to its fate, each step dated when it happened
        (`CaseDays`), so its SLA clock is the one of those dates."""
        supervisor = await self.as_("spvriksa")
        case = await self.case_of(report_id)
        url = f"{CASES}/{case['id']}"

        def when(days: float) -> str:
            return self.after_opening(report, days).isoformat()

        wrote = False
        if case["examiner_id"] is None:
            wrote = True
            examiner_key = ROSTER[index % len(ROSTER)][0]
            body = {
                "examiner_id": self.people[examiner_key].subject,
                "assigned_at": when(CaseDays.ASSIGNED),
            }
            await self.call("POST", f"{url}/assignment", supervisor, json=body)
            case = (await self.call("GET", url, supervisor)).json()
        # Its examiner works it; the supervisor, if someone else took it meanwhile.
        examiner = [k for k, p in self.people.items() if p.subject == case["examiner_id"]]
        headers = await self.as_(examiner[0]) if examiner else supervisor
        if case["classification"] is None:
            wrote = True
            body = {
                "classification": report.classification,
                "classified_at": when(CaseDays.CLASSIFIED),
            }
            await self.call("POST", f"{url}/classification", headers, json=body)
        if report.fate == "paused" and case["status"] == "open":
            wrote = True
            wait = ("waiting_reporter", "waiting_agency")[index % 2]
            note = "Menunggu dokumen pendukung." if index % 2 == 0 else "Menunggu jawaban terlapor."
            body = {"status": wait, "note": note, "paused_at": when(CaseDays.PAUSED[index % 2])}
            await self.call("POST", f"{url}/status", headers, json=body)
        detail = (await self.call("GET", url, headers)).json()
        if report.fate == "closed" and detail.get("closure") is None:
            wrote = True
            await self.close(report, url, detail, headers)
        self.summary.count(f"cases {report.fate}", created=wrote)
        return dict((await self.call("GET", url, headers)).json())

    async def close(
        self, report: DemoReport, url: str, detail: dict[str, Any], headers: dict[str, str]
    ) -> None:
        """The final report and the closure, on their days; a case the agency resolved
        lists the corrective action it carried out (the closure requires it done)."""
        outcome, route = report.outcome or ("no_maladministration", "written_clarification")
        resolved = outcome == "resolved_by_agency"
        if detail.get("conclusion") is None and outcome != "conciliation":
            conclusion: dict[str, Any] = (
                {
                    "finding": "maladministration_found",
                    "forms": ["undue_delay"],
                    "summary": "Terjadi penundaan berlarut; instansi telah memperbaikinya.",
                    "corrective_actions": ["Menyelesaikan layanan yang tertunda kepada pelapor."],
                }
                if resolved
                else {
                    "finding": "no_maladministration",
                    "summary": "Layanan telah sesuai prosedur.",
                }
            )
            conclusion["concluded_at"] = self.after_opening(report, CaseDays.CONCLUDED).isoformat()
            await self.call("POST", f"{url}/conclusion", headers, json=conclusion)
            detail = (await self.call("GET", url, headers)).json()
        actions = (detail.get("conclusion") or {}).get("corrective_actions") or []
        for n, action in enumerate(actions):
            if action["done_on"] is None:
                done = self.after_opening(report, CaseDays.ACTION_DONE).astimezone(ZONE).date()
                body = {"done_on": done.isoformat()}
                await self.call("POST", f"{url}/corrective-actions/{n}", headers, json=body)
        closure = {
            "outcome": outcome,
            "route": route,
            "closed_at": self.after_opening(report, CaseDays.CLOSED).isoformat(),
        }
        await self.call("POST", f"{url}/closure", headers, json=closure)

    async def survey(self, report_id: str, case_id: str, index: int) -> None:
        """The reporter answers the survey behind the link on their tracking page."""
        head = await self.as_("kepala")
        ikm = await self.call("GET", "/api/v1/examination/ikm", head, params={"case_id": case_id})
        if ikm.json()["responses"]:
            self.summary.count("surveys", created=False)
            return
        officer = await self.as_("pvl1")
        pin = (await self.call("POST", f"{REPORTS_PATH}/{report_id}/tracking-pin", officer)).json()
        track = {"X-Tracking-PIN": pin["tracking_pin"]}
        public = f"/api/v1/intake/public/reports/{pin['registration_number']}"

        async def view() -> dict[str, Any]:
            return dict((await self.call("GET", public, track)).json())

        shown = await self.until(
            "the survey link", view, lambda v: bool((v.get("outcome") or {}).get("survey_url"))
        )
        # The link is the web app's survey page (`/survei/<token>`); its API is examination's.
        token = shown["outcome"]["survey_url"].rsplit("/", 1)[1]
        path = f"/api/v1/examination/public/surveys/{token}"
        answers = {e.value: 4 - (index + n) % 2 for n, e in enumerate(ELEMENTS)}
        await self.call("POST", path, json={"answers": answers}, ok=(201,))
        self.summary.count("surveys", created=True)

    # --- the desk, the targets --------------------------------------------------------

    async def visit(self, visit: DemoVisit) -> None:
        desk = await self.as_("amer")
        body = {
            "visitor": {
                "name": visit.visitor,
                "institution": visit.institution,
                "phone": _phone(visit.visitor),
            },
            "category": visit.category,
            "description": visit.description,
        }
        if visit.tender is not None:
            # Announced two days before the first run: in time for an objection then,
            # and the same body on every later run (the anchor does not move).
            announced = (self.anchor - timedelta(days=2)).astimezone(ZONE).date()
            body |= {"tender_reference": visit.tender, "announced_on": announced.isoformat()}
        idem = {**desk, "Idempotency-Key": _key(self.office, "visit", visit.key)}
        created = await self.call("POST", VISITS_PATH, idem, json=body)
        url = f"{VISITS_PATH}/{created.json()['id']}"
        status = (await self.call("GET", url, desk)).json()["status"]
        if status in ("waiting", "assigned"):
            await self.call("POST", f"{url}/start", desk)
            status = "in_service"
        if status in ("in_service", "paused"):
            if status == "paused":
                await self.call("POST", f"{url}/resume", desk)
            outcome = {"outcome": "Dijelaskan prosedur dan dasar hukumnya."}
            await self.call("POST", f"{url}/end", desk, json=outcome)
            status = "ended"
        if status == "ended" and visit.rating is not None:
            await self.call("POST", f"{url}/rating", desk, json={"score": visit.rating})
        shown = (await self.call("GET", url, desk)).json()
        if visit.answer and shown["category"] == "objection" and shown["answered_at"] is None:
            await self.call("POST", f"{url}/answer", desk, json={"answer": visit.answer})
        self.summary.count("visits", created=_fresh(created))

    async def targets(self) -> None:
        head = await self.as_("kepala")
        year = datetime.now(UTC).year
        await self.call(
            "PUT",
            f"/api/v1/reporting/targets/{year}",
            head,
            json={"office": self.office, "targets": TARGETS},
        )
        self.summary.count("targets", created=True)


async def fill(
    client: httpx.AsyncClient,
    *,
    admin_password: str,
    office: str = "BKL",
    say: Callable[[str], None] = print,
    wait_seconds: float = 60,
) -> Summary:
    """The demo office's year in the system behind `client` (the gateway's base URL)."""
    demo = Demo(client, office=office, say=say, wait_seconds=wait_seconds)
    say(f"office {office} and its staff (password {DEMO_PASSWORD!r} for every one)")
    await demo.office_and_staff(admin_password)
    say("the examiners' roster")
    await demo.roster()
    say(f"{len(REPORTS)} reports and {len(CONSULTATIONS)} consultations")
    reports = {r.key: await demo.report(r) for r in REPORTS}
    await demo.consultations()
    say("cases, with their real dates: on track, near due, breached, paused and closed")
    closed: list[tuple[str, str]] = []
    for index, report in enumerate(r for r in REPORTS if r.fate in CASE_FATES):
        case = await demo.case(report, reports[report.key]["id"], index)
        if report.fate == "closed":
            closed.append((reports[report.key]["id"], case["id"]))
    say("the reporters' surveys")
    for index, (report_id, case_id) in enumerate(closed[:-1]):  # one reporter never answers
        await demo.survey(report_id, case_id, index)
    say("desk visits and ratings")
    for visit in VISITS:
        await demo.visit(visit)
    say("the year's targets")
    await demo.targets()
    say("a Sahabat Ombudsman group, its member and the member's own account")
    await community(demo, await demo.login("admin", admin_password))
    return demo.summary
