"""The web app in a real browser against the real stack: a citizen files a report on the
public form and tracks it; an intake officer signs in, finds it in the home page's
queue, registers one at the desk and signs out; an examiner of another office finds a
case handed over there on the examination board, opens it by keyboard, records an
activity (meeting a colleague's newer change on the way), issues the final report,
marks its corrective action done and closes it; a desk officer serves a visitor from
check-in to the printed form, and the head of that office sees the visit counted on the
KPI dashboard and edits a target; an intern raises the Red Button anonymously and a
protection officer acknowledges it; an applicant applies for an internship and an
unknown certificate code is checked; a national admin opens an office, adds its users
(an office admin's guarded role change waits for the national admin's approval, and
a page left open on it is refused its decline, the proposal's status said in words, in
English too once switched, and the decided proposal leaves the list) and
registers an API client whose secret is shown once, then adds a webhook subscription and
switches it off, on and to a new secret by the buttons its state allows; the head of an
office excepts a report from the event's age limit on its page; a prevention officer reads an
assessment's explained score, the agreements, a clinic's N-gain and a study, and anyone
reads the public results and checks a clinic certificate; a prevention officer writes a
press release that the head approves, publishes it and anyone reads it with its number,
logs a social media post and nominates a village; an intern writes the logbook and marks
a guidebook read; the head of an office imports old records (a bad row fixed by the
status mapping) and follows the sync with a simulated LAPOR! portal, down to a pulled
report's files. A reporter answers the satisfaction survey a closed case's tracking
page offers (a question left out is marked where it is), and the head of that office sees
the IKM move. axe checks every page on the way. The public journeys' citizens come from
a network of their own each run (X-Forwarded-For, loopback being the trusted proxy:
conftest.py), so the wrong PINs they type on purpose never add up to another run's
lockout.

The journeys live in `frontend/e2e/run.mjs` (playwright-core driving Debian's Chromium,
never a downloaded browser); this test starts the stack, builds the app when it is
missing or stale, makes the officer, and runs them. Screenshots land in
`frontend/e2e/screenshots/` (ignored by git) to be looked at.
"""

from __future__ import annotations

import asyncio
import os
import re
import shutil
import subprocess
import time
import uuid
from datetime import date, timedelta
from pathlib import Path

import httpx
import pytest

from apik_shared.devstack.stack import Stack
from tests.e2e.bulk_data import bulk_office
from tests.e2e.community_data import community_office
from tests.e2e.integration_data import portal_office
from tests.e2e.office import (
    Office,
    create_user,
    handed_over_case,
    intake_staff,
    login,
    on_roster,
    open_office,
    subject_of,
)
from tests.e2e.survey_data import closed_case_for_survey
from tests.e2e.webapp_data import (
    intern_account,
    mori_office,
    prevention_office,
    publications_office,
)
from tests.intake.builders import report_body
from tests.integration.portal_sim import PortalSim

pytestmark = pytest.mark.e2e
FRONTEND = Path(__file__).parents[2] / "frontend"
CHROMIUM = os.environ.get("APIK_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
PASSWORD = "Kata-Sandi-Rahasia-2026!"


def _why_not() -> str | None:
    if shutil.which("node") is None or shutil.which("npm") is None:
        return "Node.js 20+ with npm is not installed (the web app's only extra requirement)"
    if not Path(CHROMIUM).is_file():
        return f"no Chromium at {CHROMIUM} (Debian: apt-get install chromium; .ci/run does)"
    if not (FRONTEND / "node_modules" / "playwright-core").is_dir():
        return "frontend/node_modules is missing: `make webtest` (or `npm ci` in frontend/)"
    return None


# The journeys in the order they run, each in a pass of its own with its own time limit
# (one pass of them all outgrew any single limit as screens were added), all in one
# browser (`frontend/e2e/run.mjs`). Order matters where one journey counts what another
# did: the desk's visit before the KPIs.
JOURNEYS = [
    "citizen",
    "examiner",
    "desk",
    "kpi",
    "survey",
    "redbutton",
    "internship",
    "admin",
    "prevention",
    "intern",
    "docs",
    "duplicates",
    "archive",
    "offices",
    "assignment",
    "substances",
    "agelimit",
    "mori",
    "publications",
    "prevention-write",
    "community",
    "imports",
    "palette",
    "publicform",
    "bulk",
]
JOURNEY_SECONDS = 420


def test_every_journey_is_run() -> None:
    """A journey written in `frontend/e2e/` but missing above would never run."""
    written = set()
    for script in (FRONTEND / "e2e").glob("*.mjs"):
        written |= set(re.findall(r'wanted\("([a-z-]+)"\)', script.read_text()))
    assert written == set(JOURNEYS), sorted(written ^ set(JOURNEYS))


@pytest.mark.timeout(300 + JOURNEY_SECONDS * len(JOURNEYS) // 2)
async def test_citizen_and_officer_journeys(stack: Stack, portal_sim: PortalSim) -> None:
    if (reason := _why_not()) is not None:
        pytest.skip(reason)
    # The simulated LAPOR! portal serves the pull while the journeys run.
    await portal_sim.start()
    # The journeys' data is made by many calls side by side (`_journeys`): each is given
    # longer than one alone would need, on two busy cores.
    try:
        async with httpx.AsyncClient(base_url=stack.url, timeout=30) as gateway:
            await _journeys(stack, gateway, portal_sim)
    finally:
        await portal_sim.stop()


async def _journeys(stack: Stack, gateway: httpx.AsyncClient, portal_sim: PortalSim) -> None:
    # The build the gateway serves, made again when a source is newer (as `make up` does).
    await asyncio.to_thread(
        subprocess.run, ["make", "-s", "web"], cwd=FRONTEND.parent, check=True, timeout=300
    )
    started = time.monotonic()
    admin = await login(gateway, "admin", stack.admin_password)
    username = f"pvl{uuid.uuid4().hex[:6]}"
    created = await gateway.post(
        "/api/v1/auth/users",
        headers=admin,
        json={
            "username": username,
            "password": PASSWORD,
            "full_name": "Petugas PVL",
            "office": "PUSAT",
            "roles": ["intake_officer"],
        },
    )
    assert created.status_code == 201, created.text
    # The administrator of the administration journey: national (opens offices).
    national_admin = f"adm{uuid.uuid4().hex[:6]}"
    # Every journey's people and data are its own (offices of their own): made side by
    # side, their waits for events crossing services overlap instead of adding up.
    async with asyncio.TaskGroup() as made:
        examined = made.create_task(_case_to_examine(stack, gateway, admin))
        desk = made.create_task(_desk_and_head(gateway, admin))
        protection = made.create_task(_protection_officer(gateway, admin))
        made.create_task(create_user(gateway, admin, national_admin, "PUSAT", "admin", "national"))
        # The prevention unit's office and an intern (tests/e2e/webapp_data.py).
        prevention_made = made.create_task(prevention_office(gateway, admin))
        intern_made = made.create_task(intern_account(gateway, admin))
        mori_made = made.create_task(mori_office(gateway, admin))  # internship staff screens
        publications_made = made.create_task(publications_office(gateway, admin))
        community_made = made.create_task(community_office(gateway, admin))
        portal_made = made.create_task(portal_office(gateway, admin, portal_sim))  # imports
        survey_made = made.create_task(closed_case_for_survey(gateway, admin))  # survey
        duplicates = made.create_task(_duplicate_pair(gateway, admin))
        assignment = made.create_task(_case_to_assign(gateway, admin))
        too_old = made.create_task(_report_too_old(gateway, admin))
        bulk_made = made.create_task(bulk_office(gateway, admin))  # the bulk actions' journey
    examiner, case = examined.result()
    desk_officer, supervisor, head = desk.result()
    protection_officer, protection_office, protection_head = protection.result()
    prevention, intern, mori = prevention_made.result(), intern_made.result(), mori_made.result()
    publications, community = publications_made.result(), community_made.result()
    portal, survey, bulk = portal_made.result(), survey_made.result(), bulk_made.result()
    dup_officer, dup_report, dup_other, dup_office = duplicates.result()
    assigner, unassigned = assignment.result()
    age_head, old_report = too_old.result()
    print(f"the journeys' data made in {time.monotonic() - started:.1f} s")  # -rP shows it
    env = {
        **os.environ,
        **prevention,
        **intern,
        **mori,
        **publications,
        **community,
        **portal,
        **survey,
        **bulk,
        "APIK_URL": stack.url,
        "APIK_OFFICER_USER": username,
        "APIK_OFFICER_PASSWORD": PASSWORD,
        "APIK_EXAMINER_USER": examiner,
        "APIK_CASE_ID": case["id"],
        "APIK_CASE_NUMBER": case["registration_number"],
        "APIK_DESK_USER": desk_officer,
        "APIK_DESK_SUPERVISOR_USER": supervisor,
        "APIK_HEAD_USER": head,
        "APIK_PROTECTION_USER": protection_officer,
        "APIK_PROTECTION_OFFICE": protection_office,
        "APIK_PROTECTION_HEAD_USER": protection_head,
        "APIK_ADMIN_USER": national_admin,
        "APIK_DUP_USER": dup_officer,
        "APIK_DUP_REPORT_ID": dup_report["id"],
        "APIK_DUP_REPORT_NUMBER": dup_report["registration_number"],
        "APIK_DUP_OTHER_NUMBER": dup_other["registration_number"],
        "APIK_DUP_OFFICE": dup_office,
        "APIK_ASSIGN_USER": assigner,
        "APIK_ASSIGN_CASE_ID": unassigned["id"],
        "APIK_AGE_HEAD_USER": age_head,
        "APIK_AGE_REPORT_ID": old_report["id"],
        "APIK_AGE_REPORT_NUMBER": old_report["registration_number"],
        "APIK_SCREENSHOTS": str(FRONTEND / "e2e" / "screenshots"),
        "APIK_CHROMIUM": CHROMIUM,
    }
    # APIK_JOURNEYS=desk,kpi runs only those (while working on a screen).
    only = [j for j in os.environ.get("APIK_JOURNEYS", "").split(",") if j]
    journeys = [j for j in JOURNEYS if not only or j in only]
    run = await asyncio.to_thread(
        subprocess.run,
        ["node", "e2e/run.mjs"],
        cwd=FRONTEND,
        env={
            **env,
            "APIK_JOURNEYS": ",".join(journeys),
            "APIK_JOURNEY_SECONDS": str(JOURNEY_SECONDS),
        },
        capture_output=True,
        text=True,
        # Each pass keeps its own limit; this one only bounds a browser that hangs.
        timeout=JOURNEY_SECONDS * len(journeys) + 120,
        check=False,
    )
    passes = dict(re.findall(r"^journey ([a-z-]+): \d+ passed, (\d+) failed ", run.stdout, re.M))
    failed = [j for j in journeys if passes.get(j) != "0"]
    print(*re.findall(r"^journey .*$", run.stdout, re.M), sep="\n")  # each one's time, -rP
    assert run.returncode == 0 and not failed, f"failed: {failed}\n{run.stdout}{run.stderr}"


async def _case_to_examine(
    stack: Stack, gateway: httpx.AsyncClient, admin: dict[str, str]
) -> tuple[str, dict]:
    """An examiner of an office of their own (its board holds only this test's case,
    whatever the other e2e tests hand over), and a case there: a report registered,
    verified and accepted at the plenary, opened by examination from the handoff."""
    code = await open_office(gateway, admin, "RK", "Asia/Makassar")
    tag = uuid.uuid4().hex[:6]
    _, case = await handed_over_case(await intake_staff(gateway, admin, code, tag))
    return f"riksa{tag}", case


async def _desk_and_head(gateway: httpx.AsyncClient, admin: dict[str, str]) -> tuple[str, str, str]:
    """A desk officer, a desk supervisor and the head of an office of their own (in WIT):
    its queue holds only this test's visitors, and its KPIs count only their visits."""
    code = await open_office(gateway, admin, "ML", "Asia/Jayapura")
    tag = uuid.uuid4().hex[:6]
    desk_officer, supervisor, head = f"meja{tag}", f"spv{tag}", f"kepala{tag}"
    await create_user(gateway, admin, desk_officer, code, "desk_officer")
    await create_user(gateway, admin, supervisor, code, "desk_supervisor")
    await create_user(gateway, admin, head, code, "head")
    return desk_officer, supervisor, head


async def _protection_officer(
    gateway: httpx.AsyncClient, admin: dict[str, str]
) -> tuple[str, str, str]:
    """A protection officer and the head of an office of their own (in WITA): its Red
    Button cases are only the one this test's intern raises; the head records where the
    officer is alerted."""
    code = await open_office(gateway, admin, "TM", "Asia/Makassar")
    username = f"lindung{uuid.uuid4().hex[:6]}"
    await create_user(gateway, admin, username, code, "protection_officer")
    head = f"kepalatm{uuid.uuid4().hex[:6]}"
    await create_user(gateway, admin, head, code, "head")
    return username, code, head


async def _duplicate_pair(
    gateway: httpx.AsyncClient, admin: dict[str, str]
) -> tuple[str, dict, dict, str]:
    """An intake officer of an office of their own (in WIB) and two reports there by the
    same reporter with nearly the same text: the second's duplicate panel shows the
    first, and only it. The office is the one the administration journey edits."""
    code = await open_office(gateway, admin, "DP")
    username = f"ganda{uuid.uuid4().hex[:6]}"
    officer = await create_user(gateway, admin, username, code, "intake_officer")
    office = Office(gateway, officer, officer)
    first, second = await office.register(), await office.register()
    assert first.status_code == 201 and second.status_code == 201, first.text + second.text
    return username, second.json(), first.json(), code


async def _case_to_assign(gateway: httpx.AsyncClient, admin: dict[str, str]) -> tuple[str, dict]:
    """An examination supervisor of an office of their own, its roster of one examiner
    with the round-robin on, and an accepted case there waiting for an examiner."""
    code = await open_office(gateway, admin, "PN")
    tag = uuid.uuid4().hex[:6]
    office = await intake_staff(gateway, admin, code, tag)
    username = f"spvriksa{tag}"
    supervisor = await create_user(gateway, admin, username, code, "examination_supervisor")
    subject = await subject_of(gateway, office.examiner)
    await on_roster(gateway, supervisor, code, subject, "Rina Pemeriksa")
    _, case = await handed_over_case(office)
    offices = f"/api/v1/examination/offices/{code}"
    # On only now: the case, opened before, waits for a hand, and the screen shows the turn.
    rotation = await gateway.put(f"{offices}/rotation", headers=supervisor, json={"enabled": True})
    assert rotation.status_code == 200, rotation.text
    return username, case


async def _report_too_old(gateway: httpx.AsyncClient, admin: dict[str, str]) -> tuple[str, dict]:
    """The head of an office of their own and a report there whose event happened three
    years before it was received: older than the limit, it waits for the head's exception."""
    code = await open_office(gateway, admin, "UM")
    tag = uuid.uuid4().hex[:6]
    officer = await create_user(gateway, admin, f"pvlum{tag}", code, "intake_officer")
    head = f"kepalaum{tag}"
    await create_user(gateway, admin, head, code, "head")
    event = date.today().replace(day=1) - timedelta(days=3 * 366)
    created = await gateway.post(
        "/api/v1/intake/reports",
        json=report_body(event_date=event.isoformat()),
        headers=officer,
    )
    assert created.status_code == 201, created.text
    report = created.json()
    assert "event_older_than_two_years" in report["flags"], report["flags"]
    return head, report
